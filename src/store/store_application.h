/* store_application.h: common applications (bundles), the applications
 * in them with their append-only events, and the enterprise's
 * notifications (migration 0003_portal.sql).
 *
 * The rules (who may move an application where, reasons, the SLA clock)
 * are core/application.h; the store only records, and moves a state by
 * compare-and-set so two officers acting at once cannot both succeed.
 * Every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_APPLICATION_H
#define SAMANVAY_STORE_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/application.h"
#include "core/enterprise.h"
#include "core/err.h"
#include "store/store.h"

#define APP_REASON_MAX 1024            /* bytes including NUL */
#define APP_SCHEME_ID_MAX 48
/* Lists copy their rows out before the callback runs, so each is bounded:
 * at most APP_LIST_MAX rows per call (applications, notifications, scheme
 * ids), APP_EVENTS_MAX events per application. */
#define APP_LIST_MAX 1000
#define APP_EVENTS_MAX 1000
/* The worklist ranks at most this many open applications of a scope, the
 * oldest (lowest ids) first. */
#define APP_WORKLIST_SCAN 20000

/* One application of a bundle to create. */
struct app_new {
    const char *scheme_id;
    int sla_days;
    const char *eligibility;           /* "eligible" | "unknown" */
    int64_t benefit_paise;             /* -1 unknown */
};

/* Create a bundle and one application per scheme, each submitted at once
 * (a 'create' event into draft, then a 'submit' event into submitted), in
 * one transaction of its own. gst_state/district are copied from `ent`.
 * `answers` is the form's JSON text. ids[i] receives application i's id.
 * When a scheme already has an open application of the enterprise
 * (checked under the write lock), nothing is written and *bundle_id is 0. */
int store_bundle_create(struct store *s, const struct enterprise *ent, int64_t user_id,
                        const char *role, const char *answers, const struct app_new *apps,
                        size_t n, int32_t today, int64_t *bundle_id, int64_t *ids, struct err *e);

/* The common form's answers of a bundle, as the JSON text stored
 * ({"fields": {...}, "documents": [...]}); *answers is NULL when there is
 * no such bundle, else the caller frees it with mem_free. */
int store_bundle_answers(struct store *s, int64_t bundle_id, char **answers, struct err *e);

/* Every list function below calls fn once per row, after the rows are
 * read: fn returns 0 to go on, 1 to stop (the list still succeeds), or -1
 * for a fault of its own, which the list function returns. The same holds
 * in store_grievance.h and store_profile.h. */

struct app_row {
    int64_t id, bundle_id, enterprise_id;
    char scheme_id[APP_SCHEME_ID_MAX];
    enum app_state state;
    char gst_state[4];
    char district[64];
    int sla_days;
    char eligibility[12];
    int64_t benefit_paise;             /* -1 unknown */
    int32_t created_on;                /* date.h days */
    char updated_at[24];
    /* Filled by the list and get functions from the events: */
    int32_t days_with_government;      /* the SLA clock on `today` */
    int32_t last_on;                   /* date of the last event */
    char last_reason[APP_REASON_MAX];  /* the newest event's reason, "" if none */
    char enterprise_name[ENTERPRISE_NAME_MAX];
};

/* One application, with its clock on `today`. */
int store_app_get(struct store *s, int64_t id, int32_t today, struct app_row *out, bool *found,
                  struct err *e);
/* The same when its GST state is known (the scope check read it): on
 * PostgreSQL one partition's read instead of every state's. */
int store_app_get_in_state(struct store *s, int64_t id, int gst_state, int32_t today,
                           struct app_row *out, bool *found, struct err *e);
/* An enterprise's applications, newest first (at most APP_LIST_MAX). */
int store_apps_of_enterprise(struct store *s, int64_t enterprise_id, int32_t today,
                             int (*fn)(void *ctx, const struct app_row *a), void *ctx,
                             struct err *e);
/* The applications of one bundle, in id order (at most APP_LIST_MAX). */
int store_apps_of_bundle(struct store *s, int64_t bundle_id, int32_t today,
                         int (*fn)(void *ctx, const struct app_row *a), void *ctx, struct err *e);
/* Whether the enterprise has an application to this scheme that is not
 * in a final state (one open application per scheme). */
int store_app_open_exists(struct store *s, int64_t enterprise_id, const char *scheme_id,
                          bool *exists, struct err *e);

/* An officer's worklist: the applications in scope (gst_state "" = every
 * state, district "" = the whole state) that wait on the government
 * (submitted, under_review, resubmitted, sanctioned awaiting disbursal),
 * at most `limit`, sorted by SLA risk: the largest share of the SLA used
 * first (days_with_government / sla_days), ties by id. Ranks the scope's
 * APP_WORKLIST_SCAN oldest waiting applications. */
int store_worklist(struct store *s, const char *gst_state, const char *district, int32_t today,
                   size_t limit, int (*fn)(void *ctx, const struct app_row *a), void *ctx,
                   struct err *e);

struct app_event_row {
    int64_t id;
    char action[16];                   /* "create" or an app_action name */
    char from_state[16];               /* "" for create */
    enum app_state to_state;
    char reason[APP_REASON_MAX];
    char username[64];
    char role[16];
    int32_t on;                        /* date.h days */
    char at[24];
};
/* An application's events, oldest first (at most APP_EVENTS_MAX). */
int store_app_events(struct store *s, int64_t application_id,
                     int (*fn)(void *ctx, const struct app_event_row *ev), void *ctx,
                     struct err *e);

/* Move an application from `from` to `to` by `action`, appending the event
 * and a notification for the enterprise, in one transaction of its own.
 * *moved is false (nothing written) when the application is no longer in
 * `from` (someone else acted first). */
int store_app_move(struct store *s, int64_t id, enum app_state from, enum app_action action,
                   enum app_state to, const char *reason, int64_t user_id, const char *role,
                   int32_t today, bool *moved, struct err *e);

/* Every enterprise of a scope, for the outreach list and the demo: calls
 * fn(ctx, enterprise) in id order, reading ids in pages. fn returns 0 to
 * go on, a positive number to stop, or -1 for a fault of its own (with e
 * set), which this returns. The caller evaluates eligibility and asks
 * store_app_schemes_of to skip schemes already applied to. */
int store_enterprises_in_scope(struct store *s, const char *gst_state, const char *district,
                               int (*fn)(void *ctx, const struct enterprise *ent), void *ctx,
                               struct err *e);
/* Scheme ids the enterprise has ever applied to, as a callback per id, in
 * scheme id order (at most APP_LIST_MAX). */
int store_app_schemes_of(struct store *s, int64_t enterprise_id,
                         int (*fn)(void *ctx, const char *scheme_id), void *ctx, struct err *e);

struct notification_row {
    int64_t id, enterprise_id;
    char kind[32];                     /* "application.sanctioned" */
    int64_t application_id, grievance_id; /* 0 = none */
    char scheme_id[APP_SCHEME_ID_MAX];
    char detail[APP_REASON_MAX];
    char at[24];
    bool read;
};
int store_notify(struct store *s, const struct notification_row *n, struct err *e);
/* The newest `limit` (at most APP_LIST_MAX) notifications of an enterprise. */
int store_notifications(struct store *s, int64_t enterprise_id, size_t limit,
                        int (*fn)(void *ctx, const struct notification_row *n), void *ctx,
                        struct err *e);
int store_notifications_mark_read(struct store *s, int64_t enterprise_id, struct err *e);

#endif
