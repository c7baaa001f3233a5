-- 0017_impact_run: stored runs of `samanvay impact --save` (issue 8,
-- docs/impact.md). Estimation with a bootstrap takes tens of seconds, too
-- long for a page request, so the batch run keeps its whole answer (the
-- `impact --json` document) and /policy/impact shows the latest one.
CREATE TABLE impact_run (
    id {{AUTO_ID}},
    created_at TEXT NOT NULL,
    draws INTEGER NOT NULL,
    seed BIGINT NOT NULL,
    result TEXT NOT NULL           -- JSON: the impact --json document
);
