-- 0023_login_attempts: failed sign-ins counted per username and per client
-- address, and the lockouts they cause (src/web/login_limit.h). Kept in
-- the store, not in a server's memory, so a lockout survives a restart and
-- holds on every web server that shares the database.
CREATE TABLE login_attempt (
    kind TEXT NOT NULL,            -- 'user' (a username as typed) or 'ip' (a client address, IPv6 by /64)
    subject TEXT NOT NULL,         -- the username or the address
    failures INTEGER NOT NULL,     -- failed sign-ins since window_start
    window_start BIGINT NOT NULL,  -- Unix seconds: the first failure of the window
    locked_until BIGINT NOT NULL DEFAULT 0, -- Unix seconds; 0 or past = not locked
    PRIMARY KEY (kind, subject),
    CHECK (kind IN ('user', 'ip'))
);
CREATE INDEX login_attempt_window ON login_attempt(window_start);
