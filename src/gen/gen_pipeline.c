#include "gen/gen_pipeline.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "core/alloc.h"
#include "gen/gen_block.h"

#define SLOTS_PER_THREAD 2
#define MAX_THREADS 64

enum slot_state { SLOT_FREE, SLOT_BUSY, SLOT_READY };

struct slot {
    struct gen_block block;
    enum slot_state state;
    uint64_t index;
};

struct pipeline {
    const struct gen_ctx *c;
    struct slot *slots;
    int n_slots;
    uint64_t next;                 /* next block to claim */
    bool failed;
    struct err err;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

/* After each block: its clusters' members, and progress. */
static void account(const struct gen_ctx *c, const struct gen_block *b, uint32_t *members)
{
    for (size_t k = 0; k < b->n_clusters; k++)
        members[k] += b->members[k];
    if (c->cfg->progress != NULL)
        c->cfg->progress(c->cfg->progress_arg, b->end, c->n);
}

static int run_inline(const struct gen_ctx *c, struct gen_writer *w, uint32_t *members,
                      struct err *e)
{
    struct gen_block b;
    int rc = 0;

    if (gen_block_init(&b, c) != 0)
        return err_set(e, "out of memory");
    for (uint64_t i = 0; i < c->n_blocks && rc == 0; i++) {
        rc = gen_block_run(c, &b, i, e);
        if (rc == 0)
            rc = gen_writer_put(w, &b, e);
        if (rc == 0)
            account(c, &b, members);
    }
    gen_block_release(&b);
    return rc;
}

static void fail(struct pipeline *p, const struct err *e)
{
    if (!p->failed) {
        p->failed = true;
        p->err = *e;
    }
    pthread_cond_broadcast(&p->cv);
}

static void *worker(void *arg)
{
    struct pipeline *p = arg;
    struct err e;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        struct slot *s;
        uint64_t i;
        int rc;
        while (!p->failed && p->next < p->c->n_blocks
               && p->slots[p->next % (uint64_t)p->n_slots].state != SLOT_FREE)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->failed || p->next >= p->c->n_blocks)
            break;
        i = p->next++;
        s = &p->slots[i % (uint64_t)p->n_slots];
        s->state = SLOT_BUSY;
        s->index = i;
        pthread_mutex_unlock(&p->mu);
        rc = gen_block_run(p->c, &s->block, i, &e);
        pthread_mutex_lock(&p->mu);
        if (rc != 0)
            fail(p, &e);
        s->state = SLOT_READY;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The calling thread writes: wait for block i, write it, free its slot. */
static int write_in_order(struct pipeline *p, struct gen_writer *w, uint32_t *members)
{
    struct err e;

    for (uint64_t i = 0; i < p->c->n_blocks; i++) {
        struct slot *s = &p->slots[i % (uint64_t)p->n_slots];
        int rc;
        pthread_mutex_lock(&p->mu);
        while (!p->failed && !(s->state == SLOT_READY && s->index == i))
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
        if (p->failed)
            return -1;
        rc = gen_writer_put(w, &s->block, &e);
        if (rc == 0)
            account(p->c, &s->block, members);   /* before the slot is reused */
        pthread_mutex_lock(&p->mu);
        if (rc != 0)
            fail(p, &e);
        s->state = SLOT_FREE;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int slots_init(struct pipeline *p, int threads)
{
    p->n_slots = threads * SLOTS_PER_THREAD;
    p->slots = mem_calloc((size_t)p->n_slots, sizeof *p->slots);
    if (p->slots == NULL)
        return -1;
    for (int i = 0; i < p->n_slots; i++)
        if (gen_block_init(&p->slots[i].block, p->c) != 0)
            return -1;
    return 0;
}

static void slots_free(struct pipeline *p)
{
    for (int i = 0; p->slots != NULL && i < p->n_slots; i++)
        gen_block_release(&p->slots[i].block);
    mem_free(p->slots);
}

int gen_pipeline_run(const struct gen_ctx *c, int threads, struct gen_writer *w, uint32_t *members,
                     struct err *e)
{
    struct pipeline p;
    pthread_t tid[MAX_THREADS];
    int started = 0, rc;

    if (threads <= 1)
        return run_inline(c, w, members, e);
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    memset(&p, 0, sizeof p);
    p.c = c;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    rc = slots_init(&p, threads);
    if (rc != 0)
        err_set(&p.err, "out of memory");
    for (; rc == 0 && started < threads; started++)
        if (pthread_create(&tid[started], NULL, worker, &p) != 0)
            break;
    if (rc == 0 && started == 0)
        rc = err_set(&p.err, "cannot start worker threads");
    if (rc == 0)
        rc = write_in_order(&p, w, members);
    pthread_mutex_lock(&p.mu);
    if (rc != 0 && !p.failed)
        p.failed = true;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    slots_free(&p);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    if (rc != 0)
        *e = p.err;
    return rc;
}
