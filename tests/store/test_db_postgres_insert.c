/* db_insert's contract (db.h) on both drivers: an INSERT ending with
 * {{RETURNING_ID}} gives the new row's id, and "not inserted" after ON
 * CONFLICT DO NOTHING. On PostgreSQL an INSERT without the macro is an
 * error, not a silent id 0 for a row that went in (the correction
 * requests' INSERT once read back id 0 that way). */
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
    struct err e = {""};
    char *sql;

    if (f == NULL || temp_store_open("samanvay-test-db-insert", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    sql = db_expand_ddl(store_db(f->s), "CREATE TABLE insert_scratch (id {{AUTO_ID}}, k TEXT UNIQUE)");
    if (sql == NULL || db_exec(store_db(f->s), sql, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        free(sql);
        return -1;
    }
    free(sql);
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

/* Insert k with sql; the outcome of db_insert. */
static int insert(struct fixture *f, const char *sql, const char *k, int64_t *id, bool *inserted,
                  struct err *e)
{
    struct db_stmt *st;
    int rc;

    if (db_prepare(store_db(f->s), sql, &st, e) != 0)
        fail_msg("%s", e->msg);
    assert_int_equal(db_bind_text(st, 1, k, strlen(k)), 0);
    rc = db_insert(st, id, inserted, e);
    db_finalize(st);
    return rc;
}

static void test_returning_id(void **state)
{
    static const char sql[] =
        "INSERT INTO insert_scratch (k) VALUES ($1) ON CONFLICT (k) DO NOTHING {{RETURNING_ID}}";
    struct fixture *f = *state;
    struct err e = {""};
    int64_t a = 0, b = 0;
    bool inserted = false;

    if (insert(f, sql, "a", &a, &inserted, &e) != 0)
        fail_msg("%s", e.msg);
    assert_true(inserted);
    assert_true(a > 0);
    if (insert(f, sql, "b", &b, &inserted, &e) != 0)
        fail_msg("%s", e.msg);
    assert_true(inserted);
    assert_true(b > a);
    if (insert(f, sql, "a", &a, &inserted, &e) != 0)
        fail_msg("%s", e.msg);
    assert_false(inserted);
}

static void test_without_returning_id(void **state)
{
    struct fixture *f = *state;
    struct err e = {""};
    int64_t id = 0;
    bool inserted = false;
    int rc = insert(f, "INSERT INTO insert_scratch (k) VALUES ($1)", "c", &id, &inserted, &e);

    if (temp_store_pg()) {
        assert_int_equal(rc, -1);
        assert_non_null(strstr(e.msg, "RETURNING_ID"));
    } else {
        /* SQLite's answer comes from last_insert_rowid, macro or not. */
        assert_int_equal(rc, 0);
        assert_true(inserted);
        assert_true(id > 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_returning_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_returning_id, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
