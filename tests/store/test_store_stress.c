/* store_stress: histories streamed in enterprise order from the three
 * merged queries, a model row round trip, and a month's scores replaced
 * rather than added to. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_stress.h"
#include "temp_store.h"

static struct store *s;
static char path[256];

/* Three enterprises: 1 files GST only; 2 borrows only (two facilities,
 * rows stored out of month order); 3 does both and has two claims, one
 * open and one settled by a receipt. */
static const char fixture[] =
    "INSERT INTO ingest_file (id, feed, name, digest, size_bytes, status, started_at)"
    " VALUES (1, 'udyam', 'f.csv', 'x', 1, 'complete', '2026-01-01T00:00:00Z');"
    "INSERT INTO enterprise (id, name, state, content_hash, src_feed, src_file, src_row, updated_at)"
    " VALUES (1, 'A', '27', 1, 'udyam', 1, 1, 'now'), (2, 'B', '27', 2, 'udyam', 1, 2, 'now'),"
    "        (3, 'C', '27', 3, 'udyam', 1, 3, 'now');"
    "INSERT INTO gst_return (gstin, return_type, period, enterprise_id, frequency, due_on, filed_on,"
    " taxable_value_paise, tax_paise, content_hash, src_file, src_row) VALUES"
    " ('G1', 'GSTR3B', '2026-01', 1, 'monthly', '2026-02-20', '2026-02-18', 1000, 180, 1, 1, 1),"
    " ('G1', 'GSTR3B', '2026-02', 1, 'monthly', '2026-03-20', NULL, NULL, NULL, 1, 1, 2),"
    " ('G3', 'CMP08', '2026-03', 3, 'quarterly', '2026-04-18', '2026-05-01', 3000, 30, 1, 1, 3);"
    "INSERT INTO credit_facility (facility_id, lender_ifsc, enterprise_id, facility_type,"
    " sanctioned_on, sanctioned_paise, as_of_month, src_file, src_row) VALUES"
    " ('F2b', 'SBIN0000001', 2, 'term_loan', '2025-06-01', 50000, '2026-03', 1, 1),"
    " ('F2a', 'SBIN0000001', 2, 'cash_credit', '2025-01-10', 10000, '2026-03', 1, 2),"
    " ('F3', 'SBIN0000001', 3, 'overdraft', '2024-01-10', 20000, '2026-03', 1, 3);"
    "INSERT INTO credit_status (facility_id, month, outstanding_paise, dpd, asset_class,"
    " content_hash, src_file, src_row) VALUES"
    " ('F2a', '2026-03', 9000, 95, 'NPA', 1, 1, 1), ('F2a', '2026-01', 8000, 35, 'SMA1', 1, 1, 2),"
    " ('F2b', '2026-02', 40000, 0, 'STD', 1, 1, 3), ('F2a', '2026-02', 8500, 65, 'SMA2', 1, 1, 4),"
    " ('F3', '2026-03', 5000, 0, 'STD', 1, 1, 5);"
    "INSERT INTO app_user (id, username, password_hash, role, created_at)"
    " VALUES (1, 'u', 'x', 'entrepreneur', 'now');"
    "INSERT INTO payment_claim (id, enterprise_id, user_id, buyer, invoice_no, amount_paise,"
    " accepted_on, state, filed_on) VALUES"
    " (1, 3, 1, 'Buyer', 'I1', 100, '2026-01-01', 'filed', '2026-02-20'),"
    " (2, 3, 1, 'Buyer', 'I2', 100, '2026-01-01', 'settled', '2026-02-21');"
    "INSERT INTO payment_claim_receipt (claim_id, received_on, amount_paise)"
    " VALUES (2, '2026-03-05', 60), (2, '2026-03-25', 40);";

static int setup(void **state)
{
    struct err e;

    (void)state;
    if (temp_store_open("stress", path, sizeof path, &s) != 0)
        return -1;
    if (db_exec(store_db(s), fixture, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    temp_store_remove(s, path);
    return 0;
}

struct seen {
    int n;
    int64_t id[8];
    size_t gst[8], fac[8], credit[8], claim[8];
    bool credit_sorted, claim_ok, gst_ok;
};

static int32_t day(const char *iso)
{
    int32_t d;
    struct err e;

    return date_parse(iso, strlen(iso), &d, &e) == 0 ? d : DATE_UNKNOWN;
}

static int collect(void *ctx, const struct stress_history *h)
{
    struct seen *v = ctx;
    int i = v->n++;

    v->id[i] = h->enterprise_id;
    v->gst[i] = h->n_gst;
    v->fac[i] = h->n_facility;
    v->credit[i] = h->n_credit;
    v->claim[i] = h->n_claim;
    for (size_t k = 1; k < h->n_credit; k++) {
        const struct stress_credit *a = &h->credit[k - 1], *b = &h->credit[k];
        if (a->facility > b->facility || (a->facility == b->facility && a->month >= b->month))
            v->credit_sorted = false;
    }
    if (h->enterprise_id == 3 && h->n_claim == 2)
        v->claim_ok = h->claim[0].closed_on == DATE_UNKNOWN
                      && h->claim[1].closed_on == day("2026-03-25");
    if (h->enterprise_id == 1 && h->n_gst == 2)
        v->gst_ok = h->gst[1].filed_on == DATE_UNKNOWN && h->gst[1].taxable_paise < 0
                    && h->n_compliance == 2 && h->compliance[0].due_on == day("2026-02-20");
    return 0;
}

static void test_each_merges_in_enterprise_order(void **state)
{
    struct seen v = {.credit_sorted = true};
    struct err e;

    (void)state;
    assert_int_equal(store_stress_each(s, false, collect, &v, &e), 0);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.id[0], 1);
    assert_int_equal(v.id[1], 2);
    assert_int_equal(v.id[2], 3);
    assert_int_equal(v.gst[0], 2);
    assert_int_equal(v.fac[0], 0);
    assert_int_equal(v.gst[1], 0);
    assert_int_equal(v.fac[1], 2);
    assert_int_equal(v.credit[1], 4);
    assert_int_equal(v.gst[2], 1);
    assert_int_equal(v.credit[2], 1);
    assert_int_equal(v.claim[2], 2);
    assert_true(v.credit_sorted);
    assert_true(v.claim_ok);
    assert_true(v.gst_ok);
}

static void test_last_month_and_panel(void **state)
{
    struct stress_matrix *m = NULL;
    int32_t last;
    struct err e;

    (void)state;
    assert_int_equal(store_stress_last_month(s, &last, &e), 0);
    assert_int_equal(last, store_stress_month_parse("2026-03"));
    /* At 2026-02: enterprise 2 (SMA-2, NPA in 2026-03: label 1; 12 months
     * not yet observed does not matter for a positive). Enterprise 3 has
     * no row at 2026-02. At 2026-03: 2 is NPA (left out), 3 is in, label
     * unknown. */
    assert_int_equal(store_stress_panel(s, last - 1, last, last, &m, &e), 0);
    assert_int_equal(m->rows, 2);
    assert_int_equal(m->enterprise_id[0], 2);
    assert_int_equal(m->month[0], last - 1);
    assert_float_equal(m->label[0], 1, 0);
    assert_float_equal(m->x[SF_SMA_CLASS], 2, 0);
    assert_int_equal(m->enterprise_id[1], 3);
    assert_true(isnan(m->label[1]));
    stress_matrix_free(m);
}

static void test_model_round_trip(void **state)
{
    unsigned char bytes[] = {0, 1, 2, 0, 255};
    struct stress_model_row m = {0}, back;
    bool found;
    struct err e;

    (void)state;
    assert_int_equal(store_stress_model_latest(s, &back, &found, &e), 0);
    assert_false(found);
    snprintf(m.trained_at, sizeof m.trained_at, "2026-12-06T00:00:00Z");
    snprintf(m.train_from, sizeof m.train_from, "2024-04");
    snprintf(m.train_to, sizeof m.train_to, "2024-11");
    m.features = "[\"a\"]";
    m.booster = bytes;
    m.booster_len = sizeof bytes;
    m.calibration = "{}";
    assert_int_equal(store_stress_model_put(s, &m, &e), 0);
    assert_int_equal(store_stress_model_set_backtest(s, m.id, "{\"auc\": 0.7}", &e), 0);
    assert_int_equal(store_stress_model_latest(s, &back, &found, &e), 0);
    assert_true(found);
    assert_int_equal(back.id, m.id);
    assert_string_equal(back.train_to, "2024-11");
    assert_int_equal(back.booster_len, sizeof bytes);
    assert_memory_equal(back.booster, bytes, sizeof bytes);
    assert_string_equal(back.backtest, "{\"auc\": 0.7}");
    store_stress_model_row_free(&back);
}

static int64_t count_scores(void)
{
    struct db_stmt *st;
    struct err e;
    int64_t n = -1;

    if (db_prepare(store_db(s), "SELECT count(*) FROM stress_score", &st, &e) != 0)
        return -1;
    if (db_step(st, &e) == DB_ROW)
        n = db_column_int64(st, 0);
    db_finalize(st);
    return n;
}

static void test_scores_replace(void **state)
{
    struct stress_model_row m = {0};
    struct err e;

    (void)state;
    snprintf(m.trained_at, sizeof m.trained_at, "t");
    snprintf(m.train_from, sizeof m.train_from, "2024-04");
    snprintf(m.train_to, sizeof m.train_to, "2024-11");
    m.features = "[]";
    m.booster = (unsigned char *)"x";
    m.booster_len = 1;
    m.calibration = "{}";
    assert_int_equal(store_stress_model_put(s, &m, &e), 0);
    for (int run = 0; run < 2; run++) {
        assert_int_equal(store_begin(s, &e), 0);
        assert_int_equal(store_stress_scores_clear(s, "2026-03", &e), 0);
        for (int64_t id = 1; id <= 3; id++)
            assert_int_equal(store_stress_score_put(s, id, "2026-03", m.id, 0.1 * id, "[]", &e), 0);
        assert_int_equal(store_commit(s, &e), 0);
        assert_int_equal(count_scores(), 3);
    }
    /* A rolled-back run leaves the month as it was. */
    assert_int_equal(store_begin(s, &e), 0);
    assert_int_equal(store_stress_scores_clear(s, "2026-03", &e), 0);
    assert_int_equal(store_stress_score_put(s, 1, "2026-03", m.id, 0.5, "[]", &e), 0);
    store_rollback(s);
    assert_int_equal(count_scores(), 3);
}

static void test_month_text(void **state)
{
    char out[8];

    (void)state;
    assert_int_equal(store_stress_month_parse("2026-03"), 2026 * 12 + 2);
    assert_int_equal(store_stress_month_parse("2026-13"), -1);
    assert_int_equal(store_stress_month_parse("2026-3"), -1);
    assert_int_equal(store_stress_month_parse(""), -1);
    store_stress_month_text(2026 * 12 + 11, out);
    assert_string_equal(out, "2026-12");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_merges_in_enterprise_order),
        cmocka_unit_test(test_last_month_and_panel),
        cmocka_unit_test(test_model_round_trip),
        cmocka_unit_test(test_scores_replace),
        cmocka_unit_test(test_month_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
