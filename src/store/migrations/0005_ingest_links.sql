-- 0005_ingest_links: how many rows of a file were linked to an enterprise
-- already on file, and how many enterprises the file created (issue 5).
ALTER TABLE ingest_file ADD COLUMN linked BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ingest_file ADD COLUMN new_entities BIGINT NOT NULL DEFAULT 0;
