/* psm.h: propensity-score matching (docs/impact.md §2).
 *
 * Rows are (unit, stratum) pairs: a treated unit at its disbursal quarter,
 * a control unit at every quarter it could stand in for one. The
 * propensity is a logistic regression (analytics/logit.h) of "treated" on
 * the rows' covariates; rows are matched on its log-odds (the score),
 * exactly on the stratum, nearest first, with replacement, within a
 * caliper. Common support keeps only rows whose score lies inside both
 * groups' ranges. Pure: no I/O. */
#ifndef SAMANVAY_PSM_H
#define SAMANVAY_PSM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define PSM_K_MAX 8

struct psm_row {
    size_t unit;
    int stratum;
    bool treated;
    bool off;        /* outside common support */
    double score;    /* log-odds of the propensity */
};

/* Fit the propensity on x (rows x cols, row-major) with y = rows[i].treated
 * and set every rows[i].score. Needs treated and control rows both. */
int psm_fit(const float *x, struct psm_row *rows, size_t n, size_t cols, struct err *e);

struct psm_support {
    double lo, hi;                 /* the overlap of the two groups' score ranges */
    size_t dropped_treated, dropped_control;
};

/* Mark rows outside [max of the two minima, min of the two maxima] off and
 * count them. With no overlap every row goes off. */
void psm_support_trim(struct psm_row *rows, size_t n, struct psm_support *s);

struct psm_match {
    size_t t;                      /* treated row */
    size_t c[PSM_K_MAX];           /* its controls, nearest first */
    int k;                         /* how many (1..PSM_K_MAX) */
};

/* For every treated row that is not off, up to k (<= PSM_K_MAX) control
 * rows of the same stratum, not off, whose score is within `caliper` of
 * its own, nearest first (ties to the lower row index). Treated rows with
 * none are counted in *unmatched and left out. *out: mem_free. */
int psm_match_knn(const struct psm_row *rows, size_t n, int k, double caliper,
                  struct psm_match **out, size_t *n_out, size_t *unmatched, struct err *e);

/* Standardised mean difference: (mean_t - mean_c) / sqrt((var_t + var_c) / 2);
 * 0 when both variances are 0. */
double psm_smd(double mean_t, double mean_c, double var_t, double var_c);

#endif
