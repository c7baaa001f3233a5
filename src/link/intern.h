/* intern.h: strings to dense ids, with a count per string.
 *
 * The linker counts how often each normalized value occurs (term
 * frequencies) and maps true-entity labels to small integers; both are
 * one open-addressing table of 64-bit hashes. Strings are not copied: the
 * caller keeps them alive as long as the table. */
#ifndef SAMANVAY_LINK_INTERN_H
#define SAMANVAY_LINK_INTERN_H

#include <stddef.h>
#include <stdint.h>

struct intern;

struct intern *intern_new(void);
void intern_free(struct intern *t);

/* The id of s[0..len), adding it (count 0) when new; -1 when memory runs
 * out. Each call adds one to the string's count. */
int32_t intern_add(struct intern *t, const char *s, size_t len);
/* The id, or -1 when absent. */
int32_t intern_find(const struct intern *t, const char *s, size_t len);
uint32_t intern_count(const struct intern *t, int32_t id);
size_t intern_size(const struct intern *t);

/* A 64-bit hash of bytes (FNV-1a with a final mix); never 0. */
uint64_t link_hash(const void *p, size_t n, uint64_t seed);

#endif
