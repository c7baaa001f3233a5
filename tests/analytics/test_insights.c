/* Market insights and sustainability on hand-worked data: percentile ranks
 * with ties, quartiles, peer-group widening, the qualification rules,
 * emissions arithmetic with units, benchmark quartiles with suppression,
 * which declaration counts, and the cited tables loading. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/emission.h"
#include "analytics/insight_tables.h"
#include "analytics/market.h"
#include "analytics/peer_group.h"
#include "analytics/percentile.h"
#include "analytics/sustainability.h"
#include "core/alloc.h"
#include "core/refdata.h"

#define EPS 1e-9

static void test_percentile_ties(void **state)
{
    const double v[] = {1, 2, 2, 2, 5};

    (void)state;
    /* x = 2: one below, three equal: (1 + 1.5) / 5 = 50%. */
    assert_float_equal(percentile_rank(v, 5, 2), 50.0, EPS);
    assert_float_equal(percentile_rank(v, 5, 0), 0.0, EPS);
    assert_float_equal(percentile_rank(v, 5, 9), 100.0, EPS);
    /* x = 5: four below, one equal: 4.5 / 5 = 90%. */
    assert_float_equal(percentile_rank(v, 5, 5), 90.0, EPS);
    /* All equal: everyone sits at the middle. */
    assert_float_equal(percentile_rank((const double[]){3, 3, 3}, 3, 3), 50.0, EPS);
}

static void test_quartiles(void **state)
{
    double v[] = {9, 1, 5, 3, 7}, few[] = {1, 2, 3, 4};
    struct quartiles q;

    (void)state;
    /* Sorted 1 3 5 7 9; type 7: h = 4q -> q1 = 3, median 5, q3 = 7. */
    percentile_quartiles(v, 5, &q);
    assert_false(q.suppressed);
    assert_float_equal(q.q1, 3, EPS);
    assert_float_equal(q.median, 5, EPS);
    assert_float_equal(q.q3, 7, EPS);
    /* Interpolation: 1 2 3 4 5 6 -> median 3.5, q1 = 1 + 1.25 = 2.25. */
    double six[] = {6, 5, 4, 3, 2, 1};
    percentile_quartiles(six, 6, &q);
    assert_float_equal(q.median, 3.5, EPS);
    assert_float_equal(q.q1, 2.25, EPS);
    assert_float_equal(q.q3, 4.75, EPS);
    /* Four values: withheld, and no figure kept. */
    percentile_quartiles(few, 4, &q);
    assert_true(q.suppressed);
    assert_int_equal(q.n, 4);
    assert_float_equal(q.median, 0, EPS);
}

static void test_peer_widening(void **state)
{
    (void)state;
    assert_int_equal(peer_group_choose((const int64_t[]){5, 9, 20}), PEER_DISTRICT);
    assert_int_equal(peer_group_choose((const int64_t[]){4, 5, 20}), PEER_STATE);
    assert_int_equal(peer_group_choose((const int64_t[]){0, 4, 5}), PEER_NATIONAL);
    assert_int_equal(peer_group_choose((const int64_t[]){1, 2, 4}), PEER_NONE);
    assert_string_equal(peer_level_code(PEER_STATE), "state_nic_group");
}

static struct market_peer peer(int64_t id, int state, const char *district, double growth)
{
    struct market_peer p = {.id = id, .state = state, .has_growth = true, .growth = growth};

    snprintf(p.district, sizeof p.district, "%s", district);
    return p;
}

static void test_market_metric_widens(void **state)
{
    /* Self (id 1) in PUNE, state 27. District: 3 others -> too few.
     * State: 3 + 3 = 6 others -> state group. */
    struct market_peer p[] = {
        peer(1, 27, "PUNE", 0.10),   peer(2, 27, "PUNE", 0.00),  peer(3, 27, "PUNE", 0.10),
        peer(4, 27, "PUNE", 0.20),   peer(5, 27, "NASIK", -0.1), peer(6, 27, "NASIK", 0.05),
        peer(7, 27, "THANE", 0.30),  peer(8, 29, "MYSORE", 0.9),
    };
    struct market_metric m;
    double scratch[8];

    (void)state;
    market_metric_compute(p, 8, &p[0], METRIC_GROWTH, scratch, &m);
    assert_int_equal(m.peers[PEER_DISTRICT], 3);
    assert_int_equal(m.peers[PEER_STATE], 6);
    assert_int_equal(m.peers[PEER_NATIONAL], 7);
    assert_int_equal(m.level, PEER_STATE);
    /* Others in state: -0.1 0 0.05 0.1 0.2 0.3: median (0.05 + 0.1) / 2;
     * self 0.10: 3 below, 1 equal -> 3.5 / 6. */
    assert_float_equal(m.peer_median, 0.075, EPS);
    assert_float_equal(m.percentile, 100.0 * 3.5 / 6.0, EPS);
    /* A peer without the figure does not count. */
    p[7].has_growth = false;
    p[6].has_growth = false;
    market_metric_compute(p, 8, &p[0], METRIC_GROWTH, scratch, &m);
    assert_int_equal(m.level, PEER_STATE);
    assert_int_equal(m.peers[PEER_STATE], 5);
    p[5].has_growth = false;
    market_metric_compute(p, 8, &p[0], METRIC_GROWTH, scratch, &m);
    assert_int_equal(m.level, PEER_NONE);
}

static void test_qualifies(void **state)
{
    struct market_subject s = {.cls = CLASS_SMALL, .activity = 0, .manufacturing = true,
                               .scst_owned = 0, .women_owned = 1, .disabled_owner = 0, .ner = 0};

    (void)state;
    assert_int_equal(market_qualifies(&s, WHO_MSE), 1);
    assert_int_equal(market_qualifies(&s, WHO_WOMEN_OWNED_MSE), 1);
    assert_int_equal(market_qualifies(&s, WHO_SCST_OWNED_MSE), 0);
    assert_int_equal(market_qualifies(&s, WHO_MSE_SPECIAL), 1);
    assert_int_equal(market_qualifies(&s, WHO_ORGANISATION), 0);
    s.cls = CLASS_MEDIUM;
    assert_int_equal(market_qualifies(&s, WHO_MSE), 0);
    assert_int_equal(market_qualifies(&s, WHO_MSME), 1);
    s.cls = CLASS_MICRO;
    s.scst_owned = -1;
    assert_int_equal(market_qualifies(&s, WHO_SCST_OWNED_MSE), -1);
    s.cls = -1;
    assert_int_equal(market_qualifies(&s, WHO_WOMEN_OWNED_MSE), -1);
}

static const char grid[] =
    "fiscal_year,grid,variant,cea_database_version,tco2_per_mwh,note,source,source_type\n"
    "2022-23,all-India,weighted_average_incl_RES_and_captive,21.0,0.7000,,src-a,secondary\n"
    "2022-23,all-India,build_margin,21.0,0.9000,,src-b,secondary\n"
    "2024-25,all-India,weighted_average_incl_RES_and_captive,21.0,0.8000,,src-c,secondary\n";
static const char fuel[] =
    "fuel,ipcc_default_carbon_content_kgC_per_GJ,ipcc_default_co2_ef_kgCO2_per_TJ,"
    "computed_c_x_44_12_kgCO2_per_TJ,ipcc_default_ncv_TJ_per_Gg,kgCO2_per_kg_fuel,basis,corroboration\n"
    "Diesel (IPCC: Gas/Diesel Oil),20.2,74100,74067,43.0,3.186,IPCC,x\n"
    "LPG (IPCC: Liquefied Petroleum Gases),17.2,63100,63067,,,IPCC,x\n"
    "Lignite,27.6,,101200,,,IPCC,x\n";

static void test_emission_arithmetic(void **state)
{
    struct emission_factors f;
    struct emission_factor x;
    struct err e;
    int64_t q;

    (void)state;
    assert_int_equal(emission_factors_parse(grid, sizeof grid - 1, fuel, sizeof fuel - 1, &f, &e), 0);
    assert_int_equal(f.n_grid, 2); /* the build margin row is another variant */
    /* 10,000 kWh in 2022-23 x 0.70 kgCO2/kWh = 7,000 kg = 7 tCO2; 36 GJ. */
    assert_int_equal(emission_factor_for(&f, ES_ELECTRICITY, 2022, &x, &e), 0);
    assert_string_equal(x.unit, "kWh");
    assert_float_equal(emission_kgco2(&x, 10000000), 7000.0, 1e-6);
    assert_float_equal(emission_gj(&x, 10000000), 36.0, 1e-9);
    /* 2023-24 has no row: the latest earlier year, 2022-23. */
    assert_int_equal(emission_factor_for(&f, ES_ELECTRICITY, 2023, &x, &e), 0);
    assert_int_equal(x.year_used, 2022);
    /* 2026-27: the latest, 2024-25. Before the table: the latest too. */
    assert_int_equal(emission_factor_for(&f, ES_ELECTRICITY, 2026, &x, &e), 0);
    assert_int_equal(x.year_used, 2024);
    /* 1,000 kg diesel x 3.186 = 3,186 kgCO2; 43 GJ. */
    assert_int_equal(emission_factor_for(&f, ES_DIESEL, 2024, &x, &e), 0);
    assert_float_equal(emission_kgco2(&x, 1000000), 3186.0, 1e-6);
    assert_float_equal(emission_gj(&x, 1000000), 43.0, 1e-9);
    /* 10 GJ LPG x 63.1 kgCO2/GJ = 631 kg. */
    assert_int_equal(emission_factor_for(&f, ES_LPG, 2024, &x, &e), 0);
    assert_string_equal(x.unit, "GJ");
    assert_float_equal(emission_kgco2(&x, 10000), 631.0, 1e-9);
    /* No coal row here: refused, never a guessed factor. */
    assert_int_equal(emission_factor_for(&f, ES_COAL, 2024, &x, &e), -1);
    /* Quantities. */
    assert_true(emission_quantity_parse("12.5", &q));
    assert_int_equal(q, 12500);
    assert_true(emission_quantity_parse("7", &q));
    assert_int_equal(q, 7000);
    assert_false(emission_quantity_parse("-1", &q));
    assert_false(emission_quantity_parse("1.2345", &q));
    assert_false(emission_quantity_parse("1.", &q));
    assert_false(emission_quantity_parse("", &q));
    assert_int_equal(emission_fy_parse("2024-25"), 2024);
    assert_int_equal(emission_fy_parse("2024-26"), -1);
}

static void test_footprint_which_counts(void **state)
{
    struct emission_factors f;
    struct footprint fp;
    struct err e;
    struct energy_decl d[] = {
        {1, 2022, ES_ELECTRICITY, 1000000, false, "2024-01-01T00:00:00Z"},  /* older year */
        {1, 2024, ES_ELECTRICITY, 5000000, false, "2025-06-01T00:00:00Z"},  /* feed */
        {1, 2024, ES_ELECTRICITY, 4000000, true, "2025-05-01T00:00:00Z"},   /* portal: wins */
        {1, 2024, ES_DIESEL, 1000000, false, "2025-06-01T00:00:00Z"},
    };

    (void)state;
    assert_int_equal(emission_factors_parse(grid, sizeof grid - 1, fuel, sizeof fuel - 1, &f, &e), 0);
    /* Turnover ₹50 lakh = 5e8 paise. 4,000 kWh x 0.8 = 3.2 t; diesel 3.186 t. */
    assert_int_equal(footprint_compute(&f, d, 4, 500000000, &fp, &e), 0);
    assert_true(fp.declared);
    assert_int_equal(fp.fy, 2024);
    assert_int_equal(fp.line[ES_ELECTRICITY].decl.quantity_milli, 4000000);
    assert_float_equal(fp.tco2, 3.2 + 3.186, 1e-9);
    assert_true(fp.intensity_known);
    assert_float_equal(fp.tco2_per_lakh, (3.2 + 3.186) / 50.0, 1e-12);
    assert_int_equal(footprint_compute(&f, d, 0, 0, &fp, &e), 0);
    assert_false(fp.declared);
}

static void test_benchmarks_suppressed(void **state)
{
    struct sustain_unit u[9] = {0};
    struct sector_benchmark *b;
    size_t n;
    struct err e;
    const double a[] = {0.5, 0.1, 0.3, 0.2, 0.4};

    (void)state;
    for (int i = 0; i < 5; i++)
        u[i] = (struct sustain_unit){i + 1, "24", true, a[i], 1};
    for (int i = 5; i < 9; i++)
        u[i] = (struct sustain_unit){i + 1, "10", true, 0.01 * i, 1};
    assert_int_equal(sustainability_benchmarks(u, 9, &b, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(b[0].division, "10");
    assert_true(b[0].q.suppressed);           /* four units */
    assert_string_equal(b[1].division, "24");
    assert_false(b[1].q.suppressed);
    assert_float_equal(b[1].q.q1, 0.2, EPS);
    assert_float_equal(b[1].q.median, 0.3, EPS);
    assert_float_equal(b[1].q.q3, 0.4, EPS);
    mem_free(b);
    /* Rank in division 24: 0.3 has 2 below, 1 equal (itself) -> 50. */
    assert_float_equal(sustainability_rank(u, 9, &u[2]), 50.0, EPS);
    assert_float_equal(sustainability_rank(u, 9, &u[6]), -1, EPS); /* withheld */
}

static void test_tables_load(void **state)
{
    struct insight_tables *t = mem_calloc(1, sizeof *t);
    struct emission_factors f;
    struct err e;
    static const char bad[] = "programme,component,component_hi,assistance,rate_pct,cap_rs,"
                              "cap_per,who,confirmed,scheme_file,source\nmda,x,x,x,150,1,event,msme,1,mda,s\n";

    (void)state;
    assert_non_null(t);
    assert_int_equal(insight_tables_load(t, &e), 0);
    assert_true(t->n_fairs >= 5);
    assert_int_equal(t->n_targets, 3);
    assert_float_equal(t->targets[0].share_pct, 25, EPS);
    assert_true(t->targets[0].progress_confirmed);     /* 2023-24: 36.06% */
    assert_float_equal(t->targets[0].achieved_pct, 36.06, EPS);
    assert_false(t->targets[1].progress_confirmed);    /* SC/ST: not cited */
    assert_true(t->n_esg >= 5);
    assert_int_equal(insight_tables_parse_fairs(t, bad, sizeof bad - 1, &e), -1);
    assert_int_equal(emission_factors_load(&f, &e), 0);
    assert_true(f.n_grid >= 5);
    assert_true(f.fuel[ES_DIESEL].known);
    mem_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percentile_ties),     cmocka_unit_test(test_quartiles),
        cmocka_unit_test(test_peer_widening),       cmocka_unit_test(test_market_metric_widens),
        cmocka_unit_test(test_qualifies),           cmocka_unit_test(test_emission_arithmetic),
        cmocka_unit_test(test_footprint_which_counts), cmocka_unit_test(test_benchmarks_suppressed),
        cmocka_unit_test(test_tables_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
