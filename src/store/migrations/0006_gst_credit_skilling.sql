-- 0006_gst_credit_skilling: GST returns, credit facilities with their
-- monthly status, and training records (docs/data-feeds.md §2-4).
-- Portable SQL for SQLite 3.40 and PostgreSQL 15. Money is BIGINT paise;
-- dates are ISO 8601 text, months 'YYYY-MM'. Every feed row keeps, as the
-- enterprise table does, a hash of its content and the file and row it
-- came from (src/store/store_keyed.h).

-- Who vouches for a GSTIN's enterprise: 'udyam' (the registration lists
-- it) or 'gst' (learned from its returns through the embedded PAN). A
-- corrected Udyam row replaces only the GSTINs Udyam gave.
ALTER TABLE enterprise_gstin ADD COLUMN src_feed TEXT NOT NULL DEFAULT 'udyam';

CREATE TABLE gst_return (
    gstin TEXT NOT NULL,
    return_type TEXT NOT NULL,     -- GSTR3B | CMP08
    period TEXT NOT NULL,          -- 'YYYY-MM', the last month of the tax period
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    frequency TEXT NOT NULL,       -- monthly | quarterly
    due_on TEXT NOT NULL,
    filed_on TEXT,                 -- NULL: not (yet) filed
    taxable_value_paise BIGINT,
    tax_paise BIGINT,
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    PRIMARY KEY (gstin, return_type, period)
);
CREATE INDEX gst_return_enterprise ON gst_return(enterprise_id, period);

-- One row per facility: its terms as the latest reported month gave them
-- (a renewal may change the limit), so the order files load in does not
-- matter.
CREATE TABLE credit_facility (
    facility_id TEXT PRIMARY KEY,
    lender_ifsc TEXT NOT NULL,
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    facility_type TEXT NOT NULL,   -- term_loan | cash_credit | overdraft
    scheme TEXT,                   -- pmmy, cgtmse, ... NULL: none
    sanctioned_on TEXT NOT NULL,
    sanctioned_paise BIGINT NOT NULL,
    as_of_month TEXT NOT NULL,     -- the month whose row gave these terms
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL
);
CREATE INDEX credit_facility_enterprise ON credit_facility(enterprise_id);

CREATE TABLE credit_status (
    facility_id TEXT NOT NULL REFERENCES credit_facility(facility_id),
    month TEXT NOT NULL,           -- 'YYYY-MM'
    outstanding_paise BIGINT NOT NULL,
    dpd INTEGER NOT NULL,          -- days past due at month end
    asset_class TEXT NOT NULL,     -- STD | SMA0 | SMA1 | SMA2 | NPA
    borrower_pan TEXT,             -- as the lender gave them
    borrower_udyam TEXT,
    content_hash BIGINT NOT NULL,  -- of the whole feed row, facility terms included
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    PRIMARY KEY (facility_id, month)
);

-- A trainee's record as the provider wrote it. enterprise_id is set when
-- the row names a Udyam number on file; the rest wait for record linkage
-- on trainee_name, district and mobile_last4.
CREATE TABLE skilling_record (
    record_id TEXT PRIMARY KEY,
    programme TEXT NOT NULL,       -- esdp | pmegp_edp | pm_vishwakarma | ati
    trainee_name TEXT NOT NULL,
    gender TEXT NOT NULL,
    social_category TEXT,
    birth_year INTEGER,
    mobile_last4 TEXT,
    udyam_number TEXT,
    enterprise_id BIGINT REFERENCES enterprise(id),
    state TEXT NOT NULL,           -- GST state code
    district TEXT NOT NULL,        -- LGD name
    course TEXT NOT NULL,
    started_on TEXT NOT NULL,
    completed_on TEXT,
    certified INTEGER,             -- 1, 0, NULL unknown
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL
);
CREATE INDEX skilling_record_enterprise ON skilling_record(enterprise_id);
