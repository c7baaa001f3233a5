/* xlsx.h: one table as an Excel workbook (.xlsx), for table exports.
 *
 * A table is one sheet: a bold, frozen header row with an autofilter, then
 * rows of cells written left to right, top to bottom. Text is always a text
 * cell, never a formula, so a value such as "=cmd()" or "@SUM(A1)" from
 * user data cannot run in the reader's spreadsheet (formula injection).
 * Dates are real date cells shown as yyyy-mm-dd; numbers are numbers.
 *
 * Written with libxlsxwriter in its constant-memory mode, so a table of any
 * length holds one row in memory; the workbook is assembled in a private
 * mkstemp file under $TMPDIR (else /tmp) and read back, since the library
 * (1.1.4) cannot write to memory. Tables share nothing: each thread may
 * build its own at the same time.
 *
 * Errors: a cell function that fails returns -1 and the table remembers
 * the first reason, refusing further cells; xlsx_table_finish then fails
 * with that reason. So a loop may write a whole row and check once. */
#ifndef SAMANVAY_XLSX_H
#define SAMANVAY_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define XLSX_MEDIA_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define XLSX_MAX_COLS 16384          /* Excel's limit */
#define XLSX_MAX_ROWS (1048576 - 1)  /* Excel's limit, less the header row */
#define XLSX_MAX_TEXT 32767          /* characters in one cell, Excel's limit */

struct xlsx_table;

/* A table whose header row holds n_cols headings (UTF-8). The sheet name
 * follows Excel's rules: 1 to 31 characters, none of []:*?/\ and not
 * starting or ending with an apostrophe. */
struct xlsx_table *xlsx_table_new(const char *sheet_name, const char *const *headings,
                                  size_t n_cols, struct err *e);

/* The next cell of the current row. A row may end early (the rest are
 * empty); more cells than headings is an error. */
int xlsx_table_text(struct xlsx_table *t, const char *s);   /* UTF-8; always text */
int xlsx_table_number(struct xlsx_table *t, double v);      /* finite */
int xlsx_table_date(struct xlsx_table *t, int32_t days);    /* date.h days, not DATE_UNKNOWN */
int xlsx_table_empty(struct xlsx_table *t);                 /* an unknown value */
int xlsx_table_end_row(struct xlsx_table *t);

/* Append the .xlsx bytes to out (a row still open counts as ended). On
 * failure out is unchanged. Call once; then only xlsx_table_free. */
int xlsx_table_finish(struct xlsx_table *t, struct buf *out, struct err *e);

/* Frees the table and removes its temporary files; accepts NULL. */
void xlsx_table_free(struct xlsx_table *t);

#endif
