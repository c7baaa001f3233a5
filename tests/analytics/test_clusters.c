/* Cluster mapping (LQ, stars, detection, candidates) and cluster health
 * (index, sick signs, benchmark) on small tables worked by hand; the
 * arithmetic is in the comments. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/cluster_health.h"
#include "analytics/cluster_report.h"
#include "analytics/clusters.h"
#include "core/alloc.h"
#include "core/buf.h"

#define EPS 1e-9

/* Four districts, three NIC groups; employment (enterprises):
 *
 *              131        251        471       E_d
 *   A      60 (12)    20 (4)     20 (10)      100
 *   B      10 (3)     50 (10)    40 (20)      100
 *   C       5 (2)      5 (1)    190 (40)      200
 *   D      25 (11)      -        75 (15)      100
 *   E_c   100         75        325      E_N = 500
 *
 * National shares E_c/E_N: 131 0.20, 251 0.15, 471 0.65.
 * LQ = (E_dc/E_d) / (E_c/E_N):
 *   A131 0.60/0.20 = 3.0      B131 0.10/0.20 = 0.5   C131 0.025/0.20 = 0.125  D131 0.25/0.20 = 1.25
 *   A251 0.20/0.15 = 1.333    B251 0.50/0.15 = 3.333 C251 0.025/0.15 = 0.1667
 *   A471 0.20/0.65 = 0.3077   B471 0.40/0.65 = 0.6154 C471 0.95/0.65 = 1.4615 D471 0.75/0.65 = 1.1538
 * Top 10% of 4 (or 3) districts = ceil(0.4) = 1 district:
 *   size  (largest E_dc):  131 A (60), 251 B (50), 471 C (190)
 *   focus (largest share): 131 A (0.60), 251 B (0.50), 471 C (0.95)
 * Stars: A131 3 (detected, 12 enterprises); B251 3 (detected, exactly 10);
 * C471 2, size and focus without specialisation (detected, 40); every
 * other cell 0, or 1 at most. */
static const struct clusters_cell table[] = {
    {"09", "A", "131", 12, 60}, {"09", "A", "251", 4, 20},  {"09", "A", "471", 10, 20},
    {"09", "B", "131", 3, 10},  {"09", "B", "251", 10, 50}, {"09", "B", "471", 20, 40},
    {"27", "C", "131", 2, 5},   {"27", "C", "251", 1, 5},   {"27", "C", "471", 40, 190},
    {"27", "D", "131", 11, 25}, {"27", "D", "471", 15, 75},
};
#define N_TABLE (sizeof table / sizeof table[0])

static void test_top_count(void **state)
{
    (void)state;
    assert_int_equal(clusters_top_count(0), 0);
    assert_int_equal(clusters_top_count(1), 1);
    assert_int_equal(clusters_top_count(10), 1);
    assert_int_equal(clusters_top_count(11), 2);
    assert_int_equal(clusters_top_count(20), 2);
    assert_int_equal(clusters_top_count(21), 3);
}

static void test_lq_and_stars(void **state)
{
    struct clusters_score s[N_TABLE];

    (void)state;
    assert_int_equal(clusters_score(table, N_TABLE, s, NULL), 0);
    assert_float_equal(s[0].lq, 3.0, EPS);
    assert_float_equal(s[0].share, 0.6, EPS);
    assert_float_equal(s[1].lq, 0.2 / 0.15, EPS);
    assert_float_equal(s[4].lq, 0.5 / 0.15, EPS);
    assert_float_equal(s[8].lq, 0.95 / 0.65, EPS);
    assert_float_equal(s[9].lq, 1.25, EPS);
    assert_float_equal(s[6].lq, 0.125, EPS);

    /* A131: all three stars, detected. */
    assert_int_equal(s[0].stars, 3);
    assert_int_equal(s[0].stars_mask,
                     CLUSTERS_STAR_SIZE | CLUSTERS_STAR_SPECIALISATION | CLUSTERS_STAR_FOCUS);
    assert_true(s[0].detected);
    /* B251: three stars and exactly the minimum of 10 enterprises. */
    assert_int_equal(s[4].stars, 3);
    assert_true(s[4].detected);
    /* C471: size and focus, LQ 1.46 < 2. */
    assert_int_equal(s[8].stars_mask, CLUSTERS_STAR_SIZE | CLUSTERS_STAR_FOCUS);
    assert_true(s[8].detected);
    /* D131: LQ 1.25, second in size (25 < 60) and focus (0.25 < 0.60). */
    assert_int_equal(s[9].stars, 0);
    assert_false(s[9].detected);
    /* A251: LQ 1.33, second in size (20 < 50) and share (0.20 < 0.50). */
    assert_int_equal(s[1].stars, 0);
    for (size_t i = 0; i < N_TABLE; i++)
        if (i != 0 && i != 4 && i != 8)
            assert_false(s[i].detected);
}

/* One enterprise employing 100 in district X's group 251:
 *   X: 251 100 (1), 471 10 (5)   E_X = 110
 *   Y: 471 100 (50)              E_Y = 100
 *   Z: 471 100 (30)              E_Z = 100     E_N = 310, E_251 = 100
 * LQ X251 = (100/110) / (100/310) = 0.9091 / 0.3226 = 2.818: specialised,
 * and the only district in 251, so also size and focus: 3 stars. Still no
 * cluster: one enterprise, under the minimum of 10. */
static void test_one_large_unit_is_not_a_cluster(void **state)
{
    static const struct clusters_cell t[] = {
        {"01", "X", "251", 1, 100}, {"01", "X", "471", 5, 10},
        {"01", "Y", "471", 50, 100}, {"01", "Z", "471", 30, 100},
    };
    struct clusters_score s[4];

    (void)state;
    assert_int_equal(clusters_score(t, 4, s, NULL), 0);
    assert_float_equal(s[0].lq, (100.0 / 110.0) / (100.0 / 310.0), EPS);
    assert_int_equal(s[0].stars, 3);
    assert_false(s[0].detected);
}

/* Ties share the better rank: P and Q both employ 10 in 101 and both are
 * "top 1 of 3"; R (5) is not. Shares: P 10/20 = 0.5, Q 10/10 = 1.0,
 * R 5/5 = 1.0, so Q and R tie for focus. */
static void test_ties(void **state)
{
    static const struct clusters_cell t[] = {
        {"01", "P", "101", 5, 10}, {"01", "P", "471", 5, 10},
        {"01", "Q", "101", 5, 10}, {"01", "R", "101", 5, 5},
    };
    struct clusters_score s[4];

    (void)state;
    assert_int_equal(clusters_score(t, 4, s, NULL), 0);
    assert_true(s[0].stars_mask & CLUSTERS_STAR_SIZE);
    assert_true(s[2].stars_mask & CLUSTERS_STAR_SIZE);
    assert_false(s[3].stars_mask & CLUSTERS_STAR_SIZE);
    assert_false(s[0].stars_mask & CLUSTERS_STAR_FOCUS);
    assert_true(s[2].stars_mask & CLUSTERS_STAR_FOCUS);
    assert_true(s[3].stars_mask & CLUSTERS_STAR_FOCUS);
}

static void test_mixed_levels_refused(void **state)
{
    static const struct clusters_cell t[] = {{"01", "P", "101", 5, 10}, {"01", "P", "47", 5, 10}};
    struct clusters_score s[2];
    struct err e;

    (void)state;
    assert_int_equal(clusters_score(t, 2, s, &e), -1);
}

/* Groups 131 and 139 of one district are one division 13:
 * A: 13 = 60 + 7 = 67 (12 + 2 enterprises). */
static void test_rollup(void **state)
{
    static const struct clusters_cell g[] = {
        {"09", "A", "139", 2, 7}, {"09", "A", "131", 12, 60}, {"09", "A", "251", 4, 20},
        {"09", "B", "131", 3, 10},
    };
    struct clusters_cell *d = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(clusters_rollup_division(g, 4, &d, &n, NULL), 0);
    assert_int_equal(n, 3);
    assert_string_equal(d[0].district, "A");
    assert_string_equal(d[0].nic, "13");
    assert_int_equal(d[0].enterprises, 14);
    assert_int_equal(d[0].employment, 67);
    assert_string_equal(d[1].nic, "25");
    assert_string_equal(d[2].district, "B");
    mem_free(d);
}

/* The map over the table: a registered cluster in A making NIC 13111
 * stands on A131, so A131 is detected but no candidate; B251 is the one
 * candidate at group level (3 stars with specialisation, nothing
 * registered); C471 has no specialisation star, so it is no candidate.
 * At division level the table is the same (one group per division), so
 * A13, B25 and C47 are detected and B25 is a candidate: 6 detected, 2
 * candidates. A registered cluster in C making 25999 has no group cell
 * (no 259 in C) and its division cell C25 holds one enterprise: nothing
 * to show, so it is not counted as a specialisation. */
static void test_map_candidates_and_registered(void **state)
{
    struct cluster_reg regs[2];
    struct clusters_cell *cells = mem_calloc(N_TABLE, sizeof *cells);
    struct cluster_map m;

    (void)state;
    memset(regs, 0, sizeof regs);
    snprintf(regs[0].id, sizeof regs[0].id, "%s", "A-CHIKAN");
    snprintf(regs[0].state, sizeof regs[0].state, "%s", "09");
    snprintf(regs[0].district, sizeof regs[0].district, "%s", "A");
    snprintf(regs[0].nic, sizeof regs[0].nic, "%s", "13111");
    snprintf(regs[1].id, sizeof regs[1].id, "%s", "C-BRASS");
    snprintf(regs[1].state, sizeof regs[1].state, "%s", "27");
    snprintf(regs[1].district, sizeof regs[1].district, "%s", "C");
    snprintf(regs[1].nic, sizeof regs[1].nic, "%s", "25999");
    memcpy(cells, table, sizeof table);
    assert_int_equal(cluster_map_build(cells, N_TABLE, regs, 2, &m, NULL), 0);
    assert_int_equal(m.detected, 6);
    assert_int_equal(m.candidates, 2);
    assert_int_equal(m.districts, 4);
    assert_int_equal(m.employment, 500);
    assert_true(cluster_map_reg_specialised(&m, 0));
    assert_false(cluster_map_reg_specialised(&m, 1));
    assert_int_equal(m.registered_specialised, 1);
    for (size_t i = 0; i < m.group.n; i++) {
        const struct clusters_cell *c = &m.group.cells[i];
        bool cand = cluster_map_candidate(&m.group, i);
        assert_int_equal(cand, strcmp(c->district, "B") == 0 && strcmp(c->nic, "251") == 0);
    }
    cluster_map_free(&m);
}

/* --- health ------------------------------------------------------------- */

/* A sick cluster:
 *   turnover  85 / 100 - 1 = -0.15   score (-0.15 + 0.20) / 0.40 = 0.125
 *   stress    3 / 10 = 0.30          score 1 - 0.30/0.30 = 0
 *   cfc       216 / (100 x 12) = 0.18 score 0.18 / 0.60 = 0.30
 *   members   (20 - 16) / 16 = 0.25  score 0.5 + 0.25/0.20 -> 1 (capped)
 * index = (30 x 0.125 + 30 x 0 + 25 x 0.30 + 15 x 1) / 100 x 100
 *       = 3.75 + 0 + 7.5 + 15 = 26.25 -> 26.3 (a tenth, half away from 0)
 * Every sign: turnover <= -10%, stress >= 20%, CFC < 30%, index < 40. */
static void test_sick_cluster(void **state)
{
    struct cluster_health_input in = {.members = 20, .members_year_ago = 16, .turnover_members = 10,
                                      .turnover_cur = 85, .turnover_prev = 100, .stress_assessed = 10,
                                      .stress_count = 3, .cfc_capacity = 100, .cfc_hours = 216,
                                      .cfc_months = 12, .manufacturing = true};
    struct cluster_health h;
    struct buf b = BUF_INIT;

    (void)state;
    cluster_health_compute(&in, &h);
    assert_true(h.has_turnover && h.has_stress && h.has_cfc && h.has_members && h.has_index);
    assert_float_equal(h.turnover_growth, -0.15, EPS);
    assert_float_equal(h.stress_share, 0.30, EPS);
    assert_float_equal(h.cfc_utilisation, 0.18, EPS);
    assert_float_equal(h.member_growth, 0.25, EPS);
    assert_float_equal(h.index, 26.3, EPS);
    assert_int_equal(h.signs, SIGN_TURNOVER_DOWN | SIGN_STRESS_HIGH | SIGN_CFC_UNDERUSED | SIGN_INDEX_LOW);
    assert_true(h.sick);
    assert_int_equal(cluster_health_reason_text(&h, SIGN_CFC_UNDERUSED, &b), 0);
    assert_string_equal(buf_cstr(&b), "CFC used 18% of capacity over 12 months");
    buf_reset(&b);
    assert_int_equal(cluster_health_reason_text(&h, SIGN_TURNOVER_DOWN, &b), 0);
    assert_string_equal(buf_cstr(&b), "Members' GST turnover down 15% on the year before");
    buf_reset(&b);
    assert_int_equal(cluster_health_reason_text(&h, SIGN_STRESS_HIGH, &b), 0);
    assert_string_equal(buf_cstr(&b), "30% of members in stress");
    buf_reset(&b);
    /* The pages' "Why:" and the JSON's texts are the one function. */
    assert_int_equal(cluster_health_reasons_text(&h, &b), 0);
    assert_string_equal(buf_cstr(&b), "Members' GST turnover down 15% on the year before; 30% of members in "
                                      "stress; CFC used 18% of capacity over 12 months; Health index 26.3 of 100");
    buf_release(&b);
}

/* A healthy one: turnover +20% (score 1), nobody in stress (1), CFC at 60%
 * (720 / 1200, score 1), members flat (0.5):
 * index = 30 + 30 + 25 + 15 x 0.5 = 92.5; no sign. */
static void test_healthy_cluster(void **state)
{
    struct cluster_health_input in = {.members = 8, .members_year_ago = 8, .turnover_members = 8,
                                      .turnover_cur = 120, .turnover_prev = 100, .stress_assessed = 8,
                                      .stress_count = 0, .cfc_capacity = 100, .cfc_hours = 720,
                                      .cfc_months = 12, .manufacturing = true};
    struct cluster_health h;

    (void)state;
    cluster_health_compute(&in, &h);
    assert_float_equal(h.index, 92.5, EPS);
    assert_int_equal(h.signs, 0);
    assert_false(h.sick);
}

/* Four members behind each component: turnover, stress and the member
 * trend are withheld (small cells), the CFC is the cluster's own: 0.5 of
 * capacity, score 0.5/0.6 = 0.8333, index 83.3 on the CFC's weight alone.
 * Without the CFC only the member trend (15 < 25) would remain: no index. */
static void test_small_cells_withheld(void **state)
{
    struct cluster_health_input in = {.members = 4, .members_year_ago = 2, .turnover_members = 4,
                                      .turnover_cur = 10, .turnover_prev = 100, .stress_assessed = 4,
                                      .stress_count = 4, .cfc_capacity = 100, .cfc_hours = 300,
                                      .cfc_months = 6, .manufacturing = true};
    struct cluster_health h;

    (void)state;
    cluster_health_compute(&in, &h);
    assert_false(h.has_turnover);
    assert_false(h.has_stress);
    assert_false(h.has_members);
    assert_true(h.has_cfc);
    assert_float_equal(h.index, 83.3, EPS);
    assert_false(h.sick);     /* the 90% fall and 100% stress are not published */

    in.cfc_capacity = 0;
    in.members = 10;
    in.members_year_ago = 5;
    cluster_health_compute(&in, &h);
    assert_true(h.has_members);
    assert_false(h.has_index);
    assert_false(h.sick);
}

/* Peers: three manufacturing clusters in division 13 (index 20, 50, 80),
 * one in 25 (60) and one services cluster in 47 (70).
 *   13 @50: its division has 3 >= 3 peers; lower: 20 -> 1 of 2 = 50.0
 *   25 @60: alone in 25, widened to manufacturing (4 peers);
 *           lower: 20, 50 -> 2 of 3 = 66.7
 *   47 @70: alone among services: no percentile. */
static void test_benchmark(void **state)
{
    struct cluster_health_input in[5];
    struct cluster_health h[5];
    const char division[5][3] = {"13", "13", "13", "25", "47"};
    const double index[5] = {20, 50, 80, 60, 70};

    (void)state;
    memset(in, 0, sizeof in);
    memset(h, 0, sizeof h);
    for (int i = 0; i < 5; i++) {
        in[i].manufacturing = i < 4;
        h[i].has_index = true;
        h[i].index = index[i];
    }
    cluster_health_benchmark(in, division, h, 5);
    assert_int_equal(h[1].peer_group, 1);
    assert_int_equal(h[1].peers, 3);
    assert_float_equal(h[1].percentile, 50.0, EPS);
    assert_float_equal(h[2].percentile, 100.0, EPS);
    assert_int_equal(h[3].peer_group, 2);
    assert_int_equal(h[3].peers, 4);
    assert_float_equal(h[3].percentile, 66.7, EPS);
    assert_int_equal(h[4].peers, 1);
    assert_false(h[4].has_percentile);
}

static void test_sector(void **state)
{
    (void)state;
    assert_true(clusters_nic_manufacturing("13111"));
    assert_true(clusters_nic_manufacturing("10"));
    assert_true(clusters_nic_manufacturing("33"));
    assert_false(clusters_nic_manufacturing("47"));
    assert_false(clusters_nic_manufacturing("09"));
    assert_false(clusters_nic_manufacturing("x"));
    assert_true(clusters_nic_in("13111", "131"));
    assert_false(clusters_nic_in("13111", "139"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_count),
        cmocka_unit_test(test_lq_and_stars),
        cmocka_unit_test(test_one_large_unit_is_not_a_cluster),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_mixed_levels_refused),
        cmocka_unit_test(test_rollup),
        cmocka_unit_test(test_map_candidates_and_registered),
        cmocka_unit_test(test_sick_cluster),
        cmocka_unit_test(test_healthy_cluster),
        cmocka_unit_test(test_small_cells_withheld),
        cmocka_unit_test(test_benchmark),
        cmocka_unit_test(test_sector),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
