/* store_energy.c: see store_energy.h. Portable SQL (SQLite 3.40 and
 * PostgreSQL 15). */
#include "store/store_energy.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "store/store_consent.h"
#include "store/store_consent_sql.h"
#include "store/db.h"
#include "store/store_insights.h"
#include "store/store_keyed.h"
#include "store/store_list.h"

static int bind_feed_key(struct db_stmt *st, int64_t id, const struct energy_feed_row *r)
{
    return db_bind_int64(st, 1, id) || bind_str(st, 2, r->fiscal_year)
           || bind_str(st, 3, energy_source_code((enum energy_source)r->source));
}

int store_energy_feed_upsert(struct store *s, int64_t enterprise_id,
                             const struct energy_feed_row *r, struct upsert_result *out,
                             struct err *e)
{
    static const char find[] =
        "SELECT src_file, src_row, content_hash FROM energy_declaration"
        " WHERE enterprise_id = $1 AND fiscal_year = $2 AND source = $3 AND origin = 'feed'";
    static const char write[] =
        "INSERT INTO energy_declaration (enterprise_id, fiscal_year, source, quantity_milli, unit,"
        " origin, declared_at, content_hash, src_file, src_row)"
        " VALUES ($1, $2, $3, $4, $5, 'feed', $6, $7, $8, $9)"
        " ON CONFLICT (enterprise_id, fiscal_year, source, origin) DO UPDATE SET"
        " quantity_milli = excluded.quantity_milli, unit = excluded.unit,"
        " declared_at = excluded.declared_at, content_hash = excluded.content_hash,"
        " src_file = excluded.src_file, src_row = excluded.src_row";
    static const char refresh[] =
        "UPDATE energy_declaration SET src_file = $4, src_row = $5"
        " WHERE enterprise_id = $1 AND fiscal_year = $2 AND source = $3 AND origin = 'feed'";
    struct keyed_existing x = {0};
    struct db_stmt *st = db_cached(store_db(s), find, e);

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return -1;
    if (bind_feed_key(st, enterprise_id, r) != 0)
        return err_set(e, "cannot bind the declaration's key");
    if (keyed_read(st, &x, e) != 0)
        return -1;
    out->outcome = keyed_outcome(&x, r->src_file, r->src_row, r->content_hash);
    out->other_row = x.src_row;
    out->id = enterprise_id;
    if (out->outcome == UPSERT_INSERTED || out->outcome == UPSERT_UPDATED) {
        st = db_cached(store_db(s), write, e);
        if (st == NULL)
            return -1;
        if (bind_feed_key(st, enterprise_id, r) || db_bind_int64(st, 4, r->quantity_milli)
            || bind_str(st, 5, energy_source_unit((enum energy_source)r->source))
            || bind_str(st, 6, store_now(s)) || db_bind_int64(st, 7, (int64_t)r->content_hash)
            || db_bind_int64(st, 8, r->src_file) || db_bind_int64(st, 9, r->src_row))
            return err_set(e, "cannot bind the declaration");
        return db_step(st, e) < 0 ? -1 : 0;
    }
    if (out->outcome == UPSERT_REFRESHED) {
        st = db_cached(store_db(s), refresh, e);
        if (st == NULL)
            return -1;
        if (bind_feed_key(st, enterprise_id, r) || db_bind_int64(st, 4, r->src_file)
            || db_bind_int64(st, 5, r->src_row))
            return err_set(e, "cannot bind the declaration's provenance");
        return db_step(st, e) < 0 ? -1 : 0;
    }
    return 0;
}

int store_energy_declare(struct store *s, int64_t enterprise_id, const char *fiscal_year,
                         int source, int64_t quantity_milli, int64_t user_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO energy_declaration (enterprise_id, fiscal_year, source, quantity_milli, unit,"
        " origin, declared_by, declared_at, content_hash)"
        " VALUES ($1, $2, $3, $4, $5, 'portal', $6, $7, 0)"
        " ON CONFLICT (enterprise_id, fiscal_year, source, origin) DO UPDATE SET"
        " quantity_milli = excluded.quantity_milli, unit = excluded.unit,"
        " declared_by = excluded.declared_by, declared_at = excluded.declared_at";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, fiscal_year)
        || bind_str(st, 3, energy_source_code((enum energy_source)source))
        || db_bind_int64(st, 4, quantity_milli)
        || bind_str(st, 5, energy_source_unit((enum energy_source)source))
        || (user_id > 0 ? db_bind_int64(st, 6, user_id) : db_bind_null(st, 6))
        || bind_str(st, 7, store_now(s)))
        return err_set(e, "cannot bind the declaration");
    return db_step(st, e) < 0 ? -1 : 0;
}

/* enterprise_id, fiscal_year, source, quantity_milli, origin, declared_at */
static void read_decl(struct db_stmt *st, struct energy_decl *d)
{
    int src = energy_source_from_code(db_column_text(st, 2));

    d->enterprise_id = db_column_int64(st, 0);
    d->fy = emission_fy_parse(db_column_text(st, 1));
    /* A source this build does not know is kept out of every sum. */
    d->source = src < 0 ? ES_COUNT : (enum energy_source)src;
    d->quantity_milli = d->fy < 0 || src < 0 ? -1 : db_column_int64(st, 3);
    d->portal = strcmp(db_column_text(st, 4), "portal") == 0;
    col_text(st, 5, d->declared_at, sizeof d->declared_at);
}

static int read_decl_row(struct db_stmt *st, void *row, struct err *e)
{
    (void)e;
    read_decl(st, row);
    return 0;
}

int store_energy_list(struct store *s, int64_t enterprise_id, struct energy_decl **out, size_t *n,
                      struct err *e)
{
    static const char sql[] =
        "SELECT enterprise_id, fiscal_year, source, quantity_milli, origin, declared_at"
        " FROM energy_declaration WHERE enterprise_id = $1"
        " ORDER BY fiscal_year DESC, source, origin LIMIT 256";
    struct row_list l = ROW_LIST(struct energy_decl, 256);
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool allowed;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    if (store_consent_allows_here(s, enterprise_id, CONSENT_ENERGY, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;   /* consent withheld: reads as no declaration */
    if (db_bind_int64(st, 1, enterprise_id) != 0)
        return err_set(e, "cannot bind the enterprise");
    if (row_list_fill(&l, st, read_decl_row, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}

static int read_energy_row(struct db_stmt *st, void *row, struct err *e)
{
    struct energy_row *r = row;

    (void)e;
    read_decl(st, &r->d);
    col_text(st, 6, r->division, sizeof r->division);
    r->turnover_paise = db_column_is_null(st, 7) ? -1 : db_column_int64(st, 7);
    return 0;
}

int store_energy_all(struct store *s, const char *division, struct energy_row **out, size_t *n,
                     struct err *e)
{
    static const char all[] =
        "SELECT d.enterprise_id, d.fiscal_year, d.source, d.quantity_milli, d.origin,"
        " d.declared_at, substr(e.nic, 1, 2), e.turnover_paise"
        " FROM energy_declaration d JOIN enterprise e ON e.id = d.enterprise_id"
        " WHERE " CONSENT_OK("d.enterprise_id", "'energy'", "$1", "$2", "$3")
        " ORDER BY d.enterprise_id";
    static const char one[] =
        "SELECT d.enterprise_id, d.fiscal_year, d.source, d.quantity_milli, d.origin,"
        " d.declared_at, substr(e.nic, 1, 2), e.turnover_paise"
        " FROM energy_declaration d JOIN enterprise e ON e.id = d.enterprise_id"
        " WHERE e.nic >= $1 AND e.nic < $2 AND substr(e.nic, 1, 2) = $1"
        " AND " CONSENT_OK("d.enterprise_id", "'energy'", "$3", "$4", "$5")
        " ORDER BY d.enterprise_id";
    /* Five sources a year for a few years of a million enterprises. */
    struct row_list l = ROW_LIST(struct energy_row, 50000000);
    struct db_stmt *st = db_cached(store_db(s), division ? one : all, e);
    char end[8];

    if (st == NULL)
        return -1;
    /* A range on enterprise_nic: only the division's enterprises are read. */
    if (division != NULL)
        store_nic_prefix_end(division, end);
    if (division != NULL && (bind_str(st, 1, division) != 0 || bind_str(st, 2, end) != 0))
        return err_set(e, "cannot bind the division");
    /* Benchmarks and cluster totals are statistics (docs/consent.md). The
     * whole-country query numbers its consent parameters from $1: PostgreSQL
     * cannot type a parameter that the statement never uses. */
    if (store_consent_bind(s, st, division ? 3 : 1, CONSENT_ENERGY, CONSENT_STATISTICS) != 0)
        return err_set(e, "cannot bind the consent filter");
    if (row_list_fill(&l, st, read_energy_row, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}

static int read_member(struct db_stmt *st, void *row, struct err *e)
{
    struct cluster_member_ref *m = row;

    (void)e;
    col_text(st, 0, m->cluster_id, sizeof m->cluster_id);
    col_text(st, 1, m->name, sizeof m->name);
    m->enterprise_id = db_column_int64(st, 2);
    return 0;
}

int store_energy_cluster_members(struct store *s, struct cluster_member_ref **out, size_t *n,
                                 struct err *e)
{
    static const char sql[] =
        "SELECT c.cluster_id, c.name, m.enterprise_id FROM cluster c"
        " JOIN cluster_member m ON m.cluster_id = c.cluster_id ORDER BY c.cluster_id";
    struct row_list l = ROW_LIST(struct cluster_member_ref, 10000000);
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (row_list_fill(&l, st, read_member, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}
