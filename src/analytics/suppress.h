/* suppress.h: the small-cell rule for every aggregate Samanvay publishes.
 *
 * A policymaker sees counts, shares and rates, never an enterprise. A cell
 * computed from fewer than SUPPRESS_MIN_ENTERPRISES enterprises could name
 * one (a district with two leather tanneries, one of them in stress), so
 * it is withheld: the cell shows that it is suppressed, not a number. The
 * threshold is the one the Government of India's data-sharing practice and
 * most statistical offices use for business counts (docs/analytics.md).
 *
 * Secondary disclosure: when a row of a table shows its total and exactly
 * one cell of it is suppressed, that cell could be recovered by
 * subtraction, so suppress_row also withholds the next-smallest cell. */
#ifndef SAMANVAY_SUPPRESS_H
#define SAMANVAY_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SUPPRESS_MIN_ENTERPRISES 5

/* Whether a cell built from n enterprises must be withheld. */
static inline bool suppress_cell(int64_t n)
{
    return n < SUPPRESS_MIN_ENTERPRISES;
}

/* Mark the cells of one row (counts n[0..len)) to withhold in hide[]:
 * every small cell, and, when `total_shown` and exactly one non-empty cell
 * is small, the smallest other non-empty cell too. Returns how many cells
 * are hidden. Cells with n == 0 are empty, not small: an empty cell reveals
 * no enterprise and stays shown as zero. */
size_t suppress_row(const int64_t *n, size_t len, bool total_shown, bool *hide);

#endif
