/* bench_rank DB GENDIR: offline evaluation of scheme ranking.
 *
 * For every row of the generated legacy beneficiary lists whose enterprise
 * is known (GENDIR/truth/beneficiary_links.csv) and loaded in DB, the
 * enterprise's profile plus the row's stated need (purpose, amount, date)
 * is ranked over the whole catalogue. The scheme it actually took is the
 * relevant one; NDCG@5 measures how high it comes. The baseline ranks
 * every enterprise the same way, by how many beneficiaries each scheme
 * has (popularity). Prints a TSV row for bench/run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "core/refdata.h"
#include "rules/eligibility.h"
#include "rules/rank.h"
#include "store/db.h"
#include "store/store.h"

#define MAX_LINKS 2000000

struct link {
    char scheme[32];
    char list_ref[48];
    char udyam[20];
};

struct evaluation {
    double ours, ours_no_history, popular;
    size_t queries;
};

/* One benefit row whose enterprise is known. */
struct row {
    size_t scheme;              /* catalogue index */
    int purpose;                /* profile vocabulary index */
    int32_t on;
    int64_t amount;             /* paise */
    char udyam[20];
};

static int read_links(const char *path, struct link **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    struct csv_reader *r = f ? csv_reader_new_file(f, NULL) : NULL;
    struct csv_record rec;
    size_t cap = 1024;

    *n = 0;
    *out = mem_alloc(cap * sizeof **out);
    if (r == NULL || *out == NULL || csv_next(r, &rec, NULL) != CSV_RECORD)
        return -1;
    while (csv_next(r, &rec, NULL) == CSV_RECORD) {
        if (rec.nfields < 3 || rec.field[2][0] == '\0')
            continue;
        if (*n == cap) {
            struct link *grown = mem_realloc(*out, 2 * cap * sizeof *grown);
            if (grown == NULL || cap > MAX_LINKS)
                return -1;
            *out = grown;
            cap *= 2;
        }
        snprintf((*out)[*n].scheme, sizeof (*out)[*n].scheme, "%s", rec.field[0]);
        snprintf((*out)[*n].list_ref, sizeof (*out)[*n].list_ref, "%s", rec.field[1]);
        snprintf((*out)[(*n)++].udyam, sizeof (*out)[0].udyam, "%s", rec.field[2]);
    }
    csv_reader_free(r);
    fclose(f);
    return 0;
}

/* The truth file lists rows in the beneficiary file's order, so a scan
 * that resumes after the last hit finds each in a step or two. */
static const struct link *find_link(const struct link *links, size_t n, size_t *cursor,
                                    const char *scheme, const char *ref)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = (*cursor + k) % n;
        if (strcmp(links[i].list_ref, ref) == 0 && strcmp(links[i].scheme, scheme) == 0) {
            *cursor = i + 1;
            return &links[i];
        }
    }
    return NULL;
}

static int read_rows(const char *path, const struct catalog *cat, const struct link *links, size_t n_links,
                     struct row **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    struct csv_reader *r = f ? csv_reader_new_file(f, NULL) : NULL;
    struct csv_record rec;
    size_t cap = 1024, cursor = 0;

    *n = 0;
    *out = mem_alloc(cap * sizeof **out);
    if (r == NULL || *out == NULL || csv_next(r, &rec, NULL) != CSV_RECORD)
        return -1;
    while (csv_next(r, &rec, NULL) == CSV_RECORD) {
        const struct link *ln = rec.nfields >= 14 ? find_link(links, n_links, &cursor, rec.field[0], rec.field[1]) : NULL;
        const struct scheme *s = ln ? catalog_find(cat, ln->scheme) : NULL;
        struct row *w;
        if (s == NULL)
            continue;
        if (*n == cap) {
            struct row *grown = mem_realloc(*out, 2 * cap * sizeof *grown);
            if (grown == NULL)
                return -1;
            *out = grown;
            cap *= 2;
        }
        w = &(*out)[*n];
        w->scheme = (size_t)(s - cat->schemes);
        w->purpose = profile_enum_index(PF_NEED_PURPOSE, rec.field[13]);
        if (w->purpose < 0 || date_parse(rec.field[10], strlen(rec.field[10]), &w->on, NULL) != 0
            || money_parse(rec.field[12], strlen(rec.field[12]), false, &w->amount, NULL) != 0)
            continue;
        snprintf(w->udyam, sizeof w->udyam, "%s", ln->udyam);
        (*n)++;
    }
    csv_reader_free(r);
    fclose(f);
    return 0;
}

/* NDCG@5 with one relevant item: 1/log2(rank + 1) when it is in the top 5. */
static double ndcg5(int rank)
{
    return rank >= 1 && rank <= 5 ? 1.0 / log2((double)rank + 1) : 0.0;
}

static int rank_of(const struct scheme_result *res, size_t n, const struct scheme *want)
{
    for (size_t k = 0; k < n; k++)
        if (res[k].scheme == want)
            return (int)k + 1;
    return 0;
}

static void evaluate_row(const struct refdata *ref, const struct catalog *cat, struct store *s,
                         const struct row *w, const struct rank_history *h, const int *popular_rank,
                         struct scheme_result *res, struct evaluation *ev)
{
    struct enterprise ent;
    struct profile p;
    struct facts f;
    int64_t id;
    bool found;

    if (store_enterprise_find_udyam(s, w->udyam, &id, &found, NULL) != 0 || !found
        || store_enterprise_get(s, id, &ent, &found, NULL) != 0 || !found)
        return;
    profile_init(&p);
    enterprise_to_profile(&ent, &p);
    profile_set_int(&p, PF_NEED_PURPOSE, w->purpose);
    profile_set_int(&p, PF_NEED_AMOUNT, w->amount);
    facts_build(ref, &p, w->on, &f);
    eligibility_all(cat, &f, h, res);
    ev->ours += ndcg5(rank_of(res, cat->n, &cat->schemes[w->scheme]));
    eligibility_all(cat, &f, NULL, res);
    ev->ours_no_history += ndcg5(rank_of(res, cat->n, &cat->schemes[w->scheme]));
    ev->popular += ndcg5(popular_rank[w->scheme]);
    ev->queries++;
    profile_clear(&p);
}

static int by_date(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    return x->on < y->on ? -1 : x->on > y->on;
}

/* From the earlier half of the rows: uptake shares per (scheme, purpose)
 * and the popularity order; the later half is what is evaluated. */
static void train(const struct catalog *cat, const struct row *rows, size_t n, double *share,
                  size_t n_purposes, int *popular_rank)
{
    size_t *by_scheme = mem_calloc(cat->n, sizeof *by_scheme), *by_purpose = mem_calloc(n_purposes, sizeof *by_purpose);

    for (size_t i = 0; i < n; i++) {
        share[rows[i].scheme * n_purposes + (size_t)rows[i].purpose] += 1;
        by_purpose[rows[i].purpose]++;
        by_scheme[rows[i].scheme]++;
    }
    for (size_t k = 0; k < cat->n; k++)
        for (size_t p = 0; p < n_purposes; p++)
            share[k * n_purposes + p] = by_purpose[p] ? share[k * n_purposes + p] / (double)by_purpose[p] : 0;
    for (size_t k = 0; k < cat->n; k++) {
        int rank = 1;
        for (size_t j = 0; j < cat->n; j++)
            rank += by_scheme[j] > by_scheme[k] || (by_scheme[j] == by_scheme[k] && j < k);
        popular_rank[k] = rank;
    }
    mem_free(by_scheme);
    mem_free(by_purpose);
}

int main(int argc, char **argv)
{
    const char *db = argc > 1 ? argv[1] : "build/bench/ingest.db", *dir = argc > 2 ? argv[2] : "build/bench/gen";
    char path[4096];
    struct refdata *ref;
    struct catalog *cat;
    struct store_target t = {db, NULL};
    struct store *s;
    struct link *links;
    struct row *rows;
    size_t n_links, n_rows, n_purposes, half;
    struct scheme_result *res;
    struct evaluation ev = {0};
    struct rank_history h;
    double *share;
    int *popular_rank;
    struct err e;

    for (n_purposes = 0; profile_enum_name(PF_NEED_PURPOSE, (int64_t)n_purposes) != NULL; n_purposes++)
        ;
    snprintf(path, sizeof path, "%s/truth/beneficiary_links.csv", dir);
    if (db_global_init(&e) != 0 || refdata_load(&ref, &e) != 0 || catalog_load(NULL, &cat, &e) != 0
        || store_open(&t, &s, &e) != 0 || read_links(path, &links, &n_links) != 0) {
        fprintf(stderr, "bench_rank: cannot start: %s\n", e.msg);
        return 1;
    }
    snprintf(path, sizeof path, "%s/beneficiary.csv", dir);
    if (read_rows(path, cat, links, n_links, &rows, &n_rows) != 0 || n_rows < 100) {
        fprintf(stderr, "bench_rank: too few benefit rows in %s\n", dir);
        return 1;
    }
    qsort(rows, n_rows, sizeof *rows, by_date);
    half = n_rows / 2;
    share = mem_calloc(cat->n * n_purposes, sizeof *share);
    popular_rank = mem_calloc(cat->n, sizeof *popular_rank);
    res = mem_calloc(cat->n, sizeof *res);
    train(cat, rows, half, share, n_purposes, popular_rank);
    h = (struct rank_history){share, cat->n, n_purposes};
    for (size_t i = half; i < n_rows; i++)
        evaluate_row(ref, cat, s, &rows[i], &h, popular_rank, res, &ev);
    if (ev.queries == 0)
        return 1;
    printf("ranking NDCG@5, %zu later benefit rows (uptake learnt from the %zu earlier ones)\t%.3f\tNDCG@5\t"
           "popularity learnt from the same earlier rows\t%.3f\t%.2f\n",
           ev.queries, half, ev.ours / (double)ev.queries, ev.popular / (double)ev.queries,
           ev.ours / ev.popular);
    printf("ranking NDCG@5, same rows, no history (value and fit only)\t%.3f\tNDCG@5\t"
           "popularity learnt from the earlier rows\t%.3f\t%.2f\n",
           ev.ours_no_history / (double)ev.queries, ev.popular / (double)ev.queries, ev.ours_no_history / ev.popular);
    store_close(s);
    mem_free(links);
    mem_free(rows);
    mem_free(share);
    mem_free(popular_rank);
    mem_free(res);
    catalog_free(cat);
    refdata_free(ref);
    return 0;
}
