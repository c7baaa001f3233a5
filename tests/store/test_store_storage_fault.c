/* Storage faults are told apart from SQL faults (db_sqlite.c,
 * db_postgres.c): a full database and a read-only one set
 * store_storage_fault, which the web server answers 503; a bad statement
 * does not (500). The real full and read-only filesystems are exercised by
 * tests/stress/disk_full.sh; here each engine's own limits stand in, so the
 * test runs anywhere: SQLite's max_page_count and query_only, and
 * PostgreSQL's temp_file_limit (SQLSTATE 53400, out of the disk a session
 * may use) and read-only transactions (25006, as on a hot standby). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "temp_store.h"

#include "store/db.h"
#include "store/store.h"

struct fixture {
    char path[256];
    struct store *s;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL || temp_store_open("samanvay-test-storage-fault", f->path, sizeof f->path, &f->s) != 0)
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

/* The scratch table the faults are provoked on. */
static void make_scratch(struct db *db)
{
    char *sql = db_expand_ddl(db, "CREATE TABLE fault_scratch (b {{BLOB}})");
    struct err e = {""};

    assert_non_null(sql);
    if (db_exec(db, sql, &e) != 0)
        fail_msg("%s", e.msg);
    free(sql);
}

/* Insert a row of `bytes` zero bytes into the scratch table. */
static int insert_blob(struct db *db, int bytes, struct err *e)
{
    struct db_stmt *st;
    unsigned char *zeros = calloc(1, (size_t)bytes);
    int rc;

    assert_non_null(zeros);
    if (db_prepare(db, "INSERT INTO fault_scratch (b) VALUES ($1)", &st, e) != 0) {
        free(zeros);
        return -1;
    }
    db_bind_blob(st, 1, zeros, (size_t)bytes);
    rc = db_step(st, e);
    db_finalize(st);
    free(zeros);
    return rc < 0 ? -1 : 0;
}

/* PostgreSQL: a sort that must spill to disk under a 64 kB allowance of
 * temporary files, the server's "no space" for this session. */
static int pg_spill(struct db *db, struct err *e)
{
    struct db_stmt *st;
    int rc;

    if (db_exec(db, "SET work_mem = '64kB'; SET temp_file_limit = '64kB'", e) != 0)
        return 0; /* the SETs must work: returning 0 fails the caller's check */
    if (db_prepare(db, "SELECT g FROM generate_series(1, 200000) AS g ORDER BY g DESC", &st, e) != 0)
        return -1;
    rc = db_step(st, e);
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

/* Provoke the engine's "database full": -1 with e set, as a store write
 * that hit it would return. */
static int fill_up(struct db *db, struct err *e)
{
    if (temp_store_pg())
        return pg_spill(db, e);
    /* No page beyond those the file has: the next growth is "full". */
    if (db_exec(db, "PRAGMA max_page_count = 1", e) != 0)
        return 0;
    return insert_blob(db, 1 << 20, e);
}

static void test_full_database_is_a_storage_fault(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct err e = {""};

    make_scratch(db);
    assert_false(store_storage_fault(f->s));
    assert_int_equal(fill_up(db, &e), -1);
    if (strstr(e.msg, temp_store_pg() ? "SQLSTATE 53400" : "full") == NULL)
        fail_msg("not a full database: %s", e.msg);
    assert_true(store_storage_fault(f->s));
    store_storage_fault_clear(f->s);
    assert_false(store_storage_fault(f->s));
}

/* Make the connection read-only (on) or writable again (off). */
static void read_only(struct db *db, bool on)
{
    struct err e = {""};
    const char *sql = temp_store_pg()
                          ? (on ? "SET default_transaction_read_only = on" : "SET default_transaction_read_only = off")
                          : (on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");

    if (db_exec(db, sql, &e) != 0)
        fail_msg("%s: %s", sql, e.msg);
}

static void test_read_only_is_a_storage_fault(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct err e = {""};

    make_scratch(db);
    read_only(db, true);
    assert_int_equal(insert_blob(db, 10, &e), -1);
    if (temp_store_pg() && strstr(e.msg, "SQLSTATE 25006") == NULL)
        fail_msg("not a read-only transaction: %s", e.msg);
    assert_true(store_storage_fault(f->s));
    read_only(db, false);
    if (insert_blob(db, 10, &e) != 0)
        fail_msg("writable again: %s", e.msg);
}

/* PostgreSQL only (main registers it there): a store in a database the
 * operator made read-only (as a
 * replica or a maintenance window does), reached by a new connection. */
static void test_read_only_database_is_a_storage_fault(void **state)
{
    struct fixture *f = *state;
    struct store_target t = {f->path, NULL};
    struct store *s2 = NULL;
    char sql[200];
    const char *name = strrchr(f->path, '/');
    struct err e = {""};

    make_scratch(store_db(f->s));
    assert_non_null(name);
    snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" SET default_transaction_read_only = on", name + 1);
    assert_int_equal(temp_store_admin(sql), 0);
    if (store_open(&t, &s2, &e) != 0)
        fail_msg("open: %s", e.msg);
    assert_int_equal(insert_blob(store_db(s2), 10, &e), -1);
    if (strstr(e.msg, "SQLSTATE 25006") == NULL)
        fail_msg("not a read-only database: %s", e.msg);
    assert_true(store_storage_fault(s2));
    store_close(s2);
    snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" RESET default_transaction_read_only", name + 1);
    assert_int_equal(temp_store_admin(sql), 0);
}

static void test_sql_error_is_not(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct db_stmt *st;
    struct err e = {""};

    make_scratch(db);
    assert_int_equal(fill_up(db, &e), -1);
    assert_true(store_storage_fault(f->s));
    /* The flag follows the last error: a bad statement after it is the SQL's. */
    assert_int_equal(db_prepare(db, "SELEC nothing", &st, &e) == 0 ? db_step(st, &e) : -1, -1);
    assert_false(store_storage_fault(f->s));
    assert_int_equal(db_exec(db, "INSERT INTO no_such_table VALUES (1)", &e), -1);
    assert_false(store_storage_fault(f->s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_database_is_a_storage_fault, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_is_a_storage_fault, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_error_is_not, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_database_is_a_storage_fault, setup, teardown),
    };
    size_t n = sizeof tests / sizeof tests[0];

    /* A read-only database is PostgreSQL's (a setting of the database);
     * SQLite's read-only file is tests/stress/disk_full.sh's. */
    return _cmocka_run_group_tests("storage_fault", tests, temp_store_pg() ? n : n - 1, NULL, NULL);
}
