/* Classifications per second: the data-driven, dated classifier (limits
 * looked up by date in data/classification_limits.csv, with per-class
 * checks) beside a baseline of hard-coded 2025 limits in an if-chain,
 * which is what a toy would do. Prints TSV rows for bench/run. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/classify.h"
#include "core/date.h"
#include "core/money.h"
#include "core/rng.h"

#define N 1000000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int naive(int64_t inv, int64_t turn)
{
    if (inv <= 250 * MONEY_LAKH && turn <= 10 * MONEY_CRORE)
        return CLASS_MICRO;
    if (inv <= 25 * MONEY_CRORE && turn <= 100 * MONEY_CRORE)
        return CLASS_SMALL;
    if (inv <= 125 * MONEY_CRORE && turn <= 500 * MONEY_CRORE)
        return CLASS_MEDIUM;
    return CLASS_LARGE;
}

int main(void)
{
    struct refdata *ref;
    struct classify_input *in = malloc(N * sizeof *in);
    struct rng r;
    double t0, ours, base;
    long agree = 0, sink = 0;
    int32_t on;

    if (in == NULL || refdata_load(&ref, NULL) != 0)
        return 1;
    date_from_ymd(2025, 6, 1, &on);
    rng_seed(&r, 7, 0);
    for (int i = 0; i < N; i++) {
        in[i].investment = (int64_t)rng_below(&r, 200) * MONEY_CRORE / 10;
        in[i].turnover = (int64_t)rng_below(&r, 800) * MONEY_CRORE / 10;
        in[i].exports = 0;
        in[i].on = on;
        in[i].activity = LIMIT_ANY;
    }
    t0 = now();
    for (int i = 0; i < N; i++) {
        struct classify_result res;
        if (classify(ref, &in[i], &res, NULL) == 0)
            agree += (int)res.cls == naive(in[i].investment, in[i].turnover);
    }
    ours = now() - t0;
    t0 = now();
    for (int i = 0; i < N; i++)
        sink += naive(in[i].investment, in[i].turnover);
    base = now() - t0;
    printf("Classification (dated limits from data, with checks)\t%.0f\tper s\thard-coded 2025 if-chain\t%.0f\t%.2f\n",
           N / ours, N / base, base / ours);
    fprintf(stderr, "bench_classify: %ld of %d agree with the hard-coded chain (sink %ld)\n", agree, N, sink);
    refdata_free(ref);
    free(in);
    return agree == N ? 0 : 1;
}
