/* The awareness tables' small-cell rule with complements
 * (overlap_awareness_suppress, docs/overlap.md "Small cells"), on small
 * tables worked by hand: a line shown beside its total that has a single
 * withheld cell withholds its next-smallest cell too, so no withheld cell
 * comes back by subtraction; a line with no small cell withholds nothing.
 * Every expectation below is worked out in the comment above it. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/overlap_report.h"
#include "core/alloc.h"

#define MAX_D 6
#define MAX_S 3

/* A report holding only what the rule reads: districts (state, eligible
 * count; enterprises and gap set alike so every measure is exercised)
 * and a district × scheme table. */
struct table {
    struct overlap_report r;
    struct awareness_district d[MAX_D];
    struct awareness_count ds[MAX_D * MAX_S];
    struct awareness_cell sch[MAX_S];
};

static void table_init(struct table *t, size_t nd, const int *state, const int64_t *eligible, size_t ns)
{
    memset(t, 0, sizeof *t);
    t->r.districts = t->d;
    t->r.n_districts = nd;
    t->r.district_scheme = t->ds;
    t->r.by_scheme = t->sch;
    t->r.n_schemes = ns;
    for (size_t k = 0; k < nd; k++) {
        t->d[k].state = state[k];
        snprintf(t->d[k].district, sizeof t->d[k].district, "D%zu", k);
        t->d[k].c.enterprises = t->d[k].c.eligible = t->d[k].c.gap = eligible[k];
        t->r.total.enterprises += eligible[k];
        t->r.total.eligible += eligible[k];
        t->r.total.gap += eligible[k];
    }
}

static bool district_hidden(const struct table *t, size_t k)
{
    const uint8_t all = AW_HIDE_ENTERPRISES | AW_HIDE_ELIGIBLE | AW_HIDE_GAP;
    uint8_t h = t->d[k].c.hide;

    /* The three measures are equal here, so the rule must treat them alike. */
    assert_true(h == 0 || h == all);
    return h == all;
}

/* One state, eligible 3, 7, 20, 12; total 42 shown. 3 is small; alone it
 * would be 42 - 7 - 20 - 12, so the next smallest, 7, is withheld too. */
static void test_one_small_district_hides_the_next(void **state)
{
    const int st[] = {27, 27, 27, 27};
    const int64_t el[] = {3, 7, 20, 12};
    struct table t;

    (void)state;
    table_init(&t, 4, st, el, 0);
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    assert_true(district_hidden(&t, 0));
    assert_true(district_hidden(&t, 1));
    assert_false(district_hidden(&t, 2));
    assert_false(district_hidden(&t, 3));
    assert_int_equal(t.r.total.hide, 0);
}

/* 6, 7, 20: no cell under 5, nothing withheld. */
static void test_no_small_cell_hides_nothing(void **state)
{
    const int st[] = {27, 27, 27};
    const int64_t el[] = {6, 7, 20};
    struct table t;

    (void)state;
    table_init(&t, 3, st, el, 0);
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    for (size_t k = 0; k < 3; k++)
        assert_false(district_hidden(&t, k));
}

/* Two small cells already protect each other: 2, 3, 50 withholds 2 and 3
 * only; an empty district (0) is shown as zero, not counted as small. */
static void test_two_small_cells_suffice(void **state)
{
    const int st[] = {27, 27, 27, 27};
    const int64_t el[] = {2, 3, 50, 0};
    struct table t;

    (void)state;
    table_init(&t, 4, st, el, 0);
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    assert_true(district_hidden(&t, 0));
    assert_true(district_hidden(&t, 1));
    assert_false(district_hidden(&t, 2));
    assert_false(district_hidden(&t, 3));
}

/* Two states: 09 has 3 and 50, 27 has 8 and 40. A state reader sees his
 * state's total, so 09's 3 takes 09's 50 with it (50 = total of 09 - 3
 * otherwise); 27 has no small cell and keeps both; the national line then
 * has two withheld cells and needs nothing more. */
static void test_complement_within_the_state(void **state)
{
    const int st[] = {9, 9, 27, 27};
    const int64_t el[] = {3, 50, 8, 40};
    struct table t;

    (void)state;
    table_init(&t, 4, st, el, 0);
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    assert_true(district_hidden(&t, 0));
    assert_true(district_hidden(&t, 1));
    assert_false(district_hidden(&t, 2));
    assert_false(district_hidden(&t, 3));
}

/* District × scheme, eligible counts, one state:
 *        s0  s1  s2 | row total (the district's pairs, shown)
 *   A     3  10  12 | 25
 *   B    20  15   9 | 44
 *   column totals (the schemes' counts, shown): 23 25 21
 * Row A: 3 is small, so A's next smallest, 10, goes too. Column s0 now
 * has A's 3 alone withheld: B's 20 goes. Column s1 has A's 10 alone: B's
 * 15 goes. Row B then has two withheld (20, 15) and column s2 none: done.
 * Withheld: A·s0, A·s1, B·s0, B·s1; shown: A·s2 = 12, B·s2 = 9. */
static void test_matrix_rows_and_columns(void **state)
{
    const int st[] = {27, 27};
    const int64_t el[] = {25, 44};
    const int64_t cells[2][3] = {{3, 10, 12}, {20, 15, 9}};
    const bool want[2][3] = {{true, true, false}, {true, true, false}};
    struct table t;

    (void)state;
    table_init(&t, 2, st, el, 3);
    for (size_t d = 0; d < 2; d++)
        for (size_t s = 0; s < 3; s++) {
            t.ds[d * 3 + s].eligible = cells[d][s];
            t.ds[d * 3 + s].gap = 7;    /* no small gap: none withheld */
            t.sch[s].eligible += cells[d][s];
            t.sch[s].gap += 7;
        }
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    for (size_t d = 0; d < 2; d++)
        for (size_t s = 0; s < 3; s++) {
            assert_int_equal(t.ds[d * 3 + s].hide_eligible, want[d][s]);
            assert_false(t.ds[d * 3 + s].hide_gap);
        }
    /* The schemes' totals 23, 25, 21 (and gaps 14 each) are no small cell. */
    for (size_t s = 0; s < 3; s++)
        assert_int_equal(t.sch[s].hide, 0);
}

/* The schemes' counts add up to the total's pair count (shown): eligible
 * 4, 30, 6 withholds 4 and its complement 6; 30 stands. */
static void test_scheme_line(void **state)
{
    const int st[] = {27};
    const int64_t el[] = {40};
    struct table t;

    (void)state;
    table_init(&t, 1, st, el, 3);
    t.sch[0].eligible = 4;
    t.sch[1].eligible = 30;
    t.sch[2].eligible = 6;
    t.ds[0].eligible = 4;
    t.ds[1].eligible = 30;
    t.ds[2].eligible = 6;
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    assert_true(t.sch[0].hide & AW_HIDE_ELIGIBLE);
    assert_false(t.sch[1].hide & AW_HIDE_ELIGIBLE);
    assert_true(t.sch[2].hide & AW_HIDE_ELIGIBLE);
    /* and the same in the district's row */
    assert_true(t.ds[0].hide_eligible);
    assert_false(t.ds[1].hide_eligible);
    assert_true(t.ds[2].hide_eligible);
}

/* The JSON reads the flags: the complement is null there too. */
static void test_json_withholds_the_complement(void **state)
{
    const int st[] = {27, 27, 27};
    const int64_t el[] = {3, 7, 20};
    struct scheme schemes[1] = {{.id = "alpha"}};
    struct catalog cat = {.schemes = schemes, .n = 0};
    struct table t;
    json_t *j, *d;

    (void)state;
    table_init(&t, 3, st, el, 0);
    t.r.cat = &cat;
    t.r.as_of = 20200;
    t.r.need_amount = -1;
    assert_int_equal(overlap_awareness_suppress(&t.r), 0);
    j = overlap_report_json(&t.r, true);
    assert_non_null(j);
    d = json_object_get(json_object_get(j, "awareness"), "districts");
    assert_int_equal(json_array_size(d), 3);
    assert_true(json_is_null(json_object_get(json_array_get(d, 0), "eligible")));
    assert_true(json_is_null(json_object_get(json_array_get(d, 1), "eligible")));   /* 7: the complement */
    assert_true(json_is_null(json_object_get(json_array_get(d, 1), "gap_rate")));
    assert_int_equal(json_integer_value(json_object_get(json_array_get(d, 2), "eligible")), 20);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_small_district_hides_the_next),
        cmocka_unit_test(test_no_small_cell_hides_nothing),
        cmocka_unit_test(test_two_small_cells_suffice),
        cmocka_unit_test(test_complement_within_the_state),
        cmocka_unit_test(test_matrix_rows_and_columns),
        cmocka_unit_test(test_scheme_line),
        cmocka_unit_test(test_json_withholds_the_complement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
