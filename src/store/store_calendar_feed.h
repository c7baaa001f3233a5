/* store_calendar_feed.h: the calendar_feed table (migration 0012): an
 * enterprise's private iCalendar subscription links, kept as token hashes
 * (docs/calendar-ics.md). At most one link of an enterprise works at a
 * time: making a new one revokes the old. */
#ifndef SAMANVAY_STORE_CALENDAR_FEED_H
#define SAMANVAY_STORE_CALENDAR_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

#define CALENDAR_FEED_HASH_HEX 65     /* 64 hex digits and a NUL */

struct calendar_feed {
    int64_t id, enterprise_id, created_by;
    char lang[4];                     /* "en" | "hi" */
    int64_t created_at;
    int64_t last_fetched_at;          /* 0: never */
};

/* Revoke the enterprise's working link, if any, and record a new one with
 * token_hash; in one transaction (call it outside one). */
int store_calendar_feed_create(struct store *s, int64_t enterprise_id, int64_t user_id,
                               const char *token_hash, const char *lang, int64_t now,
                               int64_t *id, struct err *e);

/* The working link with this token hash; *found false for an unknown or
 * revoked one. */
int store_calendar_feed_by_hash(struct store *s, const char *token_hash, struct calendar_feed *out,
                                bool *found, struct err *e);

/* The enterprise's working link; *found false when it has none. */
int store_calendar_feed_active(struct store *s, int64_t enterprise_id, struct calendar_feed *out,
                               bool *found, struct err *e);

/* Revoke link `id` if it belongs to `enterprise_id` and works; *revoked
 * says whether it did (false: not this enterprise's, or already revoked). */
int store_calendar_feed_revoke(struct store *s, int64_t id, int64_t enterprise_id, int64_t now,
                               bool *revoked, struct err *e);

/* Note a fetch; written at most once every `every` seconds a link, so a
 * phone polling the feed does not write on every poll. */
int store_calendar_feed_touch(struct store *s, int64_t id, int64_t now, int64_t every,
                              struct err *e);

#endif
