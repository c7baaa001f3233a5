/* scope.h: what names a scheme's expressions can see beyond the slots:
 * its parameters (constants, possibly dated) and its definitions (named
 * expressions). Also where each expression's text came from, so every
 * error can point at file:line:column. */
#ifndef SAMANVAY_SCOPE_H
#define SAMANVAY_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "rules/ast.h"
#include "rules/value.h"

/* The origin of an expression's text inside a rule file. `line`/`col`
 * (1-based) are those of the text's first character. */
struct expr_src {
    const char *file;
    const char *text;
    size_t len;
    int line, col;
};

/* Set e to "file:line:col: msg" for the byte at `offset` of src's text. */
int expr_src_error(const struct expr_src *src, size_t offset, struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

struct param_entry {
    int32_t from;               /* DATE_MIN when the value is not dated */
    struct value v;
    int unit;
    bool unconfirmed;
    const char *note;
    const char *source;
};

struct param {
    const char *name;
    struct param_entry *entries; /* sorted by `from` */
    size_t n;
    enum vtype type;
    int unit;
    bool dated;                 /* more than one entry, or one with a date */
};

struct definition {
    const char *name;
    struct expr_src src;
    struct node *ast;
    int state;                  /* 0 not checked, 1 being checked (cycle guard), 2 checked */
};

struct scope {
    struct param *params;
    size_t n_params;
    struct definition *defs;
    size_t n_defs;
};

int scope_find_param(const struct scope *s, const char *name);
int scope_find_definition(const struct scope *s, const char *name);
/* The entry of `p` in force on `on` (the latest with from <= on), or NULL. */
const struct param_entry *param_at(const struct param *p, int32_t on);

#endif
