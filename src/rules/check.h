/* check.h: the type checker. It resolves every name (slots, parameters,
 * definitions), checks every operator's operand types, checks strings
 * compared with enum fields against their vocabulary (and makes them the
 * vocabulary's own pointers, so comparison is a pointer test at run
 * time), and rejects constant conditions, whose other branch could never
 * matter. It annotates the tree in place. */
#ifndef SAMANVAY_CHECK_H
#define SAMANVAY_CHECK_H

#include "core/arena.h"
#include "core/err.h"
#include "rules/ast.h"
#include "rules/scope.h"

struct checker {
    struct arena *arena;
    struct scope *scope;
};

/* Check `n`, parsed from `src`. On failure e holds file:line:col: msg. */
int check_expr(struct checker *ck, const struct expr_src *src, struct node *n, struct err *e);
/* Check and require a type (for criteria, rates, amounts). */
int check_expr_type(struct checker *ck, const struct expr_src *src, struct node *n,
                    enum vtype want, const char *what, struct err *e);

#endif
