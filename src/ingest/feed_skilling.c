/* feed_skilling.c: the training records feed (docs/data-feeds.md §4): one
 * row per trainee per course, keyed by record_id (store_skilling.h). */
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
#include "store/store_skilling.h"

enum skilling_col {
    K_RECORD, K_PROGRAMME, K_NAME, K_GENDER, K_CATEGORY, K_BIRTH_YEAR, K_MOBILE, K_UDYAM, K_STATE,
    K_DISTRICT, K_COURSE, K_STARTED, K_COMPLETED, K_CERTIFIED, K_NCOLS
};

static const struct column_spec skilling_columns[K_NCOLS] = {
    [K_RECORD] = {"record_id", true},         [K_PROGRAMME] = {"programme", true},
    [K_NAME] = {"trainee_name", true},        [K_GENDER] = {"gender", true},
    [K_CATEGORY] = {"social_category", false}, [K_BIRTH_YEAR] = {"birth_year", false},
    [K_MOBILE] = {"mobile_last4", false},     [K_UDYAM] = {"udyam_number", false},
    [K_STATE] = {"state_code", true},         [K_DISTRICT] = {"district", true},
    [K_COURSE] = {"course", true},            [K_STARTED] = {"started_on", true},
    [K_COMPLETED] = {"completed_on", false},  [K_CERTIFIED] = {"certified", false},
};

static const char *const programmes[] = {"esdp", "pmegp_edp", "pm_vishwakarma", "ati", NULL};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) skilling_columns[(c)].name

static bool all_digits(const char *s, size_t n)
{
    return strlen(s) == n && strspn(s, "0123456789") == n;
}

static bool parse_person(const struct refdata *ref, int32_t today, const int *index,
                         const struct csv_record *rec, struct skilling_record *k,
                         struct row_error *why)
{
    const char *year = F(K_BIRTH_YEAR), *mobile = F(K_MOBILE);
    int gender, category, y, m, d;

    if (!v_required(F(K_NAME), NAME(K_NAME), why)
        || !v_text(F(K_NAME), NAME(K_NAME), k->trainee_name, sizeof k->trainee_name, why)
        || !v_enum(F(K_GENDER), NAME(K_GENDER), PF_OWNER_GENDER, true, &gender, why)
        || !v_enum(F(K_CATEGORY), NAME(K_CATEGORY), PF_OWNER_CATEGORY, false, &category, why)
        || !v_id(ID_UDYAM, ref, F(K_UDYAM), NAME(K_UDYAM), false, why)
        || !v_text(F(K_UDYAM), NAME(K_UDYAM), k->udyam, sizeof k->udyam, why))
        return false;
    snprintf(k->gender, sizeof k->gender, "%s", profile_enum_name(PF_OWNER_GENDER, gender));
    snprintf(k->social_category, sizeof k->social_category, "%s",
             category >= 0 ? profile_enum_name(PF_OWNER_CATEGORY, category) : "");
    k->birth_year = -1;
    date_to_ymd(today, &y, &m, &d);
    if (*year && (!all_digits(year, 4) || atoi(year) < 1900 || atoi(year) > y))
        return v_fail(why, R_BAD_NUMBER, "birth_year: '%.20s' is not a year from 1900 to %d",
                      year, y);
    if (*year)
        k->birth_year = atoi(year);
    if (*mobile && !all_digits(mobile, 4))
        return v_fail(why, R_BAD_NUMBER, "mobile_last4: '%.20s' is not four digits", mobile);
    memcpy(k->mobile_last4, mobile, strlen(mobile) + 1);
    return true;
}

static bool parse_course(const struct refdata *ref, int32_t today, const int *index,
                         const struct csv_record *rec, struct skilling_record *k,
                         struct row_error *why)
{
    const struct district_info *dist;
    int programme;
    char d[DATE_STR_LEN];

    if (!v_word(F(K_PROGRAMME), NAME(K_PROGRAMME), programmes, true, &programme, why)
        || !v_state(ref, F(K_STATE), NAME(K_STATE), &k->state, why)
        || !v_required(F(K_DISTRICT), NAME(K_DISTRICT), why))
        return false;
    snprintf(k->programme, sizeof k->programme, "%s", programmes[programme]);
    dist = refdata_district(ref, k->state, F(K_DISTRICT));
    if (dist == NULL)
        return v_fail(why, R_UNKNOWN_DISTRICT, "district: '%.40s' is not an LGD district of state %02d",
                      F(K_DISTRICT), k->state);
    snprintf(k->district, sizeof k->district, "%s", dist->name);
    if (!v_required(F(K_COURSE), NAME(K_COURSE), why)
        || !v_text(F(K_COURSE), NAME(K_COURSE), k->course, sizeof k->course, why)
        || !v_date(F(K_STARTED), NAME(K_STARTED), true, &k->started_on, why)
        || !v_date(F(K_COMPLETED), NAME(K_COMPLETED), false, &k->completed_on, why)
        || !v_yes_no(F(K_CERTIFIED), NAME(K_CERTIFIED), &k->certified, why))
        return false;
    if (k->completed_on != DATE_UNKNOWN && k->completed_on < k->started_on)
        return v_fail(why, R_DATE_ORDER, "completed_on: %s is before started_on %s",
                      F(K_COMPLETED), F(K_STARTED));
    if (k->completed_on != DATE_UNKNOWN && k->completed_on > today) {
        date_format(today, d);
        return v_fail(why, R_DATE_ORDER, "completed_on: %s is after today (%s)", F(K_COMPLETED), d);
    }
    return true;
}

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct skilling_record *k = payload;

    (void)warning_cap;
    warning[0] = '\0';
    memset(k, 0, sizeof *k);
    if (!v_required(F(K_RECORD), NAME(K_RECORD), why)
        || !v_text(F(K_RECORD), NAME(K_RECORD), k->record_id, sizeof k->record_id, why)
        || !parse_person(ctx->ref, ctx->today, index, rec, k, why)
        || !parse_course(ctx->ref, ctx->today, index, rec, k, why))
        return false;
    k->content_hash = skilling_record_hash(k);
    return true;
}

static void result_of(const struct skilling_record *k, const struct skilling_put_result *out,
                      struct feed_store_result *r)
{
    char key[96];

    if (out->unknown_udyam) {
        r->outcome = FEED_QUARANTINE;
        r->reason = R_UNKNOWN_REFERENCE;
        snprintf(r->msg, sizeof r->msg, "udyam_number %s is not an enterprise on file", k->udyam);
        return;
    }
    snprintf(key, sizeof key, "record_id %.60s", k->record_id);
    feed_result_from_upsert(r, out->outcome, out->other_row, key);
    r->linked = r->outcome != FEED_QUARANTINE && out->enterprise_id > 0;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct skilling_record *k = payload;
    struct skilling_put_result out;

    k->src_file = file_id;
    k->src_row = row_no;
    if (store_skilling_put(s, k, &out, e) != 0)
        return -1;
    result_of(k, &out, r);
    return 0;
}

static int store_batch(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e)
{
    struct feed_batch_view v;
    struct skilling_put_result *out;
    int rc = -1;

    if (feed_batch_view_make(&v, payloads, sizeof(struct skilling_record), skip, n,
                             offsetof(struct skilling_record, src_file), offsetof(struct skilling_record, src_row),
                             file_id, row_no, e) != 0)
        return -1;
    out = mem_calloc(v.n ? v.n : 1, sizeof *out);
    if (out == NULL)
        err_set(e, "out of memory for a batch of %zu rows", v.n);
    else if (store_skilling_put_batch(s, (const struct skilling_record *const *)v.rows, v.n, out, e) == 0) {
        for (size_t j = 0; j < v.n; j++)
            result_of(v.rows[j], &out[j], &r[v.at[j]]);
        rc = 0;
    }
    mem_free(out);
    feed_batch_view_release(&v);
    return rc;
}

const struct feed feed_skilling = {
    .name = "skilling",
    .columns = skilling_columns,
    .n_columns = K_NCOLS,
    .payload_size = sizeof(struct skilling_record),
    .parse = parse_row,
    .store = store_row,
    .store_batch = store_batch,
    .finish = link_pass_skilling,
};
