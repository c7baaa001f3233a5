/* The profile JSON: unknown vs absent, per-field errors, round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/money.h"
#include "core/profile.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    text = malloc((size_t)n + 1);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

static int parse(const char *json, struct profile *p, struct profile_issues *is)
{
    struct err e;
    return profile_parse(json, strlen(json), p, is, &e);
}

static bool has_issue(const struct profile_issues *is, const char *path, const char *text)
{
    for (size_t i = 0; i < is->n; i++)
        if (strcmp(is->items[i].path, path) == 0 && strstr(is->items[i].msg, text))
            return true;
    return false;
}

static void test_full_profile(void **state)
{
    char *text = slurp("tests/core/profiles/full.json");
    struct profile p;
    struct profile_issues is = {0};
    (void)state;

    profile_init(&p);
    assert_int_equal(parse(text, &p, &is), 0);
    assert_int_equal(profile_issues_errors(&is), 0);
    assert_int_equal(p.f[PF_TURNOVER].state, FACT_KNOWN);
    assert_int_equal(p.f[PF_TURNOVER].i, 1200000050);
    assert_int_equal(p.f[PF_ZED_LEVEL].state, FACT_ABSENT);
    assert_string_equal(p.f[PF_CLUSTER_ID].s, "UP-LKO-CHIKAN");
    assert_string_equal(profile_enum_name(PF_ACTIVITY, p.f[PF_ACTIVITY].i), "manufacturing");
    assert_int_equal(p.f[PF_GSTINS].n, 1);
    assert_int_equal(p.f[PF_OWNER_AGE].i, 34);
    profile_clear(&p);
    profile_issues_free(&is);
    free(text);
}

static void test_unknown_versus_absent(void **state)
{
    struct profile p;
    struct profile_issues is = {0};
    (void)state;

    profile_init(&p);
    assert_int_equal(parse("{\"enterprise\":{\"udyam\":null,\"cluster\":null},\"owner\":null}", &p, &is), 0);
    assert_int_equal(p.f[PF_UDYAM].state, FACT_ABSENT);
    assert_int_equal(p.f[PF_PAN].state, FACT_UNKNOWN);          /* missing key */
    assert_int_equal(p.f[PF_CLUSTER_ID].state, FACT_ABSENT);    /* parent null */
    assert_int_equal(p.f[PF_CLUSTER_SCHEME].state, FACT_ABSENT);
    assert_int_equal(p.f[PF_OWNER_GENDER].state, FACT_ABSENT);
    assert_int_equal(p.f[PF_NEED_AMOUNT].state, FACT_UNKNOWN);
    profile_clear(&p);
    profile_issues_free(&is);
}

static void test_errors_per_field(void **state)
{
    struct profile p;
    struct profile_issues is = {0};
    (void)state;

    profile_init(&p);
    assert_int_equal(parse("{\"as_of\":\"2025-02-30\",\"enterprise\":{\"turnover\":\"12 lakh\","
                           "\"activity\":\"farming\",\"employees\":-3,\"gstins\":[1],"
                           "\"investment\":12.345,\"mystery\":1},\"owner\":{\"age\":\"old\"},"
                           "\"need\":[]}", &p, &is), -1);
    assert_true(has_issue(&is, "as_of", "28 days"));
    assert_true(has_issue(&is, "enterprise.turnover", "expected an amount"));
    assert_true(has_issue(&is, "enterprise.activity", "unknown value 'farming'"));
    assert_true(has_issue(&is, "enterprise.employees", "outside"));
    assert_true(has_issue(&is, "enterprise.gstins", "item 0"));
    assert_true(has_issue(&is, "enterprise.investment", "two decimal"));
    assert_true(has_issue(&is, "owner.age", "whole number"));
    assert_true(has_issue(&is, "need", "object or null"));
    assert_true(has_issue(&is, "enterprise.mystery", "unknown field"));
    assert_int_equal(profile_issues_errors(&is), 8);
    assert_int_equal(p.f[PF_TURNOVER].state, FACT_UNKNOWN); /* p untouched on failure */
    profile_clear(&p);
    profile_issues_free(&is);
}

static void test_syntax_error_position(void **state)
{
    struct profile p;
    struct profile_issues is = {0};
    struct err e;
    (void)state;

    profile_init(&p);
    assert_int_equal(profile_parse("{\n  \"as_of\": ,\n}", 16, &p, &is, &e), -1);
    assert_non_null(strstr(e.msg, "2:"));
    assert_int_equal(profile_parse("[1]", 3, &p, &is, &e), -1);
    assert_int_equal(profile_parse("{\"a\":1,\"a\":2}", 13, &p, &is, &e), -1); /* duplicate key */
    profile_issues_free(&is);
}

static void test_round_trip(void **state)
{
    char *text = slurp("tests/core/profiles/full.json");
    struct profile p, q;
    struct profile_issues is = {0};
    json_t *a, *b;
    char *dumped;
    (void)state;

    profile_init(&p);
    profile_init(&q);
    assert_int_equal(parse(text, &p, &is), 0);
    a = profile_to_json(&p);
    dumped = json_dumps(a, JSON_SORT_KEYS);
    assert_int_equal(parse(dumped, &q, &is), 0);
    b = profile_to_json(&q);
    assert_true(json_equal(a, b));
    assert_true(json_is_null(json_object_get(json_object_get(a, "enterprise"), "zed_level")));
    assert_true(json_is_real(json_object_get(json_object_get(a, "enterprise"), "turnover")));
    assert_true(json_is_integer(json_object_get(json_object_get(a, "need"), "amount")));
    json_decref(a);
    json_decref(b);
    free(dumped);
    profile_clear(&p);
    profile_clear(&q);
    profile_issues_free(&is);
    free(text);
}

/* Every allocation failure while parsing is reported, never a crash or leak. */
static void test_allocation_failures(void **state)
{
    char *text = slurp("tests/core/profiles/full.json");
    struct profile p;
    (void)state;

    for (long n = 1; n < 200; n++) {
        struct profile_issues is = {0};
        struct err e;
        profile_init(&p);
        mem_fail_after(n);
        profile_parse(text, strlen(text), &p, &is, &e);
        mem_fail_after(0);
        profile_clear(&p);
        profile_issues_free(&is);
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_profile), cmocka_unit_test(test_unknown_versus_absent),
        cmocka_unit_test(test_errors_per_field), cmocka_unit_test(test_syntax_error_position),
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
