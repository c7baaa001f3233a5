/* request.c: query values (request.h). One strict parser per kind of
 * value, so every page reads "?page=" and "?state=" alike, and the fuzz
 * target (fuzz_web_input) covers them all: strtol alone would take
 * " 9", "+9" and "-0". */
#include "web/request.h"

#include <stddef.h>

#define DIGITS_MAX 18   /* below LONG_MAX on a 64-bit long, and 2^53 */

int web_parse_long(const char *text, long lo, long hi, long *out)
{
    long v = 0;
    size_t n = 0;

    if (text == NULL || lo < 0)
        return -1;
    for (; text[n] != '\0'; n++) {
        if (n == DIGITS_MAX || text[n] < '0' || text[n] > '9')
            return -1;
        v = v * 10 + (text[n] - '0');
    }
    if (n == 0 || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int web_parse_state(const char *text, int *code)
{
    long v;

    /* GST state codes: 01-38 the states and union territories, 97 other
     * territory, 99 centre jurisdiction. */
    if (text == NULL || text[0] == '\0' || text[1] == '\0' || text[2] != '\0'
        || web_parse_long(text, 1, 99, &v) != 0 || (v > 38 && v != 97 && v != 99))
        return -1;
    *code = (int)v;
    return 0;
}

int web_query_long(const struct web_request *rq, const char *name, long lo, long hi, long *out)
{
    const char *t = web_query(rq, name);

    if (t == NULL)
        return 0;
    return web_parse_long(t, lo, hi, out) == 0 ? 1 : -1;
}

int web_query_state(const struct web_request *rq, const char *name, int *code)
{
    const char *t = web_query(rq, name);

    if (t == NULL)
        return 0;
    return web_parse_state(t, code) == 0 ? 1 : -1;
}
