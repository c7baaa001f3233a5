/* Merger what-ifs (analytics/simulate.c) on populations small enough to
 * work by hand: a merged scheme's pool, budget allocation with a
 * reservation, the protected-share fall flag, and the burden union over
 * the real catalogue. The arithmetic is in the comments. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "analytics/simulate_input.h"
#include "core/arena.h"
#include "core/enterprise.h"
#include "core/profile.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "near.h"
#include "rules/catalog.h"
#include "rules/scheme.h"

#define W (1u << SG_WOMEN)
#define T (1u << SG_TRADITIONAL)

static bool known_xy(void *ctx, const char *id)
{
    (void)ctx;
    return strcmp(id, "x") == 0 || strcmp(id, "y") == 0 || strcmp(id, "z") == 0;
}

static void parse(struct arena *a, const char *yaml, struct scenario *sc)
{
    struct err e = {0};
    int rc = scenario_parse(a, "t.yaml", yaml, strlen(yaml), known_xy, NULL, sc, &e);
    if (rc != 0)
        fail_msg("parse: %s", e.msg);
}

#define HEAD "id: t\ntitle: T\ntitle_hi: टी\nas_of: 2025-06-01\nsources: [https://example.org]\n"

/* Per enterprise (x, y): x's pool {0,1,2} (2 unknown), y's {2,3,4} (4
 * unknown); 5 in neither. Before: distinct 5, summed 3 + 3 = 6. After
 * merging y into x: the union {0,1,2,3,4} = 5, of which eligible for sure
 * {0,1} by x and {2,3} by y = 4. */
static void test_merge_is_union_of_pools(void **state)
{
    static const uint8_t status[6 * 2] = {
        ST_ELIGIBLE, ST_INELIGIBLE,     /* 0 */
        ST_ELIGIBLE, ST_INELIGIBLE,     /* 1 */
        ST_UNKNOWN, ST_ELIGIBLE,        /* 2 */
        ST_INELIGIBLE, ST_ELIGIBLE,     /* 3 */
        ST_INELIGIBLE, ST_UNKNOWN,      /* 4 */
        ST_INELIGIBLE, ST_INELIGIBLE,   /* 5 */
    };
    static const uint8_t groups[6] = {0, 0, 0, 0, 0, 0};
    struct sim_population pop = {6, 2, groups, status, NULL};
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    parse(a, HEAD "budget: {x: 100, y: 100}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - merge: {into: x, from: [y]}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_int_equal(sim.n_before, 2);
    assert_int_equal(sim.n_units, 3);
    assert_int_equal(sim.units[0].eligible, 3);
    assert_int_equal(sim.units[0].eligible_certain, 2);
    assert_int_equal(sim.units[1].eligible, 3);
    assert_int_equal(sim.units[1].eligible_certain, 2);
    assert_int_equal(sim.before.eligible, 5);
    assert_int_equal(sim.before.eligible_sum, 6);
    assert_int_equal(sim.units[2].eligible, 5);
    assert_int_equal(sim.units[2].eligible_certain, 4);
    assert_int_equal(sim.after.eligible, 5);
    assert_int_equal(sim.units[2].budget, 20000);     /* ₹200 in paise */
    /* Before: each ₹100 ÷ ₹10 buys 10 but only 3 apply: 3 + 3. After:
     * ₹200 ÷ ₹10 = 20, 5 apply: 5 (the union is served once). */
    assert_near(sim.before.beneficiaries, 6, 1e-9);
    assert_near(sim.after.beneficiaries, 5, 1e-9);
    assert_int_equal(sim.after.cost, 5000);
    arena_free(a);
}

/* 100 applicants: 10 traditional (cell T), 90 not. ₹200 at ₹10 buys 20.
 * Without a reservation 20 × 10/100 = 2 traditional (share 0.1). With 25%
 * reserved: ₹50 buys 5 traditional first; ₹150 buys 15 of the 95 left,
 * 15 × 5/95 of them traditional: 5 + 0.7895 = 5.7895 of 20. */
static void test_allocation_honours_a_reservation(void **state)
{
    double pool[SIM_CELLS] = {0}, served[SIM_CELLS];
    struct sim_reservation r = {SG_TRADITIONAL, 0.25, 0, 0, false};

    (void)state;
    pool[0] = 90;
    pool[T] = 10;
    simulate_allocate(pool, 20000, 1000, 1.0, NULL, 0, served);
    assert_near(served[T], 2, 1e-9);
    assert_near(served[0], 18, 1e-9);
    simulate_allocate(pool, 20000, 1000, 1.0, &r, 1, served);
    assert_near(served[T], 5 + 15.0 * 5 / 95, 1e-9);
    assert_near(served[0] + served[T], 20, 1e-9);
    assert_int_equal(r.required, 5000);
    assert_int_equal(r.allocated, 5000);
    assert_true(r.honoured);
    /* 60% reserved wants 12 traditional; only 10 exist: not honoured, and
     * the ₹20 they could not use goes to everyone else (all 20 served). */
    r.share = 0.6;
    simulate_allocate(pool, 20000, 1000, 1.0, &r, 1, served);
    assert_near(served[T], 10, 1e-9);
    assert_near(served[0], 10, 1e-9);
    assert_int_equal(r.required, 12000);
    assert_int_equal(r.allocated, 10000);
    assert_false(r.honoured);
    /* take-up halves the applicants: 5 traditional can apply. */
    r.share = 0.25;
    simulate_allocate(pool, 20000, 1000, 0.5, &r, 1, served);
    assert_near(served[T], 5, 1e-9);
    assert_near(served[0] + served[T], 20, 1e-9);
}

/* x: 2 women-owned units, ₹20 at ₹10: both served. y: 6 others, ₹20: 2
 * served. Before the women's share is 2/4 = 0.5. Merged (₹40 at ₹10, 8
 * applicants): 4 served, 4 × 2/8 = 1 woman: 0.25, a fall. With half the
 * budget reserved for women: 2 women first, then 2 of the 6 others: 0.5. */
static void test_share_fall_is_flagged(void **state)
{
    uint8_t status[8 * 2], groups[8];
    struct sim_population pop = {8, 2, groups, status, NULL};
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    for (int i = 0; i < 8; i++) {
        groups[i] = i < 2 ? W : 0;
        status[i * 2] = i < 2 ? ST_ELIGIBLE : ST_INELIGIBLE;
        status[i * 2 + 1] = i < 2 ? ST_INELIGIBLE : ST_ELIGIBLE;
    }
    parse(a, HEAD "budget: {x: 20, y: 20}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - merge: {into: y, from: [x]}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_near(sim.groups[SG_WOMEN].before_share, 0.5, 1e-9);
    assert_near(sim.groups[SG_WOMEN].after_share, 0.25, 1e-9);
    assert_true(sim.groups[SG_WOMEN].falls);
    assert_false(sim.groups[SG_RURAL].falls);         /* 0 -> 0 */
    parse(a, HEAD "budget: {x: 20, y: 20}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - merge: {into: y, from: [x]}\n"
                  "  - reserve: {scheme: y, group: women, share: 0.5}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_near(sim.groups[SG_WOMEN].after_share, 0.5, 1e-9);
    assert_false(sim.groups[SG_WOMEN].falls);
    assert_true(sim.units[2].res[0].honoured);
    /* A drop within the tolerance is not a fall: 0.5 -> 0.25 with 0.3. */
    parse(a, HEAD "tolerance: 0.3\nbudget: {x: 20, y: 20}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - merge: {into: y, from: [x]}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_false(sim.groups[SG_WOMEN].falls);
    arena_free(a);
}

/* Narrowing x to women before the merge keeps only x's women in the pool. */
static void test_narrow_limits_a_member(void **state)
{
    uint8_t status[4 * 2] = {ST_ELIGIBLE, ST_INELIGIBLE, ST_ELIGIBLE, ST_INELIGIBLE,
                             ST_INELIGIBLE, ST_ELIGIBLE, ST_INELIGIBLE, ST_INELIGIBLE};
    uint8_t groups[4] = {W, 0, 0, 0};
    struct sim_population pop = {4, 2, groups, status, NULL};
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    parse(a, HEAD "budget: {x: 100, y: 100}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - narrow: {scheme: x, group: women}\n  - merge: {into: y, from: [x]}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_int_equal(sim.before.eligible, 3);         /* 0, 1 (x) and 2 (y) */
    assert_int_equal(sim.after.eligible, 2);          /* 0 (x, woman) and 2 (y) */
    arena_free(a);
}

/* SFURTI asks 5 fields and 6 documents; MSE-CDP the same 5 fields and
 * those 6 documents plus the State Government's recommendation. Apart:
 * 10 fields, 13 documents; merged: 5 and 7. */
static void test_burden_is_the_union(void **state)
{
    static const char yaml[] = HEAD "budget: {sfurti: 100, mse_cdp: 100}\n"
                                    "unit_benefit: {sfurti: 10, mse_cdp: 10}\n"
                                    "actions:\n  - merge: {into: mse_cdp, from: [sfurti]}\n";
    uint8_t status[2] = {ST_ELIGIBLE, ST_ELIGIBLE}, groups[1] = {0};
    struct sim_population pop = {1, 2, groups, status, NULL};
    struct catalog *cat;
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    assert_int_equal(catalog_load(NULL, &cat, &e), 0);
    assert_int_equal(scenario_parse(a, "t.yaml", yaml, strlen(yaml), simulate_known_scheme, cat, &sc, &e), 0);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_int_equal(simulate_burden(cat, &sim, &e), 0);
    assert_int_equal(catalog_find(cat, "sfurti")->n_fields, 5);
    assert_int_equal(catalog_find(cat, "sfurti")->n_documents, 6);
    assert_int_equal(catalog_find(cat, "mse_cdp")->n_documents, 7);
    assert_int_equal(sim.before.fields, 10);
    assert_int_equal(sim.before.documents, 13);
    assert_int_equal(sim.after.fields, 5);
    assert_int_equal(sim.after.documents, 7);
    catalog_free(cat);
    arena_free(a);
}

/* A merged scheme pays what its members paid per beneficiary: ₹100 at ₹10
 * (10) and ₹100 at ₹50 (2) bought 12 for ₹200, so ₹16.67 each. */
static void test_merged_unit_benefit(void **state)
{
    uint8_t status[2] = {ST_ELIGIBLE, ST_ELIGIBLE}, groups[1] = {0};
    struct sim_population pop = {1, 2, groups, status, NULL};
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    parse(a, HEAD "budget: {x: 100, y: 100}\nunit_benefit: {x: 10, y: 50}\n"
                  "actions:\n  - merge: {into: x, from: [y]}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_int_equal(sim.units[2].unit_benefit, 1667);
    arena_free(a);
}

/* Three schemes, merged in steps that move units about: x into z, then y
 * into z; a set on z before the second merge is re-derived by it, and a
 * take-up set on the merged z after it stays. Budgets add (₹60); the
 * benefit is ₹60 ÷ (10/10 + 20/10 + 30/10) = ₹10. */
static void test_merges_in_steps(void **state)
{
    uint8_t status[3 * 3], groups[3] = {0, 0, 0};
    struct sim_population pop = {3, 3, groups, status, NULL};
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    for (int i = 0; i < 9; i++)
        status[i] = i % 4 == 0 ? ST_ELIGIBLE : ST_INELIGIBLE;   /* enterprise i in scheme i only */
    parse(a, HEAD "budget: {x: 10, y: 20, z: 30}\nunit_benefit: {x: 10, y: 10, z: 10}\n"
                  "take_up: {x: 0.5}\n"
                  "actions:\n  - merge: {into: z, from: [x]}\n"
                  "  - set: {scheme: z, param: unit_benefit, value: 99}\n"
                  "  - merge: {into: z, from: [y]}\n"
                  "  - set: {scheme: x, param: take_up, value: 0.25}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_int_equal(sim.n_units, 4);
    assert_int_equal(sim.units[3].members, 7u);
    assert_int_equal(sim.units[3].budget, 6000);
    assert_int_equal(sim.units[3].unit_benefit, 1000);
    assert_near(sim.units[3].take_up, 0.25, 1e-12);   /* x is held by z: the set lands there */
    assert_int_equal(sim.units[3].eligible, 3);
    assert_near(sim.after.beneficiaries, 0.75, 1e-9);  /* 3 × 0.25 applicants, money for 6 */
    /* before: x 1 × 0.5, y 1, z 1 */
    assert_near(sim.before.beneficiaries, 2.5, 1e-9);
    arena_free(a);
}

/* --- through the batch evaluator, over the real catalogue ------------------------ */

struct world {
    struct refdata *ref;
    struct catalog *cat;
    struct batch_columns *cols;
    struct arena *a;
    struct scenario sc;
    struct sim_input in;
    struct simulation sim;
};

static void world_open(struct world *w)
{
    struct err e;

    memset(w, 0, sizeof *w);
    assert_int_equal(refdata_load(&w->ref, &e), 0);
    assert_int_equal(catalog_load(NULL, &w->cat, &e), 0);
    assert_non_null(w->cols = batch_columns_new(w->ref));
    assert_non_null(w->a = arena_new(4096));
}

/* An enterprise in Pune (27) of the given activity and constitution. */
static void add_unit(struct world *w, int64_t id, const char *activity, const char *constitution)
{
    struct enterprise en;

    enterprise_init(&en);
    en.id = id;
    en.state = 27;
    snprintf(en.district, sizeof en.district, "Pune");
    en.activity = profile_enum_index(PF_ACTIVITY, activity);
    en.constitution = profile_enum_index(PF_CONSTITUTION, constitution);
    assert_int_equal(batch_columns_add(w->cols, &en), 0);
}

static void world_run(struct world *w, const char *yaml)
{
    struct err e = {0};
    struct sim_population pop;

    if (scenario_parse(w->a, "t.yaml", yaml, strlen(yaml), simulate_known_scheme, w->cat, &w->sc, &e) != 0
        || scenario_resolve(w->a, &w->sc, w->cat, &e) != 0
        || simulate_input_build(w->cat, w->ref, w->cols, NULL, 0, &w->sc, 1, &w->in, &e) != 0)
        fail_msg("%s", e.msg);
    pop = simulate_input_population(&w->in);
    assert_int_equal(simulate_run(&w->sc, &pop, &w->sim, &e), 0);
    assert_int_equal(simulate_burden(w->cat, &w->sim, &e), 0);
}

static void world_close(struct world *w)
{
    simulate_input_release(&w->in);
    batch_columns_free(w->cols);
    catalog_free(w->cat);
    refdata_free(w->ref);
    arena_free(w->a);
}

/* PMEGP for a new unit of ₹25 lakh. Its ceiling is ₹50 lakh for
 * manufacturing and ₹20 lakh otherwise; applicants are proprietors, SHGs,
 * societies, co-operatives and trusts (owner's age and education, and
 * past PMEGP, are not in the columns: unknown, so in the pool).
 *   1 manufacturing proprietorship  in (₹25 lakh ≤ ₹50 lakh)
 *   2 services proprietorship       out (> ₹20 lakh)
 *   3 services private company      out (not an applicant type)
 *   4 trading proprietorship        out (> ₹20 lakh: trading takes the services ceiling)
 *   5 services SHG                  out (> ₹20 lakh)
 *   6 manufacturing public company  out (not an applicant type)
 * Raising ceiling_services to ₹30 lakh brings in 2, 4 and 5: pool 1 → 4.
 * To ₹24 lakh, nobody: still 1. */
static void test_rule_param_changes_the_pool(void **state)
{
    static const char *const units[][2] = {{"manufacturing", "proprietorship"}, {"services", "proprietorship"},
                                           {"services", "private_company"}, {"trading", "proprietorship"},
                                           {"services", "shg"}, {"manufacturing", "public_company"}};
    static const char yaml[] = HEAD "budget: {pmegp: 100000000}\nunit_benefit: {pmegp: 250000}\n"
                                    "need: {pmegp: {purpose: new_unit, amount: 2500000}}\n"
                                    "actions:\n  - set: {scheme: pmegp, rule_param: ceiling_services, value: %s}\n";
    static const struct { const char *value; size_t after; } cases[] = {{"30 lakh", 4}, {"24 lakh", 1}, {"25 lakh", 4}};

    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        struct world w;
        char text[1024];
        world_open(&w);
        for (size_t i = 0; i < 6; i++)
            add_unit(&w, (int64_t)i + 1, units[i][0], units[i][1]);
        snprintf(text, sizeof text, yaml, cases[c].value);
        world_run(&w, text);
        assert_int_equal(w.sim.units[0].eligible, 1);
        assert_int_equal(w.sim.units[1].eligible, cases[c].after);
        assert_int_equal(w.sim.after.eligible, cases[c].after);
        assert_int_equal(w.sim.units[1].eligible_certain, 0);   /* age, education: unknown */
        /* the budget (₹10 crore ÷ ₹2.5 lakh = 400) covers everyone: served = pool */
        assert_near(w.sim.units[1].beneficiaries, (double)cases[c].after, 1e-9);
        world_close(&w);
    }
}

/* SFURTI for infrastructure of ₹25 lakh (the Government's 90% is within
 * the ₹2.5 crore cluster budget); three societies: 1 a member of a
 * traditional cluster, 2 of a cluster the feed does not mark traditional,
 * 3 in no cluster the feed knows. Only 1 is proven eligible: 2's
 * traditional industry and 3's cluster stay unknown (in the pool, not
 * certain). Before this the columns had no cluster facts and none was
 * certain. */
static void test_cluster_facts_prove_eligibility(void **state)
{
    static const char yaml[] = HEAD "budget: {sfurti: 100000000}\nunit_benefit: {sfurti: 44000}\n"
                                    "need: {sfurti: {purpose: infrastructure, amount: 2500000}}\nactions: []\n";
    struct world w;

    (void)state;
    world_open(&w);
    for (int i = 1; i <= 3; i++)
        add_unit(&w, i, "manufacturing", "society");
    assert_int_equal(batch_columns_set_cluster(w.cols, 0, "UP-LKO-CHIKAN", 1), 0);
    assert_int_equal(batch_columns_set_cluster(w.cols, 1, "MH-PUN-AUTO", -1), 0);
    assert_int_not_equal(batch_columns_set_cluster(w.cols, 3, "X", 1), 0);   /* no row 3 */
    world_run(&w, yaml);
    assert_int_equal(w.sim.units[0].eligible, 3);
    assert_int_equal(w.sim.units[0].eligible_certain, 1);
    assert_int_equal(w.in.status[0], ST_ELIGIBLE);
    assert_int_equal(w.in.status[1], ST_UNKNOWN);
    assert_int_equal(w.in.status[2], ST_UNKNOWN);
    assert_int_equal(w.in.groups[0], 1u << SG_TRADITIONAL);      /* the column makes the group too */
    assert_int_equal(w.in.groups[1], 0);
    world_close(&w);
}

/* x serves women (0, 1), y men (2, 3); ₹20 each at ₹10: before, 2 + 2
 * served, women's share 1/2. A component of x with half its budget (₹10)
 * moves to y: x can pay for 1 woman, y has ₹30 for its 2 men (₹10
 * unspent). After: 3 served, women 1/3 — a fall of 1/6, flagged. */
static void test_moved_component_budget_and_fall(void **state)
{
    static const uint8_t status[4 * 2] = {ST_ELIGIBLE, ST_INELIGIBLE, ST_ELIGIBLE, ST_INELIGIBLE,
                                          ST_INELIGIBLE, ST_ELIGIBLE, ST_INELIGIBLE, ST_ELIGIBLE};
    static const uint8_t groups[4] = {W, W, 0, 0};
    struct sim_population pop = {4, 2, groups, status, NULL};
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct simulation sim;
    struct err e;

    (void)state;
    parse(a, HEAD "budget: {x: 20, y: 20}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - move_component: {from: x, into: y, share: 0.5}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_int_equal(sim.units[2].budget, 1000);
    assert_int_equal(sim.units[2].moved_out, 1000);
    assert_int_equal(sim.units[3].budget, 3000);
    assert_int_equal(sim.units[3].moved_in, 1000);
    assert_near(sim.units[2].beneficiaries, 1, 1e-9);
    assert_near(sim.units[3].beneficiaries, 2, 1e-9);
    assert_int_equal(sim.after.budget, 4000);                  /* moved, not lost */
    assert_int_equal(sim.after.cost, 3000);
    assert_near(sim.groups[SG_WOMEN].before_share, 0.5, 1e-12);
    assert_near(sim.groups[SG_WOMEN].after_share, 1.0 / 3, 1e-12);
    assert_true(sim.groups[SG_WOMEN].falls);
    /* a tenth only: x keeps ₹18 (1.8 women), y ₹22 for 2 men: 1.8/3.8 = 0.4737, still a fall */
    parse(a, HEAD "budget: {x: 20, y: 20}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - move_component: {from: x, into: y, share: 0.1}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_near(sim.groups[SG_WOMEN].after_share, 1.8 / 3.8, 1e-12);
    assert_true(sim.groups[SG_WOMEN].falls);
    /* with a tolerance of 0.03 the 0.0263 fall is within it */
    parse(a, HEAD "tolerance: 0.03\nbudget: {x: 20, y: 20}\nunit_benefit: {x: 10, y: 10}\n"
                  "actions:\n  - move_component: {from: x, into: y, share: 0.1}\n", &sc);
    assert_int_equal(simulate_run(&sc, &pop, &sim, &e), 0);
    assert_false(sim.groups[SG_WOMEN].falls);
    arena_free(a);
}

/* PMEGP asks 7 fields and 10 documents, ESDP 2 and 4 (education
 * certificate, photograph, Aadhaar and caste certificate are on both).
 * Before: 9 fields, 14 documents. Moving the EDP training component to
 * ESDP takes project_cost, education_certificate and photograph off
 * PMEGP's form: after, PMEGP 6 and 8, ESDP 2 and 4: 8 fields, 12
 * documents. A quarter of PMEGP's ₹100 moves with it. */
static void test_moved_component_burden(void **state)
{
    static const char yaml[] = HEAD "budget: {pmegp: 100, esdp: 40}\nunit_benefit: {pmegp: 10, esdp: 5}\n"
                                    "actions:\n  - move_component: {from: pmegp, into: esdp, share: 0.25,"
                                    " fields: [project_cost], documents: [education_certificate, photograph]}\n";
    struct world w;

    (void)state;
    world_open(&w);
    add_unit(&w, 1, "manufacturing", "proprietorship");
    world_run(&w, yaml);
    assert_int_equal(catalog_find(w.cat, "pmegp")->n_fields, 7);
    assert_int_equal(catalog_find(w.cat, "pmegp")->n_documents, 10);
    assert_int_equal(catalog_find(w.cat, "esdp")->n_fields, 2);
    assert_int_equal(catalog_find(w.cat, "esdp")->n_documents, 4);
    assert_int_equal(w.sim.before.fields, 9);
    assert_int_equal(w.sim.before.documents, 14);
    assert_int_equal(w.sim.units[2].fields, 6);
    assert_int_equal(w.sim.units[2].documents, 8);
    assert_int_equal(w.sim.after.fields, 8);
    assert_int_equal(w.sim.after.documents, 12);
    assert_int_equal(w.sim.units[2].budget, 7500);
    assert_int_equal(w.sim.units[3].budget, 6500);
    world_close(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_is_union_of_pools),
        cmocka_unit_test(test_allocation_honours_a_reservation),
        cmocka_unit_test(test_share_fall_is_flagged),
        cmocka_unit_test(test_narrow_limits_a_member),
        cmocka_unit_test(test_burden_is_the_union),
        cmocka_unit_test(test_merged_unit_benefit),
        cmocka_unit_test(test_merges_in_steps),
        cmocka_unit_test(test_rule_param_changes_the_pool),
        cmocka_unit_test(test_cluster_facts_prove_eligibility),
        cmocka_unit_test(test_moved_component_budget_and_fall),
        cmocka_unit_test(test_moved_component_burden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
