-- 0009_beneficiary: schemes' legacy beneficiary lists (issue 5), one row per
-- list row, with the enterprise it was linked to and how. The lists carry
-- no shared key, so each row is kept exactly as the agency wrote it and the
-- link is a separate judgement beside it: by Udyam number or PAN when one
-- is given and on file, otherwise by the record linker (src/link/), whose
-- explanation (each field's agreement level and weight) is kept as JSON.
CREATE TABLE beneficiary (
    id {{AUTO_ID}},
    scheme TEXT NOT NULL,
    list_ref TEXT NOT NULL,
    beneficiary_name TEXT NOT NULL,
    enterprise_name TEXT,
    pan TEXT,
    udyam TEXT,
    mobile_last4 TEXT,
    district TEXT,                 -- as written (a misspelt district is the list's, kept as is)
    state TEXT,
    pincode TEXT,
    sanctioned_on TEXT,
    disbursed_on TEXT,
    amount_paise BIGINT,
    purpose TEXT,
    enterprise_id BIGINT REFERENCES enterprise(id),
    link_method TEXT,              -- udyam | pan | probabilistic | none; NULL = not yet tried
    link_weight DOUBLE PRECISION,  -- probabilistic: the match weight (log2 odds)
    link_probability DOUBLE PRECISION,
    link_explanation TEXT,         -- probabilistic: JSON, each field's level and weight
    content_hash BIGINT NOT NULL,
    src_file BIGINT NOT NULL REFERENCES ingest_file(id),
    src_row BIGINT NOT NULL,
    UNIQUE (scheme, list_ref)
);
CREATE INDEX beneficiary_enterprise ON beneficiary(enterprise_id);
CREATE INDEX beneficiary_file ON beneficiary(src_file);
