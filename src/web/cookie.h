/* cookie.h: reading the Cookie request header and writing Set-Cookie
 * values (RFC 6265). Both work on caller-owned, bounded buffers. */
#ifndef SAMANVAY_COOKIE_H
#define SAMANVAY_COOKIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of cookie `name` in a Cookie header ("a=1; b=2"), copied into
 * out[0..cap) with its surrounding double quotes removed. Returns 0, or -1
 * when the cookie is absent, empty, or does not fit. The first cookie of
 * that name wins: browsers send the most specific path first. */
int cookie_get(const char *header, const char *name, char *out, size_t cap);

struct cookie_attrs {
    int64_t max_age;          /* seconds; 0 deletes the cookie; < 0 lasts the browser session */
    bool http_only;
    bool secure;              /* only over HTTPS (set when behind a TLS proxy) */
    const char *same_site;    /* "Strict" | "Lax" */
};

/* "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Strict" into out.
 * Returns 0, or -1 when it does not fit or name/value hold characters a
 * cookie may not carry. */
int cookie_format(char *out, size_t cap, const char *name, const char *value,
                  const struct cookie_attrs *a);

#endif
