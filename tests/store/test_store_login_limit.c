/* Sign-in failure counters and locks on a real SQLite file
 * (store_login_limit.c, migration 0023): the threshold within a window,
 * a window that has passed starting afresh, the lock's end, a lock
 * reported as new only once, usernames and addresses kept apart, clear,
 * and stale rows purged. Times are given, not read from the clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "temp_store.h"

#include "store/db.h"
#include "store/store_login_limit.h"

#define WINDOW 900
#define LOCK 600
#define T0 1800000000

struct fixture {
    char path[256];
    struct store *s;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL || temp_store_open("samanvay-test-login", f->path, sizeof f->path, &f->s) != 0)
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

/* One failure at `now` with threshold 3; returns locked + 2 * locked_now. */
static int fail_at(struct store *s, enum login_key k, const char *key, int64_t now)
{
    struct err e;
    bool locked = false, locked_now = false;

    assert_int_equal(store_login_failure(s, k, key, now, WINDOW, 3, LOCK, &locked, &locked_now, &e), 0);
    return (locked ? 1 : 0) + (locked_now ? 2 : 0);
}

static int64_t until(struct store *s, const char *user, const char *ip, int64_t now)
{
    struct err e;
    int64_t u = -1;

    assert_int_equal(store_login_locked_until(s, user, ip, now, &u, &e), 0);
    return u;
}

static int64_t rows(struct store *s)
{
    struct err e;
    struct db_stmt *st = db_cached(store_db(s), "SELECT COUNT(*) FROM login_attempt", &e);
    int64_t n;

    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    n = db_column_int64(st, 0);
    db_reset(st);
    return n;
}

static void test_threshold_and_lock(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(fail_at(f->s, LOGIN_KEY_USER, "asha", T0), 0);
    assert_int_equal(fail_at(f->s, LOGIN_KEY_USER, "asha", T0 + 10), 0);
    assert_int_equal(until(f->s, "asha", "10.0.0.1", T0 + 20), 0);
    assert_int_equal(fail_at(f->s, LOGIN_KEY_USER, "asha", T0 + 20), 3);   /* locked, by this one */
    assert_int_equal(until(f->s, "asha", "10.0.0.1", T0 + 21), T0 + 20 + LOCK);
    assert_int_equal(until(f->s, "Asha", "10.0.0.1", T0 + 21), 0);     /* as typed, exactly */
    assert_int_equal(until(f->s, "ravi", "asha", T0 + 21), 0);         /* kinds kept apart */
    /* A failure while locked starts the next count, and is no new lock. */
    assert_int_equal(fail_at(f->s, LOGIN_KEY_USER, "asha", T0 + 30), 0);
    assert_int_equal(until(f->s, "asha", "", T0 + 20 + LOCK - 1), T0 + 20 + LOCK);
    assert_int_equal(until(f->s, "asha", "", T0 + 20 + LOCK), 0);      /* the lock has ended */
}

static void test_window_restarts(void **state)
{
    struct fixture *f = *state;

    assert_int_equal(fail_at(f->s, LOGIN_KEY_IP, "10.0.0.2", T0), 0);
    assert_int_equal(fail_at(f->s, LOGIN_KEY_IP, "10.0.0.2", T0 + 100), 0);
    /* The window began at T0: at T0 + WINDOW it has passed, count from 1. */
    assert_int_equal(fail_at(f->s, LOGIN_KEY_IP, "10.0.0.2", T0 + WINDOW), 0);
    assert_int_equal(fail_at(f->s, LOGIN_KEY_IP, "10.0.0.2", T0 + WINDOW + 1), 0);
    assert_int_equal(fail_at(f->s, LOGIN_KEY_IP, "10.0.0.2", T0 + WINDOW + 2), 3);
    assert_int_equal(until(f->s, "", "10.0.0.2", T0 + WINDOW + 3), T0 + WINDOW + 2 + LOCK);
}

static void test_clear_and_purge(void **state)
{
    struct fixture *f = *state;
    struct err e;
    bool cleared = false;

    for (int i = 0; i < 3; i++)
        fail_at(f->s, LOGIN_KEY_USER, "udyami", T0 + i);
    assert_true(until(f->s, "udyami", "", T0 + 5) > 0);
    assert_int_equal(store_login_clear(f->s, LOGIN_KEY_USER, "udyami", &cleared, &e), 0);
    assert_true(cleared);
    assert_int_equal(until(f->s, "udyami", "", T0 + 5), 0);
    assert_int_equal(store_login_clear(f->s, LOGIN_KEY_USER, "udyami", &cleared, &e), 0);
    assert_false(cleared);
    /* Two rows, one stale long after: the next failure removes it. */
    fail_at(f->s, LOGIN_KEY_USER, "old-name", T0);
    fail_at(f->s, LOGIN_KEY_USER, "other", T0 + 10 * WINDOW);
    assert_int_equal(until(f->s, "old-name", "", T0 + 10 * WINDOW), 0);
    fail_at(f->s, LOGIN_KEY_USER, "other", T0 + 10 * WINDOW + 1);
    assert_int_equal(rows(f->s), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_threshold_and_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_window_restarts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_and_purge, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
