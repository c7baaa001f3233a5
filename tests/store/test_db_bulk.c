/* The PostgreSQL driver's bulk paths, run on both backends.
 *
 * db_copy_begin/row/end (db.h): rows sent through PostgreSQL's COPY come
 * back byte for byte — tabs, newlines, carriage returns, backslashes, the
 * text "\N", Devanagari — and NULL stays NULL; a row the server refuses
 * fails db_copy_end and leaves the connection usable. SQLite has no COPY:
 * db_can_copy says so and db_copy_begin refuses. */
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

    if (f == NULL || temp_store_open("samanvay-test-db-copy", f->path, sizeof f->path, &f->s) != 0)
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

static const char *const texts[] = {
    "plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "\\", "",
    "शक्ति वस्त्र", "ends with backslash\\",
};
#define N_TEXTS (sizeof texts / sizeof texts[0])

static void test_round_trip(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct db_stmt *st;
    struct err e = {""};
    char num[8];
    size_t n = 0;

    if (!db_can_copy(db)) {
        assert_int_equal(db_copy_begin(db, "COPY nothing FROM STDIN", &e), -1);
        assert_non_null(strstr(e.msg, "no COPY"));
        return;
    }
    assert_int_equal(db_exec(db, "CREATE TABLE copy_scratch (i BIGINT, t TEXT)", &e), 0);
    assert_int_equal(db_copy_begin(db, "COPY copy_scratch (i, t) FROM STDIN", &e), 0);
    for (size_t i = 0; i < N_TEXTS; i++) {
        const char *row[2] = {num, texts[i]};
        snprintf(num, sizeof num, "%zu", i);
        assert_int_equal(db_copy_row(db, row, 2, &e), 0);
    }
    {
        const char *row[2] = {"99", NULL};
        assert_int_equal(db_copy_row(db, row, 2, &e), 0);
    }
    assert_int_equal(db_copy_end(db, &e), 0);
    assert_int_equal(db_prepare(db, "SELECT i, t FROM copy_scratch ORDER BY i", &st, &e), 0);
    while (db_step(st, &e) == DB_ROW) {
        int64_t i = db_column_int64(st, 0);
        if (i == 99) {
            assert_true(db_column_is_null(st, 1));
        } else {
            assert_true(i >= 0 && (size_t)i < N_TEXTS);
            assert_string_equal(db_column_text(st, 1), texts[i]);
            assert_int_equal(db_column_bytes(st, 1), strlen(texts[i]));
        }
        n++;
    }
    db_finalize(st);
    assert_int_equal(n, N_TEXTS + 1);
}

static void test_refused_row(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct db_stmt *st;
    struct err e = {""};
    const char *bad[2] = {"not a number", "x"};

    if (!db_can_copy(db))
        return;
    assert_int_equal(db_exec(db, "CREATE TABLE copy_scratch (i BIGINT, t TEXT)", &e), 0);
    assert_int_equal(db_copy_begin(db, "COPY copy_scratch (i, t) FROM STDIN", &e), 0);
    assert_int_equal(db_copy_row(db, bad, 2, &e), 0); /* the server judges at the end */
    assert_int_equal(db_copy_end(db, &e), -1);
    assert_non_null(strstr(e.msg, "bigint"));
    assert_false(db_storage_fault(db));
    /* Nothing went in, and the connection still answers. */
    assert_int_equal(db_prepare(db, "SELECT COUNT(*) FROM copy_scratch", &st, &e), 0);
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_int_equal(db_column_int64(st, 0), 0);
    db_finalize(st);
}

/* db_prepare_stream: 12,001 rows (more than two of PostgreSQL's fetch
 * batches) from two statements stepped in turn inside one read
 * transaction, each row once and in order; the same on SQLite. */
static void test_stream(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct db_stmt *a, *b;
    struct err e = {""};
    int64_t next_a = 0, next_b = 0;
    int rc_a = DB_ROW, rc_b = DB_ROW;

    assert_int_equal(db_exec(db, "CREATE TABLE stream_scratch (i BIGINT PRIMARY KEY)", &e), 0);
    assert_int_equal(db_exec(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)"
                                 " INSERT INTO stream_scratch SELECT i FROM n", &e), 0);
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_int_equal(db_prepare_stream(db, "SELECT i FROM stream_scratch WHERE i >= $1 ORDER BY i", &a, &e), 0);
    assert_int_equal(db_prepare_stream(db, "SELECT i FROM stream_scratch ORDER BY i DESC", &b, &e), 0);
    assert_int_equal(db_bind_int64(a, 1, 0), 0);
    while (rc_a == DB_ROW || rc_b == DB_ROW) {
        if (rc_a == DB_ROW && (rc_a = db_step(a, &e)) == DB_ROW)
            assert_int_equal(db_column_int64(a, 0), next_a++);
        if (rc_b == DB_ROW && (rc_b = db_step(b, &e)) == DB_ROW)
            assert_int_equal(db_column_int64(b, 0), 12000 - next_b++);
        assert_true(rc_a >= 0 && rc_b >= 0);
    }
    assert_int_equal(next_a, 12001);
    assert_int_equal(next_b, 12001);
    /* Reset and run again from the top. */
    assert_int_equal(db_reset(a), 0);
    assert_int_equal(db_bind_int64(a, 1, 11999), 0);
    assert_int_equal(db_step(a, &e), DB_ROW);
    assert_int_equal(db_column_int64(a, 0), 11999);
    db_finalize(a);
    db_finalize(b);
    assert_int_equal(db_commit(db, &e), 0);
}

/* On PostgreSQL a streamed statement is a cursor, which needs a transaction. */
static void test_stream_needs_a_transaction(void **state)
{
    struct fixture *f = *state;
    struct db *db = store_db(f->s);
    struct db_stmt *a;
    struct err e = {""};

    if (!db_can_copy(db))
        return;
    assert_int_equal(db_prepare_stream(db, "SELECT 1", &a, &e), 0);
    assert_int_equal(db_step(a, &e), -1);
    assert_non_null(strstr(e.msg, "transaction"));
    db_finalize(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream_needs_a_transaction, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
