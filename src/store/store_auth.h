/* store_auth.h: accounts and sign-in sessions (the audit log: store_audit.h)
 * (migration 0002_auth.sql). The store keeps records; the rules about
 * them (password hashing, expiry, scope) live in src/web/.
 *
 * Like store.h, every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_AUTH_H
#define SAMANVAY_STORE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"
#include "store/store_audit.h"

enum auth_role {
    AUTH_ROLE_NONE = 0,       /* anonymous */
    AUTH_ROLE_ENTREPRENEUR,
    AUTH_ROLE_OFFICER,
    AUTH_ROLE_POLICYMAKER,
    AUTH_ROLE_ADMIN,
    AUTH_ROLE_COUNT
};

#define AUTH_USERNAME_MAX 64      /* bytes including NUL */
#define AUTH_DISTRICT_MAX 64
#define AUTH_HASH_MAX 128         /* crypto_pwhash_STRBYTES, with room */
#define AUTH_HEX_TOKEN 65         /* 32 bytes as hex + NUL */

const char *auth_role_name(enum auth_role r);   /* "officer"; "" for NONE */
/* 0 and *out set for a known role name; -1 otherwise. */
int auth_role_parse(const char *name, enum auth_role *out);

struct auth_user {
    int64_t id;
    char username[AUTH_USERNAME_MAX];
    enum auth_role role;
    char state[4];                 /* GST state code, "" = every state */
    char district[AUTH_DISTRICT_MAX]; /* "" = the whole state */
    int64_t enterprise_id;         /* 0 = none */
    bool disabled;
};

/* Add an account. When the username is taken nothing changes and
 * *created is false (a second `samanvay demo` on the same database). */
int store_user_add(struct store *s, const struct auth_user *u, const char *password_hash,
                   int64_t *id, bool *created, struct err *e);
/* The account with this username and its password hash (hash may be NULL). */
int store_user_find(struct store *s, const char *username, struct auth_user *out,
                    char hash[AUTH_HASH_MAX], bool *found, struct err *e);
int store_user_get(struct store *s, int64_t id, struct auth_user *out, bool *found, struct err *e);

struct auth_session {
    char id_hash[AUTH_HEX_TOKEN];  /* hash of the cookie value, hex */
    int64_t user_id;               /* 0 = anonymous (pre-login) */
    char csrf[AUTH_HEX_TOKEN];
    int64_t created_at, last_seen_at, expires_at; /* Unix seconds */
};

int store_session_put(struct store *s, const struct auth_session *ss, struct err *e);
int store_session_get(struct store *s, const char *id_hash, struct auth_session *out, bool *found,
                      struct err *e);
int store_session_touch(struct store *s, const char *id_hash, int64_t now, struct err *e);
int store_session_delete(struct store *s, const char *id_hash, struct err *e);
/* Delete sessions past their absolute expiry or idle longer than `idle`
 * seconds; *deleted counts them (may be NULL). */
int store_session_purge(struct store *s, int64_t now, int64_t idle, int64_t *deleted,
                        struct err *e);




#endif
