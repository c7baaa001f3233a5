/* store_cluster.c: the cluster, cluster_member and cfc_usage tables.
 *
 * The three feeds share one way of writing a keyed row (keyed_put): look
 * up what is stored under the key, decide with keyed_outcome, then write
 * the row (INSERT ... ON CONFLICT DO UPDATE serves both a new row and a
 * corrected one) or only move its provenance. Each table supplies its
 * three statements, with the key always first ($1..$n). */
#include "store/store_cluster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/profile.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_list.h"

struct keyed_table {
    const char *find_sql;     /* key -> src_file, src_row, content_hash */
    const char *write_sql;    /* key, content, content_hash, src_file, src_row, updated_at */
    const char *refresh_sql;  /* key, then src_file, src_row, updated_at */
    int n_key;
};

/* How one kind of row binds itself into its table's statements. */
struct keyed_row {
    const void *row;
    int64_t src_file, src_row;
    uint64_t hash;
    int (*bind_key)(struct db_stmt *st, const void *row);
    int (*bind_content)(struct db_stmt *st, const void *row); /* from $n_key+1 */
    int n_content;
};

static int find_existing(struct store *s, const struct keyed_table *t, const struct keyed_row *k,
                         struct keyed_existing *x, struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), t->find_sql, e);

    memset(x, 0, sizeof *x);
    if (st == NULL)
        return -1;
    if (k->bind_key(st, k->row) != 0)
        return err_set(e, "cannot bind the key");
    return keyed_read(st, x, e);
}

/* Bind src_file, src_row and updated_at from $first. */
static int bind_provenance(struct store *s, struct db_stmt *st, int first, const struct keyed_row *k)
{
    const char *now = store_now(s);

    return db_bind_int64(st, first, k->src_file) || db_bind_int64(st, first + 1, k->src_row)
           || bind_str(st, first + 2, now);
}

static int write_row(struct store *s, const struct keyed_table *t, const struct keyed_row *k,
                     struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), t->write_sql, e);
    int hash_at = t->n_key + k->n_content + 1;

    if (st == NULL)
        return -1;
    if (k->bind_key(st, k->row) || k->bind_content(st, k->row)
        || db_bind_int64(st, hash_at, (int64_t)k->hash) || bind_provenance(s, st, hash_at + 1, k))
        return err_set(e, "cannot bind the row's values");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int refresh_provenance(struct store *s, const struct keyed_table *t,
                              const struct keyed_row *k, struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), t->refresh_sql, e);

    if (st == NULL)
        return -1;
    if (k->bind_key(st, k->row) || bind_provenance(s, st, t->n_key + 1, k))
        return err_set(e, "cannot bind the row's provenance");
    return db_step(st, e) < 0 ? -1 : 0;
}

static int keyed_put(struct store *s, const struct keyed_table *t, const struct keyed_row *k,
                     struct upsert_result *r, struct err *e)
{
    struct keyed_existing x;

    memset(r, 0, sizeof *r);
    if (find_existing(s, t, k, &x, e) != 0)
        return -1;
    r->outcome = keyed_outcome(&x, k->src_file, k->src_row, k->hash);
    r->other_row = x.src_row;
    switch (r->outcome) {
    case UPSERT_INSERTED:
    case UPSERT_UPDATED: return write_row(s, t, k, e);
    case UPSERT_REFRESHED: return refresh_provenance(s, t, k, e);
    default: return 0;
    }
}

/* --- binding values ------------------------------------------------------ */

static int bind_opt_i64(struct db_stmt *st, int idx, int64_t v)
{
    return v < 0 ? db_bind_null(st, idx) : db_bind_int64(st, idx, v);
}

static int bind_word(struct db_stmt *st, int idx, const char *const *words, int i)
{
    return bind_str(st, idx, words[i]);
}

static int bind_month(struct db_stmt *st, int idx, int month)
{
    char m[8];

    cluster_month_format(month, m);
    return bind_str(st, idx, m);
}

static int64_t col_opt_i64(struct db_stmt *st, int col)
{
    return db_column_is_null(st, col) ? -1 : db_column_int64(st, col);
}

static int col_word(struct db_stmt *st, int col, const char *const *words)
{
    const char *t = db_column_text(st, col);

    for (int i = 0; words[i] != NULL; i++)
        if (strcmp(words[i], t) == 0)
            return i;
    return -1;
}

static int col_month(struct db_stmt *st, int col)
{
    const char *t = db_column_text(st, col);
    char day[DATE_STR_LEN];
    int32_t d;

    snprintf(day, sizeof day, "%.7s-01", t);
    return date_parse(day, 10, &d, NULL) == 0 ? date_month_index(d) : -1;
}

/* --- cluster ------------------------------------------------------------- */

static const struct keyed_table cluster_table = {
    .find_sql = "SELECT src_file, src_row, content_hash FROM cluster WHERE cluster_id = $1",
    .write_sql =
        "INSERT INTO cluster(cluster_id, name, scheme, state, district, product, nic, traditional,"
        " approved_on, project_cost_paise, grant_paise, cfc_capacity_hours, status, content_hash,"
        " src_file, src_row, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
        " ON CONFLICT (cluster_id) DO UPDATE SET name = excluded.name, scheme = excluded.scheme,"
        " state = excluded.state, district = excluded.district, product = excluded.product,"
        " nic = excluded.nic, traditional = excluded.traditional,"
        " approved_on = excluded.approved_on, project_cost_paise = excluded.project_cost_paise,"
        " grant_paise = excluded.grant_paise, cfc_capacity_hours = excluded.cfc_capacity_hours,"
        " status = excluded.status, content_hash = excluded.content_hash,"
        " src_file = excluded.src_file, src_row = excluded.src_row,"
        " updated_at = excluded.updated_at",
    .refresh_sql = "UPDATE cluster SET src_file = $2, src_row = $3, updated_at = $4"
                   " WHERE cluster_id = $1",
    .n_key = 1,
};

static int cluster_bind_key(struct db_stmt *st, const void *row)
{
    return bind_str(st, 1, ((const struct cluster *)row)->id);
}

static int cluster_bind_content(struct db_stmt *st, const void *row)
{
    const struct cluster *c = row;
    const char *scheme = profile_enum_name(PF_CLUSTER_SCHEME, c->scheme);
    char state[4];

    if (scheme == NULL || c->status < 0 || c->traditional < 0)
        return -1;
    snprintf(state, sizeof state, "%02d", c->state);
    return bind_str(st, 2, c->name) || bind_str(st, 3, scheme) || bind_str(st, 4, state)
           || bind_str(st, 5, c->district) || bind_str(st, 6, c->product)
           || bind_str(st, 7, c->nic) || db_bind_int64(st, 8, c->traditional)
           || bind_day(st, 9, c->approved_on) || bind_opt_i64(st, 10, c->project_cost)
           || bind_opt_i64(st, 11, c->grant) || bind_opt_i64(st, 12, c->cfc_capacity_hours)
           || bind_word(st, 13, cluster_statuses, c->status);
}

int store_cluster_upsert(struct store *s, const struct cluster *c, struct upsert_result *r,
                         struct err *e)
{
    struct keyed_row k = {c, c->src_file, c->src_row, c->content_hash, cluster_bind_key,
                          cluster_bind_content, 12};

    return keyed_put(s, &cluster_table, &k, r, e);
}

int store_cluster_get(struct store *s, const char *cluster_id, struct cluster *out, bool *found,
                      struct err *e)
{
    static const char sql[] =
        "SELECT cluster_id, name, scheme, state, district, product, nic, traditional, approved_on,"
        " project_cost_paise, grant_paise, cfc_capacity_hours, status, content_hash, src_file,"
        " src_row FROM cluster WHERE cluster_id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id) != 0)
        return err_set(e, "cannot bind the cluster id");
    rc = db_step(st, e);
    *found = rc == DB_ROW;
    if (*found) {
        cluster_init(out);
        col_text(st, 0, out->id, sizeof out->id);
        col_text(st, 1, out->name, sizeof out->name);
        out->scheme = profile_enum_index(PF_CLUSTER_SCHEME, db_column_text(st, 2));
        out->state = atoi(db_column_text(st, 3));
        col_text(st, 4, out->district, sizeof out->district);
        col_text(st, 5, out->product, sizeof out->product);
        col_text(st, 6, out->nic, sizeof out->nic);
        out->traditional = (int)db_column_int64(st, 7);
        out->approved_on = col_day(st, 8);
        out->project_cost = col_opt_i64(st, 9);
        out->grant = col_opt_i64(st, 10);
        out->cfc_capacity_hours = col_opt_i64(st, 11);
        out->status = col_word(st, 12, cluster_statuses);
        out->content_hash = (uint64_t)db_column_int64(st, 13);
        out->src_file = db_column_int64(st, 14);
        out->src_row = db_column_int64(st, 15);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_cluster_find(struct store *s, const char *cluster_id, bool *found,
                       int64_t *cfc_capacity_hours, struct err *e)
{
    static const char sql[] = "SELECT cfc_capacity_hours FROM cluster WHERE cluster_id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id) != 0)
        return err_set(e, "cannot bind the cluster id");
    rc = db_step(st, e);
    *found = rc == DB_ROW;
    *cfc_capacity_hours = *found ? col_opt_i64(st, 0) : -1;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* --- cluster_member ------------------------------------------------------ */

static const struct keyed_table member_table = {
    .find_sql = "SELECT src_file, src_row, content_hash FROM cluster_member"
                " WHERE cluster_id = $1 AND udyam = $2",
    .write_sql =
        "INSERT INTO cluster_member(cluster_id, udyam, enterprise_id, joined_on, role,"
        " content_hash, src_file, src_row, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (cluster_id, udyam) DO UPDATE SET enterprise_id = excluded.enterprise_id,"
        " joined_on = excluded.joined_on, role = excluded.role,"
        " content_hash = excluded.content_hash, src_file = excluded.src_file,"
        " src_row = excluded.src_row, updated_at = excluded.updated_at",
    .refresh_sql = "UPDATE cluster_member SET src_file = $3, src_row = $4, updated_at = $5"
                   " WHERE cluster_id = $1 AND udyam = $2",
    .n_key = 2,
};

/* The member row with the enterprise it resolved to. */
struct member_binding {
    const struct cluster_member *m;
    int64_t enterprise_id;
};

static int member_bind_key(struct db_stmt *st, const void *row)
{
    const struct member_binding *b = row;

    return bind_str(st, 1, b->m->cluster_id) || bind_str(st, 2, b->m->udyam);
}

static int member_bind_content(struct db_stmt *st, const void *row)
{
    const struct member_binding *b = row;

    if (b->m->role < 0)
        return -1;
    return db_bind_int64(st, 3, b->enterprise_id) || bind_day(st, 4, b->m->joined_on)
           || bind_word(st, 5, cluster_roles, b->m->role);
}

int store_cluster_member_upsert(struct store *s, const struct cluster_member *m,
                                int64_t enterprise_id, struct upsert_result *r, struct err *e)
{
    struct member_binding b = {m, enterprise_id};
    struct keyed_row k = {&b, m->src_file, m->src_row, m->content_hash, member_bind_key,
                          member_bind_content, 3};

    if (keyed_put(s, &member_table, &k, r, e) != 0)
        return -1;
    r->id = enterprise_id;
    return 0;
}

int store_cluster_member_get(struct store *s, const char *cluster_id, const char *udyam,
                             struct cluster_member *out, int64_t *enterprise_id, bool *found,
                             struct err *e)
{
    static const char sql[] =
        "SELECT enterprise_id, joined_on, role, content_hash, src_file, src_row"
        " FROM cluster_member WHERE cluster_id = $1 AND udyam = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id) || bind_str(st, 2, udyam))
        return err_set(e, "cannot bind the member's key");
    rc = db_step(st, e);
    *found = rc == DB_ROW;
    if (*found) {
        cluster_member_init(out);
        snprintf(out->cluster_id, sizeof out->cluster_id, "%s", cluster_id);
        snprintf(out->udyam, sizeof out->udyam, "%s", udyam);
        *enterprise_id = db_column_int64(st, 0);
        out->joined_on = col_day(st, 1);
        out->role = col_word(st, 2, cluster_roles);
        out->content_hash = (uint64_t)db_column_int64(st, 3);
        out->src_file = db_column_int64(st, 4);
        out->src_row = db_column_int64(st, 5);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int read_membership(struct db_stmt *st, void *row, struct err *e)
{
    struct cluster_membership *m = row;

    (void)e;
    col_text(st, 0, m->cluster_id, sizeof m->cluster_id);
    m->scheme = profile_enum_index(PF_CLUSTER_SCHEME, db_column_text(st, 1));
    m->traditional = (int)db_column_int64(st, 2);
    m->status = col_word(st, 3, cluster_statuses);
    m->role = col_word(st, 4, cluster_roles);
    m->joined_on = col_day(st, 5);
    return 0;
}

int store_cluster_memberships(struct store *s, int64_t enterprise_id,
                              int (*fn)(void *ctx, const struct cluster_membership *m), void *ctx,
                              struct err *e)
{
    static const char sql[] =
        "SELECT c.cluster_id, c.scheme, c.traditional, c.status, m.role, m.joined_on"
        " FROM cluster_member m JOIN cluster c ON c.cluster_id = m.cluster_id"
        " WHERE m.enterprise_id = $1 ORDER BY c.cluster_id LIMIT 64";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list rows = ROW_LIST(struct cluster_membership, STORE_MEMBERSHIPS_MAX);
    int rc = 0;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) != 0)
        return err_set(e, "cannot bind the enterprise id");
    if (row_list_fill(&rows, st, read_membership, e) != 0) {
        row_list_free(&rows);
        return -1;
    }
    for (size_t i = 0; i < rows.n; i++)
        if (row_callback_stops(fn(ctx, row_list_at(&rows, i)), &rc))
            break;
    row_list_free(&rows);
    return rc == 0 ? 0 : err_set(e, "a membership callback failed");
}

/* --- cfc_usage ----------------------------------------------------------- */

static const struct keyed_table usage_table = {
    .find_sql = "SELECT src_file, src_row, content_hash FROM cfc_usage"
                " WHERE cluster_id = $1 AND month = $2",
    .write_sql =
        "INSERT INTO cfc_usage(cluster_id, month, hours_used, user_units, revenue_paise,"
        " content_hash, src_file, src_row, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " ON CONFLICT (cluster_id, month) DO UPDATE SET hours_used = excluded.hours_used,"
        " user_units = excluded.user_units, revenue_paise = excluded.revenue_paise,"
        " content_hash = excluded.content_hash, src_file = excluded.src_file,"
        " src_row = excluded.src_row, updated_at = excluded.updated_at",
    .refresh_sql = "UPDATE cfc_usage SET src_file = $3, src_row = $4, updated_at = $5"
                   " WHERE cluster_id = $1 AND month = $2",
    .n_key = 2,
};

static int usage_bind_key(struct db_stmt *st, const void *row)
{
    const struct cfc_month *u = row;

    return bind_str(st, 1, u->cluster_id) || bind_month(st, 2, u->month);
}

static int usage_bind_content(struct db_stmt *st, const void *row)
{
    const struct cfc_month *u = row;

    return db_bind_int64(st, 3, u->hours_used) || db_bind_int64(st, 4, u->user_units)
           || bind_opt_i64(st, 5, u->revenue);
}

int store_cfc_usage_upsert(struct store *s, const struct cfc_month *u, struct upsert_result *r,
                           struct err *e)
{
    struct keyed_row k = {u, u->src_file, u->src_row, u->content_hash, usage_bind_key,
                          usage_bind_content, 3};

    return keyed_put(s, &usage_table, &k, r, e);
}

int store_cfc_usage_get(struct store *s, const char *cluster_id, int month, struct cfc_month *out,
                        bool *found, struct err *e)
{
    static const char sql[] =
        "SELECT month, hours_used, user_units, revenue_paise, content_hash, src_file, src_row"
        " FROM cfc_usage WHERE cluster_id = $1 AND month = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, cluster_id) || bind_month(st, 2, month))
        return err_set(e, "cannot bind the month's key");
    rc = db_step(st, e);
    *found = rc == DB_ROW;
    if (*found) {
        cfc_month_init(out);
        snprintf(out->cluster_id, sizeof out->cluster_id, "%s", cluster_id);
        out->month = col_month(st, 0);
        out->hours_used = db_column_int64(st, 1);
        out->user_units = db_column_int64(st, 2);
        out->revenue = col_opt_i64(st, 3);
        out->content_hash = (uint64_t)db_column_int64(st, 4);
        out->src_file = db_column_int64(st, 5);
        out->src_row = db_column_int64(st, 6);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
