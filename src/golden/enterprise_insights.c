/* enterprise_insights.c: see enterprise_insights.h. */
#include "golden/enterprise_insights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "golden/golden.h"
#include "golden/sustainability_overview.h"
#include "rules/eligibility.h"
#include "rules/facts.h"
#include "store/store_energy.h"
#include "store/store_insights.h"

/* 'YYYY-MM' moved by `delta` months. */
static void month_shift(const char *m, int delta, char out[8])
{
    int idx = atoi(m) * 12 + atoi(m + 5) - 1 + delta;

    snprintf(out, 8, "%04d-%02d", (idx / 12) % 10000, idx % 12 + 1);
}

static int tri_enum(const struct profile *p, enum profile_field f, const char *a, const char *b)
{
    if (p->f[f].state != FACT_KNOWN)
        return -1;
    return (int)p->f[f].i == profile_enum_index(f, a)
           || (b != NULL && (int)p->f[f].i == profile_enum_index(f, b));
}

static void subject_of(const struct refdata *ref, const struct profile *p, int32_t today,
                       struct market_subject *s)
{
    static const char *const classes[] = {"micro", "small", "medium", "large"};
    struct facts f;

    facts_build(ref, p, today, &f);
    s->cls = -1;
    if (f.v[SLOT_CLASS].tag == V_STR)
        for (int i = 0; i < 4; i++)
            if (strcmp(f.v[SLOT_CLASS].u.s, classes[i]) == 0)
                s->cls = i;
    s->activity = p->f[PF_ACTIVITY].state == FACT_KNOWN ? (int)p->f[PF_ACTIVITY].i : -1;
    s->manufacturing = tri_enum(p, PF_ACTIVITY, "manufacturing", NULL) == 1;
    s->trading = tri_enum(p, PF_ACTIVITY, "trading", NULL) == 1;
    s->scst_owned = tri_enum(p, PF_OWNER_CATEGORY, "sc", "st");
    s->women_owned = tri_enum(p, PF_OWNER_GENDER, "female", NULL);
    s->disabled_owner = p->f[PF_OWNER_DISABLED].state == FACT_KNOWN ? (int)p->f[PF_OWNER_DISABLED].i
                                                                   : -1;
    s->ner = f.v[SLOT_LOC_NER].tag == V_BOOL ? f.v[SLOT_LOC_NER].u.b : -1;
}

static int market_of(struct store *s, struct enterprise_insights *x, struct err *e)
{
    struct market_peer *peers = NULL, self = {0};
    double *scratch;
    size_t n = 0;

    for (int m = 0; m < METRIC_COUNT; m++)
        x->metric[m].level = PEER_NONE;
    if (strlen(x->ent.nic) < 3)
        return 0;
    if (store_insights_latest_period(s, x->window_end, e) != 0)
        return -1;
    if (x->window_end[0] == '\0')
        return 0;
    month_shift(x->window_end, -12, x->window_cut);
    month_shift(x->window_end, -24, x->window_start);
    if (store_insights_peers(s, x->nic_group, x->window_start, x->window_cut, x->window_end,
                             &peers, &n, e) != 0)
        return -1;
    scratch = mem_calloc(n ? n : 1, sizeof *scratch);
    if (scratch == NULL) {
        mem_free(peers);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        if (peers[i].id == x->ent.id)
            self = peers[i];
    /* Always among its own NIC group's rows; were it not, nothing is
     * compared rather than something wrong. */
    if (self.id != 0)
        for (int m = 0; m < METRIC_COUNT; m++)
            market_metric_compute(peers, n, &self, (enum market_metric_id)m, scratch, &x->metric[m]);
    mem_free(scratch);
    mem_free(peers);
    return 0;
}

static int sustainability_of(struct store *s, const struct insights_env *env,
                             struct enterprise_insights *x, struct err *e)
{
    struct sustain_unit *units = NULL, self = {0};
    struct sector_benchmark *b = NULL;
    size_t n = 0, nb = 0;

    x->intensity_percentile = -1;
    if (store_energy_list(s, x->ent.id, &x->decls, &x->n_decls, e) != 0
        || footprint_compute(env->factors, x->decls, x->n_decls, x->ent.turnover, &x->fp, e) != 0)
        return -1;
    if (!x->fp.declared || x->division[0] == '\0')
        return 0;
    if (sustainability_units_load(s, env->factors, x->division, &units, &n, e) != 0)
        return -1;
    if (sustainability_benchmarks(units, n, &b, &nb, e) != 0) {
        mem_free(units);
        return -1;
    }
    for (size_t i = 0; i < nb; i++)
        if (strcmp(b[i].division, x->division) == 0)
            x->benchmark = b[i];
    self.enterprise_id = x->ent.id;
    memcpy(self.division, x->division, sizeof self.division);
    self.intensity_known = x->fp.intensity_known;
    self.tco2_per_lakh = x->fp.tco2_per_lakh;
    x->intensity_percentile = sustainability_rank(units, n, &self);
    mem_free(b);
    mem_free(units);
    return 0;
}

static void esg_of(const struct insights_env *env, const struct profile *p,
                   struct enterprise_insights *x)
{
    for (size_t i = 0; i < env->tables->n_esg; i++) {
        const char *id = env->tables->esg[i].id;
        int *r = &x->esg[i];
        char *v = x->esg_value[i];
        int64_t m = x->ent.employees_male, w = x->ent.employees_female;
        *r = -1;
        if (strcmp(id, "energy_declared") == 0) {
            *r = x->fp.declared;
            if (x->fp.declared)
                emission_fy_format(x->fp.fy, v);
        } else if (strcmp(id, "zed_certified") == 0) {
            *r = p->f[PF_ZED_LEVEL].state == FACT_KNOWN;
            if (*r)
                snprintf(v, 48, "%s", profile_enum_name(PF_ZED_LEVEL, (int)p->f[PF_ZED_LEVEL].i));
        } else if (strcmp(id, "udyam_registered") == 0) {
            *r = x->ent.udyam[0] != '\0';
            snprintf(v, 48, "%s", x->ent.udyam);
        } else if (strcmp(id, "gst_compliant") == 0) {
            if (p->f[PF_HIST_GST_OVERDUE].state == FACT_KNOWN) {
                *r = p->f[PF_HIST_GST_OVERDUE].i == 0;
                snprintf(v, 48, "%lld", (long long)p->f[PF_HIST_GST_OVERDUE].i);
            }
        } else if (strcmp(id, "workforce_reported") == 0) {
            *r = m >= 0 && w >= 0;
            if (*r && m + w > 0)
                snprintf(v, 48, "%.1f%%", 100.0 * (double)w / (double)(m + w));
        }
    }
}

/* The catalogue's green schemes: ZED (its "Zero Effect" half is the
 * environmental one) and LEAN (waste reduction), each evaluated as if the
 * enterprise asked for what the scheme gives. */
static void green_of(const struct insights_env *env, struct profile *p,
                     struct enterprise_insights *x)
{
    static const char *const ids[] = {"zed", "lean"};
    static const char *const needs[] = {"certification", "technology"};
    struct fact saved = p->f[PF_NEED_PURPOSE];

    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const struct scheme *sc = env->catalog ? catalog_find(env->catalog, ids[i]) : NULL;
        struct scheme_result r;
        struct facts f;
        if (sc == NULL)
            continue;
        p->f[PF_NEED_PURPOSE].state = FACT_KNOWN;
        p->f[PF_NEED_PURPOSE].i = profile_enum_index(PF_NEED_PURPOSE, needs[i]);
        facts_build(env->ref, p, env->today, &f);
        eligibility_scheme(sc, &f, &r);
        x->green[x->n_green++] = (struct green_scheme){sc, r.status, needs[i]};
    }
    p->f[PF_NEED_PURPOSE] = saved;
}

int enterprise_insights_load(struct store *s, const struct insights_env *env, int64_t id,
                             struct enterprise_insights *out, bool *found, struct err *e)
{
    struct golden_record g;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (golden_record_load(s, env->rules, id, env->today, &g, found, e) != 0)
        goto done;
    if (!*found) {
        rc = 0;
        goto done;
    }
    out->ent = g.ent;
    if (strlen(out->ent.nic) >= 3) {
        memcpy(out->nic_group, out->ent.nic, 3);
        memcpy(out->division, out->ent.nic, 2);
    }
    subject_of(env->ref, &g.profile, env->today, &out->subject);
    for (size_t i = 0; i < env->tables->n_fairs; i++)
        out->fair_ok[i] = market_qualifies(&out->subject, env->tables->fairs[i].who);
    for (size_t i = 0; i < env->tables->n_targets; i++)
        out->target_ok[i] = market_qualifies(&out->subject, env->tables->targets[i].who);
    if (market_of(s, out, e) != 0 || sustainability_of(s, env, out, e) != 0)
        goto done;
    esg_of(env, &g.profile, out);
    green_of(env, &g.profile, out);
    rc = 0;
done:
    golden_record_free(&g);
    return rc;
}

void enterprise_insights_free(struct enterprise_insights *x)
{
    mem_free(x->decls);
    x->decls = NULL;
    x->n_decls = 0;
}

/* --- JSON ------------------------------------------------------------------ */

static json_t *tri_json(int v)
{
    return v < 0 ? json_null() : json_boolean(v);
}

static json_t *metric_json(const struct market_metric *m, const char *unit)
{
    json_t *o = json_pack("{s:s, s:s, s:o}", "unit", unit, "peer_group",
                          peer_level_code(m->level), "value",
                          m->known ? json_real(m->value) : json_null());
    json_t *counts = json_object();

    for (int l = 0; l < PEER_LEVELS; l++)
        json_object_set_new(counts, peer_level_code((enum peer_level)l),
                            suppress_cell(m->peers[l]) ? json_string("fewer than 5")
                                                       : json_integer(m->peers[l]));
    json_object_set_new(o, "peers_with_figure", counts);
    if (m->level != PEER_NONE) {
        json_object_set_new(o, "peer_median", json_real(m->peer_median));
        json_object_set_new(o, "percentile", m->known ? json_real(m->percentile) : json_null());
    }
    return o;
}

static json_t *market_json(const struct insights_env *env, const struct enterprise_insights *x)
{
    json_t *fairs = json_array(), *targets = json_array();
    const struct insight_tables *t = env->tables;

    for (size_t i = 0; i < t->n_fairs; i++) {
        const struct trade_fair *f = &t->fairs[i];
        json_t *r = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:b, s:s, s:s}", "programme",
                              f->programme, "component", f->component, "assistance",
                              f->assistance, "cap_rs", (json_int_t)f->cap_rs, "cap_per",
                              f->cap_per, "who", insight_who_code(f->who), "qualifies",
                              tri_json(x->fair_ok[i]), "confirmed", f->confirmed, "scheme",
                              f->scheme, "source", f->source);
        json_object_set_new(r, "rate_pct", f->has_rate ? json_real(f->rate_pct) : json_null());
        json_array_append_new(fairs, r);
    }
    for (size_t i = 0; i < t->n_targets; i++) {
        const struct procurement_target *p = &t->targets[i];
        json_t *r = json_pack("{s:s, s:f, s:s, s:s, s:o, s:s}", "target", p->id, "share_pct",
                              p->share_pct, "applies_to", insight_who_code(p->who), "label",
                              p->label, "qualifies", tri_json(x->target_ok[i]), "source",
                              p->source);
        if (p->progress_confirmed)
            json_object_set_new(r, "progress",
                                json_pack("{s:s, s:s, s:f, s:f, s:s}", "fiscal_year",
                                          p->progress_fy, "scope", p->progress_scope,
                                          "procured_rs_crore", p->procured_crore, "share_pct",
                                          p->achieved_pct, "source", p->progress_source));
        else
            json_object_set_new(r, "progress", json_string("unconfirmed"));
        json_array_append_new(targets, r);
    }
    return json_pack("{s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:o}", "gst_window", "previous_after",
                     x->window_start, "current_after", x->window_cut, "current_through",
                     x->window_end, "turnover_growth", metric_json(&x->metric[METRIC_GROWTH],
                                                                   "fraction (0.10 = +10%)"),
                     "export_share", metric_json(&x->metric[METRIC_EXPORT_SHARE],
                                                 "fraction of turnover"),
                     "public_procurement", targets, "trade_fairs", fairs);
}

static json_t *footprint_json(const struct insights_env *env, const struct enterprise_insights *x)
{
    json_t *lines = json_array(), *o;
    char fy[8];

    if (!x->fp.declared)
        return json_pack("{s:b, s:o}", "declared", 0, "factors",
                         sustainability_factor_sources(env->factors));
    for (int s = 0; s < ES_COUNT; s++) {
        const struct footprint_line *l = &x->fp.line[s];
        if (!x->fp.has[s])
            continue;
        json_array_append_new(lines, json_pack(
            "{s:s, s:f, s:s, s:s, s:f, s:s, s:f, s:f, s:s}", "source", energy_source_code(l->decl.source),
            "quantity", (double)l->decl.quantity_milli / 1000.0, "unit", l->factor.unit,
            "declared_by", l->decl.portal ? "portal" : "feed", "kgco2_per_unit",
            l->factor.kgco2_per_unit, "factor_reference", l->factor.source_text, "tco2",
            l->kgco2 / 1000.0, "energy_gj", l->gj, "declared_at", l->decl.declared_at));
    }
    emission_fy_format(x->fp.fy, fy);
    o = json_pack("{s:b, s:s, s:o, s:f, s:s, s:f, s:s}", "declared", 1, "fiscal_year", fy, "lines",
                  lines, "tco2", x->fp.tco2, "tco2_unit", "tCO2", "energy_gj", x->fp.gj,
                  "energy_unit", "GJ");
    if (x->fp.intensity_known) {
        json_object_set_new(o, "intensity", json_real(x->fp.tco2_per_lakh));
        json_object_set_new(o, "intensity_unit", json_string("tCO2 per lakh rupees of turnover"));
    }
    if (x->benchmark.q.n > 0) {
        json_t *b = json_pack("{s:s, s:I, s:b}", "nic_division", x->benchmark.division,
                              "enterprises", (json_int_t)x->benchmark.q.n, "suppressed",
                              x->benchmark.q.suppressed);
        if (!x->benchmark.q.suppressed) {
            json_object_set_new(b, "q1", json_real(x->benchmark.q.q1));
            json_object_set_new(b, "median", json_real(x->benchmark.q.median));
            json_object_set_new(b, "q3", json_real(x->benchmark.q.q3));
            json_object_set_new(b, "percentile", x->intensity_percentile < 0
                                                     ? json_null()
                                                     : json_real(x->intensity_percentile));
        }
        json_object_set_new(o, "benchmark", b);
    }
    return o;
}

json_t *enterprise_insights_json(const struct insights_env *env, const struct enterprise_insights *x)
{
    json_t *esg = json_array(), *green = json_array();

    for (size_t i = 0; i < env->tables->n_esg; i++)
        json_array_append_new(esg, json_pack("{s:s, s:s, s:o, s:s, s:s, s:s}", "item",
                                             env->tables->esg[i].id, "label",
                                             env->tables->esg[i].label, "done",
                                             tri_json(x->esg[i]), "value", x->esg_value[i],
                                             "why", env->tables->esg[i].why, "source",
                                             env->tables->esg[i].source));
    for (size_t i = 0; i < x->n_green; i++)
        json_array_append_new(green, json_pack("{s:s, s:s, s:s, s:s}", "scheme",
                                               x->green[i].scheme->id, "name",
                                               x->green[i].scheme->name, "status",
                                               status_name(x->green[i].status), "evaluated_for",
                                               x->green[i].asked_for));
    return json_pack("{s:I, s:s, s:s, s:o, s:{s:o, s:o, s:o}}", "enterprise_id",
                     (json_int_t)x->ent.id, "nic_group", x->nic_group, "nic_division",
                     x->division, "market", market_json(env, x), "sustainability", "footprint",
                     footprint_json(env, x), "esg_readiness", esg, "green_schemes", green);
}
