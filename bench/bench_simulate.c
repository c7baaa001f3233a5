/* bench_simulate DB SCENARIO.yaml...: a merger what-if over every
 * enterprise in a SQLite store, beside the plain batch-eligibility pass of
 * the whole catalogue over the same columns (bench_eligible's pass) as the
 * baseline. Ours is what `simulate` adds after the store is read: the
 * batch passes for the scenario's schemes (one per distinct need), the
 * group masks, the allocation and the burden. Best of five each. Without
 * a readable DB or scenario it prints nothing (bench/simulate.sh passes
 * them). Prints TSV rows: name, value, unit, baseline, baseline value,
 * ratio (ours / baseline as rates; > 1 is ours faster). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "analytics/simulate_input.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/money.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/catalog.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_scenario.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long n;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0
        || (text = mem_alloc((size_t)n + 1)) == NULL || fread(text, 1, (size_t)n, f) != (size_t)n) {
        if (f != NULL)
            fclose(f);
        mem_free(text);
        return NULL;
    }
    fclose(f);
    text[n] = '\0';
    *len = (size_t)n;
    return text;
}

/* Best of five: the scenario's passes, masks, allocation and burden. */
static double simulate_once(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                            const int64_t *trad, size_t n_trad, const struct scenario *sc, struct simulation *sim)
{
    double best = 1e30;
    struct err e;

    for (int r = 0; r < 5; r++) {
        struct sim_input in;
        struct sim_population pop;
        double t0 = now();
        if (simulate_input_build(cat, ref, cols, trad, n_trad, sc, 0, &in, &e) != 0)
            return -1;
        pop = simulate_input_population(&in);
        if (simulate_run(sc, &pop, sim, &e) != 0 || simulate_burden(cat, sim, &e) != 0)
            return -1;
        simulate_input_release(&in);
        best = best < now() - t0 ? best : now() - t0;
    }
    return best;
}

int main(int argc, char **argv)
{
    struct refdata *ref;
    struct catalog *cat;
    struct store_target t = {argc > 1 ? argv[1] : "", NULL};
    struct store *s;
    struct batch_columns *cols;
    int64_t *trad;
    size_t n_trad;
    struct batch_options o = {0, 0, "working_capital", 10 * MONEY_LAKH};
    struct batch_counts *counts;
    struct simulation *sim = mem_calloc(1, sizeof *sim);
    struct err e;
    double base = 1e30, t0, load;

    if (argc < 3 || access(argv[1], R_OK) != 0)
        return 0;
    if (sim == NULL || db_global_init(&e) != 0 || refdata_load(&ref, &e) != 0 || catalog_load(NULL, &cat, &e) != 0
        || store_open(&t, &s, &e) != 0) {
        fprintf(stderr, "bench_simulate: %s\n", e.msg);
        return 1;
    }
    t0 = now();
    if (store_scenario_load(s, ref, &cols, &trad, &n_trad, &e) != 0) {
        fprintf(stderr, "bench_simulate: %s\n", e.msg);
        return 1;
    }
    load = now() - t0;
    store_close(s);
    date_from_ymd(2025, 6, 1, &o.as_of);
    counts = mem_calloc(cat->n, sizeof *counts);
    for (int r = 0; r < 5; r++) {
        t0 = now();
        if (batch_evaluate(cat, ref, cols, &o, NULL, counts, &e) != 0)
            return 1;
        base = base < now() - t0 ? base : now() - t0;
    }
    printf("(context) store read into batch columns + traditional-cluster members, %zu enterprises\t%.0f\t"
           "enterprises/s\tplain batch pass, %zu schemes\t%.0f\t%.2f\n",
           cols->n, (double)cols->n / load, cat->n, (double)cols->n / base, base / load);
    for (int i = 2; i < argc; i++) {
        struct arena *a = arena_new(0);
        struct scenario sc;
        size_t len;
        char *text = slurp(argv[i], &len);
        double sec;
        if (a == NULL || text == NULL
            || scenario_parse(a, argv[i], text, len, simulate_known_scheme, cat, &sc, &e) != 0
            || scenario_resolve(a, &sc, cat, &e) != 0
            || (sec = simulate_once(cat, ref, cols, trad, n_trad, &sc, sim)) < 0) {
            fprintf(stderr, "bench_simulate: %s: %s\n", argv[i], text == NULL ? "cannot read" : e.msg);
            return 1;
        }
        printf("simulate %s (%zu schemes), %zu enterprises\t%.0f\tenterprises/s\t"
               "plain batch pass, whole catalogue (%zu schemes)\t%.0f\t%.2f\n",
               sc.id, sc.n_schemes, cols->n, (double)cols->n / sec, cat->n, (double)cols->n / base, base / sec);
        mem_free(text);
        arena_free(a);
    }
    mem_free(counts);
    mem_free(trad);
    mem_free(sim);
    batch_columns_free(cols);
    catalog_free(cat);
    refdata_free(ref);
    return 0;
}
