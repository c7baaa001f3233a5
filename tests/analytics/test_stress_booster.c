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
 * spinning threads under ASan take ten times as long as one. */
static void params(struct stress_booster_params *p)
{
    stress_booster_params_default(p);
    p->rounds = 60;
    p->threads = 1;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learns_xor),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_contributions_sum_to_margin),
        cmocka_unit_test(test_save_load),
        cmocka_unit_test(test_rejects),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
