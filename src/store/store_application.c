/* store_application.c: bundles, applications with their append-only
 * events, and notifications.
 *
 * The application row's state is a cache of its last event. It moves only
 * by compare-and-set on the state it was read in, in the same transaction
 * as the event, so the row and its history never disagree. The SLA clock
 * is not stored: it is core/application.c's reading of the events. */
#include "store/store_application.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_list.h"

#define APP_SELECT                                                                           \
    "SELECT a.id, a.bundle_id, a.enterprise_id, a.scheme_id, a.state, a.gst_state,"          \
    " a.district, a.sla_days, a.eligibility, a.benefit_paise, a.created_on, a.updated_at,"   \
    " e.name FROM application a JOIN enterprise e ON e.id = a.enterprise_id"

/* --- reading ------------------------------------------------------------ */

static int parse_state(const char *name, enum app_state *out, struct err *e)
{
    if (app_state_parse(name, out) != 0)
        return err_set(e, "unknown application state '%.20s' in the store", name);
    return 0;
}

static int read_app(struct db_stmt *st, void *row, struct err *e)
{
    struct app_row *a = row;

    a->id = db_column_int64(st, 0);
    a->bundle_id = db_column_int64(st, 1);
    a->enterprise_id = db_column_int64(st, 2);
    col_text(st, 3, a->scheme_id, sizeof a->scheme_id);
    if (parse_state(db_column_text(st, 4), &a->state, e) != 0)
        return -1;
    col_text(st, 5, a->gst_state, sizeof a->gst_state);
    col_text(st, 6, a->district, sizeof a->district);
    a->sla_days = (int)db_column_int64(st, 7);
    col_text(st, 8, a->eligibility, sizeof a->eligibility);
    a->benefit_paise = db_column_is_null(st, 9) ? -1 : db_column_int64(st, 9);
    a->created_on = col_day(st, 10);
    col_text(st, 11, a->updated_at, sizeof a->updated_at);
    col_text(st, 12, a->enterprise_name, sizeof a->enterprise_name);
    return 0;
}

/* One step of the history from columns (to_state, on_date) at `col`. */
static int read_step(struct db_stmt *st, int col, struct app_step *p, struct err *e)
{
    if (parse_state(db_column_text(st, col), &p->state, e) != 0)
        return -1;
    p->on = col_day(st, col + 1);
    if (p->on == DATE_UNKNOWN)
        return err_set(e, "an application event has no valid date");
    return 0;
}

/* The fields an application takes from its events: the SLA clock on
 * `today`, the date of the last event and its reason. */
static int read_clock(struct store *s, struct app_row *a, int32_t today, struct err *e)
{
    static const char sql[] =
        "SELECT to_state, on_date, reason FROM application_event WHERE application_id = $1"
        " ORDER BY id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list steps = ROW_LIST(struct app_step, APP_EVENTS_MAX);
    int rc;

    if (st == NULL)
        return -1;
    /* One more than fits, so a longer history fails instead of a clock
     * silently computed on part of it. */
    if (db_bind_int64(st, 1, a->id) || db_bind_int64(st, 2, APP_EVENTS_MAX + 1))
        return err_set(e, "cannot bind the application id");
    a->last_on = DATE_UNKNOWN;
    a->last_reason[0] = '\0';
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct app_step *p = row_list_push(&steps, e);
        if (p == NULL || read_step(st, 0, p, e) != 0) {
            rc = -1;
            break;
        }
        a->last_on = p->on;
        col_text(st, 2, a->last_reason, sizeof a->last_reason);
    }
    db_reset(st);
    if (rc == DB_DONE)
        a->days_with_government = app_days_with_government(steps.items, steps.n, today);
    row_list_free(&steps);
    return rc < 0 ? -1 : 0;
}

/* Run a prepared application query, then give each row its clock and
 * hand it to fn. */
static int each_app(struct store *s, struct db_stmt *st, int32_t today,
                    int (*fn)(void *ctx, const struct app_row *a), void *ctx, struct err *e)
{
    struct row_list l = ROW_LIST(struct app_row, APP_LIST_MAX);
    int rc = row_list_fill(&l, st, read_app, e);

    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        struct app_row *a = row_list_at(&l, i);
        if (read_clock(s, a, today, e) != 0)
            rc = -1;
        else if (row_callback_stops(fn(ctx, a), &rc))
            break;
    }
    row_list_free(&l);
    return rc;
}

/* One application by id, or by its whole key (id, gst_state) when the
 * caller knows the state: on PostgreSQL the table is partitioned by state,
 * and the id alone makes the read probe every state's partition. */
static int app_get(struct store *s, int64_t id, const char *gst_state, int32_t today,
                   struct app_row *out, bool *found, struct err *e)
{
    static const char by_id[] = APP_SELECT " WHERE a.id = $1";
    static const char by_key[] = APP_SELECT " WHERE a.id = $1 AND a.gst_state = $2";
    struct db_stmt *st = db_cached(store_db(s), gst_state != NULL ? by_key : by_id, e);
    struct app_row a = {0};
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0 || (gst_state != NULL && bind_str(st, 2, gst_state) != 0))
        return err_set(e, "cannot bind the application id");
    rc = db_step(st, e);
    if (rc == DB_ROW && read_app(st, &a, e) != 0)
        rc = -1;
    db_reset(st);
    if (rc == DB_ROW && read_clock(s, &a, today, e) != 0)
        rc = -1;
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        *out = a;
    return 0;
}

int store_app_get(struct store *s, int64_t id, int32_t today, struct app_row *out, bool *found,
                  struct err *e)
{
    return app_get(s, id, NULL, today, out, found, e);
}

int store_app_get_in_state(struct store *s, int64_t id, int gst_state, int32_t today,
                           struct app_row *out, bool *found, struct err *e)
{
    char state[4];

    if (gst_state < 0 || gst_state > 99)
        return err_set(e, "state code %d is not a GST state code", gst_state);
    snprintf(state, sizeof state, "%02d", gst_state);
    return app_get(s, id, state, today, out, found, e);
}

int store_apps_of_enterprise(struct store *s, int64_t enterprise_id, int32_t today,
                             int (*fn)(void *ctx, const struct app_row *a), void *ctx,
                             struct err *e)
{
    static const char sql[] = APP_SELECT " WHERE a.enterprise_id = $1 ORDER BY a.id DESC LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, APP_LIST_MAX))
        return err_set(e, "cannot bind the enterprise id");
    return each_app(s, st, today, fn, ctx, e);
}

int store_apps_of_bundle(struct store *s, int64_t bundle_id, int32_t today,
                         int (*fn)(void *ctx, const struct app_row *a), void *ctx, struct err *e)
{
    static const char sql[] = APP_SELECT " WHERE a.bundle_id = $1 ORDER BY a.id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, bundle_id) || db_bind_int64(st, 2, APP_LIST_MAX))
        return err_set(e, "cannot bind the bundle id");
    return each_app(s, st, today, fn, ctx, e);
}

int store_app_open_exists(struct store *s, int64_t enterprise_id, const char *scheme_id,
                          bool *exists, struct err *e)
{
    /* Which states are final is core/application.c's rule, so the states
     * are read and judged here rather than listed in the SQL. */
    static const char sql[] =
        "SELECT state FROM application WHERE enterprise_id = $1 AND scheme_id = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool open = false;
    int rc = 0;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, scheme_id))
        return err_set(e, "cannot bind the scheme id");
    while (!open && (rc = db_step(st, e)) == DB_ROW) {
        enum app_state state;
        if (parse_state(db_column_text(st, 0), &state, e) != 0) {
            rc = -1;
            break;
        }
        open = !app_state_final(state);
    }
    db_reset(st);
    if (!open && rc < 0)
        return -1;
    *exists = open;
    return 0;
}

/* --- writing ------------------------------------------------------------ */

static int add_event(struct store *s, int64_t app_id, const char *action, const char *from,
                     enum app_state to, const char *reason, int64_t user_id, const char *role,
                     int32_t on, struct err *e)
{
    static const char sql[] =
        "INSERT INTO application_event(application_id, application_gst_state, action, from_state,"
        " to_state, reason, user_id, role, on_date, at) VALUES ($1,"
        " (SELECT gst_state FROM application WHERE id = $1), $2, $3, $4, $5, $6, $7, $8, $9)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, app_id) || bind_str(st, 2, action)
        || db_bind_text_or_null(st, 3, from) || bind_str(st, 4, app_state_name(to))
        || db_bind_text_or_null(st, 5, reason) || db_bind_int64(st, 6, user_id)
        || bind_str(st, 7, role) || bind_day(st, 8, on) || bind_str(st, 9, store_now(s)))
        return err_set(e, "cannot bind event values");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int insert_bundle(struct store *s, int64_t enterprise_id, int64_t user_id,
                         const char *answers, int64_t *id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO bundle(enterprise_id, user_id, answers, created_at) VALUES ($1, $2, $3, $4)"
        " {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool inserted;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, user_id)
        || bind_str(st, 3, answers) || bind_str(st, 4, store_now(s)))
        return err_set(e, "cannot bind bundle values");
    if (db_insert(st, id, &inserted, e) != 0)
        return -1;
    return inserted ? 0 : err_set(e, "the bundle was not inserted");
}

static int insert_app(struct store *s, int64_t bundle_id, const struct enterprise *ent,
                      const struct app_new *a, int32_t today, int64_t *id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO application(bundle_id, enterprise_id, scheme_id, state, gst_state, district,"
        " sla_days, eligibility, benefit_paise, created_on, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char state[4];
    bool inserted;

    if (st == NULL)
        return -1;
    snprintf(state, sizeof state, "%02d", ent->state);
    if (db_bind_int64(st, 1, bundle_id) || db_bind_int64(st, 2, ent->id)
        || bind_str(st, 3, a->scheme_id) || bind_str(st, 4, app_state_name(APP_SUBMITTED))
        || bind_str(st, 5, state) || db_bind_text_or_null(st, 6, ent->district)
        || db_bind_int64(st, 7, a->sla_days) || bind_str(st, 8, a->eligibility)
        || (a->benefit_paise < 0 ? db_bind_null(st, 9) : db_bind_int64(st, 9, a->benefit_paise))
        || bind_day(st, 10, today) || bind_str(st, 11, store_now(s)))
        return err_set(e, "cannot bind application values");
    if (db_insert(st, id, &inserted, e) != 0)
        return -1;
    return inserted ? 0 : err_set(e, "the application to %s was not inserted", a->scheme_id);
}

static int check_new_apps(const struct app_new *apps, size_t n, struct err *e)
{
    if (n == 0)
        return err_set(e, "a common application needs at least one scheme");
    for (size_t i = 0; i < n; i++) {
        if (*apps[i].scheme_id == '\0' || strlen(apps[i].scheme_id) >= APP_SCHEME_ID_MAX)
            return err_set(e, "scheme id '%.60s' is empty or too long", apps[i].scheme_id);
        if (apps[i].sla_days <= 0)
            return err_set(e, "scheme %s has no SLA", apps[i].scheme_id);
    }
    return 0;
}

int store_bundle_create(struct store *s, const struct enterprise *ent, int64_t user_id,
                        const char *role, const char *answers, const struct app_new *apps,
                        size_t n, int32_t today, int64_t *bundle_id, int64_t *ids, struct err *e)
{
    const char *draft = app_state_name(APP_DRAFT), *submit = app_action_name(APP_SUBMIT);
    int64_t bid;

    if (check_new_apps(apps, n, e) != 0 || store_begin(s, e) != 0)
        return -1;
    /* Checked again under the write lock: two submissions at once (a
     * double click) must not both open an application to one scheme. */
    for (size_t i = 0; i < n; i++) {
        bool open = false;
        if (store_app_open_exists(s, ent->id, apps[i].scheme_id, &open, e) != 0)
            goto fail;
        if (open) {
            store_rollback(s);
            *bundle_id = 0;
            return 0;
        }
    }
    if (insert_bundle(s, ent->id, user_id, answers, &bid, e) != 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        if (insert_app(s, bid, ent, &apps[i], today, &ids[i], e) != 0
            || add_event(s, ids[i], "create", NULL, APP_DRAFT, NULL, user_id, role, today, e)
            || add_event(s, ids[i], submit, draft, APP_SUBMITTED, NULL, user_id, role, today, e))
            goto fail;
    }
    if (store_commit(s, e) != 0)
        goto fail;
    *bundle_id = bid;
    return 0;
fail:
    store_rollback(s);
    return -1;
}

/* The compare-and-set: only a row still in `from` moves. */
static int set_state(struct store *s, int64_t id, enum app_state from, enum app_state to,
                     bool *moved, struct err *e)
{
    static const char sql[] =
        "UPDATE application SET state = $2, updated_at = $3 WHERE id = $1 AND state = $4";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, app_state_name(to))
        || bind_str(st, 3, store_now(s)) || bind_str(st, 4, app_state_name(from)))
        return err_set(e, "cannot bind the move");
    if (db_step(st, e) < 0)
        return -1;
    *moved = db_changes(store_db(s)) > 0;
    return 0;
}

static int notify_move(struct store *s, int64_t id, enum app_state to, const char *reason,
                       struct err *e)
{
    static const char sql[] =
        "INSERT INTO notification(enterprise_id, kind, application_id, application_gst_state,"
        " scheme_id, detail, at)"
        " SELECT enterprise_id, $2, id, gst_state, scheme_id, $3, $4 FROM application WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char kind[48];

    if (st == NULL)
        return -1;
    snprintf(kind, sizeof kind, "application.%s", app_state_name(to));
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, kind) || db_bind_text_or_null(st, 3, reason)
        || bind_str(st, 4, store_now(s)))
        return err_set(e, "cannot bind the notification");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_app_move(struct store *s, int64_t id, enum app_state from, enum app_action action,
                   enum app_state to, const char *reason, int64_t user_id, const char *role,
                   int32_t today, bool *moved, struct err *e)
{
    bool done = false;

    if (reason != NULL && strlen(reason) >= APP_REASON_MAX)
        return err_set(e, "the reason is longer than %d bytes", APP_REASON_MAX - 1);
    if (store_begin(s, e) != 0)
        return -1;
    if (set_state(s, id, from, to, &done, e) != 0)
        goto fail;
    if (!done) {
        store_rollback(s);
        *moved = false;
        return 0;
    }
    if (add_event(s, id, app_action_name(action), app_state_name(from), to, reason, user_id, role,
                  today, e) != 0
        || notify_move(s, id, to, reason, e) != 0 || store_commit(s, e) != 0)
        goto fail;
    *moved = true;
    return 0;
fail:
    store_rollback(s);
    return -1;
}

/* --- the worklist -------------------------------------------------------- */

/* Why in C and not ORDER BY: the risk is days_with_government / sla_days,
 * and the clock is core/application.c's reading of the events (it pauses
 * while returned, stops at a final state). Repeating that rule in SQL
 * would give two clocks that can disagree. So the scope's open
 * applications (at most APP_WORKLIST_SCAN, the oldest first) are read
 * with their events in one ordered pass, ranked in memory (24 bytes each),
 * and only the first `limit` are read in full. The application table is
 * read once, in the scope: on PostgreSQL it is partitioned by state, and a
 * second read by id alone would probe every state's partition for every
 * application (docs/scaling.md). */
struct risk {
    int64_t id;
    int32_t days, sla;
    char gst_state[4];
};

#define WORKLIST_SCAN(scope)                                                                 \
    "SELECT a.id, a.sla_days, a.gst_state, ev.to_state, ev.on_date FROM"                     \
    " (SELECT id, sla_days, gst_state FROM application WHERE state IN ($1, $2, $3, $4)" scope \
    "  ORDER BY id LIMIT $5) a"                                                              \
    " JOIN application_event ev ON ev.application_id = a.id ORDER BY a.id, ev.id"

static int risk_cmp(const void *pa, const void *pb)
{
    const struct risk *a = pa, *b = pb;
    /* a.days / a.sla > b.days / b.sla, without division or rounding */
    int64_t lhs = (int64_t)a->days * b->sla, rhs = (int64_t)b->days * a->sla;

    if (lhs != rhs)
        return lhs > rhs ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

static int bind_waiting_states(struct db_stmt *st)
{
    static const enum app_state waiting[] = {APP_SUBMITTED, APP_UNDER_REVIEW, APP_RESUBMITTED,
                                             APP_SANCTIONED};

    for (int i = 0; i < 4; i++)
        if (bind_str(st, i + 1, app_state_name(waiting[i])) != 0)
            return -1;
    return 0;
}

/* Stream the (application, event) rows, closing each application's clock
 * when its id changes. */
static int scan_risks(struct db_stmt *st, int32_t today, struct row_list *risks, struct err *e)
{
    struct row_list steps = ROW_LIST(struct app_step, APP_EVENTS_MAX);
    struct risk *cur = NULL;
    int rc;

    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        struct app_step *p;
        if (cur == NULL || cur->id != id) {
            if (cur != NULL)
                cur->days = app_days_with_government(steps.items, steps.n, today);
            row_list_clear(&steps);
            cur = row_list_push(risks, e);
            if (cur == NULL) {
                rc = -1;
                break;
            }
            cur->id = id;
            col_text(st, 2, cur->gst_state, sizeof cur->gst_state);
            cur->sla = (int32_t)db_column_int64(st, 1);
            if (cur->sla <= 0)
                cur->sla = 1;    /* no SLA: every day counts in full */
        }
        p = row_list_push(&steps, e);
        if (p == NULL || read_step(st, 3, p, e) != 0) {
            rc = -1;
            break;
        }
    }
    db_reset(st);
    if (rc == DB_DONE && cur != NULL)
        cur->days = app_days_with_government(steps.items, steps.n, today);
    row_list_free(&steps);
    return rc < 0 ? -1 : 0;
}

int store_worklist(struct store *s, const char *gst_state, const char *district, int32_t today,
                   size_t limit, int (*fn)(void *ctx, const struct app_row *a), void *ctx,
                   struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = WORKLIST_SCAN(""),
        [SCOPE_STATE] = WORKLIST_SCAN(" AND gst_state = $6"),
        [SCOPE_DISTRICT] = WORKLIST_SCAN(" AND gst_state = $6 AND lower(district) = lower($7)"),
    };
    struct row_list risks = ROW_LIST(struct risk, APP_WORKLIST_SCAN);
    struct store_scope sc;
    struct db_stmt *st;
    struct app_row a;
    int rc;

    store_scope_of(gst_state, district, &sc);
    st = db_cached(store_db(s), sql[sc.kind], e);
    if (st == NULL)
        return -1;
    if (bind_waiting_states(st) || db_bind_int64(st, 5, APP_WORKLIST_SCAN)
        || store_scope_bind(st, 6, &sc))
        return err_set(e, "cannot bind the worklist scope");
    rc = scan_risks(st, today, &risks, e);
    if (rc == 0 && risks.n > 0)
        qsort(risks.items, risks.n, sizeof(struct risk), risk_cmp);
    /* One row at a time is read in full and handed over, so `limit` needs
     * no cap of its own beyond the scan's. */
    for (size_t i = 0; rc == 0 && i < risks.n && i < limit; i++) {
        const struct risk *r = row_list_at(&risks, i);
        bool found;
        if (app_get(s, r->id, r->gst_state, today, &a, &found, e) != 0)
            rc = -1;
        else if (found && row_callback_stops(fn(ctx, &a), &rc))
            break;
    }
    row_list_free(&risks);
    return rc;
}

/* --- events -------------------------------------------------------------- */

static int read_event(struct db_stmt *st, void *row, struct err *e)
{
    struct app_event_row *ev = row;

    ev->id = db_column_int64(st, 0);
    col_text(st, 1, ev->action, sizeof ev->action);
    col_text(st, 2, ev->from_state, sizeof ev->from_state);
    if (parse_state(db_column_text(st, 3), &ev->to_state, e) != 0)
        return -1;
    col_text(st, 4, ev->reason, sizeof ev->reason);
    col_text(st, 5, ev->username, sizeof ev->username);
    col_text(st, 6, ev->role, sizeof ev->role);
    ev->on = col_day(st, 7);
    col_text(st, 8, ev->at, sizeof ev->at);
    return 0;
}

int store_app_events(struct store *s, int64_t application_id,
                     int (*fn)(void *ctx, const struct app_event_row *ev), void *ctx,
                     struct err *e)
{
    static const char sql[] =
        "SELECT ev.id, ev.action, ev.from_state, ev.to_state, ev.reason, u.username, ev.role,"
        " ev.on_date, ev.at FROM application_event ev LEFT JOIN app_user u ON u.id = ev.user_id"
        " WHERE ev.application_id = $1 ORDER BY ev.id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct app_event_row, APP_EVENTS_MAX);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, application_id) || db_bind_int64(st, 2, APP_EVENTS_MAX))
        return err_set(e, "cannot bind the application id");
    rc = row_list_fill(&l, st, read_event, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

/* --- outreach ------------------------------------------------------------ */

#define SCOPE_PAGE 1000
#define IN_SCOPE(scope) "SELECT id FROM enterprise WHERE id > $1" scope " ORDER BY id LIMIT $2"

static int read_id(struct db_stmt *st, void *row, struct err *e)
{
    (void)e;
    *(int64_t *)row = db_column_int64(st, 0);
    return 0;
}

/* One page of ids after `after`; the enterprises are read and handed to fn
 * only once the page's statement is reset. */
static int scope_page(struct store *s, const struct store_scope *sc, struct row_list *ids,
                      int64_t after, struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = IN_SCOPE(""),
        [SCOPE_STATE] = IN_SCOPE(" AND state = $3"),
        [SCOPE_DISTRICT] = IN_SCOPE(" AND state = $3 AND lower(district) = lower($4)"),
    };
    struct db_stmt *st = db_cached(store_db(s), sql[sc->kind], e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, after) || db_bind_int64(st, 2, SCOPE_PAGE)
        || store_scope_bind(st, 3, sc))
        return err_set(e, "cannot bind the scope");
    row_list_clear(ids);
    return row_list_fill(ids, st, read_id, e);
}

int store_enterprises_in_scope(struct store *s, const char *gst_state, const char *district,
                               int (*fn)(void *ctx, const struct enterprise *ent), void *ctx,
                               struct err *e)
{
    struct row_list ids = ROW_LIST(int64_t, SCOPE_PAGE);
    struct store_scope sc;
    struct enterprise *ent = mem_alloc(sizeof *ent);
    int64_t last = 0;
    bool stop = false;
    int rc = 0;

    if (ent == NULL)
        return err_set(e, "out of memory");
    store_scope_of(gst_state, district, &sc);
    do {
        rc = scope_page(s, &sc, &ids, last, e);
        for (size_t i = 0; rc == 0 && !stop && i < ids.n; i++) {
            bool found;
            last = *(int64_t *)row_list_at(&ids, i);
            if (store_enterprise_get(s, last, ent, &found, e) != 0)
                rc = -1;
            else if (found) {
                int r = fn(ctx, ent);
                if (r < 0)
                    rc = -1;  /* fn's fault, with e set by fn */
                stop = r != 0;
            }
        }
    } while (rc == 0 && !stop && ids.n == SCOPE_PAGE);
    row_list_free(&ids);
    mem_free(ent);
    return rc;
}

static int read_scheme_id(struct db_stmt *st, void *row, struct err *e)
{
    (void)e;
    col_text(st, 0, row, APP_SCHEME_ID_MAX);
    return 0;
}

int store_app_schemes_of(struct store *s, int64_t enterprise_id,
                         int (*fn)(void *ctx, const char *scheme_id), void *ctx, struct err *e)
{
    static const char sql[] =
        "SELECT DISTINCT scheme_id FROM application WHERE enterprise_id = $1"
        " ORDER BY scheme_id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(char[APP_SCHEME_ID_MAX], APP_LIST_MAX);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, APP_LIST_MAX))
        return err_set(e, "cannot bind the enterprise id");
    rc = row_list_fill(&l, st, read_scheme_id, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

/* --- notifications ------------------------------------------------------- */

int store_notify(struct store *s, const struct notification_row *n, struct err *e)
{
    static const char sql[] =
        "INSERT INTO notification(enterprise_id, kind, application_id, application_gst_state,"
        " grievance_id, scheme_id, detail, at) VALUES ($1, $2, $3,"
        " (SELECT gst_state FROM application WHERE id = $3), $4, $5, $6, $7)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, n->enterprise_id) || bind_str(st, 2, n->kind)
        || bind_id(st, 3, n->application_id) || bind_id(st, 4, n->grievance_id)
        || db_bind_text_or_null(st, 5, n->scheme_id) || db_bind_text_or_null(st, 6, n->detail)
        || bind_str(st, 7, store_now(s)))
        return err_set(e, "cannot bind the notification");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int read_notification(struct db_stmt *st, void *row, struct err *e)
{
    struct notification_row *n = row;

    (void)e;
    n->id = db_column_int64(st, 0);
    n->enterprise_id = db_column_int64(st, 1);
    col_text(st, 2, n->kind, sizeof n->kind);
    n->application_id = col_id(st, 3);
    n->grievance_id = col_id(st, 4);
    col_text(st, 5, n->scheme_id, sizeof n->scheme_id);
    col_text(st, 6, n->detail, sizeof n->detail);
    col_text(st, 7, n->at, sizeof n->at);
    n->read = !db_column_is_null(st, 8);
    return 0;
}

int store_notifications(struct store *s, int64_t enterprise_id, size_t limit,
                        int (*fn)(void *ctx, const struct notification_row *n), void *ctx,
                        struct err *e)
{
    static const char sql[] =
        "SELECT id, enterprise_id, kind, application_id, grievance_id, scheme_id, detail, at,"
        " read_at FROM notification WHERE enterprise_id = $1 ORDER BY id DESC LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct notification_row, APP_LIST_MAX);
    int rc;

    if (st == NULL)
        return -1;
    if (limit > APP_LIST_MAX)
        limit = APP_LIST_MAX;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, (int64_t)limit))
        return err_set(e, "cannot bind the enterprise id");
    rc = row_list_fill(&l, st, read_notification, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

int store_notifications_mark_read(struct store *s, int64_t enterprise_id, struct err *e)
{
    static const char sql[] =
        "UPDATE notification SET read_at = $2 WHERE enterprise_id = $1 AND read_at IS NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, store_now(s)))
        return err_set(e, "cannot bind the enterprise id");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_bundle_answers(struct store *s, int64_t bundle_id, char **answers, struct err *e)
{
    static const char sql[] = "SELECT answers FROM bundle WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *answers = NULL;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, bundle_id) != 0)
        return err_set(e, "cannot bind the bundle id");
    rc = db_step(st, e);
    if (rc == DB_ROW && (*answers = mem_strndup(db_column_text(st, 0), db_column_bytes(st, 0))) == NULL)
        rc = err_set(e, "out of memory");
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
