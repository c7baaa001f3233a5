/* gen_consent.c: consent.csv (gen_consent.h). Assumptions, not data:
 * 3% of the enterprises on file have an artefact from elsewhere, for one
 * source and one purpose drawn uniformly, running five years from
 * registration; four in five of them were revoked on a day drawn
 * uniformly between registration and the as-of date. No errors are
 * injected into this file. */
#include "gen/gen_consent.h"

#include "core/consent.h"
#include "core/date.h"
#include "gen/gen_fmt.h"

#define CONSENT_SHARE 0.03
#define REVOKED_SHARE 0.8

int gen_consent_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    struct rng r;
    struct gen_row row;
    char from[DATE_STR_LEN], to[DATE_STR_LEN], revoked[DATE_STR_LEN];
    int32_t start = e->registered_on;
    int src, purpose;

    if (!gen_ent_on_file(e) || start == DATE_UNKNOWN || start > c->as_of)
        return 0;
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_CONSENT));
    if (!rng_chance(&r, CONSENT_SHARE))
        return 0;
    src = (int)rng_below(&r, CONSENT_SOURCES);
    purpose = (int)rng_below(&r, CONSENT_PURPOSES);
    date_format(start, from);
    date_format(start + CONSENT_MAX_DAYS - 1, to);
    revoked[0] = '\0';
    if (rng_chance(&r, REVOKED_SHARE))
        date_format(start + (int32_t)rng_below(&r, (uint64_t)(c->as_of - start) + 1), revoked);
    gen_row_begin(&row, &b->out[OUT_CONSENT]);
    gen_put_raw(&row, e->udyam);
    gen_put_raw(&row, consent_source_name((enum consent_source)src));
    gen_put_raw(&row, consent_purpose_name((enum consent_purpose)purpose));
    gen_put_raw(&row, from);
    gen_put_raw(&row, to);
    gen_put_raw(&row, revoked);
    return gen_block_finish(b, OUT_CONSENT, &row, R_NONE, false);
}
