#include "rules/num.h"

/* q = p / d rounded half away from zero, or overflow. */
static enum num_status div_round(__int128 p, __int128 d, int64_t *out)
{
    __int128 q, r;

    if (d == 0)
        return NUM_DIV_ZERO;
    q = p / d;
    r = p % d;
    if (r != 0) {
        __int128 ar = r < 0 ? -r : r, ad = d < 0 ? -d : d;
        if (ar * 2 >= ad)
            q += (p < 0) != (d < 0) ? -1 : 1;
    }
    if (q > INT64_MAX || q < INT64_MIN)
        return NUM_OVERFLOW;
    *out = (int64_t)q;
    return NUM_OK;
}

enum num_status num_add(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_add_overflow(a, b, out) ? NUM_OVERFLOW : NUM_OK;
}

enum num_status num_sub(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_sub_overflow(a, b, out) ? NUM_OVERFLOW : NUM_OK;
}

enum num_status num_mul(int64_t a, int64_t b, int64_t *out)
{
    return div_round((__int128)a * b, NUM_SCALE, out);
}

enum num_status num_div(int64_t a, int64_t b, int64_t *out)
{
    return div_round((__int128)a * NUM_SCALE, b, out);
}

enum num_status num_round(int64_t a, int digits, int64_t *out)
{
    __int128 unit = 1;
    int64_t q;

    if (digits > 4)
        digits = 4;
    if (digits < -14)
        return NUM_OVERFLOW;
    for (int i = digits; i < 4; i++)
        unit *= 10;
    if (div_round(a, unit, &q) != NUM_OK || (__int128)q * unit > INT64_MAX
        || (__int128)q * unit < INT64_MIN)
        return NUM_OVERFLOW;
    *out = (int64_t)((__int128)q * unit);
    return NUM_OK;
}

int64_t num_floor(int64_t a)
{
    int64_t r = a % NUM_SCALE;
    return r < 0 ? a - r - NUM_SCALE : a - r;
}

int64_t num_ceil(int64_t a)
{
    int64_t r = a % NUM_SCALE;
    return r > 0 ? a - r + NUM_SCALE : a - r;
}

enum num_status num_from_int(int64_t i, int64_t *out)
{
    return __builtin_mul_overflow(i, (int64_t)NUM_SCALE, out) ? NUM_OVERFLOW : NUM_OK;
}

int64_t num_from_paise(int64_t paise)
{
    return paise * (NUM_SCALE / 100); /* paise inputs are bounded by MONEY_INPUT_MAX */
}

enum num_status num_to_paise(int64_t n, int64_t *paise)
{
    return div_round(n, NUM_SCALE / 100, paise);
}

double num_to_double(int64_t n)
{
    return (double)n / NUM_SCALE;
}

const char *num_status_text(enum num_status s)
{
    switch (s) {
    case NUM_OK: return "ok";
    case NUM_OVERFLOW: return "arithmetic overflow";
    case NUM_DIV_ZERO: return "division by zero";
    }
    return "?";
}
