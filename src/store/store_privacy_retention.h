/* store_privacy_retention.h: the retention rules that delete expired rows
 * (docs/privacy.md, "Retention"; `samanvay retention`). Each rule counts
 * the rows past their period and, when applying, deletes them; all rules
 * apply in one transaction, so a failure deletes nothing.
 *
 * Only rows whose period has ended and which nothing else needs are here:
 * the audit log, applications, grievances, facts and feed records are kept
 * (docs/privacy.md says how long and why). */
#ifndef SAMANVAY_STORE_PRIVACY_RETENTION_H
#define SAMANVAY_STORE_PRIVACY_RETENTION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

struct retention_policy {
    int64_t now;                   /* Unix seconds */
    int64_t session_idle;          /* seconds a session may sit unused (web/session.h) */
    int quarantine_days;           /* a file's quarantined rows, days after it was loaded */
    int calendar_revoked_days;     /* a revoked subscription link, days after revocation */
    int reminder_days;             /* "already reminded" marks, days after the due date */
};

/* Called once per rule, in order: its name ("sessions"), what it removes
 * in words, and how many rows are past their period (deleted when
 * applying). Returns 0, or non-zero to fail the run (nothing deleted). */
typedef int (*retention_fn)(void *ctx, const char *rule, const char *what, int64_t rows);

int store_retention_run(struct store *s, const struct retention_policy *p, bool apply,
                        retention_fn fn, void *ctx, struct err *e);

#endif
