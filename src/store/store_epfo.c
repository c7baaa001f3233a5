/* store_epfo.c: see store_epfo.h. Portable SQL (SQLite 3.40 and
 * PostgreSQL 15). */
#include "store/store_epfo.h"

#include <string.h>

#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_list.h"

static int bind_key(struct db_stmt *st, const struct epfo_feed_row *r)
{
    return bind_str(st, 1, r->establishment) || bind_str(st, 2, r->wage_month);
}

static int write_row(struct store *s, int64_t enterprise_id, const struct epfo_feed_row *r, struct err *e)
{
    static const char sql[] =
        "INSERT INTO epfo_return (establishment_code, wage_month, enterprise_id, pan, gstin, members,"
        " wages_paise, content_hash, src_file, src_row) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " ON CONFLICT (establishment_code, wage_month) DO UPDATE SET enterprise_id = excluded.enterprise_id,"
        " pan = excluded.pan, gstin = excluded.gstin, members = excluded.members,"
        " wages_paise = excluded.wages_paise, content_hash = excluded.content_hash,"
        " src_file = excluded.src_file, src_row = excluded.src_row";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (bind_key(st, r) || db_bind_int64(st, 3, enterprise_id) || bind_str(st, 4, r->pan)
        || (r->gstin[0] ? bind_str(st, 5, r->gstin) : db_bind_null(st, 5))
        || db_bind_int64(st, 6, r->members) || db_bind_int64(st, 7, r->wages_paise)
        || db_bind_int64(st, 8, (int64_t)r->content_hash) || db_bind_int64(st, 9, r->src_file)
        || db_bind_int64(st, 10, r->src_row))
        return err_set(e, "cannot bind the EPFO return");
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_epfo_upsert(struct store *s, int64_t enterprise_id, const struct epfo_feed_row *r,
                      struct upsert_result *out, struct err *e)
{
    static const char find[] =
        "SELECT src_file, src_row, content_hash FROM epfo_return WHERE establishment_code = $1 AND wage_month = $2";
    static const char refresh[] =
        "UPDATE epfo_return SET src_file = $3, src_row = $4 WHERE establishment_code = $1 AND wage_month = $2";
    struct keyed_existing x = {0};
    struct db_stmt *st = db_cached(store_db(s), find, e);

    memset(out, 0, sizeof *out);
    if (st == NULL)
        return -1;
    if (bind_key(st, r) != 0)
        return err_set(e, "cannot bind the EPFO return's key");
    if (keyed_read(st, &x, e) != 0)
        return -1;
    out->outcome = keyed_outcome(&x, r->src_file, r->src_row, r->content_hash);
    out->other_row = x.src_row;
    out->id = enterprise_id;
    if (out->outcome == UPSERT_INSERTED || out->outcome == UPSERT_UPDATED)
        return write_row(s, enterprise_id, r, e);
    if (out->outcome != UPSERT_REFRESHED)
        return 0;
    st = db_cached(store_db(s), refresh, e);
    if (st == NULL)
        return -1;
    if (bind_key(st, r) || db_bind_int64(st, 3, r->src_file) || db_bind_int64(st, 4, r->src_row))
        return err_set(e, "cannot bind the EPFO return's provenance");
    return db_step(st, e) < 0 ? -1 : 0;
}
