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
#include "core/buf.h"
#include "rules/catalog.h"
#include "rules/scheme.h"

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
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, param: budget, rule_param: max_cost, value: 1}\n",
         "not both"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: max_cost, value: 1 crore}\n"
                    "  - set: {scheme: mse_cdp, rule_param: max_cost, value: 2 crore}\n",
         "s.yaml:10:40: rule_param 'max_cost' of 'mse_cdp' is set twice"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: max_cost, value: }\n", "value must be a parameter value"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: sfurti, share: 0.1}\n",
         "s.yaml:9:42: 'sfurti' and 'sfurti' are one scheme here"},
        {HEAD MODEL "actions:\n  - merge: {into: mse_cdp, from: [sfurti]}\n"
                    "  - move_component: {from: sfurti, into: mse_cdp, share: 0.1}\n",
         "'sfurti' and 'mse_cdp' are one scheme here"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: mse_cdp, share: 0}\n", "share must be more than zero"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: mse_cdp, share: 0.6}\n"
                    "  - move_component: {from: sfurti, into: mse_cdp, share: 0.6}\n",
         "components moved out of 'sfurti' take more than its whole budget"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: mse_cdp, share: 0.1, fields: [a, a]}\n",
         "s.yaml:9:75: fields: 'a' is listed twice"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, share: 0.1}\n", "missing key 'into'"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: mse_cdp, share: 0.1, forms: []}\n",
         "unknown key 'forms'"},
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

/* What only the scheme files can tell: the rule parameter and its kind of
 * value, the fields and documents on a scheme's form. */
static void test_resolve_against_the_catalogue(void **state)
{
    static const char good[] = HEAD MODEL "actions:\n"
                                         "  - set: {scheme: mse_cdp, rule_param: max_cost, value: 40 crore}\n"
                                         "  - set: {scheme: mse_cdp, rule_param: special_first_slab, value: 85%}\n"
                                         "  - move_component: {from: sfurti, into: mse_cdp, share: 0.2,"
                                         " fields: [artisans_count], documents: [dpr_cluster]}\n";
    static const struct bad cases[] = {
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: ceiling, value: 1 crore}\n",
         "s.yaml:9:40: 'ceiling' is not a parameter of mse_cdp"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: max_cost, value: 50%}\n",
         "s.yaml:9:57: max_cost of mse_cdp is an amount (such as 25 lakh); '50%' is not"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: special_first_slab, value: 5 lakh}\n",
         "is a percentage"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: max_cost, value: 0 - 1 crore}\n",
         "must not be negative"},
        {HEAD MODEL "actions:\n  - set: {scheme: mse_cdp, rule_param: max_cost, value: enterprise.turnover}\n",
         "s.yaml:9:57:"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: mse_cdp, share: 0.1, fields: [project_cost, eye]}\n",
         "s.yaml:9:86: field 'eye' is not on sfurti's form"},
        {HEAD MODEL "actions:\n  - move_component: {from: sfurti, into: mse_cdp, share: 0.1,"
                    " documents: [state_govt_recommendation]}\n",
         "document 'state_govt_recommendation' is not on sfurti's form"},
    };
    struct catalog *cat;
    struct arena *a = arena_new(4096);
    struct scenario sc;
    struct err e = {0};

    (void)state;
    assert_int_equal(catalog_load(NULL, &cat, &e), 0);
    assert_int_equal(scenario_parse(a, "s.yaml", good, strlen(good), known, NULL, &sc, &e), 0);
    assert_false(sc.resolved);
    assert_true(scenario_has_rule_params(&sc));
    if (scenario_resolve(a, &sc, cat, &e) != 0)
        fail_msg("resolve: %s", e.msg);
    assert_true(sc.resolved);
    assert_int_equal(sc.actions[0].kind, SA_RULE_PARAM);
    assert_string_equal(catalog_find(cat, "mse_cdp")->scope.params[sc.actions[0].param_index].name, "max_cost");
    assert_int_equal(sc.actions[0].rule_unit, UNIT_MONEY);
    assert_true(sc.actions[0].rule_value.u.n == (int64_t)400000000 * 10000);   /* ₹40 crore, num fixed point */
    assert_int_equal(sc.actions[1].rule_unit, UNIT_FRACTION);
    assert_true(sc.actions[1].rule_value.u.n == 8500);                         /* 0.85 */
    {   /* as the page and the JSON show them: the file's value on as_of, the scenario's */
        struct buf t = {0};
        assert_int_equal(scenario_rule_param_text(&sc, &sc.actions[0], cat, false, false, &t), 0);
        assert_int_equal(scenario_rule_param_text(&sc, &sc.actions[0], cat, true, false, &t), 0);
        assert_int_equal(scenario_rule_param_text(&sc, &sc.actions[1], cat, false, false, &t), 0);
        assert_int_equal(scenario_rule_param_text(&sc, &sc.actions[1], cat, true, false, &t), 0);
        assert_int_equal(buf_putc(&t, '\0'), 0);
        assert_string_equal(t.data, "₹30,00,00,000₹40,00,00,00080%85%");
        assert_int_equal(scenario_rule_param_text(&sc, &sc.actions[2], cat, true, false, &t), -1);  /* not a rule_param */
        buf_release(&t);
    }
    assert_int_equal(sc.actions[2].kind, SA_MOVE);
    assert_int_equal(sc.actions[2].scheme, 0);
    assert_int_equal(sc.actions[2].into, 1);
    assert_int_equal(sc.actions[2].n_fields, 1);
    assert_int_equal(sc.actions[2].n_documents, 1);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (scenario_parse(a, "s.yaml", cases[i].yaml, strlen(cases[i].yaml), known, NULL, &sc, &e) != 0)
            fail_msg("case %zu: %s", i, e.msg);
        if (scenario_resolve(a, &sc, cat, &e) == 0)
            fail_msg("case %zu resolved", i);
        if (strstr(e.msg, cases[i].message) == NULL)
            fail_msg("case %zu: got '%s', expected '%s'", i, e.msg, cases[i].message);
        assert_false(sc.resolved);
    }
    catalog_free(cat);
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
        cmocka_unit_test(test_resolve_against_the_catalogue),
        cmocka_unit_test(test_group_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
