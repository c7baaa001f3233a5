/* bench_eligible STORE [SQL]: batch eligibility over every enterprise in
 * a store (a SQLite path or a postgresql:// URI), beside a plain SQL query
 * over the same store computing the same three schemes' statuses (cgtmse,
 * pmmy, samadhaan): bench/bench_eligible.sql, run through the same driver
 * on either backend. The two must agree on every count. On SQLite it also
 * times one profile against the whole catalogue with explanations (that
 * needs no store, so a PostgreSQL run leaves it out). Prints TSV rows for
 * bench/run. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/money.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/eligibility.h"
#include "store/db.h"
#include "store/store.h"

static const char *const sql_ids[3] = {"cgtmse", "pmmy", "samadhaan"};

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

/* The whole of a file, NUL-terminated, into b. */
static int slurp(const char *path, struct buf *b)
{
    char chunk[4096];
    size_t n;
    FILE *f = fopen(path, "r");

    if (f == NULL) {
        fprintf(stderr, "bench_eligible: cannot open %s\n", path);
        return -1;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(b, chunk, n) != 0) {
            fclose(f);
            return -1;
        }
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "bench_eligible: cannot read %s\n", path);
        return -1;
    }
    return 0;
}

/* Run the baseline query once on the store's own connection: prepared
 * outside the clock, timed from the first step to the last row. */
static int sql_counts(struct db *db, const char *sql, struct batch_counts *counts, double *seconds)
{
    struct db_stmt *st;
    struct err e;
    double t0;
    int rc;

    memset(counts, 0, 3 * sizeof *counts);
    if (db_prepare(db, sql, &st, &e) != 0) {
        fprintf(stderr, "bench_eligible: %s\n", e.msg);
        return -1;
    }
    t0 = now();
    while ((rc = db_step(st, &e)) == DB_ROW) {
        int64_t k = db_column_int64(st, 0);
        const char *status = db_column_text(st, 1);
        size_t n = (size_t)db_column_int64(st, 2);
        if (k < 0 || k > 2)
            break;
        if (strcmp(status, "eligible") == 0)
            counts[k].eligible = n;
        else if (strcmp(status, "ineligible") == 0)
            counts[k].ineligible = n;
        else
            counts[k].unknown = n;
    }
    *seconds = now() - t0;
    db_finalize(st);
    if (rc != DB_DONE) {
        fprintf(stderr, "bench_eligible: the baseline query: %s\n", rc < 0 ? e.msg : "a scheme index out of range");
        return -1;
    }
    return 0;
}

/* A catalogue of just the three SQL schemes (a view onto the real one). */
static int subset(const struct catalog *all, struct catalog *sub, struct scheme *store)
{
    *sub = *all;
    sub->schemes = store;
    sub->n = 3;
    for (int k = 0; k < 3; k++) {
        const struct scheme *s = catalog_find(all, sql_ids[k]);
        if (s == NULL)
            return -1;
        store[k] = *s;
    }
    return 0;
}

/* Best time per profile of `rounds` evaluations of the whole catalogue,
 * with the explanations as text (json = false) or as the contract JSON. */
static double single_profile(const struct refdata *ref, const struct catalog *cat, bool json)
{
    static const char profile[] =
        "{\"as_of\":\"2025-06-01\",\"enterprise\":{\"udyam\":\"UDYAM-MH-26-0012345\",\"constitution\":\"proprietorship\","
        "\"status\":\"existing\",\"activity\":\"manufacturing\",\"state\":\"27\",\"district\":\"Pune\",\"area\":\"rural\","
        "\"investment\":4500000,\"turnover\":12000000,\"exports\":0,\"employees\":12,\"cluster\":null,\"zed_level\":null},"
        "\"owner\":{\"gender\":\"female\",\"category\":\"obc\",\"age\":34,\"education\":\"graduate\",\"disabled\":false},"
        "\"need\":{\"purpose\":\"machinery\",\"amount\":1500000},\"history\":{\"schemes_availed\":[],\"loan_default\":false}}";
    struct scheme_result *res = mem_calloc(cat->n, sizeof *res);
    struct profile_issues is = {0};
    struct profile p;
    struct facts f;
    struct buf text = {0};
    struct err e;
    const int rounds = 2000;
    double t0, best = 1e30;

    profile_init(&p);
    if (res == NULL || profile_parse(profile, sizeof profile - 1, &p, &is, &e) != 0)
        return -1;
    for (int k = 0; k < 5; k++) {
        t0 = now();
        for (int i = 0; i < rounds; i++) {
            facts_build(ref, &p, (int32_t)p.f[PF_AS_OF].i, &f);
            eligibility_all(cat, &f, NULL, res);
            if (json) {
                json_decref(eligibility_json(cat, &f, res, false));
            } else {
                text.len = 0;
                if (eligibility_text(&text, cat, &f, res, false) != 0)
                    return -1;
            }
        }
        if ((now() - t0) / rounds < best)
            best = (now() - t0) / rounds;
    }
    buf_release(&text);
    profile_clear(&p);
    mem_free(res);
    return best;
}

/* Fresh batch columns loaded from the store, and how long that took. */
static struct batch_columns *load(const struct refdata *ref, struct store *s, double *seconds)
{
    struct batch_columns *cols = batch_columns_new(ref);
    struct err e;
    double t0 = now();

    if (cols == NULL) {
        fprintf(stderr, "bench_eligible: out of memory\n");
        return NULL;
    }
    if (store_enterprise_each(s, add, cols, &e) != 0) {
        fprintf(stderr, "bench_eligible: %s\n", e.msg);
        batch_columns_free(cols);
        return NULL;
    }
    *seconds = now() - t0;
    return cols;
}

/* What one run holds; bench_free releases whatever was made. */
struct bench {
    struct refdata *ref;
    struct catalog *cat;
    struct catalog three;
    struct scheme three_store[3];
    struct store *s;
    struct buf sql_text;
    struct batch_counts *counts;
    struct batch_columns *cols;
    bool pg;
};

static void bench_free(struct bench *b)
{
    batch_columns_free(b->cols);
    mem_free(b->counts);
    buf_release(&b->sql_text);
    store_close(b->s);
    catalog_free(b->cat);
    refdata_free(b->ref);
}

/* Best of five runs each, the load best of the first three (on
 * PostgreSQL it takes seconds). The SQL's pages are then in the
 * database's cache, as the columns are in memory after the first load.
 * Fails unless the engine and the SQL give the same counts. */
static int measure(struct bench *b, double *all_s, double *ours3_s, double *load_s, double *sql_s)
{
    struct batch_options o = {0, 0, "working_capital", 10 * MONEY_LAKH};
    struct batch_counts sql[3];
    struct err e;
    double t0;

    date_from_ymd(2025, 6, 1, &o.as_of);
    *all_s = *ours3_s = *load_s = *sql_s = 1e30;
    for (int r = 0; r < 5; r++) {
        double sec;
        if (r < 3) {
            batch_columns_free(b->cols);
            if ((b->cols = load(b->ref, b->s, &sec)) == NULL)
                return -1;
            *load_s = fmin(*load_s, sec);
        }
        t0 = now();
        if (batch_evaluate(b->cat, b->ref, b->cols, &o, NULL, b->counts, &e) != 0)
            goto fail;
        *all_s = fmin(*all_s, now() - t0);
        t0 = now();
        if (batch_evaluate(&b->three, b->ref, b->cols, &o, NULL, b->counts, &e) != 0)
            goto fail;
        *ours3_s = fmin(*ours3_s, now() - t0);
        if (sql_counts(store_db(b->s), buf_cstr(&b->sql_text), sql, &sec) != 0)
            return -1;
        *sql_s = fmin(*sql_s, sec);
    }
    for (int k = 0; k < 3; k++) {
        const struct batch_counts *c = &b->counts[k];
        if (c->eligible != sql[k].eligible || c->ineligible != sql[k].ineligible || c->unknown != sql[k].unknown) {
            fprintf(stderr, "bench_eligible: %s disagrees with SQL: %zu/%zu/%zu vs %zu/%zu/%zu\n", sql_ids[k],
                    c->eligible, c->ineligible, c->unknown, sql[k].eligible, sql[k].ineligible, sql[k].unknown);
            return -1;
        }
    }
    return 0;
fail:
    fprintf(stderr, "bench_eligible: %s\n", e.msg);
    return -1;
}

static int report(struct bench *b)
{
    const char *backend = b->pg ? "PostgreSQL" : "SQLite";
    double all_s, ours3_s, load_s, sql_s, per_text, per_json;
    double n;

    if (measure(b, &all_s, &ours3_s, &load_s, &sql_s) != 0)
        return -1;
    n = (double)b->cols->n;
    if (!b->pg)
        printf("batch eligibility, %zu enterprises x %zu schemes (%ld threads)\t%.0f\tdecisions/s\t"
               "goal: 20 million a second\t20000000\t%.2f\n",
               b->cols->n, b->cat->n, sysconf(_SC_NPROCESSORS_ONLN), n * (double)b->cat->n / all_s,
               n * (double)b->cat->n / all_s / 2e7);
    printf("batch eligibility on %s, same 3 schemes as the SQL (cgtmse, pmmy, samadhaan), columns in memory\t%.0f\t"
           "decisions/s\tthe SQL query bench/bench_eligible.sql in %s, same criteria, same counts\t%.0f\t%.2f\n",
           backend, n * 3 / ours3_s, backend, n * 3 / sql_s, sql_s / ours3_s);
    printf("batch eligibility on %s, the same 3 schemes end to end: %zu enterprises read from the store (%.3f s), "
           "then evaluated\t%.0f\tdecisions/s\tthe SQL query bench/bench_eligible.sql in %s\t%.0f\t%.2f\n",
           backend, b->cols->n, load_s, n * 3 / (load_s + ours3_s), backend, n * 3 / sql_s,
           sql_s / (load_s + ours3_s));
    if (b->pg)
        return 0;
    per_text = single_profile(b->ref, b->cat, false);
    per_json = single_profile(b->ref, b->cat, true);
    if (per_text < 0 || per_json < 0)
        return -1;
    printf("one profile x whole catalogue (%zu schemes), ranked, with explanations as text\t%.1f\tus\t"
           "goal: 50 us\t50\t%.2f\n", b->cat->n, per_text * 1e6, 50 / (per_text * 1e6));
    printf("(context) the same, explanations as the contract JSON (jansson)\t%.1f\tus\t"
           "the same with text\t%.1f\t%.2f\n", per_json * 1e6, per_text * 1e6, per_text / per_json);
    return 0;
}

int main(int argc, char **argv)
{
    struct store_target t = {argc > 1 ? argv[1] : "build/bench/ingest.db", NULL};
    const char *sql_path = argc > 2 ? argv[2] : "bench/bench_eligible.sql";
    struct bench b = {0};
    struct err e;
    int rc = 1;

    if (db_global_init(&e) != 0 || refdata_load(&b.ref, &e) != 0 || catalog_load(NULL, &b.cat, &e) != 0
        || store_open(&t, &b.s, &e) != 0) {
        fprintf(stderr, "bench_eligible: %s\n", e.msg);
    } else if (subset(b.cat, &b.three, b.three_store) != 0) {
        fprintf(stderr, "bench_eligible: no scheme %s, %s or %s in the catalogue\n", sql_ids[0], sql_ids[1],
                sql_ids[2]);
    } else if (slurp(sql_path, &b.sql_text) == 0) {
        b.pg = strcmp(db_backend_name(store_db(b.s)), "postgres") == 0;
        b.counts = mem_calloc(b.cat->n, sizeof *b.counts);
        if (b.counts == NULL)
            fprintf(stderr, "bench_eligible: out of memory\n");
        else if (report(&b) == 0)
            rc = 0;
    }
    bench_free(&b);
    return rc;
}
