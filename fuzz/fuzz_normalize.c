/* Fuzz the name normalizer, the phonetic skeleton and the comparators.
 * The first byte picks the name kind; the rest, split at the first
 * newline, gives two strings. A folded name must be lower-case ASCII
 * words with single spaces, fold to itself again (person and plain
 * kinds), and every comparator must stay in its range and be symmetric. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/compare.h"
#include "link/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_folded(const char *s, int len)
{
    for (int i = 0; i < len; i++) {
        char c = s[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!letter && !(c == ' ' && i > 0 && i + 1 < len && s[i - 1] != ' '))
            abort();
    }
}

static void check_compare(const char *a, size_t na, const char *b, size_t nb)
{
    double jw = jaro_winkler(a, na, b, nb);
    double ts = token_set_similarity(a, na, b, nb);
    int d = edit_distance_bounded(a, na, b, nb, 3);

    if (!(jw >= 0.0 && jw <= 1.0) || jw != jaro_winkler(b, nb, a, na))
        abort();
    if (!(ts >= 0.0 && ts <= 1.0))
        abort();
    if (d < 0 || d > 4 || d != edit_distance_bounded(b, nb, a, na, 3))
        abort();
    if ((d == 0) != (na == nb && memcmp(a, b, na) == 0) && na <= 256 && nb <= 256)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* One normalizer for the whole run: opening ICU per input would
     * measure ICU's start-up, not our code. Reachable, so not a leak. */
    static struct normalizer *n;
    struct err e;
    char out[4096], again[4096], phon[8192], pa[16], pb[16];

    if (size == 0)
        return 0;
    if (!n && !(n = normalizer_new(&e)))
        abort();
    enum name_kind kind = (enum name_kind)(data[0] % 3);
    const char *a = (const char *)data + 1, *nl = memchr(a, '\n', size - 1);
    size_t na = nl ? (size_t)(nl - a) : size - 1;
    const char *b = nl ? nl + 1 : a;
    size_t nb = nl ? size - 1 - na - 1 : na;

    int len = normalizer_name(n, a, na, kind, out, sizeof out, &e);
    if (len >= 0) {
        check_folded(out, len);
        if (kind != NAME_BUSINESS) {
            int len2 = normalizer_name(n, out, (size_t)len, kind, again, sizeof again, &e);
            if (len2 != len || memcmp(out, again, (size_t)len) != 0)
                abort();
        }
        int fp = name_phonetic(out, phon, sizeof phon);
        if (fp < 0 || fp > 2 * len)
            abort();
        check_compare(out, (size_t)len, phon, (size_t)fp);
    }
    check_compare(a, na, b, nb);
    /* Any bytes, not only folded names, must stay within the buffer. */
    snprintf(again, sizeof again, "%.*s", (int)(na < sizeof again - 1 ? na : sizeof again - 1), a);
    int p = name_phonetic(again, phon, sizeof phon);
    if (p < -1 || p > 2 * (int)strlen(again))
        abort();
    snprintf(pa, sizeof pa, "%.*s", (int)(na < 15 ? na : 15), a);
    snprintf(pb, sizeof pb, "%.*s", (int)(nb < 15 ? nb : 15), b);
    if (postcode_compare(pa, pb) != postcode_compare(pb, pa))
        abort();
    if (na >= 8) {
        int32_t x, y;
        memcpy(&x, a, 4);
        memcpy(&y, a + 4, 4);
        if (date_compare(x, y, 30) != date_compare(y, x, 30))
            abort();
    }
    return 0;
}
