/* overlap.c: sets as bitsets, pairwise Jaccard by popcount, shared
 * objectives and target groups, double funding (overlap.h). */
#include "analytics/overlap.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"

/* --- sets ------------------------------------------------------------------ */

int overlap_sets_init(struct overlap_sets *s, size_t n, size_t n_sets)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    s->n_sets = n_sets;
    s->words = (n + 63) / 64;
    if (n_sets == 0 || s->words == 0)
        return 0;
    s->bits = mem_calloc(n_sets * s->words, sizeof *s->bits);
    return s->bits == NULL ? -1 : 0;
}

void overlap_sets_release(struct overlap_sets *s)
{
    mem_free(s->bits);
    memset(s, 0, sizeof *s);
}

void overlap_sets_add(struct overlap_sets *s, size_t set, size_t member)
{
    s->bits[set * s->words + member / 64] |= (uint64_t)1 << (member % 64);
}

bool overlap_sets_has(const struct overlap_sets *s, size_t set, size_t member)
{
    return (s->bits[set * s->words + member / 64] >> (member % 64)) & 1;
}

int overlap_sets_from_masks(struct overlap_sets *s, const uint64_t *mask, size_t n, size_t n_sets)
{
    if (n_sets > OVERLAP_MAX_SCHEMES || overlap_sets_init(s, n, n_sets) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        for (uint64_t m = mask[i]; m != 0; m &= m - 1)
            overlap_sets_add(s, (size_t)__builtin_ctzll(m), i);
    return 0;
}

/* The words of one set. With no members (an area with no enterprise)
 * there are no words and bits is NULL: NULL + 0 is undefined in C, so the
 * loops over zero words get NULL itself. */
static const uint64_t *set_words(const struct overlap_sets *s, size_t set)
{
    return s->words == 0 ? NULL : s->bits + set * s->words;
}

size_t overlap_sets_count(const struct overlap_sets *s, size_t set)
{
    const uint64_t *w = set_words(s, set);
    size_t c = 0;

    for (size_t i = 0; i < s->words; i++)
        c += (size_t)__builtin_popcountll(w[i]);
    return c;
}

/* --- pairs ----------------------------------------------------------------- */

double overlap_jaccard(int64_t both, int64_t either)
{
    return either > 0 ? (double)both / (double)either : 0.0;
}

static void count_pair(const struct overlap_sets *s, size_t a, size_t b, struct overlap_pair *p)
{
    const uint64_t *x = set_words(s, a), *y = set_words(s, b);
    int64_t both = 0, either = 0;

    for (size_t i = 0; i < s->words; i++) {
        both += __builtin_popcountll(x[i] & y[i]);
        either += __builtin_popcountll(x[i] | y[i]);
    }
    p->a = (uint16_t)a;
    p->b = (uint16_t)b;
    p->both = both;
    p->either = either;
    p->jaccard = overlap_jaccard(both, either);
}

int overlap_pairs(const struct overlap_sets *s, struct overlap_pair **out, size_t *n_out)
{
    size_t n = s->n_sets < 2 ? 0 : s->n_sets * (s->n_sets - 1) / 2, k = 0;

    *out = NULL;
    *n_out = 0;
    if (n == 0)
        return 0;
    if ((*out = mem_calloc(n, sizeof **out)) == NULL)
        return -1;
    for (size_t a = 0; a < s->n_sets; a++)
        for (size_t b = a + 1; b < s->n_sets; b++)
            count_pair(s, a, b, &(*out)[k++]);
    *n_out = n;
    return 0;
}

/* --- what the files declare ------------------------------------------------ */

static bool has_group(const struct scheme *s, const char *g)
{
    for (size_t i = 0; i < s->n_target_groups; i++)
        if (strcmp(s->target_groups[i], g) == 0)
            return true;
    return false;
}

void overlap_objective_pair(const struct scheme *sa, const struct scheme *sb, uint16_t a, uint16_t b,
                            struct overlap_objective *out)
{
    size_t shared, total;

    memset(out, 0, sizeof *out);
    out->a = a;
    out->b = b;
    out->shared_objectives = sa->objectives & sb->objectives;
    for (size_t i = 0; i < sa->n_target_groups; i++)
        if (has_group(sb, sa->target_groups[i])
            && out->n_shared_groups < sizeof out->shared_groups / sizeof out->shared_groups[0])
            out->shared_groups[out->n_shared_groups++] = sa->target_groups[i];
    /* One vocabulary of tags: objectives and target groups never share a
     * name, so |A ∪ B| = |A| + |B| - |A ∩ B| over both together. */
    shared = (size_t)__builtin_popcount(out->shared_objectives) + out->n_shared_groups;
    total = (size_t)__builtin_popcount(sa->objectives) + (size_t)__builtin_popcount(sb->objectives)
            + sa->n_target_groups + sb->n_target_groups - shared;
    out->jaccard = overlap_jaccard((int64_t)shared, (int64_t)total);
}

/* --- double funding -------------------------------------------------------- */

static int cmp_funding(const void *pa, const void *pb)
{
    const struct overlap_funding *a = pa, *b = pb;
    int c;

    if (a->enterprise_id != b->enterprise_id)
        return a->enterprise_id < b->enterprise_id ? -1 : 1;
    if ((c = strcmp(a->purpose, b->purpose)) != 0)
        return c;
    if (a->on != b->on)
        return a->on < b->on ? -1 : 1;
    if (a->scheme != b->scheme)
        return a->scheme < b->scheme ? -1 : 1;
    return strcmp(a->ref, b->ref);
}

static bool takes_part(const struct overlap_funding *r)
{
    return r->purpose[0] != '\0' && r->on != DATE_UNKNOWN;
}

static bool same_group(const struct overlap_funding *a, const struct overlap_funding *b)
{
    return a->enterprise_id == b->enterprise_id && strcmp(a->purpose, b->purpose) == 0;
}

static int push_alert(struct overlap_alert **v, size_t *n, size_t *cap, size_t i, size_t j)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        struct overlap_alert *p = mem_realloc(*v, c * sizeof *p);
        if (p == NULL)
            return -1;
        *v = p;
        *cap = c;
    }
    (*v)[*n].first = i;
    (*v)[*n].second = j;
    (*n)++;
    return 0;
}

int overlap_double_funding(struct overlap_funding *rows, size_t n, int window_days,
                           struct overlap_alert **out, size_t *n_out)
{
    size_t cap = 0;

    *out = NULL;
    *n_out = 0;
    if (n > 1)
        qsort(rows, n, sizeof *rows, cmp_funding);
    for (size_t i = 0; i < n; i++) {
        if (!takes_part(&rows[i]))
            continue;
        /* sorted by date inside a group: stop at the first row past the window */
        for (size_t j = i + 1; j < n && same_group(&rows[i], &rows[j]); j++) {
            if (!takes_part(&rows[j]) || rows[j].on - rows[i].on > window_days)
                break;
            if (rows[j].scheme != rows[i].scheme && push_alert(out, n_out, &cap, i, j) != 0) {
                mem_free(*out);
                *out = NULL;
                *n_out = 0;
                return -1;
            }
        }
    }
    return 0;
}
