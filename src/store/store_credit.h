/* store_credit.h: credit facilities and their monthly status (migration
 * 0006, docs/data-feeds.md §3). A feed row is one facility-month, keyed by
 * (facility_id, month); the facility's terms are kept once, as its latest
 * reported month gave them. The borrower is found by Udyam number when
 * the lender gave one, else by PAN (store_resolve.h). */
#ifndef SAMANVAY_STORE_CREDIT_H
#define SAMANVAY_STORE_CREDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

#define CREDIT_ID_MAX 64              /* facility_id bytes including NUL */

struct credit_row {
    char lender_ifsc[12];
    char facility_id[CREDIT_ID_MAX];
    char borrower_pan[11];            /* "" not given */
    char borrower_udyam[20];          /* "" not given */
    char facility_type[16];           /* term_loan | cash_credit | overdraft */
    char scheme[32];                  /* "" none */
    int32_t sanctioned_on;
    int64_t sanctioned;               /* paise */
    char month[8];                    /* YYYY-MM */
    int64_t outstanding;              /* paise */
    int64_t dpd;
    char asset_class[8];              /* STD | SMA0 | SMA1 | SMA2 | NPA */
    uint64_t content_hash;            /* of every field above */
    int64_t src_file, src_row;        /* provenance, set by the caller */
};

uint64_t credit_row_hash(const struct credit_row *r);

struct credit_put_result {
    enum upsert_outcome outcome;      /* store_keyed.h; never PAN_CONFLICT */
    int64_t other_row;                /* DUPLICATE / CONFLICT: the earlier row of this file */
    bool unknown_borrower;            /* no enterprise on file: nothing was stored */
    bool pan_disagrees;               /* both identifiers given, and the PAN is not the
                                         Udyam enterprise's (the Udyam number was used) */
    int64_t enterprise_id;
};

/* Store one facility-month (inside the caller's transaction). */
int store_credit_put(struct store *s, const struct credit_row *r, struct credit_put_result *out,
                     struct err *e);
/* Store n facility-months at once, each with the outcome store_credit_put
 * would give it taken in order (store_credit_batch.c; where
 * store_batch_supported). */
int store_credit_put_batch(struct store *s, const struct credit_row *const *rows, size_t n,
                           struct credit_put_result *out, struct err *e);
/* Facilities and facility-months stored for one enterprise. */
int store_credit_count(struct store *s, int64_t enterprise_id, int64_t *facilities,
                       int64_t *months, struct err *e);

/* An enterprise's repayment record as its lenders reported it: whether any
 * of its facilities was ever an NPA (a month classed NPA, or more than 90
 * days past due), and the one status row that shows the answer: the first
 * NPA month when there is one, else the latest month reported. */
struct credit_history {
    int64_t facilities;               /* 0: none on file, and nothing below is set */
    int64_t months;                   /* facility-months reported */
    int latest_month;                 /* date.h month index of the latest month reported */
    bool npa_ever;
    /* the row cited */
    char facility_id[CREDIT_ID_MAX];
    int month;                        /* date.h month index */
    int64_t dpd;
    char asset_class[8];
    int64_t src_file, src_row;
};
int store_credit_history(struct store *s, int64_t enterprise_id, struct credit_history *out,
                         struct err *e);

/* A facility sanctioned under a scheme, with the feed row that gave its
 * terms. Listed latest sanctioned first, at most STORE_SCHEME_LOANS_MAX. */
#define STORE_SCHEME_LOANS_MAX 64
struct credit_scheme_loan {
    char scheme[32];
    char facility_id[CREDIT_ID_MAX];
    int32_t sanctioned_on;
    int64_t src_file, src_row;
};
int store_credit_scheme_loans(struct store *s, int64_t enterprise_id,
                              int (*fn)(void *ctx, const struct credit_scheme_loan *l), void *ctx,
                              struct err *e);

#endif
