/* clusters.c: see clusters.h. Sorting, not hashing: two orders over the
 * cell indices (by district, by category) give every total and rank in
 * O(n log n) with no table sized by guesswork. */
#include "analytics/clusters.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

size_t clusters_top_count(size_t n)
{
    size_t k;

    if (n == 0)
        return 0;
    /* ceil(0.10 n) in integers: floating point would make 10 * 0.1 a hair
     * over 1 on some inputs and admit a second district. */
    k = (n + 9) / 10;
    return k < 1 ? 1 : k;
}

bool clusters_nic_in(const char *nic, const char *category)
{
    size_t n = strlen(category);

    return n > 0 && strlen(nic) >= n && strncmp(nic, category, n) == 0;
}

bool clusters_nic_manufacturing(const char *nic)
{
    int d;

    if (strlen(nic) < 2 || nic[0] < '0' || nic[0] > '9' || nic[1] < '0' || nic[1] > '9')
        return false;
    d = (nic[0] - '0') * 10 + (nic[1] - '0');
    return d >= 10 && d <= 33;
}

static int cmp_district(const struct clusters_cell *a, const struct clusters_cell *b)
{
    int d = strcmp(a->state, b->state);

    return d != 0 ? d : strcmp(a->district, b->district);
}

static int by_district(const void *x, const void *y, void *arg)
{
    const struct clusters_cell *c = arg;
    const struct clusters_cell *a = &c[*(const size_t *)x], *b = &c[*(const size_t *)y];
    int d = cmp_district(a, b);

    return d != 0 ? d : strcmp(a->nic, b->nic);
}

/* Category, then the value ranked (employment or share) falling. */
struct rank_ctx {
    const struct clusters_cell *cells;
    const double *value;
};

static int by_category_value(const void *x, const void *y, void *arg)
{
    const struct rank_ctx *r = arg;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int d = strcmp(r->cells[i].nic, r->cells[j].nic);

    if (d != 0)
        return d;
    if (r->value[i] != r->value[j])
        return r->value[i] > r->value[j] ? -1 : 1;
    return (i > j) - (i < j);
}

/* For each category run in `order` (sorted by category, value falling),
 * set `bit` on cells whose rank is within the top count. Cells with no
 * employment neither count nor rank. */
static void mark_top(const struct clusters_cell *cells, const size_t *order, size_t n,
                     const double *value, unsigned bit, struct clusters_score *out)
{
    size_t start = 0;

    while (start < n) {
        size_t end = start, nonzero = 0, k, rank = 0;
        while (end < n && strcmp(cells[order[end]].nic, cells[order[start]].nic) == 0) {
            if (cells[order[end]].employment > 0)
                nonzero++;
            end++;
        }
        k = clusters_top_count(nonzero);
        for (size_t p = start; p < end; p++) {
            size_t i = order[p];
            if (cells[i].employment <= 0)
                continue;
            /* Ties share the better rank: the rank is one more than the
             * number of cells strictly ahead. */
            if (p == start || value[order[p - 1]] != value[i])
                rank = p - start + 1;
            if (rank <= k)
                out[i].stars_mask |= bit;
        }
        start = end;
    }
}

static int category_totals(const struct clusters_cell *cells, const size_t *order, size_t n,
                           double *e_c)
{
    size_t start = 0;

    while (start < n) {
        size_t end = start;
        double sum = 0;
        while (end < n && strcmp(cells[order[end]].nic, cells[order[start]].nic) == 0)
            sum += (double)cells[order[end++]].employment;
        for (size_t p = start; p < end; p++)
            e_c[order[p]] = sum;
        start = end;
    }
    return 0;
}

static int by_category(const void *x, const void *y, void *arg)
{
    const struct clusters_cell *c = arg;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int d = strcmp(c[i].nic, c[j].nic);

    return d != 0 ? d : (i > j) - (i < j);
}

int clusters_score(const struct clusters_cell *cells, size_t n, struct clusters_score *out,
                   struct err *e)
{
    size_t *order = NULL;
    double *e_d = NULL, *e_c = NULL, *emp = NULL, total = 0;
    struct rank_ctx rc = {cells, NULL};
    int rc_out = -1;

    if (n == 0)
        return 0;
    for (size_t i = 1; i < n; i++)
        if (strlen(cells[i].nic) != strlen(cells[0].nic))
            return err_set(e, "clusters: a table mixes NIC levels");
    order = mem_calloc(n, sizeof *order);
    e_d = mem_calloc(n, sizeof *e_d);
    e_c = mem_calloc(n, sizeof *e_c);
    emp = mem_calloc(n, sizeof *emp);
    if (order == NULL || e_d == NULL || e_c == NULL || emp == NULL) {
        err_set(e, "out of memory");
        goto free_all;
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
        emp[i] = (double)cells[i].employment;
        total += emp[i];
        memset(&out[i], 0, sizeof out[i]);
    }

    /* E_d: the district's employment over all its categories. */
    qsort_r(order, n, sizeof *order, by_district, (void *)cells);
    for (size_t start = 0; start < n;) {
        size_t end = start;
        double sum = 0;
        while (end < n && cmp_district(&cells[order[end]], &cells[order[start]]) == 0)
            sum += emp[order[end++]];
        for (size_t p = start; p < end; p++)
            e_d[order[p]] = sum;
        start = end;
    }

    /* E_c, then LQ and the share. */
    qsort_r(order, n, sizeof *order, by_category, (void *)cells);
    category_totals(cells, order, n, e_c);
    for (size_t i = 0; i < n; i++) {
        out[i].share = e_d[i] > 0 ? emp[i] / e_d[i] : 0;
        out[i].lq = e_d[i] > 0 && e_c[i] > 0 && total > 0 ? out[i].share / (e_c[i] / total) : 0;
        if (emp[i] > 0 && out[i].lq >= CLUSTERS_LQ_SPECIALISED)
            out[i].stars_mask |= CLUSTERS_STAR_SPECIALISATION;
    }

    /* Size: rank by employment within the category. */
    rc.value = emp;
    qsort_r(order, n, sizeof *order, by_category_value, &rc);
    mark_top(cells, order, n, emp, CLUSTERS_STAR_SIZE, out);

    /* Focus: rank by the share of the district's employment. */
    for (size_t i = 0; i < n; i++)
        e_d[i] = out[i].share;          /* reuse as the ranked value */
    rc.value = e_d;
    qsort_r(order, n, sizeof *order, by_category_value, &rc);
    mark_top(cells, order, n, e_d, CLUSTERS_STAR_FOCUS, out);

    for (size_t i = 0; i < n; i++) {
        unsigned m = out[i].stars_mask;
        out[i].stars = (int)((m & 1u) + ((m >> 1) & 1u) + ((m >> 2) & 1u));
        out[i].detected = out[i].stars >= 2 && cells[i].enterprises >= CLUSTERS_MIN_ENTERPRISES;
    }
    rc_out = 0;
free_all:
    mem_free(order);
    mem_free(e_d);
    mem_free(e_c);
    mem_free(emp);
    return rc_out;
}

int clusters_cell_cmp(const void *x, const void *y)
{
    const struct clusters_cell *a = x, *b = y;
    int d = cmp_district(a, b);

    return d != 0 ? d : strcmp(a->nic, b->nic);
}

int clusters_rollup_division(const struct clusters_cell *groups, size_t n,
                             struct clusters_cell **out, size_t *n_out, struct err *e)
{
    struct clusters_cell *d = mem_calloc(n ? n : 1, sizeof *d);
    size_t m = 0;

    if (d == NULL)
        return err_set(e, "out of memory");
    for (size_t i = 0; i < n; i++) {
        d[i] = groups[i];
        d[i].nic[2] = '\0';
    }
    qsort(d, n, sizeof *d, clusters_cell_cmp);
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && clusters_cell_cmp(&d[m - 1], &d[i]) == 0) {
            d[m - 1].enterprises += d[i].enterprises;
            d[m - 1].employment += d[i].employment;
        } else {
            d[m++] = d[i];
        }
    }
    *out = d;
    *n_out = m;
    return 0;
}
