-- 0001_core: enterprises, their GSTINs, ingest bookkeeping and quarantine.
-- Portable SQL for SQLite 3.40 and PostgreSQL 15; {{AUTO_ID}} and {{BLOB}}
-- are expanded per backend (src/store/db_*.c). Money is BIGINT paise;
-- dates are ISO 8601 text; states are GST state codes.

CREATE TABLE ingest_file (
    id {{AUTO_ID}},
    feed TEXT NOT NULL,
    name TEXT NOT NULL,            -- file name as given
    digest TEXT NOT NULL,          -- BLAKE2b-256 of the bytes, hex: the file's identity
    size_bytes BIGINT NOT NULL,
    status TEXT NOT NULL,          -- loading | complete
    rows_committed BIGINT NOT NULL DEFAULT 0,
    inserted BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    quarantined BIGINT NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (feed, digest)
);

CREATE TABLE quarantine (
    ingest_file_id BIGINT NOT NULL REFERENCES ingest_file(id),
    row_no BIGINT NOT NULL,        -- data row number (first row after the header = 1)
    line_no BIGINT NOT NULL,       -- physical line where the row starts
    feed TEXT NOT NULL,
    reason_code TEXT NOT NULL,     -- docs/data-feeds.md
    reason TEXT NOT NULL,
    raw {{BLOB}} NOT NULL,         -- the row's bytes exactly as read (may be invalid UTF-8)
    PRIMARY KEY (ingest_file_id, row_no)
);
CREATE INDEX quarantine_feed_reason ON quarantine(feed, reason_code);

CREATE TABLE enterprise (
    id {{AUTO_ID}},
    udyam TEXT UNIQUE,
    pan TEXT,
    name TEXT NOT NULL,
    owner_name TEXT,
    constitution TEXT,
    social_category TEXT,
    owner_gender TEXT,
    owner_disabled INTEGER,
    commenced_on TEXT,
    registered_on TEXT,
    activity TEXT,
    nic TEXT,
    state TEXT NOT NULL,           -- GST state code, '27'
    district TEXT,
    pincode TEXT,
    area TEXT,
    investment_paise BIGINT,
    turnover_paise BIGINT,
    exports_paise BIGINT,
    employees_male INTEGER,
    employees_female INTEGER,
    employees_other INTEGER,
    women_owned INTEGER,           -- derived: owner_gender = 'female'
    scst_owned INTEGER,            -- derived: social_category in ('sc','st')
    content_hash BIGINT NOT NULL,  -- of the fields above; tells identical rows from changed ones
    src_feed TEXT NOT NULL,        -- provenance of the fields above
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One enterprise per PAN (S.O. 2119(E): all GSTINs of a PAN are one enterprise).
CREATE UNIQUE INDEX enterprise_pan ON enterprise(pan) WHERE pan IS NOT NULL;

CREATE TABLE enterprise_gstin (
    gstin TEXT PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    state TEXT NOT NULL
);
CREATE INDEX enterprise_gstin_enterprise ON enterprise_gstin(enterprise_id);
