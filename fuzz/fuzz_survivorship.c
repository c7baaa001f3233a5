/* Fuzz the survivorship table parser (data/survivorship.csv): any bytes
 * either load into a table whose choices are well defined, or are refused
 * with a reason. */
#include <stdint.h>
#include <stdlib.h>

#include "core/survivorship.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct survivorship *t = NULL;
    struct err e = {0};
    struct golden_candidate c[GS_COUNT];

    if (survivorship_parse((const char *)data, size, "fuzz.csv", &t, &e) != 0) {
        if (e.msg[0] == '\0' || t != NULL)
            abort(); /* a refusal says why and leaves nothing behind */
        return 0;
    }
    for (int s = 0; s < GS_COUNT; s++)
        c[s] = (struct golden_candidate){(enum golden_source)s, s * 7 % 5, s};
    for (int f = 0; f < PF_COUNT; f++) {
        int i = survivorship_choose(t, (enum profile_field)f, c, GS_COUNT);
        if (i >= GS_COUNT || (i >= 0 && survivorship_rank(t, (enum profile_field)f, c[i].source) == 0))
            abort();
    }
    survivorship_free(t);
    return 0;
}
