/* pool.h: the server's store connections, one per worker thread.
 *
 * A store connection serves one thread at a time (store.h). The pool
 * opens as many as the server has worker threads, at start, so a bad
 * --db fails before the port opens and no request ever waits for a
 * connect; a request borrows one for its handler and gives it back.
 * SQLite in WAL mode lets these connections read concurrently. */
#ifndef SAMANVAY_POOL_H
#define SAMANVAY_POOL_H

#include "core/err.h"
#include "store/store.h"

struct web_pool;

int web_pool_new(const struct store_target *t, unsigned size, struct web_pool **out,
                 struct err *e);
void web_pool_free(struct web_pool *p);
/* Borrow a connection, waiting while all are out. */
struct store *web_pool_acquire(struct web_pool *p);
void web_pool_release(struct web_pool *p, struct store *s);

#endif
