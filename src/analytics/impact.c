/* impact.c: see impact.h; formulas in docs/impact.md. */
#include "analytics/impact.h"

#include <math.h>
#include <string.h>

#include "analytics/bootstrap.h"
#include "analytics/did.h"
#include "analytics/suppress.h"
#include "core/alloc.h"

#define W IMPACT_WINDOW_Q
#define MAX_STRATA 200   /* = the store's panel bound (MAX_QUARTERS in store_impact.c): never reached */

/* The stacked rows of one scheme: treated rows first, then each control
 * unit's rows together (so a control unit is resampled as a whole). */
struct design {
    enum impact_outcome out;         /* which series y, yp and lpre are of */
    struct psm_row *rows;
    double *y, *yp;                  /* change, placebo change */
    float *lpre;                     /* log pre-year outcome (a covariate) */
    size_t n, cap, nt;
    size_t *unit_first, *unit_count; /* control units */
    size_t n_units, units_cap;
    int strata[MAX_STRATA];
    int n_strata;
    size_t cols;
    int *dist_of;                    /* treated row -> index of its district in the report */
};

/* One estimation on a sample (a list of design rows, repeats allowed). */
struct once {
    size_t *idx;                     /* sample row -> design row */
    size_t n;
    struct psm_row *rows;
    struct psm_match *m;
    size_t nm, unmatched;
    struct psm_support support;
    double *y, *yp;
};

static void once_free(struct once *o)
{
    mem_free(o->rows);
    mem_free(o->m);
    mem_free(o->y);
    mem_free(o->yp);
    memset(o, 0, sizeof *o);
}

static void design_free(struct design *d)
{
    mem_free(d->rows);
    mem_free(d->y);
    mem_free(d->yp);
    mem_free(d->lpre);
    mem_free(d->unit_first);
    mem_free(d->unit_count);
    mem_free(d->dist_of);
}

static int grow(void **p, size_t cap, size_t size)
{
    void *q = mem_realloc(*p, cap * size);

    if (q == NULL)
        return -1;
    *p = q;
    return 0;
}

static int design_push(struct design *d, size_t unit, int q, bool treated, double lb, double la,
                       double p1, double p2)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1024;
        if (grow((void **)&d->rows, cap, sizeof *d->rows) || grow((void **)&d->y, cap, sizeof *d->y)
            || grow((void **)&d->yp, cap, sizeof *d->yp) || grow((void **)&d->lpre, cap, sizeof *d->lpre))
            return -1;
        d->cap = cap;
    }
    d->rows[d->n] = (struct psm_row){unit, q, treated, false, 0};
    d->y[d->n] = did_change(lb, la);
    d->yp[d->n] = did_change(p1, p2);
    d->lpre[d->n] = (float)lb;
    d->n++;
    return 0;
}

/* Whether unit u has a receipt (other than `skip`) disbursed in [q - W, q + W]. */
static bool busy(const struct impact_panel *p, const size_t *first, size_t u, int q, size_t skip)
{
    for (size_t i = first[u]; i < first[u + 1]; i++)
        if (i != skip && p->receipts[i].quarter >= q - W && p->receipts[i].quarter <= q + W)
            return true;
    return false;
}

static bool ever(const struct impact_panel *p, const size_t *first, size_t u, int s)
{
    for (size_t i = first[u]; i < first[u + 1]; i++)
        if (p->receipts[i].scheme == s)
            return true;
    return false;
}

/* The four log sums of the outcome a row needs (the year before and after
 * q, the two pre-year halves); false when any is missing. */
static bool outcomes(const struct impact_panel *p, enum impact_outcome o, size_t u, int q, double *lb,
                     double *la, double *p1, double *p2)
{
    *lb = impact_panel_log_sum(p, o, u, q - W, q - 1);
    *la = impact_panel_log_sum(p, o, u, q + 1, q + W);
    *p1 = impact_panel_log_sum(p, o, u, q - W, q - W / 2 - 1);
    *p2 = impact_panel_log_sum(p, o, u, q - W / 2, q - 1);
    return !isnan(*lb) && !isnan(*la) && !isnan(*p1) && !isnan(*p2);
}

static int add_stratum(struct design *d, int q)
{
    for (int i = 0; i < d->n_strata; i++)
        if (d->strata[i] == q)
            return 0;
    if (d->n_strata == MAX_STRATA)
        return -1;
    d->strata[d->n_strata++] = q;
    return 0;
}

static int treated_rows(const struct impact_panel *p, const size_t *first, int s, struct design *d,
                        struct impact_scheme *out)
{
    double lb, la, p1, p2;

    for (size_t i = 0; i < p->n_receipts; i++) {
        const struct impact_receipt *r = &p->receipts[i];
        if (r->scheme != s)
            continue;
        out->receipts++;
        if (busy(p, first, r->unit, r->quarter, i)
            || !outcomes(p, d->out, r->unit, r->quarter, &lb, &la, &p1, &p2))
            continue;
        if (add_stratum(d, r->quarter) != 0 || design_push(d, r->unit, r->quarter, true, lb, la, p1, p2) != 0)
            return -1;
    }
    d->nt = d->n;
    out->candidates = (long)d->nt;
    return 0;
}

static int control_rows(const struct impact_panel *p, const size_t *first, int s, struct design *d)
{
    double lb, la, p1, p2;

    for (size_t u = 0; u < p->n_units; u++) {
        size_t before = d->n;
        if (ever(p, first, u, s))
            continue;
        for (int k = 0; k < d->n_strata; k++) {
            int q = d->strata[k];
            if (!busy(p, first, u, q, (size_t)-1) && outcomes(p, d->out, u, q, &lb, &la, &p1, &p2)
                && design_push(d, u, q, false, lb, la, p1, p2) != 0)
                return -1;
        }
        if (d->n == before)
            continue;
        if (d->n_units == d->units_cap) {
            size_t cap = d->units_cap ? d->units_cap * 2 : 1024;
            if (grow((void **)&d->unit_first, cap, sizeof(size_t))
                || grow((void **)&d->unit_count, cap, sizeof(size_t)))
                return -1;
            d->units_cap = cap;
        }
        d->unit_first[d->n_units] = before;
        d->unit_count[d->n_units++] = d->n - before;
    }
    return 0;
}

/* The propensity covariates of design row r: the unit's, its pre-year
 * turnover, and one dummy per stratum after the first. */
static void fill_x(const struct impact_panel *p, const struct design *d, size_t r, float *x)
{
    const struct impact_unit *u = &p->units[d->rows[r].unit];

    memcpy(x, u->cov, sizeof u->cov);
    x[COV_LOG_PRE] = d->lpre[r];
    for (int k = 1; k < d->n_strata; k++)
        x[COV_COUNT + k - 1] = d->rows[r].stratum == d->strata[k] ? 1.0f : 0.0f;
}

static double score_sd(const struct psm_row *rows, size_t n)
{
    double s = 0, s2 = 0;

    for (size_t i = 0; i < n; i++) {
        s += rows[i].score;
        s2 += rows[i].score * rows[i].score;
    }
    return n > 1 ? sqrt(fmax(0, (s2 - s * s / (double)n) / (double)(n - 1))) : 0;
}

/* Fit, trim and match on the sample o->idx[0..o->n). A sample without both
 * groups, or whose fit fails, leaves o->nm = 0 (no estimate), not an error;
 * -1 only for out of memory. */
static int run_once(const struct impact_panel *p, const struct design *d, struct once *o, struct err *e)
{
    float *x = mem_alloc(o->n * d->cols * sizeof *x);
    size_t nt = 0;
    struct err fit_err = {0};

    o->rows = mem_alloc(o->n * sizeof *o->rows);
    o->y = mem_alloc(o->n * sizeof *o->y);
    o->yp = mem_alloc(o->n * sizeof *o->yp);
    if (x == NULL || o->rows == NULL || o->y == NULL || o->yp == NULL) {
        mem_free(x);
        return err_set(e, "impact: out of memory");
    }
    for (size_t i = 0; i < o->n; i++) {
        size_t r = o->idx[i];
        o->rows[i] = d->rows[r];
        o->y[i] = d->y[r];
        o->yp[i] = d->yp[r];
        fill_x(p, d, r, x + i * d->cols);
        nt += d->rows[r].treated;
    }
    if (nt == 0 || nt == o->n || psm_fit(x, o->rows, o->n, d->cols, &fit_err) != 0) {
        mem_free(x);
        return 0;
    }
    mem_free(x);
    psm_support_trim(o->rows, o->n, &o->support);
    return psm_match_knn(o->rows, o->n, IMPACT_K, IMPACT_CALIPER_SD * score_sd(o->rows, o->n), &o->m,
                         &o->nm, &o->unmatched, e);
}

static bool in_segment(const struct impact_unit *u, enum impact_segment s)
{
    switch (s) {
    case SEG_WOMEN: return u->cov[COV_WOMEN] > 0.5f;
    case SEG_SCST: return u->cov[COV_SCST] > 0.5f;
    case SEG_RURAL: return u->cov[COV_RURAL] > 0.5f;
    default: return u->cov[COV_RURAL] < 0.5f;
    }
}

static const struct impact_unit *treated_unit(const struct impact_panel *p, const struct once *o, size_t i)
{
    return &p->units[o->rows[o->m[i].t].unit];
}

/* Estimates of one sample: overall, placebo, per segment, per district
 * (the report's districts, by index; one pass over the matches, in match
 * order, so each equals did_att over that district's matches). mask is
 * scratch (nm entries). */
static void once_estimates(const struct impact_panel *p, const struct design *d, const struct once *o,
                           const struct impact_scheme *sc, bool *mask, double *att, double *pre,
                           double *seg, long *seg_n, double *dist, long *dist_n)
{
    *att = did_att(o->y, o->m, o->nm, NULL, NULL, NULL);
    *pre = did_att(o->yp, o->m, o->nm, NULL, NULL, NULL);
    for (int s = 0; s < SEG_COUNT; s++) {
        for (size_t i = 0; i < o->nm; i++)
            mask[i] = in_segment(treated_unit(p, o, i), (enum impact_segment)s);
        seg[s] = did_att(o->y, o->m, o->nm, NULL, mask, &seg_n[s]);
    }
    for (size_t k = 0; k < sc->n_districts; k++) {
        dist[k] = 0;
        dist_n[k] = 0;
    }
    for (size_t i = 0; i < o->nm; i++) {
        int k = d->dist_of[o->idx[o->m[i].t]];
        double c = 0;
        if (k < 0)
            continue;
        for (int j = 0; j < o->m[i].k; j++)
            c += o->y[o->m[i].c[j]];
        dist[k] += o->y[o->m[i].t] - c / o->m[i].k;
        dist_n[k]++;
    }
    for (size_t k = 0; k < sc->n_districts; k++)
        dist[k] = dist_n[k] > 0 ? dist[k] / (double)dist_n[k] : NAN;
}

/* Balance: covariate means and variances of the treated rows against the
 * controls, before matching (every row) and after (matched treated rows,
 * each control weighted 1/k per match). The SMD keeps the before-matching
 * variances as its scale, so the two columns compare. */
static void balance(const struct impact_panel *p, const struct design *d, const struct once *o,
                    struct impact_scheme *sc)
{
    float x[COV_COUNT + MAX_STRATA];

    for (int c = 0; c < COV_COUNT; c++) {
        double s[2] = {0}, s2[2] = {0}, w[2] = {0}, a[2] = {0}, aw[2] = {0};
        for (size_t r = 0; r < d->n; r++) {
            int g = d->rows[r].treated;
            fill_x(p, d, r, x);
            s[g] += x[c];
            s2[g] += (double)x[c] * x[c];
            w[g] += 1;
        }
        for (size_t i = 0; i < o->nm; i++) {
            fill_x(p, d, o->idx[o->m[i].t], x);
            a[1] += x[c];
            aw[1] += 1;
            for (int j = 0; j < o->m[i].k; j++) {
                fill_x(p, d, o->idx[o->m[i].c[j]], x);
                a[0] += x[c] / o->m[i].k;
            }
            aw[0] += 1;
        }
        double mt = s[1] / w[1], mc = s[0] / w[0];
        double vt = w[1] > 1 ? (s2[1] - s[1] * mt) / (w[1] - 1) : 0;
        double vc = w[0] > 1 ? (s2[0] - s[0] * mc) / (w[0] - 1) : 0;
        sc->smd_before[c] = psm_smd(mt, mc, vt, vc);
        sc->smd_after[c] = aw[1] > 0 ? psm_smd(a[1] / aw[1], a[0] / aw[0], vt, vc) : NAN;
    }
}

static int add_district(struct impact_scheme *sc, const struct impact_unit *u)
{
    struct impact_district *nd;

    for (size_t k = 0; k < sc->n_districts; k++)
        if (strcmp(sc->districts[k].district, u->district) == 0 && strcmp(sc->districts[k].state, u->state) == 0)
            return 0;
    nd = mem_realloc(sc->districts, (sc->n_districts + 1) * sizeof *nd);
    if (nd == NULL)
        return -1;
    sc->districts = nd;
    memset(&nd[sc->n_districts], 0, sizeof *nd);
    memcpy(nd[sc->n_districts].state, u->state, sizeof u->state);
    memcpy(nd[sc->n_districts].district, u->district, sizeof u->district);
    sc->n_districts++;
    return 0;
}

static void distinct_controls(const struct once *o, struct impact_scheme *sc, size_t n_units)
{
    bool *seen = mem_calloc(n_units ? n_units : 1, sizeof *seen);

    sc->n_control = 0;
    if (seen == NULL)
        return;
    for (size_t i = 0; i < o->nm; i++)
        for (int j = 0; j < o->m[i].k; j++) {
            size_t u = o->rows[o->m[i].c[j]].unit;
            sc->n_control += !seen[u];
            seen[u] = true;
        }
    mem_free(seen);
}

/* A resample: the treated rows with replacement, and the control units
 * with replacement, each drawn unit bringing all its rows. */
static size_t draw_sample(const struct design *d, struct rng *r, int *cnt_t, int *cnt_u, size_t *idx)
{
    size_t n = 0;

    bootstrap_counts(r, d->nt, cnt_t);
    bootstrap_counts(r, d->n_units, cnt_u);
    for (size_t i = 0; i < d->nt; i++)
        for (int k = 0; k < cnt_t[i]; k++)
            idx[n++] = i;
    for (size_t u = 0; u < d->n_units; u++)
        for (int k = 0; k < cnt_u[u]; k++)
            for (size_t j = 0; j < d->unit_count[u]; j++)
                idx[n++] = d->unit_first[u] + j;
    return n;
}

struct draws {
    double *att, *pre, *seg[SEG_COUNT], *dist;   /* dist: n_districts x draws */
};

static void draws_free(struct draws *w)
{
    mem_free(w->att);
    mem_free(w->pre);
    for (int s = 0; s < SEG_COUNT; s++)
        mem_free(w->seg[s]);
    mem_free(w->dist);
}

static void interval(struct impact_estimate *x, double *v, int n)
{
    if (n > 0)
        bootstrap_percentile(v, (size_t)n, IMPACT_LEVEL, &x->lo, &x->hi);
    impact_estimate_judge(x);
}

static int bootstrap(const struct impact_panel *p, const struct design *d, const struct impact_opts *opt,
                     int s_index, struct impact_scheme *sc, struct err *e)
{
    struct draws w = {0};
    int B = opt->draws, rc = -1;
    size_t nd = sc->n_districts, max_rows = 0;
    int *cnt_t = mem_alloc((d->nt + 1) * sizeof *cnt_t), *cnt_u = mem_alloc((d->n_units + 1) * sizeof *cnt_u);
    double seg[SEG_COUNT], *dist = mem_alloc((nd + 1) * sizeof *dist);
    long seg_n[SEG_COUNT], *dist_n = mem_alloc((nd + 1) * sizeof *dist_n);
    bool *mask = mem_alloc((d->nt + 1) * sizeof *mask);
    struct rng r;

    for (size_t u = 0; u < d->n_units; u++)
        max_rows = d->unit_count[u] > max_rows ? d->unit_count[u] : max_rows;
    size_t *idx = mem_alloc((d->nt + d->n_units * max_rows + 1) * sizeof *idx);
    w.att = mem_alloc((size_t)B * sizeof(double));
    w.pre = mem_alloc((size_t)B * sizeof(double));
    w.dist = mem_alloc((nd * (size_t)B + 1) * sizeof(double));
    for (int s = 0; s < SEG_COUNT; s++)
        w.seg[s] = mem_alloc((size_t)B * sizeof(double));
    if (!cnt_t || !cnt_u || !dist || !dist_n || !mask || !idx || !w.att || !w.pre || !w.dist
        || !w.seg[0] || !w.seg[1] || !w.seg[2] || !w.seg[3]) {
        err_set(e, "impact: out of memory");
        goto done;
    }
    /* One stream per scheme and outcome: a scheme's interval does not
     * depend on which other schemes, or outcomes, are in the store. */
    rng_seed(&r, opt->seed, (uint64_t)s_index + 1);
    for (int b = 0; b < B; b++) {
        struct once o = {.idx = idx};
        o.n = draw_sample(d, &r, cnt_t, cnt_u, idx);
        if (run_once(p, d, &o, e) != 0) {
            once_free(&o);
            goto done;
        }
        once_estimates(p, d, &o, sc, mask, &w.att[b], &w.pre[b], seg, seg_n, dist, dist_n);
        for (int s = 0; s < SEG_COUNT; s++)
            w.seg[s][b] = seg[s];
        for (size_t k = 0; k < nd; k++)
            w.dist[k * (size_t)B + (size_t)b] = dist[k];
        once_free(&o);
    }
    interval(&sc->att, w.att, B);
    interval(&sc->pre_trend, w.pre, B);
    for (int s = 0; s < SEG_COUNT; s++)
        interval(&sc->segment[s], w.seg[s], B);
    for (size_t k = 0; k < nd; k++)
        interval(&sc->districts[k].e, w.dist + k * (size_t)B, B);
    rc = 0;
done:
    draws_free(&w);
    mem_free(cnt_t);
    mem_free(cnt_u);
    mem_free(dist);
    mem_free(dist_n);
    mem_free(mask);
    mem_free(idx);
    return rc;
}

static void estimate_init(struct impact_estimate *x, double est, long n)
{
    x->est = est;
    x->lo = x->hi = NAN;
    x->n_treated = n;
    impact_estimate_judge(x);
}

/* What matching corrects: the mean change of treated rows minus that of
 * every control row, no matching, no trimming. */
static double naive_did(const struct design *d)
{
    double st = 0, sc = 0;

    for (size_t r = 0; r < d->n; r++)
        if (d->rows[r].treated)
            st += d->y[r];
        else
            sc += d->y[r];
    return d->nt > 0 && d->n > d->nt ? st / (double)d->nt - sc / (double)(d->n - d->nt) : NAN;
}

/* The full-sample estimate: matches, balance, point estimates and the
 * cells (segments, districts) the bootstrap then gives intervals. */
/* Each treated row's district among the report's (-1: none). */
static int district_index(const struct impact_panel *p, struct design *d, const struct impact_scheme *sc)
{
    d->dist_of = mem_alloc((d->nt + 1) * sizeof *d->dist_of);
    if (d->dist_of == NULL)
        return -1;
    for (size_t r = 0; r < d->nt; r++) {
        const struct impact_unit *u = &p->units[d->rows[r].unit];
        d->dist_of[r] = -1;
        for (size_t k = 0; k < sc->n_districts && d->dist_of[r] < 0; k++)
            if (strcmp(sc->districts[k].district, u->district) == 0 && strcmp(sc->districts[k].state, u->state) == 0)
                d->dist_of[r] = (int)k;
    }
    return 0;
}

static int point(const struct impact_panel *p, struct design *d, struct impact_scheme *sc, struct err *e)
{
    struct once o = {0};
    double att, pre, seg[SEG_COUNT], *dist = NULL;
    long seg_n[SEG_COUNT], *dist_n = NULL;
    bool *mask = NULL;
    int rc = -1;

    o.n = d->n;
    o.idx = mem_alloc((d->n + 1) * sizeof *o.idx);
    if (o.idx == NULL)
        return err_set(e, "impact: out of memory");
    for (size_t i = 0; i < d->n; i++)
        o.idx[i] = i;
    if (run_once(p, d, &o, e) != 0)
        goto done;
    sc->naive = naive_did(d);
    sc->support = o.support;
    sc->unmatched = o.unmatched;
    sc->n_treated = (long)o.nm;
    if (o.nm == 0) {
        sc->not_estimable = "no treated unit has a matching control";
        rc = 0;
        goto done;
    }
    distinct_controls(&o, sc, p->n_units);
    balance(p, d, &o, sc);
    for (size_t i = 0; i < o.nm; i++)
        if (add_district(sc, treated_unit(p, &o, i)) != 0)
            goto oom;
    dist = mem_alloc((sc->n_districts + 1) * sizeof *dist);
    dist_n = mem_alloc((sc->n_districts + 1) * sizeof *dist_n);
    mask = mem_alloc(o.nm * sizeof *mask);
    if (dist == NULL || dist_n == NULL || mask == NULL || district_index(p, d, sc) != 0)
        goto oom;
    once_estimates(p, d, &o, sc, mask, &att, &pre, seg, seg_n, dist, dist_n);
    estimate_init(&sc->att, att, (long)o.nm);
    estimate_init(&sc->pre_trend, pre, (long)o.nm);
    for (int s = 0; s < SEG_COUNT; s++)
        estimate_init(&sc->segment[s], seg[s], seg_n[s]);
    for (size_t k = 0; k < sc->n_districts; k++)
        estimate_init(&sc->districts[k].e, dist[k], dist_n[k]);
    rc = 0;
    goto done;
oom:
    err_set(e, "impact: out of memory");
done:
    mem_free(dist);
    mem_free(dist_n);
    mem_free(mask);
    mem_free(o.idx);
    once_free(&o);
    return rc;
}

/* receipts are sorted by unit: first[u] .. first[u + 1] are unit u's. */
static size_t *receipt_index(const struct impact_panel *p)
{
    size_t *first = mem_calloc(p->n_units + 1, sizeof *first);

    if (first == NULL)
        return NULL;
    for (size_t i = 0; i < p->n_receipts; i++)
        first[p->receipts[i].unit + 1]++;
    for (size_t u = 0; u < p->n_units; u++)
        first[u + 1] += first[u];
    return first;
}

/* Why a scheme has no estimate, in the outcome's words. */
static const char *no_treated(enum impact_outcome o)
{
    return o == OUTCOME_EMPLOYMENT
               ? "no receipt has a year of complete EPFO returns on each side of a clean window"
               : "no receipt has a year of complete GST turnover on each side of a clean window";
}

static const char *no_controls(enum impact_outcome o)
{
    return o == OUTCOME_EMPLOYMENT
               ? "no control unit has complete EPFO returns over the treated units' windows"
               : "no control unit has complete GST turnover over the treated units' windows";
}

static int one_scheme(const struct impact_panel *p, const size_t *first, const struct impact_opts *o,
                      enum impact_outcome out, int s, struct impact_scheme *sc, struct err *e)
{
    struct design d = {.out = out};
    int rc = -1;

    memcpy(sc->id, p->schemes[s], sizeof sc->id);
    sc->outcome = out;
    sc->naive = NAN;
    estimate_init(&sc->att, NAN, 0);
    estimate_init(&sc->pre_trend, NAN, 0);
    for (int k = 0; k < SEG_COUNT; k++)
        estimate_init(&sc->segment[k], NAN, 0);
    if (treated_rows(p, first, s, &d, sc) != 0 || control_rows(p, first, s, &d) != 0) {
        err_set(e, "impact: out of memory");
        goto done;
    }
    d.cols = COV_COUNT + (size_t)(d.n_strata > 0 ? d.n_strata - 1 : 0);
    sc->control_rows = (long)(d.n - d.nt);
    sc->control_units = (long)d.n_units;
    rc = 0;
    if (d.nt == 0) {
        sc->not_estimable = no_treated(out);
        goto done;
    }
    if (d.n_units == 0) {
        sc->not_estimable = no_controls(out);
        goto done;
    }
    rc = point(p, &d, sc, e);
    if (rc == 0 && sc->not_estimable == NULL && o->draws > 0)
        rc = bootstrap(p, &d, o, (int)out * IMPACT_MAX_SCHEMES + s, sc, e);
done:
    design_free(&d);
    return rc;
}

int impact_estimate_all(const struct impact_panel *p, const struct impact_opts *o, struct impact_report *r,
                        struct err *e)
{
    size_t *first;

    memset(r, 0, sizeof *r);
    if (o->draws < 0 || o->draws > IMPACT_MAX_DRAWS)
        return err_set(e, "impact: draws must be 0 to %d", IMPACT_MAX_DRAWS);
    /* A stratum is a disbursal quarter inside the panel, so this bounds them. */
    if (p->n_q > MAX_STRATA)
        return err_set(e, "impact: the panel spans more than %d quarters", MAX_STRATA);
    r->opts = *o;
    r->q_first = p->q_first;
    r->n_q = p->n_q;
    first = receipt_index(p);
    r->schemes = mem_calloc((size_t)p->n_schemes + 1, sizeof *r->schemes);
    if (first == NULL || r->schemes == NULL) {
        mem_free(first);
        mem_free(r->schemes);
        r->schemes = NULL;
        return err_set(e, "impact: out of memory");
    }
    for (int s = 0; s < p->n_schemes; s++) {
        r->n = s + 1;
        if (one_scheme(p, first, o, OUTCOME_TURNOVER, s, &r->schemes[s], e) != 0)
            goto fail;
    }
    /* Employment only when the store has an EPFO panel at all. */
    if (p->n_employment_units > 0 && p->n_schemes > 0) {
        r->employment = mem_calloc((size_t)p->n_schemes, sizeof *r->employment);
        if (r->employment == NULL) {
            err_set(e, "impact: out of memory");
            goto fail;
        }
        for (int s = 0; s < p->n_schemes; s++) {
            r->n_employment = s + 1;
            if (one_scheme(p, first, o, OUTCOME_EMPLOYMENT, s, &r->employment[s], e) != 0)
                goto fail;
        }
    }
    mem_free(first);
    return 0;
fail:
    mem_free(first);
    impact_report_free(r);
    return -1;
}

void impact_report_free(struct impact_report *r)
{
    if (r == NULL)
        return;
    for (int s = 0; s < r->n; s++)
        mem_free(r->schemes[s].districts);
    for (int s = 0; s < r->n_employment; s++)
        mem_free(r->employment[s].districts);
    mem_free(r->schemes);
    mem_free(r->employment);
    memset(r, 0, sizeof *r);
}

const char *impact_segment_name(enum impact_segment s)
{
    static const char *const names[SEG_COUNT] = {"women_owned", "scst_owned", "rural", "urban"};

    return s < SEG_COUNT ? names[s] : "?";
}

void impact_estimate_judge(struct impact_estimate *x)
{
    x->suppressed = suppress_cell(x->n_treated);
    x->inconclusive = x->suppressed || isnan(x->lo) || isnan(x->hi)
                      || (x->hi - x->lo) / 2 > IMPACT_HALF_WIDTH_MAX;
}
