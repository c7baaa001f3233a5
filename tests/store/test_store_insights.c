/* The NIC-prefix reads on SQLite (store_insights.c, store_energy.c): the
 * range [prefix, next prefix) that the index enterprise_nic seeks picks
 * exactly the codes starting with the prefix, at the carries ("139" ends
 * at "140") and the edges (a code equal to the next prefix, a shorter
 * code, no code), for the peer group and the division's declarations. */
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

#include "core/alloc.h"
#include "core/money.h"
#include "store/store.h"
#include "store/store_energy.h"
#include "store/store_insights.h"

/* The NIC codes on file, in id order (ids 1..N). */
static const char *const codes[] = {"13111", "13199", "13200", "13099", "13911",
                                    "14000", "13",    "",      "99099", "13100"};
#define N_CODES (sizeof codes / sizeof codes[0])

struct fixture {
    char path[256];
    struct store *s;
    int64_t id[N_CODES];
};

static int add_enterprises(struct fixture *f)
{
    struct upsert_result r;
    struct err e;
    int64_t file;
    bool complete;

    if (store_ingest_file_open(f->s, "udyam", "u.csv", "digest-u", 10, &file, &complete, &e) != 0)
        return -1;
    for (size_t i = 0; i < N_CODES; i++) {
        struct enterprise x;
        enterprise_init(&x);
        snprintf(x.udyam, sizeof x.udyam, "UDYAM-MH-26-%07zu", i + 1);
        snprintf(x.name, sizeof x.name, "Unit %zu", i + 1);
        snprintf(x.nic, sizeof x.nic, "%s", codes[i]);
        snprintf(x.district, sizeof x.district, "Pune");
        x.state = 27;
        x.turnover = 10 * MONEY_LAKH;
        x.exports = MONEY_LAKH;
        x.content_hash = enterprise_content_hash(&x);
        snprintf(x.src_feed, sizeof x.src_feed, "udyam");
        x.src_file = file;
        x.src_row = (int64_t)i + 1;
        if (store_enterprise_upsert(f->s, &x, &r, &e) != 0) {
            fprintf(stderr, "%s\n", e.msg);
            return -1;
        }
        f->id[i] = r.id;
        /* One declaration each, for the division read. */
        if (store_energy_declare(f->s, r.id, "2024-25", 0, 1000, 1, &e) != 0) {
            fprintf(stderr, "%s\n", e.msg);
            return -1;
        }
    }
    return 0;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL || temp_store_open("samanvay-test-insights", f->path, sizeof f->path, &f->s) != 0
        || add_enterprises(f) != 0)
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

static void test_prefix_end(void **state)
{
    static const char *const cases[][2] = {
        {"131", "132"}, {"139", "140"}, {"199", "200"}, {"13", "14"}, {"09", "10"},
        {"099", "100"}, {"999", "99:"}, {"1A", "1B"},   {"", ""},
    };
    char end[8];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        store_nic_prefix_end(cases[i][0], end);
        assert_string_equal(end, cases[i][1]);
    }
}

/* Which fixture rows (by index into codes) the group's peers are. */
static void expect_peers(struct fixture *f, const char *group, const size_t *want, size_t n_want)
{
    struct market_peer *p = NULL;
    struct err e;
    size_t n = 0;

    assert_int_equal(store_insights_peers(f->s, group, "2024-03", "2025-03", "2026-03", &p, &n, &e), 0);
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(p[i].id, f->id[want[i]]); /* in id order */
        assert_true(p[i].has_export);
    }
    mem_free(p);
}

static void test_peer_groups(void **state)
{
    struct fixture *f = *state;
    static const size_t g131[] = {0, 1, 9}, g139[] = {4}, g132[] = {2}, g130[] = {3};

    expect_peers(f, "131", g131, 3); /* not "13200" at the bound, nor "13" */
    expect_peers(f, "139", g139, 1); /* the carry: ends at "140", "14000" out */
    expect_peers(f, "132", g132, 1);
    expect_peers(f, "130", g130, 1);
    expect_peers(f, "990", (const size_t[]){8}, 1);
    expect_peers(f, "991", g139, 0);
    expect_peers(f, "140", (const size_t[]){5}, 1);
}

static void test_division_declarations(void **state)
{
    struct fixture *f = *state;
    struct energy_row *r = NULL;
    struct err e;
    size_t n = 0, with13 = 0;

    for (size_t i = 0; i < N_CODES; i++)
        with13 += strncmp(codes[i], "13", 2) == 0;
    assert_int_equal(store_energy_all(f->s, "13", &r, &n, &e), 0);
    assert_int_equal(n, with13); /* "13" itself included: it starts with 13 */
    for (size_t i = 0; i < n; i++)
        assert_string_equal(r[i].division, "13");
    mem_free(r);
    assert_int_equal(store_energy_all(f->s, "99", &r, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].d.enterprise_id, f->id[8]);
    mem_free(r);
    assert_int_equal(store_energy_all(f->s, NULL, &r, &n, &e), 0);
    assert_int_equal(n, N_CODES);
    mem_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefix_end),
        cmocka_unit_test_setup_teardown(test_peer_groups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_division_declarations, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
