/* Text primitives of the record linker per second, each beside a
 * baseline in the same process: Jaro-Winkler against strcmp over the
 * same name pairs, and the normalizer on Latin and on Devanagari firm
 * names against a plain lower-casing copy of the same bytes. Names come
 * from the generator's vocabulary (src/gen/gen_names.c). Prints TSV rows
 * for bench/run. Times are thread CPU time, best of ROUNDS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/rng.h"
#include "gen/gen_names.h"
#include "link/compare.h"
#include "link/normalize.h"

#define N_NAMES 20000
#define ROUNDS 3
#define PAIR_REPEAT 10

static double now(void)
{
    struct timespec ts;
    /* CPU time of this thread: the figures stay comparable on a machine
     * shared with other jobs, and every run here is single-threaded. */
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Firm names of every constitution, rendered in one script. */
static char (*make_names(enum gen_script script))[GEN_NAME_MAX]
{
    char (*names)[GEN_NAME_MAX] = malloc(N_NAMES * sizeof *names);
    struct rng r;

    rng_seed(&r, 7, 0);
    for (int i = 0; names && i < N_NAMES; i++) {
        struct gen_name owner, firm;
        gen_names_person(&r, REGION_ALL, GENDER_MALE, 0.5, &owner);
        gen_names_firm(&r, (enum gen_constitution)rng_below(&r, CON_COUNT),
                       (enum gen_activity)rng_below(&r, ACT_COUNT), -1, &owner, &firm);
        gen_name_render(&firm, script, names[i], GEN_NAME_MAX);
    }
    return names;
}

static size_t lower_copy(const char *in, char *out, size_t cap)
{
    size_t i = 0;
    for (; in[i] && i + 1 < cap; i++)
        out[i] = in[i] >= 'A' && in[i] <= 'Z' ? (char)(in[i] - 'A' + 'a') : in[i];
    out[i] = '\0';
    return i;
}

/* Best of ROUNDS, in names per second, for ours and the baseline. */
static int bench_normalize(struct normalizer *n, char (*names)[GEN_NAME_MAX], double *ours,
                           double *base)
{
    char out[512];
    struct err e;
    double best = 1e30, best_base = 1e30;
    size_t sink = 0;

    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now();
        for (int i = 0; i < N_NAMES; i++) {
            int len = normalizer_name(n, names[i], strlen(names[i]), NAME_BUSINESS, out,
                                      sizeof out, &e);
            if (len < 0) {
                fprintf(stderr, "bench_link_text: %s: %s\n", names[i], e.msg);
                return -1;
            }
            sink += (size_t)len;
        }
        if (now() - t0 < best)
            best = now() - t0;
        t0 = now();
        for (int i = 0; i < N_NAMES; i++)
            sink += lower_copy(names[i], out, sizeof out);
        if (now() - t0 < best_base)
            best_base = now() - t0;
    }
    *ours = N_NAMES / best;
    *base = N_NAMES / best_base;
    return sink > 0 ? 0 : -1;
}

/* Jaro-Winkler of neighbouring folded names, against strcmp of the same. */
static void bench_jaro_winkler(char (*folded)[GEN_NAME_MAX], double *ours, double *base)
{
    double best = 1e30, best_base = 1e30, sum = 0;
    long diff = 0;
    long pairs = (long)(N_NAMES - 1) * PAIR_REPEAT;

    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now();
        for (int k = 0; k < PAIR_REPEAT; k++)
            for (int i = 0; i + 1 < N_NAMES; i++)
                sum += jaro_winkler(folded[i], strlen(folded[i]), folded[i + 1],
                                    strlen(folded[i + 1]));
        if (now() - t0 < best)
            best = now() - t0;
        t0 = now();
        for (int k = 0; k < PAIR_REPEAT; k++)
            for (int i = 0; i + 1 < N_NAMES; i++)
                diff += strcmp(folded[i], folded[i + 1]) != 0;
        if (now() - t0 < best_base)
            best_base = now() - t0;
    }
    *ours = (double)pairs / best;
    *base = (double)pairs / best_base;
    fprintf(stderr, "bench_link_text: mean JW %.3f, %ld pairs differ\n",
            sum / (double)(pairs * ROUNDS), diff);
}

int main(void)
{
    char (*latin)[GEN_NAME_MAX] = make_names(SCRIPT_LATIN);
    char (*deva)[GEN_NAME_MAX] = make_names(SCRIPT_DEVANAGARI);
    char (*folded)[GEN_NAME_MAX] = malloc(N_NAMES * sizeof *folded);
    struct err e;
    struct normalizer *n = normalizer_new(&e);
    double ours, base;
    int status = 1;

    if (!latin || !deva || !folded || !n) {
        fprintf(stderr, "bench_link_text: %s\n", n ? "out of memory" : e.msg);
        goto done;
    }
    if (bench_normalize(n, latin, &ours, &base) != 0)
        goto done;
    printf("normalizer_name, Latin firm names\t%.0f\tnames/s\tlower-casing copy\t%.0f\t%.3f\n",
           ours, base, ours / base);
    if (bench_normalize(n, deva, &ours, &base) != 0)
        goto done;
    printf("normalizer_name, Devanagari firm names\t%.0f\tnames/s\tlower-casing copy\t%.0f\t%.4f\n",
           ours, base, ours / base);
    for (int i = 0; i < N_NAMES; i++)
        if (normalizer_name(n, latin[i], strlen(latin[i]), NAME_PERSON, folded[i], GEN_NAME_MAX,
                            &e) < 0)
            goto done;
    bench_jaro_winkler(folded, &ours, &base);
    printf("jaro_winkler, folded firm names\t%.0f\tpairs/s\tstrcmp\t%.0f\t%.3f\n", ours, base,
           ours / base);
    status = 0;
done:
    normalizer_free(n);
    free(latin);
    free(deva);
    free(folded);
    return status;
}
