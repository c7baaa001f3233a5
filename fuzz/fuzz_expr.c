/* Fuzz the rule language: any text through lexer, parser, checker and
 * compiler, then run against a fixed profile. Every failure must be a
 * clean error; every success a value of the checked type. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/profile.h"
#include "rules/check.h"
#include "rules/facts.h"
#include "rules/parser.h"
#include "rules/program.h"
#include "rules/vm.h"
#include "fuzz_refdata.h"

static const char profile_json[] =
    "{\"as_of\":\"2025-06-01\",\"enterprise\":{\"turnover\":12000000,\"investment\":2000000,"
    "\"state\":\"27\",\"district\":\"Pune\",\"udyam\":null,\"commenced_on\":\"2019-04-01\"},"
    "\"owner\":{\"gender\":\"female\"},\"need\":{\"amount\":1500000},"
    "\"history\":{\"schemes_availed\":[\"pmegp\"]}}";

static bool type_matches(enum vtype t, const struct value *v)
{
    switch (v->tag) {
    case V_UNKNOWN:
    case V_NONE: return true;
    case V_BOOL: return t == TY_BOOL;
    case V_NUM: return t == TY_NUM;
    case V_STR: return t == TY_STR;
    case V_DATE: return t == TY_DATE;
    case V_SET: return t == TY_SET;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new(0);
    struct scope scope = {0};
    struct checker ck = {a, &scope};
    struct expr_src src = {"fuzz", (const char *)data, size, 1, 1};
    struct profile p;
    struct profile_issues is = {0};
    struct facts f;
    struct vm_state st;
    struct value v;
    struct err e;
    size_t at = 0;
    struct node *n = parse_expression(a, (const char *)data, size, &at, &e);
    const struct program *prog;

    if (n != NULL && at > size)
        abort();
    if (n == NULL || check_expr(&ck, &src, n, &e) != 0
        || (prog = compile_expr(a, &scope, &src, n, &e)) == NULL) {
        arena_free(a);
        return 0;
    }
    profile_init(&p);
    if (profile_parse(profile_json, sizeof profile_json - 1, &p, &is, &e) != 0)
        abort();
    facts_build(fuzz_refdata(), &p, (int32_t)p.f[PF_AS_OF].i, &f);
    memset(&st, 0, sizeof st);
    st.facts = &f;
    if (vm_run(prog, &st, &v, &e) == 0 && !type_matches(prog->type, &v))
        abort();
    profile_clear(&p);
    profile_issues_free(&is);
    arena_free(a);
    return 0;
}
