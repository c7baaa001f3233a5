/* Blocking on a tiny set filled through the records API: each rule's
 * pairs, pairs an earlier rule found not repeated, and recall counted from
 * the evaluation labels; a Devanagari name meets its Latin spelling. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "link/block.h"
#include "link/evaluate.h"

static const char cfg_text[] =
    "mode: dedup\n"
    "id: id\n"
    "fields:\n"
    "  - {name: name, compare: person_name}\n"
    "  - {name: dob, compare: date}\n"
    "  - {name: pin, compare: postcode}\n"
    "blocking:\n"
    "  - name:phonetic\n"
    "  - [dob:year, pin:prefix3]\n"
    "evaluation: {column: truth}\n";

static const char *const rows[][5] = {
    /* id, name, dob, pin, entity */
    {"1", "Ram Sharma", "1970-05-17", "110001", "a"},
    {"2", "राम शर्मा", "1970-05-17", "110001", "a"},       /* same person, other script */
    {"3", "Ram Sharma", "1985-01-02", "400001", "b"},      /* namesake */
    {"4", "Sita Devi", "1970-05-17", "110045", "c"},
    {"5", "Seeta Devee", "1970-06-17", "110099", "c"},     /* typo'd copy: found by rule 2 only */
    {"6", "Gopal", "", "", "d"},
};

static void test_rules(void **state)
{
    struct err e;
    struct link_config *c = link_config_load("t.yaml", cfg_text, strlen(cfg_text), &e);
    struct link_records *r;
    struct pair_list pl = {NULL, 0, 0};
    struct block_stats st[2];
    size_t true_pairs;

    (void)state;
    assert_non_null(c);
    assert_non_null(r = records_new(c, 0, &e));
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(records_add(r, rows[i][0], &rows[i][1], rows[i][4], &e), 0);
    if (records_finish(r, 2, &e) != 0)
        fail_msg("%s", e.msg);
    assert_int_equal(link_eval_assign(r, NULL, &true_pairs, &e), 0);
    assert_int_equal(true_pairs, 2);                  /* 1-2 and 4-5 */
    if (block_pairs(r, NULL, &pl, st, &e) != 0)
        fail_msg("%s", e.msg);
    /* Rule 1 (phonetic name): 1-2, 1-3, 2-3, and Sita/Seeta if their skeletons meet. */
    assert_true(st[0].pairs >= 3);
    assert_int_equal(st[0].new_pairs, st[0].pairs);
    assert_true(st[0].true_pairs >= 1);
    /* Rule 2 (year + pin prefix): 1, 2, 4, 5 share 1970/110: 6 pairs, of which 1-2 was found. */
    assert_int_equal(st[1].pairs, 6);
    assert_int_equal(st[1].true_pairs, 2);
    assert_true(st[1].new_pairs <= 5);
    assert_int_equal(st[0].new_true + st[1].new_true, 2);   /* cumulative recall 1 */
    assert_int_equal(pl.n, st[0].new_pairs + st[1].new_pairs);
    {
        bool scripts_met = false;   /* 1-2 by the phonetic rule: "राम शर्मा" meets "Ram Sharma" */
        for (size_t k = 0; k < st[0].new_pairs; k++)
            scripts_met |= pl.p[k].a == 0 && pl.p[k].b == 1;
        assert_true(scripts_met);
    }
    for (size_t k = 0; k < pl.n; k++) {
        assert_true(pl.p[k].a < pl.p[k].b);
        for (size_t j = 0; j < k; j++)
            assert_false(pl.p[j].a == pl.p[k].a && pl.p[j].b == pl.p[k].b);
        assert_true(pl.p[k].a != 5 && pl.p[k].b != 5);     /* Gopal shares no key */
    }
    pair_list_release(&pl);
    records_free(r);
    link_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
