/* impact_view.h: what /policy/impact shows, read back from a stored run
 * (the `impact --json` document in impact_run, docs/impact.md §9).
 * The text comes from the store, but it is parsed as untrusted input:
 * every field is optional, bounded, and type-checked (fuzz/fuzz_impact_view.c). */
#ifndef SAMANVAY_IMPACT_VIEW_H
#define SAMANVAY_IMPACT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define IMPACT_VIEW_SCHEMES 32
#define IMPACT_VIEW_COVS 16
#define IMPACT_VIEW_SEGMENTS 8

struct impact_view_cell {          /* an estimate; has = false when null or suppressed */
    bool has, suppressed, inconclusive;
    double est, lo, hi;
    long n_treated;
};

struct impact_view_scheme {
    char id[32];
    struct impact_view_cell att, pre;
    long n_control;
    int pre_passes;                /* 1, 0, or -1 unknown */
    bool not_estimable;
    int n_bal;
    struct {
        char cov[32];
        double before, after;
    } bal[IMPACT_VIEW_COVS];
    int n_seg;
    struct {
        char name[24];
        struct impact_view_cell c;
    } seg[IMPACT_VIEW_SEGMENTS];
};

struct impact_view_ttb {
    char scheme[32];
    long n;
    bool suppressed;
    double median, p90;
};

struct impact_view {
    int draws;
    double half_width;             /* the inconclusive threshold */
    int n;
    struct impact_view_scheme s[IMPACT_VIEW_SCHEMES];          /* log turnover */
    bool emp_measurable;           /* the run had EPFO returns */
    int n_emp;
    struct impact_view_scheme emp[IMPACT_VIEW_SCHEMES];        /* log EPFO members */
    int n_ttb;
    struct impact_view_ttb ttb[IMPACT_VIEW_SCHEMES];     /* the lists: sanction to disbursal */
    int n_app;
    struct impact_view_ttb app[IMPACT_VIEW_SCHEMES];     /* the portal: submission to disbursal */
};

/* Parse text[0..len); unknown keys are ignored, extra schemes beyond
 * IMPACT_VIEW_SCHEMES dropped. -1 with e set when it is not a JSON object
 * with a "schemes" array. */
int impact_view_parse(const char *text, size_t len, struct impact_view *v, struct err *e);

#endif
