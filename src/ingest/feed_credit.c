/* feed_credit.c: the credit feed (docs/data-feeds.md §3): one row per
 * facility per month, keyed by (facility_id, month), attached to the
 * borrower on file (store_credit.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_batch.h"
#include "ingest/feed_result.h"
#include "store/store_credit.h"

enum credit_col {
    C_IFSC, C_FACILITY, C_PAN, C_UDYAM, C_TYPE, C_SCHEME, C_SANCTIONED_ON, C_SANCTIONED, C_MONTH,
    C_OUTSTANDING, C_DPD, C_CLASS, C_NCOLS
};

static const struct column_spec credit_columns[C_NCOLS] = {
    [C_IFSC] = {"lender_ifsc", true},           [C_FACILITY] = {"facility_id", true},
    [C_PAN] = {"borrower_pan", false},          [C_UDYAM] = {"borrower_udyam", false},
    [C_TYPE] = {"facility_type", true},         [C_SCHEME] = {"scheme", false},
    [C_SANCTIONED_ON] = {"sanctioned_on", true}, [C_SANCTIONED] = {"sanctioned_rs", true},
    [C_MONTH] = {"month", true},                [C_OUTSTANDING] = {"outstanding_rs", true},
    [C_DPD] = {"dpd", true},                    [C_CLASS] = {"asset_class", true},
};

static const char *const facility_types[] = {"term_loan", "cash_credit", "overdraft", NULL};
/* In bucket order: asset_classes[credit_bucket(dpd)]. */
static const char *const asset_classes[] = {"STD", "SMA0", "SMA1", "SMA2", "NPA", NULL};
enum { CLASS_NPA = 4 };

#define F(c) columns_get(rec, index, (c))
#define NAME(c) credit_columns[(c)].name

/* The RBI buckets by days past due: 0 standard, 1-30 SMA-0, 31-60 SMA-1,
 * 61-90 SMA-2, over 90 NPA. */
static int credit_bucket(int64_t dpd)
{
    return dpd <= 0 ? 0 : dpd <= 30 ? 1 : dpd <= 60 ? 2 : dpd <= 90 ? 3 : CLASS_NPA;
}

static bool parse_parties(const struct refdata *ref, const int *index, const struct csv_record *rec,
                          struct credit_row *c, struct row_error *why)
{
    if (!v_id(ID_IFSC, ref, F(C_IFSC), NAME(C_IFSC), true, why)
        || !v_text(F(C_IFSC), NAME(C_IFSC), c->lender_ifsc, sizeof c->lender_ifsc, why)
        || !v_required(F(C_FACILITY), NAME(C_FACILITY), why)
        || !v_text(F(C_FACILITY), NAME(C_FACILITY), c->facility_id, sizeof c->facility_id, why)
        || !v_id(ID_PAN, ref, F(C_PAN), NAME(C_PAN), false, why)
        || !v_text(F(C_PAN), NAME(C_PAN), c->borrower_pan, sizeof c->borrower_pan, why)
        || !v_id(ID_UDYAM, ref, F(C_UDYAM), NAME(C_UDYAM), false, why)
        || !v_text(F(C_UDYAM), NAME(C_UDYAM), c->borrower_udyam, sizeof c->borrower_udyam, why))
        return false;
    if (c->borrower_pan[0] == '\0' && c->borrower_udyam[0] == '\0')
        return v_fail(why, R_MISSING_FIELD, "borrower_pan, borrower_udyam: one of them is required");
    return true;
}

static bool parse_terms(int32_t today, const int *index, const struct csv_record *rec,
                        struct credit_row *c, struct row_error *why)
{
    int type, month;
    char d[DATE_STR_LEN];

    if (!v_word(F(C_TYPE), NAME(C_TYPE), facility_types, true, &type, why)
        || !v_text(F(C_SCHEME), NAME(C_SCHEME), c->scheme, sizeof c->scheme, why)
        || !v_date(F(C_SANCTIONED_ON), NAME(C_SANCTIONED_ON), true, &c->sanctioned_on, why)
        || !v_amount(F(C_SANCTIONED), NAME(C_SANCTIONED), true, &c->sanctioned, why)
        || !v_month(F(C_MONTH), NAME(C_MONTH), true, &month, why))
        return false;
    snprintf(c->facility_type, sizeof c->facility_type, "%s", facility_types[type]);
    memcpy(c->month, F(C_MONTH), 8);
    if (c->sanctioned_on > today) {
        date_format(today, d);
        return v_fail(why, R_DATE_ORDER, "sanctioned_on: %s is after today (%s)",
                      F(C_SANCTIONED_ON), d);
    }
    if (c->sanctioned_on > date_month_last(month))
        return v_fail(why, R_DATE_ORDER, "month: %s is before the facility was sanctioned (%s)",
                      c->month, F(C_SANCTIONED_ON));
    if (date_month_first(month) > today)
        return v_fail(why, R_DATE_ORDER, "month: %s has not begun", c->month);
    return true;
}

/* A class that contradicts the days past due is quarantined (bad_enum):
 * one of the two is wrong and nothing tells which. An NPA with 90 days or
 * fewer is accepted: an NPA stays one until all arrears are paid (RBI
 * IRACP norms), so it may show fewer days past due after a part payment. */
static bool parse_status(const int *index, const struct csv_record *rec, struct credit_row *c,
                         struct row_error *why)
{
    int cls, bucket;

    if (!v_amount(F(C_OUTSTANDING), NAME(C_OUTSTANDING), true, &c->outstanding, why)
        || !v_count(F(C_DPD), NAME(C_DPD), true, &c->dpd, why)
        || !v_word(F(C_CLASS), NAME(C_CLASS), asset_classes, true, &cls, why))
        return false;
    bucket = credit_bucket(c->dpd);
    if (cls != bucket && cls != CLASS_NPA)
        return v_fail(why, R_BAD_ENUM, "asset_class: %s, but %lld days past due is %s",
                      asset_classes[cls], (long long)c->dpd, asset_classes[bucket]);
    snprintf(c->asset_class, sizeof c->asset_class, "%s", asset_classes[cls]);
    return true;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct credit_row c;

    (void)warning_cap;
    warning[0] = '\0';
    memset(&c, 0, sizeof c);
    if (!parse_parties(ctx->ref, index, rec, &c, why) || !parse_terms(ctx->today, index, rec, &c, why)
        || !parse_status(index, rec, &c, why))
        return false;
    c.content_hash = credit_row_hash(&c);
    memcpy(payload, &c, sizeof c);
    return true;
}

static void result_of(const struct credit_row *c, const struct credit_put_result *o,
                      struct feed_store_result *r)
{
    struct credit_put_result out = *o;
    char key[96];

    if (out.unknown_borrower) {
        r->outcome = FEED_QUARANTINE;
        r->reason = R_UNKNOWN_REFERENCE;
        snprintf(r->msg, sizeof r->msg, "%s %s is not an enterprise on file",
                 c->borrower_udyam[0] ? "borrower_udyam" : "borrower_pan",
                 c->borrower_udyam[0] ? c->borrower_udyam : c->borrower_pan);
        return;
    }
    snprintf(key, sizeof key, "facility_id %.60s, month %s", c->facility_id, c->month);
    feed_result_from_upsert(r, out.outcome, out.other_row, key);
    if (r->outcome == FEED_QUARANTINE)
        return;
    r->linked = true;
    if (out.pan_disagrees)
        snprintf(r->msg, sizeof r->msg,
                 "borrower_pan %.5s***** is not the PAN on file for %s; the Udyam number was used",
                 c->borrower_pan, c->borrower_udyam);
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct credit_row *c = payload;
    struct credit_put_result out;

    c->src_file = file_id;
    c->src_row = row_no;
    if (store_credit_put(s, c, &out, e) != 0)
        return -1;
    result_of(c, &out, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct credit_put_result *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct credit_row), skip, n, offsetof(struct credit_row, src_file),
                             offsetof(struct credit_row, src_row), file_id, row_no, e) != 0)
        return -1;
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_credit_put_batch(s, (const struct credit_row *const *)v.rows, v.n, out, e) == 0) {
        for (size_t j = 0; j < v.n; j++)
            result_of(v.rows[j], &out[j], &r[v.at[j]]);
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_credit = {
    .name = "credit",
    .columns = credit_columns,
    .n_columns = C_NCOLS,
    .payload_size = sizeof(struct credit_row),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
};
