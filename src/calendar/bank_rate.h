/* bank_rate.h: the RBI Bank Rate as dated data (data/bank_rate.csv).
 *
 * The MSMED Act s.16 charges three times "the bank rate notified by the
 * Reserve Bank" on delayed payments, so the history of that rate is a table
 * the delayed-payment engine reads: each row is a rate and the day it took
 * effect, in force until the next row. Rates are kept in basis points
 * (6.75 % = 675) so no arithmetic on them is ever inexact.
 *
 * A table is immutable once loaded and may be shared between threads.
 * Sources of every row: data/SOURCES.md §6. */
#ifndef SAMANVAY_BANK_RATE_H
#define SAMANVAY_BANK_RATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct bank_rate_row {
    int32_t from;   /* effective date (core/date.h) */
    int bank_bp;    /* Bank Rate in basis points */
};

struct bank_rates {
    struct bank_rate_row *rows;   /* effective dates strictly increasing */
    size_t n;
};

/* Parse the CSV (header effective_date,bank_rate_pct,msmed_s16_rate_pct_3x,
 * note,source). The 3x column must equal three times the rate: it is the
 * figure people read, so a row where the two disagree is refused rather
 * than trusted either way. `name` is for messages. */
int bank_rates_parse(const char *text, size_t len, const char *name, struct bank_rates **out,
                     struct err *e);
/* The table built into the binary (data/bank_rate.csv). */
int bank_rates_load(struct bank_rates **out, struct err *e);
void bank_rates_free(struct bank_rates *t);

/* The Bank Rate in force on `date`, in basis points: the last row that took
 * effect on or before it. -1 with e set for a date before the first row. */
int bank_rate_on(const struct bank_rates *t, int32_t date, int *bank_bp, struct err *e);

#endif
