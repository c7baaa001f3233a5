/* stress.h: the stress early-warning end to end: train, backtest and score
 * over the store (docs/stress.md). `samanvay stress` is a thin shell over
 * these.
 *
 * The time split (all months date_month_index, L the latest month the
 * credit feed reports):
 *   train        L-29 .. L-22   the booster and the linear baseline learn here
 *   calibration  L-21 .. L-19   the margin-to-probability map is fitted here
 *   (gap)        L-18           so calibration labels and test rows overlap less
 *   test         L-17 .. L-12   the backtest; the last month whose 12 months
 *                               after are all reported
 * Every scoring month's label needs its 12 following months, so a month
 * after L-12 is never trained or tested on: it can only be scored. */
#ifndef SAMANVAY_STRESS_H
#define SAMANVAY_STRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/metrics.h"
#include "analytics/stress_booster.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

#define STRESS_HORIZON_MONTHS 12

struct stress_split {
    int32_t train_from, train_to, calib_from, calib_to, test_from, test_to;
};

/* The split for data reported up to `last_month`; -1 (with the reason) when
 * there are too few months for it. */
int stress_split_for(int32_t last_month, struct stress_split *sp, struct err *e);

struct stress_train_result {
    int64_t model_id;
    struct stress_split split;
    size_t train_rows, train_positives, calib_rows, calib_positives;
    int rounds;                  /* rounds of trees kept (docs/stress-model.md) */
    double calib_auc_linear;     /* on the calibration months: the linear part alone */
    double calib_auc_model;      /* and with the kept trees */
};

/* Build the panel, train the booster on the training months, fit the
 * calibration on the calibration months, and store the model. */
int stress_train(struct store *s, const struct stress_booster_params *p,
                 struct stress_train_result *out, struct err *e);

struct stress_backtest {
    int64_t model_id;
    int32_t test_from, test_to;
    size_t rows, positives;
    struct metrics model, sma2_rule, linear;
};

/* The latest model on the test months, beside the SMA-2 rule and a
 * logistic regression trained on the model's training rows, all on the
 * same rows; the result is also stored on the model row. */
int stress_backtest_run(struct store *s, struct stress_backtest *out, struct err *e);
/* DESIGN.md §5: {auc, pr_auc, precision_at_1pct, brier, baselines:
 * {sma2_rule: {…}, linear: {…}}}, plus the rows it was measured on. */
int stress_backtest_json(const struct stress_backtest *b, struct buf *out);

struct stress_score_result {
    int64_t model_id;
    int32_t month;
    int64_t scored, borrowers, gst_only, alerts;
};

/* Score every enterprise in the population at the latest month with the
 * latest model, with its top reasons, replacing that month's scores in one
 * transaction. `quiet` turns the terminal progress line off. */
int stress_score_run(struct store *s, bool quiet, struct stress_score_result *out,
                     struct err *e);

#endif
