/* The batch evaluator gives exactly the statuses of one-profile
 * evaluation, for a varied population, on one thread and on several. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/ident.h"
#include "core/money.h"
#include "core/refdata.h"
#include "core/rng.h"
#include "rules/batch.h"
#include "rules/eligibility.h"

#define N 3000

struct fixture {
    struct refdata *ref;
    struct catalog *cat;
    struct batch_columns *cols;
    struct enterprise *ents;
    int8_t *cluster;        /* per enterprise: 0 no cluster facts, 1 in a traditional cluster, -1 in another */
};

/* The cluster facts the cluster feed gives (batch_columns_set_cluster),
 * as a profile carries them. */
static void cluster_of(int i, char id[16])
{
    snprintf(id, 16, "CL-%d", i % 5);
}

static void random_enterprise(const struct refdata *ref, struct rng *r, int i, struct enterprise *e)
{
    const struct district_info *d = &ref->districts[rng_below(r, ref->n_districts)];

    enterprise_init(e);
    e->id = i + 1;
    snprintf(e->udyam, sizeof e->udyam, "UDYAM-MH-26-%07d", i);
    if (rng_chance(r, 0.7))
        snprintf(e->pan, sizeof e->pan, "AAAP%c%04dK", 'A' + (int)rng_below(r, 26), 1 + i % 9999);
    if (e->pan[0] && rng_chance(r, 0.5)) {
        char g[15];
        snprintf(g, sizeof g, "%02d%.10s1Z", d->gst_state, e->pan);
        memcpy(e->gstins[0], g, 14);
        e->gstins[0][14] = gstin_check_char(g);
        e->n_gstins = 1;
    }
    snprintf(e->name, sizeof e->name, "Unit %d", i);
    e->constitution = rng_chance(r, 0.1) ? -1 : (int)rng_below(r, 10);
    e->social_category = rng_chance(r, 0.1) ? -1 : (int)rng_below(r, 4);
    e->owner_gender = rng_chance(r, 0.1) ? -1 : (int)rng_below(r, 3);
    e->owner_disabled = rng_chance(r, 0.2) ? -1 : (int)rng_below(r, 2);
    e->activity = rng_chance(r, 0.1) ? -1 : (int)rng_below(r, 3);
    e->area = rng_chance(r, 0.1) ? -1 : (int)rng_below(r, 2);
    if (rng_chance(r, 0.9))
        date_from_ymd(1995 + (int)rng_below(r, 30), 1 + (int)rng_below(r, 12), 1 + (int)rng_below(r, 28),
                      &e->commenced_on);
    snprintf(e->nic, sizeof e->nic, "%02d%03d", 10 + (int)rng_below(r, 20), (int)rng_below(r, 1000));
    e->state = d->gst_state;
    snprintf(e->district, sizeof e->district, "%s", rng_chance(r, 0.05) ? "NOWHERE" : d->name);
    e->investment = (int64_t)rng_below(r, 300) * MONEY_LAKH / 10;
    e->turnover = (int64_t)rng_below(r, 2000) * MONEY_LAKH / 10;
    e->exports = rng_chance(r, 0.2) ? -1 : e->turnover / (int64_t)(1 + rng_below(r, 10));
    e->employees_male = rng_chance(r, 0.2) ? -1 : (int64_t)rng_below(r, 50);
    e->content_hash = enterprise_content_hash(e);
}

static enum status one_by_one(const struct fixture *fx, const struct enterprise *e, size_t s,
                              const struct batch_options *o)
{
    struct profile p;
    struct facts f;
    struct scheme_result r;
    size_t i = (size_t)(e - fx->ents);

    profile_init(&p);
    assert_int_equal(enterprise_to_profile(e, &p), 0);
    if (fx->cluster[i] != 0) {
        char id[16];
        cluster_of((int)i, id);
        assert_int_equal(profile_set_string(&p, PF_CLUSTER_ID, id), 0);
        if (fx->cluster[i] == 1)
            profile_set_int(&p, PF_TRADITIONAL, 1);
    }
    if (o->need_purpose)
        profile_set_int(&p, PF_NEED_PURPOSE, profile_enum_index(PF_NEED_PURPOSE, o->need_purpose));
    if (o->need_amount >= 0)
        profile_set_int(&p, PF_NEED_AMOUNT, o->need_amount);
    facts_build(fx->ref, &p, o->as_of, &f);
    eligibility_scheme(&fx->cat->schemes[s], &f, &r);
    profile_clear(&p);
    return r.status;
}

static void compare_on(void **state, int year, int threads, const char *purpose, int64_t amount)
{
    struct fixture *fx = *state;
    struct batch_options o = {0, threads, purpose, amount};
    uint8_t *status = malloc((size_t)N * fx->cat->n);
    struct batch_counts *counts = calloc(fx->cat->n, sizeof *counts);
    struct err e;
    size_t mismatches = 0, total = 0;

    date_from_ymd(year, 6, 1, &o.as_of);
    assert_int_equal(batch_evaluate(fx->cat, fx->ref, fx->cols, &o, status, counts, &e), 0);
    for (size_t i = 0; i < N; i++) {
        for (size_t s = 0; s < fx->cat->n; s++) {
            enum status want = one_by_one(fx, &fx->ents[i], s, &o);
            if (status[i * fx->cat->n + s] != want && mismatches++ < 5)
                print_error("enterprise %zu, scheme %s: batch %d, single %d\n", i,
                            fx->cat->schemes[s].id, status[i * fx->cat->n + s], want);
        }
    }
    for (size_t s = 0; s < fx->cat->n; s++)
        total += counts[s].eligible + counts[s].ineligible + counts[s].unknown;
    assert_int_equal(total, (size_t)N * fx->cat->n);
    assert_int_equal(mismatches, 0);
    free(status);
    free(counts);
}

static void compare(void **state, int threads, const char *purpose, int64_t amount)
{
    compare_on(state, 2025, threads, purpose, amount);
}

static void test_one_thread_unknown_need(void **state) { compare(state, 1, NULL, -1); }
static void test_two_threads_working_capital(void **state) { compare(state, 2, "working_capital", 10 * MONEY_LAKH); }
static void test_four_threads_new_unit(void **state) { compare(state, 4, "new_unit", 15 * MONEY_LAKH); }
/* SFURTI and MSE-CDP read the cluster facts: some rows have them. */
/* Eligible for `scheme` at an infrastructure need of `amount`. */
static size_t eligible_for(const struct fixture *fx, const char *scheme, int64_t amount)
{
    struct batch_options o = {0, 2, "infrastructure", amount};
    struct batch_counts *counts = calloc(fx->cat->n, sizeof *counts);
    struct err e;
    size_t n = 0;

    date_from_ymd(2025, 6, 1, &o.as_of);
    assert_int_equal(batch_evaluate(fx->cat, fx->ref, fx->cols, &o, NULL, counts, &e), 0);
    for (size_t s = 0; s < fx->cat->n; s++)
        if (strcmp(fx->cat->schemes[s].id, scheme) == 0)
            n = counts[s].eligible;
    free(counts);
    return n;
}

/* SFURTI (₹1 crore of hard interventions) and MSE-CDP (₹6 crore) read
 * the cluster facts, which a third of the rows have: the statuses agree
 * with one-by-one evaluation, and some are proven eligible, which without
 * the cluster facts none could be. */
static void test_two_threads_infrastructure(void **state)
{
    compare(state, 2, "infrastructure", 100 * MONEY_LAKH);
    compare(state, 2, "infrastructure", 600 * MONEY_LAKH);
    assert_true(eligible_for(*state, "sfurti", 100 * MONEY_LAKH) > 0);
    assert_true(eligible_for(*state, "mse_cdp", 600 * MONEY_LAKH) > 0);
}

static int setup(void **state)
{
    static struct fixture fx;
    struct rng r;
    struct err e;

    if (refdata_load(&fx.ref, &e) != 0 || catalog_load(NULL, &fx.cat, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    fx.cols = batch_columns_new(fx.ref);
    fx.ents = calloc(N, sizeof *fx.ents);
    fx.cluster = calloc(N, sizeof *fx.cluster);
    rng_seed(&r, 5, 0);
    for (int i = 0; i < N; i++) {
        random_enterprise(fx.ref, &r, i, &fx.ents[i]);
        if (batch_columns_add(fx.cols, &fx.ents[i]) != 0)
            return -1;
        if (i % 3 == 0) {   /* a third are cluster members, half of them in a traditional cluster */
            char id[16];
            fx.cluster[i] = i % 2 ? 1 : -1;
            cluster_of(i, id);
            if (batch_columns_set_cluster(fx.cols, (size_t)i, id, fx.cluster[i]) != 0)
                return -1;
        }
    }
    *state = &fx;
    return 0;
}

/* Before the 2020 limits (class needs the activity), some schemes not yet
 * in force, and a need that fails every ceiling: the run-wide rules the
 * batch decides once must give the per-profile answers. */
static void test_2019_need_beyond_every_ceiling(void **state)
{
    compare_on(state, 2019, 2, "machinery", 500 * MONEY_CRORE);
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    batch_columns_free(fx->cols);
    catalog_free(fx->cat);
    refdata_free(fx->ref);
    free(fx->ents);
    free(fx->cluster);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_thread_unknown_need),
        cmocka_unit_test(test_two_threads_working_capital),
        cmocka_unit_test(test_four_threads_new_unit),
        cmocka_unit_test(test_two_threads_infrastructure),
        cmocka_unit_test(test_2019_need_beyond_every_ceiling),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
