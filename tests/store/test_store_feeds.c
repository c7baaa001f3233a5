/* The store's gst, credit and skilling tables on SQLite: deterministic
 * links (GSTIN, embedded PAN, Udyam number, PAN), enterprises for GST
 * filers not on Udyam and the Udyam row that fills them, the keyed-row
 * outcomes, facility terms by month, unattached training records. Each
 * test has a fresh database. */
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "temp_store.h"

#include "core/date.h"
#include "core/money.h"
#include "store/store.h"
#include "store/db.h"
#include "store/store_credit.h"
#include "store/store_gst.h"
#include "store/store_resolve.h"
#include "store/store_skilling.h"

/* Valid identifiers (check characters computed by tests/cli/independent_ids.py). */
#define PAN_A "AAAPS1234F"
#define GSTIN_A1 "27AAAPS1234F1Z1"
#define GSTIN_A2 "27AAAPS1234F2Z0"
#define PAN_B "BBBPK5678L"
#define GSTIN_B1 "07BBBPK5678L1Z6"
#define GSTIN_B2 "09BBBPK5678L1Z2"

struct fixture {
    char path[256];
    struct store *s;
    int64_t file_a, file_b;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    bool complete;
    struct err e;

    if (f == NULL || temp_store_open("samanvay-test-feeds", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (store_ingest_file_open(f->s, "gst", "a.csv", "digest-a", 10, &f->file_a, &complete, &e)
        || store_ingest_file_open(f->s, "gst", "b.csv", "digest-b", 10, &f->file_b, &complete, &e))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    temp_store_remove(f->s, f->path);
    free(f);
    return 0;
}

static void udyam_row(struct enterprise *e, const char *udyam, const char *pan, const char *gstin,
                      int64_t file, int64_t row)
{
    enterprise_init(e);
    snprintf(e->udyam, sizeof e->udyam, "%s", udyam);
    snprintf(e->pan, sizeof e->pan, "%s", pan);
    snprintf(e->name, sizeof e->name, "Kumar Textiles");
    if (*gstin) {
        e->n_gstins = 1;
        snprintf(e->gstins[0], sizeof e->gstins[0], "%s", gstin);
    }
    e->state = 7;
    snprintf(e->district, sizeof e->district, "NEW DELHI");
    date_parse("2018-01-01", 10, &e->commenced_on, NULL);
    date_parse("2021-01-10", 10, &e->registered_on, NULL);
    e->investment = 5 * MONEY_LAKH;
    e->turnover = 25 * MONEY_LAKH;
    e->content_hash = enterprise_content_hash(e);
    snprintf(e->src_feed, sizeof e->src_feed, "udyam");
    e->src_file = file;
    e->src_row = row;
}

static enum upsert_outcome put_udyam(struct fixture *f, const struct enterprise *e,
                                     struct upsert_result *r)
{
    struct err err;

    assert_int_equal(store_enterprise_upsert(f->s, e, r, &err), 0);
    return r->outcome;
}

static void gst_row(struct gst_return *g, const char *gstin, const char *period, int64_t tax,
                    int64_t file, int64_t row)
{
    memset(g, 0, sizeof *g);
    snprintf(g->gstin, sizeof g->gstin, "%s", gstin);
    snprintf(g->return_type, sizeof g->return_type, "GSTR3B");
    snprintf(g->frequency, sizeof g->frequency, "monthly");
    snprintf(g->period, sizeof g->period, "%s", period);
    g->filer_state = (gstin[0] - '0') * 10 + (gstin[1] - '0');
    date_parse("2024-04-20", 10, &g->due_on, NULL);
    g->filed_on = DATE_UNKNOWN;
    g->taxable_value = 100000 * PAISE_PER_RUPEE;
    g->tax = tax;
    g->content_hash = gst_return_hash(g);
    g->src_file = file;
    g->src_row = row;
}

static struct gst_put_result put_gst(struct fixture *f, const struct gst_return *g)
{
    struct gst_put_result r;
    struct err e;

    assert_int_equal(store_gst_return_put(f->s, g, &r, &e), 0);
    return r;
}

static int64_t enterprise_of_gstin(struct fixture *f, const char *gstin)
{
    int64_t id = 0;
    bool found;

    assert_int_equal(store_resolve_gstin(f->s, gstin, &id, &found, NULL), 0);
    assert_true(found);
    return id;
}

static void test_gst_links_by_gstin_then_pan(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result u;
    struct gst_return g;
    struct gst_put_result r;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, GSTIN_A1, f->file_a, 1);
    assert_int_equal(put_udyam(f, &e, &u), UPSERT_INSERTED);
    gst_row(&g, GSTIN_A1, "2024-03", 18000 * PAISE_PER_RUPEE, f->file_b, 1);
    r = put_gst(f, &g);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    assert_int_equal(r.link, GST_LINK_GSTIN);
    assert_int_equal(r.enterprise_id, u.id);
    /* Another GSTIN of the same PAN joins the enterprise. */
    gst_row(&g, GSTIN_A2, "2024-03", 9000 * PAISE_PER_RUPEE, f->file_b, 2);
    r = put_gst(f, &g);
    assert_int_equal(r.link, GST_LINK_PAN);
    assert_int_equal(r.enterprise_id, u.id);
    assert_int_equal(enterprise_of_gstin(f, GSTIN_A2), u.id);
}

static void test_gst_filer_not_on_udyam(void **state)
{
    struct fixture *f = *state;
    struct gst_return g;
    struct gst_put_result r1, r2;
    struct enterprise e;
    bool found;
    int64_t n;

    gst_row(&g, GSTIN_B1, "2024-03", 1200 * PAISE_PER_RUPEE, f->file_a, 1);
    r1 = put_gst(f, &g);
    assert_int_equal(r1.outcome, UPSERT_INSERTED);
    assert_int_equal(r1.link, GST_LINK_NEW);
    /* The filer's next GSTIN (another state) links to it. */
    gst_row(&g, GSTIN_B2, "2024-06", 0, f->file_a, 2);
    r2 = put_gst(f, &g);
    assert_int_equal(r2.link, GST_LINK_PAN);
    assert_int_equal(r2.enterprise_id, r1.enterprise_id);
    assert_int_equal(store_enterprise_get(f->s, r1.enterprise_id, &e, &found, NULL), 0);
    assert_true(found);
    assert_string_equal(e.udyam, "");
    assert_string_equal(e.name, "");
    assert_string_equal(e.pan, PAN_B);
    assert_int_equal(e.state, 7);
    assert_string_equal(e.src_feed, "gst");
    assert_int_equal(e.n_gstins, 2);
    assert_string_equal(enterprise_display_name(&e), GSTIN_B1);   /* pages show no empty name */
    /* Unknown, not zero: the rules must not see a ₹0 investment. */
    assert_int_equal(e.investment, -1);
    assert_int_equal(e.turnover, -1);
    assert_int_equal(store_gst_return_count(f->s, r1.enterprise_id, &n, NULL), 0);
    assert_int_equal(n, 2);
}

static void test_gst_keyed_outcomes(void **state)
{
    struct fixture *f = *state;
    struct gst_return g;
    struct gst_put_result r;
    int64_t n;

    gst_row(&g, GSTIN_B1, "2024-03", 100, f->file_a, 1);
    assert_int_equal(put_gst(f, &g).outcome, UPSERT_INSERTED);
    assert_int_equal(put_gst(f, &g).outcome, UPSERT_UNCHANGED);  /* the same row again */
    g.src_row = 5;
    r = put_gst(f, &g);
    assert_int_equal(r.outcome, UPSERT_DUPLICATE);
    assert_int_equal(r.other_row, 1);
    gst_row(&g, GSTIN_B1, "2024-03", 101, f->file_a, 6);
    assert_int_equal(put_gst(f, &g).outcome, UPSERT_CONFLICT);
    gst_row(&g, GSTIN_B1, "2024-03", 100, f->file_b, 9);
    r = put_gst(f, &g);
    assert_int_equal(r.outcome, UPSERT_REFRESHED);
    assert_int_equal(r.link, GST_LINK_GSTIN);
    gst_row(&g, GSTIN_B1, "2024-03", 102, f->file_b, 9);
    assert_int_equal(put_gst(f, &g).outcome, UPSERT_UNCHANGED);  /* same file and row */
    gst_row(&g, GSTIN_B1, "2024-03", 102, f->file_a, 1);
    assert_int_equal(put_gst(f, &g).outcome, UPSERT_UPDATED);
    assert_int_equal(store_enterprise_count(f->s, &n, NULL), 0);
    assert_int_equal(n, 1);
}

/* Both orders of loading end in one enterprise with the same content. */
static void test_udyam_fills_the_gst_entity(void **state)
{
    struct fixture *f = *state;
    struct gst_return g;
    struct gst_put_result r;
    struct enterprise e, got;
    struct upsert_result u;
    bool found;
    int64_t n;

    gst_row(&g, GSTIN_B2, "2024-06", 0, f->file_a, 1);
    r = put_gst(f, &g);
    assert_int_equal(r.link, GST_LINK_NEW);
    udyam_row(&e, "UDYAM-DL-01-0000077", PAN_B, GSTIN_B1, f->file_b, 1);
    assert_int_equal(put_udyam(f, &e, &u), UPSERT_INSERTED);
    assert_true(u.merged);
    assert_int_equal(u.id, r.enterprise_id);
    assert_int_equal(store_enterprise_get(f->s, u.id, &got, &found, NULL), 0);
    assert_string_equal(got.udyam, "UDYAM-DL-01-0000077");
    assert_string_equal(got.name, "Kumar Textiles");
    assert_int_equal(got.turnover, 25 * MONEY_LAKH);
    assert_int_equal(got.n_gstins, 2);          /* GST's and the row's */
    assert_int_equal(store_enterprise_count(f->s, &n, NULL), 0);
    assert_int_equal(n, 1);
    /* Loading it again is this very row again. */
    assert_int_equal(put_udyam(f, &e, &u), UPSERT_UNCHANGED);
    assert_false(u.merged);
    /* A second Udyam number with that PAN is a conflict, as before. */
    udyam_row(&e, "UDYAM-DL-01-0000078", PAN_B, "", f->file_b, 2);
    assert_int_equal(put_udyam(f, &e, &u), UPSERT_PAN_CONFLICT);
    assert_string_equal(u.other_udyam, "UDYAM-DL-01-0000077");
    /* A corrected Udyam row keeps the GSTIN learned from returns. */
    udyam_row(&e, "UDYAM-DL-01-0000077", PAN_B, "", f->file_a, 7);
    e.turnover = 30 * MONEY_LAKH;
    e.content_hash = enterprise_content_hash(&e);
    assert_int_equal(put_udyam(f, &e, &u), UPSERT_UPDATED);
    assert_int_equal(enterprise_of_gstin(f, GSTIN_B2), u.id);
}

static void credit_row(struct credit_row *c, const char *facility, const char *pan,
                       const char *udyam, const char *month, int64_t sanctioned, int64_t file,
                       int64_t row)
{
    memset(c, 0, sizeof *c);
    snprintf(c->lender_ifsc, sizeof c->lender_ifsc, "SBIN0001234");
    snprintf(c->facility_id, sizeof c->facility_id, "%s", facility);
    snprintf(c->borrower_pan, sizeof c->borrower_pan, "%s", pan);
    snprintf(c->borrower_udyam, sizeof c->borrower_udyam, "%s", udyam);
    snprintf(c->facility_type, sizeof c->facility_type, "term_loan");
    date_parse("2023-06-01", 10, &c->sanctioned_on, NULL);
    c->sanctioned = sanctioned;
    snprintf(c->month, sizeof c->month, "%s", month);
    c->outstanding = sanctioned / 2;
    snprintf(c->asset_class, sizeof c->asset_class, "STD");
    c->content_hash = credit_row_hash(c);
    c->src_file = file;
    c->src_row = row;
}

static struct credit_put_result put_credit(struct fixture *f, const struct credit_row *c)
{
    struct credit_put_result r;
    struct err e;

    assert_int_equal(store_credit_put(f->s, c, &r, &e), 0);
    return r;
}

static void test_credit_borrowers(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result a, b;
    struct credit_row c;
    struct credit_put_result r;
    int64_t facilities, months;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, "", f->file_a, 1);
    put_udyam(f, &e, &a);
    udyam_row(&e, "UDYAM-DL-01-0000077", PAN_B, "", f->file_a, 2);
    put_udyam(f, &e, &b);
    credit_row(&c, "F1", PAN_A, "", "2024-01", 100, f->file_b, 1);
    r = put_credit(f, &c);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    assert_int_equal(r.enterprise_id, a.id);
    assert_false(r.pan_disagrees);
    /* The Udyam number wins over a PAN that is someone else's. */
    credit_row(&c, "F2", PAN_A, "UDYAM-DL-01-0000077", "2024-01", 100, f->file_b, 2);
    r = put_credit(f, &c);
    assert_int_equal(r.enterprise_id, b.id);
    assert_true(r.pan_disagrees);
    credit_row(&c, "F3", "", "UDYAM-MH-26-0000001", "2024-01", 100, f->file_b, 3);
    r = put_credit(f, &c);
    assert_true(r.unknown_borrower);
    credit_row(&c, "F4", "ZZZPZ9999Z", "", "2024-01", 100, f->file_b, 4);
    assert_true(put_credit(f, &c).unknown_borrower);
    assert_int_equal(store_credit_count(f->s, a.id, &facilities, &months, NULL), 0);
    assert_int_equal(facilities, 1);
    assert_int_equal(months, 1);
}

/* A facility's terms come from its latest month, whatever the load order. */
static void test_credit_terms_by_month(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result a;
    struct credit_row c;
    int64_t facilities, months;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, "", f->file_a, 1);
    put_udyam(f, &e, &a);
    credit_row(&c, "F1", PAN_A, "", "2024-02", 200, f->file_b, 1);
    assert_int_equal(put_credit(f, &c).outcome, UPSERT_INSERTED);
    credit_row(&c, "F1", PAN_A, "", "2024-01", 100, f->file_b, 2);
    assert_int_equal(put_credit(f, &c).outcome, UPSERT_INSERTED);
    credit_row(&c, "F1", PAN_A, "", "2024-01", 100, f->file_b, 3);
    assert_int_equal(put_credit(f, &c).outcome, UPSERT_DUPLICATE);
    assert_int_equal(store_credit_count(f->s, a.id, &facilities, &months, NULL), 0);
    assert_int_equal(facilities, 1);
    assert_int_equal(months, 2);
    {
        /* Read through SQL: the terms are February's. */
        struct db_stmt *st;
        assert_int_equal(db_prepare(store_db(f->s),
                                    "SELECT sanctioned_paise, as_of_month FROM credit_facility", &st,
                                    NULL), 0);
        assert_int_equal(db_step(st, NULL), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), 200);
        assert_string_equal(db_column_text(st, 1), "2024-02");
        db_finalize(st);
    }
}

static void skilling_row(struct skilling_record *k, const char *id, const char *udyam,
                         int64_t file, int64_t row)
{
    memset(k, 0, sizeof *k);
    snprintf(k->record_id, sizeof k->record_id, "%s", id);
    snprintf(k->programme, sizeof k->programme, "esdp");
    snprintf(k->trainee_name, sizeof k->trainee_name, "सीता देवी");
    snprintf(k->gender, sizeof k->gender, "female");
    k->birth_year = -1;
    snprintf(k->mobile_last4, sizeof k->mobile_last4, "0123");
    snprintf(k->udyam, sizeof k->udyam, "%s", udyam);
    k->state = 9;
    snprintf(k->district, sizeof k->district, "LUCKNOW");
    snprintf(k->course, sizeof k->course, "Management Development Programme");
    date_parse("2024-01-10", 10, &k->started_on, NULL);
    k->completed_on = DATE_UNKNOWN;
    k->certified = -1;
    k->content_hash = skilling_record_hash(k);
    k->src_file = file;
    k->src_row = row;
}

static void test_skilling_records(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result a;
    struct skilling_record k;
    struct skilling_put_result r;
    struct err err;
    int64_t n;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, "", f->file_a, 1);
    put_udyam(f, &e, &a);
    skilling_row(&k, "ESDP-1", "UDYAM-MH-26-0012345", f->file_b, 1);
    assert_int_equal(store_skilling_put(f->s, &k, &r, &err), 0);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    assert_int_equal(r.enterprise_id, a.id);
    assert_int_equal(store_skilling_put(f->s, &k, &r, &err), 0);
    assert_int_equal(r.outcome, UPSERT_UNCHANGED);
    assert_int_equal(r.enterprise_id, a.id);   /* a rerun still says it is attached */
    skilling_row(&k, "ESDP-2", "", f->file_b, 2);
    assert_int_equal(store_skilling_put(f->s, &k, &r, &err), 0);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    assert_int_equal(r.enterprise_id, 0);
    skilling_row(&k, "ESDP-3", "UDYAM-MH-26-0000001", f->file_b, 3);
    assert_int_equal(store_skilling_put(f->s, &k, &r, &err), 0);
    assert_true(r.unknown_udyam);
    assert_int_equal(store_skilling_count(f->s, a.id, &n, NULL), 0);
    assert_int_equal(n, 1);
}

static void credit_month(struct fixture *f, const char *facility, const char *scheme,
                         const char *month, int64_t dpd, const char *asset_class, int64_t row)
{
    struct credit_row c;

    credit_row(&c, facility, PAN_A, "", month, 100, f->file_b, row);
    snprintf(c.scheme, sizeof c.scheme, "%s", scheme);
    c.dpd = dpd;
    snprintf(c.asset_class, sizeof c.asset_class, "%s", asset_class);
    c.content_hash = credit_row_hash(&c);
    assert_int_equal(put_credit(f, &c).outcome, UPSERT_INSERTED);
}

static int month_of(const char *ym)
{
    int32_t first;

    assert_int_equal(date_from_ymd(atoi(ym), atoi(ym + 5), 1, &first), 0);
    return date_month_index(first);
}

/* Ever an NPA: the first NPA month is cited (by class, or by more than 90
 * days past due), and the totals count every facility-month. */
static void test_credit_history(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result a;
    struct credit_history h;
    struct err err;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, "", f->file_a, 1);
    put_udyam(f, &e, &a);
    assert_int_equal(store_credit_history(f->s, a.id, &h, &err), 0);
    assert_int_equal(h.facilities, 0);   /* no lender reports on it */
    credit_month(f, "F1", "", "2024-01", 0, "STD", 1);
    credit_month(f, "F2", "", "2024-03", 0, "STD", 2);
    assert_int_equal(store_credit_history(f->s, a.id, &h, &err), 0);
    assert_int_equal(h.facilities, 2);
    assert_int_equal(h.months, 2);
    assert_false(h.npa_ever);
    assert_int_equal(h.latest_month, month_of("2024-03"));
    assert_string_equal(h.facility_id, "F2");   /* no NPA: the latest month */
    assert_int_equal(h.src_row, 2);
    /* F1 goes past 90 days in May; its class lags, the days decide */
    credit_month(f, "F1", "", "2024-05", 91, "SMA2", 3);
    credit_month(f, "F1", "", "2024-06", 40, "NPA", 4);
    credit_month(f, "F2", "", "2024-04", 120, "NPA", 5);
    assert_int_equal(store_credit_history(f->s, a.id, &h, &err), 0);
    assert_true(h.npa_ever);
    assert_int_equal(h.months, 5);
    assert_int_equal(h.latest_month, month_of("2024-06"));
    assert_string_equal(h.facility_id, "F2");   /* the first NPA month */
    assert_int_equal(h.month, month_of("2024-04"));
    assert_int_equal(h.dpd, 120);
    assert_string_equal(h.asset_class, "NPA");
    assert_int_equal(h.src_file, f->file_b);
    assert_int_equal(h.src_row, 5);
}

static int collect_loan(void *ctx, const struct credit_scheme_loan *l)
{
    char *out = ctx;
    size_t n = strlen(out);

    snprintf(out + n, 256 - n, "%s%s:%s:%" PRId64, n ? " " : "", l->facility_id, l->scheme,
             l->src_row);
    return 0;
}

/* Facilities under a scheme, latest sanctioned first; none without one. */
static void test_credit_scheme_loans(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result a;
    struct credit_row c;
    char seen[256] = "";
    struct err err;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, "", f->file_a, 1);
    put_udyam(f, &e, &a);
    credit_month(f, "F1", "pmmy", "2024-01", 0, "STD", 1);
    credit_month(f, "F2", "", "2024-01", 0, "STD", 2);
    credit_row(&c, "F3", PAN_A, "", "2024-02", 100, f->file_b, 3);
    snprintf(c.scheme, sizeof c.scheme, "cgtmse");
    date_parse("2024-02-01", 10, &c.sanctioned_on, NULL);
    c.content_hash = credit_row_hash(&c);
    put_credit(f, &c);
    assert_int_equal(store_credit_scheme_loans(f->s, a.id, collect_loan, seen, &err), 0);
    assert_string_equal(seen, "F3:cgtmse:3 F1:pmmy:1");
}

/* The latest started record, read back as stored ("" and -1 for what the
 * provider left empty). */
static void test_skilling_latest(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result a;
    struct skilling_record k, got;
    struct skilling_put_result r;
    struct err err;
    bool found = true;

    udyam_row(&e, "UDYAM-MH-26-0012345", PAN_A, "", f->file_a, 1);
    put_udyam(f, &e, &a);
    assert_int_equal(store_skilling_latest(f->s, a.id, &got, &found, &err), 0);
    assert_false(found);
    skilling_row(&k, "ESDP-1", "UDYAM-MH-26-0012345", f->file_b, 1);
    k.birth_year = 1985;
    snprintf(k.social_category, sizeof k.social_category, "sc");
    k.content_hash = skilling_record_hash(&k);
    assert_int_equal(store_skilling_put(f->s, &k, &r, &err), 0);
    skilling_row(&k, "ESDP-2", "UDYAM-MH-26-0012345", f->file_b, 2);
    date_parse("2024-06-01", 10, &k.started_on, NULL);
    k.content_hash = skilling_record_hash(&k);
    assert_int_equal(store_skilling_put(f->s, &k, &r, &err), 0);
    assert_int_equal(store_skilling_latest(f->s, a.id, &got, &found, &err), 0);
    assert_true(found);
    assert_string_equal(got.record_id, "ESDP-2");
    assert_string_equal(got.gender, "female");
    assert_string_equal(got.social_category, "");
    assert_int_equal(got.birth_year, -1);
    assert_int_equal(got.certified, -1);
    assert_int_equal(got.state, 9);
    assert_int_equal(got.started_on, k.started_on);
    assert_int_equal(got.completed_on, DATE_UNKNOWN);
    assert_int_equal(got.content_hash, k.content_hash);
    /* every field read back as it was given: the hash of what was read is the stored one */
    assert_int_equal(skilling_record_hash(&got), k.content_hash);
    assert_int_equal(got.src_row, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_gst_links_by_gstin_then_pan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gst_filer_not_on_udyam, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gst_keyed_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_udyam_fills_the_gst_entity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_borrowers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_terms_by_month, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skilling_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_scheme_loans, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skilling_latest, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
