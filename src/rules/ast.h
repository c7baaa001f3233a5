/* ast.h: the syntax tree of one expression, built by the parser in the
 * catalogue's arena and annotated in place by the checker. */
#ifndef SAMANVAY_AST_H
#define SAMANVAY_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/lexer.h"
#include "rules/value.h"

enum node_kind {
    N_LITERAL,      /* number, string, boolean, date: node.v */
    N_SET,          /* { a, b, ... } */
    N_NAME,         /* a field, derived fact, parameter or definition */
    N_NEG,          /* -a */
    N_NOT,          /* not a */
    N_BINARY,       /* a OP b with OP in node.op: + - * / == != < <= > >= */
    N_IN,           /* a in b; node.negated for `not in` */
    N_AND,
    N_OR,
    N_IF,           /* kids: condition, then, else */
    N_CALL,         /* name(args) */
};

/* What a name resolved to (filled by the checker). */
enum name_ref { REF_NONE = 0, REF_SLOT, REF_PARAM, REF_DEFINITION };

struct node {
    enum node_kind kind;
    size_t pos;                 /* byte offset in the expression's source */
    enum tok op;                /* N_BINARY */
    bool negated;               /* N_IN: not in */
    struct value v;             /* N_LITERAL; after checking, any constant node's value */
    int unit;                   /* enum vunit of a literal, then of the node */
    const char *name;           /* N_NAME, N_CALL (NUL-terminated, in the arena) */
    struct node **kids;
    int n_kids;
    /* annotations from the checker */
    enum vtype type;
    const char *const *vocab;   /* a string from an enum field: its vocabulary */
    bool constant;              /* value known at load time (in v) */
    enum name_ref ref;
    int index;                  /* slot, parameter or definition index */
    int builtin;                /* N_CALL: index into the builtin table */
};

#endif
