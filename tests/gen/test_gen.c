/* The generator's contract (DESIGN.md §5): determinism by seed and
 * independence of the thread count, manifest row counts equal to the CSV
 * records actually written, distinct non-zero true effects, enough treated
 * units at 20,000 enterprises, and unique Udyam numbers and PANs in both
 * serial modes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "gen/gen_vocab.h"
#include "gen_fixture.h"

static const char *const files[] = {
    "udyam.csv", "gst.csv", "credit.csv", "skilling.csv", "cluster.csv", "cluster_member.csv",
    "cfc_usage.csv", "beneficiary.csv", "truth/stress.csv", "truth/beneficiary_links.csv",
    "truth/gst_filers_without_udyam.csv", "truth/double_funding.csv",
    "truth/skilling_links.csv", "truth/injected_errors.csv", "manifest.json",
};
#define N_FILES (sizeof files / sizeof files[0])

static struct refdata *ref;

static int setup(void **state)
{
    struct err e;

    (void)state;
    if (refdata_load(&ref, &e) != 0) {
        fprintf(stderr, "refdata: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    refdata_free(ref);
    return 0;
}

/* 1 when every file is byte-identical in both runs. */
static int same_files(const struct gen_run_dir *a, const struct gen_run_dir *b, int *n_same)
{
    int all = 1;

    *n_same = 0;
    for (size_t i = 0; i < N_FILES; i++) {
        size_t la = 0, lb = 0;
        char *x = fixture_read(a, files[i], &la), *y = fixture_read(b, files[i], &lb);
        assert_non_null(x);
        assert_non_null(y);
        if (la == lb && memcmp(x, y, la) == 0)
            (*n_same)++;
        else
            all = 0;
        free(x);
        free(y);
    }
    return all;
}

static void test_deterministic(void **state)
{
    struct gen_run_dir a = {0}, b = {0}, c = {0}, d = {0};
    int n_same;

    (void)state;
    assert_int_equal(fixture_generate(ref, &a, 3000, 7, 1, 0), 0);
    assert_int_equal(fixture_generate(ref, &b, 3000, 7, 1, 0), 0);
    assert_int_equal(fixture_generate(ref, &c, 3000, 7, 2, 0), 0);
    assert_int_equal(fixture_generate(ref, &d, 3000, 8, 2, 0), 0);
    assert_true(same_files(&a, &b, &n_same));          /* same seed: same bytes */
    assert_true(same_files(&a, &c, &n_same));          /* thread count does not matter */
    assert_false(same_files(&a, &d, &n_same));         /* another seed: other data */
    assert_true(n_same < 3);                           /* only near-empty files may agree */
    fixture_rm(&a);
    fixture_rm(&b);
    fixture_rm(&c);
    fixture_rm(&d);
}

/* CSV records after the header, counted by the strict reader: a row with a
 * stray quote is one (bad) record, never several. */
static long long records(const struct gen_run_dir *d, const char *name)
{
    size_t len = 0;
    char *data = fixture_read(d, name, &len);
    struct csv_reader *r;
    struct csv_record rec;
    enum csv_status st;
    long long n = -1;
    struct err e;

    assert_non_null(data);
    r = csv_reader_new_mem(data, len, NULL);
    assert_non_null(r);
    while ((st = csv_next(r, &rec, &e)) == CSV_RECORD || st == CSV_BAD) {
        if (n < 0)
            csv_reader_expect_fields(r, rec.nfields);
        n++;
    }
    assert_int_equal(st, CSV_END);
    csv_reader_free(r);
    free(data);
    return n;
}

static void test_manifest_counts(void **state)
{
    struct gen_run_dir d = {0};
    json_t *m;

    (void)state;
    assert_int_equal(fixture_generate(ref, &d, 5000, 3, 2, 0), 0);
    m = fixture_manifest(&d);
    assert_non_null(m);
    assert_int_equal(json_integer_value(json_object_get(m, "seed")), 3);
    assert_int_equal(json_integer_value(json_object_get(m, "enterprises")), 5000);
    assert_string_equal(json_string_value(json_object_get(m, "as_of")), "2026-09-30");
    assert_string_equal(json_string_value(json_object_get(json_object_get(m, "window"),
                                                          "first_month")), "2023-10");
    for (int o = 0; o < OUT_COUNT; o++) {
        const char *path = gen_out_path((enum gen_out)o);
        long long want = records(&d, path);
        assert_true(want > 0);
        assert_int_equal(fixture_count(json_object_get(m, "files"), path, "rows"), want);
        if (o < OUT_FEED_COUNT)
            assert_int_equal(fixture_count(m, "rows", gen_out_name((enum gen_out)o)), want);
    }
    /* every injected error is listed once in truth/injected_errors.csv */
    {
        long long total = 0;
        const char *feed, *code;
        json_t *reasons, *n;
        json_object_foreach(json_object_get(m, "injected_errors"), feed, reasons)
            json_object_foreach(reasons, code, n) total += json_integer_value(n);
        assert_int_equal(total, records(&d, "truth/injected_errors.csv"));
    }
    json_decref(m);
    fixture_rm(&d);
}

static void test_true_effects(void **state)
{
    struct gen_run_dir d = {0};
    json_t *m, *effects, *v;
    const char *id;
    double seen[64];
    size_t n = 0;

    (void)state;
    assert_int_equal(fixture_generate(ref, &d, 200, 1, 1, 0), 0);
    m = fixture_manifest(&d);
    effects = json_object_get(m, "true_effects");
    assert_true(json_object_size(effects) >= 7);
    json_object_foreach(effects, id, v) {
        double att = json_number_value(v);
        assert_true(json_is_number(v));
        assert_true(att != 0.0);
        for (size_t i = 0; i < n; i++)
            assert_true(seen[i] != att);
        seen[n++] = att;
    }
    json_decref(m);
    fixture_rm(&d);
}

/* At 20,000 enterprises at least three schemes have 100 or more treated GST
 * filers with 12 months of returns after disbursal (DESIGN.md §5, impact). */
static void test_treated_units(void **state)
{
    struct gen_run_dir d = {0};
    json_t *m, *t;
    const char *id;
    int enough = 0;

    (void)state;
    assert_int_equal(fixture_generate(ref, &d, 20000, 1, 2, 0), 0);
    m = fixture_manifest(&d);
    json_object_foreach(json_object_get(m, "treated"), id, t) {
        json_int_t n = json_integer_value(json_object_get(t, "with_12m_gst_after"));
        assert_true(n <= json_integer_value(json_object_get(t, "gst_filers")));
        enough += n >= 100;
    }
    assert_true(enough >= 3);
    json_decref(m);
    fixture_rm(&d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Column `col` of every data row of udyam.csv that parses, sorted. */
static size_t column(const struct gen_run_dir *d, int col, char ***out)
{
    size_t len = 0, n = 0, cap = 1024;
    char *data = fixture_read(d, "udyam.csv", &len);
    char **v = malloc(cap * sizeof *v);
    struct csv_reader *r = csv_reader_new_mem(data, len, NULL);
    struct csv_record rec;
    enum csv_status st;
    struct err e;
    int header = 1;

    while ((st = csv_next(r, &rec, &e)) == CSV_RECORD || st == CSV_BAD) {
        if (header-- > 0 || st == CSV_BAD || rec.len[col] == 0)
            continue;
        if (n == cap)
            v = realloc(v, (cap *= 2) * sizeof *v);
        v[n++] = strdup(rec.field[col]);
    }
    csv_reader_free(r);
    free(data);
    qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return n;
}

/* Distinct values, with exact repeats of a whole row (duplicate_row) allowed. */
static size_t distinct(char **v, size_t n)
{
    size_t k = n > 0;

    for (size_t i = 1; i < n; i++)
        k += strcmp(v[i - 1], v[i]) != 0;
    return k;
}

static void free_column(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void check_unique_ids(uint64_t n, uint64_t serials)
{
    struct gen_run_dir d = {0};
    json_t *m;
    char **ids, **pans;
    size_t n_ids, n_pans;
    long long dups;

    assert_int_equal(fixture_generate(ref, &d, n, 5, 2, serials), 0);
    m = fixture_manifest(&d);
    dups = fixture_count(json_object_get(m, "injected_errors"), "udyam", "duplicate_row");
    n_ids = column(&d, 0, &ids);
    n_pans = column(&d, 3, &pans);
    /* every row but the repeated ones has its own number and PAN */
    assert_int_equal(distinct(ids, n_ids), n_ids - (size_t)dups);
    assert_true(distinct(pans, n_pans) + (size_t)dups >= n_pans);
    if (serials == 0) {
        /* serials (last 7 characters) are unique across the file */
        for (size_t i = 0; i < n_ids; i++)
            memmove(ids[i], ids[i] + 12, 8);
        qsort(ids, n_ids, sizeof *ids, cmp_str);
        assert_int_equal(distinct(ids, n_ids), n_ids - (size_t)dups);
    } else {
        assert_string_equal(json_string_value(json_object_get(m, "udyam_serials_unique_per")),
                            "district");
    }
    free_column(ids, n_ids);
    free_column(pans, n_pans);
    json_decref(m);
    fixture_rm(&d);
}

static void test_unique_ids(void **state)
{
    (void)state;
    check_unique_ids(6000, 0);
}

/* More enterprises than serials: numbers stay unique through the district. */
static void test_unique_ids_per_district(void **state)
{
    (void)state;
    check_unique_ids(6000, 1000);
}

static void test_bad_config(void **state)
{
    struct gen_config cfg = {0};
    struct err e;

    (void)state;
    cfg.enterprises = 0;
    cfg.out_dir = "/nonexistent";
    assert_int_equal(gen_run(&cfg, ref, &e), -1);
    cfg.enterprises = GEN_MAX_ENTERPRISES + 1;
    assert_int_equal(gen_run(&cfg, ref, &e), -1);
    cfg.enterprises = 10;
    cfg.as_of = fixture_date("2020-06-30");   /* before Udyam */
    cfg.out_dir = "/tmp";
    assert_int_equal(gen_run(&cfg, ref, &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),        cmocka_unit_test(test_manifest_counts),
        cmocka_unit_test(test_true_effects),         cmocka_unit_test(test_treated_units),
        cmocka_unit_test(test_unique_ids),           cmocka_unit_test(test_unique_ids_per_district),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
