-- 0022_consent: consent artefacts in the manner of the Account Aggregator's
-- (DEPA; docs/consent.md). An enterprise grants Samanvay (the data consumer)
-- the use of one source (the AA's "FI type") for one purpose over a period
-- of days. Rows are never updated or deleted: a revocation is a row of its
-- own in consent_revocation, so the history stays whole. The newest
-- artefact for an (enterprise, source, purpose) decides; without one, the
-- policy (data/consent_policy.csv) does. Dates are ISO text (YYYY-MM-DD),
-- compared as strings, as in gst_return; times are ISO 8601 UTC text.
CREATE TABLE consent_artefact (
    id {{AUTO_ID}},
    consent_id TEXT NOT NULL UNIQUE,           -- 'CA-' + 16 random hex digits
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    consumer TEXT NOT NULL DEFAULT 'samanvay',
    source TEXT NOT NULL,
    purpose TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES app_user(id), -- NULL: a feed's artefact
    origin TEXT NOT NULL,                      -- 'portal' | 'api' | 'feed'
    -- 'explicit': granted by the enterprise; 'deemed': the policy's default
    -- grant written down when the enterprise withdrew it, so that the
    -- withdrawal is a revocation of an artefact like any other.
    basis TEXT NOT NULL DEFAULT 'explicit',
    src_file BIGINT REFERENCES ingest_file(id),  -- a feed's artefact: its file and row
    src_row BIGINT,
    CHECK (basis IN ('explicit', 'deemed')),
    CHECK (source IN ('gst', 'credit', 'skilling', 'epfo', 'energy')),
    CHECK (purpose IN ('eligibility', 'officer_view', 'statistics')),
    CHECK (valid_from <= valid_to),
    CHECK (origin IN ('portal', 'api', 'feed'))
);
-- The filter's probe: the newest artefact of one (enterprise, source, purpose).
CREATE INDEX consent_artefact_key ON consent_artefact(enterprise_id, source, purpose, id);
-- A feed's row is loaded once: a reload or a resumed load finds it here.
CREATE UNIQUE INDEX consent_artefact_feed_row ON consent_artefact(src_file, src_row);
CREATE TABLE consent_revocation (
    artefact_id BIGINT PRIMARY KEY REFERENCES consent_artefact(id),
    revoked_at TEXT NOT NULL,
    revoked_by BIGINT REFERENCES app_user(id),
    origin TEXT NOT NULL,
    CHECK (origin IN ('portal', 'api', 'feed'))
);
