/* calendar_token.c: subscription tokens (calendar_token.h). */
#include "web/calendar_token.h"

#include <sodium.h>
#include <string.h>

static void hash_of(const unsigned char raw[CALENDAR_TOKEN_BYTES], char hash[CALENDAR_FEED_HASH_HEX])
{
    unsigned char digest[32];

    crypto_generichash(digest, sizeof digest, raw, CALENDAR_TOKEN_BYTES, NULL, 0);
    sodium_bin2hex(hash, CALENDAR_FEED_HASH_HEX, digest, sizeof digest);
}

int calendar_token_new(char token[CALENDAR_TOKEN_CHARS + 1], char hash[CALENDAR_FEED_HASH_HEX])
{
    unsigned char raw[CALENDAR_TOKEN_BYTES];

    randombytes_buf(raw, sizeof raw);
    if (sodium_bin2base64(token, CALENDAR_TOKEN_CHARS + 1, raw, sizeof raw,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) == NULL)
        return -1;
    hash_of(raw, hash);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

static int is_b64url(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_';
}

int calendar_token_parse(const char *segment, size_t len, char hash[CALENDAR_FEED_HASH_HEX])
{
    static const size_t suffix = sizeof CALENDAR_TOKEN_SUFFIX - 1;
    unsigned char raw[CALENDAR_TOKEN_BYTES];
    size_t bin_len = 0;
    const char *end = NULL;

    if (len != CALENDAR_TOKEN_CHARS + suffix
        || memcmp(segment + CALENDAR_TOKEN_CHARS, CALENDAR_TOKEN_SUFFIX, suffix) != 0)
        return -1;
    /* checked here too: sodium_base642bin would skip characters named in
     * its ignore list, and we give it none, but say what a token is */
    for (size_t i = 0; i < CALENDAR_TOKEN_CHARS; i++)
        if (!is_b64url(segment[i]))
            return -1;
    /* libsodium refuses non-canonical trailing bits, so one token has
     * exactly one spelling and one hash */
    if (sodium_base642bin(raw, sizeof raw, segment, CALENDAR_TOKEN_CHARS, NULL, &bin_len, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0
        || bin_len != sizeof raw || end != segment + CALENDAR_TOKEN_CHARS)
        return -1;
    hash_of(raw, hash);
    sodium_memzero(raw, sizeof raw);
    return 0;
}
