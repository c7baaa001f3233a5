/* sustainability.c: see sustainability.h. */
#include "analytics/sustainability.h"

#include <stdlib.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"

#define PAISE_PER_LAKH 10000000.0   /* ₹1 lakh = 10^5 rupees = 10^7 paise */

/* Whether candidate c replaces the chosen declaration d of the same year
 * and source: the portal's word first, then the later one. */
static bool better(const struct energy_decl *c, const struct energy_decl *d)
{
    if (c->portal != d->portal)
        return c->portal;
    return strcmp(c->declared_at, d->declared_at) > 0;
}

int footprint_compute(const struct emission_factors *f, const struct energy_decl *d, size_t n,
                      int64_t turnover_paise, struct footprint *out, struct err *e)
{
    const struct energy_decl *pick[ES_COUNT] = {0};

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        if (d[i].quantity_milli >= 0 && (unsigned)d[i].source < ES_COUNT
            && (!out->declared || d[i].fy > out->fy)) {
            out->declared = true;
            out->fy = d[i].fy;
        }
    if (!out->declared)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const struct energy_decl *c = &d[i];
        if (c->fy != out->fy || c->quantity_milli < 0 || (unsigned)c->source >= ES_COUNT)
            continue;
        if (pick[c->source] == NULL || better(c, pick[c->source]))
            pick[c->source] = c;
    }
    for (int s = 0; s < ES_COUNT; s++) {
        struct footprint_line *l = &out->line[s];
        if (pick[s] == NULL)
            continue;
        l->decl = *pick[s];
        if (emission_factor_for(f, (enum energy_source)s, out->fy, &l->factor, e) != 0)
            return -1;
        l->kgco2 = emission_kgco2(&l->factor, l->decl.quantity_milli);
        l->gj = emission_gj(&l->factor, l->decl.quantity_milli);
        out->has[s] = true;
        out->tco2 += l->kgco2 / 1000.0;
        out->gj += l->gj;
    }
    if (turnover_paise > 0) {
        out->intensity_known = true;
        out->tco2_per_lakh = out->tco2 / ((double)turnover_paise / PAISE_PER_LAKH);
    }
    return 0;
}

static int by_division(const void *a, const void *b)
{
    const struct sustain_unit *x = a, *y = b;
    int c = strcmp(x->division, y->division);

    if (c != 0)
        return c;
    return (x->tco2_per_lakh > y->tco2_per_lakh) - (x->tco2_per_lakh < y->tco2_per_lakh);
}

int sustainability_benchmarks(const struct sustain_unit *units, size_t n,
                              struct sector_benchmark **out, size_t *n_out, struct err *e)
{
    struct sustain_unit *u = NULL;
    double *v = NULL;
    size_t m = 0, rows = 0;
    int rc = -1;

    *out = NULL;
    *n_out = 0;
    u = mem_calloc(n ? n : 1, sizeof *u);
    v = mem_calloc(n ? n : 1, sizeof *v);
    *out = mem_calloc(n ? n : 1, sizeof **out);
    if (u == NULL || v == NULL || *out == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (units[i].intensity_known && units[i].division[0] != '\0')
            u[m++] = units[i];
    qsort(u, m, sizeof *u, by_division);
    for (size_t i = 0; i < m;) {
        size_t j = i, k = 0;
        struct sector_benchmark *b = &(*out)[rows++];
        while (j < m && strcmp(u[j].division, u[i].division) == 0)
            v[k++] = u[j++].tco2_per_lakh;
        memcpy(b->division, u[i].division, sizeof b->division);
        percentile_quartiles(v, k, &b->q);
        i = j;
    }
    *n_out = rows;
    rc = 0;
done:
    if (rc != 0) {
        mem_free(*out);
        *out = NULL;
    }
    mem_free(u);
    mem_free(v);
    return rc;
}

double sustainability_rank(const struct sustain_unit *units, size_t n, const struct sustain_unit *self)
{
    double *v;
    size_t k = 0;
    double r;

    if (!self->intensity_known || self->division[0] == '\0')
        return -1;
    v = mem_calloc(n ? n : 1, sizeof *v);
    if (v == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (units[i].intensity_known && strcmp(units[i].division, self->division) == 0)
            v[k++] = units[i].tco2_per_lakh;
    r = suppress_cell((int64_t)k) ? -1 : percentile_rank(v, k, self->tco2_per_lakh);
    mem_free(v);
    return r;
}
