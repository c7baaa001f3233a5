/* did.c: see did.h. */
#include "analytics/did.h"

#include <math.h>

double did_att(const double *y, const struct psm_match *m, size_t n, const int *w, const bool *in,
               long *used)
{
    double sum = 0;
    long total = 0;

    for (size_t i = 0; i < n; i++) {
        int wi = w ? w[i] : 1;
        double c = 0;
        if (wi == 0 || (in && !in[i]) || m[i].k == 0)
            continue;
        for (int j = 0; j < m[i].k; j++)
            c += y[m[i].c[j]];
        sum += wi * (y[m[i].t] - c / m[i].k);
        total += wi;
    }
    if (used)
        *used = total;
    return total > 0 ? sum / (double)total : NAN;
}
