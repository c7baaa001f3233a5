/* Fuzz the subscription URL's token parser (calendar_token.c): any bytes
 * as the last path segment. A segment it accepts must be exactly
 * "<43 base64url>.ics", and must hash to the same value twice; every
 * token it makes must parse back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/calendar_token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char hash[CALENDAR_FEED_HASH_HEX], again[CALENDAR_FEED_HASH_HEX];
    const char *s = (const char *)data;

    if (calendar_token_parse(s, size, hash) == 0) {
        if (size != CALENDAR_TOKEN_CHARS + 4 || memcmp(s + CALENDAR_TOKEN_CHARS, ".ics", 4) != 0)
            abort();
        if (strlen(hash) != 64 || calendar_token_parse(s, size, again) != 0
            || strcmp(hash, again) != 0)
            abort();
    }
    if (size == 1) {   /* now and then, a fresh token round trip */
        char token[CALENDAR_TOKEN_CHARS + 5];
        if (calendar_token_new(token, hash) != 0)
            abort();
        memcpy(token + CALENDAR_TOKEN_CHARS, ".ics", 5);
        if (calendar_token_parse(token, strlen(token), again) != 0 || strcmp(hash, again) != 0)
            abort();
    }
    return 0;
}
