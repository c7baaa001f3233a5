-- 0002_auth: accounts, sign-in sessions and the audit log.
-- Portable SQL for SQLite 3.40 and PostgreSQL 15 ({{AUTO_ID}} is expanded
-- per backend). Times that expiry is computed on are BIGINT Unix seconds;
-- times people read are ISO 8601 text. The table is app_user because USER
-- is a reserved word in PostgreSQL.

CREATE TABLE app_user (
    id {{AUTO_ID}},
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,   -- crypto_pwhash_str (Argon2id): algorithm, limits and salt inside
    role TEXT NOT NULL,
    state TEXT,                    -- scope: GST state code ('27'); NULL = every state
    district TEXT,                 -- scope: a district of `state`; NULL = the whole state
    enterprise_id BIGINT REFERENCES enterprise(id), -- an entrepreneur's own enterprise
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    CHECK (role IN ('entrepreneur', 'officer', 'policymaker', 'admin')),
    CHECK (district IS NULL OR state IS NOT NULL)
);

-- The cookie carries 32 random bytes; only their BLAKE2b-256 hash is kept,
-- so a leaked copy of this table cannot be replayed as a cookie.
CREATE TABLE session (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT REFERENCES app_user(id), -- NULL: the anonymous session of a login form
    csrf TEXT NOT NULL,            -- per-session CSRF token, hex
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,  -- idle expiry counts from here
    expires_at BIGINT NOT NULL     -- absolute expiry
);
CREATE INDEX session_expires ON session(expires_at);
-- Quoted: session_user is a reserved word in PostgreSQL.
CREATE INDEX "session_user" ON session(user_id);

-- Append-only: the store has no UPDATE or DELETE for it. Every read of an
-- enterprise by an officer or an admin adds one row in the same request.
CREATE TABLE audit_log (
    id {{AUTO_ID}},
    at TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES app_user(id),
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,          -- 'enterprise.read'
    enterprise_id BIGINT,
    route TEXT NOT NULL,           -- 'GET /api/v1/enterprises/{id}'
    reason TEXT NOT NULL
);
CREATE INDEX audit_log_enterprise ON audit_log(enterprise_id);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
