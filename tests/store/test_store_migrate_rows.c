/* Migrations 0026 and 0027 keep the rows they find: a store made at
 * schema 26 with applications in two states, their events, a grievance, a
 * notification and a chained audit log is migrated to 27 (on PostgreSQL
 * that partitions application by state and audit_log by year, with
 * (id, gst_state) references; on SQLite 0027 is recorded and does
 * nothing). Afterwards every row reads back through the store, the chain
 * still verifies, new ids continue after the old ones, and on PostgreSQL a
 * reference naming an application with the wrong state is refused. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/db.h"
#include "store/store_application.h"
#include "store/store_audit.h"
#include "temp_store.h"

/* Rows as they were written at schema 26 (0026 added application_gst_state). */
static const char rows_at_26[] =
    "INSERT INTO ingest_file (id, feed, name, digest, size_bytes, status, started_at)"
    " VALUES (1, 'udyam', 'u.csv', 'd1', 1, 'complete', '2026-01-01');"
    "INSERT INTO enterprise (id, udyam, name, state, district, content_hash, src_feed, src_file,"
    " src_row, updated_at) VALUES (1, 'U1', 'A', '27', 'Pune', 1, 'udyam', 1, 1, 'x'),"
    " (2, 'U2', 'B', '09', 'Agra', 2, 'udyam', 1, 2, 'x');"
    /* Users and bundles take their ids from the store (1 and 2 in a new
     * database); applications are given theirs, so the new ones must start
     * after them whatever the id generator had counted. */
    "INSERT INTO app_user (username, password_hash, role, created_at)"
    " VALUES ('asha', 'h', 'entrepreneur', 'x'), ('ravi', 'h', 'officer', 'x');"
    "INSERT INTO bundle (enterprise_id, user_id, answers, created_at)"
    " VALUES (1, 1, '{}', 'x'), (2, 1, '{}', 'x');"
    "INSERT INTO application (id, bundle_id, enterprise_id, scheme_id, state, gst_state, district,"
    " sla_days, eligibility, created_on, updated_at) VALUES"
    " (1, 1, 1, 'pmegp', 'submitted', '27', 'Pune', 30, 'eligible', '2026-01-05', 'x'),"
    " (2, 1, 1, 'cgtmse', 'submitted', '27', 'Pune', 30, 'eligible', '2026-01-05', 'x'),"
    " (3, 2, 2, 'pmegp', 'submitted', '09', 'Agra', 30, 'eligible', '2026-02-01', 'x');"
    "INSERT INTO application_event (application_id, application_gst_state, action, to_state,"
    " user_id, role, on_date, at) VALUES"
    " (1, '27', 'create', 'draft', 1, 'entrepreneur', '2026-01-05', 'x'),"
    " (1, '27', 'submit', 'submitted', 1, 'entrepreneur', '2026-01-05', 'x'),"
    " (2, '27', 'submit', 'submitted', 1, 'entrepreneur', '2026-01-05', 'x'),"
    " (3, '09', 'submit', 'submitted', 1, 'entrepreneur', '2026-02-01', 'x');"
    "INSERT INTO grievance (enterprise_id, user_id, subject, application_id, application_gst_state,"
    " category, body, state, level, level_since, gst_state, district, filed_on, updated_at)"
    " VALUES (2, 1, 'application', 3, '09', 'delay', 'no answer', 'open', 'district', '2026-03-01',"
    " '09', 'Agra', '2026-03-01', 'x');"
    "INSERT INTO notification (enterprise_id, kind, application_id, application_gst_state, at)"
    " VALUES (1, 'application.submitted', 2, '27', 'x');";

static int32_t day(int y, int m, int d)
{
    int32_t out = 0;

    assert_int_equal(date_from_ymd(y, m, d, &out), 0);
    return out;
}

struct fx {
    char path[256];
    struct store *s;
};

static int64_t count(struct store *s, const char *sql)
{
    struct db_stmt *st;
    struct err e;
    int64_t n = -1;

    if (db_prepare(store_db(s), sql, &st, &e) != 0)
        return -1;
    if (db_step(st, &e) == DB_ROW)
        n = db_column_int64(st, 0);
    db_finalize(st);
    return n;
}

static int append_audit(struct store *s, int64_t enterprise_id)
{
    struct audit_entry a = {2, "ravi", "officer", "enterprise.read", enterprise_id,
                            "GET /api/v1/enterprises/{id}", "grievance 1"};
    struct err e;

    return store_audit_append(s, &a, &e);
}

static int setup(void **state)
{
    struct fx *f = mem_calloc(1, sizeof *f);
    struct err e;
    int applied;

    /* A database with no schema at all: not the suite's migrated template. */
    unsetenv("SAMANVAY_TEST_PG_TEMPLATE");
    if (f == NULL || temp_store_open_empty("samanvay-test-migrate-rows", f->path, sizeof f->path,
                                           &f->s) != 0)
        return -1;
    if (store_migrate_to(f->s, 26, &applied, &e) != 0 || db_exec(store_db(f->s), rows_at_26, &e) != 0
        || append_audit(f->s, 1) != 0 || append_audit(f->s, 2) != 0 || append_audit(f->s, 1) != 0
        || store_migrate(f->s, &applied, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    temp_store_remove(f->s, f->path);
    mem_free(f);
    return 0;
}

static void test_rows_read_back(void **state)
{
    struct fx *f = *state;
    struct app_row a;
    struct err e;
    bool found;
    int version = 0;

    assert_int_equal(store_schema_version(f->s, &version, &e), 0);
    assert_true(version >= 27);
    assert_int_equal(store_app_get(f->s, 3, day(2026, 3, 1), &a, &found, &e), 0);
    assert_true(found);
    assert_string_equal(a.gst_state, "09");
    assert_string_equal(a.scheme_id, "pmegp");
    assert_string_equal(a.enterprise_name, "B");
    assert_int_equal(store_app_get(f->s, 1, day(2026, 3, 1), &a, &found, &e), 0);
    assert_true(found);
    assert_string_equal(a.gst_state, "27");
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM application"), 3);
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM application_event"), 4);
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM grievance WHERE application_id = 3"
                                 " AND application_gst_state = '09'"),
                     1);
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM notification WHERE application_id = 2"
                                 " AND application_gst_state = '27'"),
                     1);
}

static void test_chain_still_verifies(void **state)
{
    struct fx *f = *state;
    struct audit_verify v;
    struct err e;

    assert_int_equal(store_audit_verify(f->s, NULL, &v, NULL, NULL, &e), 0);
    assert_int_equal(v.fault, AUDIT_INTACT);
    assert_int_equal(v.rows, 3);
    assert_int_equal(append_audit(f->s, 2), 0);
    assert_int_equal(store_audit_verify(f->s, NULL, &v, NULL, NULL, &e), 0);
    assert_int_equal(v.fault, AUDIT_INTACT);
    assert_int_equal(v.rows, 4);
    assert_true(v.head_id > 3);
}

static void test_new_application_after_old_ids(void **state)
{
    struct fx *f = *state;
    struct enterprise ent;
    struct app_new app = {"zed", 45, "eligible", -1};
    int64_t bundle = 0, id = 0;
    struct err e;

    memset(&ent, 0, sizeof ent);
    ent.id = 2;
    ent.state = 9;
    snprintf(ent.district, sizeof ent.district, "Agra");
    if (store_bundle_create(f->s, &ent, 1, "entrepreneur", "{}", &app, 1, day(2026, 4, 1), &bundle,
                            &id, &e)
        != 0)
        fail_msg("%s", e.msg);
    assert_true(bundle > 0);
    assert_true(id > 3);
    /* Its events were written with the application's state. */
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM application_event WHERE application_id > 3"
                                 " AND application_gst_state = '09'"),
                     2);
}

static void test_postgres_partitions_and_pairs(void **state)
{
    struct fx *f = *state;
    struct err e;

    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM pg_class WHERE relkind = 'p'"
                                 " AND relname IN ('application', 'audit_log')"),
                     2);
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM application_s09"), 2);
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM application_s27"), 2);
    assert_int_equal(count(f->s, "SELECT COUNT(*) FROM audit_log_y2026")
                         + count(f->s, "SELECT COUNT(*) FROM audit_log_other"),
                     count(f->s, "SELECT COUNT(*) FROM audit_log"));
    /* An event naming application 1 (state 27) as state 09 is refused. */
    assert_int_not_equal(db_exec(store_db(f->s),
                                 "INSERT INTO application_event (application_id,"
                                 " application_gst_state, action, to_state, user_id, role, on_date,"
                                 " at) VALUES (1, '09', 'x', 'submitted', 1, 'officer', 'd', 'x')",
                                 &e),
                         0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_read_back),
        cmocka_unit_test(test_chain_still_verifies),
        cmocka_unit_test(test_new_application_after_old_ids),
        cmocka_unit_test(test_postgres_partitions_and_pairs),
    };
    size_t n = sizeof tests / sizeof tests[0];

    /* The last test is PostgreSQL's alone. */
    return _cmocka_run_group_tests("migrate_rows", tests, temp_store_pg() ? n : n - 1, setup,
                                   teardown);
}
