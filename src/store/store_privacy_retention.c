/* store_privacy_retention.c: the deleting retention rules
 * (store_privacy_retention.h). Each rule is one WHERE clause over one
 * table with one bound cutoff, used both to count and to delete, so the
 * dry run reports exactly what an apply removes. */
#include "store/store_privacy_retention.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/db.h"

struct rule {
    const char *name;
    const char *what;
    const char *count_sql;
    const char *delete_sql;
};

/* Sessions: past their absolute expiry ($1 = now) or idle ($2 = now - idle). */
#define SESSION_WHERE " FROM session WHERE expires_at <= $1 OR last_seen_at <= $2"
/* Quarantined rows of files loaded before $1 (ISO 8601 UTC text). */
#define QUARANTINE_WHERE \
    " FROM quarantine WHERE ingest_file_id IN (SELECT id FROM ingest_file WHERE started_at < $1)"
/* Subscription links revoked before $1 (Unix seconds). */
#define CALENDAR_WHERE " FROM calendar_feed WHERE revoked_at IS NOT NULL AND revoked_at < $1"
/* Reminder marks for due dates before $1 ('YYYY-MM-DD'). */
#define REMINDER_WHERE " FROM calendar_reminder WHERE due_on < $1"

static const struct rule rules[] = {
    {"sessions", "expired or idle sign-in sessions", "SELECT COUNT(*)" SESSION_WHERE,
     "DELETE" SESSION_WHERE},
    {"quarantine", "quarantined feed rows (raw CSV) of files loaded before the cutoff",
     "SELECT COUNT(*)" QUARANTINE_WHERE, "DELETE" QUARANTINE_WHERE},
    {"calendar_subscriptions", "revoked calendar subscription links",
     "SELECT COUNT(*)" CALENDAR_WHERE, "DELETE" CALENDAR_WHERE},
    {"calendar_reminders", "marks of reminders already sent, for past due dates",
     "SELECT COUNT(*)" REMINDER_WHERE, "DELETE" REMINDER_WHERE},
};

/* The cutoffs each rule binds, from the policy. */
static int bind_rule(struct db_stmt *st, size_t i, const struct retention_policy *p)
{
    char text[24];
    time_t t;
    struct tm tm;

    switch (i) {
    case 0:
        return db_bind_int64(st, 1, p->now) || db_bind_int64(st, 2, p->now - p->session_idle);
    case 1:
        t = (time_t)(p->now - (int64_t)p->quarantine_days * 86400);
        if (gmtime_r(&t, &tm) == NULL || strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
            return -1;
        return db_bind_text(st, 1, text, strlen(text));
    case 2:
        return db_bind_int64(st, 1, p->now - (int64_t)p->calendar_revoked_days * 86400);
    default:
        /* due dates are IST calendar days */
        t = (time_t)(p->now + 19800 - (int64_t)p->reminder_days * 86400);
        if (gmtime_r(&t, &tm) == NULL || strftime(text, sizeof text, "%Y-%m-%d", &tm) == 0)
            return -1;
        return db_bind_text(st, 1, text, strlen(text));
    }
}

static int run_rule(struct db *db, size_t i, const struct retention_policy *p, bool apply,
                    int64_t *rows, struct err *e)
{
    struct db_stmt *st = db_cached(db, rules[i].count_sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_rule(st, i, p) != 0)
        return err_set(e, "retention %s: cannot bind the cutoff", rules[i].name);
    rc = db_step(st, e);
    *rows = rc == DB_ROW ? db_column_int64(st, 0) : 0;
    db_reset(st);
    if (rc != DB_ROW)
        return -1;
    if (!apply || *rows == 0)
        return 0;
    if ((st = db_cached(db, rules[i].delete_sql, e)) == NULL)
        return -1;
    if (bind_rule(st, i, p) != 0)
        return err_set(e, "retention %s: cannot bind the cutoff", rules[i].name);
    if (db_step(st, e) < 0)
        return -1;
    *rows = db_changes(db);
    return 0;
}

int store_retention_run(struct store *s, const struct retention_policy *p, bool apply,
                        retention_fn fn, void *ctx, struct err *e)
{
    struct db *db = store_db(s);
    int rc = 0;

    if (p->session_idle <= 0 || p->quarantine_days < 0 || p->calendar_revoked_days < 0
        || p->reminder_days < 0)
        return err_set(e, "retention: periods must not be negative");
    if ((apply ? store_begin(s, e) : store_begin_read(s, e)) != 0)
        return -1;
    for (size_t i = 0; rc == 0 && i < sizeof rules / sizeof rules[0]; i++) {
        int64_t rows = 0;
        rc = run_rule(db, i, p, apply, &rows, e);
        if (rc == 0 && fn(ctx, rules[i].name, rules[i].what, rows) != 0)
            rc = err_set(e, "retention: output failed");
    }
    if (rc != 0 || !apply) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, e);
}
