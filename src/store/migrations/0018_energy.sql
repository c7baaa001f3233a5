-- 0018_energy: declared energy use (issue 8, sustainability). The store had
-- no energy data; an enterprise declares its annual electricity and fuel
-- use on the portal, or a feed (energy.csv) reports it. Each declaration is
-- kept with where it came from: origin 'portal' (declared_by, declared_at)
-- or 'feed' (src_file, src_row, content_hash as every feed table keeps).
-- One row per enterprise, financial year, source and origin, so a feed
-- never overwrites what the entrepreneur declared, nor the reverse; which
-- one counts is decided when reading (docs/sustainability.md).
-- quantity_milli is thousandths of `unit` (exact, portable).
CREATE TABLE energy_declaration (
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    fiscal_year TEXT NOT NULL,     -- '2024-25'
    source TEXT NOT NULL,          -- electricity | diesel | lpg | natural_gas | coal
    quantity_milli BIGINT NOT NULL,
    unit TEXT NOT NULL,            -- kWh | kg | GJ
    origin TEXT NOT NULL,          -- portal | feed
    declared_by BIGINT,            -- app_user.id for a portal declaration
    declared_at TEXT NOT NULL,     -- ISO 8601 UTC
    content_hash BIGINT NOT NULL,
    src_file BIGINT REFERENCES ingest_file(id),
    src_row BIGINT,
    PRIMARY KEY (enterprise_id, fiscal_year, source, origin)
);

-- The latest GST month on file, which the insights' growth window ends at,
-- read from the end of this index (covering: filed or not) instead of a
-- scan of every return.
CREATE INDEX gst_return_period ON gst_return(period, filed_on);
