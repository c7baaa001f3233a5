-- 0003_portal: what the portal adds to the store: facts people give or
-- correct (with provenance), applications in bundles with their append-only
-- events, grievances with theirs, delayed-payment claims and notifications.
-- Portable SQL for SQLite 3.40 and PostgreSQL 15. Dates people act on are
-- ISO 8601 dates in IST ('2026-12-05'); instants are ISO 8601 UTC text.
-- The *_event tables are append-only: the store has no UPDATE or DELETE
-- for them, and the current state kept on the parent row is a cache of the
-- last event, moved only by a compare-and-set on the state it was read in.

-- A fact about an enterprise given on the portal, one row per giving: the
-- newest row per (enterprise, path) is the fact, the older ones are the
-- corrections' history. `value` is JSON text in the profile's shape for
-- that path (null = known to be absent).
CREATE TABLE profile_fact (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    path TEXT NOT NULL,            -- profile field path, 'enterprise.turnover'
    value TEXT NOT NULL,
    source TEXT NOT NULL,          -- 'self' (the entrepreneur), 'officer'
    replaced TEXT,                 -- what the record said before, as shown then (a correction)
    replaced_source TEXT,          -- where that came from ('udyam file 3 row 12')
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    at TEXT NOT NULL
);
CREATE INDEX profile_fact_enterprise ON profile_fact(enterprise_id, path, id);

-- One common application: the form answered once for several schemes.
CREATE TABLE bundle (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    answers TEXT NOT NULL,         -- JSON object: field id -> text; "documents": [ids]
    created_at TEXT NOT NULL
);
CREATE INDEX bundle_enterprise ON bundle(enterprise_id);

CREATE TABLE application (
    id {{AUTO_ID}},
    bundle_id BIGINT NOT NULL REFERENCES bundle(id),
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    scheme_id TEXT NOT NULL,
    state TEXT NOT NULL,           -- core/application.h names; cache of the last event
    gst_state TEXT NOT NULL,       -- the enterprise's place when applying: officers' scope
    district TEXT,
    sla_days INTEGER NOT NULL,     -- from the scheme file when applying
    eligibility TEXT NOT NULL,     -- eligible | unknown when applying
    benefit_paise BIGINT,          -- the estimate shown when applying
    created_on TEXT NOT NULL,      -- IST date
    updated_at TEXT NOT NULL
);
CREATE INDEX application_enterprise ON application(enterprise_id, scheme_id);
CREATE INDEX application_scope ON application(gst_state, district, state);
CREATE INDEX application_bundle ON application(bundle_id);

CREATE TABLE application_event (
    id {{AUTO_ID}},
    application_id BIGINT NOT NULL REFERENCES application(id),
    action TEXT NOT NULL,          -- 'create' for the first row, else core/application.h names
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    role TEXT NOT NULL,
    on_date TEXT NOT NULL,         -- IST date: the SLA clock counts these
    at TEXT NOT NULL
);
CREATE INDEX application_event_application ON application_event(application_id, id);

-- A delayed-payment claim (MSMED Act 2006, sections 15-16): a buyer has
-- not paid within 45 days of acceptance.
CREATE TABLE payment_claim (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    buyer TEXT NOT NULL,
    invoice_no TEXT NOT NULL,
    amount_paise BIGINT NOT NULL,
    accepted_on TEXT NOT NULL,     -- date the goods or services were accepted
    state TEXT NOT NULL,           -- filed | settled | withdrawn
    filed_on TEXT NOT NULL,
    CHECK (amount_paise > 0)
);
CREATE INDEX payment_claim_enterprise ON payment_claim(enterprise_id);

CREATE TABLE grievance (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    subject TEXT NOT NULL,         -- application | scheme | payment
    application_id BIGINT REFERENCES application(id),
    scheme_id TEXT,
    payment_claim_id BIGINT REFERENCES payment_claim(id),
    category TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,           -- core/grievance.h names; cache of the last event
    level TEXT NOT NULL,           -- district | state | ministry
    level_since TEXT NOT NULL,     -- IST date it reached this level
    rating INTEGER,
    gst_state TEXT NOT NULL,       -- officers' scope
    district TEXT,
    filed_on TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (subject IN ('application', 'scheme', 'payment'))
);
CREATE INDEX grievance_enterprise ON grievance(enterprise_id);
CREATE INDEX grievance_scope ON grievance(gst_state, district, state);

CREATE TABLE grievance_event (
    id {{AUTO_ID}},
    grievance_id BIGINT NOT NULL REFERENCES grievance(id),
    action TEXT NOT NULL,          -- file | acknowledge | resolve | rate | appeal | escalate
    level TEXT NOT NULL,           -- the level after the action
    body TEXT,                     -- resolution text, or the rating as text
    user_id BIGINT REFERENCES app_user(id), -- NULL: the deadline escalated it
    role TEXT NOT NULL,            -- or 'system'
    on_date TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX grievance_event_grievance ON grievance_event(grievance_id, id);

-- What the enterprise should know: rendered in the reader's language when
-- shown, so only the kind and its references are kept.
CREATE TABLE notification (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    kind TEXT NOT NULL,            -- 'application.sanctioned', 'grievance.resolved', ...
    application_id BIGINT REFERENCES application(id),
    grievance_id BIGINT REFERENCES grievance(id),
    scheme_id TEXT,
    detail TEXT,                   -- the officer's reason, shown as given
    at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notification_enterprise ON notification(enterprise_id, id);

-- A request to link an account to an existing enterprise record that has
-- no second identifier to match (no PAN on record): an officer decides.
CREATE TABLE enterprise_claim (
    id {{AUTO_ID}},
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    state TEXT NOT NULL,           -- pending | approved | refused
    gst_state TEXT NOT NULL,
    district TEXT,
    decided_by BIGINT REFERENCES app_user(id),
    reason TEXT,
    at TEXT NOT NULL
);
CREATE INDEX enterprise_claim_scope ON enterprise_claim(gst_state, district, state);
