-- 0020_audit_chain: the audit log becomes a hash chain (issue 9, docs/security.md).
-- Each row keeps the hash of the row before it and its own (core/audit_chain.c:
-- BLAKE2b-256 of the previous hash and every field). Rows written before this
-- migration are chained by the migration itself, in C (store.c, migration_steps),
-- in the same transaction. `samanvay audit verify` walks the chain.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
