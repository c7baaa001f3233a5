/* The boosted trees through libxgboost: they learn a rule no line can
 * (an XOR of two signs), the same seed gives the same model, TreeSHAP
 * contributions add up to the margin, and a saved model scores the same. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/metrics.h"
#include "analytics/stress_booster.h"
#include "core/alloc.h"
#include "core/rng.h"
#include "near.h"

#define COLS 4
#define TRAIN 4000
#define TEST 2000

struct data {
    float x[(TRAIN + TEST) * COLS];
    float y[TRAIN + TEST];
};

/* y = 1 when x0 and x1 have the same sign (2% of labels flipped); x2 is
 * noise, x3 noise missing on a fifth of the rows. */
static struct data *make_data(void)
{
    struct data *d = mem_alloc(sizeof *d);
    struct rng r;

    assert_non_null(d);
    rng_seed(&r, 11, 0);
    for (size_t i = 0; i < TRAIN + TEST; i++) {
        float *x = d->x + i * COLS;
        for (int j = 0; j < COLS; j++)
            x[j] = (float)(2 * rng_uniform(&r) - 1);
        if (rng_chance(&r, 0.2))
            x[3] = NAN;
        d->y[i] = (float)((x[0] > 0) == (x[1] > 0));
        if (rng_chance(&r, 0.02))
            d->y[i] = 1 - d->y[i];
    }
    return d;
}

/* One thread: OpenMP's waiting threads spin, and on a loaded machine two
 * spinning threads under ASan take ten times as long as one. Depth 3 and
 * light leaves: these tests are of the wrapper on a clean rule, not of the
 * stress model's cautious defaults (depth 2, which spends splits on the
 * noise column of so small a set). */
static void params(struct stress_booster_params *p)
{
    stress_booster_params_default(p);
    p->rounds = 60;
    p->threads = 1;
    p->max_depth = 3;
    p->min_child_weight = 5;
}

static struct stress_booster *train_with(const struct data *d, const struct stress_booster_params *p)
{
    struct stress_booster *b = NULL;
    struct err e;

    if (stress_booster_train(d->x, d->y, TRAIN, COLS, p, &b, &e) != 0)
        fail_msg("train: %s", e.msg);
    return b;
}

static struct stress_booster *train(const struct data *d)
{
    struct stress_booster_params p;

    params(&p);
    return train_with(d, &p);
}

/* One model for the tests that only read it: training is the slow part
 * (under ASan especially). */
struct fixture {
    struct data *d;
    struct stress_booster *b;
};

static int setup(void **state)
{
    static struct fixture f;

    f.d = make_data();
    f.b = train(f.d);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    stress_booster_free(f->b);
    mem_free(f->d);
    return 0;
}

static void test_learns_xor(void **state)
{
    struct fixture *f = *state;
    struct data *d = f->d;
    struct stress_booster *b = f->b;
    float margin[TEST];
    double score[TEST];
    struct metrics m;
    struct err e;

    (void)state;
    assert_int_equal(stress_booster_margin(b, d->x + TRAIN * COLS, TEST, COLS, margin, &e), 0);
    for (int i = 0; i < TEST; i++)
        score[i] = margin[i];
    assert_int_equal(metrics_compute(score, NULL, d->y + TRAIN, TEST, &m), 0);
    assert_true(m.auc > 0.9);
}

/* Two threads, where an unfixed order of work could show; few rounds, as
 * a difference would appear in the first trees. */
static void test_deterministic(void **state)
{
    struct fixture *f = *state;
    struct data *d = f->d;
    struct stress_booster_params p;
    struct stress_booster *a, *b;
    float ma[TEST], mb[TEST];
    struct err e;

    params(&p);
    p.threads = 2;
    p.rounds = 10;
    a = train_with(d, &p);
    b = train_with(d, &p);
    assert_int_equal(stress_booster_margin(a, d->x + TRAIN * COLS, TEST, COLS, ma, &e), 0);
    assert_int_equal(stress_booster_margin(b, d->x + TRAIN * COLS, TEST, COLS, mb, &e), 0);
    assert_memory_equal(ma, mb, sizeof ma);
    stress_booster_free(a);
    stress_booster_free(b);
}

static void test_contributions_sum_to_margin(void **state)
{
    struct fixture *f = *state;
    struct data *d = f->d;
    struct stress_booster *b = f->b;
    float margin[200], contrib[200 * (COLS + 1)];
    struct err e;

    assert_int_equal(stress_booster_margin(b, d->x + TRAIN * COLS, 200, COLS, margin, &e), 0);
    assert_int_equal(stress_booster_contributions(b, d->x + TRAIN * COLS, 200, COLS, contrib, &e), 0);
    for (int i = 0; i < 200; i++) {
        double sum = 0;
        for (int j = 0; j <= COLS; j++)
            sum += contrib[i * (COLS + 1) + j];
        assert_near(sum, margin[i], 1e-3);
        /* The noise columns explain far less than the two that matter. */
        assert_true(fabsf(contrib[i * (COLS + 1) + 2]) < fabsf(contrib[i * (COLS + 1) + 0])
                    + fabsf(contrib[i * (COLS + 1) + 1]));
    }
}

static void test_save_load(void **state)
{
    struct fixture *f = *state;
    struct data *d = f->d;
    struct stress_booster *b = f->b, *c = NULL;
    struct buf bytes = BUF_INIT;
    float ma[TEST], mc[TEST];
    struct err e;

    assert_int_equal(stress_booster_save(b, &bytes, &e), 0);
    assert_true(bytes.len > 100);
    assert_int_equal(bytes.data[0], '{');   /* UBJSON opens an object */
    assert_int_equal(stress_booster_load(bytes.data, bytes.len, &c, &e), 0);
    assert_int_equal(stress_booster_margin(b, d->x + TRAIN * COLS, TEST, COLS, ma, &e), 0);
    assert_int_equal(stress_booster_margin(c, d->x + TRAIN * COLS, TEST, COLS, mc, &e), 0);
    assert_memory_equal(ma, mc, sizeof ma);
    /* The loaded model knows its width. */
    assert_int_equal(stress_booster_margin(c, d->x, 10, COLS - 1, mc, &e), -1);
    assert_non_null(strstr(e.msg, "columns"));
    assert_int_equal(stress_booster_margin(c, d->x, 0, COLS, mc, &e), 0);   /* nothing to score */
    buf_release(&bytes);
    stress_booster_free(c);
}

static void test_rejects(void **state)
{
    const char junk[] = "{not a model at all";
    const float x[4] = {1, 2, 3, 4}, y[4] = {0, 1, 2, 1};
    struct stress_booster_params p;
    struct stress_booster *b = NULL;
    struct err e;

    (void)state;
    assert_int_equal(stress_booster_load(junk, sizeof junk - 1, &b, &e), -1);
    assert_non_null(strstr(e.msg, "xgboost"));
    assert_int_equal(stress_booster_load(junk, 0, &b, &e), -1);
    params(&p);
    assert_int_equal(stress_booster_train(x, y, 4, 1, &p, &b, &e), -1);
    assert_non_null(strstr(e.msg, "row 2"));
    p.eta = 0;
    assert_int_equal(stress_booster_train(x, y, 4, 1, &p, &b, &e), -1);
    assert_non_null(strstr(e.msg, "eta"));
    assert_null(b);
}

/* Trees started from an offset learn only what it leaves: given the XOR
 * rule itself as the offset, they have almost nothing left to say; given
 * no information (zeros), they learn the rule on their own. Either way the
 * booster's margin is the trees' part alone, the offset not included. */
static void test_offset(void **state)
{
    struct fixture *f = *state;
    struct data *d = f->d;
    struct stress_booster_params p;
    struct stress_booster *told, *blind;
    static float offset[TRAIN], zeros[TRAIN], margin[TEST];
    double score[TEST], told_size = 0;
    struct metrics m;
    struct err e;

    params(&p);
    for (int i = 0; i < TRAIN; i++) {
        const float *x = d->x + i * COLS;
        offset[i] = (x[0] > 0) == (x[1] > 0) ? 4.0f : -4.0f;
        zeros[i] = 0;
    }
    if (stress_booster_train_offset(d->x, d->y, offset, TRAIN, COLS, &p, &told, &e) != 0
        || stress_booster_train_offset(d->x, d->y, zeros, TRAIN, COLS, &p, &blind, &e) != 0)
        fail_msg("train: %s", e.msg);
    assert_int_equal(stress_booster_margin(told, d->x + TRAIN * COLS, TEST, COLS, margin, &e), 0);
    for (int i = 0; i < TEST; i++)
        told_size += fabsf(margin[i]) / TEST;
    assert_true(told_size < 0.5);
    assert_int_equal(stress_booster_margin(blind, d->x + TRAIN * COLS, TEST, COLS, margin, &e), 0);
    for (int i = 0; i < TEST; i++)
        score[i] = margin[i];
    assert_int_equal(metrics_compute(score, NULL, d->y + TRAIN, TEST, &m), 0);
    assert_true(m.auc > 0.9);
    offset[7] = NAN;
    stress_booster_free(blind);
    blind = NULL;
    assert_int_equal(stress_booster_train_offset(d->x, d->y, offset, TRAIN, COLS, &p, &blind, &e), -1);
    assert_null(blind);
    assert_non_null(strstr(e.msg, "row 7"));
    stress_booster_free(told);
}

/* The first k rounds, measured in place or cut out as a model of their
 * own, give the same margins; k must lie within the model. */
static void test_truncate(void **state)
{
    struct fixture *f = *state;
    struct data *d = f->d;
    struct stress_booster *cut;
    static float upto[TEST], of_cut[TEST], all[TEST];
    int rounds;
    struct err e;

    assert_int_equal(stress_booster_rounds(f->b, &rounds, &e), 0);
    assert_int_equal(rounds, 60);
    assert_int_equal(stress_booster_margin_upto(f->b, d->x + TRAIN * COLS, TEST, COLS, 20, upto, &e), 0);
    assert_int_equal(stress_booster_truncate(f->b, 20, &cut, &e), 0);
    assert_int_equal(stress_booster_margin(cut, d->x + TRAIN * COLS, TEST, COLS, of_cut, &e), 0);
    assert_memory_equal(upto, of_cut, sizeof upto);
    assert_int_equal(stress_booster_rounds(cut, &rounds, &e), 0);
    assert_int_equal(rounds, 20);
    assert_int_equal(stress_booster_margin(f->b, d->x + TRAIN * COLS, TEST, COLS, all, &e), 0);
    assert_true(memcmp(all, upto, sizeof all) != 0);
    stress_booster_free(cut);
    assert_int_equal(stress_booster_truncate(f->b, 61, &cut, &e), -1);
    assert_non_null(strstr(e.msg, "61 rounds"));
    assert_int_equal(stress_booster_margin_upto(f->b, d->x, 1, COLS, 0, upto, &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learns_xor),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_contributions_sum_to_margin),
        cmocka_unit_test(test_save_load),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_offset),
        cmocka_unit_test(test_truncate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
