/* impact_ttb.h: time to benefit, sanction to disbursal, by scheme and by
 * scheme and district (docs/impact.md §6). Cells of fewer than
 * SUPPRESS_MIN_ENTERPRISES rows are suppressed. Pure. */
#ifndef SAMANVAY_IMPACT_TTB_H
#define SAMANVAY_IMPACT_TTB_H

#include <stdbool.h>
#include <stddef.h>

#include "analytics/impact_panel.h"
#include "core/err.h"

struct impact_ttb_row {
    char scheme[IMPACT_SCHEME_ID];
    char state[4];
    char district[48];
    int days;                    /* disbursed_on - sanctioned_on */
};

struct impact_ttb_cell {
    char scheme[IMPACT_SCHEME_ID];
    char state[4];
    char district[48];           /* "" for the scheme's total */
    long n;
    bool suppressed;
    double median, p90, mean;    /* days; NAN when suppressed */
};

struct impact_ttb {
    struct impact_ttb_cell *schemes, *districts;
    size_t n_schemes, n_districts;
    long negative;               /* rows disbursed before sanction: left out, counted */
};

/* rows are sorted in place. */
int impact_ttb_compute(struct impact_ttb_row *rows, size_t n, struct impact_ttb *out, struct err *e);
void impact_ttb_free(struct impact_ttb *t);

#endif
