/* store_grievance.c: grievances with their append-only events, escalation
 * by deadline, and delayed-payment claims.
 *
 * What may follow what is core/grievance.c's; the store records a move
 * the pure functions computed, by compare-and-set on the grievance as it
 * was read (state, level, level_since), so an officer acting on a stale
 * page, or two escalation runs at once, cannot move it twice. */
#include "store/store_grievance.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_list.h"

static const char *const subject_names[] = {
    [GRIEVANCE_ON_APPLICATION] = "application",
    [GRIEVANCE_ON_SCHEME] = "scheme",
    [GRIEVANCE_ON_PAYMENT] = "payment",
};
#define SUBJECT_COUNT (sizeof subject_names / sizeof subject_names[0])

const char *grievance_subject_name(enum grievance_subject s)
{
    return (unsigned)s < SUBJECT_COUNT ? subject_names[s] : "";
}

int grievance_subject_parse(const char *name, enum grievance_subject *out)
{
    for (size_t i = 0; i < SUBJECT_COUNT; i++) {
        if (strcmp(name, subject_names[i]) == 0) {
            *out = (enum grievance_subject)i;
            return 0;
        }
    }
    return -1;
}

/* core/grievance.h names only one way; the store reads them back. */
static int parse_state(const char *name, enum grievance_state *out, struct err *e)
{
    for (int i = 0; i < GRIEVANCE_STATE_COUNT; i++) {
        if (strcmp(name, grievance_state_name((enum grievance_state)i)) == 0) {
            *out = (enum grievance_state)i;
            return 0;
        }
    }
    return err_set(e, "unknown grievance state '%.20s' in the store", name);
}

static int parse_level(const char *name, enum grievance_level *out, struct err *e)
{
    for (int i = 0; i < GRIEVANCE_LEVEL_COUNT; i++) {
        if (strcmp(name, grievance_level_name((enum grievance_level)i)) == 0) {
            *out = (enum grievance_level)i;
            return 0;
        }
    }
    return err_set(e, "unknown grievance level '%.20s' in the store", name);
}

/* The machine's part of a row from columns (state, level, level_since,
 * rating) starting at `col`. */
static int read_machine(struct db_stmt *st, int col, struct grievance *g, struct err *e)
{
    if (parse_state(db_column_text(st, col), &g->state, e) != 0
        || parse_level(db_column_text(st, col + 1), &g->level, e) != 0)
        return -1;
    g->level_since = col_day(st, col + 2);
    if (g->level_since == DATE_UNKNOWN)
        return err_set(e, "a grievance has no valid level date");
    g->rating = db_column_is_null(st, col + 3) ? 0 : (int)db_column_int64(st, col + 3);
    return 0;
}

/* --- reading ------------------------------------------------------------ */

#define GRIEVANCE_SELECT                                                                     \
    "SELECT g.id, g.enterprise_id, g.user_id, g.subject, g.application_id, g.scheme_id,"     \
    " g.payment_claim_id, g.category, g.body, g.state, g.level, g.level_since, g.rating,"    \
    " g.gst_state, g.district, g.filed_on, e.name"                                          \
    " FROM grievance g JOIN enterprise e ON e.id = g.enterprise_id"

static int read_grievance(struct db_stmt *st, void *row, struct err *e)
{
    struct grievance_row *g = row;

    g->id = db_column_int64(st, 0);
    g->enterprise_id = db_column_int64(st, 1);
    g->user_id = db_column_int64(st, 2);
    if (grievance_subject_parse(db_column_text(st, 3), &g->subject) != 0)
        return err_set(e, "unknown grievance subject in the store");
    g->application_id = col_id(st, 4);
    col_text(st, 5, g->scheme_id, sizeof g->scheme_id);
    g->payment_claim_id = col_id(st, 6);
    col_text(st, 7, g->category, sizeof g->category);
    col_text(st, 8, g->body, sizeof g->body);
    if (read_machine(st, 9, &g->g, e) != 0)
        return -1;
    col_text(st, 13, g->gst_state, sizeof g->gst_state);
    col_text(st, 14, g->district, sizeof g->district);
    g->filed_on = col_day(st, 15);
    col_text(st, 16, g->enterprise_name, sizeof g->enterprise_name);
    return 0;
}

static int each_grievance(struct db_stmt *st, int (*fn)(void *ctx, const struct grievance_row *g),
                          void *ctx, struct err *e)
{
    struct row_list l = ROW_LIST(struct grievance_row, GRIEVANCE_LIST_MAX);
    int rc = row_list_fill(&l, st, read_grievance, e);

    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

int store_grievance_get(struct store *s, int64_t id, struct grievance_row *out, bool *found,
                        struct err *e)
{
    static const char sql[] = GRIEVANCE_SELECT " WHERE g.id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct grievance_row g = {0};
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind the grievance id");
    rc = db_step(st, e);
    if (rc == DB_ROW && read_grievance(st, &g, e) != 0)
        rc = -1;
    db_reset(st);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        *out = g;
    return 0;
}

int store_grievances_of_enterprise(struct store *s, int64_t enterprise_id,
                                   int (*fn)(void *ctx, const struct grievance_row *g), void *ctx,
                                   struct err *e)
{
    static const char sql[] =
        GRIEVANCE_SELECT " WHERE g.enterprise_id = $1 ORDER BY g.id DESC LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, GRIEVANCE_LIST_MAX))
        return err_set(e, "cannot bind the enterprise id");
    return each_grievance(st, fn, ctx, e);
}

#define IN_SCOPE(scope) \
    GRIEVANCE_SELECT " WHERE g.state <> $2" scope " ORDER BY g.level_since, g.id LIMIT $1"

int store_grievances_in_scope(struct store *s, const char *gst_state, const char *district,
                              size_t limit, int (*fn)(void *ctx, const struct grievance_row *g),
                              void *ctx, struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = IN_SCOPE(""),
        [SCOPE_STATE] = IN_SCOPE(" AND g.gst_state = $3"),
        [SCOPE_DISTRICT] = IN_SCOPE(" AND g.gst_state = $3 AND lower(g.district) = lower($4)"),
    };
    struct store_scope sc;
    struct db_stmt *st;

    store_scope_of(gst_state, district, &sc);
    st = db_cached(store_db(s), sql[sc.kind], e);
    if (st == NULL)
        return -1;
    if (limit > GRIEVANCE_LIST_MAX)
        limit = GRIEVANCE_LIST_MAX;
    if (db_bind_int64(st, 1, (int64_t)limit)
        || bind_str(st, 2, grievance_state_name(GRIEVANCE_CLOSED)) || store_scope_bind(st, 3, &sc))
        return err_set(e, "cannot bind the scope");
    return each_grievance(st, fn, ctx, e);
}

/* --- writing ------------------------------------------------------------ */

static int add_event(struct store *s, int64_t id, const char *action, enum grievance_level level,
                     const char *body, int64_t user_id, const char *role, int32_t today,
                     struct err *e)
{
    static const char sql[] =
        "INSERT INTO grievance_event(grievance_id, action, level, body, user_id, role, on_date, at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    /* No account acts for a deadline: the event says 'system'. */
    if (user_id == 0)
        role = "system";
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, action)
        || bind_str(st, 3, grievance_level_name(level)) || db_bind_text_or_null(st, 4, body)
        || bind_id(st, 5, user_id) || bind_str(st, 6, role) || bind_day(st, 7, today)
        || bind_str(st, 8, store_now(s)))
        return err_set(e, "cannot bind event values");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int insert_grievance(struct store *s, const struct grievance_row *g, int64_t *id,
                            struct err *e)
{
    static const char sql[] =
        "INSERT INTO grievance(enterprise_id, user_id, subject, application_id,"
        " application_gst_state, scheme_id, payment_claim_id, category, body, state, level,"
        " level_since, rating, gst_state, district, filed_on, updated_at) VALUES ($1, $2, $3, $4,"
        " (SELECT gst_state FROM application WHERE id = $4), $5, $6, $7, $8, $9, $10, $11,"
        " NULL, $12, $13, $14, $15) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool inserted;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, g->enterprise_id) || db_bind_int64(st, 2, g->user_id)
        || bind_str(st, 3, grievance_subject_name(g->subject))
        || bind_id(st, 4, g->application_id) || db_bind_text_or_null(st, 5, g->scheme_id)
        || bind_id(st, 6, g->payment_claim_id) || bind_str(st, 7, g->category)
        || bind_str(st, 8, g->body) || bind_str(st, 9, grievance_state_name(g->g.state))
        || bind_str(st, 10, grievance_level_name(g->g.level)) || bind_day(st, 11, g->g.level_since)
        || bind_str(st, 12, g->gst_state) || db_bind_text_or_null(st, 13, g->district)
        || bind_day(st, 14, g->filed_on) || bind_str(st, 15, store_now(s)))
        return err_set(e, "cannot bind grievance values");
    if (db_insert(st, id, &inserted, e) != 0)
        return -1;
    return inserted ? 0 : err_set(e, "the grievance was not inserted");
}

int store_grievance_file(struct store *s, const struct enterprise *ent, struct grievance_row *g,
                         const char *role, int32_t today, struct err *e)
{
    struct grievance_row row = *g;

    if (*row.category == '\0' || *row.body == '\0')
        return err_set(e, "a grievance needs a category and a text");
    row.enterprise_id = ent->id;
    row.g = (struct grievance){GRIEVANCE_OPEN, GRIEVANCE_DISTRICT, today, 0};
    snprintf(row.gst_state, sizeof row.gst_state, "%02d", ent->state);
    snprintf(row.district, sizeof row.district, "%s", ent->district);
    snprintf(row.enterprise_name, sizeof row.enterprise_name, "%s", ent->name);
    row.filed_on = today;
    if (store_begin(s, e) != 0)
        return -1;
    if (insert_grievance(s, &row, &row.id, e) != 0
        || add_event(s, row.id, "file", row.g.level, NULL, row.user_id, role, today, e) != 0
        || store_commit(s, e) != 0) {
        store_rollback(s);
        return -1;
    }
    *g = row;
    return 0;
}

/* The compare-and-set on the grievance as read. */
static int set_machine(struct store *s, int64_t id, const struct grievance *before,
                       const struct grievance *after, bool *moved, struct err *e)
{
    static const char sql[] =
        "UPDATE grievance SET state = $2, level = $3, level_since = $4, rating = $5,"
        " updated_at = $6 WHERE id = $1 AND state = $7 AND level = $8 AND level_since = $9";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, grievance_state_name(after->state))
        || bind_str(st, 3, grievance_level_name(after->level))
        || bind_day(st, 4, after->level_since)
        || (after->rating > 0 ? db_bind_int64(st, 5, after->rating) : db_bind_null(st, 5))
        || bind_str(st, 6, store_now(s)) || bind_str(st, 7, grievance_state_name(before->state))
        || bind_str(st, 8, grievance_level_name(before->level))
        || bind_day(st, 9, before->level_since))
        return err_set(e, "cannot bind the move");
    if (db_step(st, e) < 0)
        return -1;
    *moved = db_changes(store_db(s)) > 0;
    return 0;
}

static int notify_move(struct store *s, int64_t id, const char *action, const char *body,
                       struct err *e)
{
    static const char sql[] =
        "INSERT INTO notification(enterprise_id, kind, grievance_id, detail, at)"
        " SELECT enterprise_id, $2, id, $3, $4 FROM grievance WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char kind[32];

    if (st == NULL)
        return -1;
    snprintf(kind, sizeof kind, "grievance.%s", action);
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, kind) || db_bind_text_or_null(st, 3, body)
        || bind_str(st, 4, store_now(s)))
        return err_set(e, "cannot bind the notification");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_grievance_move(struct store *s, int64_t id, const struct grievance *before,
                         const struct grievance *after, const char *action, const char *body,
                         int64_t user_id, const char *role, int32_t today, bool *moved,
                         struct err *e)
{
    bool done = false;

    if (*action == '\0' || strlen(action) >= sizeof((struct grievance_event_row *)NULL)->action)
        return err_set(e, "grievance action '%.40s' is empty or too long", action);
    if (body != NULL && strlen(body) >= GRIEVANCE_TEXT_MAX)
        return err_set(e, "the text is longer than %d bytes", GRIEVANCE_TEXT_MAX - 1);
    if (store_begin(s, e) != 0)
        return -1;
    if (set_machine(s, id, before, after, &done, e) != 0)
        goto fail;
    if (!done) {
        store_rollback(s);
        *moved = false;
        return 0;
    }
    if (add_event(s, id, action, after->level, body, user_id, role, today, e) != 0
        || notify_move(s, id, action, body, e) != 0 || store_commit(s, e) != 0)
        goto fail;
    *moved = true;
    return 0;
fail:
    store_rollback(s);
    return -1;
}

static int read_event(struct db_stmt *st, void *row, struct err *e)
{
    struct grievance_event_row *ev = row;

    ev->id = db_column_int64(st, 0);
    col_text(st, 1, ev->action, sizeof ev->action);
    if (parse_level(db_column_text(st, 2), &ev->level, e) != 0)
        return -1;
    col_text(st, 3, ev->body, sizeof ev->body);
    col_text(st, 4, ev->username, sizeof ev->username);
    col_text(st, 5, ev->role, sizeof ev->role);
    ev->on = col_day(st, 6);
    col_text(st, 7, ev->at, sizeof ev->at);
    return 0;
}

int store_grievance_events(struct store *s, int64_t grievance_id,
                           int (*fn)(void *ctx, const struct grievance_event_row *ev), void *ctx,
                           struct err *e)
{
    static const char sql[] =
        "SELECT ev.id, ev.action, ev.level, ev.body, u.username, ev.role, ev.on_date, ev.at"
        " FROM grievance_event ev LEFT JOIN app_user u ON u.id = ev.user_id"
        " WHERE ev.grievance_id = $1 ORDER BY ev.id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct grievance_event_row, GRIEVANCE_LIST_MAX);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, grievance_id) || db_bind_int64(st, 2, GRIEVANCE_LIST_MAX))
        return err_set(e, "cannot bind the grievance id");
    rc = row_list_fill(&l, st, read_event, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

/* --- escalation by deadline ---------------------------------------------- */

#define ESCALATE_PAGE 1000

struct due {
    int64_t id;
    struct grievance before, after;
};

/* One page of pending grievances after `after_id`: the ones
 * core/grievance.c escalates are kept, to be moved once the statement is
 * reset (no write while a read is being stepped on the connection). */
static int due_page(struct store *s, const struct grievance_sla *sla, int32_t today,
                    int64_t after_id, struct row_list *due, int64_t *last, size_t *scanned,
                    struct err *e)
{
    static const char sql[] =
        "SELECT id, state, level, level_since, rating FROM grievance"
        " WHERE state IN ($1, $2) AND id > $3 ORDER BY id LIMIT $4";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, grievance_state_name(GRIEVANCE_OPEN))
        || bind_str(st, 2, grievance_state_name(GRIEVANCE_ACKNOWLEDGED))
        || db_bind_int64(st, 3, after_id) || db_bind_int64(st, 4, ESCALATE_PAGE))
        return err_set(e, "cannot bind the escalation scan");
    row_list_clear(due);
    *scanned = 0;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct due d = {.id = db_column_int64(st, 0)};
        struct due *slot;
        ++*scanned;
        *last = d.id;
        if (read_machine(st, 1, &d.before, e) != 0) {
            rc = -1;
            break;
        }
        d.after = d.before;
        if (grievance_escalate(&d.after, sla, today) != 1)
            continue;
        slot = row_list_push(due, e);
        if (slot == NULL) {
            rc = -1;
            break;
        }
        *slot = d;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_grievances_escalate_due(struct store *s, const struct grievance_sla *sla, int32_t today,
                                  int64_t *n, struct err *e)
{
    struct row_list due = ROW_LIST(struct due, ESCALATE_PAGE);
    int64_t last = 0, count = 0;
    size_t scanned = 0;
    int rc;

    do {
        rc = due_page(s, sla, today, last, &due, &last, &scanned, e);
        for (size_t i = 0; rc == 0 && i < due.n; i++) {
            const struct due *d = row_list_at(&due, i);
            bool moved;
            rc = store_grievance_move(s, d->id, &d->before, &d->after, "escalate", NULL, 0,
                                      "system", today, &moved, e);
            count += rc == 0 && moved;
        }
    } while (rc == 0 && scanned == ESCALATE_PAGE);
    row_list_free(&due);
    if (rc != 0)
        return -1;
    *n = count;
    return 0;
}

/* --- delayed-payment claims ---------------------------------------------- */

static int bind_claim_extra(struct db_stmt *st, const struct payment_claim_row *c)
{
    return bind_day(st, 9, c->invoice_date)
           || (c->agreed ? db_bind_int64(st, 10, c->agreed_days) : db_bind_null(st, 10))
           || db_bind_text_or_null(st, 11, c->buyer_pan)
           || db_bind_text_or_null(st, 12, c->buyer_gstin)
           || db_bind_text_or_null(st, 13, c->buyer_state);
}

int store_payment_claim_add(struct store *s, struct payment_claim_row *c, struct err *e)
{
    static const char sql[] =
        "INSERT INTO payment_claim(enterprise_id, user_id, buyer, invoice_no, amount_paise,"
        " accepted_on, state, filed_on, invoice_date, agreed_days, buyer_pan, buyer_gstin,"
        " buyer_state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        " {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    const char *state = *c->state ? c->state : "filed";
    bool inserted;
    int64_t id;

    if (st == NULL)
        return -1;
    if (*c->buyer == '\0' || *c->invoice_no == '\0' || c->amount_paise <= 0)
        return err_set(e, "a payment claim needs a buyer, an invoice and an amount above zero");
    if (c->accepted_on == DATE_UNKNOWN || c->filed_on == DATE_UNKNOWN)
        return err_set(e, "a payment claim needs its acceptance and filing dates");
    if (c->agreed && (c->agreed_days < 0 || c->agreed_days > 3650))
        return err_set(e, "agreed days must be 0 to 3650");
    if (db_bind_int64(st, 1, c->enterprise_id) || db_bind_int64(st, 2, c->user_id)
        || bind_str(st, 3, c->buyer) || bind_str(st, 4, c->invoice_no)
        || db_bind_int64(st, 5, c->amount_paise) || bind_day(st, 6, c->accepted_on)
        || bind_str(st, 7, state) || bind_day(st, 8, c->filed_on) || bind_claim_extra(st, c))
        return err_set(e, "cannot bind payment claim values");
    if (db_insert(st, &id, &inserted, e) != 0)
        return -1;
    if (!inserted)
        return err_set(e, "the payment claim was not inserted");
    c->id = id;
    snprintf(c->state, sizeof c->state, "%s", state);
    return 0;
}

/* The referral is the one grievance of category 'msefc' on the claim
 * (migration 0011's unique index). Named, because PostgreSQL would call it
 * "id" too and an ORDER BY id would be ambiguous. */
#define CLAIM_COLUMNS \
    "id, enterprise_id, user_id, buyer, invoice_no, amount_paise, accepted_on, state, filed_on," \
    " invoice_date, agreed_days, buyer_pan, buyer_gstin, buyer_state," \
    " (SELECT g.id FROM grievance g WHERE g.payment_claim_id = payment_claim.id" \
    " AND g.category = 'msefc') AS referral_id"

static int read_claim(struct db_stmt *st, void *row, struct err *e)
{
    struct payment_claim_row *c = row;

    (void)e;
    c->id = db_column_int64(st, 0);
    c->enterprise_id = db_column_int64(st, 1);
    c->user_id = db_column_int64(st, 2);
    col_text(st, 3, c->buyer, sizeof c->buyer);
    col_text(st, 4, c->invoice_no, sizeof c->invoice_no);
    c->amount_paise = db_column_int64(st, 5);
    c->accepted_on = col_day(st, 6);
    col_text(st, 7, c->state, sizeof c->state);
    c->filed_on = col_day(st, 8);
    c->invoice_date = col_day(st, 9);
    c->agreed = !db_column_is_null(st, 10);
    c->agreed_days = c->agreed ? (int)db_column_int64(st, 10) : 0;
    col_text(st, 11, c->buyer_pan, sizeof c->buyer_pan);
    col_text(st, 12, c->buyer_gstin, sizeof c->buyer_gstin);
    col_text(st, 13, c->buyer_state, sizeof c->buyer_state);
    c->msefc_grievance_id = col_id(st, 14);
    return 0;
}

int store_payment_claims_of_enterprise(struct store *s, int64_t enterprise_id,
                                       int (*fn)(void *ctx, const struct payment_claim_row *c),
                                       void *ctx, struct err *e)
{
    static const char sql[] =
        "SELECT " CLAIM_COLUMNS " FROM payment_claim WHERE enterprise_id = $1"
        " ORDER BY id DESC LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct payment_claim_row, GRIEVANCE_LIST_MAX);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, GRIEVANCE_LIST_MAX))
        return err_set(e, "cannot bind the enterprise id");
    rc = row_list_fill(&l, st, read_claim, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

int store_payment_claim_get(struct store *s, int64_t id, struct payment_claim_row *out,
                            bool *found, struct err *e)
{
    static const char sql[] = "SELECT " CLAIM_COLUMNS " FROM payment_claim WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct payment_claim_row c = {0};
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind the claim id");
    rc = db_step(st, e);
    if (rc == DB_ROW)
        read_claim(st, &c, e);
    db_reset(st);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        *out = c;
    return 0;
}

/* --- part payments --------------------------------------------------------- */

int store_payment_receipt_add(struct store *s, struct payment_receipt_row *r, struct err *e)
{
    static const char sql[] =
        "INSERT INTO payment_claim_receipt(claim_id, received_on, amount_paise)"
        " VALUES ($1, $2, $3) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool inserted;
    int64_t id;

    if (st == NULL)
        return -1;
    if (r->claim_id <= 0 || r->amount_paise <= 0 || r->received_on == DATE_UNKNOWN)
        return err_set(e, "a receipt needs its claim, a date and an amount above zero");
    if (db_bind_int64(st, 1, r->claim_id) || bind_day(st, 2, r->received_on)
        || db_bind_int64(st, 3, r->amount_paise))
        return err_set(e, "cannot bind receipt values");
    if (db_insert(st, &id, &inserted, e) != 0)
        return -1;
    if (!inserted)
        return err_set(e, "the receipt was not inserted");
    r->id = id;
    return 0;
}

int store_payment_receipts(struct store *s, int64_t claim_id, struct payment_receipt_row *out,
                           size_t cap, size_t *n, struct err *e)
{
    static const char sql[] =
        "SELECT id, claim_id, received_on, amount_paise FROM payment_claim_receipt"
        " WHERE claim_id = $1 ORDER BY received_on, id LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *n = 0;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, claim_id) || db_bind_int64(st, 2, PAYMENT_RECEIPTS_MAX))
        return err_set(e, "cannot bind the claim id");
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (*n >= cap)
            continue;
        out[*n].id = db_column_int64(st, 0);
        out[*n].claim_id = db_column_int64(st, 1);
        out[*n].received_on = col_day(st, 2);
        out[*n].amount_paise = db_column_int64(st, 3);
        (*n)++;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
