/* metrics.h: how good a ranking of enterprises by risk is, on labels
 * observed later (the backtest of `samanvay stress backtest`).
 *
 * score[i] is higher for riskier; label[i] is 0 or 1. Ties in score are
 * handled exactly (AUC counts a tied pair as one half; average precision
 * treats a tied group as one threshold). AUC and average precision are
 * NAN when undefined (no positives, or no negatives for AUC); precision at
 * 1% is 0 when there are no positives (the top 1% holds none), as
 * scikit-learn defines it. */
#ifndef SAMANVAY_METRICS_H
#define SAMANVAY_METRICS_H

#include <stddef.h>

struct metrics {
    double auc;                 /* ROC area */
    double pr_auc;              /* average precision */
    double precision_at_1pct;   /* share of positives among the top 1% by score (at least one row) */
    double brier;               /* mean (probability - label)^2; needs probabilities */
};

/* All four; `probability` may equal `score` when the score is one, or be
 * NULL (brier is then NAN). -1 when a score is NAN, a label is not 0 or 1
 * (drop unobservable rows first), or memory runs out; 0 otherwise, n == 0
 * included (every measure NAN). */
int metrics_compute(const double *score, const double *probability, const float *label, size_t n,
                    struct metrics *out);

#endif
