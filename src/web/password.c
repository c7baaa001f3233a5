#include "web/password.h"

#include <sodium.h>
#include <string.h>

_Static_assert(crypto_pwhash_STRBYTES <= AUTH_HASH_MAX, "AUTH_HASH_MAX holds a pwhash string");

int password_check_policy(const char *pw, struct err *e)
{
    size_t n = strlen(pw);

    if (n < PASSWORD_MIN)
        return err_set(e, "password too short: at least %d characters", PASSWORD_MIN);
    if (n > PASSWORD_MAX)
        return err_set(e, "password too long: at most %d characters", PASSWORD_MAX);
    return 0;
}

int password_hash(const char *pw, char out[AUTH_HASH_MAX], struct err *e)
{
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return err_set(e, "password hashing ran out of memory");
    return 0;
}

bool password_verify(const char *pw, const char *hash)
{
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int password_dummy_hash(char out[AUTH_HASH_MAX], struct err *e)
{
    unsigned char raw[24];
    char pw[sizeof raw * 2 + 1];
    int rc;

    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(pw, sizeof pw, raw, sizeof raw);
    rc = password_hash(pw, out, e);
    sodium_memzero(pw, sizeof pw);
    return rc;
}
