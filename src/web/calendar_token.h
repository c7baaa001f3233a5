/* calendar_token.h: the secret in a calendar subscription URL,
 * /calendar/{token}.ics (docs/calendar-ics.md).
 *
 * A token is 32 bytes from randombytes_buf, written base64url without
 * padding (43 characters), so it fits a URL path unescaped. It is the
 * only credential a phone's calendar app can carry, so it is as strong as
 * a session cookie; the store keeps only its BLAKE2b-256 hash, in hex. */
#ifndef SAMANVAY_CALENDAR_TOKEN_H
#define SAMANVAY_CALENDAR_TOKEN_H

#include <stddef.h>

#include "store/store_calendar_feed.h"

#define CALENDAR_TOKEN_BYTES 32
#define CALENDAR_TOKEN_CHARS 43       /* base64url of 32 bytes, no padding */
#define CALENDAR_TOKEN_SUFFIX ".ics"

/* A fresh token (NUL-terminated) and its hash; -1 only if libsodium
 * cannot encode it. */
int calendar_token_new(char token[CALENDAR_TOKEN_CHARS + 1], char hash[CALENDAR_FEED_HASH_HEX]);

/* Read the URL's last segment, "<token>.ics" (len bytes, not necessarily
 * NUL-terminated), into the token's hash. -1 for anything else: wrong
 * length, characters outside base64url, a missing or different suffix,
 * or a token whose last character carries bits the encoding never sets. */
int calendar_token_parse(const char *segment, size_t len, char hash[CALENDAR_FEED_HASH_HEX]);

#endif
