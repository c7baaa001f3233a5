/* The Fellegi-Sunter model: EM recovers known m, u and the match share
 * from comparison vectors simulated under the model, without labels; an
 * explanation's field weights and prior add up to the match weight; a
 * rare value agreeing weighs more than a common one. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/rng.h"
#include "link/fs_model.h"

static const char cfg_text[] =
    "mode: dedup\n"
    "id: id\n"
    "fields:\n"
    "  - {name: code, compare: exact}\n"
    "  - {name: name, compare: person_name, tf: true}\n"
    "  - {name: dob, compare: date}\n"
    "blocking: [code]\n";

/* True parameters: levels best first. */
static const double true_m[3][4] = {{0.92, 0.08}, {0.75, 0.15, 0.06, 0.04}, {0.80, 0.10, 0.04, 0.06}};
static const double true_u[3][4] = {{0.02, 0.98}, {0.01, 0.04, 0.15, 0.80}, {0.003, 0.01, 0.05, 0.937}};
static const double true_lambda = 0.04;

static int draw(struct rng *g, const double *p, int n)
{
    double x = rng_uniform(g), acc = 0;

    for (int i = 0; i < n; i++)
        if (x < (acc += p[i]))
            return i;
    return n - 1;
}

static void test_em_recovers(void **state)
{
    struct err e;
    struct link_config *c = link_config_load("t.yaml", cfg_text, strlen(cfg_text), &e);
    size_t n = 400000;
    uint64_t *v = mem_alloc(n * sizeof *v);
    struct fs_params p;
    struct rng g;

    (void)state;
    assert_non_null(c);
    assert_non_null(v);
    rng_seed(&g, 7, 0);
    for (size_t k = 0; k < n; k++) {
        int match = rng_uniform(&g) < true_lambda;
        v[k] = 0;
        for (int f = 0; f < 3; f++) {
            int L = c->field[f].n_levels;
            int level = rng_uniform(&g) < 0.05 ? -1 : draw(&g, match ? true_m[f] : true_u[f], L);
            v[k] |= (uint64_t)(level + 1) << (4 * f);
        }
    }
    /* Start far from the truth: u uniform, m the usual guess, λ 0.2. */
    memset(&p, 0, sizeof p);
    for (int f = 0; f < 3; f++) {
        int L = c->field[f].n_levels;
        for (int l = 0; l < L; l++)
            p.u[f][l] = 1.0 / L;
        p.m[f][0] = 0.7;
        for (int l = 1; l < L; l++)
            p.m[f][l] = 0.3 / (L - 1);
    }
    p.lambda = 0.2;
    assert_int_equal(fs_em(c, v, n, &p, &e), 0);
    assert_true(p.converged);
    assert_true(fabs(p.lambda - true_lambda) < 0.003);
    for (int f = 0; f < 3; f++)
        for (int l = 0; l < c->field[f].n_levels; l++) {
            if (fabs(p.m[f][l] - true_m[f][l]) > 0.02 || fabs(p.u[f][l] - true_u[f][l]) > 0.01)
                fail_msg("field %d level %d: m %.4f (true %.4f), u %.4f (true %.4f)", f, l, p.m[f][l],
                         true_m[f][l], p.u[f][l], true_u[f][l]);
        }
    mem_free(v);
    link_config_free(c);
}

/* Two hand-made records (cells set directly: no normalizer needed). */
static void test_explanation_sums(void **state)
{
    struct err e;
    struct link_config *c = link_config_load("t.yaml", cfg_text, strlen(cfg_text), &e);
    struct link_cell cells[4 * 3];
    struct link_records r;
    struct fs_params p;
    struct fs_explain x, rare, common;
    int32_t d;

    (void)state;
    assert_non_null(c);
    memset(&r, 0, sizeof r);
    r.cfg = c;
    r.n = 4;
    r.cell = cells;
    r.finished = true;
    assert_int_equal(date_from_ymd(1970, 5, 17, &d), 0);
    for (int i = 0; i < 4; i++) {
        cells[i * 3 + 0] = (struct link_cell){"a1", NULL, 0, {0}};
        cells[i * 3 + 1] = (struct link_cell){i < 2 ? "ravindra" : "ram", NULL, i < 2 ? 0.001f : 0.05f, {0}};
        cells[i * 3 + 2] = (struct link_cell){"19700517", NULL, 0, {.days = d + (i == 1 ? 400 : 0)}};
    }
    memset(&p, 0, sizeof p);
    for (int f = 0; f < 3; f++)
        for (int l = 0; l < c->field[f].n_levels; l++) {
            p.m[f][l] = true_m[f][l];
            p.u[f][l] = true_u[f][l];
        }
    p.lambda = true_lambda;
    p.tf_sum_sq[1] = 0.01;
    fs_explain_pair(c, &p, &r, 0, &r, 1, fs_pattern(c, &r, 0, &r, 1), &x);
    assert_int_equal(x.level[0], 0);
    assert_int_equal(x.level[1], 0);
    assert_int_equal(x.level[2], 3);   /* 400 days apart: else */
    {
        double sum = x.prior;
        for (int f = 0; f < 3; f++)
            sum += x.weight[f];
        assert_true(fabs(sum - x.total) < 1e-9);
        assert_true(fabs(x.probability - 1 / (1 + exp2(-x.total))) < 1e-12);
        assert_true(x.weight[2] < 0);
    }
    fs_explain_pair(c, &p, &r, 0, &r, 0, fs_pattern(c, &r, 0, &r, 0), &rare);
    fs_explain_pair(c, &p, &r, 2, &r, 3, fs_pattern(c, &r, 2, &r, 3), &common);
    assert_true(rare.weight[1] > common.weight[1] + 5);  /* log2(0.05/0.001) ≈ 5.6 */
    assert_true(fabs(rare.weight[1] - (log2(0.75 / 0.01) + log2(0.01 / 0.001))) < 1e-4);
    link_config_free(c);
}

/* With phonetic on, a name spelt differently but with the same skeleton
 * (a transliteration) has a level of its own, between exact and the
 * thresholds; without it, the same pair falls to a similarity level. */
static void test_phonetic_level(void **state)
{
    static const char with[] = "mode: dedup\nid: id\nfields:\n"
                               "  - {name: firm, compare: business_name, phonetic: true}\nblocking: [firm]\n";
    static const char without[] = "mode: dedup\nid: id\nfields:\n"
                                  "  - {name: firm, compare: business_name}\nblocking: [firm]\n";
    struct err e;
    struct link_config *a = link_config_load("a.yaml", with, strlen(with), &e);
    struct link_config *b = link_config_load("b.yaml", without, strlen(without), &e);
    struct link_cell latin = {"sunrise transport", "snrs trnsprt", 0, {0}};
    struct link_cell deva = {"sanraij traansaport", "snrs trnsprt", 0, {0}};
    struct link_cell other = {"sanraij tools", "snrs tls", 0, {0}};

    (void)state;
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(fs_level(&a->field[0], &latin, &latin), 0);
    assert_int_equal(fs_level(&a->field[0], &latin, &deva), 1);
    assert_true(fs_level(&b->field[0], &latin, &deva) > 0);
    assert_true(fs_level(&a->field[0], &latin, &other) > 1);   /* one word's skeleton is not enough */
    link_config_free(a);
    link_config_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_em_recovers),
        cmocka_unit_test(test_explanation_sums),
        cmocka_unit_test(test_phonetic_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
