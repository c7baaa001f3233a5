#include "rules/check.h"

#include <string.h>

#include "rules/builtins.h"
#include "rules/facts.h"

struct ctx {
    struct checker *ck;
    const struct expr_src *src;
    struct err *e;
};

#define FAIL(c, n, ...) expr_src_error((c)->src, (n)->pos, (c)->e, __VA_ARGS__)

static int check(struct ctx *c, struct node *n);

static void set_type(struct node *n, enum vtype t, int unit)
{
    n->type = t;
    n->unit = unit;
}

static int expect_type(struct ctx *c, struct node *n, enum vtype want, const char *role)
{
    if (n->type == want)
        return 0;
    return FAIL(c, n, "%s must be a %s, but this is a %s", role, vtype_name(want), vtype_name(n->type));
}

static bool all_constant(const struct node *n)
{
    for (int i = 0; i < n->n_kids; i++)
        if (!n->kids[i]->constant)
            return false;
    return true;
}

/* --- names ------------------------------------------------------------- */

static int check_definition(struct ctx *c, struct node *n, int d)
{
    struct definition *def = &c->ck->scope->defs[d];
    struct ctx inner = {c->ck, &def->src, c->e};

    if (def->state == 1)
        return FAIL(c, n, "definition '%s' refers to itself", def->name);
    if (def->state == 0) {
        def->state = 1;
        if (check(&inner, def->ast) != 0)
            return -1;
        def->state = 2;
    }
    n->ref = REF_DEFINITION;
    n->index = d;
    n->type = def->ast->type;
    n->unit = def->ast->unit;
    n->vocab = def->ast->vocab;
    n->constant = def->ast->constant;
    n->v = def->ast->v;
    return 0;
}

static int check_name(struct ctx *c, struct node *n)
{
    int slot = slot_find(n->name), k;
    const char *hint;

    if (slot >= 0) {
        struct slot_desc d = slot_info(slot);
        n->ref = REF_SLOT;
        n->index = slot;
        n->vocab = d.vocab;
        set_type(n, d.type, d.unit);
        return 0;
    }
    if ((k = scope_find_param(c->ck->scope, n->name)) >= 0) {
        const struct param *p = &c->ck->scope->params[k];
        n->ref = REF_PARAM;
        n->index = k;
        set_type(n, p->type, p->unit);
        n->constant = !p->dated;
        if (n->constant)
            n->v = p->entries[0].v;
        return 0;
    }
    if ((k = scope_find_definition(c->ck->scope, n->name)) >= 0)
        return check_definition(c, n, k);
    hint = slot_suggest(n->name);
    if (hint != NULL)
        return FAIL(c, n, "unknown field '%s'; did you mean '%s'?", n->name, hint);
    return FAIL(c, n, "unknown name '%s' (not a profile field, derived fact, parameter or definition)",
                n->name);
}

/* --- strings against vocabularies ---------------------------------------- */

/* The vocabulary's own pointer for s, or NULL when s is not in it. */
static const char *in_vocab(const char *const *vocab, const char *s)
{
    for (size_t i = 0; vocab[i] != NULL; i++)
        if (strcmp(vocab[i], s) == 0)
            return vocab[i];
    return NULL;
}

static int vocab_list(const char *const *vocab, char *out, size_t cap)
{
    size_t used = 0;

    out[0] = '\0';
    for (size_t i = 0; vocab[i] != NULL && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%s", i ? " " : "", vocab[i]);
    return 0;
}

static int canonical_string(struct ctx *c, struct node *lit, const char *const *vocab,
                            const char *field)
{
    const char *canon = in_vocab(vocab, lit->v.u.s);
    char allowed[200];

    if (canon == NULL) {
        vocab_list(vocab, allowed, sizeof allowed);
        return FAIL(c, lit, "\"%s\" is not a value of %s (%s)", lit->v.u.s, field, allowed);
    }
    lit->v.u.s = canon;
    return 0;
}

static int canonical_set(struct ctx *c, struct node *set, const char *const *vocab, const char *field)
{
    const struct strset *s = set->v.u.set;
    const char **items;
    char allowed[200];

    if (set->kind == N_NAME) {
        for (size_t i = 0; i < s->n; i++) {
            if (in_vocab(vocab, s->items[i]) == NULL) {
                vocab_list(vocab, allowed, sizeof allowed);
                return FAIL(c, set, "\"%s\" in '%s' is not a value of %s (%s)", s->items[i],
                            set->name, field, allowed);
            }
        }
        return 0;
    }
    items = (const char **)s->items;
    for (int i = 0; i < set->n_kids; i++) {
        if (canonical_string(c, set->kids[i], vocab, field) != 0)
            return -1;
        items[i] = set->kids[i]->v.u.s;
    }
    return 0;
}

static const char *field_name(const struct node *n)
{
    return n->kind == N_NAME ? n->name : "the field";
}

/* --- operators ------------------------------------------------------------ */

static int check_set(struct ctx *c, struct node *n)
{
    struct strset *s = arena_alloc(c->ck->arena, sizeof *s);
    const char **items = arena_alloc(c->ck->arena, (size_t)(n->n_kids ? n->n_kids : 1) * sizeof *items);

    if (s == NULL || items == NULL)
        return FAIL(c, n, "out of memory");
    for (int i = 0; i < n->n_kids; i++) {
        struct node *k = n->kids[i];
        if (k->kind != N_LITERAL || k->v.tag != V_STR)
            return FAIL(c, k, "a set holds string literals only");
        items[i] = k->v.u.s;
    }
    s->n = (size_t)n->n_kids;
    s->items = items;
    n->v = value_set(s);
    n->constant = true;
    set_type(n, TY_SET, UNIT_PLAIN);
    return 0;
}

static int arith_unit(int op, int a, int b)
{
    if (op == TK_PLUS || op == TK_MINUS)
        return a == UNIT_MONEY || b == UNIT_MONEY ? UNIT_MONEY : a == b ? a : UNIT_PLAIN;
    if (op == TK_STAR)
        return a == UNIT_MONEY || b == UNIT_MONEY ? UNIT_MONEY
               : a == UNIT_FRACTION && b == UNIT_FRACTION ? UNIT_FRACTION
               : a == UNIT_FRACTION ? b : b == UNIT_FRACTION ? a : UNIT_PLAIN;
    return a == UNIT_MONEY && b != UNIT_MONEY ? UNIT_MONEY : UNIT_PLAIN; /* division */
}

static int check_arith(struct ctx *c, struct node *n, struct node *l, struct node *r)
{
    if ((n->op == TK_PLUS || n->op == TK_MINUS) && l->type == TY_DATE) {
        if (r->type != TY_NUM)
            return FAIL(c, n, "a date plus or minus takes a number of days; use days_between for two dates");
        set_type(n, TY_DATE, UNIT_PLAIN);
        return 0;
    }
    if (expect_type(c, l, TY_NUM, "the left side") || expect_type(c, r, TY_NUM, "the right side"))
        return -1;
    set_type(n, TY_NUM, arith_unit(n->op, l->unit, r->unit));
    return 0;
}

static int check_compare(struct ctx *c, struct node *n, struct node *l, struct node *r)
{
    bool ordering = n->op != TK_EQ && n->op != TK_NE;

    if (l->type != r->type)
        return FAIL(c, n, "cannot compare a %s with a %s", vtype_name(l->type), vtype_name(r->type));
    if (ordering && l->type != TY_NUM && l->type != TY_DATE)
        return FAIL(c, n, "only numbers and dates are ordered; %ss compare with == or !=",
                    vtype_name(l->type));
    if (l->type == TY_SET)
        return FAIL(c, n, "sets are compared with 'in', not %s", tok_name(n->op));
    if (l->type == TY_STR && l->vocab != NULL && r->kind == N_LITERAL)
        return canonical_string(c, r, l->vocab, field_name(l));
    if (r->type == TY_STR && r->vocab != NULL && l->kind == N_LITERAL)
        return canonical_string(c, l, r->vocab, field_name(r));
    return 0;
}

static int check_binary(struct ctx *c, struct node *n)
{
    struct node *l = n->kids[0], *r = n->kids[1];

    if (n->op == TK_PLUS || n->op == TK_MINUS || n->op == TK_STAR || n->op == TK_SLASH)
        return check_arith(c, n, l, r);
    set_type(n, TY_BOOL, UNIT_PLAIN);
    return check_compare(c, n, l, r);
}

static int check_in(struct ctx *c, struct node *n)
{
    struct node *l = n->kids[0], *r = n->kids[1];

    set_type(n, TY_BOOL, UNIT_PLAIN);
    if (expect_type(c, l, TY_STR, "the left side of 'in'") || expect_type(c, r, TY_SET, "the right side of 'in'"))
        return -1;
    if (l->vocab != NULL && r->constant)
        return canonical_set(c, r, l->vocab, field_name(l));
    if (l->kind == N_LITERAL && r->constant)
        return FAIL(c, n, "both sides of 'in' are constant");
    return 0;
}

static int check_logic(struct ctx *c, struct node *n)
{
    for (int i = 0; i < 2; i++) {
        if (expect_type(c, n->kids[i], TY_BOOL, n->kind == N_AND ? "an 'and' operand" : "an 'or' operand"))
            return -1;
        if (n->kids[i]->constant)
            return FAIL(c, n->kids[i], "this operand is constant, so the %s can never depend on the other",
                        n->kind == N_AND ? "'and'" : "'or'");
    }
    set_type(n, TY_BOOL, UNIT_PLAIN);
    return 0;
}

static int check_if(struct ctx *c, struct node *n)
{
    struct node *cond = n->kids[0], *a = n->kids[1], *b = n->kids[2];

    if (expect_type(c, cond, TY_BOOL, "the condition of 'if'"))
        return -1;
    if (cond->constant)
        return FAIL(c, cond, "the condition is constant, so one branch is unreachable");
    if (a->type != b->type)
        return FAIL(c, n, "the branches of 'if' have different types: %s and %s", vtype_name(a->type),
                    vtype_name(b->type));
    set_type(n, a->type, a->unit == b->unit ? a->unit : UNIT_PLAIN);
    n->vocab = a->vocab == b->vocab ? a->vocab : NULL;
    return 0;
}

/* --- calls ---------------------------------------------------------------- */

static int check_call_args(struct ctx *c, struct node *n, enum vtype want)
{
    for (int i = 0; i < n->n_kids; i++)
        if (expect_type(c, n->kids[i], want, "an argument"))
            return -1;
    return 0;
}

static int check_call(struct ctx *c, struct node *n)
{
    const struct builtin_desc *d;
    int b = builtin_find(n->name);

    if (b < 0)
        return FAIL(c, n, "unknown function '%s'", n->name);
    d = builtin_get(b);
    n->builtin = b;
    if (n->n_kids < d->min_args || (d->max_args >= 0 && n->n_kids > d->max_args))
        return FAIL(c, n, "%s takes %d%s argument(s), not %d", d->name, d->min_args,
                    d->max_args < 0 ? " or more" : d->max_args > d->min_args ? " or 2" : "", n->n_kids);
    switch (b) {
    case B_MIN: case B_MAX: case B_FLOOR: case B_CEIL:
        set_type(n, TY_NUM, n->kids[0]->unit);
        return check_call_args(c, n, TY_NUM);
    case B_ROUND:
        set_type(n, TY_NUM, n->kids[0]->unit);
        if (check_call_args(c, n, TY_NUM))
            return -1;
        if (n->n_kids == 2 && (n->kids[1]->kind != N_LITERAL && !(n->kids[1]->kind == N_NEG && n->kids[1]->kids[0]->kind == N_LITERAL)))
            return FAIL(c, n->kids[1], "round's places must be a literal whole number");
        return 0;
    case B_YEARS_BETWEEN: case B_MONTHS_BETWEEN: case B_DAYS_BETWEEN:
        set_type(n, TY_NUM, UNIT_PLAIN);
        return check_call_args(c, n, TY_DATE);
    case B_DATE:
        set_type(n, TY_DATE, UNIT_PLAIN);
        return check_call_args(c, n, TY_NUM);
    case B_PRESENT: case B_KNOWN:
        set_type(n, TY_BOOL, UNIT_PLAIN);
        if (n->kids[0]->kind != N_NAME || n->kids[0]->ref != REF_SLOT)
            return FAIL(c, n, "%s takes a profile field or derived fact", d->name);
        return 0;
    case B_OR_ELSE:
        if (n->kids[0]->type != n->kids[1]->type)
            return FAIL(c, n, "or_else's default must have the type of its first argument (%s)",
                        vtype_name(n->kids[0]->type));
        set_type(n, n->kids[0]->type, n->kids[0]->unit);
        n->vocab = n->kids[0]->vocab;
        return 0;
    case B_COUNT:
        set_type(n, TY_NUM, UNIT_PLAIN);
        return check_call_args(c, n, TY_SET);
    case B_STARTS_WITH:
        set_type(n, TY_BOOL, UNIT_PLAIN);
        return check_call_args(c, n, TY_STR);
    }
    return FAIL(c, n, "unknown function '%s'", n->name);
}

/* --- dispatch ------------------------------------------------------------- */

static int check_kids(struct ctx *c, struct node *n)
{
    for (int i = 0; i < n->n_kids; i++)
        if (check(c, n->kids[i]) != 0)
            return -1;
    return 0;
}

static int check(struct ctx *c, struct node *n)
{
    int rc;

    if (n->kind == N_NAME)
        return check_name(c, n);
    if (n->kind == N_LITERAL) {
        set_type(n, n->v.tag == V_BOOL ? TY_BOOL : n->v.tag == V_NUM ? TY_NUM
                    : n->v.tag == V_DATE ? TY_DATE : TY_STR, n->unit);
        return 0;
    }
    if (n->kind == N_SET)
        return check_set(c, n);
    if (check_kids(c, n) != 0)
        return -1;
    switch (n->kind) {
    case N_NEG:
        rc = expect_type(c, n->kids[0], TY_NUM, "the operand of '-'");
        set_type(n, TY_NUM, n->kids[0]->unit);
        break;
    case N_NOT:
        rc = expect_type(c, n->kids[0], TY_BOOL, "the operand of 'not'");
        set_type(n, TY_BOOL, UNIT_PLAIN);
        break;
    case N_BINARY: rc = check_binary(c, n); break;
    case N_IN: rc = check_in(c, n); break;
    case N_AND:
    case N_OR: rc = check_logic(c, n); break;
    case N_IF: rc = check_if(c, n); break;
    case N_CALL: rc = check_call(c, n); break;
    default: rc = FAIL(c, n, "internal: unexpected node");
    }
    if (rc == 0 && n->kind != N_CALL)
        n->constant = all_constant(n);
    else if (rc == 0)
        n->constant = n->builtin != B_PRESENT && n->builtin != B_KNOWN && all_constant(n);
    return rc;
}

int check_expr(struct checker *ck, const struct expr_src *src, struct node *n, struct err *e)
{
    struct ctx c = {ck, src, e};
    return check(&c, n);
}

int check_expr_type(struct checker *ck, const struct expr_src *src, struct node *n,
                    enum vtype want, const char *what, struct err *e)
{
    struct ctx c = {ck, src, e};

    if (check(&c, n) != 0)
        return -1;
    if (n->type != want)
        return FAIL(&c, n, "%s must be a %s, but this is a %s", what, vtype_name(want),
                    vtype_name(n->type));
    return 0;
}
