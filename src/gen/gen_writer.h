/* gen_writer.h: the output directory. Opens every file as NAME.partial
 * with its header, appends blocks in the order given, keeps the run's
 * statistics and the injected-error line numbers (truth/injected_errors.csv),
 * and on success renames the partial files into place; on failure it
 * removes them, so a directory never holds a half-written feed under its
 * real name. */
#ifndef SAMANVAY_GEN_WRITER_H
#define SAMANVAY_GEN_WRITER_H

#include <stdint.h>

#include "core/err.h"
#include "gen/gen_block.h"
#include "gen/gen_stats.h"

struct gen_writer;

int gen_writer_open(const char *dir, struct gen_writer **out, struct err *e);
/* Append a block's rows; blocks must come in index order. */
int gen_writer_put(struct gen_writer *w, const struct gen_block *b, struct err *e);
/* Flush and close every file and move it into place. */
int gen_writer_commit(struct gen_writer *w, struct err *e);
/* Close and remove whatever is still partial; frees w. Accepts NULL. */
void gen_writer_free(struct gen_writer *w);

const struct gen_stats *gen_writer_stats(const struct gen_writer *w);
uint64_t gen_writer_bytes(const struct gen_writer *w, enum gen_out o);
const char *gen_writer_dir(const struct gen_writer *w);

/* Write `text` to DIR/NAME through NAME.partial and a rename. */
int gen_writer_file(const struct gen_writer *w, const char *name, const char *text, struct err *e);

#endif
