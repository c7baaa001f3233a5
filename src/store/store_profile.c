/* store_profile.c: facts people give on the portal, self-registered units,
 * and which account holds which enterprise (claims).
 *
 * A fact is never updated: a correction is a newer row for the same path,
 * so the history of who said what, and what it replaced, is the table. */
#include "store/store_profile.h"

#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_list.h"

/* --- facts ------------------------------------------------------------- */

#define FACT_COLUMNS \
    "id, enterprise_id, path, value, source, replaced, replaced_source, user_id, at, note"

int store_profile_fact_add(struct store *s, const struct profile_fact_row *f, struct err *e)
{
    static const char sql[] =
        "INSERT INTO profile_fact(enterprise_id, path, value, source, replaced, replaced_source,"
        " user_id, at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    const char *now = store_now(s);

    if (st == NULL)
        return -1;
    if (*f->path == '\0' || *f->value == '\0')
        return err_set(e, "a fact needs a path and a value");
    if (db_bind_int64(st, 1, f->enterprise_id) || bind_str(st, 2, f->path)
        || bind_str(st, 3, f->value) || bind_str(st, 4, f->source)
        || db_bind_text_or_null(st, 5, f->replaced)
        || db_bind_text_or_null(st, 6, f->replaced_source) || db_bind_int64(st, 7, f->user_id)
        || bind_str(st, 8, now) || db_bind_text_or_null(st, 9, f->note))
        return err_set(e, "cannot bind fact values");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int read_fact(struct db_stmt *st, void *row, struct err *e)
{
    struct profile_fact_row *f = row;

    (void)e;
    f->id = db_column_int64(st, 0);
    f->enterprise_id = db_column_int64(st, 1);
    col_text(st, 2, f->path, sizeof f->path);
    col_text(st, 3, f->value, sizeof f->value);
    col_text(st, 4, f->source, sizeof f->source);
    col_text(st, 5, f->replaced, sizeof f->replaced);
    col_text(st, 6, f->replaced_source, sizeof f->replaced_source);
    f->user_id = db_column_int64(st, 7);
    col_text(st, 8, f->at, sizeof f->at);
    col_text(st, 9, f->note, sizeof f->note);
    return 0;
}

static int each_fact(struct db_stmt *st, int (*fn)(void *ctx, const struct profile_fact_row *f),
                     void *ctx, struct err *e)
{
    struct row_list l = ROW_LIST(struct profile_fact_row, PROFILE_LIST_MAX);
    int rc = row_list_fill(&l, st, read_fact, e);

    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

/* Run a facts query whose parameters are ($1 enterprise id, $2 limit). */
static int facts_of(struct store *s, const char *sql, int64_t enterprise_id,
                    int (*fn)(void *ctx, const struct profile_fact_row *f), void *ctx,
                    struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, PROFILE_LIST_MAX))
        return err_set(e, "cannot bind the enterprise id");
    return each_fact(st, fn, ctx, e);
}

int store_profile_facts_current(struct store *s, int64_t enterprise_id,
                                int (*fn)(void *ctx, const struct profile_fact_row *f),
                                void *ctx, struct err *e)
{
    /* The newest row per path: the profile_fact_enterprise index answers
     * the MAX(id) for each path directly. */
    static const char sql[] =
        "SELECT " FACT_COLUMNS " FROM profile_fact f WHERE f.enterprise_id = $1"
        " AND f.id = (SELECT MAX(g.id) FROM profile_fact g"
        "             WHERE g.enterprise_id = f.enterprise_id AND g.path = f.path)"
        " ORDER BY f.path LIMIT $2";
    return facts_of(s, sql, enterprise_id, fn, ctx, e);
}

int store_profile_facts_by_source(struct store *s, int64_t enterprise_id,
                                  int (*fn)(void *ctx, const struct profile_fact_row *f),
                                  void *ctx, struct err *e)
{
    static const char sql[] =
        "SELECT " FACT_COLUMNS " FROM profile_fact f WHERE f.enterprise_id = $1"
        " AND f.id = (SELECT MAX(g.id) FROM profile_fact g"
        "             WHERE g.enterprise_id = f.enterprise_id AND g.path = f.path"
        "             AND g.source = f.source)"
        " ORDER BY f.path, f.source LIMIT $2";
    return facts_of(s, sql, enterprise_id, fn, ctx, e);
}

int store_profile_fact_history(struct store *s, int64_t enterprise_id, const char *path,
                               int (*fn)(void *ctx, const struct profile_fact_row *f), void *ctx,
                               struct err *e)
{
    static const char sql[] =
        "SELECT " FACT_COLUMNS " FROM profile_fact WHERE enterprise_id = $1 AND path = $2"
        " ORDER BY id DESC LIMIT $3";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, path)
        || db_bind_int64(st, 3, PROFILE_LIST_MAX))
        return err_set(e, "cannot bind the fact path");
    return each_fact(st, fn, ctx, e);
}

/* --- self-registered units --------------------------------------------- */

/* The ingest_file row every portal registration points at: enterprise
 * rows need a source file, and "the portal" is that source. */
static int portal_file(struct store *s, int64_t *id, struct err *e)
{
    static const char insert[] =
        "INSERT INTO ingest_file(feed, name, digest, size_bytes, status, started_at, finished_at)"
        " VALUES ('portal', 'self-registration on the portal', 'portal', 0, 'complete', $1, $1)"
        " ON CONFLICT (feed, digest) DO NOTHING";
    static const char find[] =
        "SELECT id FROM ingest_file WHERE feed = 'portal' AND digest = 'portal'";
    struct db *db = store_db(s);
    struct db_stmt *st = db_cached(db, insert, e);
    int rc;

    if (st == NULL || bind_str(st, 1, store_now(s)) != 0 || db_step(st, e) < 0)
        return -1;
    st = db_cached(db, find, e);
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *id = db_column_int64(st, 0);
    db_reset(st);
    if (rc == DB_DONE)
        return err_set(e, "the portal's ingest_file row is missing");
    return rc < 0 ? -1 : 0;
}

int store_enterprise_register(struct store *s, const struct enterprise *e_in, int64_t user_id,
                              int64_t *id, struct err *e)
{
    struct enterprise x;
    struct upsert_result r;

    if (*e_in->name == '\0')
        return err_set(e, "a unit needs a name");
    enterprise_init(&x);
    snprintf(x.name, sizeof x.name, "%s", e_in->name);
    snprintf(x.district, sizeof x.district, "%s", e_in->district);
    x.state = e_in->state;
    x.activity = e_in->activity;
    /* Not yet told: enterprise_to_profile leaves negative amounts unknown. */
    x.investment = x.turnover = -1;
    x.content_hash = enterprise_content_hash(&x);
    snprintf(x.src_feed, sizeof x.src_feed, "portal");
    x.src_row = user_id;
    if (portal_file(s, &x.src_file, e) != 0)
        return -1;
    /* The enterprise insert itself, so every column is written as a feed
     * row's would be and store_enterprise_get reads it back alike. Without
     * a Udyam number or PAN nothing can conflict. */
    if (store_enterprise_upsert(s, &x, &r, e) != 0)
        return -1;
    if (r.outcome != UPSERT_INSERTED)
        return err_set(e, "the registered unit was not inserted (outcome %d)", (int)r.outcome);
    *id = r.id;
    return 0;
}

static int find_id(struct db_stmt *st, const char *key, int64_t *id, bool *found, struct err *e)
{
    int rc;

    if (bind_str(st, 1, key) != 0)
        return err_set(e, "cannot bind the identifier");
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        *id = db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

int store_enterprise_find_pan(struct store *s, const char *pan, int64_t *id, bool *found,
                              struct err *e)
{
    static const char sql[] = "SELECT id FROM enterprise WHERE pan = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    return st == NULL ? -1 : find_id(st, pan, id, found, e);
}

int store_enterprise_find_gstin(struct store *s, const char *gstin, int64_t *id, bool *found,
                                struct err *e)
{
    static const char sql[] = "SELECT enterprise_id FROM enterprise_gstin WHERE gstin = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    return st == NULL ? -1 : find_id(st, gstin, id, found, e);
}

int store_user_set_enterprise(struct store *s, int64_t user_id, int64_t enterprise_id,
                              struct err *e)
{
    static const char sql[] = "UPDATE app_user SET enterprise_id = $2 WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, user_id) || bind_id(st, 2, enterprise_id))
        return err_set(e, "cannot bind the account");
    if (db_step(st, e) < 0)
        return -1;
    if (db_changes(store_db(s)) == 0)
        return err_set(e, "no account %lld", (long long)user_id);
    return 0;
}

int store_enterprise_claimed(struct store *s, int64_t enterprise_id, bool *claimed,
                             struct err *e)
{
    static const char sql[] = "SELECT 1 FROM app_user WHERE enterprise_id = $1 LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) != 0)
        return err_set(e, "cannot bind the enterprise id");
    rc = db_step(st, e);
    db_reset(st);
    if (rc < 0)
        return -1;
    *claimed = rc == DB_ROW;
    return 0;
}

/* --- claims ------------------------------------------------------------ */

#define CLAIM_SELECT                                                                        \
    "SELECT c.id, c.user_id, c.enterprise_id, u.username, e.name, e.udyam, c.state,"        \
    " c.reason, c.at FROM enterprise_claim c JOIN app_user u ON u.id = c.user_id"           \
    " JOIN enterprise e ON e.id = c.enterprise_id"

int store_claim_add(struct store *s, int64_t user_id, int64_t enterprise_id, struct err *e)
{
    /* The scope is the enterprise's place, so the officers of its district
     * see the claim. */
    static const char sql[] =
        "INSERT INTO enterprise_claim(user_id, enterprise_id, state, gst_state, district, at)"
        " SELECT CAST($1 AS BIGINT), id, 'pending', state, district, $3 FROM enterprise"
        " WHERE id = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, user_id) || db_bind_int64(st, 2, enterprise_id)
        || bind_str(st, 3, store_now(s)))
        return err_set(e, "cannot bind claim values");
    if (db_step(st, e) < 0)
        return -1;
    if (db_changes(store_db(s)) == 0)
        return err_set(e, "no enterprise %lld", (long long)enterprise_id);
    return 0;
}

static int read_claim(struct db_stmt *st, void *row, struct err *e)
{
    struct enterprise_claim_row *c = row;

    (void)e;
    c->id = db_column_int64(st, 0);
    c->user_id = db_column_int64(st, 1);
    c->enterprise_id = db_column_int64(st, 2);
    col_text(st, 3, c->username, sizeof c->username);
    col_text(st, 4, c->enterprise_name, sizeof c->enterprise_name);
    col_text(st, 5, c->udyam, sizeof c->udyam);
    col_text(st, 6, c->state, sizeof c->state);
    col_text(st, 7, c->reason, sizeof c->reason);
    col_text(st, 8, c->at, sizeof c->at);
    return 0;
}

int store_claims_pending(struct store *s, const char *gst_state, const char *district,
                         int (*fn)(void *ctx, const struct enterprise_claim_row *c), void *ctx,
                         struct err *e)
{
    static const char *const sql[] = {
        [SCOPE_ALL] = CLAIM_SELECT " WHERE c.state = 'pending' ORDER BY c.id LIMIT $1",
        [SCOPE_STATE] = CLAIM_SELECT " WHERE c.state = 'pending' AND c.gst_state = $2"
                                     " ORDER BY c.id LIMIT $1",
        [SCOPE_DISTRICT] = CLAIM_SELECT " WHERE c.state = 'pending' AND c.gst_state = $2"
                                        " AND lower(c.district) = lower($3) ORDER BY c.id LIMIT $1",
    };
    struct row_list l = ROW_LIST(struct enterprise_claim_row, PROFILE_LIST_MAX);
    struct store_scope sc;
    struct db_stmt *st;
    int rc;

    store_scope_of(gst_state, district, &sc);
    st = db_cached(store_db(s), sql[sc.kind], e);
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, PROFILE_LIST_MAX) || store_scope_bind(st, 2, &sc))
        return err_set(e, "cannot bind the scope");
    rc = row_list_fill(&l, st, read_claim, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&l, i)), &rc))
            break;
    row_list_free(&l);
    return rc;
}

static int one_claim(struct db_stmt *st, struct enterprise_claim_row *out, bool *found,
                     struct err *e)
{
    struct enterprise_claim_row c = {0};
    int rc = db_step(st, e);

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

int store_claim_get(struct store *s, int64_t id, struct enterprise_claim_row *out, bool *found,
                    struct err *e)
{
    static const char sql[] = CLAIM_SELECT " WHERE c.id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind the claim id");
    return one_claim(st, out, found, e);
}

int store_claim_of_user(struct store *s, int64_t user_id, struct enterprise_claim_row *out,
                        bool *found, struct err *e)
{
    static const char sql[] = CLAIM_SELECT " WHERE c.user_id = $1 ORDER BY c.id DESC LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, user_id) != 0)
        return err_set(e, "cannot bind the account id");
    return one_claim(st, out, found, e);
}

/* The compare-and-set: only a pending claim is decided, so two officers
 * deciding at once cannot both succeed. `at` keeps the filing time. */
static int set_decision(struct store *s, int64_t id, bool approve, int64_t officer_id,
                        const char *reason, bool *changed, struct err *e)
{
    static const char sql[] =
        "UPDATE enterprise_claim SET state = $2, decided_by = $3, reason = $4"
        " WHERE id = $1 AND state = 'pending'";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, approve ? "approved" : "refused")
        || bind_id(st, 3, officer_id) || db_bind_text_or_null(st, 4, reason))
        return err_set(e, "cannot bind the decision");
    if (db_step(st, e) < 0)
        return -1;
    *changed = db_changes(store_db(s)) > 0;
    return 0;
}

static int link_claimant(struct store *s, int64_t claim_id, struct err *e)
{
    static const char sql[] =
        "UPDATE app_user SET enterprise_id ="
        " (SELECT enterprise_id FROM enterprise_claim WHERE id = $1)"
        " WHERE id = (SELECT user_id FROM enterprise_claim WHERE id = $1)";

    if (exec_by_id(store_db(s), sql, claim_id, e) != 0)
        return -1;
    if (db_changes(store_db(s)) != 1)
        return err_set(e, "the account of claim %lld is missing", (long long)claim_id);
    return 0;
}

/* An enterprise has one account: a claim on one that is already linked
 * cannot be approved (*ok false). */
static int refuse_if_linked(struct store *s, int64_t claim_id, bool *ok, struct err *e)
{
    static const char sql[] =
        "SELECT COUNT(*) FROM app_user WHERE enterprise_id ="
        " (SELECT enterprise_id FROM enterprise_claim WHERE id = $1)";
    int64_t accounts = 0;

    if (int64_by_id(store_db(s), sql, claim_id, &accounts, e) != 0)
        return -1;
    *ok = accounts == 0;
    return 0;
}

/* Once one claim is approved, the other pending claims on the same
 * enterprise are refused, so a later click cannot link a second account. */
static int refuse_rivals(struct store *s, int64_t claim_id, struct err *e)
{
    static const char sql[] =
        "UPDATE enterprise_claim SET state = 'refused', reason = 'another claim was approved'"
        " WHERE state = 'pending' AND id <> $1 AND enterprise_id ="
        " (SELECT enterprise_id FROM enterprise_claim WHERE id = $1)";

    return exec_by_id(store_db(s), sql, claim_id, e);
}

int store_claim_decide(struct store *s, int64_t id, bool approve, int64_t officer_id,
                       const char *reason, bool *changed, struct err *e)
{
    bool done = false;

    if (store_begin(s, e) != 0)
        return -1;
    if (set_decision(s, id, approve, officer_id, reason, &done, e) != 0)
        goto fail;
    if (done && approve && (refuse_if_linked(s, id, &done, e) != 0
                            || (done && (link_claimant(s, id, e) != 0 || refuse_rivals(s, id, e) != 0))))
        goto fail;
    if (!done) {
        store_rollback(s);
        *changed = false;
        return 0;
    }
    if (store_commit(s, e) != 0)
        goto fail;
    *changed = true;
    return 0;
fail:
    store_rollback(s);
    return -1;
}

int store_profile_fact_last_id(struct store *s, int64_t enterprise_id, int64_t *id, struct err *e)
{
    static const char sql[] =
        "SELECT COALESCE(MAX(id), 0) FROM profile_fact WHERE enterprise_id = $1";

    return int64_by_id(store_db(s), sql, enterprise_id, id, e);
}
