/* parallel.h: split an index range over threads (comparisons, scoring). */
#ifndef SAMANVAY_LINK_PARALLEL_H
#define SAMANVAY_LINK_PARALLEL_H

#include <stddef.h>

/* Run fn(ctx, from, to) on `threads` contiguous slices of [0, n). fn must
 * only write its own slice. A thread that cannot start runs its slice on
 * the caller's thread, so the work is always done. */
void link_parallel_for(size_t n, int threads, void (*fn)(void *ctx, size_t from, size_t to), void *ctx);

/* Number of threads to use for `threads` (0: one per online core), 1..64. */
int link_threads(int threads);

#endif
