/* data_table.h: a CSV table under data/ read by column name, for the
 * insight and sustainability tables (trade fairs, procurement targets,
 * the ESG checklist, emission factors). Tables are read from the embedded
 * copy or, for the fuzzer and tests, from any memory block: the same
 * parser either way. A row must have the header's field count. */
#ifndef SAMANVAY_DATA_TABLE_H
#define SAMANVAY_DATA_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/csv.h"
#include "core/err.h"

#define DATA_TABLE_MAX_COLUMNS 16

struct data_table {
    const char *name;
    struct csv_reader *reader;
    struct csv_record row;
    int col[DATA_TABLE_MAX_COLUMNS];    /* wanted column i -> field index */
    size_t n_wanted;
    size_t n_fields;                    /* the header's */
};

/* Open `name` over data[0..len) and find every column of `wanted`
 * (NULL-terminated; all required). */
int data_table_open_mem(struct data_table *t, const char *name, const char *data, size_t len,
                        const char *const *wanted, struct err *e);
/* The same over the embedded file `name` ("data/trade_fairs.csv"). */
int data_table_open(struct data_table *t, const char *name, const char *const *wanted,
                    struct err *e);
/* 1 a row is ready, 0 at the end, -1 on a bad row (e says which line). */
int data_table_next(struct data_table *t, struct err *e);
/* Wanted column i of the current row. */
const char *data_table_get(const struct data_table *t, size_t i);
void data_table_close(struct data_table *t);

/* Parse a decimal number; false when s is empty or not a number. */
bool data_table_number(const char *s, double *out);

#endif
