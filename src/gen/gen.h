/* gen.h: the deterministic synthetic data generator behind
 * `samanvay generate` (model: docs/generator.md; formats:
 * docs/data-feeds.md).
 *
 * gen_run writes DIR/<feed>.csv for the eight feeds, ground truth under
 * DIR/truth/, and DIR/manifest.json last. The output depends only on
 * (enterprises, seed, as_of): every enterprise draws from its own random
 * stream and blocks of enterprises are written in block order, so the
 * bytes are the same for any number of threads. */
#ifndef SAMANVAY_GEN_H
#define SAMANVAY_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/refdata.h"

#define GEN_MAX_ENTERPRISES 100000000ULL
#define GEN_UDYAM_SERIALS 10000000ULL   /* seven-digit serials */

struct gen_config {
    uint64_t enterprises;       /* 1 .. GEN_MAX_ENTERPRISES */
    uint64_t seed;
    int32_t as_of;              /* date; the window is the 36 months ending in its month */
    const char *out_dir;        /* created if missing */
    int threads;                /* worker threads; 0 or 1 = none */
    /* Udyam serial space; 0 = GEN_UDYAM_SERIALS. Runs larger than it make
     * serials unique per district instead of per file; tests lower it to
     * exercise that path. */
    uint64_t udyam_serials;
    /* Called from the writing thread after each block, or NULL. */
    void (*progress)(void *arg, uint64_t done, uint64_t total);
    void *progress_arg;
};

/* Generate every file. On failure nothing but *.partial files is left
 * behind (they are removed), and e says why. */
int gen_run(const struct gen_config *cfg, const struct refdata *ref, struct err *e);

/* The earliest as_of the model accepts (Udyam registration began 1 July 2020). */
int32_t gen_earliest_as_of(void);

#endif
