-- 0007_clusters: clusters, their members and the monthly use of their common
-- facility centres (docs/data-feeds.md §5-7). Portable SQL for SQLite 3.40
-- and PostgreSQL 15. Money is BIGINT paise; dates are ISO 8601 text; months
-- 'YYYY-MM'; states are GST state codes. Each row keeps the hash of its
-- content and the file and row it came from (store_keyed.h).

CREATE TABLE cluster (
    cluster_id TEXT PRIMARY KEY,   -- 'UP-LKO-CHIKAN'
    name TEXT NOT NULL,
    scheme TEXT NOT NULL,          -- mse_cdp | sfurti | other
    state TEXT NOT NULL,           -- GST state code, '09'
    district TEXT NOT NULL,        -- LGD name
    product TEXT NOT NULL,
    nic TEXT NOT NULL,             -- 5-digit NIC-2008 code of the product
    traditional INTEGER NOT NULL,  -- 1: traditional industry or craft
    approved_on TEXT,
    project_cost_paise BIGINT,
    grant_paise BIGINT,
    cfc_capacity_hours BIGINT,     -- machine-hours a month
    status TEXT NOT NULL,          -- proposed | approved | functional | closed
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cluster_place ON cluster(state, district);

CREATE TABLE cluster_member (
    cluster_id TEXT NOT NULL REFERENCES cluster(cluster_id),
    udyam TEXT NOT NULL,
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id), -- the enterprise on file with that Udyam number
    joined_on TEXT,
    role TEXT NOT NULL,            -- member | anchor | spv_member
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (cluster_id, udyam)
);
CREATE INDEX cluster_member_enterprise ON cluster_member(enterprise_id);

CREATE TABLE cfc_usage (
    cluster_id TEXT NOT NULL REFERENCES cluster(cluster_id),
    month TEXT NOT NULL,           -- 'YYYY-MM'
    hours_used BIGINT NOT NULL,    -- machine-hours
    user_units BIGINT NOT NULL,    -- distinct units that used the CFC
    revenue_paise BIGINT,
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (cluster_id, month)
);
