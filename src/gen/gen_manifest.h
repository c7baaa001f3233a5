/* gen_manifest.h: DIR/manifest.json, the contract between the generator
 * and whoever tests against its output (DESIGN.md §5): the arguments, the
 * window, rows per file, injected errors per feed and reason code, the true
 * scheme effects and treated counts, a population summary and the model. */
#ifndef SAMANVAY_GEN_MANIFEST_H
#define SAMANVAY_GEN_MANIFEST_H

#include "core/err.h"
#include "gen/gen_ctx.h"
#include "gen/gen_writer.h"

int gen_manifest_write(const struct gen_ctx *c, const struct gen_writer *w, struct err *e);

#endif
