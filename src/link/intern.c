/* intern.c: open addressing with linear probing on 64-bit hashes. */
#include "link/intern.h"

#include <string.h>

#include "core/alloc.h"

struct slot {
    uint64_t hash;      /* 0: empty */
    const char *s;
    uint32_t len;
    int32_t id;
};

struct intern {
    struct slot *slot;
    size_t mask;        /* capacity - 1 (a power of two) */
    uint32_t *count;    /* by id */
    size_t n, count_cap;
};

uint64_t link_hash(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603ull ^ seed;

    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    /* FNV's low bits mix poorly; the probe uses them, so finish with a mixer. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

struct intern *intern_new(void)
{
    struct intern *t = mem_calloc(1, sizeof *t);

    if (t == NULL)
        return NULL;
    t->mask = 1023;
    if ((t->slot = mem_calloc(t->mask + 1, sizeof *t->slot)) == NULL) {
        mem_free(t);
        return NULL;
    }
    return t;
}

void intern_free(struct intern *t)
{
    if (t == NULL)
        return;
    mem_free(t->slot);
    mem_free(t->count);
    mem_free(t);
}

static size_t probe(const struct intern *t, uint64_t h, const char *s, size_t len)
{
    size_t i = h & t->mask;

    while (t->slot[i].hash != 0
           && !(t->slot[i].hash == h && t->slot[i].len == len && memcmp(t->slot[i].s, s, len) == 0))
        i = (i + 1) & t->mask;
    return i;
}

static int grow(struct intern *t)
{
    size_t cap = (t->mask + 1) * 2;
    struct slot *old = t->slot, *nw = mem_calloc(cap, sizeof *nw);

    if (nw == NULL)
        return -1;
    t->slot = nw;
    t->mask = cap - 1;
    for (size_t i = 0; i <= (cap / 2) - 1; i++)
        if (old[i].hash != 0)
            t->slot[probe(t, old[i].hash, old[i].s, old[i].len)] = old[i];
    mem_free(old);
    return 0;
}

int32_t intern_add(struct intern *t, const char *s, size_t len)
{
    uint64_t h = link_hash(s, len, 0);
    size_t i;

    if (len > UINT32_MAX || t->n >= INT32_MAX)
        return -1;
    if ((t->n + 1) * 4 > (t->mask + 1) * 3 && grow(t) != 0)
        return -1;
    i = probe(t, h, s, len);
    if (t->slot[i].hash == 0) {
        if (t->n == t->count_cap) {
            size_t cap = t->count_cap ? t->count_cap * 2 : 256;
            uint32_t *c = mem_realloc(t->count, cap * sizeof *c);
            if (c == NULL)
                return -1;
            t->count = c;
            t->count_cap = cap;
        }
        t->slot[i] = (struct slot){h, s, (uint32_t)len, (int32_t)t->n};
        t->count[t->n++] = 0;
    }
    t->count[t->slot[i].id]++;
    return t->slot[i].id;
}

int32_t intern_find(const struct intern *t, const char *s, size_t len)
{
    size_t i = probe(t, link_hash(s, len, 0), s, len);

    return t->slot[i].hash == 0 ? -1 : t->slot[i].id;
}

uint32_t intern_count(const struct intern *t, int32_t id)
{
    return id >= 0 && (size_t)id < t->n ? t->count[id] : 0;
}

size_t intern_size(const struct intern *t)
{
    return t->n;
}
