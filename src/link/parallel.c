/* parallel.c: one pthread per slice, the caller's thread takes the first. */
#include "link/parallel.h"

#include <pthread.h>
#include <unistd.h>

#define PARALLEL_MAX 64

struct slice {
    void (*fn)(void *ctx, size_t from, size_t to);
    void *ctx;
    size_t from, to;
};

static void *run_slice(void *arg)
{
    struct slice *s = arg;

    s->fn(s->ctx, s->from, s->to);
    return NULL;
}

void link_parallel_for(size_t n, int threads, void (*fn)(void *ctx, size_t from, size_t to), void *ctx)
{
    struct slice s[PARALLEL_MAX];
    pthread_t tid[PARALLEL_MAX];
    int started[PARALLEL_MAX] = {0};

    if (threads < 1)
        threads = 1;
    if (threads > PARALLEL_MAX)
        threads = PARALLEL_MAX;
    if ((size_t)threads > n / 4096 + 1)
        threads = (int)(n / 4096 + 1);
    for (int t = 0; t < threads; t++)
        s[t] = (struct slice){fn, ctx, n * (size_t)t / (size_t)threads, n * (size_t)(t + 1) / (size_t)threads};
    for (int t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, run_slice, &s[t]) == 0;
    run_slice(&s[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            run_slice(&s[t]);
    }
}

int link_threads(int threads)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    if (threads > 0)
        return threads > PARALLEL_MAX ? PARALLEL_MAX : threads;
    return cores < 1 ? 1 : cores > PARALLEL_MAX ? PARALLEL_MAX : (int)cores;
}
