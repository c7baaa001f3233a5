/* parser.c: recursive descent, one function per precedence level:
 *
 *   expr    := 'if' expr 'then' expr 'else' expr | or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | cmp
 *   cmp     := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum | ['not'] 'in' sum)?
 *   sum     := product (('+'|'-') product)*
 *   product := unary (('*'|'/') unary)*
 *   unary   := '-' unary | primary
 *   primary := NUMBER | STRING | DATE | 'true' | 'false' | '(' expr ')'
 *            | '{' [expr (',' expr)*] '}' | NAME | NAME '(' [expr (',' expr)*] ')'
 */
#include "rules/parser.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 64
#define MAX_ARGS 16

struct parser {
    struct arena *a;
    struct lexer lx;
    struct token tok;       /* the current token */
    int depth;
    size_t *at;
    struct err *e;
    bool failed;
};

static bool fail(struct parser *p, size_t at, const char *msg)
{
    if (!p->failed) {
        p->failed = true;
        *p->at = at;
        err_set(p->e, "%s", msg);
    }
    return false;
}

static bool advance(struct parser *p)
{
    if (p->failed)
        return false;
    if (lexer_next(&p->lx, &p->tok, p->at, p->e) != 0) {
        p->failed = true;
        return false;
    }
    return true;
}

static bool expect(struct parser *p, enum tok k)
{
    char msg[96];

    if (p->tok.kind == k)
        return advance(p);
    snprintf(msg, sizeof msg, "expected %s, found %s", tok_name(k), tok_name(p->tok.kind));
    return fail(p, p->tok.start, msg);
}

static struct node *new_node(struct parser *p, enum node_kind kind, size_t pos, int n_kids)
{
    struct node *n = arena_alloc(p->a, sizeof *n);

    if (n == NULL || (n_kids > 0 && (n->kids = arena_alloc(p->a, (size_t)n_kids * sizeof *n->kids)) == NULL)) {
        fail(p, pos, "out of memory");
        return NULL;
    }
    n->kind = kind;
    n->pos = pos;
    n->n_kids = n_kids;
    return n;
}

static struct node *expr(struct parser *p);

static struct node *binary(struct parser *p, enum node_kind kind, enum tok op, size_t pos,
                           struct node *l, struct node *r)
{
    struct node *n;

    if (l == NULL || r == NULL)
        return NULL;
    n = new_node(p, kind, pos, 2);
    if (n == NULL)
        return NULL;
    n->op = op;
    n->kids[0] = l;
    n->kids[1] = r;
    return n;
}

/* Comma-separated expressions until `close`; returns the count or -1. */
static int list(struct parser *p, enum tok close, struct node **items)
{
    int n = 0;

    if (p->tok.kind == close)
        return advance(p) ? 0 : -1;
    for (;;) {
        if (n == MAX_ARGS)
            return fail(p, p->tok.start, "too many items (at most 16)"), -1;
        items[n] = expr(p);
        if (items[n++] == NULL)
            return -1;
        if (p->tok.kind == TK_COMMA) {
            if (!advance(p))
                return -1;
            continue;
        }
        return expect(p, close) ? n : -1;
    }
}

static struct node *with_items(struct parser *p, enum node_kind kind, size_t pos, struct node **items,
                               int n)
{
    struct node *node = new_node(p, kind, pos, n);

    if (node != NULL && n > 0)
        memcpy(node->kids, items, (size_t)n * sizeof *items);
    return node;
}

static struct node *literal(struct parser *p, struct value v, int unit)
{
    struct node *n = new_node(p, N_LITERAL, p->tok.start, 0);

    if (n == NULL)
        return NULL;
    n->v = v;
    n->unit = unit;
    n->constant = true;
    return advance(p) ? n : NULL;
}

static struct node *string_literal(struct parser *p)
{
    char *s = arena_alloc(p->a, p->tok.text_len + 1);
    size_t k = 0;

    if (s == NULL)
        return fail(p, p->tok.start, "out of memory"), NULL;
    for (size_t i = 0; i < p->tok.text_len; i++) {
        char c = p->lx.src[p->tok.text_start + i];
        if (c == '\\')
            c = p->lx.src[p->tok.text_start + ++i];
        s[k++] = c;
    }
    s[k] = '\0';
    return literal(p, value_str(s), UNIT_PLAIN);
}

static struct node *name_or_call(struct parser *p)
{
    size_t pos = p->tok.start;
    char *name = arena_strndup(p->a, p->lx.src + p->tok.start, p->tok.len);
    struct node *items[MAX_ARGS], *n;
    int count;

    if (name == NULL || !advance(p))
        return NULL;
    if (p->tok.kind != TK_LPAREN) {
        n = new_node(p, N_NAME, pos, 0);
        if (n != NULL)
            n->name = name;
        return n;
    }
    if (!advance(p) || (count = list(p, TK_RPAREN, items)) < 0)
        return NULL;
    n = with_items(p, N_CALL, pos, items, count);
    if (n != NULL)
        n->name = name;
    return n;
}

static struct node *primary(struct parser *p)
{
    struct node *items[MAX_ARGS], *n;
    size_t pos = p->tok.start;
    int count;

    switch (p->tok.kind) {
    case TK_NUMBER: return literal(p, value_num(p->tok.num), p->tok.unit);
    case TK_DATE: return literal(p, value_date(p->tok.date), UNIT_PLAIN);
    case TK_TRUE: return literal(p, value_bool(true), UNIT_PLAIN);
    case TK_FALSE: return literal(p, value_bool(false), UNIT_PLAIN);
    case TK_STRING: return string_literal(p);
    case TK_IDENT: return name_or_call(p);
    case TK_LPAREN:
        if (!advance(p))
            return NULL;
        n = expr(p);
        return n != NULL && expect(p, TK_RPAREN) ? n : NULL;
    case TK_LBRACE:
        if (!advance(p) || (count = list(p, TK_RBRACE, items)) < 0)
            return NULL;
        return with_items(p, N_SET, pos, items, count);
    default: break;
    }
    {
        char msg[96];
        snprintf(msg, sizeof msg, "expected a value, found %s", tok_name(p->tok.kind));
        fail(p, pos, msg);
    }
    return NULL;
}

static struct node *unary(struct parser *p)
{
    size_t pos = p->tok.start;
    struct node *n, *operand;

    if (p->tok.kind != TK_MINUS)
        return primary(p);
    if (++p->depth > MAX_DEPTH)
        return fail(p, pos, "expression nested too deeply"), NULL;
    if (!advance(p) || (operand = unary(p)) == NULL)
        return NULL;
    p->depth--;
    n = new_node(p, N_NEG, pos, 1);
    if (n != NULL)
        n->kids[0] = operand;
    return n;
}

static struct node *product(struct parser *p)
{
    struct node *l = unary(p);

    while (l != NULL && (p->tok.kind == TK_STAR || p->tok.kind == TK_SLASH)) {
        enum tok op = p->tok.kind;
        size_t pos = p->tok.start;
        if (!advance(p))
            return NULL;
        l = binary(p, N_BINARY, op, pos, l, unary(p));
    }
    return l;
}

static struct node *sum(struct parser *p)
{
    struct node *l = product(p);

    while (l != NULL && (p->tok.kind == TK_PLUS || p->tok.kind == TK_MINUS)) {
        enum tok op = p->tok.kind;
        size_t pos = p->tok.start;
        if (!advance(p))
            return NULL;
        l = binary(p, N_BINARY, op, pos, l, product(p));
    }
    return l;
}

static bool is_comparison(enum tok k)
{
    return k == TK_EQ || k == TK_NE || k == TK_LT || k == TK_LE || k == TK_GT || k == TK_GE;
}

static struct node *comparison(struct parser *p)
{
    struct node *l = sum(p), *n;
    size_t pos = p->tok.start;
    bool negated = false;

    if (l == NULL)
        return NULL;
    if (is_comparison(p->tok.kind)) {
        enum tok op = p->tok.kind;
        if (!advance(p))
            return NULL;
        return binary(p, N_BINARY, op, pos, l, sum(p));
    }
    if (p->tok.kind == TK_NOT) {
        /* `a not in b`; a bare `not` here is an error caught by expect */
        if (!advance(p) || !expect(p, TK_IN))
            return NULL;
        negated = true;
    } else if (p->tok.kind == TK_IN) {
        if (!advance(p))
            return NULL;
    } else {
        return l;
    }
    n = binary(p, N_IN, TK_IN, pos, l, sum(p));
    if (n != NULL)
        n->negated = negated;
    return n;
}

static struct node *negation(struct parser *p)
{
    size_t pos = p->tok.start;
    struct node *n, *operand;

    if (p->tok.kind != TK_NOT)
        return comparison(p);
    if (++p->depth > MAX_DEPTH)
        return fail(p, pos, "expression nested too deeply"), NULL;
    if (!advance(p) || (operand = negation(p)) == NULL)
        return NULL;
    p->depth--;
    n = new_node(p, N_NOT, pos, 1);
    if (n != NULL)
        n->kids[0] = operand;
    return n;
}

static struct node *conjunction(struct parser *p)
{
    struct node *l = negation(p);

    while (l != NULL && p->tok.kind == TK_AND) {
        size_t pos = p->tok.start;
        if (!advance(p))
            return NULL;
        l = binary(p, N_AND, TK_AND, pos, l, negation(p));
    }
    return l;
}

static struct node *disjunction(struct parser *p)
{
    struct node *l = conjunction(p);

    while (l != NULL && p->tok.kind == TK_OR) {
        size_t pos = p->tok.start;
        if (!advance(p))
            return NULL;
        l = binary(p, N_OR, TK_OR, pos, l, conjunction(p));
    }
    return l;
}

static struct node *expr(struct parser *p)
{
    size_t pos = p->tok.start;
    struct node *n, *c, *a, *b;

    if (++p->depth > MAX_DEPTH)
        return fail(p, pos, "expression nested too deeply"), NULL;
    if (p->tok.kind != TK_IF) {
        n = disjunction(p);
        p->depth--;
        return n;
    }
    if (!advance(p) || (c = expr(p)) == NULL || !expect(p, TK_THEN) || (a = expr(p)) == NULL
        || !expect(p, TK_ELSE) || (b = expr(p)) == NULL)
        return NULL;
    p->depth--;
    n = new_node(p, N_IF, pos, 3);
    if (n != NULL) {
        n->kids[0] = c;
        n->kids[1] = a;
        n->kids[2] = b;
    }
    return n;
}

struct node *parse_expression(struct arena *a, const char *src, size_t len, size_t *at,
                              struct err *e)
{
    struct parser p;
    struct node *n;

    memset(&p, 0, sizeof p);
    p.a = a;
    p.at = at;
    p.e = e;
    lexer_init(&p.lx, src, len);
    if (!advance(&p))
        return NULL;
    if (p.tok.kind == TK_EOF) {
        fail(&p, 0, "empty expression");
        return NULL;
    }
    n = expr(&p);
    if (n == NULL)
        return NULL;
    if (p.tok.kind != TK_EOF) {
        char msg[96];
        snprintf(msg, sizeof msg, "unexpected %s after the end of the expression",
                 tok_name(p.tok.kind));
        fail(&p, p.tok.start, msg);
        return NULL;
    }
    return n;
}
