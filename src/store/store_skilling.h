/* store_skilling.h: training records (migration 0006, docs/data-feeds.md
 * §4), keyed by record_id. A record naming a Udyam number is attached to
 * that enterprise; one without stays unattached, with the trainee's name,
 * district and mobile_last4 kept as given for record linkage. */
#ifndef SAMANVAY_STORE_SKILLING_H
#define SAMANVAY_STORE_SKILLING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/enterprise.h"
#include "core/err.h"
#include "store/store.h"

#define SKILLING_ID_MAX 64                /* record_id bytes including NUL */

struct skilling_record {
    char record_id[SKILLING_ID_MAX];
    char programme[16];                   /* esdp | pmegp_edp | pm_vishwakarma | ati */
    char trainee_name[ENTERPRISE_NAME_MAX];
    char gender[16];
    char social_category[8];              /* "" not given */
    int birth_year;                       /* -1 not given */
    char mobile_last4[5];                 /* "" not given */
    char udyam[20];                       /* "" not given */
    int state;                            /* GST state code */
    char district[64];                    /* LGD name */
    char course[ENTERPRISE_NAME_MAX];
    int32_t started_on;
    int32_t completed_on;                 /* DATE_UNKNOWN: still running */
    int certified;                        /* 1, 0, -1 not given */
    uint64_t content_hash;                /* of every field above */
    int64_t src_file, src_row;            /* provenance, set by the caller */
};

uint64_t skilling_record_hash(const struct skilling_record *r);

struct skilling_put_result {
    enum upsert_outcome outcome;          /* store_keyed.h; never PAN_CONFLICT */
    int64_t other_row;                    /* DUPLICATE / CONFLICT: the earlier row of this file */
    bool unknown_udyam;                   /* the Udyam number is not on file: nothing stored */
    int64_t enterprise_id;                /* 0: the row names no enterprise */
};

/* Store one record (inside the caller's transaction). */
int store_skilling_put(struct store *s, const struct skilling_record *r,
                       struct skilling_put_result *out, struct err *e);
/* Store n records at once, each with the outcome store_skilling_put would
 * give it taken in order (store_skilling_batch.c; where
 * store_batch_supported). */
int store_skilling_put_batch(struct store *s, const struct skilling_record *const *rows, size_t n,
                             struct skilling_put_result *out, struct err *e);
/* What the record linker compares of a record not attached to an enterprise. */
struct skilling_trainee {
    char record_id[SKILLING_ID_MAX];
    char trainee_name[ENTERPRISE_NAME_MAX];
    char gender[16];
    char social_category[8];              /* "" not given */
    char state[4];                        /* GST state code, "27" */
    char district[64];
};

/* Every record not attached to an enterprise (not tried, or no match
 * before), in record_id order. The callback may not write to the store. */
int store_skilling_unlinked(struct store *s,
                            int (*fn)(void *ctx, const struct skilling_trainee *t), void *ctx,
                            struct err *e);
/* The linker's verdict on one record: method "probabilistic" with the
 * enterprise, weight, probability and explanation (JSON), or "none"
 * (enterprise 0, explanation NULL). */
int store_skilling_link(struct store *s, const char *record_id, const char *method,
                        int64_t enterprise_id, double weight, double probability,
                        const char *explanation, struct err *e);
/* Records of one file attached to an enterprise, however. */
int store_skilling_file_linked(struct store *s, int64_t file_id, int64_t *linked, struct err *e);

/* Records attached to one enterprise. */
int store_skilling_count(struct store *s, int64_t enterprise_id, int64_t *n, struct err *e);
/* The most recent record attached to an enterprise (latest started, then
 * latest loaded), as stored; *found is false when it has none. */
int store_skilling_latest(struct store *s, int64_t enterprise_id, struct skilling_record *out,
                          bool *found, struct err *e);

#endif
