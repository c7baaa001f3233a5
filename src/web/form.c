#include "web/form.h"

#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int form_decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi, lo;
            if (n - i < 3)
                return -1;
            hi = hex_digit(s[i + 1]);
            lo = hex_digit(s[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0' || o + 1 >= cap)
            return -1;
        out[o++] = c;
    }
    if (cap == 0)
        return -1;
    out[o] = '\0';
    return 0;
}

/* The raw value of the first field `name` in body[0..len) (*n bytes; ""
 * for a name with no '='), or NULL when there is none. */
static const char *find_field(const char *body, size_t len, const char *name, size_t *n)
{
    size_t name_len = strlen(name);
    size_t i = 0;

    while (i < len) {
        const char *pair = body + i;
        const char *amp = memchr(pair, '&', len - i);
        size_t pair_len = amp ? (size_t)(amp - pair) : len - i;
        const char *eq = memchr(pair, '=', pair_len);
        size_t key_len = eq ? (size_t)(eq - pair) : pair_len;
        i += pair_len + 1;
        if (key_len != name_len || memcmp(pair, name, name_len) != 0)
            continue;
        *n = eq ? pair_len - key_len - 1 : 0;
        return eq ? eq + 1 : "";
    }
    return NULL;
}

int form_get(const char *body, size_t len, const char *name, char *out, size_t cap)
{
    size_t n = 0;
    const char *v = find_field(body, len, name, &n);

    return v == NULL ? -1 : form_decode(v, n, out, cap);
}

static bool plain_utf8(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);

    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
            return false;
        p += n;
        left -= n;
    }
    return true;
}

enum form_text_result form_text(const char *body, size_t len, const char *name, char *out,
                                size_t cap)
{
    size_t n = 0;
    const char *v = find_field(body, len, name, &n);

    if (cap == 0)
        return FORM_BAD;
    out[0] = '\0';
    if (v == NULL)
        return FORM_ABSENT;
    if (form_decode(v, n, out, cap) != 0 || !plain_utf8(out)) {
        out[0] = '\0';
        return FORM_BAD;
    }
    return FORM_OK;
}
