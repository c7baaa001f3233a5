/* bank_rate.c: the Bank Rate table and its lookup (bank_rate.h). */
#include "calendar/bank_rate.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/embedded.h"

#define TABLE_FILE "data/bank_rate.csv"
/* No Bank Rate has reached 100 %; anything at or above it is a typo. */
#define BANK_BP_MAX 10000

enum { COL_DATE, COL_RATE, COL_RATE_3X, COL_NOTE, COL_SOURCE, NCOLS };
static const char *const column_names[NCOLS] = {
    "effective_date", "bank_rate_pct", "msmed_s16_rate_pct_3x", "note", "source",
};

/* "6.75" -> 675: digits, then at most two decimals. */
static int parse_bp(const char *s, int *bp)
{
    long whole = 0;
    int frac = 0, frac_digits = 0;
    const char *p = s;

    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        whole = whole * 10 + (*p++ - '0');
        if (whole > BANK_BP_MAX)
            return -1;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9' && frac_digits < 2) {
            frac = frac * 10 + (*p++ - '0');
            frac_digits++;
        }
        if (frac_digits == 0)
            return -1;
    }
    if (*p != '\0')
        return -1;
    while (frac_digits++ < 2)
        frac *= 10;
    *bp = (int)(whole * 100 + frac);
    return 0;
}

static int parse_header(struct csv_reader *r, const char *name, struct err *e)
{
    struct csv_record rec;

    if (csv_next(r, &rec, e) != CSV_RECORD)
        return err_set(e, "%s: no header", name);
    if (rec.nfields != NCOLS)
        return err_set(e, "%s: header has %zu columns, expected %d", name, rec.nfields, NCOLS);
    for (int i = 0; i < NCOLS; i++)
        if (strcmp(rec.field[i], column_names[i]) != 0)
            return err_set(e, "%s: column %d is '%.40s', expected '%s'", name, i + 1, rec.field[i],
                           column_names[i]);
    csv_reader_expect_fields(r, NCOLS);
    return 0;
}

static int parse_row(const struct csv_record *rec, const struct bank_rate_row *prev,
                     struct bank_rate_row *row, const char *name, struct err *e)
{
    char where[120];
    int bp3 = 0;

    snprintf(where, sizeof where, "%s line %llu", name, (unsigned long long)rec->line);
    if (rec->nfields != NCOLS)
        return err_set(e, "%s: %zu fields, expected %d", where, rec->nfields, NCOLS);
    if (date_parse(rec->field[COL_DATE], rec->len[COL_DATE], &row->from, e) != 0)
        return err_prefix(e, "%s: effective_date: ", where);
    if (parse_bp(rec->field[COL_RATE], &row->bank_bp) != 0 || row->bank_bp <= 0)
        return err_set(e, "%s: bank_rate_pct '%.20s' is not a rate such as 6.75", where,
                       rec->field[COL_RATE]);
    if (parse_bp(rec->field[COL_RATE_3X], &bp3) != 0 || bp3 != 3 * row->bank_bp)
        return err_set(e, "%s: msmed_s16_rate_pct_3x '%.20s' is not three times %s", where,
                       rec->field[COL_RATE_3X], rec->field[COL_RATE]);
    if (rec->field[COL_SOURCE][0] == '\0')
        return err_set(e, "%s: no source; every rate needs one", where);
    if (prev != NULL && row->from <= prev->from)
        return err_set(e, "%s: effective_date %s is not after the row before", where,
                       rec->field[COL_DATE]);
    return 0;
}

static int append(struct bank_rates *t, size_t *cap, const struct bank_rate_row *row)
{
    if (t->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct bank_rate_row *nrows = mem_realloc(t->rows, ncap * sizeof *nrows);
        if (nrows == NULL)
            return -1;
        t->rows = nrows;
        *cap = ncap;
    }
    t->rows[t->n++] = *row;
    return 0;
}

static int parse_all(struct bank_rates *t, struct csv_reader *r, const char *name, struct err *e)
{
    struct csv_record rec;
    enum csv_status st;
    size_t cap = 0;

    if (parse_header(r, name, e) != 0)
        return -1;
    while ((st = csv_next(r, &rec, e)) == CSV_RECORD) {
        struct bank_rate_row row;
        if (parse_row(&rec, t->n ? &t->rows[t->n - 1] : NULL, &row, name, e) != 0)
            return -1;
        if (append(t, &cap, &row) != 0)
            return err_set(e, "%s: out of memory", name);
    }
    if (st == CSV_BAD)
        return err_set(e, "%s line %llu: %s", name, (unsigned long long)rec.line, rec.error);
    if (st == CSV_IO_ERROR)
        return -1;
    if (t->n == 0)
        return err_set(e, "%s: no rates", name);
    return 0;
}

int bank_rates_parse(const char *text, size_t len, const char *name, struct bank_rates **out,
                     struct err *e)
{
    struct bank_rates *t = mem_calloc(1, sizeof *t);
    struct csv_reader *r = t ? csv_reader_new_mem(text, len, NULL) : NULL;
    int rc;

    *out = NULL;
    if (r == NULL) {
        mem_free(t);
        return err_set(e, "%s: out of memory", name);
    }
    rc = parse_all(t, r, name, e);
    csv_reader_free(r);
    if (rc != 0) {
        bank_rates_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

int bank_rates_load(struct bank_rates **out, struct err *e)
{
    const struct embedded_file *f = embedded_find(TABLE_FILE);

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", TABLE_FILE);
    return bank_rates_parse(f->data, f->len, TABLE_FILE, out, e);
}

void bank_rates_free(struct bank_rates *t)
{
    if (t == NULL)
        return;
    mem_free(t->rows);
    mem_free(t);
}

int bank_rate_on(const struct bank_rates *t, int32_t date, int *bank_bp, struct err *e)
{
    size_t lo = 0, hi = t->n;
    char d[DATE_STR_LEN], first[DATE_STR_LEN];

    /* the first row taking effect after `date`; the row before it is in force */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].from <= date)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) {
        date_format(date, d);
        date_format(t->rows[0].from, first);
        return err_set(e, "no Bank Rate on file for %s (the table starts %s)", d, first);
    }
    *bank_bp = t->rows[lo - 1].bank_bp;
    return 0;
}
