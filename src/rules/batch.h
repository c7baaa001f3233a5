/* batch.h: the whole catalogue over every enterprise in the store.
 *
 * Enterprises are held as compact columns (about 100 bytes each, strings
 * in one pool), and evaluated on several threads with the compiled rules:
 * statuses only, no texts, so a national run takes seconds. The same
 * facts and bytecode as a single profile's evaluation, so the answers are
 * identical (tests/rules/test_batch.c checks it); rules that read nothing
 * of the row are decided once per run, and each row builds only the facts
 * the remaining rules read. */
#ifndef SAMANVAY_BATCH_H
#define SAMANVAY_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/enterprise.h"
#include "core/err.h"
#include "core/refdata.h"
#include "rules/catalog.h"

struct batch_columns {
    const struct refdata *ref;                  /* borrowed: places are looked up on add */
    size_t n, cap;
    int64_t *id;
    int64_t *investment, *turnover, *exports;   /* paise; -1 unknown */
    int32_t *commenced_on;                      /* DATE_UNKNOWN when unknown */
    int32_t *employees;                         /* -1 unknown */
    int8_t *constitution, *activity, *area, *gender, *category, *disabled; /* -1 unknown */
    uint8_t *state;                             /* GST code */
    uint8_t *n_gstins;
    uint32_t *name_at, *udyam_at, *pan_at, *nic_at, *district_at, *gstins_at; /* pool offsets; 0 = none */
    uint32_t *cluster_at;                       /* enterprise.cluster.id; 0 = unknown (not set) */
    int8_t *traditional;                        /* enterprise.traditional_industry: 1, 0, -1 unknown */
    const struct district_info **district;      /* into ref; NULL when not found */
    struct buf pool;                            /* NUL-terminated strings; offset 0 holds "" */
};

/* ref must outlive the columns. */
struct batch_columns *batch_columns_new(const struct refdata *ref);
void batch_columns_free(struct batch_columns *c);
int batch_columns_add(struct batch_columns *c, const struct enterprise *e);
/* Row i's cluster facts, which struct enterprise does not carry (the
 * cluster feed does): its cluster's id (NULL: unknown) and whether it is
 * in a traditional industry (1, 0, or -1 unknown). A row added and never
 * set has both unknown, as a profile without the cluster feed would. */
int batch_columns_set_cluster(struct batch_columns *c, size_t i, const char *cluster_id, int traditional);

/* What every enterprise is assumed to need, for population questions
 * ("who is eligible for working capital of ₹10 lakh?"). */
struct batch_options {
    int32_t as_of;
    int threads;                 /* 0 = one per core */
    const char *need_purpose;    /* NULL = unknown */
    int64_t need_amount;         /* paise; -1 = unknown */
};

struct batch_counts {
    size_t eligible, ineligible, unknown;
};

/* Evaluate. status (may be NULL) gets n × c->n bytes, row-major by
 * enterprise, each an enum status; counts gets one entry per scheme in
 * catalogue order. */
int batch_evaluate(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                   const struct batch_options *o, uint8_t *status, struct batch_counts *counts,
                   struct err *e);

#endif
