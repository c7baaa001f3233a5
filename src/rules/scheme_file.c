/* scheme_file.c: schemes/<id>.yaml into a compiled struct scheme.
 *
 * Every key is checked (unknown keys are errors), every expression is
 * parsed, checked and compiled, and every error names file:line:column. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ident.h"
#include "rules/builtins.h"
#include "rules/check.h"
#include "rules/facts.h"
#include "rules/num.h"
#include "rules/parser.h"
#include "rules/scheme.h"
#include "rules/vm.h"
#include "rules/vocab.h"

struct sf {
    struct arena *a;
    const struct vocabularies *vocab;
    const char *file;
    struct scheme *s;
    struct err *e;
};

static const char *const objective_names[OBJ_COUNT] = {
    "credit", "subsidy", "guarantee", "skilling", "marketing", "technology", "certification",
    "cluster", "export", "innovation", "infrastructure", "delayed_payment",
};

static const char *const kind_names[BK_COUNT] = {
    "subsidy", "loan", "guarantee", "grant", "reimbursement", "training", "other",
};

const char *objective_name(enum objective o)
{
    return (unsigned)o < OBJ_COUNT ? objective_names[o] : "?";
}

const char *benefit_kind_name(enum benefit_kind k)
{
    return (unsigned)k < BK_COUNT ? kind_names[k] : "?";
}

const char *status_name(enum status s)
{
    return s == ST_ELIGIBLE ? "eligible" : s == ST_INELIGIBLE ? "ineligible" : "unknown";
}

static int fail(struct sf *f, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct sf *f, const struct ynode *n, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = ynode_vfail(f->e, f->file, n, fmt, ap);
    va_end(ap);
    return rc;
}

/* --- basic values -------------------------------------------------------- */

static int only_keys(struct sf *f, const struct ynode *map, const char *const *allowed)
{
    return ymap_only_keys(f->e, f->file, map, allowed);
}

static const struct ynode *need(struct sf *f, const struct ynode *map, const char *key)
{
    const struct ynode *v = ymap_get(map, key);

    if (v == NULL)
        fail(f, map, "missing key '%s'", key);
    return v;
}

static int want_map(struct sf *f, const struct ynode *n, const char *what)
{
    return n->kind == Y_MAP ? 0 : fail(f, n, "%s must be a mapping", what);
}

static int text_of(struct sf *f, const struct ynode *n, const char *what, const char **out)
{
    if (n->kind != Y_SCALAR || yscalar_is_null(n))
        return fail(f, n, "%s must be text", what);
    *out = n->text;
    return 0;
}

static int required_text(struct sf *f, const struct ynode *map, const char *key, const char **out)
{
    const struct ynode *v = need(f, map, key);
    return v == NULL ? -1 : text_of(f, v, key, out);
}

static int int_of(struct sf *f, const struct ynode *n, const char *what, int lo, int hi, int *out)
{
    char *end;
    long v;

    if (n->kind != Y_SCALAR || !n->plain)
        return fail(f, n, "%s must be a whole number", what);
    v = strtol(n->text, &end, 10);
    if (*end || end == n->text || v < lo || v > hi)
        return fail(f, n, "%s must be a whole number from %d to %d", what, lo, hi);
    *out = (int)v;
    return 0;
}

static int date_of(struct sf *f, const struct ynode *n, const char *what, int32_t *out)
{
    struct err e;

    if (n->kind != Y_SCALAR || date_parse(n->text, n->len, out, &e) != 0)
        return fail(f, n, "%s must be a date YYYY-MM-DD", what);
    return 0;
}

/* A sequence of text; each item checked by `valid` when given. */
static int text_list(struct sf *f, const struct ynode *n, const char *what,
                     bool (*valid)(struct sf *, const char *), const char ***out, size_t *count)
{
    const char **items;

    if (n->kind != Y_SEQ)
        return fail(f, n, "%s must be a list", what);
    items = arena_alloc(f->a, (n->n ? n->n : 1) * sizeof *items);
    if (items == NULL)
        return fail(f, n, "out of memory");
    for (size_t i = 0; i < n->n; i++) {
        if (text_of(f, n->items[i], what, &items[i]) != 0)
            return -1;
        if (valid != NULL && !valid(f, items[i]))
            return fail(f, n->items[i], "'%s' is not in the vocabulary of %s", items[i], what);
        for (size_t j = 0; j < i; j++)
            if (strcmp(items[j], items[i]) == 0)
                return fail(f, n->items[i], "'%s' is listed twice", items[i]);
    }
    *out = items;
    *count = n->n;
    return 0;
}

/* --- expressions and texts ------------------------------------------------ */

static struct expr_src *source_of(struct sf *f, const struct ynode *n, const char *text, size_t len,
                                  int line, int col)
{
    struct expr_src *src = arena_alloc(f->a, sizeof *src);

    if (src == NULL)
        return NULL;
    src->file = f->file;
    src->text = text;
    src->len = len;
    src->line = line;
    src->col = col;
    (void)n;
    return src;
}

static struct node *parse_at(struct sf *f, const struct expr_src *src)
{
    size_t at = 0;
    struct err inner;
    struct node *ast = parse_expression(f->a, src->text, src->len, &at, &inner);

    if (ast == NULL)
        expr_src_error(src, at, f->e, "%s", inner.msg);
    return ast;
}

/* Parse, check and compile; want TY_ERROR to accept any type. */
static const struct program *compile_text(struct sf *f, const struct expr_src *src, enum vtype want,
                                          const char *what)
{
    struct checker ck = {f->a, &f->s->scope};
    struct node *ast = parse_at(f, src);

    if (ast == NULL)
        return NULL;
    if (want != TY_ERROR ? check_expr_type(&ck, src, ast, want, what, f->e)
                         : check_expr(&ck, src, ast, f->e))
        return NULL;
    return compile_expr(f->a, &f->s->scope, src, ast, f->e);
}

static const struct program *compile_node(struct sf *f, const struct ynode *n, enum vtype want,
                                          const char *what)
{
    const struct expr_src *src;

    if (n->kind != Y_SCALAR || yscalar_is_null(n)) {
        fail(f, n, "%s must be an expression", what);
        return NULL;
    }
    src = source_of(f, n, n->text, n->len, n->text_line, n->text_col);
    return src ? compile_text(f, src, want, what) : NULL;
}

/* Position of byte `off` of a scalar's text (single-line texts are exact). */
static void text_position(const struct ynode *n, size_t off, int *line, int *col)
{
    *line = n->text_line;
    *col = n->text_col;
    for (size_t i = 0; i < off; i++) {
        if (n->text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)n->text[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* "The loan of {need.amount} is above {ceiling}." into parts. */
static int parse_text(struct sf *f, const struct ynode *n, const char *what, struct text *out)
{
    struct text_part *parts;
    size_t n_parts = 0, max_parts, i = 0;
    const char *s = NULL;

    if (text_of(f, n, what, &s) != 0)
        return -1;
    max_parts = 1;
    for (size_t k = 0; k < n->len; k++)
        max_parts += s[k] == '{' ? 2 : 0;
    parts = arena_alloc(f->a, max_parts * sizeof *parts);
    if (parts == NULL)
        return fail(f, n, "out of memory");
    while (i < n->len) {
        const char *open = memchr(s + i, '{', n->len - i), *close;
        size_t lit_end = open ? (size_t)(open - s) : n->len;
        int line, col;
        if (lit_end > i)
            parts[n_parts++].literal = arena_strndup(f->a, s + i, lit_end - i);
        if (open == NULL)
            break;
        close = memchr(open, '}', n->len - lit_end);
        if (close == NULL)
            return fail(f, n, "%s: '{' without a closing '}'", what);
        text_position(n, lit_end + 1, &line, &col);
        {
            const struct expr_src *src = source_of(f, n, open + 1, (size_t)(close - open - 1), line, col);
            if (src == NULL || (parts[n_parts++].expr = compile_text(f, src, TY_ERROR, what)) == NULL)
                return -1;
        }
        i = (size_t)(close - s) + 1;
    }
    out->parts = parts;
    out->n = n_parts;
    return 0;
}

static int required_texts(struct sf *f, const struct ynode *map, const char *key, const char *key_hi,
                          struct text *en, struct text *hi)
{
    const struct ynode *a = need(f, map, key), *b = need(f, map, key_hi);

    if (a == NULL || b == NULL)
        return -1;
    return parse_text(f, a, key, en) != 0 || parse_text(f, b, key_hi, hi) != 0 ? -1 : 0;
}

/* --- params --------------------------------------------------------------- */

/* Evaluate a constant expression (a parameter's value). */
static int constant_value(struct sf *f, const struct ynode *n, struct value *v, int *unit)
{
    struct scope empty = {0};
    struct checker ck = {f->a, &empty};
    const struct expr_src *src;
    struct node *ast;
    const struct program *p;
    struct facts facts;
    struct vm_state st;

    if (n->kind != Y_SCALAR || yscalar_is_null(n))
        return fail(f, n, "a parameter's value must be a constant");
    src = source_of(f, n, n->text, n->len, n->text_line, n->text_col);
    if (src == NULL || (ast = parse_at(f, src)) == NULL || check_expr(&ck, src, ast, f->e) != 0)
        return -1;
    if (!ast->constant)
        return fail(f, n, "a parameter's value must be a constant (no profile fields)");
    if ((p = compile_expr(f->a, &empty, src, ast, f->e)) == NULL)
        return -1;
    memset(&facts, 0, sizeof facts);
    memset(&st, 0, sizeof st);
    st.facts = &facts;
    if (vm_run(p, &st, v, f->e) != 0)
        return -1;
    *unit = p->unit;
    return 0;
}

int scheme_param_value(struct arena *a, const char *file, const struct ynode *n, struct value *v, int *unit,
                       struct err *e)
{
    struct sf f = {a, NULL, file, NULL, e};

    return constant_value(&f, n, v, unit);
}

static int param_entry(struct sf *f, const struct ynode *n, struct param_entry *pe, bool dated)
{
    static const char *const keys[] = {"from", "value", "source", "unconfirmed", "note", NULL};
    const struct ynode *v;

    memset(pe, 0, sizeof *pe);
    pe->from = INT32_MIN;
    if (!dated)
        return constant_value(f, n, &pe->v, &pe->unit);
    if (want_map(f, n, "a dated parameter value") || only_keys(f, n, keys))
        return -1;
    if ((v = need(f, n, "from")) == NULL || date_of(f, v, "from", &pe->from) != 0
        || (v = need(f, n, "value")) == NULL || constant_value(f, v, &pe->v, &pe->unit) != 0)
        return -1;
    if ((v = ymap_get(n, "source")) != NULL && text_of(f, v, "source", &pe->source) != 0)
        return -1;
    if ((v = ymap_get(n, "note")) != NULL && text_of(f, v, "note", &pe->note) != 0)
        return -1;
    if ((v = ymap_get(n, "unconfirmed")) != NULL) {
        if (v->kind != Y_SCALAR || (strcmp(v->text, "true") != 0 && strcmp(v->text, "false") != 0))
            return fail(f, v, "unconfirmed must be true or false");
        pe->unconfirmed = strcmp(v->text, "true") == 0;
        if (pe->unconfirmed && pe->note == NULL)
            return fail(f, n, "an unconfirmed value needs a note saying what is not confirmed");
    }
    return 0;
}

static enum vtype type_of_value(const struct value *v)
{
    switch (v->tag) {
    case V_BOOL: return TY_BOOL;
    case V_NUM: return TY_NUM;
    case V_STR: return TY_STR;
    case V_DATE: return TY_DATE;
    case V_SET: return TY_SET;
    default: return TY_ERROR;
    }
}

static bool name_taken(struct sf *f, const char *name)
{
    return slot_find(name) >= 0 || builtin_find(name) >= 0
           || scope_find_param(&f->s->scope, name) >= 0 || scope_find_definition(&f->s->scope, name) >= 0;
}

static int load_param(struct sf *f, const struct ynode *key, const struct ynode *val, struct param *p)
{
    bool dated = val->kind == Y_SEQ;
    size_t n = dated ? val->n : 1;

    if (name_taken(f, key->text))
        return fail(f, key, "'%s' is already a field, function, parameter or definition", key->text);
    if (n == 0)
        return fail(f, val, "a dated parameter needs at least one value");
    p->name = key->text;
    p->dated = dated;
    p->n = n;
    p->entries = arena_alloc(f->a, n * sizeof *p->entries);
    if (p->entries == NULL)
        return fail(f, val, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (param_entry(f, dated ? val->items[i] : val, &p->entries[i], dated) != 0)
            return -1;
        if (i > 0 && p->entries[i].from <= p->entries[i - 1].from)
            return fail(f, val->items[i], "dated values must be in increasing order of 'from'");
        if (i > 0 && type_of_value(&p->entries[i].v) != type_of_value(&p->entries[0].v))
            return fail(f, val->items[i], "every dated value must have the same type");
    }
    p->type = type_of_value(&p->entries[0].v);
    p->unit = p->entries[0].unit;
    return 0;
}

static int load_params(struct sf *f, const struct ynode *root)
{
    const struct ynode *m = ymap_get(root, "params");
    struct scope *sc = &f->s->scope;

    if (m == NULL || yscalar_is_null(m))
        return 0;
    if (want_map(f, m, "params") != 0)
        return -1;
    if (m->n > SCHEME_MAX_PARAMS)
        return fail(f, m, "at most %d parameters", SCHEME_MAX_PARAMS);
    sc->params = arena_alloc(f->a, (m->n ? m->n : 1) * sizeof *sc->params);
    if (sc->params == NULL)
        return fail(f, m, "out of memory");
    for (size_t i = 0; i < m->n; i++) {
        if (load_param(f, ymap_key(m, i), ymap_value(m, i), &sc->params[i]) != 0)
            return -1;
        sc->n_params = i + 1;
    }
    return 0;
}

/* Parameters a program reads (definitions are compiled in line). */
static uint64_t params_read(const struct program *p)
{
    uint64_t used = 0;

    for (size_t i = 0; p != NULL && i < p->n_code; i++)
        if (p->code[i].op == OP_PARAM)
            used |= (uint64_t)1 << p->code[i].a;
    return used;
}

/* A dated parameter that decides eligibility or the benefit must have a
 * value for every day the scheme is in force, or evaluation on an early
 * date would meet an unknown with no missing fact to ask for. (In texts a
 * missing value just prints as unknown.) */
static int check_param_dates(struct sf *f, const struct ynode *root)
{
    const struct scheme *s = f->s;
    const struct scope *sc = &s->scope;
    const struct ynode *m = ymap_get(root, "params");
    uint64_t used = params_read(s->benefit.rate) | params_read(s->benefit.amount);

    for (size_t c = 0; c < s->n_criteria; c++)
        used |= params_read(s->criteria[c].when);
    for (size_t i = 0; i < sc->n_params; i++) {
        const struct param *p = &sc->params[i];
        char d[DATE_STR_LEN];
        if (!(used & ((uint64_t)1 << i)) || !p->dated || p->entries[0].from <= s->valid_from)
            continue;
        date_format(s->valid_from, d);
        return fail(f, ymap_value(m, i),
                    "parameter '%s' decides eligibility or the benefit but has no value from valid_from (%s) to its first 'from'",
                    p->name, d);
    }
    return 0;
}

/* --- definitions ----------------------------------------------------------- */

static int load_definitions(struct sf *f, const struct ynode *root)
{
    const struct ynode *m = ymap_get(root, "definitions");
    struct scope *sc = &f->s->scope;
    struct checker ck = {f->a, sc};

    if (m == NULL || yscalar_is_null(m))
        return 0;
    if (want_map(f, m, "definitions") != 0)
        return -1;
    sc->defs = arena_alloc(f->a, (m->n ? m->n : 1) * sizeof *sc->defs);
    if (sc->defs == NULL)
        return fail(f, m, "out of memory");
    for (size_t i = 0; i < m->n; i++) {
        const struct ynode *k = ymap_key(m, i), *v = ymap_value(m, i);
        struct definition *d = &sc->defs[i];
        const struct expr_src *src;
        if (name_taken(f, k->text))
            return fail(f, k, "'%s' is already a field, function, parameter or definition", k->text);
        if (v->kind != Y_SCALAR || yscalar_is_null(v))
            return fail(f, v, "a definition must be an expression");
        src = source_of(f, v, v->text, v->len, v->text_line, v->text_col);
        if (src == NULL)
            return fail(f, v, "out of memory");
        d->name = k->text;
        d->src = *src;
        if ((d->ast = parse_at(f, &d->src)) == NULL)
            return -1;
        sc->n_defs = i + 1;
    }
    /* Check them all now, so an unused definition with an error still fails. */
    for (size_t i = 0; i < sc->n_defs; i++) {
        struct definition *d = &sc->defs[i];
        if (d->state == 0) {
            struct node use = {.kind = N_NAME, .name = d->name};
            if (check_expr(&ck, &d->src, &use, f->e) != 0)
                return -1;
        }
    }
    return 0;
}

/* --- criteria and benefit ---------------------------------------------------- */

static int load_criterion(struct sf *f, const struct ynode *n, struct criterion *c)
{
    static const char *const keys[] = {"id", "when", "pass", "fail", "pass_hi", "fail_hi", "source", NULL};
    const struct ynode *when;

    if (want_map(f, n, "a criterion") || only_keys(f, n, keys) || required_text(f, n, "id", &c->id)
        || (when = need(f, n, "when")) == NULL
        || (c->when = compile_node(f, when, TY_BOOL, "a criterion's 'when'")) == NULL
        || required_texts(f, n, "pass", "pass_hi", &c->pass, &c->pass_hi)
        || required_texts(f, n, "fail", "fail_hi", &c->fail, &c->fail_hi)
        || required_text(f, n, "source", &c->source))
        return -1;
    if (c->when->n_code == 2 && c->when->code[0].op == OP_CONST)
        return fail(f, when, "this criterion is constant: it never depends on the enterprise");
    return 0;
}

static int load_criteria(struct sf *f, const struct ynode *root)
{
    const struct ynode *seq = need(f, root, "criteria");
    struct scheme *s = f->s;

    if (seq == NULL)
        return -1;
    if (seq->kind != Y_SEQ || seq->n == 0)
        return fail(f, seq, "criteria must be a non-empty list");
    if (seq->n > SCHEME_MAX_CRITERIA)
        return fail(f, seq, "at most %d criteria", SCHEME_MAX_CRITERIA);
    s->criteria = arena_alloc(f->a, seq->n * sizeof *s->criteria);
    if (s->criteria == NULL)
        return fail(f, seq, "out of memory");
    for (size_t i = 0; i < seq->n; i++) {
        if (load_criterion(f, seq->items[i], &s->criteria[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(s->criteria[j].id, s->criteria[i].id) == 0)
                return fail(f, seq->items[i], "criterion id '%s' is used twice", s->criteria[i].id);
        s->n_criteria = i + 1;
    }
    return 0;
}

/* An optional `unconfirmed: true` with its required `note` in map m. */
static int unconfirmed_flag(struct sf *f, const struct ynode *m, const char **note)
{
    const struct ynode *u = ymap_get(m, "unconfirmed"), *n = ymap_get(m, "note");

    *note = NULL;
    if (u == NULL) {
        if (n != NULL)
            return fail(f, n, "a note here explains 'unconfirmed: true'");
        return 0;
    }
    if (u->kind != Y_SCALAR || (strcmp(u->text, "true") != 0 && strcmp(u->text, "false") != 0))
        return fail(f, u, "unconfirmed must be true or false");
    if (strcmp(u->text, "false") == 0)
        return 0;
    if (n == NULL)
        return fail(f, m, "an unconfirmed item needs a note saying what is not confirmed");
    return text_of(f, n, "note", note);
}

/* Make `rate` and `amount` names in the benefit's texts: they stand for the
 * benefit's own rate and amount (rate × need.amount when only a rate is
 * given). A scheme parameter or definition of the same name wins. */
static int add_benefit_names(struct sf *f, const struct ynode *b)
{
    struct scope *sc = &f->s->scope;
    const struct ynode *rate = ymap_get(b, "rate"), *amount = ymap_get(b, "amount");
    struct definition *defs = arena_alloc(f->a, (sc->n_defs + 2) * sizeof *defs);
    struct checker ck = {f->a, sc};

    if (defs == NULL)
        return fail(f, b, "out of memory");
    if (sc->n_defs)
        memcpy(defs, sc->defs, sc->n_defs * sizeof *defs);
    sc->defs = defs;
    for (int k = 0; k < 2; k++) {
        const struct ynode *n = k == 0 ? rate : amount;
        const char *name = k == 0 ? "rate" : "amount";
        struct definition *d = &sc->defs[sc->n_defs];
        const struct expr_src *src;
        if (scope_find_param(sc, name) >= 0 || scope_find_definition(sc, name) >= 0)
            continue;
        if (n == NULL && k == 0)
            continue;
        if (n != NULL) {
            src = source_of(f, n, n->text, n->len, n->text_line, n->text_col);
        } else {
            /* amount = rate × need.amount, with rate the benefit's own expression */
            char *text = arena_alloc(f->a, rate->len + 32);
            if (text == NULL)
                return fail(f, b, "out of memory");
            snprintf(text, rate->len + 32, "(%s) * need.amount", rate->text);
            src = source_of(f, rate, text, strlen(text), rate->text_line, rate->text_col);
        }
        if (src == NULL)
            return fail(f, b, "out of memory");
        d->name = name;
        d->src = *src;
        if ((d->ast = parse_at(f, &d->src)) == NULL)
            return -1;
        sc->n_defs++;
        {
            struct node use = {.kind = N_NAME, .name = d->name};
            if (check_expr(&ck, &d->src, &use, f->e) != 0)
                return -1;
        }
        /* whatever the formula, these print as a share and as rupees */
        d->ast->unit = k == 0 ? UNIT_FRACTION : UNIT_MONEY;
    }
    return 0;
}

static int load_benefit(struct sf *f, const struct ynode *root)
{
    static const char *const keys[] = {"kind", "rate", "amount", "text", "text_hi", "unconfirmed",
                                       "note", NULL};
    const struct ynode *b = need(f, root, "benefit"), *v;
    struct benefit *out = &f->s->benefit;
    const char *kind;
    int k;

    if (b == NULL || want_map(f, b, "benefit") || only_keys(f, b, keys)
        || required_text(f, b, "kind", &kind))
        return -1;
    for (k = 0; k < BK_COUNT && strcmp(kind_names[k], kind) != 0; k++)
        ;
    if (k == BK_COUNT)
        return fail(f, ymap_get(b, "kind"),
                    "benefit kind must be subsidy, loan, guarantee, grant, reimbursement, training or other");
    out->kind = (enum benefit_kind)k;
    if ((v = ymap_get(b, "rate")) != NULL && (out->rate = compile_node(f, v, TY_NUM, "rate")) == NULL)
        return -1;
    if ((v = ymap_get(b, "amount")) != NULL && (out->amount = compile_node(f, v, TY_NUM, "amount")) == NULL)
        return -1;
    if (out->rate == NULL && out->amount == NULL)
        return fail(f, b, "a benefit needs a rate (a fraction of need.amount) or an amount (rupees)");
    if (unconfirmed_flag(f, b, &out->unconfirmed_note) != 0 || add_benefit_names(f, b) != 0)
        return -1;
    return required_texts(f, b, "text", "text_hi", &out->text, &out->text_hi);
}

/* --- metadata ---------------------------------------------------------------- */

static bool valid_document(struct sf *f, const char *id) { return vocab_document(f->vocab, id) != NULL; }
static bool valid_field(struct sf *f, const char *id) { return vocab_field(f->vocab, id) != NULL; }
static bool valid_group(struct sf *f, const char *id) { (void)f; return vocab_target_group(id); }
static bool valid_objective(struct sf *f, const char *id)
{
    (void)f;
    for (int i = 0; i < OBJ_COUNT; i++)
        if (strcmp(objective_names[i], id) == 0)
            return true;
    return false;
}

static int load_objectives(struct sf *f, const struct ynode *root)
{
    const struct ynode *n = need(f, root, "objectives");
    const char **items;
    size_t count;

    if (n == NULL || text_list(f, n, "objectives", valid_objective, &items, &count) != 0)
        return -1;
    if (count == 0)
        return fail(f, n, "at least one objective");
    for (size_t i = 0; i < count; i++)
        for (int o = 0; o < OBJ_COUNT; o++)
            if (strcmp(objective_names[o], items[i]) == 0)
                f->s->objectives |= 1u << o;
    return 0;
}

static int load_validity(struct sf *f, const struct ynode *root)
{
    const struct ynode *from = need(f, root, "valid_from"), *to = need(f, root, "valid_to");
    const struct ynode *u = ymap_get(root, "validity_unconfirmed"), *n = ymap_get(root, "validity_note");
    struct scheme *s = f->s;

    if (u != NULL && (u->kind != Y_SCALAR || strcmp(u->text, "true") != 0))
        return fail(f, u, "validity_unconfirmed is true when present");
    if ((u == NULL) != (n == NULL))
        return fail(f, u ? u : n, "validity_unconfirmed: true and validity_note go together");
    if (n != NULL && text_of(f, n, "validity_note", &s->validity_note) != 0)
        return -1;

    if (from == NULL || to == NULL || date_of(f, from, "valid_from", &s->valid_from) != 0)
        return -1;
    s->valid_to = INT32_MAX;
    if (!yscalar_is_null(to) && date_of(f, to, "valid_to", &s->valid_to) != 0)
        return -1;
    if (s->valid_to < s->valid_from)
        return fail(f, to, "valid_to is before valid_from");
    return 0;
}

static int load_sources(struct sf *f, const struct ynode *root)
{
    const struct ynode *src = need(f, root, "sources"), *read = need(f, root, "sources_read");
    struct scheme *s = f->s;
    int32_t d;

    if (src == NULL || read == NULL || text_list(f, src, "sources", NULL, &s->sources, &s->n_sources) != 0)
        return -1;
    if (s->n_sources == 0)
        return fail(f, src, "at least one source");
    for (size_t i = 0; i < s->n_sources; i++)
        if (strncmp(s->sources[i], "https://", 8) != 0 && strncmp(s->sources[i], "http://", 7) != 0)
            return fail(f, src->items[i], "a source is a URL (http:// or https://)");
    if (read->kind == Y_SCALAR) {
        s->sources_read = arena_alloc(f->a, sizeof *s->sources_read);
        s->n_sources_read = 1;
        if (s->sources_read == NULL || text_of(f, read, "sources_read", &s->sources_read[0]) != 0)
            return -1;
    } else if (text_list(f, read, "sources_read", NULL, &s->sources_read, &s->n_sources_read) != 0) {
        return -1;
    } else if (s->n_sources_read != s->n_sources) {
        return fail(f, read, "sources_read lists one date per source (or give a single date)");
    }
    for (size_t i = 0; i < s->n_sources_read; i++)
        if (date_parse(s->sources_read[i], strlen(s->sources_read[i]), &d, NULL) != 0)
            return fail(f, read, "sources_read holds dates YYYY-MM-DD");
    return 0;
}

static int load_declarations(struct sf *f, const struct ynode *root)
{
    static const char *const keys[] = {"text", "text_hi", NULL};
    const struct ynode *n = ymap_get(root, "declarations");
    struct scheme *s = f->s;

    if (n == NULL || yscalar_is_null(n))
        return 0;
    if (n->kind != Y_SEQ)
        return fail(f, n, "declarations must be a list");
    s->declarations = arena_alloc(f->a, (n->n ? n->n : 1) * sizeof *s->declarations);
    if (s->declarations == NULL)
        return fail(f, n, "out of memory");
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *d = n->items[i];
        if (want_map(f, d, "a declaration") || only_keys(f, d, keys)
            || required_text(f, d, "text", &s->declarations[i].text)
            || required_text(f, d, "text_hi", &s->declarations[i].text_hi))
            return -1;
    }
    s->n_declarations = n->n;
    return 0;
}

static bool state_digits(const char *s, int *out)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    *out = (s[0] - '0') * 10 + (s[1] - '0');
    return gstin_state_code_ok(*out);
}

static int load_state(struct sf *f, const struct ynode *root)
{
    const struct ynode *level = need(f, root, "level"), *state = ymap_get(root, "state");

    if (level == NULL || level->kind != Y_SCALAR)
        return fail(f, level ? level : root, "level must be central or state");
    if (strcmp(level->text, "central") == 0) {
        if (state != NULL && !yscalar_is_null(state))
            return fail(f, state, "a central scheme has no state");
        return 0;
    }
    if (strcmp(level->text, "state") != 0)
        return fail(f, level, "level must be central or state");
    if (state == NULL || state->kind != Y_SCALAR || state->len != 2
        || !state_digits(state->text, &f->s->state))
        return fail(f, state ? state : root, "a state scheme needs state: the state's two-digit GST code, quoted");
    return 0;
}

static int load_metadata(struct sf *f, const struct ynode *root)
{
    struct scheme *s = f->s;
    const struct ynode *v;

    if (required_text(f, root, "id", &s->id) || required_text(f, root, "name", &s->name)
        || required_text(f, root, "name_hi", &s->name_hi) || required_text(f, root, "summary", &s->summary)
        || required_text(f, root, "summary_hi", &s->summary_hi)
        || required_text(f, root, "ministry", &s->ministry) || required_text(f, root, "agency", &s->agency)
        || (v = need(f, root, "version")) == NULL || int_of(f, v, "version", 1, 100000, &s->version)
        || (v = need(f, root, "sla_days")) == NULL || int_of(f, v, "sla_days", 1, 3650, &s->sla_days)
        || load_state(f, root) || load_objectives(f, root) || load_validity(f, root)
        || load_sources(f, root) || load_declarations(f, root))
        return -1;
    if ((v = need(f, root, "target_groups")) == NULL
        || text_list(f, v, "target_groups", valid_group, &s->target_groups, &s->n_target_groups)
        || (v = need(f, root, "documents")) == NULL
        || text_list(f, v, "documents (data/documents.csv)", valid_document, &s->documents, &s->n_documents))
        return -1;
    v = ymap_get(root, "fields");
    if (v != NULL && !yscalar_is_null(v)
        && text_list(f, v, "fields (data/application_fields.csv)", valid_field, &s->fields, &s->n_fields))
        return -1;
    return 0;
}

/* --- tests ------------------------------------------------------------------- */

static int expect_amount(struct sf *f, const struct ynode *n, const char *what, bool *check, bool *null,
                         int64_t *out)
{
    struct value v;
    int unit;

    *check = true;
    if (yscalar_is_null(n)) {
        *null = true;
        return 0;
    }
    if (constant_value(f, n, &v, &unit) != 0)
        return -1;
    if (v.tag != V_NUM)
        return fail(f, n, "%s must be a number", what);
    *out = v.u.n;
    return 0;
}

static int load_expect(struct sf *f, const struct ynode *n, struct scheme_test *t)
{
    static const char *const keys[] = {"status", "benefit", "missing", "fails", NULL};
    static const char *const bkeys[] = {"amount", "rate", NULL};
    const struct ynode *st, *b, *v;

    if (want_map(f, n, "expect") || only_keys(f, n, keys) || (st = need(f, n, "status")) == NULL)
        return -1;
    if (strcmp(st->text, "eligible") == 0)
        t->status = ST_ELIGIBLE;
    else if (strcmp(st->text, "ineligible") == 0)
        t->status = ST_INELIGIBLE;
    else if (strcmp(st->text, "unknown") == 0)
        t->status = ST_UNKNOWN;
    else
        return fail(f, st, "status must be eligible, ineligible or unknown");
    if ((b = ymap_get(n, "benefit")) != NULL) {
        if (want_map(f, b, "expect.benefit") || only_keys(f, b, bkeys))
            return -1;
        if ((v = ymap_get(b, "amount")) != NULL
            && expect_amount(f, v, "amount", &t->check_amount, &t->amount_null, &t->amount) != 0)
            return -1;
        if ((v = ymap_get(b, "rate")) != NULL
            && expect_amount(f, v, "rate", &t->check_rate, &t->rate_null, &t->rate) != 0)
            return -1;
    }
    if ((v = ymap_get(n, "missing")) != NULL) {
        t->check_missing = true;
        if (text_list(f, v, "missing", NULL, &t->missing, &t->n_missing) != 0)
            return -1;
    }
    if ((v = ymap_get(n, "fails")) != NULL) {
        t->check_fails = true;
        if (text_list(f, v, "fails", NULL, &t->fails, &t->n_fails) != 0)
            return -1;
        for (size_t i = 0; i < t->n_fails; i++) {
            bool known = false;
            for (size_t c = 0; c < f->s->n_criteria; c++)
                known = known || strcmp(f->s->criteria[c].id, t->fails[i]) == 0;
            if (!known)
                return fail(f, v->items[i], "'%s' is not a criterion of this scheme", t->fails[i]);
        }
    }
    return 0;
}

static int load_tests(struct sf *f, const struct ynode *root)
{
    static const char *const keys[] = {"name", "profile", "expect", NULL};
    const struct ynode *seq = need(f, root, "tests");
    struct scheme *s = f->s;

    if (seq == NULL)
        return -1;
    if (seq->kind != Y_SEQ || seq->n < 3)
        return fail(f, seq, "tests must list at least three cases");
    s->tests = arena_alloc(f->a, seq->n * sizeof *s->tests);
    if (s->tests == NULL)
        return fail(f, seq, "out of memory");
    for (size_t i = 0; i < seq->n; i++) {
        const struct ynode *n = seq->items[i], *e;
        struct scheme_test *t = &s->tests[i];
        if (want_map(f, n, "a test") || only_keys(f, n, keys) || required_text(f, n, "name", &t->name)
            || (t->profile = need(f, n, "profile")) == NULL || want_map(f, t->profile, "profile")
            || (e = need(f, n, "expect")) == NULL || load_expect(f, e, t))
            return -1;
        t->line = n->line;
    }
    s->n_tests = seq->n;
    return 0;
}

/* --- the file ----------------------------------------------------------------- */

static const char *const top_keys[] = {
    "id", "version", "name", "name_hi", "summary", "summary_hi", "ministry", "agency", "level",
    "state", "objectives", "target_groups", "valid_from", "valid_to", "sources", "sources_read",
    "sla_days", "documents", "fields", "declarations", "params", "definitions", "criteria",
    "benefit", "tests", "validity_unconfirmed", "validity_note", NULL};

static int check_file_name(struct sf *f, const struct ynode *root)
{
    const char *base = strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file;
    size_t n = strlen(f->s->id);

    if (strncmp(base, f->s->id, n) != 0 || strcmp(base + n, ".yaml") != 0)
        return fail(f, ymap_get(root, "id"), "id '%s' must match the file name (%s)", f->s->id, base);
    for (const char *p = f->s->id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return fail(f, ymap_get(root, "id"), "an id is lower-case snake case");
    /* /api/v1/schemes/search is the search route, so no scheme can be "search". */
    if (strcmp(f->s->id, "search") == 0)
        return fail(f, ymap_get(root, "id"), "the id 'search' is reserved (the API's search route)");
    return 0;
}

int scheme_load(struct arena *a, const struct vocabularies *v, const char *file, const char *text,
                size_t len, struct scheme *out, struct err *e)
{
    struct sf f = {a, v, file, out, e};
    struct ynode *root;

    memset(out, 0, sizeof *out);
    out->file = file;
    if (yaml_tree_load(a, file, text, len, &root, e) != 0)
        return -1;
    if (want_map(&f, root, "a scheme file") || only_keys(&f, root, top_keys) || load_metadata(&f, root)
        || check_file_name(&f, root) || load_params(&f, root) || load_definitions(&f, root)
        || load_criteria(&f, root) || load_benefit(&f, root) || check_param_dates(&f, root)
        || load_tests(&f, root))
        return -1;
    return 0;
}
