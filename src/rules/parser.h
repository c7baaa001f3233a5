/* parser.h: expression source to syntax tree (docs/rules.md §2 grammar). */
#ifndef SAMANVAY_PARSER_H
#define SAMANVAY_PARSER_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "rules/ast.h"

/* Parse src[0..len) into a tree allocated in `a`. On a syntax error
 * returns NULL, with e set and *at the byte offset of the fault. */
struct node *parse_expression(struct arena *a, const char *src, size_t len, size_t *at,
                              struct err *e);

#endif
