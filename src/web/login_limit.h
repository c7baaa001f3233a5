/* login_limit.h: how many failed sign-ins lock a username or a client
 * address, and for how long (the counters live in the store:
 * store_login_limit.h).
 *
 * A username is locked after LOGIN_USER_FAILURES failures within
 * LOGIN_WINDOW_SECONDS, an address after LOGIN_IP_FAILURES (higher: an
 * office or a mobile carrier puts many honest people behind one address).
 * Either lock refuses every sign-in through it, right password or not,
 * for LOGIN_LOCK_SECONDS. Usernames are counted whether or not an account
 * has them, so the lock says nothing about which accounts exist. A
 * successful sign-in forgets the username's failures (not the address's:
 * one account of the attacker's own must not reset the address count).
 * IPv6 addresses count by their /64, the block one subscriber is given. */
#ifndef SAMANVAY_LOGIN_LIMIT_H
#define SAMANVAY_LOGIN_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "web/request.h"

#define LOGIN_USER_FAILURES 5
#define LOGIN_IP_FAILURES 20
#define LOGIN_WINDOW_SECONDS (15 * 60)
#define LOGIN_LOCK_SECONDS (15 * 60)

/* Whether the request's username or address is locked; *until is when the
 * later lock ends (0 when neither). */
int login_limit_check(struct web_request *rq, const char *username, int64_t *until,
                      struct err *e);
/* Count a failed sign-in against the username and the address; *until
 * becomes the end of a lock this failure caused (0 when none). A lock of
 * an existing account is appended to the audit log, every lock to the
 * server log. */
int login_limit_failed(struct web_request *rq, const char *username, int64_t *until,
                       struct err *e);
/* A successful sign-in: forget the username's failures. */
int login_limit_succeeded(struct web_request *rq, const char *username, struct err *e);

#endif
