/* bootstrap.c: see bootstrap.h. */
#include "analytics/bootstrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bootstrap_counts(struct rng *r, size_t n, int *cnt)
{
    memset(cnt, 0, n * sizeof *cnt);
    for (size_t i = 0; i < n; i++)
        cnt[rng_below(r, n)]++;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double quantile(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);

    if (i + 1 >= n)
        return v[n - 1];
    return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

size_t bootstrap_percentile(double *v, size_t n, double level, double *lo, double *hi)
{
    size_t m = 0;

    for (size_t i = 0; i < n; i++)   /* NANs out, order kept */
        if (!isnan(v[i]))
            v[m++] = v[i];
    if (m == 0) {
        *lo = *hi = NAN;
        return 0;
    }
    qsort(v, m, sizeof *v, cmp_double);
    *lo = quantile(v, m, (1 - level) / 2);
    *hi = quantile(v, m, 1 - (1 - level) / 2);
    return m;
}
