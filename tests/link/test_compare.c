/* Linkage comparators against hand-computed values: Jaro-Winkler on code
 * points, bounded edit distance, token sets, numbers, dates, postcodes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "link/compare.h"

static double jw(const char *a, const char *b)
{
    double x = jaro_winkler(a, strlen(a), b, strlen(b));
    double y = jaro_winkler(b, strlen(b), a, strlen(a));
    assert_float_equal(x, y, 1e-12); /* symmetric */
    assert_true(x >= 0.0 && x <= 1.0);
    return x;
}

static int ed(const char *a, const char *b, int max)
{
    int x = edit_distance_bounded(a, strlen(a), b, strlen(b), max);
    assert_int_equal(x, edit_distance_bounded(b, strlen(b), a, strlen(a), max));
    return x;
}

static double tss(const char *a, const char *b)
{
    double x = token_set_similarity(a, strlen(a), b, strlen(b));
    assert_float_equal(x, token_set_similarity(b, strlen(b), a, strlen(a)), 1e-12);
    return x;
}

static int32_t day(const char *s)
{
    int32_t out;
    assert_int_equal(date_parse(s, strlen(s), &out, NULL), 0);
    return out;
}

/* Winkler's published examples (Winkler 1990; the usual textbook table):
 * Jaro 0.944/0.767/0.822, then 4, 2 and 1 shared prefix letters. */
static void test_jaro_winkler_published(void **state)
{
    (void)state;
    assert_float_equal(jw("MARTHA", "MARHTA"), 0.9611, 0.00005);
    assert_float_equal(jw("DIXON", "DICKSONX"), 0.8133, 0.00005);
    assert_float_equal(jw("DWAYNE", "DUANE"), 0.84, 0.00005);
    /* JONES/JOHNSON: m=4, t=0, Jaro (4/5 + 4/7 + 1)/3 = 0.79048, prefix 2. */
    assert_float_equal(jw("JONES", "JOHNSON"), 0.79048 + 0.2 * (1 - 0.79048), 0.00005);
    /* Case matters: comparators see folded text, they do not fold. */
    assert_true(jw("martha", "MARTHA") < 0.5);
}

static void test_jaro_winkler_edges(void **state)
{
    (void)state;
    assert_float_equal(jw("", ""), 1.0, 0);
    assert_float_equal(jw("", "a"), 0.0, 0);
    assert_float_equal(jw("a", "a"), 1.0, 0);
    assert_float_equal(jw("a", "b"), 0.0, 0);
    assert_float_equal(jw("ram traders", "ram traders"), 1.0, 0);
    assert_float_equal(jw("abc", "xyz"), 0.0, 0);
    /* ab/ba: window 0, so no letter matches out of place. */
    assert_float_equal(jw("ab", "ba"), 0.0, 0);
}

/* Devanagari letters count once each: राम is 3 code points (9 bytes). */
static void test_jaro_winkler_code_points(void **state)
{
    (void)state;
    /* राम/रम: window 0, only र matches: Jaro (1/3 + 1/2 + 1)/3, prefix 1. */
    double j = (1.0 / 3 + 1.0 / 2 + 1) / 3;
    assert_float_equal(jw("राम", "रम"), j + 0.1 * (1 - j), 1e-9);
    /* शर्मा (श र ् म ा) / शरमा: m=4, t=0, Jaro (4/5 + 1 + 1)/3, prefix 2. */
    j = (4.0 / 5 + 1 + 1) / 3;
    assert_float_equal(jw("शर्मा", "शरमा"), j + 0.2 * (1 - j), 1e-9);
    assert_float_equal(jw("राम", "राम"), 1.0, 0);
    /* One 2-byte letter against one ASCII letter: different, nothing more. */
    assert_float_equal(jw("é", "e"), 0.0, 0);
}

/* ASCII up to 64 bytes takes a bit-mask path; the same letters mapped
 * one-to-one to 3-byte code points take the general one. Both must
 * agree exactly. */
static size_t to_wide(const char *s, char *out)
{
    size_t k = 0;
    for (; *s; s++) {
        unsigned cp = 0x4E00u + (unsigned char)*s;  /* CJK: 3 bytes each */
        out[k++] = (char)(0xE0 | cp >> 12);
        out[k++] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[k++] = (char)(0x80 | (cp & 0x3F));
    }
    return k;
}

static void test_jaro_winkler_paths_agree(void **state)
{
    static const char *const words[] = {
        "a", "ab", "ba", "martha", "marhta", "dixon", "dicksonx", "ram traders", "traders ram",
        "shri ganesh traders private limited", "ganesh steel works", "aaaaaaaaab", "baaaaaaaaa",
        "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01",
        "bacdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz10",
    };
    char wa[256], wb[256];
    (void)state;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
            size_t na = to_wide(words[i], wa), nb = to_wide(words[k], wb);
            double fast = jw(words[i], words[k]);
            assert_float_equal(fast, jaro_winkler(wa, na, wb, nb), 1e-12);
        }
    }
}

/* Past COMPARE_MAX_CP (256) code points only the first 256 count. */
static void test_jaro_winkler_long(void **state)
{
    char a[600], b[600];
    (void)state;
    memset(a, 'x', 500);
    memcpy(b, a, 500);
    b[400] = 'y';
    assert_float_equal(jaro_winkler(a, 500, b, 500), 1.0, 0);
    b[10] = 'y';
    double v = jaro_winkler(a, 500, b, 500);
    assert_true(v > 0.99 && v < 1.0);
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(ed("kitten", "sitting", 5), 3);
    assert_int_equal(ed("kitten", "sitting", 2), 3); /* max + 1: beyond the bound */
    assert_int_equal(ed("kitten", "sitting", 3), 3);
    assert_int_equal(ed("flaw", "lawn", 9), 2);
    assert_int_equal(ed("", "abc", 9), 3);
    assert_int_equal(ed("", "", 0), 0);
    assert_int_equal(ed("same", "same", 0), 0);
    assert_int_equal(ed("abc", "abd", 0), 1);
    assert_int_equal(ed("ab", "abcdef", 2), 3); /* lengths alone exceed the bound */
    assert_int_equal(ed("शर्मा", "शरमा", 3), 1); /* one code point, three bytes */
    assert_int_equal(ed("राम", "रम", 3), 1);
    assert_int_equal(ed("x", "y", -4), 1);   /* a negative bound means 0 */
}

/* The bound only stops early: below it, the distance is exact. */
static void test_edit_distance_bound_consistent(void **state)
{
    static const char *const words[] = {
        "", "a", "ram", "rama", "raam", "shyam", "sham", "traders", "tradrs", "lakshmi",
        "laxmi", "laksmi", "ganesh", "ganesha", "gnaesh", "शर्मा", "शरमा", "राम",
    };
    size_t n = sizeof words / sizeof words[0];
    (void)state;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < n; k++) {
            int full = ed(words[i], words[k], 100);
            for (int max = 0; max <= 4; max++)
                assert_int_equal(ed(words[i], words[k], max), full <= max ? full : max + 1);
        }
    }
}

static void test_token_set(void **state)
{
    (void)state;
    assert_float_equal(tss("ram traders", "traders ram"), 1.0, 0);
    assert_float_equal(tss("shree ram traders", "ram traders"), 1.0, 0);
    assert_float_equal(tss("ram ram traders", "traders ram"), 1.0, 0);
    assert_float_equal(tss("  ram   traders ", "ram traders"), 1.0, 0);
    assert_float_equal(tss("", "ram"), 0.0, 0);
    assert_float_equal(tss("", ""), 0.0, 0);
    assert_float_equal(tss("   ", "ram"), 0.0, 0);
    /* One shared word of two: overlap 1/2, but the rebuilt strings
     * "traders ram" / "traders shyam" are closer by Jaro-Winkler. */
    double want = jaro_winkler("traders ram", 11, "traders shyam", 13);
    assert_true(want > 0.5);
    assert_float_equal(tss("ram traders", "shyam traders"), want, 1e-12);
    /* Nothing shared: the Jaro-Winkler of the sorted words. */
    assert_float_equal(tss("b a", "c d"), jaro_winkler("a b", 3, "c d", 3), 1e-12);
}

static void test_numeric(void **state)
{
    (void)state;
    assert_float_equal(numeric_relative_difference(100, 110), 10.0 / 110, 1e-12);
    assert_float_equal(numeric_relative_difference(110, 100), 10.0 / 110, 1e-12);
    assert_float_equal(numeric_relative_difference(0, 0), 0.0, 0);
    assert_float_equal(numeric_relative_difference(0, 5), 1.0, 0);
    assert_float_equal(numeric_relative_difference(-5, 5), 2.0, 0);
    assert_float_equal(numeric_relative_difference(7, 7), 0.0, 0);
}

static void test_date(void **state)
{
    int32_t d = day("2024-03-04");
    (void)state;
    assert_int_equal(date_compare(d, d, 0), DATE_EXACT);
    assert_int_equal(date_compare(d, day("2024-04-03"), 0), DATE_TRANSPOSED); /* dd/mm swapped */
    assert_int_equal(date_compare(d, day("2024-03-14"), 0), DATE_TRANSPOSED); /* one digit */
    assert_int_equal(date_compare(d, day("2025-03-04"), 0), DATE_TRANSPOSED);
    assert_int_equal(date_compare(d, day("2024-08-04"), 0), DATE_TRANSPOSED);
    /* 09 -> 11 changes two digits: near within 2 days, else different. */
    assert_int_equal(date_compare(day("2024-03-09"), day("2024-03-11"), 2), DATE_NEAR);
    assert_int_equal(date_compare(day("2024-03-09"), day("2024-03-11"), 1), DATE_DIFFERENT);
    assert_int_equal(date_compare(day("2023-12-31"), day("2024-01-01"), 3), DATE_NEAR);
    assert_int_equal(date_compare(d, day("2021-07-19"), 30), DATE_DIFFERENT);
    assert_int_equal(date_compare(d, DATE_UNKNOWN, 30), DATE_DIFFERENT);
    assert_int_equal(date_compare(DATE_UNKNOWN, DATE_UNKNOWN, 30), DATE_DIFFERENT);
    /* Values outside date.h's years still compare, by distance only. */
    assert_int_equal(date_compare(INT32_MAX, INT32_MAX - 1, 5), DATE_NEAR);
    assert_int_equal(date_compare(INT32_MAX, INT32_MIN + 1, 5), DATE_DIFFERENT);
}

static void test_postcode(void **state)
{
    (void)state;
    assert_int_equal(postcode_compare("110001", "110001"), POSTCODE_EXACT);
    assert_int_equal(postcode_compare("110001", "110002"), POSTCODE_ONE_DIGIT);
    assert_int_equal(postcode_compare("110001", "110010"), POSTCODE_ONE_DIGIT); /* swap */
    assert_int_equal(postcode_compare("110001", "910001"), POSTCODE_ONE_DIGIT);
    assert_int_equal(postcode_compare("110001", "110099"), POSTCODE_PREFIX3);
    assert_int_equal(postcode_compare("110001", "110100"), POSTCODE_PREFIX3);
    assert_int_equal(postcode_compare("110001", "560001"), POSTCODE_DIFFERENT);
    assert_int_equal(postcode_compare("110001", "11000"), POSTCODE_PREFIX3);
    assert_int_equal(postcode_compare("", ""), POSTCODE_DIFFERENT);
    assert_int_equal(postcode_compare("110001", ""), POSTCODE_DIFFERENT);
    assert_int_equal(postcode_compare("12", "13"), POSTCODE_ONE_DIGIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jaro_winkler_published),
        cmocka_unit_test(test_jaro_winkler_edges),
        cmocka_unit_test(test_jaro_winkler_code_points),
        cmocka_unit_test(test_jaro_winkler_paths_agree),
        cmocka_unit_test(test_jaro_winkler_long),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_edit_distance_bound_consistent),
        cmocka_unit_test(test_token_set),
        cmocka_unit_test(test_numeric),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_postcode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
