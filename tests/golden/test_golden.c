/* The golden record's credit and skilling sources on a real SQLite store:
 * which candidates each gives, with which provenance and detail, what it
 * leaves unsaid (no facility, an empty field, a birth year after today),
 * and the detail's English words as the API gives them. Each test has a
 * fresh database. */
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
#include "golden/golden.h"
#include "store/store_beneficiary.h"
#include "store/store_credit.h"
#include "store/store_resolve.h"
#include "store/store_skilling.h"
#include "web/profile_view.h"

#define PAN_A "AAAPS1234F"
#define UDYAM_A "UDYAM-MH-26-0012345"

struct fixture {
    char path[256];
    struct store *s;
    struct survivorship *rules;
    int64_t udyam_file, credit_file, skilling_file;
    int64_t id;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct enterprise ent;
    struct upsert_result r;
    bool complete;
    struct err e;

    if (f == NULL || temp_store_open("samanvay-test-golden", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (survivorship_load(&f->rules, &e) != 0
        || store_ingest_file_open(f->s, "udyam", "udyam.csv", "d-udyam", 1, &f->udyam_file,
                                  &complete, &e)
        || store_ingest_file_open(f->s, "credit", "credit.csv", "d-credit", 1, &f->credit_file,
                                  &complete, &e)
        || store_ingest_file_open(f->s, "skilling", "skilling.csv", "d-skilling", 1,
                                  &f->skilling_file, &complete, &e))
        return -1;
    enterprise_init(&ent);
    snprintf(ent.udyam, sizeof ent.udyam, UDYAM_A);
    snprintf(ent.pan, sizeof ent.pan, PAN_A);
    snprintf(ent.name, sizeof ent.name, "Shakti Textiles");
    ent.state = 27;
    snprintf(ent.district, sizeof ent.district, "PUNE");
    date_parse("2019-04-01", 10, &ent.commenced_on, NULL);
    date_parse("2021-02-10", 10, &ent.registered_on, NULL);
    ent.investment = 45 * MONEY_LAKH;
    ent.turnover = 120 * MONEY_LAKH;
    ent.content_hash = enterprise_content_hash(&ent);
    snprintf(ent.src_feed, sizeof ent.src_feed, "udyam");
    ent.src_file = f->udyam_file;
    ent.src_row = 1;
    if (store_enterprise_upsert(f->s, &ent, &r, &e) != 0)
        return -1;
    f->id = r.id;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    survivorship_free(f->rules);
    temp_store_remove(f->s, f->path);
    free(f);
    return 0;
}

static int32_t day(const char *iso)
{
    int32_t d;

    assert_int_equal(date_parse(iso, strlen(iso), &d, NULL), 0);
    return d;
}

static void put_credit(struct fixture *f, const char *facility, const char *scheme,
                       const char *month, int64_t dpd, const char *asset_class, int64_t row)
{
    struct credit_row c;
    struct credit_put_result r;
    struct err e;

    memset(&c, 0, sizeof c);
    snprintf(c.lender_ifsc, sizeof c.lender_ifsc, "SBIN0001234");
    snprintf(c.facility_id, sizeof c.facility_id, "%s", facility);
    snprintf(c.borrower_pan, sizeof c.borrower_pan, PAN_A);
    snprintf(c.facility_type, sizeof c.facility_type, "term_loan");
    snprintf(c.scheme, sizeof c.scheme, "%s", scheme);
    c.sanctioned_on = day("2023-06-01");
    c.sanctioned = 5 * MONEY_LAKH;
    snprintf(c.month, sizeof c.month, "%s", month);
    c.outstanding = 4 * MONEY_LAKH;
    c.dpd = dpd;
    snprintf(c.asset_class, sizeof c.asset_class, "%s", asset_class);
    c.content_hash = credit_row_hash(&c);
    c.src_file = f->credit_file;
    c.src_row = row;
    assert_int_equal(store_credit_put(f->s, &c, &r, &e), 0);
    assert_int_equal(r.enterprise_id, f->id);
}

static void put_training(struct fixture *f, const char *id, const char *started_on,
                         const char *category, int birth_year, int64_t row)
{
    struct skilling_record k;
    struct skilling_put_result r;
    struct err e;

    memset(&k, 0, sizeof k);
    snprintf(k.record_id, sizeof k.record_id, "%s", id);
    snprintf(k.programme, sizeof k.programme, "esdp");
    snprintf(k.trainee_name, sizeof k.trainee_name, "Asha Patil");
    snprintf(k.gender, sizeof k.gender, "female");
    snprintf(k.social_category, sizeof k.social_category, "%s", category);
    k.birth_year = birth_year;
    snprintf(k.udyam, sizeof k.udyam, UDYAM_A);
    k.state = 27;
    snprintf(k.district, sizeof k.district, "PUNE");
    snprintf(k.course, sizeof k.course, "Export Promotion");
    k.started_on = day(started_on);
    k.completed_on = DATE_UNKNOWN;
    k.certified = -1;
    k.content_hash = skilling_record_hash(&k);
    k.src_file = f->skilling_file;
    k.src_row = row;
    assert_int_equal(store_skilling_put(f->s, &k, &r, &e), 0);
    assert_int_equal(r.enterprise_id, f->id);
}

static void load(struct fixture *f, const char *today, struct golden_record *g)
{
    bool found = false;
    struct err e;

    assert_int_equal(golden_record_load(f->s, f->rules, f->id, day(today), g, &found, &e), 0);
    assert_true(found);
}

/* The candidate of field f from source src, or NULL. */
static const struct golden_value *candidate(const struct golden_record *g, enum profile_field f,
                                            enum golden_source src)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->values[i].field == f && g->values[i].key.source == src)
            return &g->values[i];
    return NULL;
}

static const char *detail_words(const struct golden_value *v, struct buf *b)
{
    buf_reset(b);
    assert_int_equal(profile_view_put_detail(b, &v->detail, false), 0);
    return buf_cstr(b);
}

static void test_no_credit_no_training_says_nothing(void **state)
{
    struct fixture *f = *state;
    struct golden_record g;

    load(f, "2026-01-15", &g);
    for (size_t i = 0; i < g.n; i++) {
        assert_int_not_equal(g.values[i].key.source, GS_CREDIT);
        assert_int_not_equal(g.values[i].key.source, GS_SKILLING);
    }
    assert_int_equal(g.profile.f[PF_HIST_LOAN_DEFAULT].state, FACT_UNKNOWN);
    assert_int_equal(g.profile.f[PF_OWNER_AGE].state, FACT_UNKNOWN);
    golden_record_free(&g);
}

static void test_credit_npa_and_schemes(void **state)
{
    struct fixture *f = *state;
    struct golden_record g;
    const struct golden_value *v;
    struct buf b = BUF_INIT;

    put_credit(f, "F1", "pmmy", "2025-01", 0, "STD", 1);
    put_credit(f, "F1", "pmmy", "2025-03", 100, "NPA", 2);
    put_credit(f, "F2", "cgtmse", "2025-04", 0, "STD", 3);
    put_credit(f, "F3", "pmmy", "2025-02", 0, "STD", 4);
    load(f, "2026-01-15", &g);
    v = golden_winner(&g, PF_HIST_LOAN_DEFAULT);
    assert_non_null(v);
    assert_int_equal(v->key.source, GS_CREDIT);
    assert_true(json_is_true(v->value));
    assert_int_equal(g.profile.f[PF_HIST_LOAN_DEFAULT].i, 1);
    assert_int_equal(v->key.as_of, day("2025-04-30"));   /* the latest month read */
    assert_string_equal(v->feed, "credit");
    assert_string_equal(v->file, "credit.csv");
    assert_int_equal(v->row, 2);                          /* the row showing the NPA */
    assert_string_equal(detail_words(v, &b),
                        "facility F1 was a non-performing asset in 2025-03, 100 days past due");
    v = golden_winner(&g, PF_HIST_SCHEMES);
    assert_non_null(v);
    assert_int_equal(v->key.source, GS_CREDIT);
    assert_int_equal(g.profile.f[PF_HIST_SCHEMES].n, 2);  /* each scheme once */
    assert_int_equal(v->detail.kind, GD_CREDIT_SCHEMES);
    assert_int_equal(v->detail.n[0], 3);
    golden_record_free(&g);
    buf_release(&b);
}

/* The lenders' record outranks the entrepreneur's word (data/survivorship.csv). */
static void test_credit_never_npa(void **state)
{
    struct fixture *f = *state;
    struct golden_record g;
    const struct golden_value *v;
    struct buf b = BUF_INIT;

    put_credit(f, "F1", "", "2025-01", 0, "STD", 1);
    put_credit(f, "F1", "", "2025-02", 75, "SMA2", 2);
    load(f, "2026-01-15", &g);
    v = golden_winner(&g, PF_HIST_LOAN_DEFAULT);
    assert_non_null(v);
    assert_true(json_is_false(v->value));
    assert_int_equal(v->row, 2);                          /* the latest month */
    assert_string_equal(detail_words(v, &b),
                        "no non-performing asset in 2 monthly reports to 2025-02; facilities: 1");
    assert_null(candidate(&g, PF_HIST_SCHEMES, GS_CREDIT)); /* no scheme: credit says nothing */
    golden_record_free(&g);
    buf_release(&b);
}

/* The latest record speaks; its empty category says nothing; the age is
 * the year difference as of the record's `today`. */
static void test_skilling_owner(void **state)
{
    struct fixture *f = *state;
    struct golden_record g;
    const struct golden_value *v;
    struct buf b = BUF_INIT;

    put_training(f, "ESDP-1", "2023-03-01", "obc", 1980, 1);
    put_training(f, "ESDP-2", "2025-08-01", "", 1986, 2);
    load(f, "2030-06-01", &g);
    v = golden_winner(&g, PF_OWNER_AGE);
    assert_non_null(v);
    assert_int_equal(v->key.source, GS_SKILLING);
    assert_int_equal(g.profile.f[PF_OWNER_AGE].i, 44);
    assert_int_equal(v->key.as_of, day("2030-06-01"));
    assert_int_equal(v->row, 2);
    assert_string_equal(detail_words(v, &b), "born in 1986, by training record ESDP-2");
    v = candidate(&g, PF_OWNER_GENDER, GS_SKILLING);
    assert_non_null(v);
    assert_string_equal(json_string_value(v->value), "female");
    assert_int_equal(v->key.as_of, day("2025-08-01"));
    assert_string_equal(detail_words(v, &b), "training record ESDP-2 (esdp), started on 2025-08-01");
    assert_null(candidate(&g, PF_OWNER_CATEGORY, GS_SKILLING)); /* not the older record's */
    golden_record_free(&g);
    /* a birth year after today's year gives no age */
    load(f, "1985-06-01", &g);
    assert_null(candidate(&g, PF_OWNER_AGE, GS_SKILLING));
    golden_record_free(&g);
    buf_release(&b);
}


/* A list row about a unit the GST returns made (no Udyam number, no name):
 * linked by the PAN, it gives the unit the name the list wrote, as the
 * last resort of the trust table; the schemes availed come from it too. */
static void test_list_names_gst_made_unit(void **state)
{
    struct fixture *f = *state;
    struct beneficiary_row b;
    struct beneficiary_put put;
    struct golden_record g;
    const struct golden_value *v;
    int64_t list_file, gst_file, gst_unit;
    bool complete, found;
    struct err e;

    assert_int_equal(store_ingest_file_open(f->s, "gst", "gst.csv", "d-gst", 1, &gst_file,
                                            &complete, &e), 0);
    assert_int_equal(store_ingest_file_open(f->s, "beneficiary", "lists.csv", "d-list", 1,
                                            &list_file, &complete, &e), 0);
    assert_int_equal(store_resolve_new_gst_entity(f->s, "27BBBPS5678K1Z3", 27, gst_file, 1,
                                                  &gst_unit, &e), 0);
    memset(&b, 0, sizeof b);
    snprintf(b.scheme, sizeof b.scheme, "pmegp");
    snprintf(b.list_ref, sizeof b.list_ref, "PMEGP-9");
    snprintf(b.beneficiary_name, sizeof b.beneficiary_name, "Meena Shah");
    snprintf(b.enterprise_name, sizeof b.enterprise_name, "Meena Papads");
    snprintf(b.pan, sizeof b.pan, "BBBPS5678K");
    b.sanctioned_on = day("2024-05-01");
    b.disbursed_on = day("2024-06-01");
    b.amount = 2 * MONEY_LAKH;
    b.content_hash = beneficiary_row_hash(&b);
    b.src_file = list_file;
    b.src_row = 4;
    assert_int_equal(store_beneficiary_put(f->s, &b, &put, &e), 0);
    assert_int_equal(put.method, LINK_PAN);
    assert_int_equal(golden_record_load(f->s, f->rules, gst_unit, day("2026-01-01"), &g, &found, &e), 0);
    assert_true(found);
    v = golden_winner(&g, PF_NAME);
    assert_non_null(v);
    assert_int_equal(v->key.source, GS_BENEFICIARY);
    assert_string_equal(json_string_value(v->value), "Meena Papads");
    assert_string_equal(v->file, "lists.csv");
    assert_int_equal(v->row, 4);
    v = golden_winner(&g, PF_HIST_SCHEMES);
    assert_non_null(v);
    assert_string_equal(json_string_value(json_array_get(v->value, 0)), "pmegp");
    assert_int_equal(v->detail.kind, GD_BENEFICIARY);
    assert_string_equal(v->detail.s[2], "pan");
    golden_record_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_credit_no_training_says_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_npa_and_schemes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credit_never_npa, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skilling_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_names_gst_made_unit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
