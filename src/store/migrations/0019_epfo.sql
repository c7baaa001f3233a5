-- 0019_epfo: monthly EPFO contributions (issue 8, employment as an impact
-- outcome). The store held employees only as declared on Udyam
-- registration (one value, no date); EPFO's Electronic Challan-cum-Return
-- (ECR) gives, per establishment and wage month, the members contributing
-- and their wages: a monthly headcount panel. Keyed by establishment code
-- and wage month; linked to the enterprise by PAN (or the GSTIN's
-- embedded PAN), with the provenance every feed table keeps.
CREATE TABLE epfo_return (
    establishment_code TEXT NOT NULL,   -- 'MHBAN0012345000': region, office, code, extension
    wage_month TEXT NOT NULL,           -- 'YYYY-MM'
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    pan TEXT NOT NULL,
    gstin TEXT,
    members BIGINT NOT NULL,            -- members contributing in the month
    wages_paise BIGINT NOT NULL,        -- total EPF wages
    content_hash BIGINT NOT NULL,
    src_file BIGINT REFERENCES ingest_file(id),
    src_row BIGINT,
    PRIMARY KEY (establishment_code, wage_month)
);

-- The impact panel folds each enterprise's months in this order.
CREATE INDEX epfo_return_enterprise ON epfo_return(enterprise_id, wage_month);
