/* Sessions, accounts and the audit log against a real SQLite store:
 * expiry (idle and absolute), rotation, disabled accounts, the CSRF token,
 * duplicate usernames, and that audit rows only ever accumulate. */
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
#include <sodium.h>

#include "store/db.h"
#include "store/store_auth.h"
#include "web/demo_accounts.h"
#include "web/password.h"
#include "web/session.h"

#define T0 1800000000  /* a fixed "now", 2027-01-15 */

struct fixture {
    char path[256];
    struct store *s;
    int64_t officer, admin;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct auth_user u;
    struct err e;
    bool created;

    if (temp_store_open("test_session", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    memset(&u, 0, sizeof u);
    snprintf(u.username, sizeof u.username, "pune");
    u.role = AUTH_ROLE_OFFICER;
    snprintf(u.state, sizeof u.state, "27");
    snprintf(u.district, sizeof u.district, "PUNE");
    /* hashes are not verified here, so no Argon2 cost per test */
    if (store_user_add(f->s, &u, "$argon2id$not-a-real-hash", &f->officer, &created, &e) != 0)
        return -1;
    snprintf(u.username, sizeof u.username, "root");
    u.role = AUTH_ROLE_ADMIN;
    u.state[0] = u.district[0] = '\0';
    u.disabled = true;
    if (store_user_add(f->s, &u, "$argon2id$x", &f->admin, &created, &e) != 0)
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

static void test_user_roundtrip(void **state)
{
    struct fixture *f = *state;
    char hash[AUTH_HASH_MAX];
    struct auth_user u, again;
    struct err e;
    bool found, created;

    assert_int_equal(store_user_find(f->s, "pune", &u, hash, &found, &e), 0);
    assert_true(found);
    assert_int_equal(u.id, f->officer);
    assert_int_equal(u.role, AUTH_ROLE_OFFICER);
    assert_string_equal(u.state, "27");
    assert_string_equal(u.district, "PUNE");
    assert_string_equal(hash, "$argon2id$not-a-real-hash");
    assert_int_equal(store_user_find(f->s, "PUNE", &u, hash, &found, &e), 0);
    assert_false(found);   /* usernames are exact */
    memset(&again, 0, sizeof again);
    snprintf(again.username, sizeof again.username, "pune");
    again.role = AUTH_ROLE_ADMIN;
    assert_int_equal(store_user_add(f->s, &again, "$argon2id$other", NULL, &created, &e), 0);
    assert_false(created);
    assert_int_equal(store_user_find(f->s, "pune", &u, hash, &found, &e), 0);
    assert_int_equal(u.role, AUTH_ROLE_OFFICER);   /* the existing account is untouched */
}

static void test_session_lifecycle(void **state)
{
    struct fixture *f = *state;
    struct session s, loaded;
    char cookie[AUTH_HEX_TOKEN];
    struct err e;

    assert_int_equal(session_start(f->s, f->officer, T0, &s, &e), 0);
    assert_true(s.valid && s.signed_in);
    assert_int_equal(strlen(s.issued), 64);
    assert_int_equal(strlen(s.row.csrf), 64);
    assert_string_not_equal(s.issued, s.row.id_hash);
    snprintf(cookie, sizeof cookie, "%s", s.issued);

    assert_int_equal(session_load(f->s, cookie, T0 + 10, &loaded, &e), 0);
    assert_true(loaded.valid && loaded.signed_in);
    assert_string_equal(loaded.user.username, "pune");
    assert_true(session_csrf_ok(&loaded, s.row.csrf));
    assert_false(session_csrf_ok(&loaded, cookie));   /* the id is not the token */

    /* activity keeps it alive idle period after idle period ... */
    int64_t t = T0;
    while (t + SESSION_IDLE_SECONDS - 1 < T0 + SESSION_ABSOLUTE_SECONDS) {
        t += SESSION_IDLE_SECONDS - 1;
        assert_int_equal(session_load(f->s, cookie, t, &loaded, &e), 0);
        assert_true(loaded.valid);
    }
    /* ... but not past the absolute limit, however recent the last request */
    assert_true(T0 + SESSION_ABSOLUTE_SECONDS - t < SESSION_IDLE_SECONDS);
    assert_int_equal(session_load(f->s, cookie, T0 + SESSION_ABSOLUTE_SECONDS, &loaded, &e), 0);
    assert_false(loaded.valid);
    /* and an expired session is gone for good */
    assert_int_equal(session_load(f->s, cookie, T0 + 20, &loaded, &e), 0);
    assert_false(loaded.valid);
}

static void test_idle_expiry(void **state)
{
    struct fixture *f = *state;
    struct session s, loaded;
    struct err e;

    assert_int_equal(session_start(f->s, 0, T0, &s, &e), 0);
    assert_true(s.valid);
    assert_false(s.signed_in);               /* anonymous: a login form's session */
    assert_int_equal(session_load(f->s, s.issued, T0 + SESSION_IDLE_SECONDS, &loaded, &e), 0);
    assert_false(loaded.valid);
}

static void test_rotation_and_end(void **state)
{
    struct fixture *f = *state;
    struct session anon, user, loaded;
    char old[AUTH_HEX_TOKEN];
    struct err e;

    assert_int_equal(session_start(f->s, 0, T0, &anon, &e), 0);
    snprintf(old, sizeof old, "%s", anon.issued);
    assert_int_equal(session_end(f->s, &anon, &e), 0);
    assert_false(anon.valid);
    assert_int_equal(session_start(f->s, f->officer, T0, &user, &e), 0);
    assert_string_not_equal(user.issued, old);
    assert_int_equal(session_load(f->s, old, T0 + 1, &loaded, &e), 0);
    assert_false(loaded.valid);
    assert_int_equal(session_load(f->s, "not-a-cookie", T0 + 1, &loaded, &e), 0);
    assert_false(loaded.valid);
}

static void test_disabled_account(void **state)
{
    struct fixture *f = *state;
    struct session s, loaded;
    struct err e;

    assert_int_equal(session_start(f->s, f->admin, T0, &s, &e), 0);
    assert_int_equal(session_load(f->s, s.issued, T0 + 1, &loaded, &e), 0);
    assert_false(loaded.valid);
    assert_false(loaded.signed_in);
}

static void test_purge(void **state)
{
    struct fixture *f = *state;
    struct session s;
    struct err e;
    int64_t deleted = -1;

    assert_int_equal(session_start(f->s, 0, T0, &s, &e), 0);
    assert_int_equal(store_session_purge(f->s, T0 + 1, SESSION_IDLE_SECONDS, &deleted, &e), 0);
    assert_int_equal(deleted, 0);
    assert_int_equal(store_session_purge(f->s, T0 + SESSION_ANON_SECONDS, SESSION_IDLE_SECONDS,
                                         &deleted, &e), 0);
    assert_true(deleted >= 1);
}

static void test_audit_append(void **state)
{
    struct fixture *f = *state;
    struct audit_entry a = {f->officer, "pune", "officer", "enterprise.read", 0,
                            "GET /api/v1/enterprises/{id}", "test"};
    struct err e;
    int64_t n0, n1;

    assert_int_equal(store_audit_count(f->s, &n0, &e), 0);
    assert_int_equal(store_audit_append(f->s, &a, &e), 0);
    assert_int_equal(store_audit_append(f->s, &a, &e), 0);
    assert_int_equal(store_audit_count(f->s, &n1, &e), 0);
    assert_int_equal(n1, n0 + 2);
    a.user_id = 987654;   /* the log names real accounts only */
    assert_int_equal(store_audit_append(f->s, &a, &e), -1);
}

static void test_demo_needs_enterprise(void **state)
{
    struct fixture *f = *state;
    struct err e;

    assert_int_equal(web_demo_accounts_create(f->s, &e), -1);
    assert_non_null(strstr(e.msg, "ingest"));
}

static void test_password(void **state)
{
    char hash[AUTH_HASH_MAX];
    struct err e;

    (void)state;
    assert_int_equal(password_check_policy("short", &e), -1);
    assert_int_equal(password_check_policy("long-enough-1", &e), 0);
    assert_int_equal(password_hash("long-enough-1", hash, &e), 0);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_true(password_verify("long-enough-1", hash));
    assert_false(password_verify("long-enough-2", hash));
    assert_false(password_verify("", hash));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_user_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rotation_and_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disabled_account, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_audit_append, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_needs_enterprise, setup, teardown),
        cmocka_unit_test(test_password),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
