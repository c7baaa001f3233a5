/* alloc.h: the one allocation wrapper.
 *
 * Every allocation in Samanvay goes through these so tests can make the
 * n-th allocation fail and check that the caller unwinds cleanly. They
 * return NULL on failure like malloc; callers must handle it. */
#ifndef SAMANVAY_ALLOC_H
#define SAMANVAY_ALLOC_H

#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
void mem_free(void *p);

/* Test hook: make allocation number `n` (counting from the next call, 1 =
 * the next one) on this thread fail; 0 disables. The counter is
 * thread-local, so it is not shared mutable state between threads. */
void mem_fail_after(long n);

#endif
