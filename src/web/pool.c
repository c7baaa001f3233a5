#include "web/pool.h"

#include <pthread.h>

#include "core/alloc.h"

struct web_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    unsigned size, n_free;
    struct store **all;
    struct store **idle;          /* stack of the free ones */
};

int web_pool_new(const struct store_target *t, unsigned size, struct web_pool **out,
                 struct err *e)
{
    struct web_pool *p = mem_calloc(1, sizeof *p);

    if (p == NULL)
        return err_set(e, "out of memory");
    p->all = mem_calloc(size, sizeof *p->all);
    p->idle = mem_calloc(size, sizeof *p->idle);
    if (p->all == NULL || p->idle == NULL) {
        mem_free(p->all);
        mem_free(p->idle);
        mem_free(p);
        return err_set(e, "out of memory");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    for (unsigned i = 0; i < size; i++) {
        if (store_open(t, &p->all[i], e) != 0) {
            web_pool_free(p);
            return -1;
        }
        p->size++;
        p->idle[p->n_free++] = p->all[i];
    }
    *out = p;
    return 0;
}

void web_pool_free(struct web_pool *p)
{
    if (p == NULL)
        return;
    for (unsigned i = 0; i < p->size; i++)
        store_close(p->all[i]);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    mem_free(p->all);
    mem_free(p->idle);
    mem_free(p);
}

struct store *web_pool_acquire(struct web_pool *p)
{
    struct store *s;

    pthread_mutex_lock(&p->lock);
    while (p->n_free == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    s = p->idle[--p->n_free];
    pthread_mutex_unlock(&p->lock);
    return s;
}

void web_pool_release(struct web_pool *p, struct store *s)
{
    pthread_mutex_lock(&p->lock);
    p->idle[p->n_free++] = s;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}
