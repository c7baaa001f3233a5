-- 0012_calendar_feed: the private iCalendar subscription of an enterprise
-- (GET /calendar/{token}.ics, docs/calendar-ics.md). The URL's token is 32
-- random bytes; only their BLAKE2b-256 hash is kept, as for session cookies,
-- so a leaked copy of this table cannot be used to follow anyone's calendar.
-- A new link revokes the enterprise's previous one; revoked rows stay, with
-- when, for the account's history. Times are Unix seconds.
CREATE TABLE calendar_feed (
    id {{AUTO_ID}},
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    token_hash TEXT NOT NULL UNIQUE,   -- hex BLAKE2b-256 of the token's bytes
    lang TEXT NOT NULL,                -- 'en' | 'hi': the events' language
    created_by BIGINT NOT NULL REFERENCES app_user(id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,                 -- NULL: the link works
    last_fetched_at BIGINT,
    CHECK (lang IN ('en', 'hi'))
);
CREATE INDEX calendar_feed_enterprise ON calendar_feed(enterprise_id);
