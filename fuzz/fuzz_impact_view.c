/* Fuzz the stored impact run's reader (web/impact_view.c): any bytes as
 * the document. It must never read out of bounds, and what it keeps stays
 * inside its limits, with every kept string terminated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/impact_view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct impact_view *v = malloc(sizeof *v);

    if (v == NULL)
        return 0;
    if (impact_view_parse((const char *)data, size, v, NULL) == 0) {
        if (v->n < 0 || v->n > IMPACT_VIEW_SCHEMES || v->n_ttb < 0 || v->n_ttb > IMPACT_VIEW_SCHEMES
            || v->n_emp < 0 || v->n_emp > IMPACT_VIEW_SCHEMES)
            abort();
        for (int i = 0; i < v->n; i++)
            if (memchr(v->s[i].id, 0, sizeof v->s[i].id) == NULL || v->s[i].n_bal > IMPACT_VIEW_COVS
                || v->s[i].n_seg > IMPACT_VIEW_SEGMENTS)
                abort();
        for (int i = 0; i < v->n_emp; i++)
            if (memchr(v->emp[i].id, 0, sizeof v->emp[i].id) == NULL || v->emp[i].n_bal > IMPACT_VIEW_COVS
                || v->emp[i].n_seg > IMPACT_VIEW_SEGMENTS)
                abort();
    }
    free(v);
    return 0;
}
