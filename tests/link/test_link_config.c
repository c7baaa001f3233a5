/* The link configuration: a full file loads with its defaults and derived
 * levels; each kind of mistake fails with file:line:column and the key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "link/config.h"

static const char good[] =
    "mode: link\n"
    "id: rec_id\n"
    "csv: {trim: true}\n"
    "fields:\n"
    "  - {name: given_name, compare: person_name, levels: [0.95, 0.88], tf: true}\n"
    "  - {name: surname, column: {left: last, right: family}, compare: person_name, phonetic: true}\n"
    "  - {name: dob, column: date_of_birth, compare: date, near_days: 30}\n"
    "  - {name: ssn, compare: text, similarity: edit_distance, levels: [1, 2]}\n"
    "  - {name: pin, compare: postcode}\n"
    "blocking:\n"
    "  - [surname:phonetic, dob:year]\n"
    "  - given_name:prefix3\n"
    "  - [ssn:suffix4]\n"
    "threshold: 2.5\n"
    "em: {max_iterations: 40, fix_u: true}\n"
    "evaluation: {column: rec_id, split: '-', part: 1}\n"
    "assign: best\n";

static struct link_config *load(const char *text, struct err *e)
{
    return link_config_load("t.yaml", text, strlen(text), e);
}

static void test_good(void **state)
{
    struct err e;
    struct link_config *c = load(good, &e);
    char name[32];

    (void)state;
    if (c == NULL)
        fail_msg("%s", e.msg);
    assert_int_equal(c->mode, LINK_MODE_LINK);
    assert_int_equal(c->n_fields, 5);
    assert_string_equal(c->field[1].column[0], "last");
    assert_string_equal(c->field[1].column[1], "family");
    assert_string_equal(c->field[2].column[1], "date_of_birth");
    assert_int_equal(c->field[0].n_levels, 4);            /* exact, 0.95, 0.88, else */
    assert_int_equal(c->field[1].n_levels, 5);            /* exact, phonetic, 0.92, 0.80, else */
    assert_string_equal(link_level_name(&c->field[1], 1, name, sizeof name), "phonetic");
    assert_string_equal(link_level_name(&c->field[1], 2, name, sizeof name), "jw>=0.92");
    assert_string_equal(link_level_name(&c->field[1], 4, name, sizeof name), "else");
    assert_int_equal(c->assign, LINK_ASSIGN_BEST);
    assert_true(c->field[0].tf);
    assert_int_equal(c->field[2].near_days, 30);
    assert_int_equal(c->field[3].sim, SIM_EDIT_DISTANCE);
    assert_int_equal(c->n_rules, 3);
    assert_string_equal(c->rule[0].name, "surname:phonetic+dob:year");
    assert_int_equal(c->rule[0].key[1].transform, KEY_YEAR);
    assert_int_equal(c->rule[1].key[0].transform, KEY_PREFIX);
    assert_int_equal(c->rule[1].key[0].n, 3);
    assert_int_equal(c->rule[2].key[0].transform, KEY_SUFFIX);
    assert_true(c->trim);
    assert_true(c->em_fix_u);
    assert_int_equal(c->em_max_iterations, 40);
    assert_true(c->threshold == 2.5);
    assert_string_equal(c->truth_column[1], "rec_id");
    assert_int_equal(c->truth_part, 1);
    assert_string_equal(link_level_name(&c->field[0], 1, name, sizeof name), "jw>=0.95");
    assert_string_equal(link_level_name(&c->field[3], 2, name, sizeof name), "edits<=2");
    assert_string_equal(link_level_name(&c->field[2], 1, name, sizeof name), "transposed");
    link_config_free(c);
}

/* Replace the first occurrence of `from` in the good config by `to`; it must fail with `want` in the message. */
static void expect_error(const char *from, const char *to, const char *want)
{
    char text[4096];
    const char *at = strstr(good, from);
    struct err e;
    struct link_config *c;

    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    c = load(text, &e);
    if (c != NULL)
        fail_msg("accepted:\n%s", text);
    if (strstr(e.msg, want) == NULL || strncmp(e.msg, "t.yaml:", 7) != 0)
        fail_msg("message '%s' lacks '%s'", e.msg, want);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("mode: link", "mode: both", "t.yaml:1:7: mode: expected link or dedup");
    expect_error("threshold: 2.5", "treshold: 2.5", "t.yaml:14:1: config: unknown key");
    expect_error("compare: postcode", "compare: zipcode", "compare: expected exact");
    expect_error("levels: [0.95, 0.88]", "levels: [0.88, 0.95]", "thresholds must decrease");
    expect_error("levels: [1, 2]", "levels: [2, 1]", "thresholds must increase");
    expect_error("given_name:prefix3", "nickname:prefix3", "blocking: not a field name");
    expect_error("given_name:prefix3", "given_name:first3", "transform must be");
    expect_error("dob:year", "ssn:year", "year needs a date field");
    expect_error("ssn:suffix4", "pin:phonetic", "phonetic needs a person_name");
    expect_error("near_days: 30", "near_days: -1", "near_days: must be between");
    expect_error("tf: true", "tf: maybe", "tf: expected true or false");
    expect_error("max_iterations: 40", "max_iterations: 4.5", "expected a whole number");
    expect_error("id: rec_id\n", "", "needs id");
    expect_error("{name: pin, compare: postcode}", "{name: ssn, compare: postcode}", "field named twice");
    expect_error("fields:", "fields: [", "t.yaml:");  /* YAML syntax error, positioned */
    expect_error("compare: postcode}", "compare: postcode, phonetic: true}", "phonetic: only for person_name");
    expect_error("assign: best", "assign: greedy", "assign: expected one_to_one or best");
    expect_error("mode: link", "mode: dedup", "assign: only link mode");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
