/* bench_stress_model [--grid]: the stress model's choices, measured on a
 * synthetic panel whose true probabilities are known (docs/stress-model.md).
 *
 * The panel imitates the early-warning features: a turnover trend, its
 * volatility, an SMA class, working-capital utilisation, late returns, and
 * noise columns; a fifth of the firms file no GST (trend missing) and
 * two in five have no credit line (utilisation missing). The true log-odds
 * of NPA are nonlinear: thresholds, an interaction, and a missing-value
 * effect, with a base rate near 4%. Rows are split train / calibration /
 * test, as `samanvay stress train` splits months.
 *
 * Default: TSV rows for bench/run —
 *   held-out Brier of Platt scaling beside isotonic regression (PAV),
 *   held-out AUC of the boosted trees beside the L2 logistic baseline.
 * --grid: a table of booster parameters (depth, eta, rounds, min child
 *   weight, scale_pos_weight), each with held-out AUC, AP and calibrated
 *   Brier, for the defaults' justification. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/calibrate.h"
#include "analytics/logit.h"
#include "analytics/metrics.h"
#include "analytics/stress_booster.h"
#include "core/rng.h"

#define COLS 10
#define N_TRAIN 30000
#define N_CAL 10000
#define N_TEST 30000
#define N_ALL (N_TRAIN + N_CAL + N_TEST)

static float X[N_ALL * COLS], Y[N_ALL];
static double TRUTH[N_ALL];

static double sigmoid(double t)
{
    return 1 / (1 + exp(-t));
}

static void make_panel(void)
{
    struct rng r;

    rng_seed(&r, 2026, 7);
    for (size_t i = 0; i < N_ALL; i++) {
        float *x = X + i * COLS;
        double trend = rng_normal(&r) * 0.3, t;
        int sma = rng_weighted(&r, (const double[]){90, 6, 3, 1}, 4);
        int filer = !rng_chance(&r, 0.2), borrower = !rng_chance(&r, 0.4);
        double util = borrower ? 1.2 * rng_uniform(&r) : NAN;
        int late = (int)rng_below(&r, 3) * rng_chance(&r, 0.3) + (rng_chance(&r, 0.05) ? 6 : 0);

        x[0] = filer ? (float)trend : NAN;
        x[1] = filer ? (float)fabs(rng_normal(&r) * 0.4) : NAN;
        x[2] = (float)sma;
        x[3] = (float)util;
        x[4] = (float)late;
        for (int j = 5; j < COLS; j++)
            x[j] = (float)rng_normal(&r);
        t = -4.8 + 2.5 * fmax(0, -trend) + 0.8 * sma + (sma >= 2 ? 0.8 : 0)
            + (borrower && util > 0.9 ? 1.2 : 0) + 0.18 * late
            + (borrower && util > 0.9 && trend < -0.3 ? 1.0 : 0) + (filer ? 0 : 0.6)
            + (filer ? 0.8 * x[1] : 0);
        TRUTH[i] = sigmoid(t);
        Y[i] = (float)rng_chance(&r, TRUTH[i]);
    }
}

/* Isotonic regression by pool-adjacent-violators on (margin, label),
 * applied by linear interpolation between the pooled blocks' mean margins
 * and clipped at the ends (as scikit-learn's IsotonicRegression). */
struct block {
    double x, y, w;
};

static int by_first(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static size_t isotonic_fit(const float *m, const float *y, size_t n, struct block *blk)
{
    float (*pair)[2] = malloc(n * sizeof *pair);
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        pair[i][0] = m[i];
        pair[i][1] = y[i];
    }
    qsort(pair, n, sizeof *pair, by_first);
    for (size_t i = 0; i < n; i++) {
        blk[k++] = (struct block){pair[i][0], pair[i][1], 1};
        while (k > 1 && blk[k - 2].y >= blk[k - 1].y) {
            struct block *a = &blk[k - 2], *b = &blk[k - 1];
            double w = a->w + b->w;
            a->x = (a->x * a->w + b->x * b->w) / w;
            a->y = (a->y * a->w + b->y * b->w) / w;
            a->w = w;
            k--;
        }
    }
    free(pair);
    return k;
}

static double isotonic_apply(const struct block *blk, size_t k, double m)
{
    size_t lo = 0, hi = k - 1;

    if (m <= blk[0].x)
        return blk[0].y;
    if (m >= blk[k - 1].x)
        return blk[k - 1].y;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (blk[mid].x <= m)
            lo = mid;
        else
            hi = mid;
    }
    return blk[lo].y + (blk[hi].y - blk[lo].y) * (m - blk[lo].x) / (blk[hi].x - blk[lo].x);
}

struct outcome {
    struct metrics test;        /* AUC, AP, P@1% on margins; Brier of Platt */
    double brier_raw, brier_iso, brier_truth;
    struct metrics oracle;      /* the true probabilities as the score: the ceiling */
};

static double brier_of(const double *p, const float *y, size_t n)
{
    double s = 0;

    for (size_t i = 0; i < n; i++)
        s += (p[i] - y[i]) * (p[i] - y[i]);
    return s / (double)n;
}

static int evaluate(const struct stress_booster_params *p, struct outcome *o)
{
    static float m[N_CAL + N_TEST];
    static double score[N_TEST], prob[N_TEST];
    static struct block blk[N_CAL];
    struct stress_booster *b;
    struct calibration *c;
    struct err e;
    size_t k;

    if (stress_booster_train(X, Y, N_TRAIN, COLS, p, &b, &e) != 0
        || stress_booster_margin(b, X + N_TRAIN * COLS, N_CAL + N_TEST, COLS, m, &e) != 0
        || calibration_fit(m, Y + N_TRAIN, N_CAL, &c, &e) != 0) {
        fprintf(stderr, "bench_stress_model: %s\n", e.msg);
        return -1;
    }
    k = isotonic_fit(m, Y + N_TRAIN, N_CAL, blk);
    for (size_t i = 0; i < N_TEST; i++) {
        score[i] = m[N_CAL + i];
        prob[i] = calibration_apply(c, score[i]);
    }
    metrics_compute(score, prob, Y + N_TRAIN + N_CAL, N_TEST, &o->test);
    for (size_t i = 0; i < N_TEST; i++)
        prob[i] = sigmoid(score[i]);
    o->brier_raw = brier_of(prob, Y + N_TRAIN + N_CAL, N_TEST);
    for (size_t i = 0; i < N_TEST; i++)
        prob[i] = isotonic_apply(blk, k, score[i]);
    o->brier_iso = brier_of(prob, Y + N_TRAIN + N_CAL, N_TEST);
    o->brier_truth = brier_of(TRUTH + N_TRAIN + N_CAL, Y + N_TRAIN + N_CAL, N_TEST);
    metrics_compute(TRUTH + N_TRAIN + N_CAL, NULL, Y + N_TRAIN + N_CAL, N_TEST, &o->oracle);
    calibration_free(c);
    stress_booster_free(b);
    return 0;
}

static int linear_auc(double *auc)
{
    static double score[N_TEST];
    struct logit *l;
    struct metrics mt;
    struct err e;

    if (logit_train(X, Y, N_TRAIN, COLS, LOGIT_L2_DEFAULT, &l, &e) != 0) {
        fprintf(stderr, "bench_stress_model: %s\n", e.msg);
        return -1;
    }
    for (size_t i = 0; i < N_TEST; i++)
        score[i] = logit_predict(l, X + (N_TRAIN + N_CAL + i) * COLS);
    metrics_compute(score, score, Y + N_TRAIN + N_CAL, N_TEST, &mt);
    logit_free(l);
    *auc = mt.auc;
    return 0;
}

/* One parameter at a time around the defaults: a full product of every
 * value would be hundreds of fits for little more insight. */
static int grid(void)
{
    static const struct {
        const char *name;
        double v[4];
        int n;
    } axis[] = {
        {"max_depth", {2, 3, 4, 6}, 4},      {"eta", {0.02, 0.05, 0.1, 0.3}, 4},
        {"rounds", {50, 100, 150, 300}, 4},      {"min_child_weight", {1, 5, 20}, 3},
        {"subsample", {0.5, 0.8, 1}, 3},     {"scale_pos_weight", {1, 0}, 2},
    };
    double pos = 0;
    struct stress_booster_params p;
    struct outcome o;

    for (size_t i = 0; i < N_TRAIN; i++)
        pos += Y[i];
    printf("parameter\tvalue\tAUC\tAP\tP@1%%\tBrier(Platt)\tBrier(isotonic)\tBrier(raw)\n");
    for (size_t a = 0; a < sizeof axis / sizeof *axis; a++)
        for (int k = 0; k < axis[a].n; k++) {
            double v = axis[a].v[k];
            stress_booster_params_default(&p);
            p.threads = 2;
            if (a == 0)
                p.max_depth = (int)v;
            else if (a == 1)
                p.eta = v;
            else if (a == 2)
                p.rounds = (int)v;
            else if (a == 3)
                p.min_child_weight = v;
            else if (a == 4)
                p.subsample = v;
            else
                p.scale_pos_weight = v > 0 ? v : (N_TRAIN - pos) / pos;   /* 0: balanced */
            if (evaluate(&p, &o) != 0)
                return 1;
            printf("%s\t%g\t%.4f\t%.4f\t%.4f\t%.5f\t%.5f\t%.5f\n", axis[a].name,
                   a == 5 ? p.scale_pos_weight : v, o.test.auc, o.test.pr_auc,
                   o.test.precision_at_1pct, o.test.brier, o.brier_iso, o.brier_raw);
            fflush(stdout);
        }
    return 0;
}

int main(int argc, char **argv)
{
    struct stress_booster_params p;
    struct outcome o;
    double lin, pos = 0;

    make_panel();
    if (argc > 1 && strcmp(argv[1], "--grid") == 0)
        return grid();
    for (size_t i = 0; i < N_ALL; i++)
        pos += Y[i];
    stress_booster_params_default(&p);
    p.threads = 2;
    if (evaluate(&p, &o) != 0 || linear_auc(&lin) != 0)
        return 1;
    printf("Stress calibration, held-out Brier (Platt; lower is better)\t%.5f\tBrier\tisotonic (PAV)\t%.5f\t%.3f\n",
           o.test.brier, o.brier_iso, o.brier_iso / o.test.brier);
    printf("Stress model, held-out AUC (boosted trees)\t%.4f\tAUC\tL2 logistic\t%.4f\t%.3f\n", o.test.auc,
           lin, o.test.auc / lin);
    fprintf(stderr,
            "bench_stress_model: base rate %.4f; Brier: truth %.5f, raw sigmoid %.5f, Platt %.5f, "
            "isotonic %.5f; AP %.4f, P@1%% %.4f; true probabilities: AUC %.4f, AP %.4f\n",
            pos / N_ALL, o.brier_truth, o.brier_raw, o.test.brier, o.brier_iso, o.test.pr_auc,
            o.test.precision_at_1pct, o.oracle.auc, o.oracle.pr_auc);
    return 0;
}
