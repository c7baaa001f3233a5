#include "gen/gen_fmt.h"

#include <string.h>

#include "core/csv.h"
#include "core/date.h"

void gen_row_begin(struct gen_row *r, struct buf *b)
{
    r->b = b;
    r->start = b->len;
    r->nfields = 0;
    r->failed = 0;
}

int gen_row_end(struct gen_row *r)
{
    if (buf_putc(r->b, '\n') != 0)
        r->failed = 1;
    return r->failed ? -1 : 0;
}

/* The comma before every field but the first. */
static void separator(struct gen_row *r)
{
    if (r->nfields++ > 0 && buf_putc(r->b, ',') != 0)
        r->failed = 1;
}

static void put_bytes(struct gen_row *r, const char *s, size_t n)
{
    separator(r);
    if (buf_append(r->b, s, n) != 0)
        r->failed = 1;
}

void gen_put_empty(struct gen_row *r)
{
    separator(r);
}

void gen_put_textn(struct gen_row *r, const char *s, size_t n)
{
    separator(r);
    if (csv_put_field(r->b, s, n) != 0)
        r->failed = 1;
}

void gen_put_text(struct gen_row *r, const char *s)
{
    gen_put_textn(r, s, strlen(s));
}

void gen_put_raw(struct gen_row *r, const char *s)
{
    put_bytes(r, s, strlen(s));
}

size_t gen_fmt_u64(char *out, uint64_t v)
{
    char tmp[20];
    size_t n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

void gen_put_u64(struct gen_row *r, uint64_t v)
{
    char s[20];

    put_bytes(r, s, gen_fmt_u64(s, v));
}

void gen_put_u64_width(struct gen_row *r, uint64_t v, int width)
{
    char s[20];

    if (width > 20)
        width = 20;
    for (int i = width - 1; i >= 0; i--) {
        s[i] = (char)('0' + v % 10);
        v /= 10;
    }
    put_bytes(r, s, (size_t)width);
}

void gen_put_money(struct gen_row *r, int64_t paise)
{
    char s[32];
    uint64_t m = paise < 0 ? (uint64_t)0 - (uint64_t)paise : (uint64_t)paise;
    size_t n = 0;

    if (paise < 0)
        s[n++] = '-';
    n += gen_fmt_u64(s + n, m / 100);
    if (m % 100 != 0) {
        s[n++] = '.';
        s[n++] = (char)('0' + m % 100 / 10);
        s[n++] = (char)('0' + m % 10);
    }
    put_bytes(r, s, n);
}

void gen_put_date(struct gen_row *r, int32_t date)
{
    char s[DATE_STR_LEN];

    date_format(date, s);
    put_bytes(r, s, 10);
}

void gen_fmt_month(char out[8], int month_index)
{
    int y = month_index / 12, m = month_index % 12 + 1;

    for (int i = 3; i >= 0; i--) {
        out[i] = (char)('0' + y % 10);
        y /= 10;
    }
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '\0';
}

void gen_put_month(struct gen_row *r, int month_index)
{
    char s[8];

    gen_fmt_month(s, month_index);
    put_bytes(r, s, 7);
}

void gen_put_yn(struct gen_row *r, bool yes)
{
    put_bytes(r, yes ? "Y" : "N", 1);
}
