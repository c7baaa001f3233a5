#include "core/arena.h"

#include <stdalign.h>
#include <string.h>

#include "core/alloc.h"

struct chunk {
    struct chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

struct arena {
    struct chunk *head;
    size_t chunk_size;
    size_t total;
};

struct arena *arena_new(size_t chunk_size)
{
    struct arena *a = mem_calloc(1, sizeof *a);

    if (a != NULL)
        a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    return a;
}

void arena_free(struct arena *a)
{
    struct chunk *c, *next;

    if (a == NULL)
        return;
    for (c = a->head; c != NULL; c = next) {
        next = c->next;
        mem_free(c);
    }
    mem_free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    struct chunk *c = a->head;
    void *p;

    n = (n + align - 1) & ~(align - 1);
    if (n == 0)
        n = align;
    if (c == NULL || c->size - c->used < n) {
        size_t size = n > a->chunk_size ? n : a->chunk_size;
        c = mem_alloc(sizeof *c + size);
        if (c == NULL)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    p = c->data + c->used;
    c->used += n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);

    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const struct arena *a)
{
    return a->total;
}
