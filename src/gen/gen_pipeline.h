/* gen_pipeline.h: generate blocks on worker threads and hand them to the
 * writer strictly in block order. A small ring of block slots bounds the
 * memory in flight; a worker claims the next block only when its slot is
 * free, and the writer frees slots in order, so no block can overtake
 * another in the output. */
#ifndef SAMANVAY_GEN_PIPELINE_H
#define SAMANVAY_GEN_PIPELINE_H

#include <stdint.h>

#include "core/err.h"
#include "gen/gen_ctx.h"
#include "gen/gen_writer.h"

/* Run every block with `threads` workers (1 = on the calling thread),
 * writing each through w and adding its cluster members into members[]. */
int gen_pipeline_run(const struct gen_ctx *c, int threads, struct gen_writer *w, uint32_t *members,
                     struct err *e);

#endif
