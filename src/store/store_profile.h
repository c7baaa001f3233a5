/* store_profile.h: what people tell the portal about an enterprise
 * (migration 0003_portal.sql): facts given or corrected on the portal,
 * with who gave them and what they replaced; self-registered units; and
 * linking an account to its enterprise.
 *
 * Every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_PROFILE_H
#define SAMANVAY_STORE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/enterprise.h"
#include "core/err.h"
#include "store/store.h"

#define PROFILE_FACT_VALUE_MAX 512     /* JSON text of one value, bytes including NUL */
#define PROFILE_FACT_NOTE_MAX 256
/* Most rows one list call returns (facts, a history, pending claims):
 * rows are copied out before the callback runs, so each list is bounded. */
#define PROFILE_LIST_MAX 1000

struct profile_fact_row {
    int64_t id;
    int64_t enterprise_id;
    char path[64];                     /* "enterprise.turnover" */
    char value[PROFILE_FACT_VALUE_MAX];/* JSON text: 1250000, "services", null */
    char source[16];                   /* "self" | "officer" */
    char replaced[PROFILE_FACT_VALUE_MAX];        /* "" when nothing was replaced */
    char replaced_source[PROFILE_FACT_NOTE_MAX];
    int64_t user_id;
    char at[24];                       /* ISO 8601 UTC */
    char note[PROFILE_FACT_NOTE_MAX];  /* an officer's reason for a correction, or "" */
};

/* Append one fact (id and at are set by the store). */
int store_profile_fact_add(struct store *s, const struct profile_fact_row *f, struct err *e);
/* The newest fact per path of one enterprise, in path order: fn is called
 * once per path; fn returns 0 to go on, 1 to stop, -1 for its own fault (returned). */
int store_profile_facts_current(struct store *s, int64_t enterprise_id,
                                int (*fn)(void *ctx, const struct profile_fact_row *f),
                                void *ctx, struct err *e);
/* The newest fact per path and source (an officer's correction and the
 * entrepreneur's own word are kept apart: the golden record's
 * survivorship rule decides between them), in path order. */
int store_profile_facts_by_source(struct store *s, int64_t enterprise_id,
                                  int (*fn)(void *ctx, const struct profile_fact_row *f),
                                  void *ctx, struct err *e);
/* The newest fact's id for an enterprise (0 when none): facts are
 * append-only, so a new fact is a new id (answer caches key on it). */
int store_profile_fact_last_id(struct store *s, int64_t enterprise_id, int64_t *id,
                               struct err *e);
/* Every fact of one path, newest first (the correction history), at most
 * PROFILE_LIST_MAX. */
int store_profile_fact_history(struct store *s, int64_t enterprise_id, const char *path,
                               int (*fn)(void *ctx, const struct profile_fact_row *f), void *ctx,
                               struct err *e);

/* A unit registered on the portal without a Udyam record: an enterprise
 * row whose provenance is the portal (feed "portal", src_row = user id).
 * Only name, state, district and activity are taken from `e_in`; the
 * amounts are stored unknown (-1). The portal's ingest_file row (feed
 * "portal", digest "portal") is created on first use. No transaction of
 * its own, so a caller can link the account in the same one. */
int store_enterprise_register(struct store *s, const struct enterprise *e_in, int64_t user_id,
                              int64_t *id, struct err *e);
/* The enterprise holding this PAN, or one of this GSTIN. */
int store_enterprise_find_pan(struct store *s, const char *pan, int64_t *id, bool *found,
                              struct err *e);
int store_enterprise_find_gstin(struct store *s, const char *gstin, int64_t *id, bool *found,
                                struct err *e);
/* The account's own enterprise (entrepreneurs). */
int store_user_set_enterprise(struct store *s, int64_t user_id, int64_t enterprise_id,
                              struct err *e);
/* Whether another account already holds this enterprise. */
int store_enterprise_claimed(struct store *s, int64_t enterprise_id, bool *claimed,
                             struct err *e);

/* A claim an officer must decide (the record has nothing else to match). */
struct enterprise_claim_row {
    int64_t id, user_id, enterprise_id;
    char username[64];
    char enterprise_name[ENTERPRISE_NAME_MAX];
    char udyam[20];
    char state[16];                    /* pending | approved | refused */
    char reason[PROFILE_FACT_NOTE_MAX];
    char at[24];
};
int store_claim_add(struct store *s, int64_t user_id, int64_t enterprise_id, struct err *e);
/* Pending claims in a scope (gst_state "" = all; district "" = whole
 * state), oldest first, at most PROFILE_LIST_MAX. */
int store_claims_pending(struct store *s, const char *gst_state, const char *district,
                         int (*fn)(void *ctx, const struct enterprise_claim_row *c), void *ctx,
                         struct err *e);
int store_claim_get(struct store *s, int64_t id, struct enterprise_claim_row *out, bool *found,
                    struct err *e);
/* Decide a pending claim (compare-and-set on 'pending'): *changed is false
 * when it was already decided. Approval also links the account. In one
 * transaction of its own. */
int store_claim_decide(struct store *s, int64_t id, bool approve, int64_t officer_id,
                       const char *reason, bool *changed, struct err *e);
/* The account's newest claim, if any. */
int store_claim_of_user(struct store *s, int64_t user_id, struct enterprise_claim_row *out,
                        bool *found, struct err *e);

#endif
