/* store_overlap.h: what the overlap report reads from the store, and the
 * run that builds it (analytics/overlap_report.h, docs/overlap.md).
 *
 * One pass: every enterprise into batch columns (store_enterprise_each),
 * the whole catalogue evaluated over them once (rules/batch.h), then the
 * linked legacy beneficiary rows and the applications. */
#ifndef SAMANVAY_STORE_OVERLAP_H
#define SAMANVAY_STORE_OVERLAP_H

#include "analytics/overlap_report.h"
#include "core/err.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/catalog.h"
#include "store/store.h"

/* The need assumed of every enterprise unless told otherwise: working
 * capital of ₹5 lakh, a micro unit's typical ask (within Mudra's Kishor
 * band, a CGTMSE-eligible credit facility). Many rules read the need, so
 * with none they stay unknown and the eligible sets shrink to the
 * schemes that ask nothing of it (docs/overlap.md). */
#define OVERLAP_DEFAULT_PURPOSE "working_capital"
#define OVERLAP_DEFAULT_AMOUNT ((int64_t)500000 * 100)

struct overlap_options {
    int32_t as_of;
    int window_days;            /* double funding; OVERLAP_DEFAULT_WINDOW_DAYS */
    const char *need_purpose;   /* what every enterprise is assumed to need; NULL = unknown */
    int64_t need_amount;        /* paise, -1 = unknown */
    int threads;                /* 0 = one per core */
    int state;                  /* GST code: only this state's enterprises; 0 = all */
};

struct overlap_run {
    struct batch_columns *cols;  /* the population, for outreach lists */
    struct overlap_report report;
};

int store_overlap_load(struct store *s, const struct catalog *cat, const struct refdata *ref,
                       const struct overlap_options *o, struct overlap_run *out, struct err *e);
void store_overlap_release(struct overlap_run *r);

/* The linked beneficiary rows of schemes in the catalogue; the caller
 * frees *out. */
int store_overlap_funding(struct store *s, const struct catalog *cat, struct overlap_funding **out,
                          size_t *n, struct err *e);
/* The enterprises that are members of a registered cluster marked
 * traditional (the traditional-industry segment); the caller frees *out. */
int store_overlap_traditional(struct store *s, int64_t **out, size_t *n, struct err *e);
/* Every application of a scheme in the catalogue; the caller frees *out. */
int store_overlap_applications(struct store *s, const struct catalog *cat,
                               struct overlap_application **out, size_t *n, struct err *e);

/* MAX(application_event.id), 0 with none: every application made or moved
 * adds an event (the table is append-only), so a change of this number is
 * a change of who applied (web/overlap_cache.h keys on it). */
int store_overlap_app_version(struct store *s, int64_t *last_event, struct err *e);

#endif
