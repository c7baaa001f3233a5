/* arena.h: a bump allocator for things that live and die together (a
 * compiled catalogue, one request). Allocation is a pointer bump; there is
 * no per-object free; arena_free releases everything at once. */
#ifndef SAMANVAY_ARENA_H
#define SAMANVAY_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(size_t chunk_size);
void arena_free(struct arena *a);

/* Zeroed memory aligned for any type, or NULL when memory runs out. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Bytes handed out so far (for tests and sizing). */
size_t arena_used(const struct arena *a);

#endif
