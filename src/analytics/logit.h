/* logit.h: L2-regularised logistic regression, the linear baseline the
 * stress model must not lose to (DESIGN.md §5, `baselines.linear`).
 *
 * Features are standardised on the training rows; a missing value (NAN,
 * or an infinity) is imputed with the training mean and flagged in an
 * extra indicator column, so the baseline sees the same information as
 * the trees. */
#ifndef SAMANVAY_LOGIT_H
#define SAMANVAY_LOGIT_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct logit;

/* Minimises the summed log-loss + (l2 / 2)·|coefficients|², intercept not
 * penalised, on standardised features. l2 must be > 0 (it keeps the fit
 * finite when a feature separates the classes); LOGIT_L2_DEFAULT is the
 * baseline's value (docs/stress-model.md). Needs both labels among y (0 or
 * 1, none NAN). */
#define LOGIT_L2_DEFAULT 1.0

int logit_train(const float *x, const float *y, size_t rows, size_t cols, double l2,
                struct logit **out, struct err *e);
/* Probability of label 1 for one row of cols values. */
double logit_predict(const struct logit *m, const float *row);
/* The log-odds of label 1 for one row. */
double logit_margin(const struct logit *m, const float *row);
/* The margin of one row split by column: contrib[j] is column j's term
 * (its coefficient times its standardised value, or its missing
 * indicator's coefficient), relative to a row at the training means;
 * contrib[cols] is the intercept. The cols + 1 values sum to the margin. */
void logit_contributions(const struct logit *m, const float *row, double *contrib);
/* Columns the model reads. */
size_t logit_cols(const struct logit *m);

/* As JSON text (stress_model.linear) and back:
 *   {"method": "logit_l2", "intercept": w0, "columns": [
 *      {"mean": m, "sd": s > 0, "weight": w, "missing_weight": w | null}, ...]}
 * The reader is strict: every field, of its type, finite, and no other;
 * its errors start "logit: ". */
int logit_to_json(const struct logit *m, struct buf *out);
int logit_from_json(const char *text, struct logit **out, struct err *e);
void logit_free(struct logit *m);

#endif
