/* sustainability_overview.c: see sustainability_overview.h. */
#include "golden/sustainability_overview.h"

#include <stdio.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "store/store_energy.h"

/* rows are ordered by enterprise: one footprint per run of rows. */
static int units_from_rows(const struct emission_factors *f, const struct energy_row *rows,
                           size_t n, struct sustain_unit *u, size_t *n_out, struct err *e)
{
    struct energy_decl *d = mem_calloc(n ? n : 1, sizeof *d);
    size_t m = 0;

    if (d == NULL)
        return err_set(e, "out of memory");
    for (size_t i = 0; i < n;) {
        size_t j = i, k = 0;
        struct footprint fp;
        while (j < n && rows[j].d.enterprise_id == rows[i].d.enterprise_id)
            d[k++] = rows[j++].d;
        if (footprint_compute(f, d, k, rows[i].turnover_paise, &fp, e) != 0) {
            mem_free(d);
            return -1;
        }
        if (fp.declared) {
            struct sustain_unit *x = &u[m++];
            x->enterprise_id = rows[i].d.enterprise_id;
            memcpy(x->division, rows[i].division, sizeof x->division);
            x->intensity_known = fp.intensity_known;
            x->tco2_per_lakh = fp.tco2_per_lakh;
            x->tco2 = fp.tco2;
        }
        i = j;
    }
    mem_free(d);
    *n_out = m;
    return 0;
}

int sustainability_units_load(struct store *s, const struct emission_factors *f,
                              const char *division, struct sustain_unit **out, size_t *n,
                              struct err *e)
{
    struct energy_row *rows = NULL;
    size_t nr = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (store_energy_all(s, division, &rows, &nr, e) != 0)
        return -1;
    *out = mem_calloc(nr ? nr : 1, sizeof **out);
    if (*out == NULL) {
        mem_free(rows);
        return err_set(e, "out of memory");
    }
    rc = units_from_rows(f, rows, nr, *out, n, e);
    mem_free(rows);
    if (rc != 0) {
        mem_free(*out);
        *out = NULL;
    }
    return rc;
}

static const struct sustain_unit *unit_of(const struct sustain_unit *u, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[mid].enterprise_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && u[lo].enterprise_id == id ? &u[lo] : NULL;
}

static int cluster_totals(struct store *s, struct sustainability_overview *o, struct err *e)
{
    struct cluster_member_ref *m = NULL;
    size_t n = 0;

    if (store_energy_cluster_members(s, &m, &n, e) != 0)
        return -1;
    o->clusters = mem_calloc(n ? n : 1, sizeof *o->clusters);
    if (o->clusters == NULL) {
        mem_free(m);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        struct cluster_emissions *c;
        const struct sustain_unit *u;
        if (o->n_clusters == 0 || strcmp(o->clusters[o->n_clusters - 1].cluster_id,
                                         m[i].cluster_id) != 0) {
            c = &o->clusters[o->n_clusters++];
            snprintf(c->cluster_id, sizeof c->cluster_id, "%s", m[i].cluster_id);
            snprintf(c->name, sizeof c->name, "%s", m[i].name);
        }
        c = &o->clusters[o->n_clusters - 1];
        c->members++;
        u = unit_of(o->units, o->n_units, m[i].enterprise_id);
        if (u != NULL) {
            c->declared++;
            c->tco2 += u->tco2;
        }
    }
    for (size_t i = 0; i < o->n_clusters; i++) {
        o->clusters[i].suppressed = suppress_cell(o->clusters[i].declared);
        if (o->clusters[i].suppressed)
            o->clusters[i].tco2 = 0; /* never kept where it could be printed */
    }
    mem_free(m);
    return 0;
}

int sustainability_overview_load(struct store *s, const struct emission_factors *f,
                                 struct sustainability_overview *o, struct err *e)
{
    memset(o, 0, sizeof *o);
    if (store_begin_read(s, e) != 0)
        return -1;
    if (sustainability_units_load(s, f, NULL, &o->units, &o->n_units, e) != 0
        || sustainability_benchmarks(o->units, o->n_units, &o->bench, &o->n_bench, e) != 0
        || cluster_totals(s, o, e) != 0) {
        store_rollback(s);
        sustainability_overview_free(o);
        return -1;
    }
    store_rollback(s);
    for (size_t i = 0; i < o->n_units; i++)
        o->total_tco2 += o->units[i].tco2;
    if (suppress_cell((int64_t)o->n_units))
        o->total_tco2 = 0;
    return 0;
}

void sustainability_overview_free(struct sustainability_overview *o)
{
    mem_free(o->units);
    mem_free(o->bench);
    mem_free(o->clusters);
    memset(o, 0, sizeof *o);
}

/* The factors in force for the latest grid year, with their sources. */
json_t *sustainability_factor_sources(const struct emission_factors *f)
{
    json_t *a = json_array();
    int latest = 0;

    for (size_t i = 0; i < f->n_grid; i++)
        latest = f->grid[i].fy > latest ? f->grid[i].fy : latest;
    for (int s = 0; s < ES_COUNT; s++) {
        struct emission_factor x;
        struct err e;
        if (emission_factor_for(f, (enum energy_source)s, latest, &x, &e) != 0)
            continue;
        json_array_append_new(a, json_pack("{s:s, s:s, s:f, s:s, s:s}", "source",
                                           energy_source_code((enum energy_source)s), "unit",
                                           x.unit, "kgco2_per_unit", x.kgco2_per_unit,
                                           "factor_unit", s == ES_ELECTRICITY ? "kgCO2/kWh"
                                           : s == ES_DIESEL ? "kgCO2/kg" : "kgCO2/GJ",
                                           "reference", x.source_text));
    }
    return a;
}

/* A count of enterprises: for readers of aggregates only, one of 1 to 4
 * is withheld (null) like every other small cell. */
static json_t *count_json(int64_t n, bool withhold)
{
    return withhold && n > 0 && suppress_cell(n) ? json_null() : json_integer(n);
}

static json_t *overview_json(const struct sustainability_overview *o,
                             const struct emission_factors *f, bool withhold)
{
    json_t *bench = json_array(), *clusters = json_array(), *root;

    for (size_t i = 0; i < o->n_bench; i++) {
        const struct sector_benchmark *b = &o->bench[i];
        json_t *r = json_pack("{s:s, s:o, s:b}", "nic_division", b->division, "enterprises",
                              count_json(b->q.n, withhold), "suppressed", b->q.suppressed);
        if (!b->q.suppressed) {
            json_object_set_new(r, "q1", json_real(b->q.q1));
            json_object_set_new(r, "median", json_real(b->q.median));
            json_object_set_new(r, "q3", json_real(b->q.q3));
        }
        json_array_append_new(bench, r);
    }
    for (size_t i = 0; i < o->n_clusters; i++) {
        const struct cluster_emissions *c = &o->clusters[i];
        json_t *r = json_pack("{s:s, s:s, s:I, s:o, s:b}", "cluster_id", c->cluster_id, "name",
                              c->name, "members", (json_int_t)c->members, "declared",
                              count_json(c->declared, withhold), "suppressed", c->suppressed);
        if (!c->suppressed)
            json_object_set_new(r, "tco2", json_real(c->tco2));
        json_array_append_new(clusters, r);
    }
    root = json_pack("{s:s, s:s, s:s, s:o, s:o}", "emissions_unit", "tCO2",
                     "intensity_unit", "tCO2 per lakh rupees of turnover",
                     "scope", "CO2 from declared grid electricity and fuels (Scope 1 and 2); "
                              "CH4 and N2O not included",
                     "factors", sustainability_factor_sources(f),
                     "enterprises_declared", count_json((int64_t)o->n_units, withhold));
    if (suppress_cell((int64_t)o->n_units))
        json_object_set_new(root, "total_suppressed", json_true());
    else
        json_object_set_new(root, "total_tco2", json_real(o->total_tco2));
    json_object_set_new(root, "benchmarks", bench);
    json_object_set_new(root, "clusters", clusters);
    return root;
}

json_t *sustainability_overview_json(const struct sustainability_overview *o,
                                     const struct emission_factors *f)
{
    return overview_json(o, f, false);
}

json_t *sustainability_overview_public_json(const struct sustainability_overview *o,
                                            const struct emission_factors *f)
{
    return overview_json(o, f, true);
}
