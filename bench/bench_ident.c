/* Identifier validation per second, beside a baseline in the same process:
 * POSIX extended regexes of the same formats (structure only, no
 * checksum, no holder-type or state rules), which is what a form
 * validator typically does. Prints TSV rows for bench/run. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ident.h"
#include "core/rng.h"

#define N_IDS 200000
#define ROUNDS 5

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Half valid GSTINs, half with one character changed. */
static char (*make_gstins(void))[16]
{
    static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static const char holders[] = "PCHFATBLJGK";
    char (*ids)[16] = malloc(N_IDS * sizeof *ids);
    struct rng r;

    rng_seed(&r, 42, 0);
    for (int i = 0; i < N_IDS; i++) {
        char *g = ids[i];
        int state = 1 + (int)rng_below(&r, 37);
        g[0] = (char)('0' + state / 10);
        g[1] = (char)('0' + state % 10);
        for (int k = 2; k < 7; k++)
            g[k] = (char)('A' + rng_below(&r, 26));
        g[5] = holders[rng_below(&r, 11)];
        for (int k = 7; k < 11; k++)
            g[k] = (char)('0' + rng_below(&r, 10));
        g[7] = '1';
        g[11] = (char)('A' + rng_below(&r, 26));
        g[12] = '1';
        g[13] = 'Z';
        g[14] = gstin_check_char(g);
        g[15] = '\0';
        if (i % 2)
            g[rng_below(&r, 15)] = alnum[rng_below(&r, 36)];
    }
    return ids;
}

int main(void)
{
    char (*ids)[16] = make_gstins();
    regex_t re;
    double t0, ours = 1e30, base = 1e30;
    long valid_ours = 0, valid_base = 0;

    if (regcomp(&re, "^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$", REG_EXTENDED | REG_NOSUB) != 0)
        return 1;
    for (int round = 0; round < ROUNDS; round++) {
        long v = 0;
        t0 = now();
        for (int i = 0; i < N_IDS; i++)
            v += gstin_validate(ids[i], 15, NULL);
        if (now() - t0 < ours)
            ours = now() - t0;
        valid_ours = v;
        v = 0;
        t0 = now();
        for (int i = 0; i < N_IDS; i++)
            v += regexec(&re, ids[i], 0, NULL, 0) == 0;
        if (now() - t0 < base)
            base = now() - t0;
        valid_base = v;
    }
    printf("GSTIN validation (full rules + checksum)\t%.0f\tIDs/s\tPOSIX regex, format only\t%.0f\t%.2f\n",
           N_IDS / ours, N_IDS / base, base / ours);
    fprintf(stderr, "bench_ident: %ld of %d valid by full rules, %ld match the regex\n", valid_ours,
            N_IDS, valid_base);
    regfree(&re);
    free(ids);
    return 0;
}
