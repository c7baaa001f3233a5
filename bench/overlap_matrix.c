/* overlap_matrix DB: the full overlap report over every enterprise in a
 * SQLite store (docs/overlap.md), beside its baseline, the batch
 * eligibility pass alone (rules/batch.c) over the same columns, so the
 * ratio is the overhead the overlap adds to one evaluation of the whole
 * catalogue. Run by bench/overlap.sh (not by bench/run: it needs a store).
 *
 * Timed, best of BENCH_OVERLAP_RUNS (3):
 *   pass     batch_evaluate with statuses out (the baseline)
 *   report   the same pass, then overlap_report_build: eligible and
 *            not-ruled-out masks, their transposed bitsets and every
 *            pair's popcounts, availed pairs, objective pairs, double
 *            funding, awareness by district, segment and scheme
 *   pairs    the bitsets and pairwise popcounts of one family alone
 * The store reads (enterprises, list rows, applications) happen once,
 * before, and are reported as context.
 *
 * Prints TSV rows: name, value, unit, baseline, baseline value, ratio. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analytics/overlap.h"
#include "analytics/overlap_report.h"
#include "core/alloc.h"
#include "core/date.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/catalog.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_overlap.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int add(void *ctx, const struct enterprise *e)
{
    return batch_columns_add(ctx, e);
}

struct fixture {
    struct refdata *ref;
    struct catalog *cat;
    struct batch_columns *cols;
    struct overlap_funding *funding;
    size_t n_funding;
    struct overlap_application *apps;
    size_t n_apps;
    uint8_t *status;
    struct batch_counts *counts;
    double load_s;
};

static int load(const char *path, struct fixture *f, struct err *e)
{
    struct store_target t = {path, NULL};
    struct store *s;
    double t0 = now();
    int rc;

    if (refdata_load(&f->ref, e) != 0 || catalog_load(NULL, &f->cat, e) != 0)
        return -1;
    if ((f->cols = batch_columns_new(f->ref)) == NULL || store_open(&t, &s, e) != 0)
        return -1;
    rc = store_enterprise_each(s, add, f->cols, e) || store_overlap_funding(s, f->cat, &f->funding, &f->n_funding, e)
         || store_overlap_applications(s, f->cat, &f->apps, &f->n_apps, e);
    store_close(s);
    f->load_s = now() - t0;
    f->status = mem_alloc(f->cols->n * f->cat->n + 1);
    f->counts = mem_calloc(f->cat->n, sizeof *f->counts);
    return rc || f->status == NULL || f->counts == NULL ? -1 : 0;
}

static int pass(struct fixture *f, const struct batch_options *o, struct err *e)
{
    return batch_evaluate(f->cat, f->ref, f->cols, o, f->status, f->counts, e);
}

static int report(struct fixture *f, const struct batch_options *o, struct overlap_report *r, struct err *e)
{
    struct overlap_input in = {f->cat, f->ref, f->cols, f->status, NULL, f->n_funding, f->apps, f->n_apps,
                               o->as_of, OVERLAP_DEFAULT_WINDOW_DAYS, o->need_purpose, o->need_amount, NULL, 0};

    if (pass(f, o, e) != 0)
        return -1;
    /* the report takes (and sorts) its rows: a copy each run */
    if ((in.funding = mem_alloc(f->n_funding * sizeof *in.funding + 1)) == NULL)
        return -1;
    if (f->n_funding)
        memcpy(in.funding, f->funding, f->n_funding * sizeof *in.funding);
    return overlap_report_build(&in, r, e);
}

static double pairs_only(const struct overlap_report *r, size_t n_schemes)
{
    struct overlap_sets s;
    struct overlap_pair *p;
    size_t n;
    double t0 = now();

    if (overlap_sets_from_masks(&s, r->eligible_mask, r->population, n_schemes) != 0
        || overlap_pairs(&s, &p, &n) != 0)
        return -1;
    t0 = now() - t0;
    mem_free(p);
    overlap_sets_release(&s);
    return t0;
}

int main(int argc, char **argv)
{
    struct fixture f = {0};
    struct batch_options o = {0, 0, OVERLAP_DEFAULT_PURPOSE, OVERLAP_DEFAULT_AMOUNT};
    struct overlap_report r = {0};
    const char *runs_env = getenv("BENCH_OVERLAP_RUNS");
    int runs = runs_env ? atoi(runs_env) : 3;
    double pass_s = 1e30, report_s = 1e30, pairs_s = 1e30, t0;
    struct err e;

    if (argc < 2) {
        fprintf(stderr, "usage: overlap_matrix DB\n");
        return 2;
    }
    if (runs < 1)
        runs = 1;
    if (db_global_init(&e) != 0 || load(argv[1], &f, &e) != 0) {
        fprintf(stderr, "overlap_matrix: %s\n", e.msg);
        return 1;
    }
    date_from_ymd(2026, 1, 1, &o.as_of);
    for (int k = 0; k < runs; k++) {
        t0 = now();
        if (pass(&f, &o, &e) != 0)
            return 1;
        pass_s = fmin(pass_s, now() - t0);
        overlap_report_free(&r);
        t0 = now();
        if (report(&f, &o, &r, &e) != 0) {
            fprintf(stderr, "overlap_matrix: %s\n", e.msg);
            return 1;
        }
        report_s = fmin(report_s, now() - t0);
        pairs_s = fmin(pairs_s, pairs_only(&r, f.cat->n));
    }
    printf("overlap report, %zu enterprises x %zu schemes (%zu pairs x 3 families, %zu alerts)\t%.0f\t"
           "enterprises/s\tbatch eligibility pass alone (statuses out)\t%.0f\t%.2f\n",
           f.cols->n, f.cat->n, r.n_pairs, r.n_alerts, (double)f.cols->n / report_s, (double)f.cols->n / pass_s,
           pass_s / report_s);
    printf("(context) overlap report\t%.1f\tms\tbatch eligibility pass alone\t%.1f\t%.2f\n", report_s * 1e3,
           pass_s * 1e3, report_s / pass_s);
    printf("(context) bitsets and pairwise popcounts of one family (%zu pairs)\t%.2f\tms\tbatch eligibility pass "
           "alone\t%.1f\t%.4f\n",
           r.n_pairs, pairs_s * 1e3, pass_s * 1e3, pairs_s / pass_s);
    printf("(context) store reads: enterprises, %zu list rows, %zu applications\t%.1f\tms\tbatch eligibility pass "
           "alone\t%.1f\t%.2f\n",
           f.n_funding, f.n_apps, f.load_s * 1e3, pass_s * 1e3, f.load_s / pass_s);
    overlap_report_free(&r);
    mem_free(f.status);
    mem_free(f.counts);
    mem_free(f.funding);
    mem_free(f.apps);
    batch_columns_free(f.cols);
    catalog_free(f.cat);
    refdata_free(f.ref);
    return 0;
}
