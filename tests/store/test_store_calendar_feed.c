/* Calendar subscription links on a real SQLite file (store_calendar_feed.c,
 * migration 0012) and their tokens (calendar_token.c): a link found by its
 * token's hash only while it works, one working link an enterprise (a new
 * one revokes the old), a revoke that only the owning enterprise can make,
 * the hourly-at-most fetch note, and the token parser's refusals. */
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

#include "core/money.h"
#include "store/store.h"
#include "store/store_auth.h"
#include "store/store_calendar_feed.h"
#include "web/calendar_token.h"

struct fixture {
    char path[256];
    struct store *s;
    int64_t user, a, b;          /* an account; two enterprises */
};

static int64_t add_enterprise(struct store *s, int64_t file, const char *udyam, const char *pan)
{
    struct enterprise x;
    struct upsert_result r;
    struct err e;

    enterprise_init(&x);
    snprintf(x.udyam, sizeof x.udyam, "%s", udyam);
    snprintf(x.pan, sizeof x.pan, "%s", pan);
    snprintf(x.name, sizeof x.name, "Unit %s", udyam);
    x.state = 27;
    x.investment = 10 * MONEY_LAKH;
    x.turnover = 50 * MONEY_LAKH;
    x.content_hash = enterprise_content_hash(&x);
    snprintf(x.src_feed, sizeof x.src_feed, "udyam");
    x.src_file = file;
    x.src_row = 1;
    if (store_enterprise_upsert(s, &x, &r, &e) != 0 || r.outcome != UPSERT_INSERTED)
        fail_msg("enterprise %s: %s", udyam, e.msg);
    return r.id;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct auth_user u = {0};
    struct err e;
    int64_t file;
    bool complete, created;

    if (temp_store_open("samanvay-test-feed", f->path, sizeof f->path, &f->s) != 0
        || store_ingest_file_open(f->s, "udyam", "a.csv", "digest-a", 10, &file, &complete, &e))
        return -1;
    f->a = add_enterprise(f->s, file, "UDYAM-MH-26-0000001", "AAAPS0001F");
    f->b = add_enterprise(f->s, file, "UDYAM-MH-26-0000002", "AAAPS0002F");
    snprintf(u.username, sizeof u.username, "asha");
    u.role = AUTH_ROLE_ENTREPRENEUR;
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

static void test_create_lookup_rotate_revoke(void **state)
{
    struct fixture *f = *state;
    char t1[CALENDAR_TOKEN_CHARS + 5], h1[CALENDAR_FEED_HASH_HEX], h1b[CALENDAR_FEED_HASH_HEX];
    char t2[CALENDAR_TOKEN_CHARS + 1], h2[CALENDAR_FEED_HASH_HEX];
    struct calendar_feed got;
    int64_t id1, id2;
    bool found, revoked;
    struct err e;

    assert_int_equal(calendar_token_new(t1, h1), 0);
    assert_int_equal(strlen(t1), CALENDAR_TOKEN_CHARS);
    assert_int_equal(strlen(h1), 64);
    assert_int_equal(store_calendar_feed_create(f->s, f->a, f->user, h1, "hi", 1000, &id1, &e), 0);
    /* the URL's segment parses back to the stored hash */
    memcpy(t1 + CALENDAR_TOKEN_CHARS, ".ics", 5);
    assert_int_equal(calendar_token_parse(t1, strlen(t1), h1b), 0);
    assert_string_equal(h1, h1b);
    assert_int_equal(store_calendar_feed_by_hash(f->s, h1, &got, &found, &e), 0);
    assert_true(found);
    assert_int_equal(got.id, id1);
    assert_int_equal(got.enterprise_id, f->a);
    assert_string_equal(got.lang, "hi");
    assert_int_equal(got.last_fetched_at, 0);

    /* a second link revokes the first */
    assert_int_equal(calendar_token_new(t2, h2), 0);
    assert_string_not_equal(h1, h2);
    assert_int_equal(store_calendar_feed_create(f->s, f->a, f->user, h2, "en", 2000, &id2, &e), 0);
    assert_int_equal(store_calendar_feed_by_hash(f->s, h1, &got, &found, &e), 0);
    assert_false(found);
    assert_int_equal(store_calendar_feed_active(f->s, f->a, &got, &found, &e), 0);
    assert_true(found);
    assert_int_equal(got.id, id2);

    /* another enterprise cannot revoke it; its owner can, once */
    assert_int_equal(store_calendar_feed_revoke(f->s, id2, f->b, 3000, &revoked, &e), 0);
    assert_false(revoked);
    assert_int_equal(store_calendar_feed_by_hash(f->s, h2, &got, &found, &e), 0);
    assert_true(found);
    assert_int_equal(store_calendar_feed_revoke(f->s, id2, f->a, 3000, &revoked, &e), 0);
    assert_true(revoked);
    assert_int_equal(store_calendar_feed_revoke(f->s, id2, f->a, 3001, &revoked, &e), 0);
    assert_false(revoked);
    assert_int_equal(store_calendar_feed_by_hash(f->s, h2, &got, &found, &e), 0);
    assert_false(found);
    assert_int_equal(store_calendar_feed_active(f->s, f->a, &got, &found, &e), 0);
    assert_false(found);
}

static void test_touch_at_most_hourly(void **state)
{
    struct fixture *f = *state;
    char t[CALENDAR_TOKEN_CHARS + 1], h[CALENDAR_FEED_HASH_HEX];
    struct calendar_feed got;
    int64_t id;
    bool found;
    struct err e;

    assert_int_equal(calendar_token_new(t, h), 0);
    assert_int_equal(store_calendar_feed_create(f->s, f->b, f->user, h, "en", 1000, &id, &e), 0);
    assert_int_equal(store_calendar_feed_touch(f->s, id, 5000, 3600, &e), 0);
    assert_int_equal(store_calendar_feed_touch(f->s, id, 6000, 3600, &e), 0);   /* too soon */
    assert_int_equal(store_calendar_feed_by_hash(f->s, h, &got, &found, &e), 0);
    assert_int_equal(got.last_fetched_at, 5000);
    assert_int_equal(store_calendar_feed_touch(f->s, id, 8600, 3600, &e), 0);
    assert_int_equal(store_calendar_feed_by_hash(f->s, h, &got, &found, &e), 0);
    assert_int_equal(got.last_fetched_at, 8600);
}

static void test_token_parse_refuses(void **state)
{
    static const char *const bad[] = {
        "",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",        /* no suffix */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ICS",    /* another suffix */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",     /* 42 characters */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",   /* 44 */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+AAAAAA.ics",    /* base64, not base64url */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA AAAAAA.ics",    /* a space */
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB.ics",    /* bits past the 32 bytes */
        "../../etc/passwd",
    };
    char h[CALENDAR_FEED_HASH_HEX];

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (calendar_token_parse(bad[i], strlen(bad[i]), h) == 0)
            fail_msg("accepted %s", bad[i]);
    assert_int_equal(calendar_token_parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", 47, h), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_lookup_rotate_revoke),
        cmocka_unit_test(test_touch_at_most_hourly),
        cmocka_unit_test(test_token_parse_refuses),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
