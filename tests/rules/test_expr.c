/* The expression language end to end: lexer, parser, checker, compiler
 * and the three-valued VM, against small profiles. Each case is an
 * expression, a profile, and the rendered result (or the error). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/profile.h"
#include "core/refdata.h"
#include "rules/check.h"
#include "rules/facts.h"
#include "rules/parser.h"
#include "rules/program.h"
#include "rules/render.h"
#include "rules/vm.h"

struct expr_case {
    const char *expr;
    const char *profile;     /* JSON; as_of is 2025-06-01 unless given */
    const char *want;        /* rendered value, or "error: <substring>" */
    const char *missing;     /* space-separated profile paths, or NULL for none */
};

#define P_WOMAN "{\"enterprise\":{\"turnover\":12000000,\"investment\":2000000,\"exports\":0,\"state\":\"27\",\"district\":\"Pune\",\"udyam\":null,\"commenced_on\":\"2019-04-01\",\"activity\":\"manufacturing\"},\"owner\":{\"gender\":\"female\",\"category\":\"sc\"},\"need\":{\"amount\":1500000,\"purpose\":\"new_unit\"},\"history\":{\"schemes_availed\":[\"pmegp\",\"zed\"]}}"
#define P_EMPTY "{}"

static const struct expr_case cases[] = {
    /* numbers, units and arithmetic */
    {"1 + 2 * 3", P_EMPTY, "7", NULL},
    {"(1 + 2) * 3", P_EMPTY, "9", NULL},
    {"10 / 4", P_EMPTY, "2.5", NULL},
    {"-3 + 1", P_EMPTY, "-2", NULL},
    {"1 lakh", P_EMPTY, "₹1,00,000", NULL},
    {"₹2.5 crore", P_EMPTY, "₹2,50,00,000", NULL},
    {"35%", P_EMPTY, "35%", NULL},
    {"0.37%", P_EMPTY, "0.37%", NULL},
    {"35% * 15 lakh", P_EMPTY, "₹5,25,000", NULL},
    {"round(2.345, 2)", P_EMPTY, "2.35", NULL},
    {"round(-2.345, 2)", P_EMPTY, "-2.35", NULL},
    {"round(123456, -3)", P_EMPTY, "1,23,000", NULL},
    {"floor(2.9) + ceil(2.1)", P_EMPTY, "5", NULL},
    {"min(3, 1, 2) + max(4, 9)", P_EMPTY, "10", NULL},
    {"1 / 0", P_EMPTY, "error: division by zero", NULL},
    {"900000000000 * 900000000000", P_EMPTY, "error: overflow", NULL},
    {"1 / 3", P_EMPTY, "0.3333", NULL},
    /* dates */
    {"as_of", P_EMPTY, "1 June 2025", NULL},
    {"as_of + 30", P_EMPTY, "1 July 2025", NULL},
    {"as_of - 1", P_EMPTY, "31 May 2025", NULL},
    {"years_between(enterprise.commenced_on, as_of)", P_WOMAN, "6", NULL},
    {"months_between(2024-01-31, 2024-03-30)", P_EMPTY, "1", NULL},
    {"days_between(2024-02-28, 2024-03-01)", P_EMPTY, "2", NULL},
    {"date(2025, 4, 1) < as_of", P_EMPTY, "yes", NULL},
    {"date(2025, 2, 30) < as_of", P_EMPTY, "error: not a real date", NULL},
    {"enterprise.age_years >= 5", P_WOMAN, "yes", NULL},
    /* fields, derived facts, enums and sets */
    {"enterprise.turnover", P_WOMAN, "₹1,20,00,000", NULL},
    {"class", P_WOMAN, "micro", NULL},
    {"class == \"micro\"", P_WOMAN, "yes", NULL},
    {"owner.category in {\"sc\", \"st\"}", P_WOMAN, "yes", NULL},
    {"owner.category not in {\"sc\", \"st\"}", P_WOMAN, "no", NULL},
    {"\"pmegp\" in history.schemes_availed", P_WOMAN, "yes", NULL},
    {"count(history.schemes_availed)", P_WOMAN, "2", NULL},
    {"location.ner or location.aspirational", P_WOMAN, "no", NULL},
    {"location.hill", "{\"enterprise\":{\"state\":\"02\"}}", "yes", NULL},
    {"location.island", "{\"enterprise\":{\"state\":\"35\"}}", "yes", NULL},
    {"location.ner", "{\"enterprise\":{\"state\":\"18\",\"ner\":false}}", "no", NULL},
    {"turnover_excluding_exports", P_WOMAN, "₹1,20,00,000", NULL},
    {"starts_with(enterprise.nic, \"13\")", "{\"enterprise\":{\"nic\":\"13111\"}}", "yes", NULL},
    {"starts_with(enterprise.nic, \"14\")", "{\"enterprise\":{\"nic\":\"13111\"}}", "no", NULL},
    {"starts_with(enterprise.nic, \"13\")", P_EMPTY, "unknown", "enterprise.nic"},
    /* three-valued logic: unknown, with the missing facts named */
    {"enterprise.turnover > 1 crore", P_EMPTY, "unknown", "enterprise.turnover"},
    {"enterprise.turnover > 1 crore and owner.gender == \"female\"", "{\"owner\":{\"gender\":\"male\"}}", "no", NULL},
    {"enterprise.turnover > 1 crore or owner.gender == \"female\"", "{\"owner\":{\"gender\":\"female\"}}", "yes", NULL},
    {"enterprise.turnover > 1 crore or owner.gender == \"female\"", "{\"owner\":{\"gender\":\"male\"}}", "unknown", "enterprise.turnover"},
    {"not (owner.age >= 18)", P_EMPTY, "unknown", "owner.age"},
    {"class == \"micro\"", "{\"enterprise\":{\"investment\":100}}", "unknown", "enterprise.turnover"},
    {"class == \"micro\"", "{\"enterprise\":{\"investment\":100,\"turnover\":200}}", "yes", NULL},
    {"class == \"micro\"", "{\"enterprise\":{\"investment\":100,\"turnover\":150000000}}", "unknown", "enterprise.exports"},
    {"location.aspirational", "{\"enterprise\":{\"state\":\"27\"}}", "unknown", "enterprise.district"},
    {"if owner.age >= 18 then 10 else 10", P_EMPTY, "10", NULL},
    {"if owner.age >= 18 then 10 else 20", P_EMPTY, "unknown", "owner.age"},
    {"if owner.gender == \"female\" then 25% else 15%", P_WOMAN, "25%", NULL},
    {"enterprise.turnover > 0 and 1 / enterprise.employees > 0", "{\"enterprise\":{\"turnover\":0,\"employees\":0}}", "no", NULL},
    /* none: a fact known to be absent */
    {"present(enterprise.udyam)", P_WOMAN, "no", NULL},
    {"present(enterprise.udyam)", P_EMPTY, "unknown", "enterprise.udyam"},
    {"known(enterprise.udyam)", P_WOMAN, "yes", NULL},
    {"known(enterprise.udyam)", P_EMPTY, "no", NULL},
    {"enterprise.udyam == \"UDYAM-MH-26-0012345\"", P_WOMAN, "no", NULL},
    {"or_else(enterprise.exports, 0)", "{\"enterprise\":{\"exports\":null}}", "₹0", NULL},
    {"enterprise.zed_level == \"gold\"", "{\"enterprise\":{\"zed_level\":null}}", "no", NULL},
    /* load-time errors, with positions */
    {"enterprise.turnovr > 5", P_EMPTY, "error: 1:1: unknown field 'enterprise.turnovr'; did you mean 'enterprise.turnover'?", NULL},
    {"owner.gender == \"woman\"", P_EMPTY, "error: 1:17: \"woman\" is not a value of owner.gender", NULL},
    {"owner.category in {\"sc\", \"scheduled\"}", P_EMPTY, "error: is not a value of owner.category", NULL},
    {"\"micro\" + 1", P_EMPTY, "error: must be a number", NULL},
    {"enterprise.turnover > 2025-01-01", P_EMPTY, "error: cannot compare a number with a date", NULL},
    {"if true then 1 else 2", P_EMPTY, "error: 1:4: the condition is constant", NULL},
    {"owner.age > 3 and false", P_EMPTY, "error: this operand is constant", NULL},
    {"enterprise.turnover = 5", P_EMPTY, "error: 1:21: '=' is not an operator", NULL},
    {"frobnicate(1)", P_EMPTY, "error: unknown function 'frobnicate'", NULL},
    {"min(1)", P_EMPTY, "error: min takes 2 or more argument(s), not 1", NULL},
    {"\"open", P_EMPTY, "error: unterminated string", NULL},
    {"1 +", P_EMPTY, "error: 1:4: expected a value", NULL},
    {"(1 + 2", P_EMPTY, "error: expected ')'", NULL},
    {"1 2", P_EMPTY, "error: unexpected number after the end", NULL},
    {"owner.gender in {owner.category}", P_EMPTY, "error: a set holds string literals only", NULL},
    {"35.123%", P_EMPTY, "error: percentage", NULL},
    {"", P_EMPTY, "error: empty expression", NULL},
    {"enterprise.turnover >\n  = 5", P_EMPTY, "error: 2:3:", NULL},
};

struct fixture {
    struct refdata *ref;
};

/* Compile and run one case; the result rendered, or "error: …". */
static void run_case(const struct refdata *ref, const struct expr_case *c, struct buf *out, uint64_t *missing)
{
    struct arena *a = arena_new(0);
    struct scope scope = {0};
    struct checker ck = {a, &scope};
    struct expr_src src = {"x", c->expr, strlen(c->expr), 1, 1};
    struct profile p;
    struct profile_issues is = {0};
    struct facts f;
    struct vm_state st;
    struct value v = value_unknown();
    struct err e;
    size_t at = 0;
    struct node *n;
    const struct program *prog;

    *missing = 0;
    n = parse_expression(a, c->expr, strlen(c->expr), &at, &e);
    if (n == NULL) {
        expr_src_error(&src, at, &e, "%s", e.msg);
        buf_printf(out, "error: %s", e.msg);
        arena_free(a);
        return;
    }
    if (check_expr(&ck, &src, n, &e) != 0 || (prog = compile_expr(a, &scope, &src, n, &e)) == NULL) {
        buf_printf(out, "error: %s", e.msg);
        arena_free(a);
        return;
    }
    profile_init(&p);
    assert_int_equal(profile_parse(c->profile, strlen(c->profile), &p, &is, &e), 0);
    facts_build(ref, &p, 20240 /* 2025-06-01 */, &f);
    memset(&st, 0, sizeof st);
    st.facts = &f;
    if (vm_run(prog, &st, &v, &e) != 0)
        buf_printf(out, "error: %s", e.msg);
    else
        render_value(out, &v, prog->unit, false);
    /* As a criterion reports it: missing facts only for an unknown answer. */
    *missing = v.tag == V_UNKNOWN ? st.missing : 0;
    profile_clear(&p);
    profile_issues_free(&is);
    arena_free(a);
}

static void test_cases(void **state)
{
    struct fixture *fx = *state;
    int bad = 0;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct expr_case *c = &cases[i];
        struct buf got = BUF_INIT, miss = BUF_INIT;
        uint64_t missing;
        bool ok;
        run_case(fx->ref, c, &got, &missing);
        if (strncmp(c->want, "error: ", 7) == 0)
            ok = strncmp(buf_cstr(&got), "error: ", 7) == 0 && strstr(buf_cstr(&got), c->want + 7);
        else
            ok = strcmp(buf_cstr(&got), c->want) == 0;
        for (int b = 0; b < PF_COUNT; b++)
            if (missing & ((uint64_t)1 << b))
                buf_printf(&miss, "%s%s", miss.len ? " " : "", facts_missing_name(b));
        if (strcmp(buf_cstr(&miss), c->missing ? c->missing : "") != 0)
            ok = false;
        if (!ok) {
            print_error("case %zu: %s\n  got:  %s [missing: %s]\n  want: %s [missing: %s]\n", i, c->expr,
                        buf_cstr(&got), buf_cstr(&miss), c->want, c->missing ? c->missing : "");
            bad++;
        }
        buf_release(&got);
        buf_release(&miss);
    }
    assert_int_equal(bad, 0);
}

static int setup(void **state)
{
    static struct fixture fx;
    if (refdata_load(&fx.ref, NULL) != 0)
        return -1;
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    refdata_free(fx->ref);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
