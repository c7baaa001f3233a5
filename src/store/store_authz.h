/* store_authz.h: what the router's scope check asks the store (web/authz.c):
 * whose enterprise a record in a path belongs to, and whether an
 * enterprise is in an official's worklist. */
#ifndef SAMANVAY_STORE_AUTHZ_H
#define SAMANVAY_STORE_AUTHZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* The kinds of record a route's {id} names. */
enum authz_record {
    AUTHZ_ENTERPRISE, AUTHZ_APPLICATION, AUTHZ_BUNDLE, AUTHZ_GRIEVANCE,
    AUTHZ_LINK_REQUEST, AUTHZ_PAYMENT_CLAIM, AUTHZ_CORRECTION, AUTHZ_RECORD_COUNT
};

/* The place that decides who may see a record. */
struct authz_owner {
    int64_t enterprise_id;
    int gst_state;        /* GST state code */
    char district[64];    /* "" when unknown */
};

/* The owner of record `id` of `kind`: the enterprise itself, or the
 * enterprise an application, bundle, grievance, link request or payment
 * claim belongs to. Applications and grievances carry the place they were
 * filed in (officers' scope); the others the enterprise's place. */
int store_authz_owner(struct store *s, enum authz_record kind, int64_t id, struct authz_owner *out,
                      bool *found, struct err *e);

/* The place of registered cluster `cluster_id`: its GST state code and district. */
int store_authz_cluster_place(struct store *s, const char *cluster_id, int *gst_state,
                              char district[64], bool *found, struct err *e);

/* Is the enterprise in official `user_id`'s worklist: an application
 * still with the office (submitted, under review, returned, sent again,
 * sanctioned), a grievance not closed, a pending request to link an
 * account, a stress score of the latest month at or above
 * `alert_probability`, or a row of the official's own watchlist or
 * outreach list shown at or after `since` (ISO 8601 UTC; those lists are
 * worklists computed on the fly, and audit each enterprise they show)? */
int store_authz_in_worklist(struct store *s, int64_t enterprise_id, int64_t user_id,
                            const char *since, double alert_probability, bool *in, struct err *e);

/* The reason `user_id` last gave, at or after `since` (ISO 8601 UTC, as
 * audit_log.at), for reading enterprise `enterprise_id` outside the
 * worklist: one reason covers the official's next reads of the same
 * enterprise for a while, so the links of its pages need not carry it.
 * The defaults written for reads that needed none never count. */
int store_authz_recent_reason(struct store *s, int64_t user_id, int64_t enterprise_id,
                              const char *since, char *reason, size_t cap, bool *found, struct err *e);

#endif
