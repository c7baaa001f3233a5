/* fs_model.c: levels, vectors, EM and weights. */
#include "link/fs_model.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/rng.h"
#include "link/compare.h"
#include "link/parallel.h"

/* Pseudo-count added to every level in the M step, so no level ends at
 * m or u = 0 (an infinite weight) because it was unseen in one run. */
#define EM_PSEUDO 0.01

/* ---- levels ---------------------------------------------------------------- */

static int threshold_level(const struct link_field *f, double v, int distance)
{
    for (int k = 0; k < f->n_thresholds; k++)
        if (distance ? v <= f->threshold[k] : v >= f->threshold[k])
            return k + 1 + f->phonetic;
    return f->n_levels - 1;
}

static double similarity(const struct link_field *f, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);

    return f->sim == SIM_TOKEN_SET ? token_set_similarity(a, na, b, nb) : jaro_winkler(a, na, b, nb);
}

/* A name transliterated from Devanagari rarely folds to the Latin
 * spelling letter for letter ("sanraij" / "sunrise") but mostly shares
 * its skeleton ("snrs"), so skeletons count as evidence of their own. */
static int phonetic_level(const struct link_field *f, const struct link_cell *a,
                          const struct link_cell *b)
{
    if (strcmp(a->s, b->s) == 0)
        return 0;
    if (a->phon == NULL || b->phon == NULL)
        return threshold_level(f, similarity(f, a->s, b->s), 0);
    if (strcmp(a->phon, b->phon) == 0)
        return 1;
    return threshold_level(f, fmax(similarity(f, a->s, b->s), similarity(f, a->phon, b->phon)), 0);
}

static int text_level(const struct link_field *f, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);

    if (na == nb && memcmp(a, b, na) == 0)
        return 0;
    switch (f->sim) {
    case SIM_JARO_WINKLER: return threshold_level(f, jaro_winkler(a, na, b, nb), 0);
    case SIM_TOKEN_SET: return threshold_level(f, token_set_similarity(a, na, b, nb), 0);
    case SIM_EDIT_DISTANCE: {
        int max = (int)f->threshold[f->n_thresholds - 1];
        return threshold_level(f, edit_distance_bounded(a, na, b, nb, max), 1);
    }
    default: return f->n_levels - 1;
    }
}

static int date_level(const struct link_field *f, const struct link_cell *a, const struct link_cell *b)
{
    if (a->x.days != DATE_UNKNOWN && b->x.days != DATE_UNKNOWN)
        return (int)date_compare(a->x.days, b->x.days, f->near_days);
    /* An impossible date ("19871341") still agrees or nearly agrees as text. */
    if (strcmp(a->s, b->s) == 0)
        return DATE_EXACT;
    return edit_distance_bounded(a->s, strlen(a->s), b->s, strlen(b->s), 1) <= 1 ? DATE_TRANSPOSED : DATE_DIFFERENT;
}

int fs_level(const struct link_field *f, const struct link_cell *a, const struct link_cell *b)
{
    if (a->s == NULL || b->s == NULL)
        return -1;
    switch (f->kind) {
    case KIND_EXACT: return strcmp(a->s, b->s) == 0 ? 0 : 1;
    case KIND_DATE: return date_level(f, a, b);
    case KIND_POSTCODE: return (int)postcode_compare(a->s, b->s);
    case KIND_NUMERIC: {
        double d;
        if (isnan(a->x.num) || isnan(b->x.num))
            return strcmp(a->s, b->s) == 0 ? 0 : f->n_levels - 1;
        d = numeric_relative_difference(a->x.num, b->x.num);
        return d == 0 ? 0 : threshold_level(f, d, 1);
    }
    case KIND_PERSON_NAME:
    case KIND_BUSINESS_NAME:
        if (f->phonetic && f->sim != SIM_EDIT_DISTANCE)
            return phonetic_level(f, a, b);
        return text_level(f, a->s, b->s);
    case KIND_TEXT: return text_level(f, a->s, b->s);
    }
    return f->n_levels - 1;
}

uint64_t fs_pattern(const struct link_config *cfg, const struct link_records *left, size_t i,
                    const struct link_records *right, size_t j)
{
    uint64_t v = 0;

    for (int f = 0; f < cfg->n_fields; f++) {
        int level = fs_level(&cfg->field[f], records_cell(left, i, f), records_cell(right, j, f));
        v |= (uint64_t)(level + 1) << (4 * f);
    }
    return v;
}

struct compare_job {
    const struct link_config *cfg;
    const struct link_records *l, *r;
    const struct link_pair *pairs;
    uint64_t *vectors;
    const struct fs_params *p;
    float *weights;
};

static void compare_slice(void *ctx, size_t from, size_t to)
{
    struct compare_job *j = ctx;

    for (size_t k = from; k < to; k++)
        j->vectors[k] = fs_pattern(j->cfg, j->l, j->pairs[k].a, j->r, j->pairs[k].b);
}

void fs_compare_pairs(const struct link_config *cfg, const struct link_records *left,
                      const struct link_records *right, const struct link_pair *pairs, size_t n,
                      uint64_t *vectors, int threads)
{
    struct compare_job j = {cfg, left, right ? right : left, pairs, vectors, NULL, NULL};

    link_parallel_for(n, threads, compare_slice, &j);
}

/* ---- starting values -------------------------------------------------------- */

static void initial_m(const struct link_field *f, double *m)
{
    int L = f->n_levels;

    if (L == 2) {
        m[0] = 0.95;
        m[1] = 0.05;
        return;
    }
    m[0] = 0.70;
    for (int l = 1; l < L - 1; l++)
        m[l] = 0.25 / (L - 2);
    m[L - 1] = 0.05;
}

int fs_init(const struct link_config *cfg, const struct link_records *left, const struct link_records *right,
            size_t n_candidates, struct fs_params *p, struct err *e)
{
    const struct link_records *r = right ? right : left;
    size_t k = cfg->u_sample_pairs, expected;
    struct link_pair *pairs;
    uint64_t *vec;
    double count[LINK_MAX_FIELDS][LINK_MAX_LEVELS] = {{0}};
    struct rng g;

    memset(p, 0, sizeof *p);
    if (left->n < 2 || r->n < 1)
        return err_set(e, "too few records to link");
    pairs = mem_alloc(k * sizeof *pairs);
    vec = mem_alloc(k * sizeof *vec);
    if (pairs == NULL || vec == NULL) {
        mem_free(pairs);
        mem_free(vec);
        return err_set(e, "out of memory");
    }
    rng_seed(&g, cfg->seed, 0x75);
    for (size_t s = 0; s < k; s++) {
        uint32_t a = (uint32_t)rng_below(&g, left->n), b;
        do
            b = (uint32_t)rng_below(&g, r->n);
        while (right == NULL && b == a);
        pairs[s] = (struct link_pair){a, b};
    }
    fs_compare_pairs(cfg, left, right, pairs, k, vec, link_threads(cfg->threads));
    for (size_t s = 0; s < k; s++)
        for (int f = 0; f < cfg->n_fields; f++) {
            int level = fs_pattern_level(vec[s], f);
            if (level >= 0)
                count[f][level] += 1;
        }
    for (int f = 0; f < cfg->n_fields; f++) {
        double total = 0;
        int L = cfg->field[f].n_levels;
        for (int l = 0; l < L; l++)
            total += count[f][l];
        for (int l = 0; l < L; l++)
            p->u[f][l] = (count[f][l] + 0.5) / (total + 0.5 * L);
        initial_m(&cfg->field[f], p->m[f]);
    }
    /* A fair guess: about one match per record among the candidates. */
    expected = right ? (left->n < r->n ? left->n : r->n) : left->n / 2;
    p->lambda = n_candidates ? (double)expected / (double)n_candidates : 0.5;
    if (p->lambda > 0.5)
        p->lambda = 0.5;
    if (p->lambda < 1e-7)
        p->lambda = 1e-7;
    mem_free(pairs);
    mem_free(vec);
    return 0;
}

/* ---- EM ----------------------------------------------------------------------- */

struct vec_count {
    uint64_t v;
    double n;
};

/* The distinct vectors with their counts (open addressing; the slot's n > 0 marks use). */
static struct vec_count *histogram(const uint64_t *vectors, size_t n, size_t *distinct)
{
    size_t cap = 1024, used = 0;
    struct vec_count *t = mem_calloc(cap, sizeof *t), *out;

    if (t == NULL)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        size_t i;
        if ((used + 1) * 2 > cap) {
            struct vec_count *nt = mem_calloc(cap * 2, sizeof *nt);
            if (nt == NULL) {
                mem_free(t);
                return NULL;
            }
            for (size_t s = 0; s < cap; s++)
                if (t[s].n > 0) {
                    for (i = (t[s].v * 0x9e3779b97f4a7c15ull >> 20) & (cap * 2 - 1); nt[i].n > 0; i = (i + 1) & (cap * 2 - 1))
                        ;
                    nt[i] = t[s];
                }
            mem_free(t);
            t = nt;
            cap *= 2;
        }
        for (i = (vectors[k] * 0x9e3779b97f4a7c15ull >> 20) & (cap - 1); t[i].n > 0 && t[i].v != vectors[k];
             i = (i + 1) & (cap - 1))
            ;
        if (t[i].n == 0) {
            t[i].v = vectors[k];
            used++;
        }
        t[i].n += 1;
    }
    if ((out = mem_alloc((used + 1) * sizeof *out)) == NULL) {
        mem_free(t);
        return NULL;
    }
    *distinct = 0;
    for (size_t s = 0; s < cap; s++)
        if (t[s].n > 0)
            out[(*distinct)++] = t[s];
    mem_free(t);
    return out;
}

/* One EM step; returns the largest change of any parameter. */
static double em_step(const struct link_config *cfg, const struct vec_count *h, size_t nh, struct fs_params *p)
{
    double sm[LINK_MAX_FIELDS][LINK_MAX_LEVELS] = {{0}}, su[LINK_MAX_FIELDS][LINK_MAX_LEVELS] = {{0}};
    double lm[LINK_MAX_FIELDS][LINK_MAX_LEVELS], lu[LINK_MAX_FIELDS][LINK_MAX_LEVELS];
    double matched = 0, total = 0, delta = 0, lambda;

    for (int f = 0; f < cfg->n_fields; f++)
        for (int l = 0; l < cfg->field[f].n_levels; l++) {
            lm[f][l] = log(p->m[f][l]);
            lu[f][l] = log(p->u[f][l]);
        }
    for (size_t k = 0; k < nh; k++) {
        double a = log(p->lambda), b = log(1 - p->lambda), post;
        for (int f = 0; f < cfg->n_fields; f++) {
            int level = fs_pattern_level(h[k].v, f);
            if (level >= 0) {
                a += lm[f][level];
                b += lu[f][level];
            }
        }
        post = 1 / (1 + exp(b - a));
        matched += h[k].n * post;
        total += h[k].n;
        for (int f = 0; f < cfg->n_fields; f++) {
            int level = fs_pattern_level(h[k].v, f);
            if (level >= 0) {
                sm[f][level] += h[k].n * post;
                su[f][level] += h[k].n * (1 - post);
            }
        }
    }
    for (int f = 0; f < cfg->n_fields; f++) {
        int L = cfg->field[f].n_levels;
        double tm = 0, tu = 0;
        for (int l = 0; l < L; l++) {
            tm += sm[f][l];
            tu += su[f][l];
        }
        for (int l = 0; l < L; l++) {
            double m = (sm[f][l] + EM_PSEUDO) / (tm + EM_PSEUDO * L);
            double u = (su[f][l] + EM_PSEUDO) / (tu + EM_PSEUDO * L);
            delta = fmax(delta, fabs(m - p->m[f][l]));
            p->m[f][l] = m;
            if (!cfg->em_fix_u) {
                delta = fmax(delta, fabs(u - p->u[f][l]));
                p->u[f][l] = u;
            }
        }
    }
    lambda = total > 0 ? matched / total : p->lambda;
    lambda = fmin(fmax(lambda, 1e-9), 1 - 1e-9);
    delta = fmax(delta, fabs(lambda - p->lambda) / fmax(p->lambda, 1e-9) * 1e-3);
    p->lambda = lambda;
    return delta;
}

int fs_em(const struct link_config *cfg, const uint64_t *vectors, size_t n, struct fs_params *p, struct err *e)
{
    size_t nh = 0;
    struct vec_count *h = histogram(vectors, n, &nh);

    if (h == NULL)
        return err_set(e, "out of memory");
    p->distinct_vectors = nh;
    p->converged = 0;
    for (p->iterations = 0; p->iterations < cfg->em_max_iterations;) {
        double delta = em_step(cfg, h, nh, p);
        p->iterations++;
        if (delta < cfg->em_tolerance) {
            p->converged = 1;
            break;
        }
    }
    mem_free(h);
    return 0;
}

/* ---- EM by blocking rule (u fixed) ---------------------------------------------- */

static uint64_t rule_field_mask(const struct link_rule *rule)
{
    uint64_t m = 0;

    for (int k = 0; k < rule->n_keys; k++)
        m |= (uint64_t)15 << (4 * rule->key[k].field);
    return m;
}

/* The candidates sharing rule q's key, each without the rule's fields. */
static size_t rule_vectors(const struct link_config *cfg, int q, const struct link_records *left,
                           const struct link_records *right, const struct link_pair *pairs,
                           const uint64_t *vectors, size_t n, uint64_t *out)
{
    const struct link_rule *rule = &cfg->rule[q];
    uint64_t keep = ~rule_field_mask(rule);
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        uint64_t ka = block_key(left, pairs[i].a, rule);
        if (ka != 0 && ka == block_key(right, pairs[i].b, rule))
            out[k++] = vectors[i] & keep;
    }
    return k;
}

/* λ alone, by EM with m and u held. */
static void em_prior(const struct link_config *cfg, const struct vec_count *h, size_t nh, struct fs_params *p)
{
    for (int it = 0; it < cfg->em_max_iterations; it++) {
        double matched = 0, total = 0, lambda;
        for (size_t k = 0; k < nh; k++) {
            double a = log(p->lambda), b = log(1 - p->lambda);
            for (int f = 0; f < cfg->n_fields; f++) {
                int level = fs_pattern_level(h[k].v, f);
                if (level >= 0) {
                    a += log(p->m[f][level]);
                    b += log(p->u[f][level]);
                }
            }
            matched += h[k].n / (1 + exp(b - a));
            total += h[k].n;
        }
        lambda = fmin(fmax(total > 0 ? matched / total : p->lambda, 1e-9), 1 - 1e-9);
        if (fabs(lambda - p->lambda) < cfg->em_tolerance * fmax(p->lambda, 1e-9)) {
            p->lambda = lambda;
            return;
        }
        p->lambda = lambda;
    }
}

static double all_pairs(const struct link_records *left, const struct link_records *right)
{
    double nl = (double)left->n;

    return right ? nl * (double)right->n : nl * (nl - 1) / 2;
}

int fs_em_by_rule(const struct link_config *cfg, const struct link_records *left,
                  const struct link_records *right, const struct link_pair *pairs,
                  const uint64_t *vectors, size_t n, struct fs_params *p, struct err *e)
{
    const struct link_records *r = right ? right : left;
    double sum[LINK_MAX_FIELDS][LINK_MAX_LEVELS] = {{0}};
    int used[LINK_MAX_FIELDS] = {0};
    uint64_t *v = mem_alloc((n + 1) * sizeof *v);
    struct vec_count *h;
    size_t nh;

    if (v == NULL)
        return err_set(e, "out of memory");
    for (int q = 0; q < cfg->n_rules; q++) {
        struct fs_params pq = *p;
        size_t k = rule_vectors(cfg, q, left, r, pairs, vectors, n, v);
        uint64_t masked = rule_field_mask(&cfg->rule[q]);
        if (k == 0)
            continue;
        if (fs_em(cfg, v, k, &pq, e) != 0) {
            mem_free(v);
            return -1;
        }
        for (int f = 0; f < cfg->n_fields; f++) {
            if (masked & ((uint64_t)15 << (4 * f)))
                continue;
            used[f]++;
            for (int l = 0; l < cfg->field[f].n_levels; l++)
                sum[f][l] += pq.m[f][l];
        }
        p->iterations += pq.iterations;
    }
    mem_free(v);
    for (int f = 0; f < cfg->n_fields; f++)
        for (int l = 0; used[f] && l < cfg->field[f].n_levels; l++)
            p->m[f][l] = sum[f][l] / used[f];
    if ((h = histogram(vectors, n, &nh)) == NULL)
        return err_set(e, "out of memory");
    p->distinct_vectors = nh;
    em_prior(cfg, h, nh, p);
    /* u describes random pairs, so the prior that goes with it is the
     * chance that a random pair matches: the matches EM found among the
     * candidates (blocking misses few), over all pairs. */
    p->lambda = fmax(p->lambda * (double)n / all_pairs(left, right), 1e-12);
    p->converged = 1;
    mem_free(h);
    return 0;
}

/* ---- weights --------------------------------------------------------------------- */

double fs_prior_weight(const struct fs_params *p)
{
    return log2(p->lambda / (1 - p->lambda));
}

double fs_field_weight(const struct link_config *cfg, const struct fs_params *p, int f, int level, double tf)
{
    double w;

    if (level < 0)
        return 0;
    w = log2(p->m[f][level] / p->u[f][level]);
    /* Exact agreement on value v among random pairs happens with chance
     * share(v)^2, and among matches with chance m·share(v); against the
     * average agreement (sum of squared shares) that moves the weight by
     * log2(sum_sq / share(v)). */
    if (level == 0 && cfg->field[f].tf && tf > 0 && p->tf_sum_sq[f] > 0)
        w += log2(p->tf_sum_sq[f] / tf);
    return w;
}

void fs_explain_pair(const struct link_config *cfg, const struct fs_params *p, const struct link_records *left,
                     size_t i, const struct link_records *right, size_t j, uint64_t vector, struct fs_explain *x)
{
    x->prior = fs_prior_weight(p);
    x->total = x->prior;
    for (int f = 0; f < cfg->n_fields; f++) {
        int level = fs_pattern_level(vector, f);
        double tf = level == 0 ? records_cell(left, i, f)->tf : 0;
        x->level[f] = level;
        x->weight[f] = fs_field_weight(cfg, p, f, level, tf);
        x->total += x->weight[f];
    }
    (void)right;
    (void)j;
    x->probability = 1 / (1 + exp2(-x->total));
}

static void score_slice(void *ctx, size_t from, size_t to)
{
    struct compare_job *j = ctx;
    struct fs_explain x;

    for (size_t k = from; k < to; k++) {
        fs_explain_pair(j->cfg, j->p, j->l, j->pairs[k].a, j->r, j->pairs[k].b, j->vectors[k], &x);
        j->weights[k] = (float)x.total;
    }
}

void fs_score_pairs(const struct link_config *cfg, const struct fs_params *p, const struct link_records *left,
                    const struct link_records *right, const struct link_pair *pairs, const uint64_t *vectors,
                    size_t n, float *weights, int threads)
{
    struct compare_job j = {cfg, left, right ? right : left, pairs, (uint64_t *)vectors, p, weights};

    link_parallel_for(n, threads, score_slice, &j);
}
