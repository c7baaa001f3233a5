/* percentile.c: see percentile.h. */
#include "analytics/percentile.h"

#include <math.h>

#include <stdlib.h>

#include "analytics/suppress.h"

double percentile_rank(const double *v, size_t n, double x)
{
    size_t below = 0, equal = 0;

    if (n == 0)
        return 50.0;
    for (size_t i = 0; i < n; i++) {
        below += v[i] < x;
        equal += v[i] == x;
    }
    return 100.0 * ((double)below + (double)equal / 2.0) / (double)n;
}

double percentile_quantile(const double *sorted, size_t n, double q)
{
    double h, lo;
    size_t i;

    if (n == 0 || isnan(q))
        return NAN;             /* no values: no quantile, never a read before the array */
    if (n == 1 || q <= 0.0)
        return sorted[0];
    if (q >= 1.0)
        return sorted[n - 1];
    h = (double)(n - 1) * q;
    i = (size_t)h;
    lo = sorted[i];
    return lo + (h - (double)i) * (sorted[i + 1] - lo);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void percentile_sort(double *v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof *v, by_value);
}

void percentile_quartiles(double *v, size_t n, struct quartiles *out)
{
    out->n = (int64_t)n;
    out->suppressed = suppress_cell((int64_t)n);
    out->q1 = out->median = out->q3 = 0.0;
    if (out->suppressed)
        return;
    percentile_sort(v, n);
    out->q1 = percentile_quantile(v, n, 0.25);
    out->median = percentile_quantile(v, n, 0.5);
    out->q3 = percentile_quantile(v, n, 0.75);
}
