/* feed_consent.c: consent artefacts given elsewhere (an Account
 * Aggregator, a department's portal), one row each (docs/data-feeds.md,
 * docs/consent.md): the enterprise by Udyam number, the source, the
 * purpose, the period, and the day it was revoked when it was. A row is
 * loaded once (keyed by its file and row); the enterprise must be on file. */
#include <stdio.h>
#include <string.h>

#include "core/consent.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "ingest/feed_result.h"
#include "store/store_consent.h"

enum consent_col { C_UDYAM, C_SOURCE, C_PURPOSE, C_FROM, C_TO, C_REVOKED, C_NCOLS };

static const struct column_spec consent_columns[C_NCOLS] = {
    [C_UDYAM] = {"udyam_number", true}, [C_SOURCE] = {"source", true},
    [C_PURPOSE] = {"purpose", true},    [C_FROM] = {"valid_from", true},
    [C_TO] = {"valid_to", true},        [C_REVOKED] = {"revoked_on", false},
};

#define F(c) columns_get(rec, index, (c))
#define NAME(c) consent_columns[(c)].name

static bool parse_row(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                      struct row_error *why, char *warning, size_t warning_cap)
{
    const int *index = ctx->index;
    struct consent_feed_row r;
    enum consent_source s;
    enum consent_purpose p;
    struct err e;

    (void)warning_cap;
    warning[0] = '\0';
    memset(&r, 0, sizeof r);
    if (!v_id(ID_UDYAM, ctx->ref, F(C_UDYAM), NAME(C_UDYAM), true, why)
        || !v_text(F(C_UDYAM), NAME(C_UDYAM), r.udyam, sizeof r.udyam, why)
        || !v_date(F(C_FROM), NAME(C_FROM), true, &r.valid_from, why)
        || !v_date(F(C_TO), NAME(C_TO), true, &r.valid_to, why)
        || !v_date(F(C_REVOKED), NAME(C_REVOKED), false, &r.revoked_on, why))
        return false;
    if (consent_source_parse(F(C_SOURCE), &s) != 0)
        return v_fail(why, R_BAD_ENUM,
                      "source: '%.32s' is not one of gst, credit, skilling, epfo, energy",
                      F(C_SOURCE));
    if (consent_purpose_parse(F(C_PURPOSE), &p) != 0)
        return v_fail(why, R_BAD_ENUM,
                      "purpose: '%.32s' is not one of eligibility, officer_view, statistics",
                      F(C_PURPOSE));
    if (consent_period_check(r.valid_from, r.valid_to, &e) != 0)
        return v_fail(why, R_DATE_ORDER, "valid_to: %s", e.msg);
    if (r.revoked_on != DATE_UNKNOWN && r.revoked_on > ctx->today)
        return v_fail(why, R_DATE_ORDER, "revoked_on: %s is in the future", F(C_REVOKED));
    r.source = s;
    r.purpose = p;
    memcpy(payload, &r, sizeof r);
    return true;
}

static int store_row(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                     struct feed_store_result *r, struct err *e)
{
    struct consent_feed_row *x = payload;
    int64_t id;
    bool inserted;
    int rc;

    x->src_file = file_id;
    x->src_row = row_no;
    if ((rc = feed_enterprise_by_udyam(s, x->udyam, &id, r, e)) != 1)
        return rc;
    if (store_consent_feed_put(s, id, x, &inserted, e) != 0)
        return -1;
    r->outcome = inserted ? FEED_INSERTED : FEED_UNCHANGED;
    r->linked = true;
    return 0;
}

const struct feed feed_consent = {
    .name = "consent",
    .columns = consent_columns,
    .n_columns = C_NCOLS,
    .payload_size = sizeof(struct consent_feed_row),
    .parse = parse_row,
    .store = store_row,
};
