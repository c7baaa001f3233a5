/* test_answer_cache.c: the cache of encoded answers never serves one key's
 * answer for another, forgets what it must, and holds up under threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "web/answer_cache.h"

static struct answer_key key(int64_t id, int64_t fact)
{
    struct answer_key k = {.enterprise_id = id, .content_hash = 77, .last_fact_id = fact,
                           .as_of = 20000, .lang = 0, .kind = ANSWER_ELIGIBILITY_JSON};
    return k;
}

static void test_hit_and_miss(void **state)
{
    struct answer_cache *c;
    struct answer_key a = key(1, 0), b = key(2, 0);
    struct buf out = BUF_INIT;
    struct err e;

    (void)state;
    assert_int_equal(answer_cache_new(64, &c, &e), 0);
    assert_false(answer_cache_get(c, &a, &out));
    answer_cache_put(c, &a, "{\"a\":1}", 7);
    assert_true(answer_cache_get(c, &a, &out));
    assert_string_equal(buf_cstr(&out), "{\"a\":1}");
    buf_reset(&out);
    assert_false(answer_cache_get(c, &b, &out));
    assert_int_equal(out.len, 0);
    buf_release(&out);
    answer_cache_free(c);
}

/* One slot: every key lands in it, so only the full key decides. */
static void test_same_slot_other_key(void **state)
{
    struct answer_cache *c;
    struct answer_key a = key(1, 5), newer = key(1, 6), other = key(9, 5);
    struct buf out = BUF_INIT;
    struct err e;

    (void)state;
    assert_int_equal(answer_cache_new(1, &c, &e), 0);
    answer_cache_put(c, &a, "A", 1);
    assert_false(answer_cache_get(c, &newer, &out)); /* a new fact is a new answer */
    assert_false(answer_cache_get(c, &other, &out)); /* never another enterprise's */
    other.enterprise_id = 1;
    other.lang = 1;
    assert_false(answer_cache_get(c, &other, &out));
    answer_cache_put(c, &newer, "B", 1);
    assert_false(answer_cache_get(c, &a, &out));     /* replaced */
    assert_true(answer_cache_get(c, &newer, &out));
    assert_string_equal(buf_cstr(&out), "B");
    buf_release(&out);
    answer_cache_free(c);
}

static void test_too_large_is_not_kept(void **state)
{
    struct answer_cache *c;
    struct answer_key a = key(3, 0);
    struct buf out = BUF_INIT;
    char *big = mem_calloc(1, ANSWER_CACHE_ITEM_MAX + 1);
    struct err e;

    (void)state;
    assert_non_null(big);
    assert_int_equal(answer_cache_new(8, &c, &e), 0);
    answer_cache_put(c, &a, big, ANSWER_CACHE_ITEM_MAX + 1);
    assert_false(answer_cache_get(c, &a, &out));
    mem_free(big);
    buf_release(&out);
    answer_cache_free(c);
}

static void test_etag_follows_key(void **state)
{
    struct answer_key a = key(1, 1), b = key(1, 2);
    char ea[40], ea2[40], eb[40];

    (void)state;
    answer_key_etag(&a, ea);
    answer_key_etag(&a, ea2);
    answer_key_etag(&b, eb);
    assert_string_equal(ea, ea2);
    assert_string_not_equal(ea, eb);
    assert_int_equal(strlen(ea), 34);
}

struct worker {
    struct answer_cache *c;
    int id;
    int wrong;
};

/* Each thread writes and reads its own keys; any answer read must be the
 * one written for that very key. */
static void *hammer(void *arg)
{
    struct worker *w = arg;
    struct buf out = BUF_INIT;
    char text[32];

    for (int i = 0; i < 20000; i++) {
        struct answer_key k = key(w->id * 100000 + i % 97, i % 5);
        int n = snprintf(text, sizeof text, "%lld/%lld", (long long)k.enterprise_id,
                         (long long)k.last_fact_id);
        answer_cache_put(w->c, &k, text, (size_t)n);
        buf_reset(&out);
        if (answer_cache_get(w->c, &k, &out) && strcmp(buf_cstr(&out), text) != 0)
            w->wrong++;
    }
    buf_release(&out);
    return NULL;
}

static void test_threads(void **state)
{
    struct answer_cache *c;
    struct worker w[4];
    pthread_t t[4];
    struct err e;

    (void)state;
    assert_int_equal(answer_cache_new(16, &c, &e), 0);
    for (int i = 0; i < 4; i++) {
        w[i] = (struct worker){c, i + 1, 0};
        assert_int_equal(pthread_create(&t[i], NULL, hammer, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].wrong, 0);
    }
    answer_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_and_miss),
        cmocka_unit_test(test_same_slot_other_key),
        cmocka_unit_test(test_too_large_is_not_kept),
        cmocka_unit_test(test_etag_follows_key),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
