#include "gen/gen_clusters.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "gen/gen_faults.h"
#include "gen/gen_population.h"

#define RUPEE 100
#define CRORE 1e7
#define FIRST_APPROVAL_YEAR 2010

/* --- the register ------------------------------------------------------ */

static int32_t uniform_date(struct rng *r, int32_t lo, int32_t hi)
{
    return hi <= lo ? lo : lo + (int32_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

static double uniform(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_uniform(r);
}

static int pick_product(struct rng *r, enum gen_cluster_scheme s)
{
    size_t n;
    const struct gen_product *p = gen_products(&n);

    for (;;) {
        int k = (int)rng_below(r, n);
        if (s == CLS_OTHER || p[k].traditional == (s == CLS_SFURTI))
            return k;
    }
}

/* Three letters for a district: its initial and the next consonants
 * ("LUCKNOW" -> "LCK"), padded with its other letters. */
static void district_abbrev(const char *name, char out[4])
{
    int n = 0;

    out[n++] = name[0];
    for (const char *p = name + 1; *p && n < 3; p++)
        if (*p >= 'A' && *p <= 'Z' && !strchr("AEIOU", *p))
            out[n++] = *p;
    for (const char *p = name + 1; *p && n < 3; p++)
        if (*p >= 'A' && *p <= 'Z' && strchr("AEIOU", *p))
            out[n++] = *p;
    while (n < 3)
        out[n++] = 'X';
    out[3] = '\0';
}

static void title_case(const char *upper, char *out, size_t cap)
{
    size_t i;
    bool start = true;

    for (i = 0; upper[i] && i + 1 < cap; i++) {
        char ch = upper[i];
        out[i] = !start && ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
        start = ch == ' ' || ch == '-' || ch == '(';
    }
    out[i] = '\0';
}

static bool special_area(const struct gen_ctx *c, const struct gen_cluster *k)
{
    const struct state_info *s = c->states[k->state].info;

    return s->ner || s->hill != HILL_NO || c->ref->districts[k->district].aspirational;
}

/* Project cost and central grant (domain.md §3.6, §3.7): SFURTI up to
 * Rs 2.5 crore (regular) or 5 crore (major) of grant; MSE-CDP CFCs
 * 70% of Rs 5-10 crore and 60% of 10-30 crore, 80%/70% in special areas. */
static void money_terms(const struct gen_ctx *c, struct rng *r, struct gen_cluster *k)
{
    double cost, grant = 0;

    if (k->scheme == CLS_SFURTI) {
        cost = uniform(r, 1, 5) * CRORE;
        grant = fmin(0.9 * cost, cost <= 2.5 * CRORE ? 2.5 * CRORE : 5 * CRORE);
    } else if (k->scheme == CLS_MSE_CDP) {
        double share;
        cost = uniform(r, 5, 30) * CRORE;
        share = cost <= 10 * CRORE ? 0.70 : 0.60;
        grant = cost * (special_area(c, k) ? share + 0.10 : share);
    } else {
        cost = uniform(r, 0.5, 3) * CRORE;   /* state or private cluster: no central grant */
    }
    k->project_cost = (int64_t)llround(cost / 1e5) * 100000 * RUPEE;
    k->grant = k->status == CST_PROPOSED ? 0 : (int64_t)llround(grant / 1e5) * 100000 * RUPEE;
}

static void lifecycle(const struct gen_ctx *c, struct rng *r, struct gen_cluster *k)
{
    const struct gen_model *m = c->m;
    int32_t earliest;

    k->first_month = k->last_month = GEN_NO_MONTH;
    k->approved_on = GEN_NO_DATE;
    if (k->status == CST_PROPOSED)
        return;
    date_from_ymd(FIRST_APPROVAL_YEAR, 4, 1, &earliest);
    k->approved_on = uniform_date(r, earliest, c->as_of - 90);
    k->capacity_hours = (int)(uniform(r, m->cfc_capacity_min, m->cfc_capacity_max) / 10) * 10;
    k->rate_rs = floor(uniform(r, m->cfc_rate_min, m->cfc_rate_max));
    k->utilisation = rng_chance(r, m->cfc_underused_share)
                         ? uniform(r, m->cfc_utilisation_low_min, m->cfc_utilisation_low_max)
                         : uniform(r, m->cfc_utilisation_min, m->cfc_utilisation_max);
    if (k->status == CST_APPROVED)
        return;                                   /* the CFC is still being built */
    k->first_month = date_month_index(k->approved_on) + 12 + (int)rng_below(r, 19);
    if (k->first_month > c->last_month)
        k->first_month = c->last_month - (int)rng_below(r, 6);
    k->last_month = c->last_month;
    if (k->status == CST_CLOSED)
        k->last_month = k->first_month + 12 + (int)rng_below(r, 37);
    if (k->last_month > c->last_month)
        k->last_month = c->last_month;
}

/* The share of its district's manufacturers that take up the cluster's
 * product, so that it ends up with about its target number of members
 * whatever the size of the run. */
static double adoption(const struct gen_ctx *c, struct rng *r, const struct gen_cluster *k)
{
    const struct gen_model *m = c->m;
    const struct gen_state *st = &c->states[k->state];
    double target = m->cluster_members_median * exp(m->cluster_members_sigma * rng_normal(r));
    double in_district = (double)c->n * c->state_weight[k->state] / c->state_weight_total
                         / (double)st->n * m->activity_share[ACT_MANUFACTURING];
    double p = target / (in_district * m->cluster_membership);

    return p > m->cluster_adoption_max ? m->cluster_adoption_max : p;
}

static void draw_cluster(struct gen_ctx *c, size_t i)
{
    const struct gen_model *m = c->m;
    struct gen_cluster *k = &c->clusters[i];
    size_t np;
    const struct gen_product *p = gen_products(&np);
    char abbrev[4], place[64];
    struct rng r;

    rng_seed(&r, c->seed, gen_stream_id(i, STREAM_CLUSTER));
    gen_population_place(c, &r, &k->state, &k->district);
    k->scheme = (enum gen_cluster_scheme)rng_weighted(&r, m->cluster_scheme_share, CLS_COUNT);
    k->product = pick_product(&r, k->scheme);
    k->status = (enum gen_cluster_status)rng_weighted(&r, m->cluster_status_share, CST_COUNT);
    lifecycle(c, &r, k);
    money_terms(c, &r, k);
    k->adoption = adoption(c, &r, k);
    district_abbrev(c->ref->districts[k->district].name, abbrev);
    snprintf(k->id, sizeof k->id, "%s-%s-%s", c->states[k->state].info->key, abbrev, p[k->product].key);
    title_case(c->ref->districts[k->district].name, place, sizeof place);
    snprintf(k->name, sizeof k->name, "%s %s Cluster", place, p[k->product].name);
    k->next_in_district = c->district_cluster[k->district];
    c->district_cluster[k->district] = (int)i;
}

static int by_id(const void *a, const void *b, void *arg)
{
    const struct gen_cluster *k = arg;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int d = strcmp(k[x].id, k[y].id);

    return d != 0 ? d : (x > y) - (x < y);
}

/* Same state, district letters and product twice: number the later ones
 * ("-2", "-3") in register order, so ids are unique and deterministic. */
static int dedupe_ids(struct gen_ctx *c, struct err *e)
{
    size_t n = c->n_clusters;
    size_t *order = mem_calloc(n, sizeof *order), *run = mem_calloc(n, sizeof *run);

    if (order == NULL || run == NULL) {
        mem_free(order);
        mem_free(run);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, by_id, c->clusters);
    for (size_t i = 0; i < n; i++)
        run[i] = i > 0 && strcmp(c->clusters[order[i - 1]].id, c->clusters[order[i]].id) == 0
                     ? run[i - 1] + 1 : 1;
    for (size_t i = 0; i < n; i++) {
        struct gen_cluster *k = &c->clusters[order[i]];
        size_t len = strlen(k->id);
        if (run[i] > 1)
            snprintf(k->id + len, sizeof k->id - len, "-%zu", run[i]);
    }
    mem_free(order);
    mem_free(run);
    return 0;
}

int gen_clusters_build(struct gen_ctx *c, struct err *e)
{
    double n = round((double)c->n / c->m->enterprises_per_cluster);

    c->n_clusters = n < 1 ? 1 : (size_t)n;
    c->clusters = mem_calloc(c->n_clusters, sizeof *c->clusters);
    if (c->clusters == NULL)
        return err_set(e, "out of memory for %zu clusters", c->n_clusters);
    for (size_t i = 0; i < c->n_clusters; i++)
        draw_cluster(c, i);
    return dedupe_ids(c, e);
}

/* --- membership ------------------------------------------------------- */

static enum gen_member_role member_role(const struct gen_ctx *c, struct rng *r,
                                        const struct gen_cluster *k)
{
    if (rng_chance(r, c->m->cluster_anchor_share))
        return ROLE_ANCHOR;
    /* Members of the special purpose vehicle that runs the CFC. */
    if (k->scheme != CLS_OTHER && k->status != CST_PROPOSED && rng_chance(r, c->m->cluster_spv_share))
        return ROLE_SPV_MEMBER;
    return ROLE_MEMBER;
}

int gen_clusters_member_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    const struct gen_cluster *k;
    enum reason why;
    struct gen_row row;
    struct rng r;
    char bad[20];
    bool repeat;

    if (!e->cluster_member || !gen_ent_on_file(e))
        return 0;
    k = &c->clusters[e->cluster];
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_MEMBER));
    why = gen_block_pick_error(c, OUT_CLUSTER_MEMBER, &r);
    repeat = why == R_DUPLICATE_ROW;
    if (repeat)
        why = R_NONE;
    gen_row_begin(&row, &b->out[OUT_CLUSTER_MEMBER]);
    gen_put_raw(&row, k->id);
    if (why == R_UDYAM_INVALID) {
        gen_fault_udyam(e->udyam, bad);
        gen_put_raw(&row, bad);
    } else {
        gen_put_raw(&row, e->udyam);
    }
    if (k->approved_on == GEN_NO_DATE) {
        gen_put_empty(&row);
    } else {
        int32_t from = k->approved_on > e->commenced_on ? k->approved_on : e->commenced_on;
        int32_t joined = from + (int32_t)rng_below(&r, 366);
        gen_put_date(&row, joined > c->as_of ? c->as_of : joined);
    }
    gen_put_raw(&row, gen_member_role_name(member_role(c, &r, k)));
    if (why == R_NONE) {
        b->members[e->cluster]++;
        b->stats.c[C_CLUSTER_MEMBERS]++;
    }
    return gen_block_finish(b, OUT_CLUSTER_MEMBER, &row, why, repeat);
}

/* --- cluster.csv and cfc_usage.csv -------------------------------------- */

static void put_money_or_empty(struct gen_row *row, int64_t paise)
{
    if (paise > 0)
        gen_put_money(row, paise);
    else
        gen_put_empty(row);
}

static int cluster_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_cluster *k,
                       const char *id, const char *district, enum reason why, bool repeat)
{
    size_t np;
    const struct gen_product *p = gen_products(&np);
    struct gen_row row;

    gen_row_begin(&row, &b->out[OUT_CLUSTER]);
    gen_put_raw(&row, id);
    gen_put_text(&row, k->name);
    gen_put_raw(&row, gen_cluster_scheme_name(k->scheme));
    gen_put_u64_width(&row, (uint64_t)c->states[k->state].info->gst_code, 2);
    gen_put_text(&row, district);
    gen_put_text(&row, p[k->product].name);
    gen_put_raw(&row, p[k->product].nic);
    gen_put_yn(&row, p[k->product].traditional);
    if (k->approved_on != GEN_NO_DATE)
        gen_put_date(&row, k->approved_on);
    else
        gen_put_empty(&row);
    put_money_or_empty(&row, k->project_cost);
    put_money_or_empty(&row, k->grant);
    if (k->capacity_hours > 0 && k->scheme != CLS_OTHER)
        gen_put_u64(&row, (uint64_t)k->capacity_hours);
    else
        gen_put_empty(&row);
    gen_put_raw(&row, gen_cluster_status_name(k->status));
    return gen_block_finish(b, OUT_CLUSTER, &row, why, repeat);
}

static size_t extra_rows(const struct gen_ctx *c, enum gen_out o, enum reason why, size_t n)
{
    const struct gen_feed_errors *fe = &c->m->errors[o];

    for (int i = 0; i < fe->n; i++)
        if (fe->e[i].reason == why) {
            double k = round(fe->e[i].rate * (double)n);
            return k < 1 ? 1 : (size_t)k;
        }
    return 0;
}

/* cluster.csv: every cluster, then injected rows that refer to nothing
 * else: proposals naming a district that does not exist, and exact
 * repeats (so no member or CFC row ever points at a quarantined cluster). */
static int write_register(const struct gen_ctx *c, struct gen_block *b)
{
    size_t n_bad = extra_rows(c, OUT_CLUSTER, R_UNKNOWN_DISTRICT, c->n_clusters);
    size_t n_dup = extra_rows(c, OUT_CLUSTER, R_DUPLICATE_ROW, c->n_clusters);
    struct rng r;
    uint64_t offset;

    rng_seed(&r, c->seed, gen_stream_id(0, STREAM_CLUSTER) ^ 0xC1);
    offset = rng_below(&r, c->n_clusters);
    for (size_t i = 0; i < c->n_clusters; i++) {
        const struct gen_cluster *k = &c->clusters[i];
        bool repeat = (i + offset) % c->n_clusters < n_dup;   /* exactly n_dup of them */
        if (cluster_row(c, b, k, k->id, c->ref->districts[k->district].name, R_NONE, repeat) != 0)
            return -1;
    }
    for (size_t i = 0; i < n_bad; i++) {
        struct gen_cluster k = c->clusters[rng_below(&r, c->n_clusters)];
        char id[64];
        k.status = CST_PROPOSED;
        k.approved_on = GEN_NO_DATE;
        k.grant = 0;
        k.capacity_hours = 0;
        snprintf(id, sizeof id, "%s-P%zu", k.id, i + 1);
        if (cluster_row(c, b, &k, id, gen_fault_district(&r), R_UNKNOWN_DISTRICT, false) != 0)
            return -1;
    }
    return 0;
}

static int usage_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_cluster *k,
                     uint32_t members, int month, struct rng *r)
{
    double hours = k->capacity_hours * k->utilisation * (1.0 + 0.15 * rng_normal(r));
    double share = k->utilisation * (0.4 + 0.5 * rng_uniform(r));
    enum reason why = gen_block_pick_error(c, OUT_CFC_USAGE, r);
    bool repeat = why == R_DUPLICATE_ROW;
    uint64_t used;
    struct gen_row row;
    char bad[32];

    if (repeat)
        why = R_NONE;
    hours = hours < 0 ? 0 : hours > k->capacity_hours ? k->capacity_hours : hours;
    used = (uint64_t)llround(hours);
    gen_row_begin(&row, &b->out[OUT_CFC_USAGE]);
    gen_put_raw(&row, k->id);
    gen_put_month(&row, month);
    if (why == R_BAD_NUMBER) {
        gen_fault_number(r, used, bad, sizeof bad);
        gen_put_raw(&row, bad);
    } else {
        gen_put_u64(&row, used);
    }
    gen_put_u64(&row, (uint64_t)llround(members * (share > 1 ? 1 : share)));
    gen_put_money(&row, (int64_t)llround((double)used * k->rate_rs) * RUPEE);
    return gen_block_finish(b, OUT_CFC_USAGE, &row, why, repeat);
}

static int write_usage(const struct gen_ctx *c, const uint32_t *members, struct gen_block *b)
{
    for (size_t i = 0; i < c->n_clusters; i++) {
        const struct gen_cluster *k = &c->clusters[i];
        int from = k->first_month > c->first_month ? k->first_month : c->first_month;
        struct rng r;
        if (k->first_month == GEN_NO_MONTH || k->scheme == CLS_OTHER || k->capacity_hours == 0)
            continue;
        rng_seed(&r, c->seed, gen_stream_id(i, STREAM_CLUSTER) ^ 0xCF);
        for (int m = from; m <= k->last_month; m++)
            if (usage_row(c, b, k, members[i], m, &r) != 0)
                return -1;
    }
    return 0;
}

int gen_clusters_write(const struct gen_ctx *c, const uint32_t *members, struct gen_block *b)
{
    if (write_register(c, b) != 0 || write_usage(c, members, b) != 0)
        return -1;
    return gen_block_end(b);
}
