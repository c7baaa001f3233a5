#include "web/cookie.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

int cookie_get(const char *header, const char *name, char *out, size_t cap)
{
    size_t name_len = strlen(name);
    const char *p = header;

    if (header == NULL || cap == 0)
        return -1;
    while (*p) {
        const char *pair = skip_space(p);
        const char *end = strchr(pair, ';');
        size_t pair_len = end ? (size_t)(end - pair) : strlen(pair);
        p = end ? end + 1 : pair + pair_len;
        if (pair_len <= name_len || strncmp(pair, name, name_len) != 0 || pair[name_len] != '=')
            continue;
        const char *v = pair + name_len + 1;
        size_t n = pair_len - name_len - 1;
        while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
            n--;
        if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
            v++;
            n -= 2;
        }
        if (n == 0 || n >= cap)
            return -1;
        memcpy(out, v, n);
        out[n] = '\0';
        return 0;
    }
    return -1;
}

/* RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon
 * and backslash. Names are tokens, which is stricter; this is enough for
 * the names we use and rejects header injection either way. */
static bool cookie_octets(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\' || c == '=')
            return false;
    }
    return true;
}

int cookie_format(char *out, size_t cap, const char *name, const char *value,
                  const struct cookie_attrs *a)
{
    char age[40] = "";
    int n;

    if (*name == '\0' || !cookie_octets(name) || (*value && !cookie_octets(value)))
        return -1;
    if (a->max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%" PRId64, a->max_age);
    n = snprintf(out, cap, "%s=%s; Path=/%s%s%s; SameSite=%s", name, value, age,
                 a->http_only ? "; HttpOnly" : "", a->secure ? "; Secure" : "",
                 a->same_site ? a->same_site : "Strict");
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}
