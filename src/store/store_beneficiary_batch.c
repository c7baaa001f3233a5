/* store_beneficiary_batch.c: a batch of scheme beneficiary-list rows
 * written through COPY (store_beneficiary.h), the four steps of
 * store_stage.h. One SELECT reads, per row, what is stored under (scheme,
 * list_ref) with its link, the first position of the batch with that key,
 * the enterprise its Udyam number names (with that enterprise's PAN) and
 * the one its PAN names; C decides every row as store_beneficiary_put
 * decides it row by row. New and corrected rows are written whole with
 * their link afresh; a refreshed row (identical content from another
 * file) moves only its provenance, so the link made on that content,
 * probabilistic verdict included, stands. */
#include "store/store_beneficiary.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_keyed.h"
#include "store/store_stage.h"

static const char stage_ddl[] =
    "CREATE TEMP TABLE IF NOT EXISTS beneficiary_stage (i BIGINT PRIMARY KEY, scheme TEXT,"
    " list_ref TEXT, beneficiary_name TEXT, enterprise_name TEXT, pan TEXT, udyam TEXT,"
    " mobile_last4 TEXT, district TEXT, state TEXT, pincode TEXT, sanctioned_on TEXT,"
    " disbursed_on TEXT, amount_paise BIGINT, purpose TEXT, content_hash BIGINT, src_file BIGINT,"
    " src_row BIGINT) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS beneficiary_stage_write (i BIGINT PRIMARY KEY,"
    " enterprise_id BIGINT, link_method TEXT, refresh INTEGER) ON COMMIT DELETE ROWS";

static const char copy_stage[] =
    "COPY beneficiary_stage (i, scheme, list_ref, beneficiary_name, enterprise_name, pan, udyam,"
    " mobile_last4, district, state, pincode, sanctioned_on, disbursed_on, amount_paise, purpose,"
    " content_hash, src_file, src_row) FROM STDIN";

static const char read_stage[] =
    "SELECT s.i, k.src_file, k.src_row, k.content_hash, k.link_method,"
    " MIN(s.i) OVER (PARTITION BY s.scheme, s.list_ref), eu.id, eu.pan, ep.id"
    " FROM beneficiary_stage s"
    " LEFT JOIN beneficiary k ON k.scheme = s.scheme AND k.list_ref = s.list_ref"
    " LEFT JOIN enterprise eu ON eu.udyam = s.udyam"
    " LEFT JOIN enterprise ep ON ep.pan = s.pan"
    " ORDER BY s.i";

static const char copy_write[] =
    "COPY beneficiary_stage_write (i, enterprise_id, link_method, refresh) FROM STDIN";

/* In file order, so new rows take their ids in file order as row by row:
 * the record linker reads the rows it places in id order. */
static const char write_rows[] =
    "INSERT INTO beneficiary(scheme, list_ref, beneficiary_name, enterprise_name, pan, udyam,"
    " mobile_last4, district, state, pincode, sanctioned_on, disbursed_on, amount_paise,"
    " purpose, content_hash, src_file, src_row, enterprise_id, link_method)"
    " SELECT s.scheme, s.list_ref, s.beneficiary_name, s.enterprise_name, s.pan, s.udyam,"
    " s.mobile_last4, s.district, s.state, s.pincode, s.sanctioned_on, s.disbursed_on,"
    " s.amount_paise, s.purpose, s.content_hash, s.src_file, s.src_row, w.enterprise_id,"
    " w.link_method"
    " FROM beneficiary_stage s JOIN beneficiary_stage_write w ON w.i = s.i WHERE w.refresh = 0"
    " ORDER BY s.i"
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

static const char refresh_rows[] =
    "UPDATE beneficiary SET src_file = s.src_file, src_row = s.src_row"
    " FROM beneficiary_stage s JOIN beneficiary_stage_write w ON w.i = s.i"
    " WHERE w.refresh = 1 AND beneficiary.scheme = s.scheme AND beneficiary.list_ref = s.list_ref";

struct staged {
    struct keyed_existing stored;
    enum link_method stored_method;   /* the stored row's link, LINK_PENDING when none */
    size_t first;                     /* first position of the batch with this key */
    size_t latest;                    /* at a key's first position: its latest row written, KEYED_NONE */
    int64_t by_udyam;                 /* 0: no Udyam number given, or not on file */
    char pan_of_udyam[11];            /* that enterprise's PAN, "" none */
    int64_t by_pan;                   /* 0: no PAN given, or not an enterprise's */
    int64_t enterprise;               /* what a write links the row to, 0 none */
};

static const char *text_or_null(const char *s)
{
    return s[0] ? s : NULL;
}

static const char *day_or_null(int32_t day, char out[DATE_STR_LEN])
{
    if (day == DATE_UNKNOWN)
        return NULL;
    date_format(day, out);
    return out;
}

static int fill_stage(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct beneficiary_row *r = ((const struct beneficiary_row *const *)ctx)[i];
    const char **f = row->f;

    (void)e;
    f[0] = stage_num(row, 0, (int64_t)i);
    f[1] = r->scheme;
    f[2] = r->list_ref;
    f[3] = r->beneficiary_name;
    f[4] = text_or_null(r->enterprise_name);
    f[5] = text_or_null(r->pan);
    f[6] = text_or_null(r->udyam);
    f[7] = text_or_null(r->mobile_last4);
    f[8] = text_or_null(r->district);
    f[9] = NULL;
    if (r->state > 0) {
        snprintf(row->num[9], sizeof row->num[9], "%02d", r->state);
        f[9] = row->num[9];
    }
    f[10] = text_or_null(r->pincode);
    f[11] = day_or_null(r->sanctioned_on, row->date[0]);
    f[12] = day_or_null(r->disbursed_on, row->date[1]);
    f[13] = r->amount < 0 ? NULL : stage_num(row, 13, r->amount);
    f[14] = text_or_null(r->purpose);
    f[15] = stage_num(row, 15, (int64_t)r->content_hash);
    f[16] = stage_num(row, 16, r->src_file);
    f[17] = stage_num(row, 17, r->src_row);
    return 0;
}

static void read_staged(struct db_stmt *q, void *row)
{
    struct staged *x = row;

    keyed_columns(q, 1, &x->stored);
    x->stored_method = db_column_is_null(q, 4) ? LINK_PENDING : link_method_parse(db_column_text(q, 4));
    x->first = (size_t)db_column_int64(q, 5);
    x->latest = KEYED_NONE;
    x->by_udyam = db_column_int64(q, 6);
    snprintf(x->pan_of_udyam, sizeof x->pan_of_udyam, "%s", db_column_text(q, 7));
    x->by_pan = db_column_int64(q, 8);
}

/* A new or corrected row's link, as link_by_identifier makes it row by
 * row: the Udyam number's enterprise, else the PAN's, else none yet. */
static void link_by_identifier(const struct beneficiary_row *r, struct staged *x,
                               struct beneficiary_put *o)
{
    o->method = LINK_PENDING;
    x->enterprise = 0;
    if (r->udyam[0]) {
        if (x->by_udyam > 0) {
            o->method = LINK_UDYAM;
            x->enterprise = x->by_udyam;
            o->pan_disagrees = r->pan[0] && x->pan_of_udyam[0] && strcmp(x->pan_of_udyam, r->pan) != 0;
            return;
        }
        o->udyam_unknown = true;
    }
    if (r->pan[0] && x->by_pan > 0) {
        o->method = LINK_PAN;
        x->enterprise = x->by_pan;
    }
}

/* Row i as store_beneficiary_put decides it. Rows of one file meet an
 * earlier row of the batch only as a duplicate or a conflict, so an
 * unchanged or refreshed row always met the stored one, whose link it keeps. */
static int decide(struct stage_pass *p, size_t i, struct err *e)
{
    const struct beneficiary_row *const *rows = p->rows;
    struct staged *st = p->staged;
    struct beneficiary_put *o = &((struct beneficiary_put *)p->out)[i];
    const struct beneficiary_row *r = rows[i];
    size_t *latest = &st[st[i].first].latest;
    struct keyed_existing met = st[i].stored;

    (void)e;
    memset(o, 0, sizeof *o);
    if (*latest != KEYED_NONE)
        keyed_meet_earlier(&met, rows[*latest]->src_file, rows[*latest]->src_row,
                           rows[*latest]->content_hash);
    o->outcome = keyed_outcome(&met, r->src_file, r->src_row, r->content_hash);
    o->other_row = met.src_row;
    switch (o->outcome) {
    case UPSERT_DUPLICATE:
    case UPSERT_CONFLICT: return 0;
    case UPSERT_UNCHANGED: o->method = st[i].stored_method; return 0;
    case UPSERT_REFRESHED: o->method = st[i].stored_method; break;
    default: link_by_identifier(r, &st[i], o); break;
    }
    *latest = i;
    return 0;
}

static int fill_write(const void *ctx, size_t i, struct stage_row *row, struct err *e)
{
    const struct stage_pass *p = ctx;
    const struct beneficiary_put *o = &((const struct beneficiary_put *)p->out)[i];
    const struct staged *x = &((const struct staged *)p->staged)[i];
    bool refresh = o->outcome == UPSERT_REFRESHED;

    (void)e;
    if (!keyed_writes(o->outcome))
        return 1;
    row->f[0] = stage_num(row, 0, (int64_t)i);
    row->f[1] = !refresh && x->enterprise > 0 ? stage_num(row, 1, x->enterprise) : NULL;
    row->f[2] = refresh ? NULL : link_method_name(o->method);
    row->f[3] = refresh ? "1" : "0";
    return 0;
}

static const struct stage_batch beneficiary_batch = {
    .name = "beneficiary",
    .ddl = stage_ddl,
    .copy_stage = copy_stage,
    .stage_fields = 18,
    .fill_stage = fill_stage,
    .read_stage = read_stage,
    .staged_size = sizeof(struct staged),
    .read_staged = read_staged,
    .decide = decide,
    .copy_write = copy_write,
    .write_fields = 4,
    .fill_write = fill_write,
    .writes = {write_rows, refresh_rows},
};

int store_beneficiary_put_batch(struct store *s, const struct beneficiary_row *const *rows, size_t n,
                                struct beneficiary_put *out, struct err *e)
{
    struct stage_pass p = {rows, NULL, out, NULL};

    return store_stage_batch(store_db(s), &beneficiary_batch, &p, n, e);
}
