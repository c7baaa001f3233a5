-- 0025_partition_by_state (PostgreSQL only; recorded and skipped on SQLite).
--
-- gst_return is the largest table: about 1.5 crore GST filers file 12
-- returns a year. It becomes a table partitioned by the filer's state:
-- the first two characters of a GSTIN are its GST state code, so a range
-- partition on gstin per state code is a partition by state that keeps the
-- key (gstin, return_type, period) as it is — PostgreSQL requires the
-- partition key inside every unique constraint, and ON CONFLICT needs that
-- constraint. One state's returns can then be vacuumed, detached, moved to
-- its own tablespace or node, and dropped, on its own (docs/scaling.md).
--
-- credit_status (a row per facility per month) has no state in its key;
-- its natural unit is the month, which is in its key, so it is partitioned
-- by year of `month`: old years detach for the archive as a unit.

ALTER TABLE gst_return RENAME TO gst_return_before_partitioning;
ALTER INDEX gst_return_enterprise RENAME TO gst_return_before_partitioning_enterprise;

CREATE TABLE gst_return (
    gstin TEXT NOT NULL,
    return_type TEXT NOT NULL,
    period TEXT NOT NULL,
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    frequency TEXT NOT NULL,
    due_on TEXT NOT NULL,
    filed_on TEXT,
    taxable_value_paise BIGINT,
    tax_paise BIGINT,
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    PRIMARY KEY (gstin, return_type, period)
) PARTITION BY RANGE (gstin);

-- One partition per GST state code 01..38 (data/reference: states), 97
-- (other territory) and 99 (Centre jurisdiction); anything else, though
-- validation admits nothing else, lands in the default partition.
DO $$
DECLARE
    code INTEGER;
BEGIN
    FOR code IN 1..38 LOOP
        EXECUTE format('CREATE TABLE gst_return_s%s PARTITION OF gst_return FOR VALUES FROM (%L) TO (%L)',
                       lpad(code::text, 2, '0'), lpad(code::text, 2, '0'), lpad((code + 1)::text, 2, '0'));
    END LOOP;
END
$$;
CREATE TABLE gst_return_s97 PARTITION OF gst_return FOR VALUES FROM ('97') TO ('98');
CREATE TABLE gst_return_s99 PARTITION OF gst_return FOR VALUES FROM ('99') TO ('9:');
CREATE TABLE gst_return_other PARTITION OF gst_return DEFAULT;

INSERT INTO gst_return SELECT * FROM gst_return_before_partitioning;
DROP TABLE gst_return_before_partitioning;
CREATE INDEX gst_return_enterprise ON gst_return(enterprise_id, period);

ALTER TABLE credit_status RENAME TO credit_status_before_partitioning;

CREATE TABLE credit_status (
    facility_id TEXT NOT NULL REFERENCES credit_facility(facility_id),
    month TEXT NOT NULL,
    outstanding_paise BIGINT NOT NULL,
    dpd INTEGER NOT NULL,
    asset_class TEXT NOT NULL,
    borrower_pan TEXT,
    borrower_udyam TEXT,
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    PRIMARY KEY (facility_id, month)
) PARTITION BY RANGE (month);

DO $$
DECLARE
    y INTEGER;
BEGIN
    FOR y IN 2015..2035 LOOP
        EXECUTE format('CREATE TABLE credit_status_y%s PARTITION OF credit_status FOR VALUES FROM (%L) TO (%L)',
                       y, y::text || '-01', (y + 1)::text || '-01');
    END LOOP;
END
$$;
CREATE TABLE credit_status_other PARTITION OF credit_status DEFAULT;

INSERT INTO credit_status SELECT * FROM credit_status_before_partitioning;
DROP TABLE credit_status_before_partitioning;
