/* cluster_map_cache.c: see cluster_map_cache.h. */
#include "web/cluster_map_cache.h"

#include <pthread.h>
#include <stdbool.h>

#include "core/alloc.h"
#include "store/store_cluster_stats.h"

struct cluster_map_cache {
    pthread_mutex_t lock;
    struct cluster_map_entry *current;   /* NULL until the first build */
};

int cluster_map_cache_new(struct cluster_map_cache **out, struct err *e)
{
    struct cluster_map_cache *c = mem_calloc(1, sizeof *c);

    if (c == NULL)
        return err_set(e, "out of memory");
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        mem_free(c);
        return err_set(e, "cannot make a lock");
    }
    *out = c;
    return 0;
}

static void entry_free(struct cluster_map_entry *ent)
{
    cluster_map_free(&ent->m);
    mem_free(ent->regs);
    mem_free(ent);
}

void cluster_map_cache_free(struct cluster_map_cache *c)
{
    if (c == NULL)
        return;
    if (c->current != NULL)
        entry_free(c->current);
    pthread_mutex_destroy(&c->lock);
    mem_free(c);
}

static bool same_key(const struct cluster_map_key *a, const struct cluster_map_key *b)
{
    return a->last_file == b->last_file && a->rows == b->rows;
}

static int build(struct store *s, const struct cluster_map_key *key, struct cluster_map_entry **out,
                 struct err *e)
{
    struct cluster_map_entry *ent = mem_calloc(1, sizeof *ent);

    if (ent == NULL)
        return err_set(e, "out of memory");
    if (store_cluster_map_load(s, &ent->regs, &ent->m, e) != 0) {
        mem_free(ent);
        return -1;
    }
    ent->key = *key;
    ent->refs = 1;
    *out = ent;
    return 0;
}

int cluster_map_cache_get(struct cluster_map_cache *c, struct store *s, struct cluster_map_entry **out,
                          struct err *e)
{
    struct cluster_map_key key;
    struct cluster_map_entry *ent = NULL, *old = NULL;

    /* The key is read before the map: an ingest landing in between makes
     * the kept map newer than its key, so the next request rebuilds;
     * never the other way round. */
    if (store_ingest_version(s, &key.last_file, &key.rows, e) != 0)
        return -1;
    if (c != NULL) {
        pthread_mutex_lock(&c->lock);
        if (c->current != NULL && same_key(&c->current->key, &key)) {
            c->current->refs++;
            *out = c->current;
            pthread_mutex_unlock(&c->lock);
            return 0;
        }
        pthread_mutex_unlock(&c->lock);
    }
    /* Built outside the lock: a slow build holds no other reader up (two
     * requests may both build; the later one is kept). */
    if (build(s, &key, &ent, e) != 0)
        return -1;
    if (c != NULL) {
        pthread_mutex_lock(&c->lock);
        if (c->current != NULL && --c->current->refs == 0)
            old = c->current;
        c->current = ent;
        ent->refs++;                     /* the cache's own reference */
        pthread_mutex_unlock(&c->lock);
        if (old != NULL)
            entry_free(old);
    }
    *out = ent;
    return 0;
}

void cluster_map_cache_release(struct cluster_map_cache *c, struct cluster_map_entry *ent)
{
    bool last;

    if (ent == NULL)
        return;
    if (c == NULL) {
        entry_free(ent);
        return;
    }
    pthread_mutex_lock(&c->lock);
    last = --ent->refs == 0;
    pthread_mutex_unlock(&c->lock);
    if (last)
        entry_free(ent);
}
