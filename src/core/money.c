#include "core/money.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int money_add(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;

    if (__builtin_add_overflow(a, b, &r))
        return -1;
    *out = r;
    return 0;
}

int money_sub(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;

    if (__builtin_sub_overflow(a, b, &r))
        return -1;
    *out = r;
    return 0;
}

int money_mul(int64_t a, int64_t factor, int64_t *out)
{
    int64_t r;

    if (__builtin_mul_overflow(a, factor, &r))
        return -1;
    *out = r;
    return 0;
}

int money_mul_ratio(int64_t a, int64_t num, int64_t den, int64_t *out)
{
    __int128 p, q, r;

    if (den <= 0)
        return -1;
    p = (__int128)a * num;
    q = p / den;
    r = p % den;
    /* Round half away from zero. */
    if (r != 0 && (r < 0 ? -r : r) * 2 >= den)
        q += p < 0 ? -1 : 1;
    if (q > INT64_MAX || q < INT64_MIN)
        return -1;
    *out = (int64_t)q;
    return 0;
}

/* --- parsing --------------------------------------------------------- */

struct unit {
    const char *word;
    int64_t paise; /* value of one unit */
    int fraction_digits; /* digits after the point that still name whole paise */
};

static const struct unit units[] = {
    {"crores", MONEY_CRORE, 9}, {"crore", MONEY_CRORE, 9}, {"cr.", MONEY_CRORE, 9},
    {"cr", MONEY_CRORE, 9}, {"करोड़", MONEY_CRORE, 9}, {"करोड", MONEY_CRORE, 9},
    {"lakhs", MONEY_LAKH, 7}, {"lakh", MONEY_LAKH, 7}, {"lacs", MONEY_LAKH, 7},
    {"lac", MONEY_LAKH, 7}, {"लाख", MONEY_LAKH, 7},
    {"thousand", 100000, 5}, {"हज़ार", 100000, 5}, {"हजार", 100000, 5},
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && is_space(**s))
        (*s)++, (*n)--;
    while (*n > 0 && is_space((*s)[*n - 1]))
        (*n)--;
}

static bool has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);

    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char a = s[i], b = p[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

static void strip_currency(const char **s, size_t *n)
{
    static const char *const prefixes[] = {"₹", "rs.", "rs", "inr"};

    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (has_prefix_ci(*s, *n, prefixes[i])) {
            size_t k = strlen(prefixes[i]);
            *s += k;
            *n -= k;
            trim(s, n);
            return;
        }
    }
}

/* Find a trailing unit word; returns the unit or NULL (rupees). */
static const struct unit *strip_unit(const char *s, size_t *n)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t k = strlen(units[i].word);
        if (*n > k && has_prefix_ci(s + *n - k, k, units[i].word)) {
            size_t rest = *n - k;
            const char *p = s + rest;
            /* The word must stand apart from the number or follow a digit
             * directly ("12lakh"), never be the tail of another word. */
            if (rest > 0 && (is_space(p[-1]) || (p[-1] >= '0' && p[-1] <= '9'))) {
                *n = rest;
                return &units[i];
            }
        }
    }
    return NULL;
}

/* Group sizes from the right, after removing commas. Indian: 3,2,2,...;
 * international: 3,3,3,... The leftmost group may be shorter. */
static bool grouping_ok(const size_t *groups, size_t count)
{
    bool indian = true, intl = true;

    if (count < 2)
        return true;
    for (size_t i = 1; i < count; i++) {
        size_t g = groups[i];           /* groups[0] is leftmost */
        size_t from_right = count - 1 - i;
        if (from_right == 0) {
            indian &= g == 3;
            intl &= g == 3;
        } else {
            indian &= g == 2;
            intl &= g == 3;
        }
    }
    indian &= groups[0] >= 1 && groups[0] <= 2;
    intl &= groups[0] >= 1 && groups[0] <= 3;
    return indian || intl;
}

static int parse_integer_part(const char *s, size_t n, int64_t *value, struct err *e)
{
    size_t groups[16];
    size_t count = 0, run = 0;
    int64_t v = 0;

    if (n == 0)
        return err_set(e, "no digits");
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ',') {
            if (run == 0 || count + 1 >= sizeof groups / sizeof groups[0])
                return err_set(e, "misplaced comma");
            groups[count++] = run;
            run = 0;
            continue;
        }
        if (c < '0' || c > '9')
            return err_set(e, "unexpected character '%c'", c);
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, c - '0', &v))
            return err_set(e, "amount too large");
        run++;
    }
    if (run == 0)
        return err_set(e, "misplaced comma");
    groups[count++] = run;
    if (!grouping_ok(groups, count))
        return err_set(e, "commas are not in Indian (12,34,567) or international (1,234,567) places");
    *value = v;
    return 0;
}

int money_parse(const char *s, size_t n, bool allow_negative, int64_t *paise, struct err *e)
{
    const struct unit *unit;
    int64_t scale = PAISE_PER_RUPEE, whole = 0, total, frac_value = 0;
    int max_frac = 2, frac_digits = 0;
    bool negative = false;
    const char *dot;

    trim(&s, &n);
    strip_currency(&s, &n);
    if (n > 0 && s[0] == '-') {
        negative = true;
        s++, n--;
    } else if (n > 0 && s[0] == '+') {
        s++, n--;
    }
    trim(&s, &n);
    strip_currency(&s, &n);
    unit = strip_unit(s, &n);
    trim(&s, &n);
    if (unit != NULL) {
        scale = unit->paise;
        max_frac = unit->fraction_digits;
    }
    if (n == 0)
        return err_set(e, "empty amount");
    dot = memchr(s, '.', n);
    if (parse_integer_part(s, dot ? (size_t)(dot - s) : n, &whole, e) != 0)
        return -1;
    if (dot != NULL) {
        const char *f = dot + 1, *end = s + n;
        if (f == end)
            return err_set(e, "no digits after the decimal point");
        for (; f < end; f++) {
            if (*f < '0' || *f > '9')
                return err_set(e, "unexpected character '%c' after the decimal point", *f);
            if (frac_digits == max_frac) {
                if (*f != '0')
                    return err_set(e, "more precise than one paisa");
                continue;
            }
            frac_value = frac_value * 10 + (*f - '0');
            frac_digits++;
        }
    }
    /* frac_value counts units of 10^-frac_digits; convert to paise. */
    for (int i = frac_digits; i < max_frac; i++)
        frac_value *= 10;
    if (money_mul(whole, scale, &total) != 0 || money_add(total, frac_value, &total) != 0
        || total > MONEY_INPUT_MAX)
        return err_set(e, "amount too large");
    if (negative && total != 0 && !allow_negative)
        return err_set(e, "amount must not be negative");
    *paise = negative ? -total : total;
    return 0;
}

/* --- formatting ------------------------------------------------------ */

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

void money_format(int64_t paise, char out[MONEY_STR_MAX])
{
    uint64_t m = magnitude(paise);
    const char *sign = paise < 0 ? "-" : "";

    if (m % 100 == 0)
        snprintf(out, MONEY_STR_MAX, "%s%llu", sign, (unsigned long long)(m / 100));
    else
        snprintf(out, MONEY_STR_MAX, "%s%llu.%02llu", sign, (unsigned long long)(m / 100),
                 (unsigned long long)(m % 100));
}

void money_format_inr(int64_t paise, char out[MONEY_STR_MAX])
{
    char digits[24], grouped[40];
    uint64_t m = magnitude(paise);
    size_t nd, gi = 0;

    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(m / 100));
    nd = strlen(digits);
    for (size_t i = 0; i < nd; i++) {
        size_t left = nd - i; /* digits remaining including this one */
        if (i > 0 && (left == 3 || (left > 3 && (left - 3) % 2 == 0)))
            grouped[gi++] = ',';
        grouped[gi++] = digits[i];
    }
    grouped[gi] = '\0';
    if (m % 100 == 0)
        snprintf(out, MONEY_STR_MAX, "%s₹%s", paise < 0 ? "-" : "", grouped);
    else
        snprintf(out, MONEY_STR_MAX, "%s₹%s.%02llu", paise < 0 ? "-" : "", grouped,
                 (unsigned long long)(m % 100));
}

double money_to_rupees(int64_t paise)
{
    return (double)paise / PAISE_PER_RUPEE;
}

int money_from_rupees(double rupees, int64_t *paise, struct err *e)
{
    double scaled, rounded;

    if (!isfinite(rupees))
        return err_set(e, "amount is not a finite number");
    scaled = rupees * PAISE_PER_RUPEE;
    if (fabs(scaled) > (double)MONEY_INPUT_MAX)
        return err_set(e, "amount too large");
    rounded = round(scaled);
    /* Allow for binary representation of decimals such as 0.07, but reject
     * a third decimal place. */
    if (fabs(scaled - rounded) > 1e-6 + fabs(scaled) * 1e-15)
        return err_set(e, "amount has more than two decimal places");
    *paise = (int64_t)rounded;
    return 0;
}

json_t *money_to_json(int64_t paise)
{
    return paise % PAISE_PER_RUPEE == 0 ? json_integer(paise / PAISE_PER_RUPEE)
                                        : json_real(money_to_rupees(paise));
}
