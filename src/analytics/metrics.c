/* metrics.c: ranking and probability measures with exact ties (metrics.h).
 *
 * One sort of the rows by score, highest first; every measure then walks
 * the groups of equal score. A group of tied scores is one threshold: the
 * ranking cannot tell its rows apart, so no measure may depend on the
 * order the sort happened to leave them in.
 *   AUC       the probability a random positive outscores a random
 *             negative, a tie counting one half (Mann-Whitney U / P·N).
 *   AP        sum over thresholds of (recall gained) × precision at that
 *             threshold, a tied group being one threshold (as scikit-learn's
 *             average_precision_score).
 *   P@1%      k = max(1, floor(n / 100)) rows; when the k-th row falls
 *             inside a tied group, the group contributes its share of
 *             positives pro rata: the expected precision over every order
 *             of the tie.
 *   Brier     mean squared difference between probability and label. */
#include "analytics/metrics.h"

#include <math.h>
#include <stdlib.h>

#include "core/alloc.h"

struct ranked {
    double score;
    float label;
};

/* Highest score first. Equal scores compare equal: groups are handled as
 * a whole, so their inner order never matters. */
static int by_score_desc(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;

    return (a->score < b->score) - (a->score > b->score);
}

/* One pass over tied groups: AUC, AP and precision at k. */
static void walk_groups(const struct ranked *r, size_t n, double pos, double neg, size_t k,
                        struct metrics *out)
{
    double tp = 0, fp = 0, u = 0, ap = 0, top_pos = 0;
    size_t i = 0;

    while (i < n) {
        size_t j = i;
        double gp = 0, gn = 0;
        while (j < n && r[j].score == r[i].score) {
            if (r[j].label > 0.5f)
                gp++;
            else
                gn++;
            j++;
        }
        /* Each positive of this group beats every negative below (neg - fp - gn)
         * and ties the group's negatives. */
        u += gp * (neg - fp - gn) + 0.5 * gp * gn;
        tp += gp;
        fp += gn;
        if (gp > 0)
            ap += (gp / pos) * (tp / (tp + fp));
        if (i < k)
            top_pos += (j <= k) ? gp : gp * (double)(k - i) / (double)(j - i);
        i = j;
    }
    out->auc = (pos > 0 && neg > 0) ? u / (pos * neg) : NAN;
    out->pr_auc = pos > 0 ? ap : NAN;
    /* With no positives the top 1% holds none: 0, as scikit-learn defines it. */
    out->precision_at_1pct = top_pos / (double)k;
}

int metrics_compute(const double *score, const double *probability, const float *label, size_t n,
                    struct metrics *out)
{
    struct ranked *r;
    double pos = 0, brier = 0;
    size_t k;

    out->auc = out->pr_auc = out->precision_at_1pct = out->brier = NAN;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (isnan(score[i]) || (label[i] != 0.0f && label[i] != 1.0f))
            return -1;
    r = mem_alloc(n * sizeof *r);
    if (r == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        r[i].score = score[i];
        r[i].label = label[i];
        pos += label[i];
        if (probability != NULL) {
            double d = probability[i] - label[i];
            brier += d * d;
        }
    }
    qsort(r, n, sizeof *r, by_score_desc);
    k = n / 100 > 0 ? n / 100 : 1;
    walk_groups(r, n, pos, (double)n - pos, k, out);
    out->brier = probability != NULL ? brier / (double)n : NAN;
    mem_free(r);
    return 0;
}
