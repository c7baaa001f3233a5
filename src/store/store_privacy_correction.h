/* store_privacy_correction.h: an entrepreneur's request that the district
 * office correct a field of its golden record (migration
 * 0024_correction_request.sql; docs/privacy.md).
 *
 * A request is pending until an officer of the enterprise's area accepts
 * it (the caller writes the officer's fact, profile_view_give, and records
 * its id here in the same transaction) or rejects it with a reason. The
 * decision is a compare-and-set on 'pending', so two officers cannot both
 * decide one request. Every function returns 0 or -1 with `e` set. */
#ifndef SAMANVAY_STORE_PRIVACY_CORRECTION_H
#define SAMANVAY_STORE_PRIVACY_CORRECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/enterprise.h"
#include "core/err.h"
#include "store/store.h"

#define CORRECTION_VALUE_MAX 256       /* bytes including NUL */
#define CORRECTION_REASON_MAX 512
#define CORRECTION_LIST_MAX 200        /* rows one list call returns */

enum correction_state { CORRECTION_PENDING, CORRECTION_ACCEPTED, CORRECTION_REJECTED };
const char *correction_state_name(enum correction_state s);   /* "pending" */

struct correction_row {
    int64_t id, enterprise_id, user_id;
    char path[64];                      /* "enterprise.turnover" */
    char value[CORRECTION_VALUE_MAX];   /* as the form's text */
    char current_value[CORRECTION_VALUE_MAX];
    char reason[CORRECTION_REASON_MAX];
    enum correction_state state;
    char gst_state[4];
    char district[64];
    char created_at[24];
    int64_t decided_by;                 /* 0 while pending */
    char decider[64];                   /* the deciding officer's username */
    char decision_reason[CORRECTION_REASON_MAX];
    char decided_at[24];
    int64_t fact_id;                    /* accepted: the fact written */
    char enterprise_name[ENTERPRISE_NAME_MAX];
};

/* File a pending request; the caller fills user_id, path, value,
 * current_value and reason; the scope comes from `ent`. Sets r->id. */
int store_correction_add(struct store *s, const struct enterprise *ent, struct correction_row *r,
                         struct err *e);
int store_correction_get(struct store *s, int64_t id, struct correction_row *out, bool *found,
                         struct err *e);
/* An enterprise's requests, newest first (at most CORRECTION_LIST_MAX). */
int store_corrections_of_enterprise(struct store *s, int64_t enterprise_id,
                                    int (*fn)(void *ctx, const struct correction_row *r),
                                    void *ctx, struct err *e);
/* Pending requests in a scope (gst_state "" = all, district "" = the whole
 * state), oldest first, at most CORRECTION_LIST_MAX. */
int store_corrections_pending(struct store *s, const char *gst_state, const char *district,
                              int (*fn)(void *ctx, const struct correction_row *r), void *ctx,
                              struct err *e);
/* Decide a pending request: accepted (fact_id the officer's fact) or
 * rejected. *changed is false when it was no longer pending. No
 * transaction of its own: accepting writes the fact in the caller's. */
int store_correction_decide(struct store *s, int64_t id, enum correction_state to,
                            int64_t officer_id, const char *reason, int64_t fact_id,
                            bool *changed, struct err *e);

#endif
