/* Fuzz the rule-file loader: any bytes as schemes/fuzz.yaml. A file either
 * loads completely or fails with a positioned error; never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "rules/scheme.h"
#include "rules/vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new(0);
    struct vocabularies v;
    struct scheme s;
    struct err e;

    if (a == NULL || vocab_load(a, &v, &e) != 0)
        abort();
    if (scheme_load(a, &v, "schemes/fuzz.yaml", (const char *)data, size, &s, &e) != 0) {
        if (strncmp(e.msg, "schemes/fuzz.yaml", 17) != 0)
            abort(); /* every error names the file */
    } else if (s.n_criteria == 0 || s.n_tests < 3) {
        abort();
    }
    arena_free(a);
    return 0;
}
