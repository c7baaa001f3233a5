/* answer_cache.c: see answer_cache.h. */
#include "web/answer_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

struct slot {
    pthread_mutex_t lock;
    bool used;
    struct answer_key key;
    char *data;
    size_t n;
};

struct answer_cache {
    struct slot *slots;
    size_t n;
};

/* FNV-1a over the key's fields (not its padding). */
static uint64_t key_hash(const struct answer_key *k, uint64_t seed)
{
    const int64_t parts[] = {k->enterprise_id, (int64_t)k->content_hash, k->last_fact_id,
                             k->as_of, k->lang, k->kind};
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;

    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        for (int b = 0; b < 64; b += 8) {
            h ^= (uint64_t)(parts[i] >> b) & 0xff;
            h *= 0x100000001b3ULL;
        }
    return h;
}

static bool key_equal(const struct answer_key *a, const struct answer_key *b)
{
    return a->enterprise_id == b->enterprise_id && a->content_hash == b->content_hash
           && a->last_fact_id == b->last_fact_id && a->as_of == b->as_of && a->lang == b->lang
           && a->kind == b->kind;
}

int answer_cache_new(size_t slots, struct answer_cache **out, struct err *e)
{
    struct answer_cache *c = mem_calloc(1, sizeof *c);

    if (c == NULL || slots == 0 || (c->slots = mem_calloc(slots, sizeof *c->slots)) == NULL) {
        mem_free(c);
        return err_set(e, "answer cache: out of memory");
    }
    c->n = slots;
    for (size_t i = 0; i < slots; i++)
        if (pthread_mutex_init(&c->slots[i].lock, NULL) != 0) {
            c->n = i;
            answer_cache_free(c);
            return err_set(e, "answer cache: cannot make a lock");
        }
    *out = c;
    return 0;
}

void answer_cache_free(struct answer_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++) {
        pthread_mutex_destroy(&c->slots[i].lock);
        mem_free(c->slots[i].data);
    }
    mem_free(c->slots);
    mem_free(c);
}

static struct slot *slot_of(struct answer_cache *c, const struct answer_key *k)
{
    return &c->slots[key_hash(k, 0) % c->n];
}

bool answer_cache_get(struct answer_cache *c, const struct answer_key *k, struct buf *out)
{
    struct slot *s = slot_of(c, k);
    bool hit;

    pthread_mutex_lock(&s->lock);
    hit = s->used && key_equal(&s->key, k) && buf_append(out, s->data, s->n) == 0;
    pthread_mutex_unlock(&s->lock);
    return hit;
}

void answer_cache_put(struct answer_cache *c, const struct answer_key *k, const char *data,
                      size_t n)
{
    struct slot *s = slot_of(c, k);
    char *copy;

    if (n > ANSWER_CACHE_ITEM_MAX || (copy = mem_alloc(n ? n : 1)) == NULL)
        return;
    memcpy(copy, data, n);
    pthread_mutex_lock(&s->lock);
    mem_free(s->data);
    s->data = copy;
    s->n = n;
    s->key = *k;
    s->used = true;
    pthread_mutex_unlock(&s->lock);
}

void answer_key_etag(const struct answer_key *k, char out[40])
{
    snprintf(out, 40, "\"%016llx%016llx\"", (unsigned long long)key_hash(k, 0),
             (unsigned long long)key_hash(k, 0x9e3779b97f4a7c15ULL));
}
