/* data_table.c: see data_table.h. */
#include "analytics/data_table.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"

int data_table_open_mem(struct data_table *t, const char *name, const char *data, size_t len,
                        const char *const *wanted, struct err *e)
{
    struct csv_record head;

    memset(t, 0, sizeof *t);
    t->name = name;
    t->reader = csv_reader_new_mem(data, len, NULL);
    if (t->reader == NULL)
        return err_set(e, "%s: out of memory", name);
    if (csv_next(t->reader, &head, e) != CSV_RECORD) {
        data_table_close(t);
        return err_set(e, "%s: no header", name);
    }
    for (size_t i = 0; wanted[i] != NULL; i++) {
        if (i == DATA_TABLE_MAX_COLUMNS) {
            data_table_close(t);
            return err_set(e, "%s: too many columns wanted", name);
        }
        t->col[i] = csv_header_index(&head, wanted[i]);
        if (t->col[i] < 0) {
            data_table_close(t);
            return err_set(e, "%s: no column %s", name, wanted[i]);
        }
        t->n_wanted = i + 1;
    }
    csv_reader_expect_fields(t->reader, head.nfields);
    t->n_fields = head.nfields;
    return 0;
}

int data_table_open(struct data_table *t, const char *name, const char *const *wanted,
                    struct err *e)
{
    const struct embedded_file *f = embedded_find(name);

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", name);
    return data_table_open_mem(t, name, f->data, f->len, wanted, e);
}

int data_table_next(struct data_table *t, struct err *e)
{
    switch (csv_next(t->reader, &t->row, e)) {
    case CSV_END: return 0;
    case CSV_RECORD:
        if (t->row.nfields != t->n_fields)
            return err_set(e, "%s: line %llu: %zu fields, the header has %zu", t->name,
                           (unsigned long long)t->row.line, t->row.nfields, t->n_fields);
        return 1;
    case CSV_BAD:
        return err_set(e, "%s: line %llu: %s", t->name, (unsigned long long)t->row.line,
                       t->row.error ? t->row.error : "bad record");
    default: return err_prefix(e, "%s: ", t->name);
    }
}

const char *data_table_get(const struct data_table *t, size_t i)
{
    return t->row.field[t->col[i]];
}

void data_table_close(struct data_table *t)
{
    csv_reader_free(t->reader);
    t->reader = NULL;
}

bool data_table_number(const char *s, double *out)
{
    char *end;
    double v;

    if (s == NULL || *s == '\0')
        return false;
    errno = 0;
    v = strtod(s, &end);
    if (*end != '\0' || errno != 0 || !isfinite(v))
        return false;
    *out = v;
    return true;
}
