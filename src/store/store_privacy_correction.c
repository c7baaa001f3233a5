/* store_privacy_correction.c: correction requests (store_privacy_correction.h). */
#include "store/store_privacy_correction.h"

#include "store/store_list.h"

static const char *const state_names[] = {"pending", "accepted", "rejected"};

const char *correction_state_name(enum correction_state s)
{
    return (unsigned)s < sizeof state_names / sizeof state_names[0] ? state_names[s] : "";
}

static enum correction_state state_parse(const char *t)
{
    for (size_t i = 0; i < sizeof state_names / sizeof state_names[0]; i++)
        if (strcmp(t, state_names[i]) == 0)
            return (enum correction_state)i;
    return CORRECTION_PENDING;
}

int store_correction_add(struct store *s, const struct enterprise *ent, struct correction_row *r,
                         struct err *e)
{
    static const char sql[] =
        "INSERT INTO correction_request(enterprise_id, user_id, path, value, current_value, reason,"
        " state, gst_state, district, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)"
        " {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool inserted = false;

    if (st == NULL)
        return -1;
    r->enterprise_id = ent->id;
    r->state = CORRECTION_PENDING;
    snprintf(r->gst_state, sizeof r->gst_state, "%02d", ent->state);
    snprintf(r->district, sizeof r->district, "%s", ent->district);
    snprintf(r->created_at, sizeof r->created_at, "%s", store_now(s));
    if (db_bind_int64(st, 1, ent->id) || db_bind_int64(st, 2, r->user_id) || bind_str(st, 3, r->path)
        || bind_str(st, 4, r->value) || bind_str(st, 5, r->current_value)
        || bind_str(st, 6, r->reason) || bind_str(st, 7, r->gst_state)
        || db_bind_text_or_null(st, 8, r->district[0] ? r->district : NULL)
        || bind_str(st, 9, r->created_at))
        return err_set(e, "cannot bind the correction request");
    return db_insert(st, &r->id, &inserted, e);
}

#define SELECT_ROW                                                                              \
    "SELECT c.id, c.enterprise_id, c.user_id, c.path, c.value, c.current_value, c.reason,"     \
    " c.state, c.gst_state, COALESCE(c.district, ''), c.created_at, c.decided_by,"             \
    " COALESCE(u.username, ''), COALESCE(c.decision_reason, ''), COALESCE(c.decided_at, ''),"  \
    " c.fact_id, ent.name FROM correction_request c JOIN enterprise ent ON ent.id = c.enterprise_id" \
    " LEFT JOIN app_user u ON u.id = c.decided_by"

static int read_row(struct db_stmt *st, void *row, struct err *e)
{
    struct correction_row *r = row;

    (void)e;
    r->id = db_column_int64(st, 0);
    r->enterprise_id = db_column_int64(st, 1);
    r->user_id = db_column_int64(st, 2);
    col_text(st, 3, r->path, sizeof r->path);
    col_text(st, 4, r->value, sizeof r->value);
    col_text(st, 5, r->current_value, sizeof r->current_value);
    col_text(st, 6, r->reason, sizeof r->reason);
    r->state = state_parse(db_column_text(st, 7));
    col_text(st, 8, r->gst_state, sizeof r->gst_state);
    col_text(st, 9, r->district, sizeof r->district);
    col_text(st, 10, r->created_at, sizeof r->created_at);
    r->decided_by = col_id(st, 11);
    col_text(st, 12, r->decider, sizeof r->decider);
    col_text(st, 13, r->decision_reason, sizeof r->decision_reason);
    col_text(st, 14, r->decided_at, sizeof r->decided_at);
    r->fact_id = col_id(st, 15);
    col_text(st, 16, r->enterprise_name, sizeof r->enterprise_name);
    return 0;
}

int store_correction_get(struct store *s, int64_t id, struct correction_row *out, bool *found,
                         struct err *e)
{
    static const char sql[] = SELECT_ROW " WHERE c.id = $1";
    int rc;
    struct db_stmt *st = first_row_by_id(store_db(s), sql, id, &rc, e);

    *found = st != NULL;
    if (st != NULL) {
        memset(out, 0, sizeof *out);
        read_row(st, out, e);
        db_reset(st);
    }
    return rc;
}

/* Copy the rows out, then call fn on each (store_list.h). */
static int each_row(struct db_stmt *st, int (*fn)(void *ctx, const struct correction_row *r),
                    void *ctx, struct err *e)
{
    struct row_list l = ROW_LIST(struct correction_row, CORRECTION_LIST_MAX);
    int rc = row_list_fill(&l, st, read_row, e);

    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

int store_corrections_of_enterprise(struct store *s, int64_t enterprise_id,
                                    int (*fn)(void *ctx, const struct correction_row *r),
                                    void *ctx, struct err *e)
{
    static const char sql[] = SELECT_ROW " WHERE c.enterprise_id = $1 ORDER BY c.id DESC LIMIT 200";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) != 0)
        return err_set(e, "cannot bind the enterprise");
    return each_row(st, fn, ctx, e);
}

#define PENDING(scope) SELECT_ROW " WHERE c.state = 'pending'" scope " ORDER BY c.id LIMIT 200"

int store_corrections_pending(struct store *s, const char *gst_state, const char *district,
                              int (*fn)(void *ctx, const struct correction_row *r), void *ctx,
                              struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = PENDING(""),
        [SCOPE_STATE] = PENDING(" AND c.gst_state = $1"),
        [SCOPE_DISTRICT] = PENDING(" AND c.gst_state = $1 AND lower(c.district) = lower($2)"),
    };
    struct store_scope sc;
    struct db_stmt *st;

    store_scope_of(gst_state, district, &sc);
    if ((st = db_cached(store_db(s), sql[sc.kind], e)) == NULL)
        return -1;
    if (store_scope_bind(st, 1, &sc) != 0)
        return err_set(e, "cannot bind the scope");
    return each_row(st, fn, ctx, e);
}

int store_correction_decide(struct store *s, int64_t id, enum correction_state to,
                            int64_t officer_id, const char *reason, int64_t fact_id,
                            bool *changed, struct err *e)
{
    static const char sql[] =
        "UPDATE correction_request SET state = $2, decided_by = $3, decision_reason = $4,"
        " decided_at = $5, fact_id = $6 WHERE id = $1 AND state = 'pending'";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    *changed = false;
    if (st == NULL)
        return -1;
    if (to == CORRECTION_PENDING)
        return err_set(e, "a decision accepts or rejects");
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, correction_state_name(to))
        || db_bind_int64(st, 3, officer_id) || db_bind_text_or_null(st, 4, reason)
        || bind_str(st, 5, store_now(s)) || bind_id(st, 6, fact_id))
        return err_set(e, "cannot bind the decision");
    if (db_step(st, e) < 0)
        return -1;
    *changed = db_changes(store_db(s)) == 1;
    return 0;
}
