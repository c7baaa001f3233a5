#include "ingest/columns.h"

#include <string.h>

static bool known(const struct column_spec *specs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(specs[i].name, name) == 0)
            return true;
    return false;
}

int columns_map(const struct column_spec *specs, size_t n, const struct csv_record *header,
                int *index, struct buf *warnings, struct err *e)
{
    for (size_t i = 0; i < header->nfields; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(header->field[i], header->field[j]) == 0)
                return err_set(e, "bad header: column '%.60s' appears twice", header->field[i]);
    }
    for (size_t i = 0; i < n; i++) {
        index[i] = csv_header_index(header, specs[i].name);
        if (index[i] < 0 && specs[i].required)
            return err_set(e, "bad header: required column '%s' is missing", specs[i].name);
    }
    for (size_t i = 0; warnings != NULL && i < header->nfields; i++)
        if (!known(specs, n, header->field[i]))
            buf_printf(warnings, "unknown column '%.60s' ignored\n", header->field[i]);
    return 0;
}
