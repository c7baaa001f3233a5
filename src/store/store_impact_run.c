/* store_impact_run.c: see store_impact_run.h. */
#include "store/store_impact_run.h"

#include <string.h>

#include "core/alloc.h"
#include "store/db.h"
#include "store/store_list.h"

int store_impact_run_save(struct store *s, int draws, uint64_t seed, const char *json, int64_t *id,
                          struct err *e)
{
    static const char sql[] =
        "INSERT INTO impact_run (created_at, draws, seed, result) VALUES ($1, $2, $3, $4) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    const char *now = store_now(s);
    bool inserted;

    if (st == NULL)
        return -1;
    if (db_bind_text(st, 1, now, strlen(now)) || db_bind_int64(st, 2, draws)
        || db_bind_int64(st, 3, (int64_t)seed) || db_bind_text(st, 4, json, strlen(json)))
        return err_set(e, "impact run: cannot bind");
    return db_insert(st, id, &inserted, e);
}

int store_impact_run_latest(struct store *s, char **json, char *created_at, size_t cap, struct err *e)
{
    static const char sql[] = "SELECT result, created_at FROM impact_run ORDER BY id DESC LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *json = NULL;
    created_at[0] = '\0';
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        *json = mem_strdup(db_column_text(st, 0));
        col_text(st, 1, created_at, cap);
        if (*json == NULL)
            rc = err_set(e, "out of memory");
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}
