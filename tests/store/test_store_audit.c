/* The hash-chained audit log on a real SQLite file (store_audit.c,
 * migration 0020, core/audit_chain.c): an intact chain verifies (an empty
 * one too); a changed field, a removed middle row, swapped rows, a removed
 * last row against a kept head and a blanked hash are each found at the
 * right row; the rows written before migration 0020 are chained by it; the
 * hash encoding is fixed and separates fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "temp_store.h"

#include "core/audit_chain.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_auth.h"

struct fixture {
    char path[256];
    struct store *s;
    int64_t user;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct auth_user u = {0};
    struct err e;
    bool created;

    if (f == NULL || temp_store_open("samanvay-test-audit", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    snprintf(u.username, sizeof u.username, "officer1");
    u.role = AUTH_ROLE_OFFICER;
    if (store_user_add(f->s, &u, "not-a-real-hash", &f->user, &created, &e) != 0)
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

static void append(struct fixture *f, int n)
{
    struct err e;

    for (int i = 0; i < n; i++) {
        char reason[32];
        struct audit_entry a = {
            .user_id = f->user, .username = "officer1", .role = "officer", .action = "enterprise.read",
            .enterprise_id = i % 3 == 0 ? 0 : 100 + i, .route = "GET /officer/enterprises/{id}",
            .reason = reason,
        };
        snprintf(reason, sizeof reason, "worklist item %d", i);
        if (store_audit_append(f->s, &a, &e) != 0)
            fail_msg("append: %s", e.msg);
    }
}

static void exec(struct fixture *f, const char *sql)
{
    struct err e;

    if (db_exec(store_db(f->s), sql, &e) != 0)
        fail_msg("%s: %s", sql, e.msg);
}

static struct audit_verify verify(struct fixture *f, const char *head)
{
    struct audit_verify v;
    struct err e;

    if (store_audit_verify(f->s, head, &v, NULL, NULL, &e) != 0)
        fail_msg("verify: %s", e.msg);
    return v;
}

static void test_empty_and_intact(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v = verify(f, NULL);
    char head[AUDIT_HASH_HEX];

    assert_int_equal(v.fault, AUDIT_INTACT);
    assert_int_equal(v.rows, 0);
    assert_string_equal(v.head, audit_chain_genesis);
    append(f, 5);
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_INTACT);
    assert_int_equal(v.rows, 5);
    assert_int_equal(v.head_id, 5);
    memcpy(head, v.head, sizeof head);
    append(f, 2);
    v = verify(f, head);  /* the head kept after 5 rows is still in the chain */
    assert_int_equal(v.fault, AUDIT_INTACT);
    assert_int_equal(v.rows_after_head, 2);
    v = verify(f, audit_chain_genesis);
    assert_int_equal(v.rows_after_head, 7);
}

static void test_changed_field(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;

    append(f, 6);
    exec(f, "UPDATE audit_log SET reason = 'nothing to see' WHERE id = 4");
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_CHANGED);
    assert_int_equal(v.fault_id, 4);
    assert_int_equal(v.rows, 3);
}

static void test_changed_enterprise_to_null(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;

    append(f, 3);
    exec(f, "UPDATE audit_log SET enterprise_id = NULL WHERE id = 2");
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_CHANGED);
    assert_int_equal(v.fault_id, 2);
}

static void test_removed_middle_row(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;

    append(f, 6);
    exec(f, "DELETE FROM audit_log WHERE id = 3");
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_RELINKED);
    assert_int_equal(v.fault_id, 4);
}

static void test_swapped_rows(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;

    append(f, 4);
    exec(f, "UPDATE audit_log SET id = 100 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3;"
            "UPDATE audit_log SET id = 3 WHERE id = 100");
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_RELINKED);
    assert_int_equal(v.fault_id, 2);
}

static void test_removed_tail_needs_head(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;
    char head[AUDIT_HASH_HEX];

    append(f, 5);
    memcpy(head, verify(f, NULL).head, sizeof head);
    exec(f, "DELETE FROM audit_log WHERE id = 5");
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_INTACT); /* a chain alone cannot tell */
    v = verify(f, head);
    assert_int_equal(v.fault, AUDIT_HEAD_MISSING);
}

static void test_blanked_hash(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;
    struct err e;
    struct audit_entry a = {.user_id = f->user, .username = "officer1", .role = "officer",
                            .action = "enterprise.read", .route = "r", .reason = "x"};

    append(f, 3);
    exec(f, "UPDATE audit_log SET hash = NULL WHERE id = 3");
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_UNCHAINED);
    assert_int_equal(v.fault_id, 3);
    /* and nothing more is chained onto a broken end */
    assert_int_equal(store_audit_append(f->s, &a, &e), -1);
}

/* Rows from before migration 0020 (hash NULL) are chained by it. */
static void test_migration_chains_old_rows(void **state)
{
    struct fixture *f = *state;
    struct audit_verify v;
    struct err e;

    append(f, 4);
    exec(f, "UPDATE audit_log SET hash = NULL, prev_hash = NULL");
    assert_int_equal(verify(f, NULL).fault, AUDIT_UNCHAINED);
    assert_int_equal(store_begin(f->s, &e), 0);
    assert_int_equal(store_audit_chain_unchained(f->s, &e), 0);
    assert_int_equal(store_commit(f->s, &e), 0);
    v = verify(f, NULL);
    assert_int_equal(v.fault, AUDIT_INTACT);
    assert_int_equal(v.rows, 4);
    append(f, 1);
    assert_int_equal(verify(f, NULL).fault, AUDIT_INTACT);
}

/* The encoding is fixed (a stored hash must verify on any build) and the
 * length prefixes keep "ab"+"c" apart from "a"+"bc". */
static void test_hash_encoding(void **state)
{
    struct audit_fields a = {.at = "2026-12-06T10:00:00Z", .user_id = 1, .username = "ab", .role = "c",
                             .action = "enterprise.read", .enterprise_id = 7, .route = "GET /x",
                             .reason = "r"};
    struct audit_fields b = a;
    char ha[AUDIT_HASH_HEX], hb[AUDIT_HASH_HEX];

    (void)state;
    b.username = "a";
    b.role = "bc";
    audit_chain_hash(audit_chain_genesis, &a, ha);
    audit_chain_hash(audit_chain_genesis, &b, hb);
    assert_string_not_equal(ha, hb);
    assert_true(audit_chain_hash_valid(ha));
    /* computed independently: Python hashlib.blake2b(digest_size=32) over the encoding in audit_chain.c */
    assert_string_equal(ha, "eb247c91e873e39ccfeabfb00de71f427bae026b266dc24c8afc6e83f2e54dfb");
    assert_false(audit_chain_hash_valid("ABC"));
    assert_false(audit_chain_hash_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_and_intact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_enterprise_to_null, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removed_middle_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_swapped_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removed_tail_needs_head, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blanked_hash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_chains_old_rows, setup, teardown),
        cmocka_unit_test(test_hash_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
