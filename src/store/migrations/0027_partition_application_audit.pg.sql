-- 0027_partition_application_audit (PostgreSQL only; recorded and skipped
-- on SQLite). The two remaining large tables of issue 10, after gst_return
-- and credit_status (0025).
--
-- application, by state. Officers' worklists, SLA counts and the state
-- dashboards all read `gst_state = $1` (an officer's scope), so a partition
-- per GST state code is one partition read per worklist, and a state's
-- applications vacuum, detach and move to a state node as a unit. The key
-- becomes (id, gst_state) because PostgreSQL requires the partition key in
-- every unique constraint; the three tables that name an application carry
-- its state since 0026 and refer to the pair. Ids still come from one
-- sequence, so an id alone still names one application.
--
-- audit_log, by year of `at`. The log is one hash chain over the whole
-- country in id order (0020); what reads it besides `audit verify` is the
-- reason-hold check (a user's reads of an enterprise since an hour ago:
-- pruned to the current year's partition) and an enterprise's own history
-- (an index probe a partition). Retention and archiving go by age, never by
-- state: a year detaches whole, and because ids grow with time a detached
-- year is a contiguous stretch of the chain that still verifies on its own
-- from the hash it starts at. A state partition would split every one of
-- these reads and none of the chain.

-- Identity columns are not allowed on a partitioned table in PostgreSQL 15:
-- both tables take their ids from a plain sequence set past the highest id.

ALTER TABLE application_event DROP CONSTRAINT application_event_application_id_fkey;
ALTER TABLE grievance DROP CONSTRAINT grievance_application_id_fkey;
ALTER TABLE notification DROP CONSTRAINT notification_application_id_fkey;
ALTER TABLE application RENAME TO application_before_partitioning;
ALTER INDEX application_enterprise RENAME TO application_before_partitioning_enterprise;
ALTER INDEX application_scope RENAME TO application_before_partitioning_scope;
ALTER INDEX application_bundle RENAME TO application_before_partitioning_bundle;

CREATE TABLE application (
    id BIGINT NOT NULL,
    bundle_id BIGINT NOT NULL REFERENCES bundle(id),
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    scheme_id TEXT NOT NULL,
    state TEXT NOT NULL,
    gst_state TEXT NOT NULL,
    district TEXT,
    sla_days INTEGER NOT NULL,
    eligibility TEXT NOT NULL,
    benefit_paise BIGINT,
    created_on TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (id, gst_state)
) PARTITION BY RANGE (gst_state);

-- As gst_return (0025): GST state codes 01..38, 97 and 99, then a default.
DO $$
DECLARE
    code INTEGER;
BEGIN
    FOR code IN 1..38 LOOP
        EXECUTE format('CREATE TABLE application_s%s PARTITION OF application FOR VALUES FROM (%L) TO (%L)',
                       lpad(code::text, 2, '0'), lpad(code::text, 2, '0'), lpad((code + 1)::text, 2, '0'));
    END LOOP;
END
$$;
CREATE TABLE application_s97 PARTITION OF application FOR VALUES FROM ('97') TO ('98');
CREATE TABLE application_s99 PARTITION OF application FOR VALUES FROM ('99') TO ('9:');
CREATE TABLE application_other PARTITION OF application DEFAULT;

INSERT INTO application SELECT * FROM application_before_partitioning;
DROP TABLE application_before_partitioning;
CREATE SEQUENCE application_id_seq OWNED BY application.id;
SELECT setval('application_id_seq', COALESCE(MAX(id), 0) + 1, false) FROM application;
ALTER TABLE application ALTER COLUMN id SET DEFAULT nextval('application_id_seq');
CREATE INDEX application_enterprise ON application(enterprise_id, scheme_id);
CREATE INDEX application_scope ON application(gst_state, district, state);
CREATE INDEX application_bundle ON application(bundle_id);

ALTER TABLE application_event ALTER COLUMN application_gst_state SET NOT NULL;
ALTER TABLE application_event ADD CONSTRAINT application_event_application_fkey
    FOREIGN KEY (application_id, application_gst_state) REFERENCES application(id, gst_state);
-- A grievance or notification need not name an application; when it does,
-- the pair must be whole (a half-null pair would escape the foreign key).
ALTER TABLE grievance ADD CONSTRAINT grievance_application_fkey
    FOREIGN KEY (application_id, application_gst_state) REFERENCES application(id, gst_state);
ALTER TABLE grievance ADD CONSTRAINT grievance_application_pair
    CHECK ((application_id IS NULL) = (application_gst_state IS NULL));
ALTER TABLE notification ADD CONSTRAINT notification_application_fkey
    FOREIGN KEY (application_id, application_gst_state) REFERENCES application(id, gst_state);
ALTER TABLE notification ADD CONSTRAINT notification_application_pair
    CHECK ((application_id IS NULL) = (application_gst_state IS NULL));

ALTER TABLE audit_log RENAME TO audit_log_before_partitioning;
ALTER INDEX audit_log_enterprise RENAME TO audit_log_before_partitioning_enterprise;
ALTER INDEX audit_log_user RENAME TO audit_log_before_partitioning_user;

CREATE TABLE audit_log (
    id BIGINT NOT NULL,
    at TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    enterprise_id BIGINT,
    route TEXT NOT NULL,
    reason TEXT NOT NULL,
    prev_hash TEXT,
    hash TEXT,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);

-- `at` is ISO 8601 UTC text, so a year is the range [YYYY, YYYY+1).
DO $$
DECLARE
    y INTEGER;
BEGIN
    FOR y IN 2024..2040 LOOP
        EXECUTE format('CREATE TABLE audit_log_y%s PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                       y, y::text, (y + 1)::text);
    END LOOP;
END
$$;
CREATE TABLE audit_log_other PARTITION OF audit_log DEFAULT;

INSERT INTO audit_log SELECT * FROM audit_log_before_partitioning;
DROP TABLE audit_log_before_partitioning;
CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
SELECT setval('audit_log_id_seq', COALESCE(MAX(id), 0) + 1, false) FROM audit_log;
ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq');
CREATE INDEX audit_log_enterprise ON audit_log(enterprise_id);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
