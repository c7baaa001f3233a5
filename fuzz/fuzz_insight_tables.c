/* Fuzz the parsers of the insight and sustainability tables
 * (analytics/insight_tables.c, analytics/emission.c): anything in, either
 * an error or tables whose every value is within its documented range. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/emission.h"
#include "analytics/insight_tables.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct insight_tables tables; /* the fuzzer's only state: reset each run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct emission_factors f;
    struct err e;

    memset(&tables, 0, sizeof tables);
    if (insight_tables_parse_fairs(&tables, text, size, &e) == 0)
        for (size_t i = 0; i < tables.n_fairs; i++)
            if (tables.fairs[i].has_rate
                && (tables.fairs[i].rate_pct <= 0 || tables.fairs[i].rate_pct > 100))
                abort();
    if (insight_tables_parse_targets(&tables, text, size, &e) == 0)
        for (size_t i = 0; i < tables.n_targets; i++)
            if (tables.targets[i].share_pct <= 0 || tables.targets[i].share_pct > 100)
                abort();
    (void)insight_tables_parse_progress(&tables, text, size, &e);
    (void)insight_tables_parse_esg(&tables, text, size, &e);
    /* The same bytes as either emission table. */
    if (emission_factors_parse(text, size, text, size, &f, &e) == 0) {
        struct emission_factor x;
        for (int s = 0; s < ES_COUNT; s++)
            if (emission_factor_for(&f, (enum energy_source)s, 2024, &x, &e) == 0
                && !(x.kgco2_per_unit > 0))
                abort();
    }
    return 0;
}
