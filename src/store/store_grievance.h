/* store_grievance.h: grievances with their append-only events, and
 * delayed-payment claims (migration 0003_portal.sql).
 *
 * The rules (what may follow what, deadlines, escalation, appeal) are
 * core/grievance.h; the store records, and moves a grievance by
 * compare-and-set on the (state, level) it was read in. Every function
 * returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_GRIEVANCE_H
#define SAMANVAY_STORE_GRIEVANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/enterprise.h"
#include "core/err.h"
#include "core/grievance.h"
#include "store/store.h"

#define GRIEVANCE_TEXT_MAX 2048        /* bytes including NUL */
/* Lists copy their rows out before the callback runs, so each is bounded:
 * at most GRIEVANCE_LIST_MAX rows per call (grievances, events, claims). */
#define GRIEVANCE_LIST_MAX 1000

enum grievance_subject { GRIEVANCE_ON_APPLICATION, GRIEVANCE_ON_SCHEME, GRIEVANCE_ON_PAYMENT };
const char *grievance_subject_name(enum grievance_subject s);  /* "application" */
int grievance_subject_parse(const char *name, enum grievance_subject *out);

struct grievance_row {
    int64_t id, enterprise_id, user_id;
    enum grievance_subject subject;
    int64_t application_id;            /* 0 = none */
    char scheme_id[48];
    int64_t payment_claim_id;          /* 0 = none */
    char category[32];
    char body[GRIEVANCE_TEXT_MAX];
    struct grievance g;                /* state, level, level_since, rating */
    char gst_state[4];
    char district[64];
    int32_t filed_on;
    char enterprise_name[ENTERPRISE_NAME_MAX];
};

/* File a grievance (open at district level on `today`) with its 'file'
 * event and the scope copied from `ent`; in one transaction. The caller
 * fills user_id, subject and its reference, category and body; the store
 * sets id, enterprise_id, g, the scope, filed_on and enterprise_name. */
int store_grievance_file(struct store *s, const struct enterprise *ent, struct grievance_row *g,
                         const char *role, int32_t today, struct err *e);
int store_grievance_get(struct store *s, int64_t id, struct grievance_row *out, bool *found,
                        struct err *e);
/* An enterprise's grievances, newest first (at most GRIEVANCE_LIST_MAX). */
int store_grievances_of_enterprise(struct store *s, int64_t enterprise_id,
                                   int (*fn)(void *ctx, const struct grievance_row *g), void *ctx,
                                   struct err *e);
/* Open grievances (not closed) in scope, oldest level_since first, at most
 * `limit` (and GRIEVANCE_LIST_MAX). A scope at ministry level is
 * gst_state "" (an admin or a ministry desk). */
int store_grievances_in_scope(struct store *s, const char *gst_state, const char *district,
                              size_t limit, int (*fn)(void *ctx, const struct grievance_row *g),
                              void *ctx, struct err *e);

/* Record a move computed by core/grievance.c: `before` is the grievance as
 * read, `after` as the pure function left it. Appends the event (action,
 * body, actor; user_id 0 = the system) and a notification, in one
 * transaction. *moved is false when the row no longer matches `before`. */
int store_grievance_move(struct store *s, int64_t id, const struct grievance *before,
                         const struct grievance *after, const char *action, const char *body,
                         int64_t user_id, const char *role, int32_t today, bool *moved,
                         struct err *e);

struct grievance_event_row {
    int64_t id;
    char action[16];
    enum grievance_level level;
    char body[GRIEVANCE_TEXT_MAX];
    char username[64];                 /* "" for the system */
    char role[16];
    int32_t on;
    char at[24];
};
/* A grievance's events, oldest first (at most GRIEVANCE_LIST_MAX). */
int store_grievance_events(struct store *s, int64_t grievance_id,
                           int (*fn)(void *ctx, const struct grievance_event_row *ev), void *ctx,
                           struct err *e);

/* Escalate every open grievance whose deadline has passed on `today`
 * (core/grievance.c decides), each by store_grievance_move with action
 * 'escalate' and the system as actor. *n counts the escalations. Run
 * before showing a worklist, so a missed deadline is seen at once. Each
 * escalation is a transaction of its own: call it outside one. */
int store_grievances_escalate_due(struct store *s, const struct grievance_sla *sla, int32_t today,
                                  int64_t *n, struct err *e);

struct payment_claim_row {
    int64_t id, enterprise_id, user_id;
    char buyer[256];
    char invoice_no[64];
    int64_t amount_paise;
    int32_t accepted_on;               /* date.h days */
    char state[12];                    /* filed | settled | withdrawn */
    int32_t filed_on;
    /* Migration 0011: what the MSMED engine needs (calendar/msmed.h). */
    int32_t invoice_date;              /* DATE_UNKNOWN: none given (rows before 0011) */
    bool agreed;                       /* days were agreed in writing */
    int agreed_days;                   /* those days, when agreed (0..3650) */
    char buyer_pan[16];                /* "" = not given; checked by core/ident.c */
    char buyer_gstin[16];              /* "" = not given */
    char buyer_state[4];               /* GST state code "27", "" = not given */
    int64_t msefc_grievance_id;        /* read only: its referral to the Council, 0 = none */
};
/* Add a claim (c->id is set; an empty state becomes "filed"). */
int store_payment_claim_add(struct store *s, struct payment_claim_row *c, struct err *e);
/* An enterprise's claims, newest first (at most GRIEVANCE_LIST_MAX). */
int store_payment_claims_of_enterprise(struct store *s, int64_t enterprise_id,
                                       int (*fn)(void *ctx, const struct payment_claim_row *c),
                                       void *ctx, struct err *e);
int store_payment_claim_get(struct store *s, int64_t id, struct payment_claim_row *out,
                            bool *found, struct err *e);

/* A part payment received against a claim (table payment_claim_receipt). */
#define PAYMENT_RECEIPTS_MAX 24        /* per claim: the form's and the engine's bound */
struct payment_receipt_row {
    int64_t id, claim_id;
    int32_t received_on;
    int64_t amount_paise;              /* > 0 */
};
/* Add one receipt to claim r->claim_id (r->id is set). Call it in the
 * claim's transaction (store_begin) so a claim never shows half its
 * receipts. */
int store_payment_receipt_add(struct store *s, struct payment_receipt_row *r, struct err *e);
/* A claim's receipts, oldest first, into out[0..cap); *n how many (at
 * most PAYMENT_RECEIPTS_MAX are kept per claim). */
int store_payment_receipts(struct store *s, int64_t claim_id, struct payment_receipt_row *out,
                           size_t cap, size_t *n, struct err *e);

#endif
