/* impact_panel.h: what impact estimation reads (docs/impact.md), in
 * memory: one unit per GST-filing enterprise with its pre-scheme
 * covariates and its GST turnover per calendar quarter, and every scheme
 * receipt (a beneficiary row linked to an enterprise) with its disbursal
 * quarter. store_impact.c fills it; the estimator does no I/O.
 *
 * A quarter's turnover is the sum of the taxable values of its returns; it
 * is NAN unless every GSTIN of the enterprise filed for all three months
 * (a monthly return covers one month, a quarterly return three), so a
 * missing return never reads as a fall in turnover.
 *
 * The second outcome, employment, is the same kind of series from EPFO's
 * monthly returns (ECR): a quarter's value is the members contributing
 * summed over its three months, NAN unless every establishment of the
 * enterprise has a return for each of them. The estimator reads either
 * series through the same two functions, by outcome. */
#ifndef SAMANVAY_IMPACT_PANEL_H
#define SAMANVAY_IMPACT_PANEL_H

#include <stddef.h>
#include <stdint.h>

/* Covariates of a unit, known before any scheme: the observables the
 * literature (and the generator, docs/generator.md) ties to both scheme
 * selection and turnover growth. */
enum impact_cov {
    COV_WOMEN,          /* women-owned */
    COV_SCST,           /* SC/ST-owned */
    COV_OBC,            /* owner OBC */
    COV_RURAL,          /* Udyam area rural */
    COV_SERVICES,       /* activity services (manufacturing is the base) */
    COV_TRADING,        /* activity trading */
    COV_YOUNG,          /* commenced within IMPACT_YOUNG_YEARS of the data's end */
    COV_LARGE,          /* Udyam turnover above IMPACT_LARGE_RS */
    COV_QUARTERLY,      /* files GST quarterly (QRMP or composition) */
    COV_LOG_TURNOVER,   /* log Udyam turnover, rupees */
    COV_UNIT_COUNT,
    COV_LOG_PRE = COV_UNIT_COUNT,   /* log GST turnover of the 4 quarters before; per stratum */
    COV_COUNT
};

/* What the estimator measures a scheme's effect on. */
enum impact_outcome {
    OUTCOME_TURNOVER,     /* log annual GST turnover */
    OUTCOME_EMPLOYMENT,   /* log EPFO members (the year's member-months) */
    OUTCOME_COUNT
};

#define IMPACT_YOUNG_YEARS 3
#define IMPACT_LARGE_RS 5e6
#define IMPACT_MAX_SCHEMES 32
#define IMPACT_SCHEME_ID 32

struct impact_unit {
    int64_t id;                   /* enterprise id */
    char state[4];
    char district[48];            /* upper case */
    float cov[COV_UNIT_COUNT];
};

struct impact_receipt {
    size_t unit;                  /* index into units */
    int scheme;                   /* index into schemes */
    int quarter;                  /* disbursal quarter (month index / 3) */
};

struct impact_panel {
    struct impact_unit *units;
    size_t n_units;
    int q_first, n_q;             /* quarters q_first .. q_first + n_q - 1 */
    double *turnover;             /* n_units x n_q, rupees; NAN = incomplete */
    double *employment;           /* n_units x n_q, member-months; NAN = incomplete or not covered */
    size_t n_employment_units;    /* units with at least one EPFO return */
    struct impact_receipt *receipts;   /* sorted by unit */
    size_t n_receipts;
    char schemes[IMPACT_MAX_SCHEMES][IMPACT_SCHEME_ID];   /* sorted */
    int n_schemes;
};

/* Quarter q's value of outcome o for unit u, NAN when outside the panel or incomplete. */
double impact_panel_value(const struct impact_panel *p, enum impact_outcome o, size_t u, int q);
/* log of outcome o summed over quarters [from, to], NAN when any is missing. */
double impact_panel_log_sum(const struct impact_panel *p, enum impact_outcome o, size_t u, int from, int to);
/* "log_turnover", "log_employment". */
const char *impact_outcome_name(enum impact_outcome o);
/* Index of scheme id, or -1. */
int impact_panel_scheme(const struct impact_panel *p, const char *id);
void impact_panel_free(struct impact_panel *p);
const char *impact_cov_name(enum impact_cov c);

#endif
