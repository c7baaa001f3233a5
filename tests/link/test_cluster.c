/* Clustering: a chain A-B-C with A and C clearly different is not merged
 * into one entity; a well-connected triangle is; link mode assigns each
 * record once, best weight first. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "link/cluster.h"

static const struct cluster_rule rule = {0.0, 0.5, -10.0};

static void test_chain_refused(void **state)
{
    /* A=0, B=1, C=2: A~B and B~C strong, A vs C scored clearly different. */
    const struct link_pair p[] = {{0, 1}, {1, 2}, {0, 2}};
    const float w[] = {20, 18, -25};
    uint32_t c[3];
    size_t merges, refused;
    struct err e;

    (void)state;
    assert_int_equal(cluster_dedup(3, p, w, 3, &rule, c, &merges, &refused, &e), 0);
    assert_int_equal(c[0], c[1]);          /* the best link merges first */
    assert_int_not_equal(c[1], c[2]);      /* C does not join through B */
    assert_int_equal(merges, 1);
    assert_int_equal(refused, 1);
}

static void test_chain_of_two_clusters_refused(void **state)
{
    /* {0,1} and {2,3} are tight; one link 1~2 joins them, the other cross pairs are not links. */
    const struct link_pair p[] = {{0, 1}, {2, 3}, {1, 2}, {0, 3}, {0, 2}};
    const float w[] = {30, 30, 5, -3, -4};
    uint32_t c[4];
    struct err e;

    (void)state;
    assert_int_equal(cluster_dedup(4, p, w, 5, &rule, c, NULL, NULL, &e), 0);
    assert_int_equal(c[0], c[1]);
    assert_int_equal(c[2], c[3]);
    assert_int_not_equal(c[0], c[2]);      /* 1 link of 4 cross pairs < 0.5 */
}

static void test_triangle_merged(void **state)
{
    const struct link_pair p[] = {{0, 1}, {1, 2}, {0, 2}, {3, 4}};
    const float w[] = {20, 18, 6, -2};
    uint32_t c[5];
    struct err e;

    (void)state;
    assert_int_equal(cluster_dedup(5, p, w, 4, &rule, c, NULL, NULL, &e), 0);
    assert_int_equal(c[0], 0);
    assert_int_equal(c[1], 0);
    assert_int_equal(c[2], 0);             /* named by the smallest member */
    assert_int_equal(c[3], 3);             /* below threshold: singletons */
    assert_int_equal(c[4], 4);
}

static void test_one_to_one(void **state)
{
    /* left 0 matches right 0 and 1; right 1 is taken by the better left 1. */
    const struct link_pair p[] = {{0, 0}, {0, 1}, {1, 1}, {2, 2}};
    const float w[] = {10, 12, 15, -1};
    bool keep[4];
    struct err e;

    (void)state;
    assert_int_equal(cluster_one_to_one(p, w, 4, 0.0, 3, 3, keep, &e), 0);
    assert_true(keep[0]);
    assert_false(keep[1]);
    assert_true(keep[2]);
    assert_false(keep[3]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain_refused),
        cmocka_unit_test(test_chain_of_two_clusters_refused),
        cmocka_unit_test(test_triangle_merged),
        cmocka_unit_test(test_one_to_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
