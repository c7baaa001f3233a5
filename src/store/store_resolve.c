/* store_resolve.c: identifier -> enterprise on file (store_resolve.h). */
#include "store/store_resolve.h"

#include <stdio.h>
#include <string.h>

#include "core/enterprise.h"
#include "store/db.h"
#include "store/store_list.h"

/* Run a one-text-parameter query whose first column is an id. */
static int id_by_text(struct store *s, const char *sql, const char *key, int64_t *id, bool *found,
                      struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, key) != 0)
        return err_set(e, "cannot bind '%s'", key);
    rc = db_step(st, e);
    *found = rc == DB_ROW;
    if (*found)
        *id = db_column_int64(st, 0);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_resolve_udyam(struct store *s, const char *udyam, int64_t *id, char pan[11], bool *found,
                        struct err *e)
{
    static const char sql[] = "SELECT id, pan FROM enterprise WHERE udyam = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL)
        return -1;
    if (bind_str(st, 1, udyam) != 0)
        return err_set(e, "cannot bind '%s'", udyam);
    rc = db_step(st, e);
    *found = rc == DB_ROW;
    pan[0] = '\0';
    if (*found) {
        *id = db_column_int64(st, 0);
        col_text(st, 1, pan, 11);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_resolve_pan(struct store *s, const char *pan, int64_t *id, bool *found, struct err *e)
{
    static const char sql[] = "SELECT id FROM enterprise WHERE pan = $1";

    return id_by_text(s, sql, pan, id, found, e);
}

int store_resolve_gstin(struct store *s, const char *gstin, int64_t *id, bool *found,
                        struct err *e)
{
    static const char sql[] = "SELECT enterprise_id FROM enterprise_gstin WHERE gstin = $1";

    return id_by_text(s, sql, gstin, id, found, e);
}

int store_resolve_add_gstin(struct store *s, const char *gstin, int64_t id, const char *src_feed,
                            struct err *e)
{
    static const char sql[] =
        "INSERT INTO enterprise_gstin(gstin, enterprise_id, state, src_feed) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (gstin) DO NOTHING";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (strlen(gstin) != 15)
        return err_set(e, "'%s' is not a GSTIN", gstin);
    if (bind_str(st, 1, gstin) || db_bind_int64(st, 2, id) || db_bind_text(st, 3, gstin, 2)
        || bind_str(st, 4, src_feed))
        return err_set(e, "cannot bind GSTIN %s", gstin);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_resolve_new_gst_entity(struct store *s, const char *gstin, int state, int64_t file,
                                 int64_t row, int64_t *id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO enterprise(pan, name, state, content_hash, src_feed, src_file, src_row,"
        " updated_at) VALUES ($1, '', $2, $3, 'gst', $4, $5, $6) {{RETURNING_ID}}";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct enterprise ent;
    char code[4];
    const char *now = store_now(s);
    bool inserted;

    if (st == NULL)
        return -1;
    if (strlen(gstin) != 15)
        return err_set(e, "'%s' is not a GSTIN", gstin);
    /* The hash only has to differ from any Udyam row's: a Udyam row for
     * this PAN replaces everything but the id (store_enterprise.c). */
    enterprise_init(&ent);
    memcpy(ent.pan, gstin + 2, 10);
    ent.state = state;
    snprintf(code, sizeof code, "%02d", state);
    if (db_bind_text(st, 1, ent.pan, 10) || bind_str(st, 2, code)
        || db_bind_int64(st, 3, (int64_t)enterprise_content_hash(&ent)) || db_bind_int64(st, 4, file)
        || db_bind_int64(st, 5, row) || bind_str(st, 6, now))
        return err_set(e, "cannot bind the enterprise of GSTIN %s", gstin);
    if (db_insert(st, id, &inserted, e) != 0)
        return -1;
    if (!inserted)
        return err_set(e, "the enterprise of GSTIN %s was not created", gstin);
    return store_resolve_add_gstin(s, gstin, *id, "gst", e);
}
