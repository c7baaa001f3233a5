/* feed_epfo.c: EPFO's monthly Electronic Challan-cum-Return (ECR), one row
 * per establishment and wage month (docs/data-feeds.md §10), keyed by
 * (establishment_code, wage_month). It gives the impact estimator an
 * employment panel (docs/impact.md §5): members contributing per month.
 * Linked to the enterprise by PAN, else by the GSTIN when that is on
 * file (store_resolve.h); an establishment with neither on file is
 * unknown_reference (load udyam first, as for energy). */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/row_hash.h"
#include "ingest/feed.h"
#include "ingest/feed_batch.h"
#include "ingest/feed_result.h"
#include "store/store_epfo.h"
#include "store/store_resolve.h"

enum epfo_col { P_CODE, P_PAN, P_GSTIN, P_MONTH, P_MEMBERS, P_WAGES, P_NCOLS };

static const struct column_spec epfo_columns[P_NCOLS] = {
    [P_CODE] = {"establishment_code", true}, [P_PAN] = {"pan", true},
    [P_GSTIN] = {"gstin", false},            [P_MONTH] = {"wage_month", true},
    [P_MEMBERS] = {"members", true},         [P_WAGES] = {"total_wages_rs", true},
};

/* More members than the largest employers in India have: a typo. */
#define MAX_MEMBERS 10000000

#define F(c) columns_get(rec, index, (c))
#define NAME(c) epfo_columns[(c)].name

/* EPFO establishment code: 2 letters of the region, 3 of the office, a
 * 7-digit establishment number and a 3-digit extension (000 for the
 * main establishment), 15 characters. */
static bool establishment_code(const char *s)
{
    if (strlen(s) != 15)
        return false;
    for (int i = 0; i < 15; i++)
        if (i < 5 ? !(s[i] >= 'A' && s[i] <= 'Z') : !isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static bool parse_ids(const struct feed_parse_ctx *ctx, const int *index, const struct csv_record *rec,
                      struct epfo_feed_row *r, struct row_error *why)
{
    if (!v_required(F(P_CODE), NAME(P_CODE), why))
        return false;
    if (!establishment_code(F(P_CODE)))
        return v_fail(why, R_BAD_ENUM,
                      "establishment_code: '%.20s' is not an EPFO code (5 letters, 10 digits)", F(P_CODE));
    memcpy(r->establishment, F(P_CODE), 16);
    if (!v_id(ID_PAN, ctx->ref, F(P_PAN), NAME(P_PAN), true, why)
        || !v_text(F(P_PAN), NAME(P_PAN), r->pan, sizeof r->pan, why)
        || !v_id(ID_GSTIN, ctx->ref, F(P_GSTIN), NAME(P_GSTIN), false, why)
        || !v_text(F(P_GSTIN), NAME(P_GSTIN), r->gstin, sizeof r->gstin, why))
        return false;
    /* A GSTIN embeds its holder's PAN (characters 3-12). */
    if (r->gstin[0] && memcmp(r->gstin + 2, r->pan, 10) != 0)
        return v_fail(why, R_GSTIN_PAN_MISMATCH, "gstin: %s carries PAN %.10s, the row's PAN is '%s'",
                      r->gstin, r->gstin + 2, r->pan);
    return true;
}

/* The ECR of a wage month is filed by the 15th of the next month: a month
 * after today's cannot be on file. */
static bool parse_month(int32_t today, const int *index, const struct csv_record *rec,
                        struct epfo_feed_row *r, struct row_error *why)
{
    int month;

    if (!v_month(F(P_MONTH), NAME(P_MONTH), true, &month, why))
        return false;
    if (month > date_month_index(today))
        return v_fail(why, R_DATE_ORDER, "wage_month: %s is in the future", F(P_MONTH));
    memcpy(r->wage_month, F(P_MONTH), 8);
    return true;
}

static bool parse_counts(const int *index, const struct csv_record *rec, struct epfo_feed_row *r,
                         struct row_error *why)
{
    if (!v_count(F(P_MEMBERS), NAME(P_MEMBERS), true, &r->members, why)
        || !v_amount(F(P_WAGES), NAME(P_WAGES), true, &r->wages_paise, why))
        return false;
    if (r->members > MAX_MEMBERS)
        return v_fail(why, R_BAD_NUMBER, "members: %s is more than %d", F(P_MEMBERS), MAX_MEMBERS);
    /* Wages are paid to members: wages with nobody contributing is an error. */
    if (r->members == 0 && r->wages_paise > 0)
        return v_fail(why, R_BAD_AMOUNT, "total_wages_rs: %s paid with no member contributing", F(P_WAGES));
    return true;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct epfo_feed_row r;
    uint64_t h;

    (void)warning_cap;
    warning[0] = '\0';
    memset(&r, 0, sizeof r);
    if (!parse_ids(ctx, index, rec, &r, why) || !parse_month(ctx->today, index, rec, &r, why)
        || !parse_counts(index, rec, &r, why))
        return false;
    h = row_hash_str(ROW_HASH_INIT, r.establishment);
    h = row_hash_str(h, r.wage_month);
    h = row_hash_str(h, r.pan);
    h = row_hash_str(h, r.gstin);
    h = row_hash_i64(h, r.members);
    r.content_hash = row_hash_i64(h, r.wages_paise);
    memcpy(payload, &r, sizeof r);
    return true;
}

static void unknown_reference(const struct epfo_feed_row *x, struct feed_store_result *r)
{
    r->outcome = FEED_QUARANTINE;
    r->reason = R_UNKNOWN_REFERENCE;
    if (x->gstin[0])
        snprintf(r->msg, sizeof r->msg, "pan %s and gstin %s are not an enterprise's on file", x->pan,
                 x->gstin);
    else
        snprintf(r->msg, sizeof r->msg, "pan %s is not an enterprise on file", x->pan);
}

static void result_of(const struct epfo_feed_row *x, const struct upsert_result *u,
                      struct feed_store_result *r)
{
    char key[64];

    snprintf(key, sizeof key, "establishment_code %s, %s", x->establishment, x->wage_month);
    feed_result_from_upsert(r, u->outcome, u->other_row, key);
    r->linked = r->outcome != FEED_QUARANTINE;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct epfo_feed_row *x = payload;
    struct upsert_result u;
    int64_t id = 0;
    bool found = false;

    x->src_file = file_id;
    x->src_row = row_no;
    if (store_resolve_pan(s, x->pan, &id, &found, e) != 0)
        return -1;
    if (!found && x->gstin[0] && store_resolve_gstin(s, x->gstin, &id, &found, e) != 0)
        return -1;
    if (!found) {
        unknown_reference(x, r);
        return 0;
    }
    if (store_epfo_upsert(s, id, x, &u, e) != 0)
        return -1;
    result_of(x, &u, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct epfo_put_result *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct epfo_feed_row), skip, n,
                             offsetof(struct epfo_feed_row, src_file), offsetof(struct epfo_feed_row, src_row),
                             file_id, row_no, e) != 0)
        return -1;
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_epfo_put_batch(s, (const struct epfo_feed_row *const *)v.rows, v.n, out, e) == 0) {
        for (size_t j = 0; j < v.n; j++) {
            const struct epfo_feed_row *x = v.rows[j];
            if (out[j].unknown_reference)
                unknown_reference(x, &r[v.at[j]]);
            else
                result_of(x, &out[j].u, &r[v.at[j]]);
        }
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_epfo = {
    .name = "epfo",
    .columns = epfo_columns,
    .n_columns = P_NCOLS,
    .payload_size = sizeof(struct epfo_feed_row),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
};
