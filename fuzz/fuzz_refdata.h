/* fuzz_refdata.h: the reference tables, loaded once per fuzzing process
 * (the harness is the only place a lazily filled static is acceptable:
 * libFuzzer calls the target millions of times). */
#ifndef SAMANVAY_FUZZ_REFDATA_H
#define SAMANVAY_FUZZ_REFDATA_H

#include <stdlib.h>

#include "core/refdata.h"

static inline const struct refdata *fuzz_refdata(void)
{
    static struct refdata *ref;

    if (ref == NULL && refdata_load(&ref, NULL) != 0)
        abort();
    return ref;
}

#endif
