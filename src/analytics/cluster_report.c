/* cluster_report.c: see cluster_report.h. */
#include "analytics/cluster_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/stress_reason.h"
#include "analytics/suppress.h"
#include "core/alloc.h"
#include "core/buf.h"

/* The cell of (state, district, category of nic) at a level, or -1. */
static long find_cell(const struct cluster_level_map *l, const char *state, const char *district,
                      const char *nic)
{
    struct clusters_cell key;
    const struct clusters_cell *c;

    memset(&key, 0, sizeof key);
    if (strlen(nic) < (size_t)l->level)
        return -1;
    snprintf(key.state, sizeof key.state, "%s", state);
    snprintf(key.district, sizeof key.district, "%s", district);
    memcpy(key.nic, nic, (size_t)l->level);
    key.nic[l->level] = '\0';
    c = bsearch(&key, l->cells, l->n, sizeof *l->cells, clusters_cell_cmp);
    return c == NULL ? -1 : (long)(c - l->cells);
}

static int level_init(struct cluster_level_map *l, enum clusters_level level,
                      struct clusters_cell *cells, size_t n, struct err *e)
{
    l->level = level;
    l->cells = cells;
    l->n = n;
    qsort(cells, n, sizeof *cells, clusters_cell_cmp);
    l->scores = mem_calloc(n ? n : 1, sizeof *l->scores);
    l->has_reg = mem_calloc(n ? n : 1, sizeof *l->has_reg);
    if (l->scores == NULL || l->has_reg == NULL)
        return err_set(e, "out of memory");
    return clusters_score(cells, n, l->scores, e);
}

static void level_free(struct cluster_level_map *l)
{
    mem_free(l->cells);
    mem_free(l->scores);
    mem_free(l->has_reg);
    memset(l, 0, sizeof *l);
}

bool cluster_map_candidate(const struct cluster_level_map *l, size_t i)
{
    return l->scores[i].detected && (l->scores[i].stars_mask & CLUSTERS_STAR_SPECIALISATION)
           && !l->has_reg[i];
}

bool cluster_map_reg_specialised(const struct cluster_map *m, size_t r)
{
    long g = m->reg_group[r];

    return g >= 0 && !suppress_cell(m->group.cells[g].enterprises)
           && (m->group.scores[g].stars_mask & CLUSTERS_STAR_SPECIALISATION);
}

static void count_districts(struct cluster_map *m)
{
    const struct cluster_level_map *l = &m->division;

    m->districts = 0;
    for (size_t i = 0; i < l->n; i++) {
        m->enterprises += l->cells[i].enterprises;
        m->employment += l->cells[i].employment;
        if (i == 0 || strcmp(l->cells[i].state, l->cells[i - 1].state) != 0
            || strcmp(l->cells[i].district, l->cells[i - 1].district) != 0)
            m->districts++;
    }
}

int cluster_map_build(struct clusters_cell *groups, size_t n, const struct cluster_reg *regs,
                      size_t n_regs, struct cluster_map *m, struct err *e)
{
    struct clusters_cell *divisions = NULL;
    size_t n_div = 0;

    memset(m, 0, sizeof *m);
    m->regs = regs;
    m->n_regs = n_regs;
    if (clusters_rollup_division(groups, n, &divisions, &n_div, e) != 0) {
        mem_free(groups);
        return -1;
    }
    if (level_init(&m->group, CLUSTERS_GROUP, groups, n, e) != 0
        || level_init(&m->division, CLUSTERS_DIVISION, divisions, n_div, e) != 0)
        goto fail;
    m->reg_group = mem_calloc(n_regs ? n_regs : 1, sizeof *m->reg_group);
    m->reg_division = mem_calloc(n_regs ? n_regs : 1, sizeof *m->reg_division);
    if (m->reg_group == NULL || m->reg_division == NULL) {
        err_set(e, "out of memory");
        goto fail;
    }
    for (size_t r = 0; r < n_regs; r++) {
        m->reg_group[r] = find_cell(&m->group, regs[r].state, regs[r].district, regs[r].nic);
        m->reg_division[r] = find_cell(&m->division, regs[r].state, regs[r].district, regs[r].nic);
        if (m->reg_group[r] >= 0)
            m->group.has_reg[m->reg_group[r]] = true;
        if (m->reg_division[r] >= 0)
            m->division.has_reg[m->reg_division[r]] = true;
        if (cluster_map_reg_specialised(m, r))
            m->registered_specialised++;
    }
    count_districts(m);
    for (int k = 0; k < 2; k++) {
        const struct cluster_level_map *l = k == 0 ? &m->division : &m->group;
        for (size_t i = 0; i < l->n; i++) {
            m->detected += l->scores[i].detected;
            m->candidates += cluster_map_candidate(l, i);
        }
    }
    return 0;
fail:
    /* level_init took the arrays even when it failed. */
    if (m->group.cells == NULL)
        mem_free(groups);
    if (m->division.cells == NULL)
        mem_free(divisions);
    cluster_map_free(m);
    return -1;
}

void cluster_map_free(struct cluster_map *m)
{
    if (m == NULL)
        return;
    level_free(&m->group);
    level_free(&m->division);
    mem_free(m->reg_group);
    mem_free(m->reg_division);
    memset(m, 0, sizeof *m);
}

/* --- JSON ----------------------------------------------------------------- */

static double round3(double x)
{
    return round(x * 1000.0) / 1000.0;
}

static json_t *stars_json(unsigned mask)
{
    return json_pack("{s:b, s:b, s:b}", "size", (mask & CLUSTERS_STAR_SIZE) != 0, "specialisation",
                     (mask & CLUSTERS_STAR_SPECIALISATION) != 0, "focus", (mask & CLUSTERS_STAR_FOCUS) != 0);
}

static const char *level_name(enum clusters_level l)
{
    return l == CLUSTERS_GROUP ? "group" : "division";
}

/* A cell that may be shown: counts, LQ and stars. */
static json_t *cell_json(const struct cluster_level_map *l, size_t i)
{
    const struct clusters_cell *c = &l->cells[i];
    const struct clusters_score *s = &l->scores[i];

    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:f, s:f, s:i, s:o}", "level", level_name(l->level),
                     "state", c->state, "district", c->district, "nic", c->nic, "enterprises",
                     (json_int_t)c->enterprises, "employment", (json_int_t)c->employment, "lq",
                     round3(s->lq), "share", round3(s->share), "stars", s->stars, "star",
                     stars_json(s->stars_mask));
}

/* The registered cluster's cell at one level, or a withheld marker. */
static json_t *reg_cell_json(const struct cluster_level_map *l, long i)
{
    json_t *o;

    if (i < 0)
        return json_pack("{s:I, s:n}", "enterprises", (json_int_t)0, "lq");
    if (suppress_cell(l->cells[i].enterprises))
        return json_pack("{s:b}", "suppressed", 1);
    o = cell_json(l, (size_t)i);
    if (o != NULL && json_object_set_new(o, "detected", json_boolean(l->scores[i].detected)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *registered_json(const struct cluster_map *m)
{
    json_t *a = json_array();

    for (size_t r = 0; a != NULL && r < m->n_regs; r++) {
        const struct cluster_reg *g = &m->regs[r];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b}", "id", g->id,
                              "name", g->name, "scheme", g->scheme, "status", g->status, "state",
                              g->state, "district", g->district, "product", g->product, "nic", g->nic,
                              "group", reg_cell_json(&m->group, m->reg_group[r]), "division",
                              reg_cell_json(&m->division, m->reg_division[r]), "specialised",
                              cluster_map_reg_specialised(m, r));
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static int cells_json(const struct cluster_map *m, bool candidates, json_t *a)
{
    for (int k = 0; k < 2; k++) {
        const struct cluster_level_map *l = k == 0 ? &m->division : &m->group;
        for (size_t i = 0; i < l->n; i++) {
            json_t *o;
            if (!l->scores[i].detected || (candidates && !cluster_map_candidate(l, i)))
                continue;
            if ((o = cell_json(l, i)) == NULL)
                return -1;
            if (json_object_set_new(o, "registered", json_boolean(l->has_reg[i])) != 0) {
                json_decref(o);
                return -1;
            }
            if (json_array_append_new(a, o) != 0)
                return -1;
        }
    }
    return 0;
}

json_t *cluster_map_json(const struct cluster_map *m)
{
    json_t *detected = json_array(), *candidates = json_array();
    json_t *o;

    if (detected == NULL || candidates == NULL || cells_json(m, false, detected) != 0
        || cells_json(m, true, candidates) != 0) {
        json_decref(detected);
        json_decref(candidates);
        return NULL;
    }
    o = json_pack("{s:{s:i, s:f, s:f, s:i}, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:o}",
                  "method", "min_enterprises", CLUSTERS_MIN_ENTERPRISES, "lq_specialised",
                  CLUSTERS_LQ_SPECIALISED, "top_share", CLUSTERS_TOP_SHARE, "suppress_below",
                  SUPPRESS_MIN_ENTERPRISES,
                  "summary", "districts", (json_int_t)m->districts, "enterprises",
                  (json_int_t)m->enterprises, "detected", (json_int_t)m->detected, "candidates",
                  (json_int_t)m->candidates, "registered", (json_int_t)m->n_regs,
                  "registered_specialised", (json_int_t)m->registered_specialised,
                  "detected_clusters", detected, "candidates", candidates, "registered",
                  registered_json(m));
    return o;
}

/* --- health ----------------------------------------------------------------- */

const char *cluster_stress_basis_code(enum cluster_stress_basis b)
{
    return b == STRESS_BASIS_SCORE ? "stress_score" : "sma1_or_worse";
}

const char *cluster_peer_group_code(int group)
{
    return group == 1 ? "division_and_sector" : group == 2 ? "sector" : NULL;
}

int cluster_health_report_build(const struct cluster_reg *regs, size_t n,
                                struct cluster_health_input *in, enum cluster_stress_basis basis,
                                int as_of, struct cluster_health_report *r, struct err *e)
{
    char (*division)[3] = mem_calloc(n ? n : 1, sizeof *division);

    memset(r, 0, sizeof *r);
    r->regs = regs;
    r->n = n;
    r->in = in;
    r->basis = basis;
    r->as_of = as_of;
    r->h = mem_calloc(n ? n : 1, sizeof *r->h);
    if (r->h == NULL || division == NULL) {
        mem_free(division);
        cluster_health_report_free(r);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(division[i], regs[i].nic, 2);
        division[i][2] = '\0';
        cluster_health_compute(&in[i], &r->h[i]);
        r->sick += r->h[i].sick;
        r->with_index += r->h[i].has_index;
    }
    cluster_health_benchmark(in, (const char (*)[3])division, r->h, n);
    mem_free(division);
    return 0;
}

void cluster_health_report_free(struct cluster_health_report *r)
{
    if (r == NULL)
        return;
    mem_free(r->in);
    mem_free(r->h);
    memset(r, 0, sizeof *r);
}

static json_t *num_or_null(bool has, double v)
{
    return has ? json_real(round3(v)) : json_null();
}

static json_t *count_or_null(int64_t n)
{
    return suppress_cell(n) ? json_null() : json_integer((json_int_t)n);
}

static json_t *reasons_json(const struct cluster_health *h)
{
    const enum cluster_sign *signs = cluster_health_signs;
    json_t *a = json_array();
    struct buf b = BUF_INIT;

    for (size_t i = 0; a != NULL && i < sizeof cluster_health_signs / sizeof cluster_health_signs[0]; i++) {
        if (!(h->signs & signs[i]))
            continue;
        buf_reset(&b);
        if (cluster_health_reason_text(h, signs[i], &b) != 0
            || json_array_append_new(a, json_pack("{s:s, s:s}", "code", cluster_health_sign_code(signs[i]),
                                                  "text", buf_cstr(&b))) != 0) {
            json_decref(a);
            a = NULL;
        }
    }
    buf_release(&b);
    return a;
}

static json_t *one_json(const struct cluster_health_report *r, size_t i)
{
    const struct cluster_reg *g = &r->regs[i];
    const struct cluster_health_input *in = &r->in[i];
    const struct cluster_health *h = &r->h[i];
    const char *peer = cluster_peer_group_code(h->peer_group);

    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
        " s:b, s:o, s:{s:o, s:i, s:o}}",
        "id", g->id, "name", g->name, "scheme", g->scheme, "status", g->status, "state", g->state,
        "district", g->district, "product", g->product, "nic", g->nic, "sector",
        in->manufacturing ? "manufacturing" : "services", "members", count_or_null(in->members),
        "turnover_growth", num_or_null(h->has_turnover, h->turnover_growth), "turnover_members",
        count_or_null(in->turnover_members), "stress_share", num_or_null(h->has_stress, h->stress_share),
        "stress_assessed", count_or_null(in->stress_assessed), "member_growth",
        num_or_null(h->has_members, h->member_growth), "cfc_utilisation",
        num_or_null(h->has_cfc, h->cfc_utilisation), "cfc_months",
        h->has_cfc ? json_integer(h->cfc_months) : json_null(), "index",
        h->has_index ? json_real(h->index) : json_null(), "sick", h->sick, "reasons", reasons_json(h),
        "benchmark", "group", peer ? json_string(peer) : json_null(), "peers", h->peers, "percentile",
        num_or_null(h->has_percentile, h->percentile));
}

json_t *cluster_health_report_json(const struct cluster_health_report *r)
{
    json_t *a = json_array(), *o;
    char as_of[8] = "";

    for (size_t i = 0; a != NULL && i < r->n; i++) {
        json_t *c = one_json(r, i);
        if (c == NULL || json_array_append_new(a, c) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    if (r->as_of >= 0)
        cluster_month_format(r->as_of, as_of);
    o = json_pack("{s:s?, s:s, s:f, s:{s:i, s:i, s:i, s:i}, s:{s:f, s:f, s:f, s:f},"
                  " s:{s:I, s:I, s:I}, s:o}",
                  "as_of", as_of[0] ? as_of : NULL, "stress_basis", cluster_stress_basis_code(r->basis),
                  "stress_threshold", STRESS_ALERT_PROBABILITY,
                  "weights", "turnover", CLUSTER_HEALTH_W_TURNOVER, "stress", CLUSTER_HEALTH_W_STRESS,
                  "cfc", CLUSTER_HEALTH_W_CFC, "members", CLUSTER_HEALTH_W_MEMBERS,
                  "sick_when", "turnover_growth_at_most", CLUSTER_SICK_TURNOVER_DROP,
                  "stress_share_at_least", CLUSTER_SICK_STRESS_SHARE, "cfc_utilisation_below",
                  CLUSTER_SICK_CFC_UTILISATION, "index_below", CLUSTER_SICK_INDEX,
                  "summary", "clusters", (json_int_t)r->n, "with_index", (json_int_t)r->with_index,
                  "sick", (json_int_t)r->sick, "clusters", a);
    return o;
}
