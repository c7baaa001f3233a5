/* Fuzz the link configuration parser: any bytes as link/fuzz.yaml. A file
 * either loads with every field and rule consistent or fails with an error
 * that names the file; never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "link/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e;
    struct link_config *c = link_config_load("link/fuzz.yaml", (const char *)data, size, &e);

    if (c == NULL) {
        if (strncmp(e.msg, "link/fuzz.yaml", 14) != 0)
            abort(); /* every error names the file */
        return 0;
    }
    if (c->n_fields < 1 || c->n_fields > LINK_MAX_FIELDS || c->n_rules < 1 || c->n_rules > LINK_MAX_RULES)
        abort();
    for (int i = 0; i < c->n_rules; i++)
        for (int k = 0; k < c->rule[i].n_keys; k++)
            if (c->rule[i].key[k].field < 0 || c->rule[i].key[k].field >= c->n_fields)
                abort();
    for (int f = 0; f < c->n_fields; f++)
        if (c->field[f].n_levels < 2 || c->field[f].n_levels > LINK_MAX_LEVELS)
            abort();
    link_config_free(c);
    return 0;
}
