/* overlap_cache.c: see overlap_cache.h. */
#include "web/overlap_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "store/store_cluster_stats.h"

struct overlap_cache {
    pthread_mutex_t lock;
    struct overlap_kept *kept[OVERLAP_CACHE_ENTRIES];   /* NULL: a free slot */
    uint64_t clock;                                     /* counts hand-outs, for least recently used */
};

int overlap_cache_new(struct overlap_cache **out, struct err *e)
{
    struct overlap_cache *c = mem_calloc(1, sizeof *c);

    if (c == NULL)
        return err_set(e, "out of memory");
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        mem_free(c);
        return err_set(e, "cannot make a lock");
    }
    *out = c;
    return 0;
}

static void kept_free(struct overlap_kept *k)
{
    if (k->amounts != NULL)
        for (size_t i = 0; i < k->run.report.population; i++)
            mem_free(k->amounts[i]);
    mem_free(k->amounts);
    store_overlap_release(&k->run);
    mem_free(k);
}

void overlap_cache_free(struct overlap_cache *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < OVERLAP_CACHE_ENTRIES; i++)
        if (c->kept[i] != NULL)
            kept_free(c->kept[i]);
    pthread_mutex_destroy(&c->lock);
    mem_free(c);
}

static int key_of(struct store *s, const struct overlap_options *o, struct overlap_cache_key *k, struct err *e)
{
    memset(k, 0, sizeof *k);   /* compared with memcmp: padding too */
    if (store_ingest_version(s, &k->last_file, &k->rows, e) != 0
        || store_overlap_app_version(s, &k->last_event, e) != 0)
        return -1;
    k->as_of = o->as_of;
    k->window_days = o->window_days;
    k->state = o->state;
    snprintf(k->purpose, sizeof k->purpose, "%s", o->need_purpose ? o->need_purpose : "");
    k->amount = o->need_amount;
    return 0;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int make(struct store *s, const struct catalog *cat, const struct refdata *ref,
                const struct overlap_options *o, const struct overlap_cache_key *key, struct overlap_kept **out,
                struct err *e)
{
    struct overlap_kept *k = mem_calloc(1, sizeof *k);
    struct timespec t0;

    if (k == NULL)
        return err_set(e, "out of memory");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (store_overlap_load(s, cat, ref, o, &k->run, e) != 0) {
        mem_free(k);
        return -1;
    }
    k->ms = ms_since(&t0);
    k->key = *key;
    k->refs = 1;
    if ((k->amounts = mem_calloc(k->run.report.population + 1, sizeof *k->amounts)) == NULL) {
        kept_free(k);
        return err_set(e, "out of memory");
    }
    *out = k;
    return 0;
}

/* Under the lock: the slot holding `key`, or -1. */
static int find(const struct overlap_cache *c, const struct overlap_cache_key *key)
{
    for (int i = 0; i < OVERLAP_CACHE_ENTRIES; i++)
        if (c->kept[i] != NULL && memcmp(&c->kept[i]->key, key, sizeof *key) == 0)
            return i;
    return -1;
}

/* Under the lock: let slot i go; returns the run to free outside the lock
 * when no request holds it, else NULL (its last release frees it). */
static struct overlap_kept *let_go(struct overlap_cache *c, int i)
{
    struct overlap_kept *k = c->kept[i];

    c->kept[i] = NULL;
    if (k == NULL)
        return NULL;
    k->evicted = true;
    return --k->refs == 0 ? k : NULL;
}

/* Under the lock: a slot for a new run (the same key's, a free one, or
 * the least recently used); *old is what to free outside the lock. A run
 * of older data is dropped outright: its key can never come back. */
static int slot_for(struct overlap_cache *c, const struct overlap_cache_key *key, struct overlap_kept **old)
{
    int best = find(c, key);

    *old = NULL;
    if (best >= 0) {
        *old = let_go(c, best);
        return best;
    }
    for (int i = 0; i < OVERLAP_CACHE_ENTRIES; i++) {
        if (c->kept[i] == NULL)
            return i;
        if (best < 0 || c->kept[i]->used < c->kept[best]->used)
            best = i;
    }
    *old = let_go(c, best);
    return best;
}

/* Whether data version a is older than b (the three numbers only grow). */
static bool older(const struct overlap_cache_key *a, const struct overlap_cache_key *b)
{
    return a->last_file < b->last_file || a->rows < b->rows || a->last_event < b->last_event;
}

/* Under the lock: drop the runs made on older data than `key` (an ingest
 * or an application since); they would never be asked for again. True
 * when a kept run is newer than `key`: then the run for `key` is the stale
 * one (made while an ingest landed) and is not kept. */
static bool drop_stale(struct overlap_cache *c, const struct overlap_cache_key *key, struct overlap_kept **stale)
{
    bool newer = false;

    for (int i = 0; i < OVERLAP_CACHE_ENTRIES; i++) {
        stale[i] = NULL;
        if (c->kept[i] == NULL)
            continue;
        if (older(&c->kept[i]->key, key))
            stale[i] = let_go(c, i);
        else if (older(key, &c->kept[i]->key))
            newer = true;
    }
    return newer;
}

int overlap_cache_get(struct overlap_cache *c, struct store *s, const struct catalog *cat,
                      const struct refdata *ref, const struct overlap_options *o, struct overlap_kept **out,
                      bool *cached, struct err *e)
{
    struct overlap_cache_key key;
    struct overlap_kept *k = NULL, *old = NULL, *stale[OVERLAP_CACHE_ENTRIES];
    int i;

    /* The key is read before the data: an ingest or an application landing
     * in between makes the kept run newer than its key, so the next
     * request makes it again; never the other way round. */
    if (key_of(s, o, &key, e) != 0)
        return -1;
    *cached = false;
    if (c != NULL) {
        pthread_mutex_lock(&c->lock);
        if ((i = find(c, &key)) >= 0) {
            k = c->kept[i];
            k->refs++;
            k->used = ++c->clock;
            *out = k;
            *cached = true;
            pthread_mutex_unlock(&c->lock);
            return 0;
        }
        pthread_mutex_unlock(&c->lock);
    }
    /* Made outside the lock: a slow run holds no other reader up (two
     * requests may both make it; the later one is kept). */
    if (make(s, cat, ref, o, &key, &k, e) != 0)
        return -1;
    if (c != NULL) {
        pthread_mutex_lock(&c->lock);
        if (!drop_stale(c, &key, stale)) {
            i = slot_for(c, &key, &old);
            c->kept[i] = k;
            k->refs++;                  /* the cache's own reference */
            k->used = ++c->clock;
        }
        pthread_mutex_unlock(&c->lock);
        if (old != NULL)
            kept_free(old);
        for (i = 0; i < OVERLAP_CACHE_ENTRIES; i++)
            if (stale[i] != NULL)
                kept_free(stale[i]);
    }
    *out = k;
    return 0;
}

void overlap_cache_release(struct overlap_cache *c, struct overlap_kept *k)
{
    bool last;

    if (k == NULL)
        return;
    if (c == NULL) {
        kept_free(k);
        return;
    }
    pthread_mutex_lock(&c->lock);
    last = --k->refs == 0;
    pthread_mutex_unlock(&c->lock);
    if (last)
        kept_free(k);
}

static size_t gap_count(const struct overlap_kept *k, size_t index)
{
    const struct overlap_report *r = &k->run.report;

    return (size_t)__builtin_popcountll(r->eligible_mask[index] & ~r->applied_mask[index]);
}

bool overlap_cache_amounts(struct overlap_cache *c, struct overlap_kept *k, size_t index, int64_t out[64])
{
    bool found = false;

    if (c == NULL || index >= k->run.report.population)
        return false;
    pthread_mutex_lock(&c->lock);
    if (k->amounts[index] != NULL) {
        memcpy(out, k->amounts[index], gap_count(k, index) * sizeof *out);
        found = true;
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

int overlap_cache_keep_amounts(struct overlap_cache *c, struct overlap_kept *k, size_t index,
                               const int64_t *amounts, size_t n)
{
    int64_t *copy;

    if (c == NULL || index >= k->run.report.population || n != gap_count(k, index))
        return 0;
    if ((copy = mem_alloc((n ? n : 1) * sizeof *copy)) == NULL)
        return -1;
    memcpy(copy, amounts, n * sizeof *copy);
    pthread_mutex_lock(&c->lock);
    if (k->amounts[index] == NULL) {
        k->amounts[index] = copy;
        copy = NULL;
    }
    pthread_mutex_unlock(&c->lock);
    mem_free(copy);
    return 0;
}
