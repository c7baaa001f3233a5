/* store_enterprise.c: the enterprise table and its GSTINs.
 *
 * Identity rules (see store.h, enum upsert_outcome): the Udyam number is
 * the key; a PAN belongs to one enterprise; a file's identity is its
 * digest, so the provenance (src_file, src_row) of a stored row tells a
 * rerun of the same row from an in-file duplicate without any per-run
 * memory in the process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/profile.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_consent.h"
#include "store/store_consent_sql.h"

#define COLUMNS                                                                               \
    "udyam, pan, name, owner_name, constitution, social_category, owner_gender, "             \
    "owner_disabled, commenced_on, registered_on, activity, nic, state, district, pincode, "  \
    "area, investment_paise, turnover_paise, exports_paise, employees_male, employees_female, " \
    "employees_other, women_owned, scst_owned, content_hash, src_feed, src_file, src_row, "   \
    "updated_at"

static const char insert_sql[] =
    "INSERT INTO enterprise(" COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
    " $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)"
    " ON CONFLICT DO NOTHING {{RETURNING_ID}}";

static const char update_sql[] =
    "UPDATE enterprise SET udyam = $1, pan = $2, name = $3, owner_name = $4, constitution = $5,"
    " social_category = $6, owner_gender = $7, owner_disabled = $8, commenced_on = $9,"
    " registered_on = $10, activity = $11, nic = $12, state = $13, district = $14, pincode = $15,"
    " area = $16, investment_paise = $17, turnover_paise = $18, exports_paise = $19,"
    " employees_male = $20, employees_female = $21, employees_other = $22, women_owned = $23,"
    " scst_owned = $24, content_hash = $25, src_feed = $26, src_file = $27, src_row = $28,"
    " updated_at = $29 WHERE id = $30";

static const char select_sql[] = "SELECT id, " COLUMNS " FROM enterprise WHERE id = $1";

/* Text forms of an enterprise's non-text fields, kept alive until the
 * statement has run so every value can be bound without a copy. */
struct bound_text {
    char state[4];
    char commenced[DATE_STR_LEN], registered[DATE_STR_LEN];
};

static int bind_str(struct db_stmt *st, int idx, const char *s)
{
    return *s ? db_bind_text_ref(st, idx, s, strlen(s)) : db_bind_null(st, idx);
}

static int bind_enum(struct db_stmt *st, int idx, enum profile_field f, int v)
{
    const char *name = v >= 0 ? profile_enum_name(f, v) : NULL;
    return name ? db_bind_text_ref(st, idx, name, strlen(name)) : db_bind_null(st, idx);
}

static int bind_date(struct db_stmt *st, int idx, int32_t d, char s[DATE_STR_LEN])
{
    if (d == DATE_UNKNOWN)
        return db_bind_null(st, idx);
    date_format(d, s);
    return db_bind_text_ref(st, idx, s, 10);
}

static int bind_count(struct db_stmt *st, int idx, int64_t v)
{
    return v < 0 ? db_bind_null(st, idx) : db_bind_int64(st, idx, v);
}

static int bind_flag(struct db_stmt *st, int idx, int known, bool v)
{
    return known < 0 ? db_bind_null(st, idx) : db_bind_int64(st, idx, v);
}

static bool is_scst(int category)
{
    const char *c = category >= 0 ? profile_enum_name(PF_OWNER_CATEGORY, category) : "";
    return c && (strcmp(c, "sc") == 0 || strcmp(c, "st") == 0);
}

static int bind_enterprise(struct store *s, struct db_stmt *st, const struct enterprise *e,
                           struct bound_text *t)
{
    const char *gender = e->owner_gender >= 0 ? profile_enum_name(PF_OWNER_GENDER, e->owner_gender) : "";
    const char *now = store_now(s);

    snprintf(t->state, sizeof t->state, "%02d", e->state);
    if (bind_str(st, 1, e->udyam) || bind_str(st, 2, e->pan)
        || db_bind_text_ref(st, 3, e->name, strlen(e->name)) || bind_str(st, 4, e->owner_name)
        || bind_enum(st, 5, PF_CONSTITUTION, e->constitution)
        || bind_enum(st, 6, PF_OWNER_CATEGORY, e->social_category)
        || bind_enum(st, 7, PF_OWNER_GENDER, e->owner_gender)
        || bind_count(st, 8, e->owner_disabled) || bind_date(st, 9, e->commenced_on, t->commenced)
        || bind_date(st, 10, e->registered_on, t->registered)
        || bind_enum(st, 11, PF_ACTIVITY, e->activity) || bind_str(st, 12, e->nic)
        || db_bind_text_ref(st, 13, t->state, strlen(t->state)) || bind_str(st, 14, e->district)
        || bind_str(st, 15, e->pincode) || bind_enum(st, 16, PF_AREA, e->area)
        || db_bind_int64(st, 17, e->investment) || db_bind_int64(st, 18, e->turnover)
        || bind_count(st, 19, e->exports) || bind_count(st, 20, e->employees_male)
        || bind_count(st, 21, e->employees_female) || bind_count(st, 22, e->employees_other)
        || bind_flag(st, 23, e->owner_gender, gender && strcmp(gender, "female") == 0)
        || bind_flag(st, 24, e->social_category, is_scst(e->social_category))
        || db_bind_int64(st, 25, (int64_t)e->content_hash)
        || db_bind_text_ref(st, 26, e->src_feed, strlen(e->src_feed))
        || db_bind_int64(st, 27, e->src_file) || db_bind_int64(st, 28, e->src_row)
        || db_bind_text(st, 29, now, strlen(now)))
        return -1;
    return 0;
}

static int put_gstins(struct store *s, int64_t id, const struct enterprise *e, struct err *err)
{
    static const char sql[] =
        "INSERT INTO enterprise_gstin(gstin, enterprise_id, state, src_feed)"
        " VALUES ($1, $2, $3, 'udyam')"
        " ON CONFLICT (gstin) DO UPDATE SET src_feed = 'udyam'"
        " WHERE enterprise_gstin.enterprise_id = excluded.enterprise_id";
    struct db *db = store_db(s);

    for (int i = 0; i < e->n_gstins; i++) {
        struct db_stmt *st = db_cached(db, sql, err);
        if (st == NULL || db_bind_text_ref(st, 1, e->gstins[i], 15) || db_bind_int64(st, 2, id)
            || db_bind_text_ref(st, 3, e->gstins[i], 2) || db_step(st, err) < 0)
            return -1;
    }
    return 0;
}

/* Only the GSTINs Udyam gave: those learned from GST returns stand on the
 * GSTN's word (their embedded PAN), whatever a corrected Udyam row lists. */
static int drop_gstins(struct store *s, int64_t id, struct err *err)
{
    static const char sql[] =
        "DELETE FROM enterprise_gstin WHERE enterprise_id = $1 AND src_feed = 'udyam'";
    struct db_stmt *st = db_cached(store_db(s), sql, err);

    if (st == NULL || db_bind_int64(st, 1, id) != 0)
        return -1;
    return db_step(st, err) < 0 ? -1 : 0;
}

/* Try the common case first: a new enterprise. */
static int try_insert(struct store *s, const struct enterprise *e, int64_t *id, bool *inserted,
                      struct err *err)
{
    struct db_stmt *st = db_cached(store_db(s), insert_sql, err);
    struct bound_text t;

    if (st == NULL || bind_enterprise(s, st, e, &t) != 0)
        return st == NULL ? -1 : err_set(err, "cannot bind enterprise values");
    return db_insert(st, id, inserted, err);
}

struct existing {
    bool found;
    int64_t id, src_file, src_row;
    uint64_t hash;
    char udyam[20];
};

/* The enterprise with this Udyam number and the one holding this PAN. */
static int find_existing(struct store *s, const struct enterprise *e, struct existing *same,
                         struct existing *pan_holder, struct err *err)
{
    static const char sql[] =
        "SELECT id, udyam, src_file, src_row, content_hash FROM enterprise"
        " WHERE udyam = $1 OR pan = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, err);
    int rc;

    memset(same, 0, sizeof *same);
    memset(pan_holder, 0, sizeof *pan_holder);
    if (st == NULL || db_bind_text_or_null(st, 1, e->udyam) || db_bind_text_or_null(st, 2, e->pan))
        return -1;
    while ((rc = db_step(st, err)) == DB_ROW) {
        const char *u = db_column_text(st, 1);
        struct existing *x = strcmp(u, e->udyam) == 0 ? same : pan_holder;
        x->found = true;
        x->id = db_column_int64(st, 0);
        snprintf(x->udyam, sizeof x->udyam, "%s", u);
        x->src_file = db_column_int64(st, 2);
        x->src_row = db_column_int64(st, 3);
        x->hash = (uint64_t)db_column_int64(st, 4);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int refresh_provenance(struct store *s, int64_t id, const struct enterprise *e,
                              struct err *err)
{
    static const char sql[] =
        "UPDATE enterprise SET src_feed = $2, src_file = $3, src_row = $4 WHERE id = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, err);

    if (st == NULL || db_bind_int64(st, 1, id) || db_bind_text(st, 2, e->src_feed, strlen(e->src_feed))
        || db_bind_int64(st, 3, e->src_file) || db_bind_int64(st, 4, e->src_row))
        return -1;
    return db_step(st, err) < 0 ? -1 : 0;
}

static int replace_content(struct store *s, int64_t id, const struct enterprise *e, struct err *err)
{
    struct db_stmt *st = db_cached(store_db(s), update_sql, err);
    struct bound_text t;

    if (st == NULL || bind_enterprise(s, st, e, &t) != 0 || db_bind_int64(st, 30, id) != 0)
        return -1;
    if (db_step(st, err) < 0)
        return -1;
    return drop_gstins(s, id, err) != 0 ? -1 : put_gstins(s, id, e, err);
}

static int resolve_conflict(struct store *s, const struct enterprise *e, struct upsert_result *r,
                            struct err *err)
{
    struct existing same, holder;

    if (find_existing(s, e, &same, &holder, err) != 0)
        return -1;
    if (same.found && same.src_file == e->src_file) {
        r->id = same.id;
        r->other_row = same.src_row;
        r->outcome = same.src_row == e->src_row ? UPSERT_UNCHANGED
                     : same.hash == e->content_hash ? UPSERT_DUPLICATE : UPSERT_CONFLICT;
        return 0;
    }
    if (holder.found && !same.found && holder.udyam[0] == '\0') {
        r->outcome = UPSERT_INSERTED;
        r->merged = true;
        r->id = holder.id;
        /* It takes the Udyam row whole and keeps its id, so its returns stay
         * attached; its GSTINs came from GST, so replacing the Udyam ones
         * keeps them (drop_gstins). */
        return replace_content(s, holder.id, e, err);
    }
    if (holder.found) {
        r->outcome = UPSERT_PAN_CONFLICT;
        r->id = holder.id;
        snprintf(r->other_udyam, sizeof r->other_udyam, "%s", holder.udyam);
        return 0;
    }
    if (!same.found)
        return err_set(err, "enterprise %s conflicts with a row that cannot be found", e->udyam);
    r->id = same.id;
    if (same.hash == e->content_hash) {
        r->outcome = UPSERT_REFRESHED;
        return refresh_provenance(s, same.id, e, err);
    }
    r->outcome = UPSERT_UPDATED;
    return replace_content(s, same.id, e, err);
}

int store_enterprise_upsert(struct store *s, const struct enterprise *e, struct upsert_result *r,
                            struct err *err)
{
    bool inserted;
    int64_t id = 0;

    memset(r, 0, sizeof *r);
    if (try_insert(s, e, &id, &inserted, err) != 0)
        return -1;
    if (!inserted)
        return resolve_conflict(s, e, r, err);
    r->outcome = UPSERT_INSERTED;
    r->id = id;
    return put_gstins(s, id, e, err);
}

/* --- reading ----------------------------------------------------------- */

static void col_str(struct db_stmt *st, int col, char *dst, size_t cap)
{
    snprintf(dst, cap, "%s", db_column_text(st, col));
}

static int col_enum(struct db_stmt *st, int col, enum profile_field f)
{
    return db_column_is_null(st, col) ? -1 : profile_enum_index(f, db_column_text(st, col));
}

static int32_t col_date(struct db_stmt *st, int col)
{
    const char *t = db_column_text(st, col);
    int32_t d;

    if (db_column_is_null(st, col) || date_parse(t, strlen(t), &d, NULL) != 0)
        return DATE_UNKNOWN;
    return d;
}

static int64_t col_count(struct db_stmt *st, int col)
{
    return db_column_is_null(st, col) ? -1 : db_column_int64(st, col);
}

/* Columns as in COLUMNS, offset by one for the leading id. */
static void read_row(struct db_stmt *st, struct enterprise *e)
{
    enterprise_init(e);
    e->id = db_column_int64(st, 0);
    col_str(st, 1, e->udyam, sizeof e->udyam);
    col_str(st, 2, e->pan, sizeof e->pan);
    col_str(st, 3, e->name, sizeof e->name);
    col_str(st, 4, e->owner_name, sizeof e->owner_name);
    e->constitution = col_enum(st, 5, PF_CONSTITUTION);
    e->social_category = col_enum(st, 6, PF_OWNER_CATEGORY);
    e->owner_gender = col_enum(st, 7, PF_OWNER_GENDER);
    e->owner_disabled = (int)col_count(st, 8);
    e->commenced_on = col_date(st, 9);
    e->registered_on = col_date(st, 10);
    e->activity = col_enum(st, 11, PF_ACTIVITY);
    col_str(st, 12, e->nic, sizeof e->nic);
    e->state = atoi(db_column_text(st, 13));
    col_str(st, 14, e->district, sizeof e->district);
    col_str(st, 15, e->pincode, sizeof e->pincode);
    e->area = col_enum(st, 16, PF_AREA);
    /* NULL for an enterprise known only from GST returns: unknown, not 0. */
    e->investment = col_count(st, 17);
    e->turnover = col_count(st, 18);
    e->exports = col_count(st, 19);
    e->employees_male = col_count(st, 20);
    e->employees_female = col_count(st, 21);
    e->employees_other = col_count(st, 22);
    e->content_hash = (uint64_t)db_column_int64(st, 25);
    col_str(st, 26, e->src_feed, sizeof e->src_feed);
    e->src_file = db_column_int64(st, 27);
    e->src_row = db_column_int64(st, 28);
}

static int read_gstins(struct store *s, struct enterprise *e, struct err *err)
{
    static const char sql[] =
        "SELECT gstin FROM enterprise_gstin WHERE enterprise_id = $1 ORDER BY gstin";
    struct db_stmt *st = db_cached(store_db(s), sql, err);
    int rc;

    if (st == NULL || db_bind_int64(st, 1, e->id) != 0)
        return -1;
    while ((rc = db_step(st, err)) == DB_ROW && e->n_gstins < ENTERPRISE_MAX_GSTINS)
        col_str(st, 0, e->gstins[e->n_gstins++], sizeof e->gstins[0]);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_enterprise_get(struct store *s, int64_t id, struct enterprise *out, bool *found,
                         struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), select_sql, e);
    struct enterprise row;
    int rc;

    if (st == NULL || db_bind_int64(st, 1, id) != 0)
        return -1;
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        read_row(st, &row);
    db_reset(st);
    if (!*found)
        return 0;
    if (read_gstins(s, &row, e) != 0)
        return -1;
    *out = row;
    return 0;
}

int store_enterprise_find_udyam(struct store *s, const char *udyam, int64_t *id, bool *found,
                                struct err *e)
{
    static const char sql[] = "SELECT id FROM enterprise WHERE udyam = $1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    if (st == NULL || db_bind_text(st, 1, udyam, strlen(udyam)) != 0)
        return -1;
    rc = db_step(st, e);
    if (rc < 0)
        return -1;
    *found = rc == DB_ROW;
    if (*found)
        *id = db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

int store_enterprise_count(struct store *s, int64_t *n, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM enterprise";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_step(st, e) != DB_ROW)
        return -1;
    *n = db_column_int64(st, 0);
    db_reset(st);
    return 0;
}

int store_enterprise_first(struct store *s, int64_t *id, bool *found, struct err *e)
{
    static const char sql[] = "SELECT MIN(id) FROM enterprise";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL || db_step(st, e) != DB_ROW)
        return -1;
    *found = !db_column_is_null(st, 0);
    *id = *found ? db_column_int64(st, 0) : 0;
    db_reset(st);
    return 0;
}

/* The GSTINs of a page's enterprises (ids in (after, page's last]) in one
 * range scan of enterprise_gstin_enterprise, merged by id, instead of one
 * query per enterprise: a scan of every enterprise (the record linker's
 * candidates, the analytics) is then two statements a thousand rows. */
static int page_gstins(struct store *s, struct enterprise *page, int n, int64_t after, struct err *err)
{
    static const char sql[] =
        "SELECT enterprise_id, gstin FROM enterprise_gstin WHERE enterprise_id > $1 AND enterprise_id <= $2"
        " ORDER BY enterprise_id, gstin";
    struct db_stmt *st;
    int i = 0, rc;

    if (n == 0)
        return 0;
    st = db_cached(store_db(s), sql, err);
    if (st == NULL || db_bind_int64(st, 1, after) != 0 || db_bind_int64(st, 2, page[n - 1].id) != 0)
        return -1;
    while ((rc = db_step(st, err)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        while (i < n && page[i].id < id)
            i++;
        if (i == n)
            break;
        if (page[i].id == id && page[i].n_gstins < ENTERPRISE_MAX_GSTINS)
            col_str(st, 1, page[i].gstins[page[i].n_gstins++], sizeof page[i].gstins[0]);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* Keyset pagination (id > last) keeps each page an index range scan. */
static int each_page(struct store *s, bool usable, int64_t after, int64_t *last, int *count,
                     int (*fn)(void *ctx, const struct enterprise *e), void *ctx, bool *stop,
                     struct err *err)
{
    static const char all[] = "SELECT id, " COLUMNS " FROM enterprise WHERE id > $1 ORDER BY id LIMIT 1000";
    /* A row the GST feed made (a filer not on Udyam) is GST data: it is
     * used only as far as consent to GST allows (docs/consent.md). */
    static const char consented[] =
        "SELECT id, " COLUMNS " FROM enterprise WHERE id > $1"
        " AND (src_feed <> 'gst' OR " CONSENT_OK("enterprise.id", "'gst'", "$2", "$3", "$4") ")"
        " ORDER BY id LIMIT 1000";
    struct db_stmt *st = db_cached(store_db(s), usable ? consented : all, err);
    struct enterprise *page;
    int n = 0, rc;

    if (st == NULL || db_bind_int64(st, 1, after) != 0
        || (usable && store_consent_bind(s, st, 2, CONSENT_GST, store_consent_purpose(s)) != 0))
        return -1;
    page = mem_calloc(1000, sizeof *page);
    if (page == NULL)
        return err_set(err, "out of memory");
    while ((rc = db_step(st, err)) == DB_ROW && n < 1000)
        read_row(st, &page[n++]);
    db_reset(st);
    if (rc >= 0 && page_gstins(s, page, n, after, err) != 0)
        rc = -1;
    for (int i = 0; rc >= 0 && i < n && !*stop; i++)
        *stop = fn(ctx, &page[i]) != 0;
    if (n > 0)
        *last = page[n - 1].id;
    *count = n;
    mem_free(page);
    return rc < 0 ? -1 : 0;
}

static int each_enterprise(struct store *s, bool usable, int (*fn)(void *ctx, const struct enterprise *e),
                           void *ctx, struct err *e)
{
    int64_t last = 0;
    int count = 0;
    bool stop = false;

    do {
        if (each_page(s, usable, last, &last, &count, fn, ctx, &stop, e) != 0)
            return -1;
    } while (count == 1000 && !stop);
    return 0;
}

int store_enterprise_each(struct store *s, int (*fn)(void *ctx, const struct enterprise *e),
                          void *ctx, struct err *e)
{
    return each_enterprise(s, false, fn, ctx, e);
}

int store_enterprise_each_usable(struct store *s, int (*fn)(void *ctx, const struct enterprise *e),
                                 void *ctx, struct err *e)
{
    return each_enterprise(s, true, fn, ctx, e);
}
