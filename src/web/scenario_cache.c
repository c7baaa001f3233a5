/* scenario_cache.c: see scenario_cache.h. */
#include "web/scenario_cache.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "analytics/simulate_input.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/embedded.h"
#include "rules/catalog.h"
#include "store/store_cluster_stats.h"
#include "store/store_scenario.h"

#define PREFIX "scenarios/"
#define SUFFIX ".yaml"
#define MAX_SCENARIOS 64

struct kept {
    bool valid;
    int64_t last_file, rows;        /* store_ingest_version when computed */
    struct simulation sim;
    double ms;
};

struct scenario_cache {
    pthread_mutex_t lock;
    const struct catalog *cat;
    struct arena *arena;            /* the parsed scenarios */
    struct scenario scenarios[MAX_SCENARIOS];
    struct kept kept[MAX_SCENARIOS];
    size_t n;
};

static bool is_scenario_file(const char *name)
{
    size_t n = strlen(name);

    return n > strlen(PREFIX) + strlen(SUFFIX) && strncmp(name, PREFIX, strlen(PREFIX)) == 0
           && strcmp(name + n - strlen(SUFFIX), SUFFIX) == 0;
}

static int parse_all(struct scenario_cache *c, struct err *e)
{
    size_t n_files;
    const struct embedded_file *files = embedded_files(&n_files);

    for (size_t i = 0; i < n_files; i++) {
        if (!is_scenario_file(files[i].name))
            continue;
        if (c->n == MAX_SCENARIOS)
            return err_set(e, "more than %d scenarios", MAX_SCENARIOS);
        if (scenario_parse(c->arena, files[i].name, files[i].data, files[i].len, simulate_known_scheme,
                           (void *)c->cat, &c->scenarios[c->n], e) != 0
            || scenario_resolve(c->arena, &c->scenarios[c->n], c->cat, e) != 0)
            return -1;
        c->n++;
    }
    return 0;
}

int scenario_cache_new(const struct catalog *cat, struct scenario_cache **out, struct err *e)
{
    struct scenario_cache *c = mem_calloc(1, sizeof *c);

    if (c == NULL)
        return err_set(e, "out of memory");
    c->cat = cat;
    if ((c->arena = arena_new(64 * 1024)) == NULL) {
        mem_free(c);
        return err_set(e, "out of memory");
    }
    if (parse_all(c, e) != 0) {
        arena_free(c->arena);
        mem_free(c);
        return -1;
    }
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        arena_free(c->arena);
        mem_free(c);
        return err_set(e, "cannot make a lock");
    }
    *out = c;
    return 0;
}

void scenario_cache_free(struct scenario_cache *c)
{
    if (c == NULL)
        return;
    pthread_mutex_destroy(&c->lock);
    arena_free(c->arena);
    mem_free(c);
}

size_t scenario_cache_count(const struct scenario_cache *c)
{
    return c->n;
}

const struct scenario *scenario_cache_at(const struct scenario_cache *c, size_t i)
{
    return i < c->n ? &c->scenarios[i] : NULL;
}

const struct scenario *scenario_cache_find(const struct scenario_cache *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->scenarios[i].id, id) == 0)
            return &c->scenarios[i];
    return NULL;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

int scenario_cache_get(struct scenario_cache *c, struct store *s, const struct refdata *ref,
                       const struct scenario *sc, struct simulation *out, double *ms, bool *cached,
                       struct err *e)
{
    size_t i = (size_t)(sc - c->scenarios);
    int64_t last_file, rows;
    struct kept *k;
    struct timespec t0;

    if (sc < c->scenarios || i >= c->n)
        return err_set(e, "scenario not from the cache");
    k = &c->kept[i];
    /* The key is read before the data: an ingest landing in between makes
     * the kept result newer than its key, so the next request recomputes;
     * never the other way round. */
    if (store_ingest_version(s, &last_file, &rows, e) != 0)
        return -1;
    pthread_mutex_lock(&c->lock);
    if (k->valid && k->last_file == last_file && k->rows == rows) {
        *out = k->sim;
        *ms = k->ms;
        *cached = true;
        pthread_mutex_unlock(&c->lock);
        return 0;
    }
    pthread_mutex_unlock(&c->lock);
    /* Computed outside the lock: a slow computation holds no other reader
     * up (two requests may both compute; the later one is kept). One
     * thread: the server's workers already share the cores. */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (store_scenario_simulate(s, ref, c->cat, sc, 1, out, e) != 0)
        return -1;
    *ms = ms_since(&t0);
    *cached = false;
    pthread_mutex_lock(&c->lock);
    k->sim = *out;
    k->ms = *ms;
    k->last_file = last_file;
    k->rows = rows;
    k->valid = true;
    pthread_mutex_unlock(&c->lock);
    return 0;
}
