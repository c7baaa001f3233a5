/* impact_ttb.c: see impact_ttb.h. */
#include "analytics/impact_ttb.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"

static int row_cmp(const void *a, const void *b)
{
    const struct impact_ttb_row *x = a, *y = b;
    int c = strcmp(x->scheme, y->scheme);

    if (c == 0)
        c = strcmp(x->state, y->state);
    if (c == 0)
        c = strcmp(x->district, y->district);
    return c != 0 ? c : (x->days > y->days) - (x->days < y->days);
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

static double quantile(const int *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t i = (size_t)floor(h);

    return i + 1 >= n ? v[n - 1] : v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

/* Summarise days[0..n) (sorted) into c. */
static void summarise(struct impact_ttb_cell *c, const int *days, size_t n)
{
    double sum = 0;

    c->n = (long)n;
    c->suppressed = suppress_cell((int64_t)n);
    c->median = c->p90 = c->mean = NAN;
    if (c->suppressed)
        return;
    for (size_t i = 0; i < n; i++)
        sum += days[i];
    c->median = quantile(days, n, 0.5);
    c->p90 = quantile(days, n, 0.9);
    c->mean = sum / (double)n;
}

static struct impact_ttb_cell *push(struct impact_ttb_cell **a, size_t *n)
{
    struct impact_ttb_cell *p = mem_realloc(*a, (*n + 1) * sizeof *p);

    if (p == NULL)
        return NULL;
    *a = p;
    memset(&p[*n], 0, sizeof *p);
    return &p[(*n)++];
}

int impact_ttb_compute(struct impact_ttb_row *rows, size_t n, struct impact_ttb *out, struct err *e)
{
    int *days = mem_alloc((n + 1) * sizeof *days);
    size_t m = 0;

    memset(out, 0, sizeof *out);
    if (days == NULL)
        return err_set(e, "impact: out of memory");
    for (size_t i = 0; i < n; i++)   /* a negative wait is a data error, not a fast scheme */
        if (rows[i].days >= 0)
            rows[m++] = rows[i];
        else
            out->negative++;
    if (m > 1)   /* rows may be NULL when there are none */
        qsort(rows, m, sizeof *rows, row_cmp);
    for (size_t i = 0; i < m;) {
        size_t j = i, k;
        while (j < m && strcmp(rows[j].scheme, rows[i].scheme) == 0)
            j++;
        struct impact_ttb_cell *c = push(&out->schemes, &out->n_schemes);
        if (c == NULL)
            goto oom;
        for (k = i; k < j; k++)
            days[k - i] = rows[k].days;
        qsort(days, j - i, sizeof *days, int_cmp);
        memcpy(c->scheme, rows[i].scheme, sizeof c->scheme);
        summarise(c, days, j - i);
        for (size_t a = i; a < j;) {   /* districts of the scheme: already sorted by days */
            size_t b = a;
            while (b < j && strcmp(rows[b].state, rows[a].state) == 0
                   && strcmp(rows[b].district, rows[a].district) == 0)
                b++;
            struct impact_ttb_cell *d = push(&out->districts, &out->n_districts);
            if (d == NULL)
                goto oom;
            memcpy(d->scheme, rows[a].scheme, sizeof d->scheme);
            memcpy(d->state, rows[a].state, sizeof d->state);
            memcpy(d->district, rows[a].district, sizeof d->district);
            for (k = a; k < b; k++)
                days[k - a] = rows[k].days;
            summarise(d, days, b - a);
            a = b;
        }
        i = j;
    }
    mem_free(days);
    return 0;
oom:
    mem_free(days);
    impact_ttb_free(out);
    return err_set(e, "impact: out of memory");
}

void impact_ttb_free(struct impact_ttb *t)
{
    if (t == NULL)
        return;
    mem_free(t->schemes);
    mem_free(t->districts);
    memset(t, 0, sizeof *t);
}
