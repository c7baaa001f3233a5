/* session.h: sign-in sessions kept in the database, and their CSRF tokens.
 *
 * The cookie carries 32 random bytes (randombytes_buf) as 64 hex digits;
 * the database keeps only their BLAKE2b-256 hash (crypto_generichash), so
 * neither a backup nor a read-only SQL hole yields a usable cookie. Each
 * session has its own 32-byte CSRF token, which every POST must echo (form
 * field `csrf` or header X-CSRF-Token), compared in constant time.
 *
 * A login form gets an anonymous session first (user_id NULL), so the
 * login POST is CSRF-checked too; signing in deletes it and issues a new
 * id (no session fixation). Expiry: 30 minutes idle, 12 hours absolute
 * (2 hours for an anonymous one). last_seen_at is written at most once a
 * minute per session, so reading pages costs no write per request. */
#ifndef SAMANVAY_SESSION_H
#define SAMANVAY_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store_auth.h"

#define SESSION_COOKIE "samanvay_session"
#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)
#define SESSION_ANON_SECONDS (2 * 60 * 60)
#define SESSION_TOUCH_SECONDS 60

struct session {
    bool valid;                    /* a live session matched the cookie (or was just started) */
    bool signed_in;                /* valid, with an enabled account */
    struct auth_session row;
    struct auth_user user;         /* when signed_in */
    char issued[AUTH_HEX_TOKEN];   /* cookie value to send: set when started in this request */
};

/* The hex hash of a cookie value; -1 when the value is not 64 lower-case
 * hex digits (then nothing is looked up). */
int session_id_hash(const char *cookie_value, char out[AUTH_HEX_TOKEN]);

/* Find the live session for a cookie value. Unknown, malformed or expired
 * cookies give out->valid == false (an expired row is deleted); -1 only
 * for a store fault. */
int session_load(struct store *s, const char *cookie_value, int64_t now, struct session *out,
                 struct err *e);
/* Start a new session (user_id 0 = anonymous) with fresh id and token. */
int session_start(struct store *s, int64_t user_id, int64_t now, struct session *out,
                  struct err *e);
/* Delete the session's row; out becomes invalid. */
int session_end(struct store *s, struct session *ss, struct err *e);

/* Whether `token` is this session's CSRF token (constant time). */
bool session_csrf_ok(const struct session *ss, const char *token);

#endif
