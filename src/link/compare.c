/* compare.c: string and value similarities for record linkage.
 *
 * These run tens of millions of times in a linkage run, so none of them
 * allocates: strings are decoded into code-point arrays on the stack.
 * The arrays hold COMPARE_MAX_CP code points; a longer string is
 * compared on its first COMPARE_MAX_CP code points (names, streets and
 * places are far shorter; what lies beyond is noise for linkage). The
 * decoder never reads past the end and turns a byte that does not start
 * a valid sequence into a code point of its own, so invalid input gives
 * some similarity rather than undefined behaviour. */
#include "link/compare.h"

#include <math.h>
#include <string.h>

#include "core/date.h"

#define COMPARE_MAX_CP 256
#define TOKEN_MAX 32           /* words per side in token_set_similarity */
#define TOKEN_TEXT_MAX 1024    /* bytes of a rebuilt word list */

static bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Decode s[0..n) into out[cap]; returns the number of code points kept. */
static size_t utf8_decode(const char *str, size_t n, uint32_t *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k = 0;

    while (i < n && k < cap) {
        unsigned char c = s[i];
        if (c < 0x80) {
            out[k++] = c;
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t len = 0;
        if ((c & 0xE0) == 0xC0 && c >= 0xC2 && i + 1 < n && is_continuation(s[i + 1])) {
            cp = (uint32_t)(c & 0x1F) << 6 | (s[i + 1] & 0x3F);
            len = 2;
        } else if ((c & 0xF0) == 0xE0 && i + 2 < n && is_continuation(s[i + 1])
                   && is_continuation(s[i + 2])) {
            cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6
                 | (s[i + 2] & 0x3F);
            len = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? 3 : 0;
        } else if ((c & 0xF8) == 0xF0 && i + 3 < n && is_continuation(s[i + 1])
                   && is_continuation(s[i + 2]) && is_continuation(s[i + 3])) {
            cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12
                 | (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
            len = cp >= 0x10000 && cp <= 0x10FFFF ? 4 : 0;
        }
        if (len > 0) {
            out[k++] = cp;
            i += len;
        } else {
            /* Not valid UTF-8: the byte stands for itself, outside the
             * range real code points use, so it matches only itself. */
            out[k++] = 0x110000u + c;
            i++;
        }
    }
    return k;
}

/* Jaro similarity of two code-point arrays, both non-empty. */
static double jaro(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    bool a_hit[COMPARE_MAX_CP], b_hit[COMPARE_MAX_CP];
    size_t longer = na > nb ? na : nb;
    size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
    size_t matches = 0, half_transpositions = 0;

    memset(a_hit, 0, na * sizeof a_hit[0]);
    memset(b_hit, 0, nb * sizeof b_hit[0]);
    for (size_t i = 0; i < na; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window + 1 < nb ? i + window + 1 : nb;
        for (size_t j = lo; j < hi; j++) {
            if (!b_hit[j] && a[i] == b[j]) {
                a_hit[i] = b_hit[j] = true;
                matches++;
                break;
            }
        }
    }
    if (matches == 0)
        return 0.0;
    for (size_t i = 0, j = 0; i < na; i++) {
        if (!a_hit[i])
            continue;
        while (!b_hit[j])
            j++;
        if (a[i] != b[j])
            half_transpositions++;
        j++;
    }
    double m = (double)matches;
    double t = (double)(half_transpositions / 2);
    return (m / (double)na + m / (double)nb + (m - t) / m) / 3.0;
}

/* The same Jaro for ASCII strings of at most 64 bytes, the usual case
 * after normalisation: each byte's positions in b are a bit mask, so a
 * letter finds its first free match in its window in one step instead
 * of a scan. Same greedy choice (lowest free position), same result. */
static double jaro_ascii64(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
    uint64_t at[128], used = 0, a_hit = 0;
    size_t longer = na > nb ? na : nb;
    size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
    size_t matches = 0, half_transpositions = 0;

    for (size_t i = 0; i < na; i++)
        at[a[i]] = 0;
    for (size_t j = 0; j < nb; j++)
        at[b[j]] = 0;
    for (size_t j = 0; j < nb; j++)
        at[b[j]] |= (uint64_t)1 << j;
    for (size_t i = 0; i < na; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window + 1 < nb ? i + window + 1 : nb;
        if (lo >= hi)
            continue;
        uint64_t in_window = (hi == 64 ? ~(uint64_t)0 : ((uint64_t)1 << hi) - 1)
                             & ~(((uint64_t)1 << lo) - 1);
        uint64_t free_match = at[a[i]] & ~used & in_window;
        if (free_match) {
            used |= free_match & -free_match;
            a_hit |= (uint64_t)1 << i;
            matches++;
        }
    }
    if (matches == 0)
        return 0.0;
    for (uint64_t ia = a_hit, jb = used; ia; ia &= ia - 1, jb &= jb - 1)
        half_transpositions += a[__builtin_ctzll(ia)] != b[__builtin_ctzll(jb)];
    double m = (double)matches;
    double t = (double)(half_transpositions / 2);
    return (m / (double)na + m / (double)nb + (m - t) / m) / 3.0;
}

static bool ascii64(const char *s, size_t n)
{
    if (n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static double winkler(double j, const char *a, size_t na, const char *b, size_t nb)
{
    size_t prefix = 0;

    while (prefix < 4 && prefix < na && prefix < nb && a[prefix] == b[prefix])
        prefix++;
    return j + (double)prefix * 0.1 * (1.0 - j);
}

static double jaro_winkler_cp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t prefix = 0;
    double j;

    if (na == 0 && nb == 0)
        return 1.0;
    if (na == 0 || nb == 0)
        return 0.0;
    j = jaro(a, na, b, nb);
    while (prefix < 4 && prefix < na && prefix < nb && a[prefix] == b[prefix])
        prefix++;
    return j + (double)prefix * 0.1 * (1.0 - j);
}

double jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
    uint32_t ca[COMPARE_MAX_CP], cb[COMPARE_MAX_CP];

    if (na == nb && memcmp(a, b, na) == 0)
        return 1.0;
    if (na > 0 && nb > 0 && ascii64(a, na) && ascii64(b, nb))
        return winkler(jaro_ascii64((const unsigned char *)a, na, (const unsigned char *)b, nb),
                       a, na, b, nb);
    na = utf8_decode(a, na, ca, COMPARE_MAX_CP);
    nb = utf8_decode(b, nb, cb, COMPARE_MAX_CP);
    return jaro_winkler_cp(ca, na, cb, nb);
}

int edit_distance_bounded(const char *a, size_t na, const char *b, size_t nb, int max)
{
    uint32_t ca[COMPARE_MAX_CP], cb[COMPARE_MAX_CP];
    int row[COMPARE_MAX_CP + 1];

    if (max < 0)
        max = 0;
    if (na == nb && memcmp(a, b, na) == 0)
        return 0;
    na = utf8_decode(a, na, ca, COMPARE_MAX_CP);
    nb = utf8_decode(b, nb, cb, COMPARE_MAX_CP);
    if ((na > nb ? na - nb : nb - na) > (size_t)max)
        return max + 1;
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diagonal = row[0], best = (int)i;
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int above = row[j];
            int cost = diagonal + (ca[i - 1] != cb[j - 1]);
            if (above + 1 < cost)
                cost = above + 1;
            if (row[j - 1] + 1 < cost)
                cost = row[j - 1] + 1;
            row[j] = cost;
            diagonal = above;
            if (cost < best)
                best = cost;
        }
        /* Every cell of a row is a lower bound on the final distance. */
        if (best > max)
            return max + 1;
    }
    return row[nb] > max ? max + 1 : row[nb];
}

/* --- token sets ------------------------------------------------------ */

struct word {
    const char *s;
    size_t n;
};

static int word_cmp(const struct word *x, const struct word *y)
{
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    if (c != 0)
        return c;
    return x->n < y->n ? -1 : x->n > y->n;
}

/* Split on spaces into a sorted set (duplicates dropped); at most
 * TOKEN_MAX words are kept. */
static size_t word_set(const char *s, size_t n, struct word *out)
{
    size_t count = 0, i = 0;

    while (i < n && count < TOKEN_MAX) {
        while (i < n && s[i] == ' ')
            i++;
        size_t start = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == start)
            break;
        struct word w = {s + start, i - start};
        size_t at = count;
        while (at > 0 && word_cmp(&out[at - 1], &w) > 0)
            at--;
        if (at > 0 && word_cmp(&out[at - 1], &w) == 0)
            continue;
        memmove(&out[at + 1], &out[at], (count - at) * sizeof out[0]);
        out[at] = w;
        count++;
    }
    return count;
}

static bool word_in(const struct word *set, size_t n, const struct word *w)
{
    for (size_t i = 0; i < n; i++)
        if (word_cmp(&set[i], w) == 0)
            return true;
    return false;
}

/* Append w to text (space-separated), truncating at the buffer's end. */
static void text_add(char *text, size_t *len, const struct word *w)
{
    if (*len > 0 && *len < TOKEN_TEXT_MAX)
        text[(*len)++] = ' ';
    size_t room = TOKEN_TEXT_MAX - *len;
    size_t n = w->n < room ? w->n : room;
    memcpy(text + *len, w->s, n);
    *len += n;
}

double token_set_similarity(const char *a, size_t na, const char *b, size_t nb)
{
    struct word wa[TOKEN_MAX], wb[TOKEN_MAX];
    char ta[TOKEN_TEXT_MAX], tb[TOKEN_TEXT_MAX];
    size_t ka = word_set(a, na, wa), kb = word_set(b, nb, wb);
    size_t common = 0, la = 0, lb = 0;

    if (ka == 0 || kb == 0)
        return 0.0;
    /* Both texts start with the shared words in sorted order, then each
     * side's remaining words, so order and extra words cost little. */
    for (size_t i = 0; i < ka; i++) {
        if (word_in(wb, kb, &wa[i])) {
            common++;
            text_add(ta, &la, &wa[i]);
            text_add(tb, &lb, &wa[i]);
        }
    }
    for (size_t i = 0; i < ka; i++)
        if (!word_in(wb, kb, &wa[i]))
            text_add(ta, &la, &wa[i]);
    for (size_t i = 0; i < kb; i++)
        if (!word_in(wa, ka, &wb[i]))
            text_add(tb, &lb, &wb[i]);
    double overlap = (double)common / (double)(ka < kb ? ka : kb);
    double jw = jaro_winkler(ta, la, tb, lb);
    return overlap > jw ? overlap : jw;
}

/* --- numbers, dates, postcodes --------------------------------------- */

double numeric_relative_difference(double a, double b)
{
    double scale = fmax(fabs(a), fabs(b));

    if (a == b)
        return 0.0;
    if (isnan(a) || isnan(b) || isinf(scale))
        return HUGE_VAL;
    return fabs(a - b) / scale;
}

/* The eight digits YYYYMMDD of a date inside core/date.h's range. */
static bool date_digits(int32_t date, char out[8])
{
    int32_t first, last;
    int y, m, d;

    if (date_from_ymd(DATE_MIN_YEAR, 1, 1, &first) != 0
        || date_from_ymd(DATE_MAX_YEAR, 12, 31, &last) != 0 || date < first || date > last)
        return false;
    date_to_ymd(date, &y, &m, &d);
    int v[8] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
    for (int i = 0; i < 8; i++)
        out[i] = (char)('0' + v[i]);
    return true;
}

enum date_agreement date_compare(int32_t a, int32_t b, int near_days)
{
    char da[8], db[8];
    int64_t gap = (int64_t)a - (int64_t)b;

    if (a == DATE_UNKNOWN || b == DATE_UNKNOWN)
        return DATE_DIFFERENT;
    if (a == b)
        return DATE_EXACT;
    if (date_digits(a, da) && date_digits(b, db)) {
        int differing = 0;
        for (int i = 0; i < 8; i++)
            differing += da[i] != db[i];
        /* 03-04 read as 04-03: same year, day and month exchanged. */
        bool swapped = memcmp(da, db, 4) == 0 && memcmp(da + 4, db + 6, 2) == 0
                       && memcmp(da + 6, db + 4, 2) == 0;
        if (differing == 1 || swapped)
            return DATE_TRANSPOSED;
    }
    if (near_days >= 0 && (gap < 0 ? -gap : gap) <= near_days)
        return DATE_NEAR;
    return DATE_DIFFERENT;
}

enum postcode_agreement postcode_compare(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);

    if (na == 0 || nb == 0)
        return POSTCODE_DIFFERENT;
    if (na == nb && memcmp(a, b, na) == 0)
        return POSTCODE_EXACT;
    if (na == nb) {
        size_t first = na, differing = 0;
        for (size_t i = 0; i < na; i++) {
            if (a[i] != b[i]) {
                if (differing++ == 0)
                    first = i;
            }
        }
        if (differing == 1)
            return POSTCODE_ONE_DIGIT;
        if (differing == 2 && first + 1 < na && a[first] == b[first + 1]
            && a[first + 1] == b[first] && a[first] != b[first])
            return POSTCODE_ONE_DIGIT;
    }
    if (na >= 3 && nb >= 3 && memcmp(a, b, 3) == 0)
        return POSTCODE_PREFIX3;
    return POSTCODE_DIFFERENT;
}
