/* audit_chain.c: the audit log's chaining hash. See audit_chain.h. */
#include "core/audit_chain.h"

#include <string.h>

#include <sodium.h>

const char audit_chain_genesis[AUDIT_HASH_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* Length-prefixed, so that no two different rows encode alike
 * ("ab"+"c" and "a"+"bc" differ). */
static void put_text(crypto_generichash_state *st, const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    unsigned char len[8];

    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((uint64_t)n >> (8 * i));
    crypto_generichash_update(st, len, sizeof len);
    if (n > 0)
        crypto_generichash_update(st, (const unsigned char *)s, n);
}

static void put_i64(crypto_generichash_state *st, int64_t v)
{
    unsigned char b[8];

    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    crypto_generichash_update(st, b, sizeof b);
}

void audit_chain_hash(const char *prev, const struct audit_fields *f, char out[AUDIT_HASH_HEX])
{
    static const char version[] = "samanvay.audit.v1";
    unsigned char digest[32];
    crypto_generichash_state st;

    crypto_generichash_init(&st, NULL, 0, sizeof digest);
    put_text(&st, version);
    put_text(&st, prev);
    put_text(&st, f->at);
    put_i64(&st, f->user_id);
    put_text(&st, f->username);
    put_text(&st, f->role);
    put_text(&st, f->action);
    put_i64(&st, f->enterprise_id);
    put_text(&st, f->route);
    put_text(&st, f->reason);
    crypto_generichash_final(&st, digest, sizeof digest);
    sodium_bin2hex(out, AUDIT_HASH_HEX, digest, sizeof digest);
}

bool audit_chain_hash_valid(const char *s)
{
    size_t n = 0;

    if (s == NULL)
        return false;
    for (; s[n] != '\0'; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == AUDIT_HASH_HEX - 1;
}
