/* The scenario parser (analytics/scenario.c): a good file, and each kind
 * of bad one refused with its file:line:column. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/scenario.h"
#include "core/arena.h"

static bool known(void *ctx, const char *id)
{
    (void)ctx;
    return strcmp(id, "sfurti") == 0 || strcmp(id, "mse_cdp") == 0 || strcmp(id, "esdp") == 0;
}

#define HEAD "id: s\ntitle: S\ntitle_hi: एस\nas_of: 2026-01-15\nsources: [https://example.org]\n"
#define MODEL "budget: {sfurti: 362, mse_cdp: 410}\nunit_benefit: {sfurti: 44000, mse_cdp: 700000}\n"

static void test_good_file(void **state)
{
    static const char y[] = HEAD "population: 63300000\ntolerance: 0.01\n" MODEL
                                 "need: {sfurti: {purpose: infrastructure, amount: 2.5}}\n"
                                 "take_up: {mse_cdp: 0.5}\n"
                                 "actions:\n"
                                 "  - merge: {into: mse_cdp, from: [sfurti], name: M, name_hi: एम}\n"
                                 "  - reserve: {scheme: mse_cdp, group: traditional, share: 0.15}\n"
                                 "  - set: {scheme: mse_cdp, param: budget, value: 1000}\n"
                                 "  - narrow: {scheme: sfurti, group: rural}\n";
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct err e = {0};

    (void)state;
    assert_int_equal(scenario_parse(a, "s.yaml", y, strlen(y), known, NULL, &sc, &e), 0);
    assert_string_equal(sc.id, "s");
    assert_int_equal(sc.population, 63300000);
    assert_int_equal(sc.n_schemes, 2);
    assert_int_equal(sc.schemes[0].budget, 36200);
    assert_int_equal(sc.schemes[0].need_amount, 250);
    assert_string_equal(sc.schemes[0].need_purpose, "infrastructure");
    assert_true(sc.schemes[1].take_up == 0.5);
    assert_true(sc.schemes[0].take_up == 1.0);
    assert_int_equal(sc.n_actions, 4);
    assert_int_equal(sc.actions[0].kind, SA_MERGE);
    assert_int_equal(sc.actions[0].scheme, 1);
    assert_int_equal(sc.actions[0].from, 1u);
    assert_int_equal(sc.actions[1].group, SG_TRADITIONAL);
    assert_true(sc.actions[1].share == 0.15);
    assert_int_equal(sc.actions[2].param, SP_BUDGET);
    assert_true(sc.actions[3].kind == SA_NARROW);
    arena_free(a);
}

struct bad {
    const char *yaml, *message;
};

static void test_bad_files(void **state)
{
    static const struct bad cases[] = {
        {HEAD MODEL "actions: []\nextra: 1\n", "s.yaml:9:1: unknown key 'extra'"},
        {HEAD "budget: {sfurti: 1, pmegp: 2}\n", "s.yaml:6:21: unknown scheme 'pmegp'"},
        {HEAD MODEL "actions:\n  - reserve: {scheme: mse_cdp, group: traditional, share: 1.5}\n",
         "s.yaml:9:59: share must be from 0 to 1"},
        {HEAD MODEL "actions:\n  - reserve: {scheme: mse_cdp, group: traditional, share: -0.1}\n",
         "share must be from 0 to 1"},
        {HEAD MODEL "actions:\n  - reserve: {scheme: mse_cdp, group: elderly, share: 0.1}\n",
         "s.yaml:9:39: unknown group 'elderly'"},
        {HEAD MODEL "actions:\n  - merge: {into: mse_cdp, from: [esdp]}\n",
         "s.yaml:9:35: scheme 'esdp' is not in this scenario's budget"},
        {HEAD MODEL "actions:\n  - merge: {into: mse_cdp, from: [mse_cdp]}\n", "cannot merge into itself"},
        {HEAD MODEL "actions:\n  - merge: {into: mse_cdp, from: [sfurti]}\n  - merge: {into: mse_cdp, from: [sfurti]}\n",
         "s.yaml:10:35: scheme 'sfurti' is merged twice"},
        {HEAD MODEL "actions:\n  - merge: {into: mse_cdp, from: [sfurti]}\n  - merge: {into: sfurti, from: [mse_cdp]}\n",
         "already merged"},
        {HEAD MODEL "actions:\n  - dissolve: {scheme: sfurti}\n", "s.yaml:9:5: unknown action 'dissolve'"},
        {HEAD MODEL "actions:\n  - reserve: {scheme: mse_cdp, group: women, share: 0.6}\n"
                    "  - reserve: {scheme: mse_cdp, group: rural, share: 0.6}\n",
         "add up to more than the whole budget"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, param: rate, value: 1}\n", "unknown param 'rate'"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, param: take_up, value: 0}\n", "take_up must be more"},
        {HEAD "budget: {sfurti: 1}\nunit_benefit: {sfurti: 0}\nactions: []\n", "unit_benefit must be more"},
        {HEAD "budget: {sfurti: 1, mse_cdp: 2}\nunit_benefit: {sfurti: 5}\nactions: []\n",
         "unit_benefit of 'mse_cdp' is missing"},
        {HEAD "budget: {sfurti: lots}\n", "budget must be an amount in rupees"},
        {HEAD MODEL "need: {sfurti: {purpose: holiday}}\nactions: []\n", "unknown need purpose 'holiday'"},
        {HEAD MODEL "tolerance: .inf\nactions: []\n", "tolerance must be a number"},
        {"id: s\ntitle: S\ntitle_hi: S\nas_of: 2026-13-01\n", "s.yaml:4:8: as_of must be a date"},
        {"id: S-1\ntitle: S\ntitle_hi: S\n", "s.yaml:1:5: id must be lower-case"},
        {HEAD MODEL, "missing key 'actions'"},
        {HEAD "assumptions: [a, b]\nassumptions_hi: [क]\n" MODEL "actions: []\n", "assumptions_hi must have as many items"},
        {"- a\n- b\n", "a scenario must be a mapping"},
        {"id: [unclosed\n", "s.yaml:"},
    };
    struct arena *a = arena_new(4096);

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct scenario sc;
        struct err e = {0};
        int rc = scenario_parse(a, "s.yaml", cases[i].yaml, strlen(cases[i].yaml), known, NULL, &sc, &e);
        if (rc == 0)
            fail_msg("case %zu parsed", i);
        if (strstr(e.msg, cases[i].message) == NULL)
            fail_msg("case %zu: got '%s', expected '%s'", i, e.msg, cases[i].message);
    }
    arena_free(a);
}

static void test_group_names(void **state)
{
    (void)state;
    for (int g = 0; g < SG_COUNT; g++)
        assert_int_equal(scenario_group_parse(scenario_group_name((enum scenario_group)g)), g);
    assert_int_equal(scenario_group_parse("obc"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_group_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
