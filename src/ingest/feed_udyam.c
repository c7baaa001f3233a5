#include "ingest/feed_udyam.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/ident.h"
#include "ingest/feed_batch.h"
#include "ingest/feed_result.h"

const struct column_spec udyam_columns[U_NCOLS] = {
    [U_UDYAM] = {"udyam_number", true},      [U_NAME] = {"enterprise_name", true},
    [U_OWNER] = {"owner_name", false},       [U_PAN] = {"pan", false},
    [U_GSTINS] = {"gstins", false},          [U_CONSTITUTION] = {"constitution", true},
    [U_CATEGORY] = {"social_category", true}, [U_GENDER] = {"owner_gender", true},
    [U_DISABLED] = {"owner_disabled", false}, [U_COMMENCED] = {"commenced_on", true},
    [U_REGISTERED] = {"registered_on", true}, [U_ACTIVITY] = {"activity", true},
    [U_NIC] = {"nic_code", true},            [U_STATE] = {"state_code", true},
    [U_DISTRICT] = {"district", true},       [U_PINCODE] = {"pincode", false},
    [U_AREA] = {"area", true},               [U_INVESTMENT] = {"investment_rs", true},
    [U_TURNOVER] = {"turnover_rs", true},    [U_EXPORTS] = {"exports_rs", false},
    [U_EMP_MALE] = {"employees_male", false}, [U_EMP_FEMALE] = {"employees_female", false},
    [U_EMP_OTHER] = {"employees_other", false},
};

/* Udyam registration opened with S.O. 2119(E), in force 1 July 2020. */
#define UDYAM_START_Y 2020
#define UDYAM_START_M 7

#define F(c) columns_get(rec, index, (c))
#define NAME(c) udyam_columns[(c)].name

static int cmp_gstin(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* GSTINs are separated by ';'; each must be valid and carry the row's PAN. */
static bool parse_gstins(const struct refdata *ref, const char *list, struct enterprise *e,
                         struct row_error *why)
{
    const char *p = list;

    e->n_gstins = 0;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        char one[64];
        if (n == 0 || n >= sizeof one)
            return v_fail(why, R_GSTIN_INVALID, "gstins: " "'%.40s' is not a list of GSTINs", list);
        memcpy(one, p, n);
        one[n] = '\0';
        if (!v_id(ID_GSTIN, ref, one, NAME(U_GSTINS), true, why))
            return false;
        if (e->pan[0] == '\0' || memcmp(one + 2, e->pan, 10) != 0)
            return v_fail(why, R_GSTIN_PAN_MISMATCH, "gstins: %s carries PAN %.10s, the row's PAN is '%s'",
                          one, one + 2, e->pan);
        if (e->n_gstins == ENTERPRISE_MAX_GSTINS)
            return v_fail(why, R_FIELD_TOO_LONG, "gstins: more than %d", ENTERPRISE_MAX_GSTINS);
        memcpy(e->gstins[e->n_gstins++], one, 16);
        p += n + (semi != NULL);
    }
    /* Order does not matter to the data, so it must not change the hash. */
    qsort(e->gstins, (size_t)e->n_gstins, sizeof e->gstins[0], cmp_gstin);
    return true;
}

static bool parse_identity(const struct refdata *ref, const int *index, const struct csv_record *rec,
                           struct enterprise *e, struct row_error *why)
{
    return v_id(ID_UDYAM, ref, F(U_UDYAM), NAME(U_UDYAM), true, why)
           && v_text(F(U_UDYAM), NAME(U_UDYAM), e->udyam, sizeof e->udyam, why)
           && v_required(F(U_NAME), NAME(U_NAME), why)
           && v_text(F(U_NAME), NAME(U_NAME), e->name, sizeof e->name, why)
           && v_text(F(U_OWNER), NAME(U_OWNER), e->owner_name, sizeof e->owner_name, why)
           && v_id(ID_PAN, ref, F(U_PAN), NAME(U_PAN), false, why)
           && v_text(F(U_PAN), NAME(U_PAN), e->pan, sizeof e->pan, why)
           && parse_gstins(ref, F(U_GSTINS), e, why);
}

static bool parse_categories(const int *index, const struct csv_record *rec, struct enterprise *e,
                             struct row_error *why)
{
    return v_enum(F(U_CONSTITUTION), NAME(U_CONSTITUTION), PF_CONSTITUTION, true, &e->constitution, why)
           && v_enum(F(U_CATEGORY), NAME(U_CATEGORY), PF_OWNER_CATEGORY, true, &e->social_category, why)
           && v_enum(F(U_GENDER), NAME(U_GENDER), PF_OWNER_GENDER, true, &e->owner_gender, why)
           && v_yes_no(F(U_DISABLED), NAME(U_DISABLED), &e->owner_disabled, why)
           && v_enum(F(U_ACTIVITY), NAME(U_ACTIVITY), PF_ACTIVITY, true, &e->activity, why)
           && v_enum(F(U_AREA), NAME(U_AREA), PF_AREA, true, &e->area, why);
}

static bool parse_dates(int32_t today, const int *index, const struct csv_record *rec,
                        struct enterprise *e, struct row_error *why)
{
    int32_t start;
    char d[DATE_STR_LEN];

    if (!v_date(F(U_COMMENCED), NAME(U_COMMENCED), true, &e->commenced_on, why)
        || !v_date(F(U_REGISTERED), NAME(U_REGISTERED), true, &e->registered_on, why))
        return false;
    date_from_ymd(UDYAM_START_Y, UDYAM_START_M, 1, &start);
    if (e->registered_on < start)
        return v_fail(why, R_DATE_ORDER, "registered_on: %s is before Udyam registration began (2020-07-01)",
                      F(U_REGISTERED));
    if (e->registered_on > today) {
        date_format(today, d);
        return v_fail(why, R_DATE_ORDER, "registered_on: %s is after today (%s)", F(U_REGISTERED), d);
    }
    if (e->commenced_on > e->registered_on)
        return v_fail(why, R_DATE_ORDER, "commenced_on: %s is after registered_on %s", F(U_COMMENCED),
                      F(U_REGISTERED));
    return true;
}

static bool parse_place(const struct refdata *ref, const int *index, const struct csv_record *rec,
                        struct enterprise *e, struct row_error *why)
{
    if (!v_nic(ref, F(U_NIC), NAME(U_NIC), e->nic, why)
        || !v_state(ref, F(U_STATE), NAME(U_STATE), &e->state, why)
        || !v_district(ref, e->state, F(U_DISTRICT), NAME(U_DISTRICT), e->district,
                       sizeof e->district, why))
        return false;
    return v_pincode(F(U_PINCODE), NAME(U_PINCODE), e->pincode, why);
}

static bool parse_figures(const int *index, const struct csv_record *rec, struct enterprise *e,
                          struct row_error *why)
{
    if (!v_amount(F(U_INVESTMENT), NAME(U_INVESTMENT), true, &e->investment, why)
        || !v_amount(F(U_TURNOVER), NAME(U_TURNOVER), true, &e->turnover, why)
        || !v_amount(F(U_EXPORTS), NAME(U_EXPORTS), false, &e->exports, why))
        return false;
    if (e->exports > e->turnover)
        return v_fail(why, R_BAD_AMOUNT, "exports_rs: %s exceeds turnover_rs %s (turnover includes exports)",
                      F(U_EXPORTS), F(U_TURNOVER));
    return v_count(F(U_EMP_MALE), NAME(U_EMP_MALE), false, &e->employees_male, why)
           && v_count(F(U_EMP_FEMALE), NAME(U_EMP_FEMALE), false, &e->employees_female, why)
           && v_count(F(U_EMP_OTHER), NAME(U_EMP_OTHER), false, &e->employees_other, why);
}

static void check_state_letters(const struct refdata *ref, const struct enterprise *e, char *warning,
                                size_t cap)
{
    const struct state_info *by_letters = refdata_state_by_udyam(ref, e->udyam + 6);

    if (by_letters != NULL && by_letters->gst_code != e->state)
        snprintf(warning, cap, "Udyam number %s names %s but state_code is %02d", e->udyam,
                 by_letters->name, e->state);
}

bool udyam_row_parse(const struct refdata *ref, int32_t today, const int *index,
                     const struct csv_record *rec, struct enterprise *out, struct row_error *why,
                     char *warning, size_t warning_cap)
{
    struct enterprise e;

    enterprise_init(&e);
    warning[0] = '\0';
    if (!parse_identity(ref, index, rec, &e, why) || !parse_categories(index, rec, &e, why)
        || !parse_dates(today, index, rec, &e, why) || !parse_place(ref, index, rec, &e, why)
        || !parse_figures(index, rec, &e, why))
        return false;
    check_state_letters(ref, &e, warning, warning_cap);
    e.content_hash = enterprise_content_hash(&e);
    *out = e;
    return true;
}

/* --- the feed ---------------------------------------------------------- */

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    return udyam_row_parse(ctx->ref, ctx->today, ctx->index, rec, payload, why, warning,
                           warning_cap);
}

static void result_of(const struct enterprise *ent, const struct upsert_result *up,
                      struct feed_store_result *r)
{
    struct upsert_result u = *up;
    char key[48];

    r->msg[0] = '\0';
    /* A merge attaches the row to the enterprise GST returns created. */
    r->new_entity = u.outcome == UPSERT_INSERTED && !u.merged;
    r->linked = u.outcome == UPSERT_UPDATED || u.outcome == UPSERT_REFRESHED
                || u.outcome == UPSERT_UNCHANGED || u.merged;
    if (u.outcome == UPSERT_PAN_CONFLICT) {
        r->outcome = FEED_QUARANTINE;
        r->reason = R_PAN_CONFLICT;
        snprintf(r->msg, sizeof r->msg, "pan %.5s***** already belongs to %s", ent->pan,
                 u.other_udyam);
        return;
    }
    snprintf(key, sizeof key, "udyam_number %s", ent->udyam);
    feed_result_from_upsert(r, u.outcome, u.other_row, key);
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct enterprise *ent = payload;
    struct upsert_result u;

    snprintf(ent->src_feed, sizeof ent->src_feed, "udyam");
    ent->src_file = file_id;
    ent->src_row = row_no;
    if (store_enterprise_upsert(s, ent, &u, e) != 0)
        return -1;
    result_of(ent, &u, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct upsert_result *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct enterprise), skip, n,
                             offsetof(struct enterprise, src_file), offsetof(struct enterprise, src_row), file_id,
                             row_no, e) != 0)
        return -1;
    for (size_t j = 0; j < v.n; j++)
        snprintf(((struct enterprise *)v.rows[j])->src_feed, sizeof ((struct enterprise *)v.rows[j])->src_feed,
                 "udyam");
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_enterprise_upsert_batch(s, (const struct enterprise *const *)v.rows, v.n, out, e) == 0) {
        for (size_t j = 0; j < v.n; j++)
            result_of(v.rows[j], &out[j], &r[v.at[j]]);
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_udyam = {
    .name = "udyam",
    .columns = udyam_columns,
    .n_columns = U_NCOLS,
    .payload_size = sizeof(struct enterprise),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
};
