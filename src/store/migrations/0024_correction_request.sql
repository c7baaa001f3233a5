-- 0024_correction_request: an entrepreneur asks the district office to correct a
-- field of its golden record (issue 9, privacy; docs/privacy.md). The request
-- names the field, the value it says is right and why; an officer of the
-- enterprise's area accepts it (which writes a profile_fact of source 'officer'
-- with the officer as author, the golden record's officer correction) or rejects
-- it with a reason. Moved by compare-and-set on state = 'pending'.
CREATE TABLE correction_request (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    user_id BIGINT NOT NULL REFERENCES app_user(id),   -- who asked
    path TEXT NOT NULL,            -- profile field path, 'enterprise.turnover'
    value TEXT NOT NULL,           -- the value asked for, as the form's text ('1250000')
    current_value TEXT NOT NULL,   -- what the record showed when asked, as that text ('' unknown)
    reason TEXT NOT NULL,          -- why the entrepreneur says it is right
    state TEXT NOT NULL,           -- pending | accepted | rejected
    gst_state TEXT NOT NULL,       -- officers' scope, copied from the enterprise
    district TEXT,
    created_at TEXT NOT NULL,
    decided_by BIGINT REFERENCES app_user(id),
    decision_reason TEXT,          -- the officer's words: why rejected, or a note on acceptance
    decided_at TEXT,
    fact_id BIGINT REFERENCES profile_fact(id), -- accepted: the officer's fact it wrote
    CHECK (state IN ('pending', 'accepted', 'rejected'))
);
CREATE INDEX correction_request_enterprise ON correction_request(enterprise_id, id);
CREATE INDEX correction_request_scope ON correction_request(gst_state, district, state);
