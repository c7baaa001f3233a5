/* bench_eligible DB: batch eligibility over every enterprise in a SQLite
 * store, beside a hand-written SQL query computing the same three schemes'
 * statuses (cgtmse, pmmy, samadhaan) in SQLite; the two must agree on
 * every count. Also single-profile evaluation of the whole catalogue with
 * explanations. Prints TSV rows for bench/run. */
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/money.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/eligibility.h"
#include "store/db.h"
#include "store/store.h"

static const char *const sql_ids[3] = {"cgtmse", "pmmy", "samadhaan"};

/* The same criteria in SQL, three-valued through NULL: class by the 2025
 * limits (exports unknown: the class must agree at both extremes), need
 * fixed at working capital of ₹10 lakh, as in the batch run. */
static const char sql_query[] =
    "WITH k AS (SELECT udyam, constitution, "
    "  CASE WHEN investment_paise <= 2500000000 AND t_lo <= 10000000000 THEN 'micro' "
    "       WHEN investment_paise <= 25000000000 AND t_lo <= 100000000000 THEN 'small' "
    "       WHEN investment_paise <= 125000000000 AND t_lo <= 500000000000 THEN 'medium' ELSE 'large' END AS c_lo, "
    "  CASE WHEN investment_paise <= 2500000000 AND t_hi <= 10000000000 THEN 'micro' "
    "       WHEN investment_paise <= 25000000000 AND t_hi <= 100000000000 THEN 'small' "
    "       WHEN investment_paise <= 125000000000 AND t_hi <= 500000000000 THEN 'medium' ELSE 'large' END AS c_hi "
    "  FROM (SELECT *, turnover_paise - COALESCE(exports_paise, 0) AS t_lo, "
    "               CASE WHEN exports_paise IS NULL THEN 0 ELSE turnover_paise - exports_paise END AS t_hi "
    "        FROM enterprise)), "
    "c AS (SELECT udyam, constitution, CASE WHEN c_lo = c_hi THEN c_lo END AS class FROM k), "
    "s AS (SELECT "
    "  CASE WHEN class IS NULL THEN 'unknown' WHEN class IN ('micro','small') THEN 'eligible' ELSE 'ineligible' END AS cgtmse, "
    "  CASE WHEN constitution IN ('private_company','public_company') THEN 'ineligible' "
    "       WHEN constitution IS NULL THEN 'unknown' ELSE 'eligible' END AS pmmy, "
    "  CASE WHEN class IS NOT NULL AND class NOT IN ('micro','small') THEN 'ineligible' "
    "       WHEN udyam IS NULL THEN 'ineligible' WHEN class IS NULL THEN 'unknown' ELSE 'eligible' END AS samadhaan "
    "  FROM c) "
    "SELECT 0, cgtmse, COUNT(*) FROM s GROUP BY cgtmse UNION ALL "
    "SELECT 1, pmmy, COUNT(*) FROM s GROUP BY pmmy UNION ALL "
    "SELECT 2, samadhaan, COUNT(*) FROM s GROUP BY samadhaan";

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

static int sql_counts(const char *db, struct batch_counts *counts, double *seconds)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    double t0;

    memset(counts, 0, 3 * sizeof *counts);
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(h, sql_query, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_eligible: %s\n", sqlite3_errmsg(h));
        return -1;
    }
    t0 = now();
    while (sqlite3_step(st) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 0);
        const char *status = (const char *)sqlite3_column_text(st, 1);
        size_t n = (size_t)sqlite3_column_int64(st, 2);
        if (strcmp(status, "eligible") == 0)
            counts[k].eligible = n;
        else if (strcmp(status, "ineligible") == 0)
            counts[k].ineligible = n;
        else
            counts[k].unknown = n;
    }
    *seconds = now() - t0;
    sqlite3_finalize(st);
    sqlite3_close(h);
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

int main(int argc, char **argv)
{
    struct refdata *ref;
    struct catalog *cat, three;
    struct scheme three_store[3];
    struct batch_columns *cols = NULL;
    struct store_target t = {argc > 1 ? argv[1] : "build/bench/ingest.db", NULL};
    struct store *s;
    struct batch_options o = {0, 0, "working_capital", 10 * MONEY_LAKH};
    struct batch_counts *counts, sql[3];
    struct err e;
    double t0, all_s, ours3_s, sql_s, per_text, per_json;

    if (db_global_init(&e) != 0 || refdata_load(&ref, &e) != 0 || catalog_load(NULL, &cat, &e) != 0
        || (cols = batch_columns_new(ref)) == NULL || store_open(&t, &s, &e) != 0 || store_enterprise_each(s, add, cols, &e) != 0
        || subset(cat, &three, three_store) != 0) {
        fprintf(stderr, "bench_eligible: %s\n", cols == NULL ? "out of memory" : e.msg);
        return 1;
    }
    store_close(s);
    date_from_ymd(2025, 6, 1, &o.as_of);
    counts = mem_calloc(cat->n, sizeof *counts);
    /* Best of five runs each, the SQL included (its pages are then cached,
     * as the columns are in memory). */
    all_s = ours3_s = sql_s = 1e30;
    for (int r = 0; r < 5; r++) {
        double sec;
        t0 = now();
        if (batch_evaluate(cat, ref, cols, &o, NULL, counts, &e) != 0)
            return 1;
        all_s = fmin(all_s, now() - t0);
        t0 = now();
        if (batch_evaluate(&three, ref, cols, &o, NULL, counts, &e) != 0)
            return 1;
        ours3_s = fmin(ours3_s, now() - t0);
        if (sql_counts(t.sqlite_path, sql, &sec) != 0)
            return 1;
        sql_s = fmin(sql_s, sec);
    }
    for (int k = 0; k < 3; k++) {
        if (counts[k].eligible != sql[k].eligible || counts[k].ineligible != sql[k].ineligible
            || counts[k].unknown != sql[k].unknown) {
            fprintf(stderr, "bench_eligible: %s disagrees with SQL: %zu/%zu/%zu vs %zu/%zu/%zu\n", sql_ids[k],
                    counts[k].eligible, counts[k].ineligible, counts[k].unknown, sql[k].eligible,
                    sql[k].ineligible, sql[k].unknown);
            return 1;
        }
    }
    per_text = single_profile(ref, cat, false);
    per_json = single_profile(ref, cat, true);
    if (per_text < 0 || per_json < 0)
        return 1;
    printf("batch eligibility, %zu enterprises x %zu schemes (%ld threads)\t%.0f\tdecisions/s\t"
           "goal: 20 million a second\t20000000\t%.2f\n",
           cols->n, cat->n, sysconf(_SC_NPROCESSORS_ONLN), (double)cols->n * (double)cat->n / all_s,
           (double)cols->n * (double)cat->n / all_s / 2e7);
    printf("batch eligibility, same 3 schemes as the SQL (cgtmse, pmmy, samadhaan)\t%.0f\tdecisions/s\t"
           "hand-written SQL in SQLite, same criteria, same counts\t%.0f\t%.2f\n",
           (double)cols->n * 3 / ours3_s, (double)cols->n * 3 / sql_s, sql_s / ours3_s);
    printf("one profile x whole catalogue (%zu schemes), ranked, with explanations as text\t%.1f\tus\t"
           "goal: 50 us\t50\t%.2f\n", cat->n, per_text * 1e6, 50 / (per_text * 1e6));
    printf("(context) the same, explanations as the contract JSON (jansson)\t%.1f\tus\t"
           "the same with text\t%.1f\t%.2f\n", per_json * 1e6, per_text * 1e6, per_text / per_json);
    mem_free(counts);
    batch_columns_free(cols);
    catalog_free(cat);
    refdata_free(ref);
    return 0;
}
