/* columns.h: map a feed's header to the columns it needs, by name, so
 * providers may order columns as they like and add their own. */
#ifndef SAMANVAY_COLUMNS_H
#define SAMANVAY_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"

struct column_spec {
    const char *name;
    bool required;
};

/* index[i] = position of specs[i] in the header, or -1 when an optional
 * column is absent. A missing required column is an error; unknown
 * columns are listed in `warnings` (may be NULL). */
int columns_map(const struct column_spec *specs, size_t n, const struct csv_record *header,
                int *index, struct buf *warnings, struct err *e);

/* The field for column `col` (an index into specs), or "" when absent. */
static inline const char *columns_get(const struct csv_record *rec, const int *index, int col)
{
    int i = index[col];
    return i >= 0 && (size_t)i < rec->nfields ? rec->field[i] : "";
}

#endif
