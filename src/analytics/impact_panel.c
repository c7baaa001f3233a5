/* impact_panel.c: see impact_panel.h. */
#include "analytics/impact_panel.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"

double impact_panel_value(const struct impact_panel *p, enum impact_outcome o, size_t u, int q)
{
    const double *series = o == OUTCOME_EMPLOYMENT ? p->employment : p->turnover;
    int k = q - p->q_first;

    if (series == NULL || u >= p->n_units || k < 0 || k >= p->n_q)
        return NAN;
    return series[u * (size_t)p->n_q + (size_t)k];
}

double impact_panel_log_sum(const struct impact_panel *p, enum impact_outcome o, size_t u, int from, int to)
{
    double sum = 0;

    for (int q = from; q <= to; q++) {
        double t = impact_panel_value(p, o, u, q);
        if (isnan(t))
            return NAN;
        sum += t;
    }
    /* A zero year has no log; such a unit says nothing on a log scale. */
    return sum > 0 ? log(sum) : NAN;
}

int impact_panel_scheme(const struct impact_panel *p, const char *id)
{
    for (int i = 0; i < p->n_schemes; i++)
        if (strcmp(p->schemes[i], id) == 0)
            return i;
    return -1;
}

void impact_panel_free(struct impact_panel *p)
{
    if (p == NULL)
        return;
    mem_free(p->units);
    mem_free(p->turnover);
    mem_free(p->employment);
    mem_free(p->receipts);
    memset(p, 0, sizeof *p);
}

const char *impact_outcome_name(enum impact_outcome o)
{
    return o == OUTCOME_EMPLOYMENT ? "log_employment" : "log_turnover";
}

const char *impact_cov_name(enum impact_cov c)
{
    static const char *const names[COV_COUNT] = {
        "women_owned", "scst_owned", "obc", "rural", "services", "trading", "young",
        "large", "quarterly_filer", "log_udyam_turnover", "log_pre_turnover"};

    return c < COV_COUNT ? names[c] : "?";
}
