/* bootstrap.h: resampling for confidence intervals (docs/impact.md §4).
 * Draws come from the project's seeded generator (core/rng.h), so a run
 * with the same seed gives the same intervals. Pure. */
#ifndef SAMANVAY_BOOTSTRAP_H
#define SAMANVAY_BOOTSTRAP_H

#include <stddef.h>

#include "core/rng.h"

#define BOOTSTRAP_DRAWS_DEFAULT 200
#define BOOTSTRAP_SEED_DEFAULT 20260801u

/* One resample of n items with replacement, as counts: cnt[i] is how many
 * times item i was drawn (the counts sum to n). */
void bootstrap_counts(struct rng *r, size_t n, int *cnt);

/* The percentile interval at `level` (0.95) of v[0..n), NANs ignored;
 * v is sorted in place. Returns how many values it used; with none, *lo and
 * *hi are NAN. Quantiles interpolate linearly between order statistics. */
size_t bootstrap_percentile(double *v, size_t n, double level, double *lo, double *hi);

#endif
