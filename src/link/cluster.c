/* cluster.c: greedy one-to-one assignment, and merging that refuses chains. */
#include "link/cluster.h"

#include <stdlib.h>

#include "core/alloc.h"

struct by_weight {
    float w;
    uint32_t k;
};

static int cmp_desc(const void *x, const void *y)
{
    const struct by_weight *a = x, *b = y;

    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k); /* ties in input order: the result is deterministic */
}

/* The pairs at or above threshold, best first. */
static struct by_weight *links_sorted(const float *weights, size_t n, double threshold, size_t *nl)
{
    struct by_weight *s = mem_alloc((n + 1) * sizeof *s);

    if (s == NULL)
        return NULL;
    *nl = 0;
    for (size_t k = 0; k < n; k++)
        if (weights[k] >= threshold)
            s[(*nl)++] = (struct by_weight){weights[k], (uint32_t)k};
    qsort(s, *nl, sizeof *s, cmp_desc);
    return s;
}

int cluster_one_to_one(const struct link_pair *pairs, const float *weights, size_t n, double threshold,
                       size_t n_left, size_t n_right, bool *keep, struct err *e)
{
    size_t nl;
    struct by_weight *s = links_sorted(weights, n, threshold, &nl);
    bool *used_l = mem_calloc(n_left + 1, 1), *used_r = mem_calloc(n_right + 1, 1);
    int rc = -1;

    if (s == NULL || used_l == NULL || used_r == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n; k++)
        keep[k] = false;
    for (size_t i = 0; i < nl; i++) {
        const struct link_pair *p = &pairs[s[i].k];
        if (used_l[p->a] || used_r[p->b])
            continue;
        used_l[p->a] = used_r[p->b] = true;
        keep[s[i].k] = true;
    }
    rc = 0;
done:
    mem_free(s);
    mem_free(used_l);
    mem_free(used_r);
    return rc;
}

/* ---- deduplication ------------------------------------------------------------ */

struct clusters {
    uint32_t *parent, *size, *next, *last; /* union-find; members as a linked list from the root */
    size_t *adj_start;                     /* CSR of the links and vetoes */
    uint32_t *adj_to;
    float *adj_w;
};

static uint32_t find(struct clusters *c, uint32_t x)
{
    while (c->parent[x] != x) {
        c->parent[x] = c->parent[c->parent[x]];
        x = c->parent[x];
    }
    return x;
}

static bool relevant(float w, const struct cluster_rule *r)
{
    return w >= r->threshold || w < r->veto_weight;
}

static int build_adjacency(struct clusters *c, size_t nr, const struct link_pair *pairs, const float *w, size_t n,
                           const struct cluster_rule *r)
{
    size_t m = 0;

    if ((c->adj_start = mem_calloc(nr + 2, sizeof *c->adj_start)) == NULL)
        return -1;
    for (size_t k = 0; k < n; k++)
        if (relevant(w[k], r)) {
            c->adj_start[pairs[k].a + 2]++;
            c->adj_start[pairs[k].b + 2]++;
            m += 2;
        }
    for (size_t i = 2; i < nr + 2; i++)
        c->adj_start[i] += c->adj_start[i - 1];
    if ((c->adj_to = mem_alloc((m + 1) * sizeof *c->adj_to)) == NULL
        || (c->adj_w = mem_alloc((m + 1) * sizeof *c->adj_w)) == NULL)
        return -1;
    for (size_t k = 0; k < n; k++)
        if (relevant(w[k], r)) {
            size_t ia = c->adj_start[pairs[k].a + 1]++, ib = c->adj_start[pairs[k].b + 1]++;
            c->adj_to[ia] = pairs[k].b;
            c->adj_w[ia] = w[k];
            c->adj_to[ib] = pairs[k].a;
            c->adj_w[ib] = w[k];
        }
    return 0;
}

/* Whether clusters x and y (roots) may merge under the rule. */
static bool well_connected(struct clusters *c, uint32_t x, uint32_t y, const struct cluster_rule *r)
{
    size_t links = 0;
    double cross = (double)c->size[x] * (double)c->size[y];

    if (c->size[x] > c->size[y]) {
        uint32_t t = x;
        x = y;
        y = t;
    }
    for (uint32_t v = x;; v = c->next[v]) {
        for (size_t k = c->adj_start[v]; k < c->adj_start[v + 1]; k++)
            if (find(c, c->adj_to[k]) == y) {
                if (c->adj_w[k] < r->veto_weight)
                    return false;
                links += c->adj_w[k] >= r->threshold;
            }
        if (v == c->last[x])
            break;
    }
    return (double)links >= r->min_link_fraction * cross;
}

static void merge(struct clusters *c, uint32_t x, uint32_t y)
{
    if (c->size[x] < c->size[y]) {
        uint32_t t = x;
        x = y;
        y = t;
    }
    c->parent[y] = x;
    c->size[x] += c->size[y];
    c->next[c->last[x]] = y;
    c->last[x] = c->last[y];
}

int cluster_dedup(size_t n_records, const struct link_pair *pairs, const float *weights, size_t n,
                  const struct cluster_rule *rule, uint32_t *cluster_of, size_t *merges, size_t *refused,
                  struct err *e)
{
    struct clusters c = {0};
    struct by_weight *s = NULL;
    size_t nl = 0, done = 0, no = 0;
    int rc = -1;

    c.parent = mem_alloc((n_records + 1) * sizeof *c.parent);
    c.size = mem_alloc((n_records + 1) * sizeof *c.size);
    c.next = mem_alloc((n_records + 1) * sizeof *c.next);
    c.last = mem_alloc((n_records + 1) * sizeof *c.last);
    if (c.parent == NULL || c.size == NULL || c.next == NULL || c.last == NULL
        || build_adjacency(&c, n_records, pairs, weights, n, rule) != 0
        || (s = links_sorted(weights, n, rule->threshold, &nl)) == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n_records; i++) {
        c.parent[i] = c.next[i] = c.last[i] = (uint32_t)i;
        c.size[i] = 1;
    }
    for (size_t i = 0; i < nl; i++) {
        uint32_t x = find(&c, pairs[s[i].k].a), y = find(&c, pairs[s[i].k].b);
        if (x == y)
            continue;
        if (well_connected(&c, x, y, rule)) {
            merge(&c, x, y);
            done++;
        } else {
            no++;
        }
    }
    /* Name each cluster by its smallest member, so output does not depend on
     * merge order; size[] is no longer needed and holds the names. */
    for (size_t i = 0; i < n_records; i++)
        if (find(&c, (uint32_t)i) == i)
            c.size[i] = UINT32_MAX;
    for (size_t i = 0; i < n_records; i++) {
        uint32_t root = find(&c, (uint32_t)i);
        if (c.size[root] == UINT32_MAX)
            c.size[root] = (uint32_t)i;
        cluster_of[i] = c.size[root];
    }
    if (merges != NULL)
        *merges = done;
    if (refused != NULL)
        *refused = no;
    rc = 0;
done:
    mem_free(c.parent);
    mem_free(c.size);
    mem_free(c.next);
    mem_free(c.last);
    mem_free(c.adj_start);
    mem_free(c.adj_to);
    mem_free(c.adj_w);
    mem_free(s);
    return rc;
}
