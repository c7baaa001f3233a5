/* feed_beneficiary.c: schemes' legacy beneficiary lists (docs/data-feeds.md
 * §8), keyed by (scheme, list_ref). Identities are dirty by nature, so the
 * person's and firm's names, the district and the identifiers are kept as
 * written: only what is malformed is refused (a PAN that is not a PAN, a
 * date that is not a date). Which enterprise a row is about is decided by
 * store_beneficiary_put (by identifier) and, after the file has loaded, by
 * the record linker (link_pass.c). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_batch.h"
#include "ingest/feed_result.h"
#include "ingest/link_pass.h"
#include "store/store_beneficiary.h"

enum beneficiary_col {
    B_SCHEME, B_REF, B_PERSON, B_FIRM, B_PAN, B_UDYAM, B_MOBILE, B_DISTRICT, B_STATE, B_PINCODE,
    B_SANCTIONED, B_DISBURSED, B_AMOUNT, B_PURPOSE, B_NCOLS
};

static const struct column_spec beneficiary_columns[B_NCOLS] = {
    [B_SCHEME] = {"scheme", true},              [B_REF] = {"list_ref", true},
    [B_PERSON] = {"beneficiary_name", true},    [B_FIRM] = {"enterprise_name", false},
    [B_PAN] = {"pan", false},                   [B_UDYAM] = {"udyam_number", false},
    [B_MOBILE] = {"mobile_last4", false},       [B_DISTRICT] = {"district", false},
    [B_STATE] = {"state_code", false},          [B_PINCODE] = {"pincode", false},
    [B_SANCTIONED] = {"sanctioned_on", false},  [B_DISBURSED] = {"disbursed_on", false},
    [B_AMOUNT] = {"amount_rs", false},          [B_PURPOSE] = {"purpose", false},
};

static const char *const purposes[] = {
    "new_unit", "machinery", "working_capital", "export", "certification", "skilling",
    "marketing", "technology", "infrastructure", NULL};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) beneficiary_columns[(c)].name

/* A scheme id as the rule files write them: lower-case letters, digits, '_'. */
static bool v_scheme_id(const char *s, char *out, size_t cap, struct row_error *why)
{
    size_t n = strlen(s);

    if (!v_required(s, NAME(B_SCHEME), why))
        return false;
    if (n >= cap || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
        return v_fail(why, R_BAD_ENUM, "scheme: '%.40s' is not a scheme id (a-z, 0-9, _)", s);
    memcpy(out, s, n + 1);
    return true;
}

static bool parse_identity(const struct refdata *ref, const int *index,
                           const struct csv_record *rec, struct beneficiary_row *b,
                           struct row_error *why)
{
    const char *mobile = F(B_MOBILE), *state = F(B_STATE);

    if (!v_scheme_id(F(B_SCHEME), b->scheme, sizeof b->scheme, why)
        || !v_required(F(B_REF), NAME(B_REF), why)
        || !v_text(F(B_REF), NAME(B_REF), b->list_ref, sizeof b->list_ref, why)
        || !v_required(F(B_PERSON), NAME(B_PERSON), why)
        || !v_text(F(B_PERSON), NAME(B_PERSON), b->beneficiary_name, sizeof b->beneficiary_name, why)
        || !v_text(F(B_FIRM), NAME(B_FIRM), b->enterprise_name, sizeof b->enterprise_name, why)
        || !v_id(ID_PAN, ref, F(B_PAN), NAME(B_PAN), false, why)
        || !v_text(F(B_PAN), NAME(B_PAN), b->pan, sizeof b->pan, why)
        || !v_id(ID_UDYAM, ref, F(B_UDYAM), NAME(B_UDYAM), false, why)
        || !v_text(F(B_UDYAM), NAME(B_UDYAM), b->udyam, sizeof b->udyam, why))
        return false;
    if (*mobile && (strlen(mobile) != 4 || strspn(mobile, "0123456789") != 4))
        return v_fail(why, R_BAD_NUMBER, "mobile_last4: '%.20s' is not four digits", mobile);
    memcpy(b->mobile_last4, mobile, strlen(mobile) + 1);
    /* The district stays as written (misspellings are the list's own and
     * the linker compares it loosely); the state and PIN must be real. */
    if (!v_text(F(B_DISTRICT), NAME(B_DISTRICT), b->district, sizeof b->district, why)
        || (*state && !v_state(ref, state, NAME(B_STATE), &b->state, why))
        || !v_pincode(F(B_PINCODE), NAME(B_PINCODE), b->pincode, why))
        return false;
    return true;
}

static bool parse_benefit(int32_t today, const int *index, const struct csv_record *rec,
                          struct beneficiary_row *b, struct row_error *why)
{
    int purpose;
    char d[DATE_STR_LEN];

    if (!v_date(F(B_SANCTIONED), NAME(B_SANCTIONED), false, &b->sanctioned_on, why)
        || !v_date(F(B_DISBURSED), NAME(B_DISBURSED), false, &b->disbursed_on, why)
        || !v_amount(F(B_AMOUNT), NAME(B_AMOUNT), false, &b->amount, why)
        || !v_word(F(B_PURPOSE), NAME(B_PURPOSE), purposes, false, &purpose, why))
        return false;
    snprintf(b->purpose, sizeof b->purpose, "%s", purpose >= 0 ? purposes[purpose] : "");
    if (b->sanctioned_on != DATE_UNKNOWN && b->disbursed_on != DATE_UNKNOWN
        && b->disbursed_on < b->sanctioned_on)
        return v_fail(why, R_DATE_ORDER, "disbursed_on: %s is before sanctioned_on %s",
                      F(B_DISBURSED), F(B_SANCTIONED));
    if (b->disbursed_on != DATE_UNKNOWN && b->disbursed_on > today) {
        date_format(today, d);
        return v_fail(why, R_DATE_ORDER, "disbursed_on: %s is after today (%s)", F(B_DISBURSED), d);
    }
    return true;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    struct beneficiary_row *b = payload;

    (void)warning_cap;
    warning[0] = '\0';
    memset(b, 0, sizeof *b);
    if (!parse_identity(ctx->ref, ctx->index, rec, b, why)
        || !parse_benefit(ctx->today, ctx->index, rec, b, why))
        return false;
    b->content_hash = beneficiary_row_hash(b);
    return true;
}

static void result_of(const struct beneficiary_row *b, const struct beneficiary_put *out,
                      struct feed_store_result *r)
{
    char key[120];

    snprintf(key, sizeof key, "%.32s list_ref %.64s", b->scheme, b->list_ref);
    feed_result_from_upsert(r, out->outcome, out->other_row, key);
    if (r->outcome == FEED_QUARANTINE)
        return;
    r->linked = out->method == LINK_UDYAM || out->method == LINK_PAN;
    /* Not refused: the list may be right and our copy of Udyam behind, or
     * the number mistyped; the linker still tries the names. */
    if (out->udyam_unknown)
        snprintf(r->msg, sizeof r->msg, "udyam_number %s is not an enterprise on file%s",
                 b->udyam, out->method == LINK_PAN ? "; linked by PAN" : "");
    else if (out->pan_disagrees)
        snprintf(r->msg, sizeof r->msg, "pan %s is not the PAN of %s on file; linked by the "
                 "Udyam number", b->pan, b->udyam);
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct beneficiary_row *b = payload;
    struct beneficiary_put out;

    b->src_file = file_id;
    b->src_row = row_no;
    if (store_beneficiary_put(s, b, &out, e) != 0)
        return -1;
    result_of(b, &out, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct beneficiary_put *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct beneficiary_row), skip, n,
                             offsetof(struct beneficiary_row, src_file),
                             offsetof(struct beneficiary_row, src_row), file_id, row_no, e) != 0)
        return -1;
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_beneficiary_put_batch(s, (const struct beneficiary_row *const *)v.rows, v.n, out, e)
             == 0) {
        for (size_t j = 0; j < v.n; j++)
            result_of(v.rows[j], &out[j], &r[v.at[j]]);
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_beneficiary = {
    .name = "beneficiary",
    .columns = beneficiary_columns,
    .n_columns = B_NCOLS,
    .payload_size = sizeof(struct beneficiary_row),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
    .finish = link_pass_beneficiary,
};
