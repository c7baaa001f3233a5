/* psm.c: see psm.h. */
#include "analytics/psm.h"

#include <math.h>
#include <stdlib.h>

#include "analytics/logit.h"
#include "core/alloc.h"

/* The L2 penalty only keeps the fit finite when a covariate separates the
 * groups in a small sample; on standardised features it barely moves a
 * fit on thousands of rows. */
#define PSM_L2 1.0
#define PSM_P_CLIP 1e-9

int psm_fit(const float *x, struct psm_row *rows, size_t n, size_t cols, struct err *e)
{
    float *y = mem_alloc(n * sizeof *y);
    struct logit *m = NULL;

    if (y == NULL)
        return err_set(e, "psm: out of memory");
    for (size_t i = 0; i < n; i++)
        y[i] = rows[i].treated ? 1.0f : 0.0f;
    if (logit_train(x, y, n, cols, PSM_L2, &m, e) != 0) {
        mem_free(y);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        double p = logit_predict(m, x + i * cols);
        p = p < PSM_P_CLIP ? PSM_P_CLIP : p > 1 - PSM_P_CLIP ? 1 - PSM_P_CLIP : p;
        rows[i].score = log(p / (1 - p));
    }
    logit_free(m);
    mem_free(y);
    return 0;
}

void psm_support_trim(struct psm_row *rows, size_t n, struct psm_support *s)
{
    double tmin = INFINITY, tmax = -INFINITY, cmin = INFINITY, cmax = -INFINITY;

    for (size_t i = 0; i < n; i++) {
        double v = rows[i].score;
        if (rows[i].treated) {
            tmin = fmin(tmin, v);
            tmax = fmax(tmax, v);
        } else {
            cmin = fmin(cmin, v);
            cmax = fmax(cmax, v);
        }
    }
    s->lo = fmax(tmin, cmin);
    s->hi = fmin(tmax, cmax);
    s->dropped_treated = s->dropped_control = 0;
    for (size_t i = 0; i < n; i++) {
        rows[i].off = !(rows[i].score >= s->lo && rows[i].score <= s->hi);
        if (rows[i].off && rows[i].treated)
            s->dropped_treated++;
        else if (rows[i].off)
            s->dropped_control++;
    }
}

struct key {
    int stratum;
    double score;
    size_t row;
};

static int key_cmp(const void *a, const void *b)
{
    const struct key *x = a, *y = b;

    if (x->stratum != y->stratum)
        return x->stratum < y->stratum ? -1 : 1;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* First key at or after (stratum, score). */
static size_t lower_bound(const struct key *k, size_t n, int stratum, double score)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k[mid].stratum < stratum || (k[mid].stratum == stratum && k[mid].score < score))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Walk outwards from position `at` taking the nearer neighbour each time. */
static int nearest(const struct key *ctl, size_t nc, size_t at, const struct psm_row *t, int k,
                   double caliper, size_t *out)
{
    size_t left = at, right = at;   /* candidates: ctl[left - 1] and ctl[right] */
    int got = 0;

    while (got < k) {
        bool l_ok = left > 0 && ctl[left - 1].stratum == t->stratum
                    && t->score - ctl[left - 1].score <= caliper;
        bool r_ok = right < nc && ctl[right].stratum == t->stratum
                    && ctl[right].score - t->score <= caliper;
        if (!l_ok && !r_ok)
            break;
        if (l_ok && (!r_ok || t->score - ctl[left - 1].score <= ctl[right].score - t->score))
            out[got++] = ctl[--left].row;
        else
            out[got++] = ctl[right++].row;
    }
    return got;
}

int psm_match_knn(const struct psm_row *rows, size_t n, int k, double caliper,
                  struct psm_match **out, size_t *n_out, size_t *unmatched, struct err *e)
{
    struct key *ctl = mem_alloc((n ? n : 1) * sizeof *ctl);
    struct psm_match *m = mem_alloc((n ? n : 1) * sizeof *m);
    size_t nc = 0, nm = 0;

    if (ctl == NULL || m == NULL) {
        mem_free(ctl);
        mem_free(m);
        return err_set(e, "psm: out of memory");
    }
    if (k < 1 || k > PSM_K_MAX)
        k = k < 1 ? 1 : PSM_K_MAX;
    for (size_t i = 0; i < n; i++)
        if (!rows[i].treated && !rows[i].off)
            ctl[nc++] = (struct key){rows[i].stratum, rows[i].score, i};
    qsort(ctl, nc, sizeof *ctl, key_cmp);
    *unmatched = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].treated || rows[i].off)
            continue;
        size_t at = lower_bound(ctl, nc, rows[i].stratum, rows[i].score);
        m[nm].t = i;
        m[nm].k = nearest(ctl, nc, at, &rows[i], k, caliper, m[nm].c);
        if (m[nm].k == 0)
            (*unmatched)++;
        else
            nm++;
    }
    mem_free(ctl);
    *out = m;
    *n_out = nm;
    return 0;
}

double psm_smd(double mean_t, double mean_c, double var_t, double var_c)
{
    double sd = sqrt((var_t + var_c) / 2);

    return sd > 0 ? (mean_t - mean_c) / sd : 0;
}
