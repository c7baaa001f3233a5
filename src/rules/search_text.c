#include "rules/search_text.h"

#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"

int search_text_nfc(struct buf *out, const char *s, size_t n, struct err *e)
{
    const utf8proc_uint8_t *in = (const utf8proc_uint8_t *)s;
    utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t cps, bytes;
    utf8proc_int32_t *cp;
    int rc;

    if (n == 0)
        return 0;
    /* utf8proc_map would allocate with malloc; decompose into our own
     * buffer instead, then let reencode compose and write UTF-8 in place
     * (4 bytes per code point at most, plus the NUL it writes). */
    cps = utf8proc_decompose(in, (utf8proc_ssize_t)n, NULL, 0, opts);
    if (cps < 0)
        return err_set(e, "not valid UTF-8 (%s)", utf8proc_errmsg(cps));
    cp = mem_alloc((size_t)cps * sizeof *cp + 1);
    if (cp == NULL)
        return err_set(e, "out of memory");
    cps = utf8proc_decompose(in, (utf8proc_ssize_t)n, cp, cps, opts);
    bytes = cps < 0 ? cps : utf8proc_reencode(cp, cps, opts);
    if (bytes < 0) {
        mem_free(cp);
        return err_set(e, "not valid UTF-8 (%s)", utf8proc_errmsg(bytes));
    }
    rc = buf_append(out, cp, (size_t)bytes);
    mem_free(cp);
    return rc == 0 ? 0 : err_set(e, "text too long");
}

/* The tokenizer's word characters: categories L*, N*, Co and M*. */
static bool is_word_char(utf8proc_int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_CO:
        return true;
    default:
        return false;
    }
}

/* Decode one code point at s[*pos]; a bad byte counts as a separator. */
static utf8proc_int32_t next_cp(const char *s, size_t n, size_t *pos)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *pos,
                                          (utf8proc_ssize_t)(n - *pos), &c);

    *pos += k > 0 ? (size_t)k : 1;
    return k > 0 ? c : -1;
}

int search_text_word(const char *s, size_t n, size_t *pos, char *word, size_t cap)
{
    size_t len = 0;

    if (cap == 0)
        return -1;
    word[0] = '\0';
    while (*pos < n) {
        size_t at = *pos;
        utf8proc_int32_t c = next_cp(s, n, pos);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k;
        if (c < 0 || !is_word_char(c)) {
            if (len > 0) {
                *pos = at; /* leave the separator: the caller can see the word ended */
                break;
            }
            continue;
        }
        k = utf8proc_encode_char(utf8proc_tolower(c), enc);
        if (len + (size_t)k + 1 > cap)
            return -1;
        memcpy(word + len, enc, (size_t)k);
        len += (size_t)k;
    }
    word[len] = '\0';
    return (int)len;
}

/* Code points of a NUL-terminated word; -1 when more than max. */
static int decode(const char *s, utf8proc_int32_t *out, int max)
{
    size_t pos = 0, n = strlen(s);
    int k = 0;

    while (pos < n) {
        if (k == max)
            return -1;
        out[k++] = next_cp(s, n, &pos);
    }
    return k;
}

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

int search_text_distance(const char *a, const char *b, int max)
{
    enum { N = SEARCH_TEXT_DISTANCE_CHARS };
    utf8proc_int32_t x[N], y[N];
    int row[3][N + 1]; /* rows i, i-1 and i-2 of the table, by i % 3 */
    int n = decode(a, x, N), m = decode(b, y, N);

    if (n < 0 || m < 0 || (n > m ? n - m : m - n) > max)
        return max + 1;
    for (int j = 0; j <= m; j++)
        row[0][j] = j;
    for (int i = 1; i <= n; i++) {
        int *cur = row[i % 3], *prev = row[(i + 2) % 3], *prev2 = row[(i + 1) % 3];
        int best = cur[0] = i;
        for (int j = 1; j <= m; j++) {
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] != y[j - 1]));
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            best = cur[j] < best ? cur[j] : best;
        }
        /* A row's minimum never falls again (a swap reaches back one row
         * more, but costs one), so stop once it is past max. */
        if (best > max)
            return max + 1;
    }
    return row[n % 3][m] > max ? max + 1 : row[n % 3][m];
}

bool search_text_has_devanagari(const char *s, size_t n)
{
    size_t pos = 0;

    while (pos < n) {
        utf8proc_int32_t c = next_cp(s, n, &pos);
        if (c >= 0x0900 && c <= 0x097F)
            return true;
    }
    return false;
}
