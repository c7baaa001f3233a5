/* catalog.h: every scheme, loaded and compiled together. A catalogue with
 * any error does not load at all: it never loads half. */
#ifndef SAMANVAY_CATALOG_H
#define SAMANVAY_CATALOG_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "rules/scheme.h"
#include "rules/vocab.h"

struct catalog {
    struct arena *arena;
    struct vocabularies vocab;
    struct scheme *schemes;      /* sorted by id */
    size_t n;
};

/* Load schemes/<id>.yaml from `dir`, or the copies built into the binary
 * when dir is NULL. */
int catalog_load(const char *dir, struct catalog **out, struct err *e);
void catalog_free(struct catalog *c);
const struct scheme *catalog_find(const struct catalog *c, const char *id);
/* Tests across every scheme. */
size_t catalog_test_count(const struct catalog *c);

#endif
