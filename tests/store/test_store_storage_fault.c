/* Storage faults are told apart from SQL faults (db_sqlite.c): a full
 * database and a read-only one set store_storage_fault, which the web
 * server answers 503; a bad statement does not (500). The real full and
 * read-only filesystems are exercised by tests/stress/disk_full.sh; here
 * SQLite's own limits stand in, so the test runs anywhere. */
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

/* Insert a row of `bytes` zero bytes into a scratch table. */
static int insert_blob(struct db *db, int bytes, struct err *e)
{
    struct db_stmt *st;
    int rc;

    if (db_prepare(db, "INSERT INTO fault_scratch (b) VALUES (zeroblob($1))", &st, e) != 0)
        return -1;
    db_bind_int64(st, 1, bytes);
    rc = db_step(st, e);
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

static void test_full_database_is_a_storage_fault(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct err e = {""};

    assert_int_equal(db_exec(db, "CREATE TABLE fault_scratch (b BLOB)", &e), 0);
    /* No page beyond those the file has: the next growth is "full". */
    assert_int_equal(db_exec(db, "PRAGMA max_page_count = 1", &e), 0);
    assert_false(store_storage_fault(f->s));
    assert_int_equal(insert_blob(db, 1 << 20, &e), -1);
    assert_non_null(strstr(e.msg, "full"));
    assert_true(store_storage_fault(f->s));
    store_storage_fault_clear(f->s);
    assert_false(store_storage_fault(f->s));
}

static void test_read_only_is_a_storage_fault(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct err e = {""};

    assert_int_equal(db_exec(db, "CREATE TABLE fault_scratch (b BLOB)", &e), 0);
    assert_int_equal(db_exec(db, "PRAGMA query_only = 1", &e), 0);
    assert_int_equal(insert_blob(db, 10, &e), -1);
    assert_true(store_storage_fault(f->s));
    assert_int_equal(db_exec(db, "PRAGMA query_only = 0", &e), 0);
    assert_int_equal(insert_blob(db, 10, &e), 0);
}

static void test_sql_error_is_not(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct db_stmt *st;
    struct err e = {""};

    assert_int_equal(db_exec(db, "CREATE TABLE fault_scratch (b BLOB)", &e), 0);
    assert_int_equal(db_exec(db, "PRAGMA max_page_count = 1", &e), 0);
    assert_int_equal(insert_blob(db, 1 << 20, &e), -1);
    assert_true(store_storage_fault(f->s));
    /* The flag follows the last error: a bad statement after it is the SQL's. */
    assert_int_equal(db_prepare(db, "SELEC nothing", &st, &e), -1);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
