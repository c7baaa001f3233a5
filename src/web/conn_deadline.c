/* conn_deadline.c: the request deadline's watchdog (conn_deadline.h). */
#include "web/conn_deadline.h"

#include <pthread.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <time.h>

#include "core/alloc.h"
#include "web/log.h"

struct conn_clock {
    int fd;
    struct timespec started;
    bool running;                  /* waiting for a request to be read and answered */
    struct conn_clock *prev, *next;
};

struct conn_deadline {
    unsigned seconds;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    struct conn_clock *head;       /* every open connection */
    pthread_t thread;
};

static double seconds_since(const struct timespec *t0, const struct timespec *now)
{
    return (double)(now->tv_sec - t0->tv_sec) + (double)(now->tv_nsec - t0->tv_nsec) / 1e9;
}

/* Shut every connection past its deadline; how many. Under the lock. */
static unsigned sweep(struct conn_deadline *d)
{
    struct timespec now;
    unsigned n = 0;

    clock_gettime(CLOCK_MONOTONIC, &now);
    for (struct conn_clock *k = d->head; k != NULL; k = k->next) {
        if (!k->running || seconds_since(&k->started, &now) < (double)d->seconds)
            continue;
        k->running = false;
        shutdown(k->fd, SHUT_RDWR);
        n++;
    }
    return n;
}

static void log_dropped(unsigned n, unsigned seconds)
{
    struct buf line = BUF_INIT;

    if (buf_printf(&line, " level=warn event=request_deadline dropped=%u seconds=%u", n, seconds)
        == 0)
        log_emit(&line);
    buf_release(&line);
}

static void *watch(void *arg)
{
    struct conn_deadline *d = arg;
    struct timespec until;

    pthread_mutex_lock(&d->lock);
    while (!d->stopping) {
        unsigned n = sweep(d);
        if (n > 0) {
            pthread_mutex_unlock(&d->lock);
            log_dropped(n, d->seconds);
            pthread_mutex_lock(&d->lock);
        }
        /* Four looks per deadline, at least one a second: a connection
         * lives at most a quarter deadline past its own. */
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += d->seconds >= 4 ? 0 : 250000000L * (long)d->seconds;
        until.tv_sec += d->seconds >= 4 ? 1 : 0;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&d->wake, &d->lock, &until);
    }
    pthread_mutex_unlock(&d->lock);
    return NULL;
}

int conn_deadline_new(unsigned seconds, struct conn_deadline **out, struct err *e)
{
    struct conn_deadline *d = mem_calloc(1, sizeof *d);
    pthread_condattr_t ca;

    if (d == NULL)
        return err_set(e, "out of memory");
    d->seconds = seconds ? seconds : 1;
    pthread_mutex_init(&d->lock, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&d->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&d->thread, NULL, watch, d) != 0) {
        pthread_cond_destroy(&d->wake);
        pthread_mutex_destroy(&d->lock);
        mem_free(d);
        return err_set(e, "cannot start the request deadline thread");
    }
    *out = d;
    return 0;
}

void conn_deadline_free(struct conn_deadline *d)
{
    if (d == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    d->stopping = true;
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->lock);
    pthread_join(d->thread, NULL);
    while (d->head != NULL) {      /* none once libmicrohttpd has stopped */
        struct conn_clock *k = d->head;
        d->head = k->next;
        mem_free(k);
    }
    pthread_cond_destroy(&d->wake);
    pthread_mutex_destroy(&d->lock);
    mem_free(d);
}

void conn_deadline_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct conn_deadline *d = cls;
    struct conn_clock *k = *socket_context;

    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (ci == NULL || (k = mem_calloc(1, sizeof *k)) == NULL)
            return;                /* unwatched: the idle timeout still holds */
        k->fd = ci->connect_fd;
        k->running = true;
        clock_gettime(CLOCK_MONOTONIC, &k->started);
        pthread_mutex_lock(&d->lock);
        k->next = d->head;
        if (d->head != NULL)
            d->head->prev = k;
        d->head = k;
        pthread_mutex_unlock(&d->lock);
        *socket_context = k;
        return;
    }
    if (k == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    if (k->prev != NULL)
        k->prev->next = k->next;
    else
        d->head = k->next;
    if (k->next != NULL)
        k->next->prev = k->prev;
    pthread_mutex_unlock(&d->lock);
    mem_free(k);
    *socket_context = NULL;
}

static struct conn_clock *clock_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

    return ci ? ci->socket_context : NULL;
}

void conn_deadline_answered(struct conn_deadline *d, struct MHD_Connection *c)
{
    struct conn_clock *k = d ? clock_of(c) : NULL;

    if (k == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    k->running = false;
    pthread_mutex_unlock(&d->lock);
}

void conn_deadline_restart(struct conn_deadline *d, struct MHD_Connection *c)
{
    struct conn_clock *k = d ? clock_of(c) : NULL;

    if (k == NULL)
        return;
    pthread_mutex_lock(&d->lock);
    clock_gettime(CLOCK_MONOTONIC, &k->started);
    k->running = true;
    pthread_mutex_unlock(&d->lock);
}
