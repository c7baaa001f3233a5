/* gen_block.h: one block of GEN_BLOCK_SIZE consecutive enterprises and
 * everything they generate: a buffer per output file, the injected-error
 * and duplicate bookkeeping, and the block's statistics.
 *
 * A block depends only on the run context and its index, so blocks can be
 * generated on any thread in any order; the writer emits them in index
 * order. Buffers keep their storage between blocks. */
#ifndef SAMANVAY_GEN_BLOCK_H
#define SAMANVAY_GEN_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/rng.h"
#include "gen/gen_ctx.h"
#include "gen/gen_fmt.h"
#include "gen/gen_stats.h"
#include "ingest/reason.h"

/* An injected error: row `row` (0-based within the block's rows of that
 * file) carries `reason`. */
struct gen_inj {
    uint32_t row;
    uint8_t out;
    uint8_t reason;
};

/* A clean row to repeat at the end of the block (duplicate_row). */
struct gen_dup {
    size_t off, len;
    uint8_t out;
};

struct gen_block {
    uint64_t index, first, end;    /* enterprises [first, end) */
    struct buf out[OUT_COUNT];
    struct gen_inj *inj;
    size_t n_inj, cap_inj;
    struct gen_dup *dup;
    size_t n_dup, cap_dup;
    struct gen_stats stats;
    uint32_t *members;             /* per cluster: members generated in this block */
    size_t n_clusters;
    uint32_t *district_seen;       /* per district: enterprises so far in this block */
    size_t n_districts;
};

int gen_block_init(struct gen_block *b, const struct gen_ctx *c);
void gen_block_release(struct gen_block *b);
/* Empty the buffers and statistics, keeping the storage. */
void gen_block_clear(struct gen_block *b);

/* Generate block `index` into b (its previous contents are discarded). */
int gen_block_run(const struct gen_ctx *c, struct gen_block *b, uint64_t index, struct err *e);

/* Pick at most one injected error for a row from a feed's rates with a
 * single draw. R_DUPLICATE_ROW means "repeat this clean row later". The
 * caller drops a reason that cannot apply to the row. */
enum reason gen_block_pick_error(const struct gen_ctx *c, enum gen_out o, struct rng *r);

/* Book a finished row of file `o` that started at `start` in b->out[o]:
 * counts it, records an injected reason (R_NONE for a clean row), and with
 * `repeat` schedules an exact copy for the end of the block. */
int gen_block_note(struct gen_block *b, enum gen_out o, size_t start, enum reason injected,
                   bool repeat);

/* Append the scheduled duplicate rows; call once, after the last row. */
int gen_block_end(struct gen_block *b);

/* End a row begun with gen_row_begin on b->out[o] and book it. */
int gen_block_finish(struct gen_block *b, enum gen_out o, struct gen_row *row,
                     enum reason injected, bool repeat);

#endif
