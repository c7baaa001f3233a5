/* yaml_tree.h: a YAML document as a tree (libyaml's event parser does the
 * YAML; this keeps what the rule loader needs: node kinds, scalar text and
 * style, and each node's file position, so errors can point at
 * file:line:column). Aliases are resolved to their anchored nodes;
 * duplicate mapping keys are errors. */
#ifndef SAMANVAY_YAML_TREE_H
#define SAMANVAY_YAML_TREE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
    enum ynode_kind kind;
    int line, col;          /* 1-based: where the node starts */
    int text_line, text_col;/* 1-based: where a scalar's text starts (differs for block scalars) */
    const char *text;       /* Y_SCALAR: NUL-terminated */
    size_t len;
    bool plain;             /* Y_SCALAR: unquoted, not a block (so YAML types apply) */
    struct ynode **items;   /* Y_SEQ: items; Y_MAP: key, value, key, value … */
    size_t n;               /* items in a sequence; pairs in a map */
};

/* Parse text[0..len) named `file`. All memory comes from `a`. */
int yaml_tree_load(struct arena *a, const char *file, const char *text, size_t len,
                   struct ynode **root, struct err *e);

/* The value for `key` in a mapping, or NULL. */
const struct ynode *ymap_get(const struct ynode *map, const char *key);
static inline const struct ynode *ymap_key(const struct ynode *map, size_t i) { return map->items[2 * i]; }
static inline const struct ynode *ymap_value(const struct ynode *map, size_t i) { return map->items[2 * i + 1]; }

/* A plain scalar that YAML reads as null (~, null, or empty). */
bool yscalar_is_null(const struct ynode *n);

/* The loaders' error form, "FILE:LINE:COL: message", at node n (NULL: 1:1).
 * Returns -1. */
int ynode_vfail(struct err *e, const char *file, const struct ynode *n, const char *fmt,
                va_list ap) __attribute__((format(printf, 4, 0)));
/* The same with the arguments given: -1 always. */
int ynode_fail(struct err *e, const char *file, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* -1 with "unknown key 'K'" at the first key of `map` not in `allowed`
 * (NULL-terminated); 0 when every key is allowed. */
int ymap_only_keys(struct err *e, const char *file, const struct ynode *map,
                   const char *const *allowed);

#endif
