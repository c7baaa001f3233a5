/* block.c: sort-based blocking, one rule at a time.
 *
 * Each rule computes a 64-bit key per record, sorts (key, record), and
 * pairs the records of each run of equal keys (dedup) or merges the two
 * sorted sides (link). A pair is new unless some earlier rule gives both
 * records the same non-empty key; the keys of every rule are kept, so
 * that test costs one comparison per earlier rule. */
#include "link/block.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "link/intern.h"

struct keyed {
    uint64_t key;
    uint32_t idx;
};

void pair_list_release(struct pair_list *l)
{
    mem_free(l->p);
    *l = (struct pair_list){NULL, 0, 0};
}

int pair_list_push(struct pair_list *l, uint32_t a, uint32_t b)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4096;
        struct link_pair *p = mem_realloc(l->p, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->p = p;
        l->cap = cap;
    }
    l->p[l->n++] = (struct link_pair){a, b};
    return 0;
}

/* Byte length of the first n code points of s (or of the last n, from the end). */
static size_t utf8_prefix_bytes(const char *s, size_t len, int n)
{
    size_t i = 0;

    for (int k = 0; k < n && i < len; k++)
        do
            i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static size_t utf8_suffix_start(const char *s, size_t len, int n)
{
    size_t i = len;

    for (int k = 0; k < n && i > 0; k++)
        do
            i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* The bytes a key part hashes, or -1 when the record has no value for it. */
static int key_part(const struct link_cell *c, const struct link_key *k, const char **p, size_t *n, char *tmp)
{
    size_t len;

    if (c->s == NULL)
        return -1;
    len = strlen(c->s);
    switch (k->transform) {
    case KEY_VALUE: *p = c->s; *n = len; return 0;
    case KEY_PHONETIC:
        if (c->phon == NULL || c->phon[0] == '\0')
            return -1;
        *p = c->phon;
        *n = strlen(c->phon);
        return 0;
    case KEY_PREFIX: *p = c->s; *n = utf8_prefix_bytes(c->s, len, k->n); return 0;
    case KEY_SUFFIX: {
        size_t start = utf8_suffix_start(c->s, len, k->n);
        *p = c->s + start;
        *n = len - start;
        return 0;
    }
    case KEY_YEAR: {
        int y, m, d;
        if (c->x.days == DATE_UNKNOWN)
            return -1;
        date_to_ymd(c->x.days, &y, &m, &d);
        memcpy(tmp, &y, sizeof y);
        *p = tmp;
        *n = sizeof y;
        return 0;
    }
    }
    return -1;
}

uint64_t block_key(const struct link_records *s, size_t i, const struct link_rule *r)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;

    for (int k = 0; k < r->n_keys; k++) {
        const char *p;
        size_t n;
        char tmp[8];
        if (key_part(records_cell(s, i, r->key[k].field), &r->key[k], &p, &n, tmp) != 0)
            return 0;
        /* The part number is in the seed, so "ab"+"c" and "a"+"bc" differ. */
        h = link_hash(p, n, h + (uint64_t)k);
    }
    return h;
}

static int cmp_keyed(const void *x, const void *y)
{
    const struct keyed *a = x, *b = y;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* All rules' keys for one side: keys[r * n + i]. Sorted (key, idx) of rule r in sorted. */
struct side {
    const struct link_records *s;
    uint64_t *keys;
    struct keyed *sorted;
    size_t n_sorted;
};

static int side_keys(struct side *sd, const struct link_config *cfg, struct err *e)
{
    size_t n = sd->s->n;

    if ((sd->keys = mem_alloc((size_t)cfg->n_rules * n * sizeof *sd->keys + 1)) == NULL
        || (sd->sorted = mem_alloc(n * sizeof *sd->sorted + 1)) == NULL)
        return err_set(e, "out of memory");
    for (int r = 0; r < cfg->n_rules; r++)
        for (size_t i = 0; i < n; i++)
            sd->keys[(size_t)r * n + i] = block_key(sd->s, i, &cfg->rule[r]);
    return 0;
}

static void side_sort(struct side *sd, int r)
{
    size_t n = sd->s->n;

    sd->n_sorted = 0;
    for (size_t i = 0; i < n; i++)
        if (sd->keys[(size_t)r * n + i] != 0)
            sd->sorted[sd->n_sorted++] = (struct keyed){sd->keys[(size_t)r * n + i], (uint32_t)i};
    qsort(sd->sorted, sd->n_sorted, sizeof *sd->sorted, cmp_keyed);
}

struct run {
    const struct link_config *cfg;
    struct side *l, *r;      /* r == l for dedup */
    struct pair_list *out;
    struct block_stats *st;
    int rule;
    struct err *e;
};

static bool found_earlier(const struct run *ru, uint32_t a, uint32_t b)
{
    size_t nl = ru->l->s->n, nr = ru->r->s->n;

    for (int q = 0; q < ru->rule; q++) {
        uint64_t ka = ru->l->keys[(size_t)q * nl + a];
        if (ka != 0 && ka == ru->r->keys[(size_t)q * nr + b])
            return true;
    }
    return false;
}

static bool same_entity(const struct run *ru, uint32_t a, uint32_t b)
{
    const int32_t *el = ru->l->s->entity, *er = ru->r->s->entity;

    return el != NULL && er != NULL && el[a] >= 0 && el[a] == er[b];
}

static int consider(struct run *ru, uint32_t a, uint32_t b)
{
    bool t = same_entity(ru, a, b);

    ru->st->pairs++;
    ru->st->true_pairs += t;
    if (found_earlier(ru, a, b))
        return 0;
    ru->st->new_pairs++;
    ru->st->new_true += t;
    if (ru->out->n >= ru->cfg->max_pairs)
        return err_set(ru->e, "blocking rule %s: more than %zu candidate pairs (max_pairs); use a narrower rule",
                       ru->cfg->rule[ru->rule].name, ru->cfg->max_pairs);
    if (pair_list_push(ru->out, a, b) != 0)
        return err_set(ru->e, "out of memory");
    return 0;
}

static bool too_big(struct run *ru, size_t na, size_t nb, size_t pairs)
{
    if (ru->cfg->max_block == 0 || (na <= ru->cfg->max_block && nb <= ru->cfg->max_block))
        return false;
    ru->st->skipped_blocks++;
    ru->st->skipped_pairs += pairs;
    return true;
}

static int dedup_rule(struct run *ru)
{
    const struct keyed *k = ru->l->sorted;
    size_t n = ru->l->n_sorted;

    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && k[j].key == k[i].key; j++)
            ;
        if (too_big(ru, j - i, j - i, (j - i) * (j - i - 1) / 2))
            continue;
        for (size_t x = i; x < j; x++)
            for (size_t y = x + 1; y < j; y++)
                if (consider(ru, k[x].idx, k[y].idx) != 0)
                    return -1;
    }
    return 0;
}

static int link_rule(struct run *ru)
{
    const struct keyed *a = ru->l->sorted, *b = ru->r->sorted;
    size_t na = ru->l->n_sorted, nb = ru->r->n_sorted, i = 0, j = 0;

    while (i < na && j < nb) {
        size_t ie, je;
        if (a[i].key != b[j].key) {
            if (a[i].key < b[j].key)
                i++;
            else
                j++;
            continue;
        }
        for (ie = i + 1; ie < na && a[ie].key == a[i].key; ie++)
            ;
        for (je = j + 1; je < nb && b[je].key == b[j].key; je++)
            ;
        if (!too_big(ru, ie - i, je - j, (ie - i) * (je - j)))
            for (size_t x = i; x < ie; x++)
                for (size_t y = j; y < je; y++)
                    if (consider(ru, a[x].idx, b[y].idx) != 0)
                        return -1;
        i = ie;
        j = je;
    }
    return 0;
}

int block_pairs(const struct link_records *left, const struct link_records *right, struct pair_list *out,
                struct block_stats *stats, struct err *e)
{
    const struct link_config *cfg = left->cfg;
    struct side l = {left, NULL, NULL, 0}, r = {right, NULL, NULL, 0};
    struct run ru = {cfg, &l, right ? &r : &l, out, NULL, 0, e};
    int rc = -1;

    if (side_keys(&l, cfg, e) != 0 || (right != NULL && side_keys(&r, cfg, e) != 0))
        goto done;
    for (int q = 0; q < cfg->n_rules; q++) {
        ru.rule = q;
        ru.st = &stats[q];
        memset(ru.st, 0, sizeof *ru.st);
        ru.st->rule = cfg->rule[q].name;
        side_sort(&l, q);
        if (right != NULL)
            side_sort(&r, q);
        if ((right ? link_rule(&ru) : dedup_rule(&ru)) != 0)
            goto done;
    }
    rc = 0;
done:
    mem_free(l.keys);
    mem_free(l.sorted);
    mem_free(r.keys);
    mem_free(r.sorted);
    return rc;
}
