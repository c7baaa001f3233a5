/* store_beneficiary.c: the beneficiary table (store_beneficiary.h). */
#include "store/store_beneficiary.h"

#include <stdio.h>
#include <string.h>

#include "core/row_hash.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_list.h"
#include "store/store_resolve.h"

static const char *const method_names[] = {
    [LINK_PENDING] = NULL, [LINK_UDYAM] = "udyam", [LINK_PAN] = "pan",
    [LINK_PROBABILISTIC] = "probabilistic", [LINK_NONE] = "none",
};

const char *link_method_name(enum link_method m)
{
    return (unsigned)m <= LINK_NONE ? method_names[m] : NULL;
}

enum link_method link_method_parse(const char *s)
{
    for (int m = LINK_UDYAM; m <= LINK_NONE; m++)
        if (strcmp(method_names[m], s) == 0)
            return (enum link_method)m;
    return LINK_PENDING;
}

uint64_t beneficiary_row_hash(const struct beneficiary_row *r)
{
    const char *strs[] = {r->scheme,   r->list_ref, r->beneficiary_name, r->enterprise_name,
                          r->pan,      r->udyam,    r->mobile_last4,     r->district,
                          r->pincode,  r->purpose};
    const int64_t nums[] = {r->state, r->sanctioned_on, r->disbursed_on, r->amount};

    return row_hash_fields(strs, sizeof strs / sizeof strs[0], nums, sizeof nums / sizeof nums[0]);
}

/* --- linking by identifier ------------------------------------------------ */

/* The enterprise a row's Udyam number, else PAN, names, if on file. */
static int link_by_identifier(struct store *s, const struct beneficiary_row *r,
                              struct beneficiary_put *out, int64_t *enterprise_id, struct err *e)
{
    char pan[11] = "";
    bool found = false;

    *enterprise_id = 0;
    out->method = LINK_PENDING;
    if (r->udyam[0]) {
        if (store_resolve_udyam(s, r->udyam, enterprise_id, pan, &found, e) != 0)
            return -1;
        if (found) {
            out->method = LINK_UDYAM;
            out->pan_disagrees = r->pan[0] && pan[0] && strcmp(pan, r->pan) != 0;
            return 0;
        }
        out->udyam_unknown = true;
    }
    if (r->pan[0]) {
        if (store_resolve_pan(s, r->pan, enterprise_id, &found, e) != 0)
            return -1;
        if (found) {
            out->method = LINK_PAN;
            return 0;
        }
    }
    *enterprise_id = 0;
    return 0;
}

/* --- writing -------------------------------------------------------------- */

static int find_stored(struct store *s, const struct beneficiary_row *r, struct keyed_existing *x,
                       struct err *e)
{
    static const char sql[] = "SELECT src_file, src_row, content_hash, id FROM beneficiary"
                              " WHERE scheme = $1 AND list_ref = $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    memset(x, 0, sizeof *x);
    if (st == NULL)
        return -1;
    if (bind_str(st, 1, r->scheme) || bind_str(st, 2, r->list_ref))
        return err_set(e, "cannot bind list row %s", r->list_ref);
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        x->found = true;
        x->src_file = db_column_int64(st, 0);
        x->src_row = db_column_int64(st, 1);
        x->hash = (uint64_t)db_column_int64(st, 2);
        x->id = db_column_int64(st, 3);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int bind_known(struct db_stmt *st, int idx, int64_t v)
{
    return v < 0 ? db_bind_null(st, idx) : db_bind_int64(st, idx, v);
}

static int bind_content(struct db_stmt *st, const struct beneficiary_row *r)
{
    char state[4];

    snprintf(state, sizeof state, "%02d", r->state);
    return bind_str(st, 1, r->scheme) || bind_str(st, 2, r->list_ref)
        || bind_str(st, 3, r->beneficiary_name) || db_bind_text_or_null(st, 4, r->enterprise_name)
        || db_bind_text_or_null(st, 5, r->pan) || db_bind_text_or_null(st, 6, r->udyam)
        || db_bind_text_or_null(st, 7, r->mobile_last4) || db_bind_text_or_null(st, 8, r->district)
        || (r->state > 0 ? bind_str(st, 9, state) : db_bind_null(st, 9))
        || db_bind_text_or_null(st, 10, r->pincode) || bind_day(st, 11, r->sanctioned_on)
        || bind_day(st, 12, r->disbursed_on) || bind_known(st, 13, r->amount)
        || db_bind_text_or_null(st, 14, r->purpose)
        || db_bind_int64(st, 15, (int64_t)r->content_hash) || db_bind_int64(st, 16, r->src_file)
        || db_bind_int64(st, 17, r->src_row);
}

/* A new or corrected row: every field, and its link afresh (an earlier
 * probabilistic verdict was about other content). */
static int write_row(struct store *s, const struct beneficiary_row *r, enum link_method method,
                     int64_t enterprise_id, struct err *e)
{
    static const char sql[] =
        "INSERT INTO beneficiary(scheme, list_ref, beneficiary_name, enterprise_name, pan, udyam,"
        " mobile_last4, district, state, pincode, sanctioned_on, disbursed_on, amount_paise,"
        " purpose, content_hash, src_file, src_row, enterprise_id, link_method)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
        " $18, $19)"
        " ON CONFLICT (scheme, list_ref) DO UPDATE SET"
        " beneficiary_name = excluded.beneficiary_name, enterprise_name = excluded.enterprise_name,"
        " pan = excluded.pan, udyam = excluded.udyam, mobile_last4 = excluded.mobile_last4,"
        " district = excluded.district, state = excluded.state, pincode = excluded.pincode,"
        " sanctioned_on = excluded.sanctioned_on, disbursed_on = excluded.disbursed_on,"
        " amount_paise = excluded.amount_paise, purpose = excluded.purpose,"
        " content_hash = excluded.content_hash, src_file = excluded.src_file,"
        " src_row = excluded.src_row, enterprise_id = excluded.enterprise_id,"
        " link_method = excluded.link_method, link_weight = NULL, link_probability = NULL,"
        " link_explanation = NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (bind_content(st, r) || bind_id(st, 18, enterprise_id)
        || db_bind_text_or_null(st, 19, link_method_name(method)))
        return err_set(e, "cannot bind list row %s", r->list_ref);
    return db_step(st, e) < 0 ? -1 : 0;
}

/* Identical content from another file: only the provenance moves; the
 * link made on this content stands. */
static int move_provenance(struct store *s, int64_t id, const struct beneficiary_row *r,
                           struct err *e)
{
    static const char sql[] = "UPDATE beneficiary SET src_file = $1, src_row = $2 WHERE id = $3";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, r->src_file) || db_bind_int64(st, 2, r->src_row)
        || db_bind_int64(st, 3, id))
        return err_set(e, "cannot bind list row %s", r->list_ref);
    return db_step(st, e) < 0 ? -1 : 0;
}

static int stored_method(struct store *s, int64_t id, enum link_method *m, struct err *e)
{
    static const char sql[] = "SELECT link_method FROM beneficiary WHERE id = $1";
    int rc;
    struct db_stmt *st = first_row_by_id(store_db(s), sql, id, &rc, e);

    *m = LINK_PENDING;
    if (st != NULL) {
        if (!db_column_is_null(st, 0))
            *m = link_method_parse(db_column_text(st, 0));
        db_reset(st);
    }
    return rc;
}

int store_beneficiary_put(struct store *s, const struct beneficiary_row *r,
                          struct beneficiary_put *out, struct err *e)
{
    struct keyed_existing x;
    int64_t enterprise_id;

    memset(out, 0, sizeof *out);
    if (find_stored(s, r, &x, e) != 0)
        return -1;
    out->outcome = keyed_outcome(&x, r->src_file, r->src_row, r->content_hash);
    out->other_row = x.src_row;
    switch (out->outcome) {
    case UPSERT_DUPLICATE:
    case UPSERT_CONFLICT: return 0;
    case UPSERT_UNCHANGED: return stored_method(s, x.id, &out->method, e);
    case UPSERT_REFRESHED:
        if (stored_method(s, x.id, &out->method, e) != 0)
            return -1;
        return move_provenance(s, x.id, r, e);
    default: break;
    }
    if (link_by_identifier(s, r, out, &enterprise_id, e) != 0)
        return -1;
    return write_row(s, r, out->method, enterprise_id, e);
}

/* --- the link ------------------------------------------------------------- */

int store_beneficiary_link(struct store *s, int64_t id, enum link_method method,
                           int64_t enterprise_id, double weight, double probability,
                           const char *explanation, struct err *e)
{
    static const char sql[] =
        "UPDATE beneficiary SET link_method = $1, enterprise_id = $2, link_weight = $3,"
        " link_probability = $4, link_explanation = $5 WHERE id = $6";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    bool scored = method == LINK_PROBABILISTIC;

    if (st == NULL)
        return -1;
    if (db_bind_text_or_null(st, 1, link_method_name(method)) || bind_id(st, 2, enterprise_id)
        || (scored ? db_bind_double(st, 3, weight) : db_bind_null(st, 3))
        || (scored ? db_bind_double(st, 4, probability) : db_bind_null(st, 4))
        || db_bind_text_or_null(st, 5, scored && explanation ? explanation : "")
        || db_bind_int64(st, 6, id))
        return err_set(e, "cannot bind the link of list row %lld", (long long)id);
    return db_step(st, e) < 0 ? -1 : 0;
}

int store_beneficiary_relink_identifiers(struct store *s, struct err *e)
{
    static const char by_udyam[] =
        "UPDATE beneficiary SET link_method = 'udyam', link_weight = NULL,"
        " link_probability = NULL, link_explanation = NULL,"
        " enterprise_id = (SELECT e.id FROM enterprise e WHERE e.udyam = beneficiary.udyam)"
        " WHERE enterprise_id IS NULL AND udyam IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM enterprise e WHERE e.udyam = beneficiary.udyam)";
    static const char by_pan[] =
        "UPDATE beneficiary SET link_method = 'pan', link_weight = NULL,"
        " link_probability = NULL, link_explanation = NULL,"
        " enterprise_id = (SELECT MIN(e.id) FROM enterprise e WHERE e.pan = beneficiary.pan)"
        " WHERE enterprise_id IS NULL AND pan IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM enterprise e WHERE e.pan = beneficiary.pan)";
    struct db_stmt *st;

    if ((st = db_cached(store_db(s), by_udyam, e)) == NULL || db_step(st, e) < 0)
        return -1;
    if ((st = db_cached(store_db(s), by_pan, e)) == NULL || db_step(st, e) < 0)
        return -1;
    return 0;
}

int store_beneficiary_file_linked(struct store *s, int64_t file_id, int64_t *linked,
                                  struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM beneficiary"
                              " WHERE src_file = $1 AND enterprise_id IS NOT NULL";

    return int64_by_id(store_db(s), sql, file_id, linked, e);
}

/* --- reading -------------------------------------------------------------- */

#define ROW_COLUMNS                                                                              \
    "id, scheme, list_ref, beneficiary_name, enterprise_name, pan, udyam, mobile_last4,"         \
    " district, state, pincode, sanctioned_on, disbursed_on, amount_paise, purpose,"            \
    " content_hash, src_file, src_row, enterprise_id, link_method"

static void read_row(struct db_stmt *st, struct beneficiary_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_column_int64(st, 0);
    col_text(st, 1, r->scheme, sizeof r->scheme);
    col_text(st, 2, r->list_ref, sizeof r->list_ref);
    col_text(st, 3, r->beneficiary_name, sizeof r->beneficiary_name);
    col_text(st, 4, r->enterprise_name, sizeof r->enterprise_name);
    col_text(st, 5, r->pan, sizeof r->pan);
    col_text(st, 6, r->udyam, sizeof r->udyam);
    col_text(st, 7, r->mobile_last4, sizeof r->mobile_last4);
    col_text(st, 8, r->district, sizeof r->district);
    r->state = db_column_is_null(st, 9) ? 0 : (int)db_column_int64(st, 9);
    col_text(st, 10, r->pincode, sizeof r->pincode);
    r->sanctioned_on = col_day(st, 11);
    r->disbursed_on = col_day(st, 12);
    r->amount = db_column_is_null(st, 13) ? -1 : db_column_int64(st, 13);
    col_text(st, 14, r->purpose, sizeof r->purpose);
    r->content_hash = (uint64_t)db_column_int64(st, 15);
    r->src_file = db_column_int64(st, 16);
    r->src_row = db_column_int64(st, 17);
    r->enterprise_id = col_id(st, 18);
    r->method = db_column_is_null(st, 19) ? LINK_PENDING : link_method_parse(db_column_text(st, 19));
}

/* Step st to the end, handing each row to fn; st is reset whatever happens. */
static int each_row(struct db_stmt *st, int (*fn)(void *ctx, const struct beneficiary_row *r),
                    void *ctx, struct err *e)
{
    struct beneficiary_row r;
    int rc, out = 0;

    while ((rc = db_step(st, e)) == DB_ROW) {
        read_row(st, &r);
        if (row_callback_stops(fn(ctx, &r), &out))
            break;
    }
    db_reset(st);
    if (out != 0)
        return err_set(e, "the reader of beneficiary rows failed");
    return rc < 0 ? -1 : 0;
}

int store_beneficiary_unlinked(struct store *s,
                               int (*fn)(void *ctx, const struct beneficiary_row *r), void *ctx,
                               struct err *e)
{
    /* The rows a pass links are every row no identifier links: the unlinked
     * and those an earlier pass linked by probability. The model (EM) is
     * fitted to them, so a reload fits it to the same rows and gives the
     * same verdicts; fitted to the unlinked alone it drifts. */
    static const char sql[] = "SELECT " ROW_COLUMNS " FROM beneficiary"
                              " WHERE enterprise_id IS NULL OR link_method = 'probabilistic' ORDER BY id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    return st == NULL ? -1 : each_row(st, fn, ctx, e);
}

int store_beneficiary_of_enterprise(struct store *s, int64_t enterprise_id,
                                    int (*fn)(void *ctx, const struct beneficiary_row *r),
                                    void *ctx, struct err *e)
{
    static const char sql[] = "SELECT " ROW_COLUMNS " FROM beneficiary WHERE enterprise_id = $1"
                              " ORDER BY disbursed_on DESC, sanctioned_on DESC, id";
    struct db_stmt *st = db_cached(store_db(s), sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) != 0)
        return err_set(e, "cannot bind an id");
    return each_row(st, fn, ctx, e);
}
