/* gen_fmt.h: hand-written formatting of CSV fields into a struct buf.
 *
 * The generator writes tens of millions of rows; printf per field would
 * dominate its run time, so numbers, dates and amounts are formatted
 * here digit by digit. Rows are written field by field; when the buffer
 * cannot grow (its limit, or memory) the row remembers the failure and
 * gen_row_end reports it, so callers check once per row. */
#ifndef SAMANVAY_GEN_FMT_H
#define SAMANVAY_GEN_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* One row being written: fields are separated by commas automatically and
 * the first failure is remembered, so callers test once at the end. */
struct gen_row {
    struct buf *b;
    size_t start;      /* offset of the row in b */
    int nfields;
    int failed;
};

void gen_row_begin(struct gen_row *r, struct buf *b);
/* Ends the line; returns 0 or -1 when any append failed. */
int gen_row_end(struct gen_row *r);

void gen_put_empty(struct gen_row *r);
/* Text, quoted only when it holds a comma, quote or line break. */
void gen_put_text(struct gen_row *r, const char *s);
void gen_put_textn(struct gen_row *r, const char *s, size_t n);
/* Text written exactly as given, never quoted (injected CSV faults). */
void gen_put_raw(struct gen_row *r, const char *s);
void gen_put_u64(struct gen_row *r, uint64_t v);
/* v with exactly `width` digits, zero-padded. */
void gen_put_u64_width(struct gen_row *r, uint64_t v, int width);
/* Paise as plain rupees: "1234" or "1234.50". */
void gen_put_money(struct gen_row *r, int64_t paise);
void gen_put_date(struct gen_row *r, int32_t date);
/* A month index (year * 12 + month - 1) as "YYYY-MM". */
void gen_put_month(struct gen_row *r, int month_index);
void gen_put_yn(struct gen_row *r, bool yes);

/* Into a caller's array (no NUL unless stated): return the length. */
size_t gen_fmt_u64(char *out, uint64_t v);
void gen_fmt_month(char out[8], int month_index);   /* NUL-terminated */

#endif
