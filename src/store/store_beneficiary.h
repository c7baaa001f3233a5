/* store_beneficiary.h: schemes' legacy beneficiary lists and their links
 * to enterprises (migration 0009_beneficiary.sql, docs/data-feeds.md §8).
 *
 * A list row is kept exactly as the agency wrote it; the enterprise it is
 * about is a separate judgement stored beside it, with how it was made:
 * by Udyam number or PAN when one is given and on file (at once, in
 * store_beneficiary_put), else by the record linker after the file has
 * loaded (ingest/link_pass.c), which records its weight and explanation.
 *
 * Every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_BENEFICIARY_H
#define SAMANVAY_STORE_BENEFICIARY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

#define BENEFICIARY_NAME_MAX 256

enum link_method {
    LINK_PENDING,        /* not tried yet (NULL in the table) */
    LINK_UDYAM,
    LINK_PAN,
    LINK_PROBABILISTIC,
    LINK_NONE,           /* tried; no enterprise on file is this one */
};

/* "udyam", "pan", "probabilistic", "none"; NULL for LINK_PENDING. */
const char *link_method_name(enum link_method m);
/* The method a stored name gives; LINK_PENDING for any other text. */
enum link_method link_method_parse(const char *name);

struct beneficiary_row {
    int64_t id;                       /* set when read back */
    char scheme[33];
    char list_ref[65];
    char beneficiary_name[BENEFICIARY_NAME_MAX];
    char enterprise_name[BENEFICIARY_NAME_MAX];
    char pan[11];
    char udyam[20];
    char mobile_last4[5];
    char district[BENEFICIARY_NAME_MAX]; /* as written: a misspelling is the list's */
    int state;                        /* GST state code, 0 when not given */
    char pincode[7];
    int32_t sanctioned_on, disbursed_on; /* DATE_UNKNOWN when not given */
    int64_t amount;                   /* paise, -1 when not given */
    char purpose[24];
    uint64_t content_hash;            /* of every field above but id */
    int64_t src_file, src_row;        /* provenance, set by the caller */
    /* the link, when read back */
    int64_t enterprise_id;
    enum link_method method;
};

uint64_t beneficiary_row_hash(const struct beneficiary_row *r);

struct beneficiary_put {
    enum upsert_outcome outcome;      /* store_keyed.h */
    int64_t other_row;                /* DUPLICATE / CONFLICT: the earlier row of this file */
    enum link_method method;          /* how the stored row is linked now */
    bool udyam_unknown;               /* a Udyam number was given that is not on file */
    bool pan_disagrees;               /* the PAN is another enterprise's than the Udyam number's */
};

/* Insert or update one list row (inside the caller's transaction),
 * linking it at once by Udyam number, else PAN, when one is on file;
 * otherwise it waits for the record linker. A corrected row is linked
 * afresh; an identical one keeps its link. */
int store_beneficiary_put(struct store *s, const struct beneficiary_row *r,
                          struct beneficiary_put *out, struct err *e);
/* The rows of a batch in order, as store_beneficiary_put would write them
 * one by one, through COPY: for stores where store_batch_supported
 * (store_beneficiary_batch.c). */
int store_beneficiary_put_batch(struct store *s, const struct beneficiary_row *const *rows, size_t n,
                                struct beneficiary_put *out, struct err *e);

/* Every row no identifier links (pending, none found before, or linked by
 * probability before: the linker's model is fitted to the same rows on
 * every pass, so a reload gives the same verdicts), in id order. The
 * callback may not write to the store. */
int store_beneficiary_unlinked(struct store *s,
                               int (*fn)(void *ctx, const struct beneficiary_row *r), void *ctx,
                               struct err *e);

/* Record a verdict on row `id`: method and enterprise (0 with LINK_NONE);
 * for LINK_PROBABILISTIC also the weight, probability and explanation
 * (JSON text), else those are stored NULL. */
int store_beneficiary_link(struct store *s, int64_t id, enum link_method method,
                           int64_t enterprise_id, double weight, double probability,
                           const char *explanation, struct err *e);

/* Link every unlinked row whose Udyam number, else PAN, has come on file
 * since it was loaded (the linker then sees only rows without one). */
int store_beneficiary_relink_identifiers(struct store *s, struct err *e);

/* Rows of one file linked to an enterprise, however. */
int store_beneficiary_file_linked(struct store *s, int64_t file_id, int64_t *linked,
                                  struct err *e);

/* One enterprise's list rows, newest disbursal first. */
int store_beneficiary_of_enterprise(struct store *s, int64_t enterprise_id,
                                    int (*fn)(void *ctx, const struct beneficiary_row *r),
                                    void *ctx, struct err *e);

#endif
