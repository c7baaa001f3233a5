#include "web/session.h"

#include <sodium.h>
#include <string.h>

static void to_hex(const unsigned char *b, size_t n, char out[AUTH_HEX_TOKEN])
{
    sodium_bin2hex(out, AUTH_HEX_TOKEN, b, n);
}

static bool is_token(const char *s)
{
    size_t n = 0;

    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == AUTH_HEX_TOKEN - 1;
}

int session_id_hash(const char *cookie_value, char out[AUTH_HEX_TOKEN])
{
    unsigned char raw[32], digest[32];

    if (cookie_value == NULL || !is_token(cookie_value)
        || sodium_hex2bin(raw, sizeof raw, cookie_value, AUTH_HEX_TOKEN - 1, NULL, NULL, NULL) != 0)
        return -1;
    crypto_generichash(digest, sizeof digest, raw, sizeof raw, NULL, 0);
    sodium_memzero(raw, sizeof raw);
    to_hex(digest, sizeof digest, out);
    return 0;
}

static bool expired(const struct auth_session *row, int64_t now)
{
    return now >= row->expires_at || now - row->last_seen_at >= SESSION_IDLE_SECONDS;
}

int session_load(struct store *s, const char *cookie_value, int64_t now, struct session *out,
                 struct err *e)
{
    char id_hash[AUTH_HEX_TOKEN];
    bool found;

    memset(out, 0, sizeof *out);
    if (session_id_hash(cookie_value, id_hash) != 0)
        return 0;
    if (store_session_get(s, id_hash, &out->row, &found, e) != 0)
        return -1;
    if (!found)
        return 0;
    if (expired(&out->row, now))
        return store_session_delete(s, id_hash, e);
    if (out->row.user_id > 0) {
        if (store_user_get(s, out->row.user_id, &out->user, &found, e) != 0)
            return -1;
        if (!found || out->user.disabled)
            return store_session_delete(s, id_hash, e);
        out->signed_in = true;
    }
    out->valid = true;
    if (now - out->row.last_seen_at >= SESSION_TOUCH_SECONDS) {
        out->row.last_seen_at = now;
        return store_session_touch(s, id_hash, now, e);
    }
    return 0;
}

int session_start(struct store *s, int64_t user_id, int64_t now, struct session *out,
                  struct err *e)
{
    unsigned char id[32], csrf[32];
    struct session fresh;
    bool found;

    memset(&fresh, 0, sizeof fresh);
    randombytes_buf(id, sizeof id);
    randombytes_buf(csrf, sizeof csrf);
    to_hex(id, sizeof id, fresh.issued);
    to_hex(csrf, sizeof csrf, fresh.row.csrf);
    sodium_memzero(id, sizeof id);
    if (session_id_hash(fresh.issued, fresh.row.id_hash) != 0)
        return err_set(e, "session id encoding failed");
    fresh.row.user_id = user_id;
    fresh.row.created_at = fresh.row.last_seen_at = now;
    fresh.row.expires_at = now + (user_id > 0 ? SESSION_ABSOLUTE_SECONDS : SESSION_ANON_SECONDS);
    if (user_id > 0) {
        if (store_user_get(s, user_id, &fresh.user, &found, e) != 0)
            return -1;
        if (!found)
            return err_set(e, "account %lld vanished while signing in", (long long)user_id);
        fresh.signed_in = true;
    }
    /* Sweep expired sessions whenever one is made, so abandoned login
     * forms cannot pile up. */
    if (store_session_purge(s, now, SESSION_IDLE_SECONDS, NULL, e) != 0
        || store_session_put(s, &fresh.row, e) != 0)
        return -1;
    fresh.valid = true;
    *out = fresh;
    return 0;
}

int session_end(struct store *s, struct session *ss, struct err *e)
{
    int rc = 0;

    if (ss->valid)
        rc = store_session_delete(s, ss->row.id_hash, e);
    memset(ss, 0, sizeof *ss);
    return rc;
}

bool session_csrf_ok(const struct session *ss, const char *token)
{
    if (!ss->valid || token == NULL || strlen(token) != AUTH_HEX_TOKEN - 1
        || strlen(ss->row.csrf) != AUTH_HEX_TOKEN - 1)
        return false;
    return sodium_memcmp(ss->row.csrf, token, AUTH_HEX_TOKEN - 1) == 0;
}
