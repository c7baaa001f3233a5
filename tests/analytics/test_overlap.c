/* Overlap on hand-worked data: Jaccard on tiny sets (across a word
 * boundary too), shared objectives and target groups, the double-funding
 * window's edges, and the awareness gap's counts with small cells
 * withheld and the outreach list. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "analytics/overlap.h"
#include "analytics/overlap_report.h"
#include "core/alloc.h"
#include "core/date.h"
#include "core/enterprise.h"
#include "core/profile.h"
#include "core/refdata.h"

static void test_jaccard_tiny_sets(void **state)
{
    /* A = {0,1,2}, B = {1,2,3}, C = D = {} over 5 members */
    const uint64_t mask[5] = {0x1, 0x3, 0x3, 0x2, 0x0};
    struct overlap_sets s;
    struct overlap_pair *p;
    size_t n;

    (void)state;
    assert_int_equal(overlap_sets_from_masks(&s, mask, 5, 4), 0);
    assert_int_equal(overlap_sets_count(&s, 0), 3);
    assert_int_equal(overlap_sets_count(&s, 1), 3);
    assert_true(overlap_sets_has(&s, 1, 3));
    assert_false(overlap_sets_has(&s, 0, 3));
    assert_int_equal(overlap_pairs(&s, &p, &n), 0);
    assert_int_equal(n, 6);
    /* (0,1): both 2, either 4 */
    assert_int_equal(p[0].a, 0);
    assert_int_equal(p[0].b, 1);
    assert_int_equal(p[0].both, 2);
    assert_int_equal(p[0].either, 4);
    assert_true(fabs(p[0].jaccard - 0.5) < 1e-12);
    /* (0,2): A against the empty set: 0 / 3 */
    assert_int_equal(p[1].both, 0);
    assert_int_equal(p[1].either, 3);
    assert_true(p[1].jaccard == 0.0);
    /* (2,3): two empty sets do not overlap: 0, not 0/0 */
    assert_int_equal(p[5].a, 2);
    assert_int_equal(p[5].b, 3);
    assert_int_equal(p[5].either, 0);
    assert_true(p[5].jaccard == 0.0);
    mem_free(p);
    overlap_sets_release(&s);
}

/* No members at all (an area with no enterprise: found by fuzz_routes on
 * /api/v1/overlap?state=13): counts and pairs are 0, without arithmetic
 * on the NULL bitset (which clang's UBSan stops). */
static void test_no_members(void **state)
{
    struct overlap_sets s;
    struct overlap_pair *p;
    size_t n;

    (void)state;
    assert_int_equal(overlap_sets_from_masks(&s, NULL, 0, 3), 0);
    assert_int_equal(overlap_sets_count(&s, 2), 0);
    assert_int_equal(overlap_pairs(&s, &p, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(p[i].either, 0);
        assert_true(p[i].jaccard == 0.0);
    }
    mem_free(p);
    overlap_sets_release(&s);
}

static void test_jaccard_across_words(void **state)
{
    struct overlap_sets s;
    struct overlap_pair *p;
    size_t n;

    (void)state;
    assert_int_equal(overlap_sets_init(&s, 131, 2), 0);
    assert_int_equal(s.words, 3);
    overlap_sets_add(&s, 0, 63);
    overlap_sets_add(&s, 0, 64);
    overlap_sets_add(&s, 0, 129);
    overlap_sets_add(&s, 1, 64);
    overlap_sets_add(&s, 1, 129);
    overlap_sets_add(&s, 1, 130);
    assert_int_equal(overlap_pairs(&s, &p, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].both, 2);
    assert_int_equal(p[0].either, 4);
    mem_free(p);
    overlap_sets_release(&s);
}

static void test_objective_pair(void **state)
{
    const char *ga[] = {"women", "rural"}, *gb[] = {"women", "ner"};
    struct scheme a = {0}, b = {0};
    struct overlap_objective o;

    (void)state;
    a.objectives = (1u << OBJ_CREDIT) | (1u << OBJ_SUBSIDY);
    b.objectives = 1u << OBJ_CREDIT;
    a.target_groups = ga;
    a.n_target_groups = 2;
    b.target_groups = gb;
    b.n_target_groups = 2;
    overlap_objective_pair(&a, &b, 0, 1, &o);
    assert_int_equal(o.shared_objectives, 1u << OBJ_CREDIT);
    assert_int_equal(o.n_shared_groups, 1);
    assert_string_equal(o.shared_groups[0], "women");
    /* shared {credit, women} = 2 of {credit, subsidy, women, rural, ner} = 5 */
    assert_true(fabs(o.jaccard - 0.4) < 1e-12);
}

static struct overlap_funding fund(int64_t ent, uint16_t scheme, const char *purpose, int32_t on,
                                   const char *ref)
{
    struct overlap_funding f = {0};

    f.enterprise_id = ent;
    f.scheme = scheme;
    snprintf(f.purpose, sizeof f.purpose, "%s", purpose);
    f.on = on;
    f.amount = 100000;
    snprintf(f.ref, sizeof f.ref, "%s", ref);
    return f;
}

static void test_double_funding_window(void **state)
{
    int32_t d0;
    struct overlap_funding rows[10];
    struct overlap_alert *al;
    size_t n, k = 0;

    (void)state;
    assert_int_equal(date_from_ymd(2024, 4, 1, &d0), 0);
    rows[k++] = fund(1, 0, "new_unit", d0, "e1-a");
    rows[k++] = fund(1, 1, "new_unit", d0 + 365, "e1-b");      /* day 365: inside (inclusive) */
    rows[k++] = fund(2, 0, "new_unit", d0, "e2-a");
    rows[k++] = fund(2, 1, "new_unit", d0 + 366, "e2-b");      /* day 366: outside */
    rows[k++] = fund(3, 2, "machinery", d0, "e3-a");
    rows[k++] = fund(3, 2, "machinery", d0 + 30, "e3-b");      /* same scheme twice: not double funding */
    rows[k++] = fund(4, 0, "machinery", d0, "e4-a");
    rows[k++] = fund(4, 1, "working_capital", d0 + 10, "e4-b"); /* another purpose */
    rows[k++] = fund(5, 0, "machinery", DATE_UNKNOWN, "e5-a");  /* no date: takes no part */
    rows[k++] = fund(5, 1, "machinery", d0, "e5-b");
    assert_int_equal(overlap_double_funding(rows, k, 365, &al, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[al[0].first].ref, "e1-a");
    assert_string_equal(rows[al[0].second].ref, "e1-b");
    mem_free(al);
    /* a shorter window drops it */
    assert_int_equal(overlap_double_funding(rows, k, 364, &al, &n), 0);
    assert_int_equal(n, 0);
    mem_free(al);
}

static void test_double_funding_three_rows(void **state)
{
    int32_t d0;
    struct overlap_funding rows[3];
    struct overlap_alert *al;
    size_t n;

    (void)state;
    assert_int_equal(date_from_ymd(2025, 1, 1, &d0), 0);
    /* given out of order: the sort puts them by date */
    rows[0] = fund(7, 0, "machinery", d0 + 20, "c");
    rows[1] = fund(7, 0, "machinery", d0, "a");
    rows[2] = fund(7, 1, "machinery", d0 + 10, "b");
    assert_int_equal(overlap_double_funding(rows, 3, 365, &al, &n), 0);
    /* (a,b) and (b,c); (a,c) is one scheme twice */
    assert_int_equal(n, 2);
    assert_string_equal(rows[al[0].first].ref, "a");
    assert_string_equal(rows[al[0].second].ref, "b");
    assert_string_equal(rows[al[1].first].ref, "b");
    assert_string_equal(rows[al[1].second].ref, "c");
    mem_free(al);
}

/* --- the awareness gap ------------------------------------------------------- */

struct fixture {
    struct refdata *ref;
    struct batch_columns *cols;
    struct catalog cat;
    struct scheme schemes[2];
    uint8_t status[10 * 2];
};

/* Ten enterprises: ids 1-7 in Pune (27), 8-10 in Nashik; owners of 1 and
 * 2 are women. Scheme 0 eligible for all, scheme 1 for ids 1-4 and 9. */
static void fixture_build(struct fixture *fx)
{
    struct err e;

    memset(fx, 0, sizeof *fx);
    assert_int_equal(refdata_load(&fx->ref, &e), 0);
    fx->cols = batch_columns_new(fx->ref);
    assert_non_null(fx->cols);
    fx->schemes[0].id = "alpha";
    fx->schemes[1].id = "beta";
    fx->cat.schemes = fx->schemes;
    fx->cat.n = 2;
    for (int i = 1; i <= 10; i++) {
        struct enterprise en;
        enterprise_init(&en);
        en.id = i;
        en.state = 27;
        snprintf(en.district, sizeof en.district, "%s", i <= 7 ? "Pune" : "Nashik");
        en.owner_gender = i <= 2 ? profile_enum_index(PF_OWNER_GENDER, "female")
                                 : profile_enum_index(PF_OWNER_GENDER, "male");
        assert_int_equal(batch_columns_add(fx->cols, &en), 0);
        fx->status[(i - 1) * 2 + 0] = ST_ELIGIBLE;
        fx->status[(i - 1) * 2 + 1] = i <= 4 || i == 9 ? ST_ELIGIBLE : ST_INELIGIBLE;
    }
}

static void fixture_free(struct fixture *fx)
{
    batch_columns_free(fx->cols);
    refdata_free(fx->ref);
}

static const struct awareness_district *district_of(const struct overlap_report *r, const char *name)
{
    for (size_t k = 0; k < r->n_districts; k++)
        if (strcmp(r->districts[k].district, name) == 0)
            return &r->districts[k];
    return NULL;
}

static void test_awareness_counts(void **state)
{
    struct fixture fx;
    struct overlap_report r;
    struct overlap_application apps[3] = {
        {1, 0, true, false},   /* 1 applied for alpha */
        {2, 0, false, false},  /* 2 has a draft: not an application */
        {9, 0, true, true},    /* 9 was sanctioned alpha */
    };
    struct overlap_funding *f = mem_calloc(2, sizeof *f);
    const int64_t traditional[3] = {9, 2, 404};   /* 404 is no enterprise of the population */
    const struct awareness_district *pune, *nashik;
    struct outreach_row *rows;
    struct err e;
    size_t n;
    json_t *j, *d;

    (void)state;
    fixture_build(&fx);
    assert_non_null(f);
    f[0] = fund(3, 1, "machinery", 20000, "L3");   /* 3 is on beta's list */
    f[1] = fund(9, 1, "machinery", 20100, "L9");   /* so is 9 */
    struct overlap_input in = {&fx.cat, fx.ref, fx.cols, fx.status, f, 2, apps, 3, 20200, 365, NULL, -1, traditional, 3};
    assert_int_equal(overlap_report_build(&in, &r, &e), 0);

    assert_int_equal(r.population, 10);
    assert_int_equal(r.eligible[0], 10);
    assert_int_equal(r.eligible[1], 5);
    /* availed both: only 9 (sanctioned alpha, on beta's list) */
    assert_int_equal(r.availed[0], 1);
    assert_int_equal(r.availed[1], 2);
    assert_int_equal(r.beneficiary[0].both, 1);
    assert_int_equal(r.beneficiary[0].either, 2);
    /* eligibility: both 5, either 10 */
    assert_true(fabs(r.eligibility[0].jaccard - 0.5) < 1e-12);

    /* Pune: all 7 have a gap; pairs 1 (id 1) + 2 + 1 (id 3) + 2 + 1+1+1 = 9 */
    pune = district_of(&r, "PUNE");
    nashik = district_of(&r, "NASHIK");
    assert_non_null(pune);
    assert_non_null(nashik);
    assert_int_equal(pune->c.enterprises, 7);
    assert_int_equal(pune->c.eligible, 7);
    assert_int_equal(pune->c.gap, 7);
    assert_int_equal(pune->c.gap_pairs, 9);
    /* Nashik: 8 and 10 have alpha untouched; 9 availed both */
    assert_int_equal(nashik->c.gap, 2);
    assert_int_equal(r.segment[SEG_WOMEN].enterprises, 2);
    /* traditional: 2 (a gap) and 9 (took both up) */
    assert_int_equal(r.segment[SEG_TRADITIONAL].enterprises, 2);
    assert_int_equal(r.segment[SEG_TRADITIONAL].eligible, 2);
    assert_int_equal(r.segment[SEG_TRADITIONAL].gap, 1);
    assert_int_equal(r.total.gap, 9);
    assert_int_equal(r.by_scheme[1].gap, 3);   /* beta: 1, 2, 4 */

    /* The JSON withholds the small cells: Nashik (3 enterprises, gap 2)
     * and the women (2). Pune's 7 go too, as the complement: the total
     * (gap 9) is shown, and 9 - 7 would give Nashik's 2 back. */
    j = overlap_report_json(&r, true);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(json_object_get(j, "awareness"), "total"), "gap")), 9);
    d = json_object_get(json_object_get(j, "awareness"), "districts");
    assert_int_equal(json_array_size(d), 2);
    for (size_t k = 0; k < 2; k++) {
        json_t *row = json_array_get(d, k);
        assert_true(json_is_null(json_object_get(row, "gap")));
        assert_true(json_is_null(json_object_get(row, "gap_rate")));
        assert_true(json_is_null(json_object_get(row, "enterprises")));
    }
    assert_true(pune->c.hide & AW_HIDE_GAP);
    assert_true(nashik->c.hide & AW_HIDE_GAP);
    assert_true(json_is_null(json_object_get(
        json_object_get(json_object_get(json_object_get(j, "awareness"), "segments"), "women"), "gap")));
    json_decref(j);

    /* For readers of aggregates: the availed pair (1 both, 2 either) is
     * withheld with its Jaccard, the operator's JSON keeps it. */
    j = overlap_report_public_json(&r);
    assert_non_null(j);
    d = json_array_get(json_object_get(j, "beneficiary"), 0);
    assert_true(json_is_null(json_object_get(d, "both")));
    assert_true(json_is_null(json_object_get(d, "jaccard")));
    assert_true(json_is_null(json_object_get(json_object_get(j, "availed"), "alpha")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "eligible"), "alpha")), 10);
    assert_int_equal(json_array_size(json_object_get(j, "double_funding")), 0);
    assert_non_null(json_object_get(j, "awareness"));
    json_decref(j);
    j = overlap_report_json(&r, false);
    d = json_array_get(json_object_get(j, "beneficiary"), 0);
    assert_int_equal(json_integer_value(json_object_get(d, "both")), 1);
    assert_null(json_object_get(j, "awareness"));
    json_decref(j);

    /* Pune's outreach list for beta: 1, 2 and 4 (3 is on the list) */
    assert_int_equal(overlap_outreach_list(&r, fx.cols, 27, "pune", 1, &rows, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(fx.cols->id[rows[0].index], 1);
    assert_int_equal(fx.cols->id[rows[2].index], 4);
    rows[0].benefit = 10;
    rows[1].benefit = 30;
    rows[2].benefit = 20;
    overlap_outreach_rank(rows, n);
    assert_int_equal(fx.cols->id[rows[0].index], 2);
    assert_int_equal(fx.cols->id[rows[1].index], 4);
    mem_free(rows);
    /* every scheme: all 7 of Pune */
    assert_int_equal(overlap_outreach_list(&r, fx.cols, 27, "PUNE", -1, &rows, &n), 0);
    assert_int_equal(n, 7);
    mem_free(rows);
    /* another state's Pune: nobody */
    assert_int_equal(overlap_outreach_list(&r, fx.cols, 9, "PUNE", -1, &rows, &n), 0);
    assert_int_equal(n, 0);
    mem_free(rows);

    overlap_report_free(&r);
    fixture_free(&fx);
}

/* Double funding for readers of aggregates: by pair of schemes, withheld
 * under 5 alerts. */
static void public_double_funding(int enterprises, json_t **out)
{
    struct fixture fx;
    struct overlap_report r;
    struct overlap_funding *f = mem_calloc((size_t)enterprises * 2, sizeof *f);
    struct err e;

    fixture_build(&fx);
    assert_non_null(f);
    for (int i = 0; i < enterprises; i++) {
        f[2 * i] = fund(i + 1, 0, "machinery", 20000, "A");
        f[2 * i + 1] = fund(i + 1, 1, "machinery", 20100, "B");
    }
    struct overlap_input in = {&fx.cat, fx.ref, fx.cols, fx.status, f, (size_t)enterprises * 2, NULL, 0,
                               20200, 365, NULL, -1, NULL, 0};
    assert_int_equal(overlap_report_build(&in, &r, &e), 0);
    assert_int_equal(r.n_alerts, (size_t)enterprises);
    json_t *root = overlap_report_public_json(&r);
    assert_non_null(root);
    *out = json_incref(json_object_get(root, "double_funding"));
    json_decref(root);
    overlap_report_free(&r);
    fixture_free(&fx);
}

static void test_public_double_funding(void **state)
{
    json_t *a, *d;

    (void)state;
    public_double_funding(6, &a);
    assert_int_equal(json_array_size(a), 1);
    d = json_array_get(a, 0);
    assert_string_equal(json_string_value(json_object_get(d, "a")), "alpha");
    assert_string_equal(json_string_value(json_object_get(d, "b")), "beta");
    assert_int_equal(json_integer_value(json_object_get(d, "alerts")), 6);
    assert_int_equal(json_integer_value(json_object_get(d, "amount")), 6 * 2 * 1000);   /* rupees */
    assert_null(json_object_get(d, "enterprise_id"));
    json_decref(a);
    public_double_funding(3, &a);
    d = json_array_get(a, 0);
    assert_true(json_is_null(json_object_get(d, "alerts")));
    assert_true(json_is_null(json_object_get(d, "amount")));
    json_decref(a);
}

static void test_report_refuses_unsorted(void **state)
{
    struct fixture fx;
    struct overlap_report r;
    struct err e;

    (void)state;
    fixture_build(&fx);
    fx.cols->id[3] = 1;   /* a repeated id */
    struct overlap_input in = {&fx.cat, fx.ref, fx.cols, fx.status, NULL, 0, NULL, 0, 20200, 365, NULL, -1, NULL, 0};
    assert_int_equal(overlap_report_build(&in, &r, &e), -1);
    assert_non_null(strstr(e.msg, "id order"));
    overlap_report_free(&r);
    fixture_free(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jaccard_tiny_sets),
        cmocka_unit_test(test_no_members),
        cmocka_unit_test(test_jaccard_across_words),
        cmocka_unit_test(test_objective_pair),
        cmocka_unit_test(test_double_funding_window),
        cmocka_unit_test(test_double_funding_three_rows),
        cmocka_unit_test(test_awareness_counts),
        cmocka_unit_test(test_public_double_funding),
        cmocka_unit_test(test_report_refuses_unsorted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
