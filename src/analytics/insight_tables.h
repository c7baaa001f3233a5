/* insight_tables.h: the cited tables behind market insights and the ESG
 * checklist, loaded once and shared read-only:
 *   data/trade_fairs.csv          IC/MDA, CBFTE and PMS fair components, rates and caps
 *   data/procurement_targets.csv  the Public Procurement Policy's 25/4/3% targets
 *   data/procurement_progress.csv national achievement where a source gives it
 *   data/esg_checklist.csv        the readiness items and why each matters
 * Sources are columns of each row (data/SOURCES.md, "Insights"). */
#ifndef SAMANVAY_INSIGHT_TABLES_H
#define SAMANVAY_INSIGHT_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define INSIGHT_TEXT 320

/* Who a fair component or procurement target is for (the `who` and
 * `applies_to` columns). */
enum insight_who {
    WHO_MSME,               /* any Udyam micro, small or medium enterprise */
    WHO_MSE,                /* micro or small */
    WHO_MSE_MANUFACTURING,
    WHO_MSE_NOT_TRADING,
    WHO_MSE_SPECIAL,        /* micro or small, owned by SC/ST, a woman or a disabled person, or in the NER */
    WHO_SCST_OWNED_MSE,
    WHO_WOMEN_OWNED_MSE,
    WHO_ORGANISATION,       /* an MSME body organises; an enterprise joins through it */
    WHO_COUNT
};

struct trade_fair {
    char programme[12], component[40];
    char component_hi[INSIGHT_TEXT], assistance[INSIGHT_TEXT];
    bool has_rate;
    double rate_pct;
    long long cap_rs;
    char cap_per[8];        /* event | year | once */
    enum insight_who who;
    bool confirmed;
    char scheme[16];        /* schemes/<id>.yaml */
    char source[INSIGHT_TEXT];
};

struct procurement_target {
    char id[12];
    double share_pct;
    enum insight_who who;
    char label[INSIGHT_TEXT], label_hi[INSIGHT_TEXT], basis[INSIGHT_TEXT], source[INSIGHT_TEXT];
    /* National achievement (procurement_progress.csv): confirmed only when cited. */
    bool progress_confirmed;
    char progress_fy[8];
    double procured_crore, achieved_pct;
    char progress_scope[INSIGHT_TEXT], progress_source[INSIGHT_TEXT];
};

struct esg_item {
    char id[24];
    char label[INSIGHT_TEXT], label_hi[INSIGHT_TEXT];
    char why[INSIGHT_TEXT * 2], why_hi[INSIGHT_TEXT * 2];
    char source[INSIGHT_TEXT];
};

#define INSIGHT_MAX_ROWS 32

struct insight_tables {
    struct trade_fair fairs[INSIGHT_MAX_ROWS];
    size_t n_fairs;
    struct procurement_target targets[INSIGHT_MAX_ROWS];
    size_t n_targets;
    struct esg_item esg[INSIGHT_MAX_ROWS];
    size_t n_esg;
};

/* Load the embedded tables into t (a large struct: allocate it). */
int insight_tables_load(struct insight_tables *t, struct err *e);

/* Each table from CSV text (tests, fuzzer); t is cleared first by load. */
int insight_tables_parse_fairs(struct insight_tables *t, const char *csv, size_t len, struct err *e);
int insight_tables_parse_targets(struct insight_tables *t, const char *csv, size_t len,
                                 struct err *e);
int insight_tables_parse_progress(struct insight_tables *t, const char *csv, size_t len,
                                  struct err *e);
int insight_tables_parse_esg(struct insight_tables *t, const char *csv, size_t len, struct err *e);

const char *insight_who_code(enum insight_who w);

#endif
