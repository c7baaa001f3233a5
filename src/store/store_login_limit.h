/* store_login_limit.h: failed sign-ins counted per username and per
 * client address, and the lockouts they cause (migration
 * 0023_login_attempts.sql). The store keeps the counters; the policy (how
 * many failures, how long a lock) is src/web/login_limit.h's.
 *
 * Every write is one statement, so two web servers counting failures for
 * the same key at once never lose one (SQLite serialises writers;
 * PostgreSQL locks the row).
 *
 * Like store.h, every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_LOGIN_LIMIT_H
#define SAMANVAY_STORE_LOGIN_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

enum login_key { LOGIN_KEY_USER, LOGIN_KEY_IP };

const char *login_key_name(enum login_key k);    /* "user", "ip" */

/* The later of the locks on this username and this address that are still
 * in force at `now` (0: neither is locked). username may be "" (not
 * looked up). */
int store_login_locked_until(struct store *s, const char *username, const char *client,
                             int64_t now, int64_t *until, struct err *e);

/* Count one failure for a key. A window starts at the first failure and
 * lasts `window` seconds; a failure that brings the count to `threshold`
 * or past it within the window sets *locked, and locks the key until
 * now + lock_seconds unless it is locked already, which starts the count
 * afresh. Of failures racing past the threshold together all are
 * *locked, and only the one that wrote the lock is *locked_now (the one
 * that audits it). Rows whose window and lock have both ended are removed
 * on the way. */
int store_login_failure(struct store *s, enum login_key kind, const char *key, int64_t now,
                        int64_t window, int threshold, int64_t lock_seconds, bool *locked,
                        bool *locked_now, struct err *e);

/* Forget a key's failures and lock (a successful sign-in, an admin's
 * unlock); *cleared (may be NULL) says whether there was anything. */
int store_login_clear(struct store *s, enum login_key kind, const char *key, bool *cleared,
                      struct err *e);

#endif
