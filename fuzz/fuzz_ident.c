/* Fuzz the identifier validators: any bytes, every kind. A verdict must
 * always come back, with a reason exactly when invalid. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "fuzz_refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct refdata *ref = fuzz_refdata();

    for (int k = ID_GSTIN; k <= ID_IFSC; k++) {
        struct id_verdict v;
        bool ok = id_validate((enum id_kind)k, ref, (const char *)data, size, &v);
        if (ok != (v.fault == ID_OK) || ok != (v.reason[0] == '\0'))
            abort();
        if (strlen(v.reason) >= sizeof v.reason)
            abort();
    }
    if (size >= 14) {
        char c = gstin_check_char((const char *)data);
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
            abort();
    }
    return 0;
}
