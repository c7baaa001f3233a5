/* link.c: the stages of a run, and its outputs (PAIRS CSV, JSON report). */
#include "link/link.h"
#include "link/parallel.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/csv.h"
#include "ingest/progress.h"
#include "link/cluster.h"

static void stage(const struct link_hooks *h, const char *what)
{
    if (h != NULL && h->stage != NULL)
        h->stage(h->ctx, what);
}

static int cmp_match(const void *x, const void *y)
{
    const struct link_match *a = x, *b = y;

    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

static int push_match(struct link_result *r, size_t *cap, uint32_t a, uint32_t b, float w, uint64_t v)
{
    if (r->n_match == *cap) {
        size_t nc = *cap ? *cap * 2 : 1024;
        struct link_match *m = mem_realloc(r->match, nc * sizeof *m);
        if (m == NULL)
            return -1;
        r->match = m;
        *cap = nc;
    }
    r->match[r->n_match++] = (struct link_match){a, b, w, v};
    return 0;
}

/* keep[k] for each left record's best pair at or above the threshold
 * (ties: the lower right index, so a run is reproducible). */
static int keep_best(const struct link_pair *p, const float *w, size_t n, double threshold, size_t n_left,
                     bool *keep, struct err *e)
{
    size_t *best = mem_alloc((n_left + 1) * sizeof *best);

    if (best == NULL)
        return err_set(e, "out of memory");
    memset(keep, 0, n + 1);
    for (size_t i = 0; i < n_left; i++)
        best[i] = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        size_t *b = &best[p[k].a];
        if (w[k] < threshold)
            continue;
        if (*b == SIZE_MAX || w[k] > w[*b] || (w[k] == w[*b] && p[k].b < p[*b].b))
            *b = k;
    }
    for (size_t i = 0; i < n_left; i++)
        if (best[i] != SIZE_MAX)
            keep[best[i]] = true;
    mem_free(best);
    return 0;
}

static int decide_link(struct link_result *r, const struct pair_list *pl, const float *w, const uint64_t *v,
                       struct err *e)
{
    bool *keep = mem_alloc(pl->n + 1);
    size_t cap = 0;
    int rc = -1;

    if (keep == NULL)
        return err_set(e, "out of memory");
    if (r->cfg->assign == LINK_ASSIGN_BEST
            ? keep_best(pl->p, w, pl->n, r->cfg->threshold, r->left->n, keep, e) != 0
            : cluster_one_to_one(pl->p, w, pl->n, r->cfg->threshold, r->left->n, r->right->n, keep, e) != 0)
        goto done;
    for (size_t k = 0; k < pl->n; k++)
        if (keep[k] && push_match(r, &cap, pl->p[k].a, pl->p[k].b, w[k], v[k]) != 0) {
            err_set(e, "out of memory");
            goto done;
        }
    rc = 0;
done:
    mem_free(keep);
    return rc;
}


struct by_cluster {
    uint32_t cluster, idx;
};

static int cmp_by_cluster(const void *x, const void *y)
{
    const struct by_cluster *a = x, *b = y;

    if (a->cluster != b->cluster)
        return a->cluster < b->cluster ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Every pair inside each cluster, scored (pairs blocking never proposed are compared now). */
static int emit_clusters(struct link_result *r, const uint32_t *cluster_of)
{
    const struct link_records *s = r->left;
    struct by_cluster *o = mem_alloc((s->n + 1) * sizeof *o);
    size_t cap = 0;
    struct fs_explain x;

    if (o == NULL)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        o[i] = (struct by_cluster){cluster_of[i], (uint32_t)i};
    qsort(o, s->n, sizeof *o, cmp_by_cluster);
    r->clusters = 0;
    for (size_t i = 0, j; i < s->n; i = j) {
        for (j = i + 1; j < s->n && o[j].cluster == o[i].cluster; j++)
            ;
        r->clusters++;
        for (size_t p = i; p < j; p++)
            for (size_t q = p + 1; q < j; q++) {
                uint64_t v = fs_pattern(r->cfg, s, o[p].idx, s, o[q].idx);
                fs_explain_pair(r->cfg, &r->params, s, o[p].idx, s, o[q].idx, v, &x);
                if (push_match(r, &cap, o[p].idx, o[q].idx, (float)x.total, v) != 0) {
                    mem_free(o);
                    return -1;
                }
            }
    }
    mem_free(o);
    return 0;
}

static int decide_dedup(struct link_result *r, const struct pair_list *pl, const float *w, struct err *e)
{
    struct cluster_rule rule = {r->cfg->threshold, r->cfg->min_link_fraction, r->cfg->veto_weight};
    uint32_t *cluster_of = mem_alloc((r->left->n + 1) * sizeof *cluster_of);
    int rc = -1;

    if (cluster_of == NULL)
        return err_set(e, "out of memory");
    if (cluster_dedup(r->left->n, pl->p, w, pl->n, &rule, cluster_of, &r->merges, &r->refused, e) != 0)
        goto done;
    if (emit_clusters(r, cluster_of) != 0) {
        err_set(e, "out of memory");
        goto done;
    }
    rc = 0;
done:
    mem_free(cluster_of);
    return rc;
}

static void score_result(struct link_result *r, const struct pair_list *pl)
{
    const struct link_records *right = r->right ? r->right : r->left;

    r->blocking_true = 0;
    for (int q = 0; q < r->cfg->n_rules; q++)
        r->blocking_true += r->rule[q].new_true;
    (void)pl;
    r->scores.found = r->n_match;
    r->scores.correct = 0;
    for (size_t k = 0; k < r->n_match; k++) {
        int32_t ea = r->left->entity[r->match[k].a], eb = right->entity[r->match[k].b];
        r->scores.correct += ea >= 0 && ea == eb;
    }
    link_scores_compute(&r->scores);
}

int link_run(const struct link_config *cfg, struct link_records *left, struct link_records *right,
             const struct link_hooks *hooks, struct link_result **out, struct err *e)
{
    struct link_records *sets[2] = {left, right};
    struct link_result *r = mem_calloc(1, sizeof *r);
    struct pair_list pl = {NULL, 0, 0};
    uint64_t *vec = NULL;
    float *w = NULL;
    int threads = link_threads(cfg->threads), rc = -1;
    double t;

    if (r == NULL)
        return err_set(e, "out of memory");
    r->cfg = cfg;
    r->left = left;
    r->right = right;
    if (!left->finished || (right != NULL && !right->finished)) {
        err_set(e, "link_run: records not finished");
        goto done;
    }
    if ((cfg->mode == LINK_MODE_LINK) != (right != NULL)) {
        err_set(e, cfg->mode == LINK_MODE_LINK ? "mode link needs a right-hand file" : "mode dedup takes one file");
        goto done;
    }
    if (records_tf(sets, right ? 2 : 1, r->params.tf_sum_sq, e) != 0)
        goto done;
    if (left->truth != NULL && (right == NULL || right->truth != NULL)) {
        if (link_eval_assign(left, right, &r->scores.true_pairs, e) != 0)
            goto done;
        r->evaluated = true;
    }
    stage(hooks, "blocking");
    t = progress_now();
    if (block_pairs(left, right, &pl, r->rule, e) != 0)
        goto done;
    r->candidates = pl.n;
    r->seconds[0] = progress_now() - t;
    if ((vec = mem_alloc((pl.n + 1) * sizeof *vec)) == NULL || (w = mem_alloc((pl.n + 1) * sizeof *w)) == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    stage(hooks, "comparing");
    t = progress_now();
    fs_compare_pairs(cfg, left, right, pl.p, pl.n, vec, threads);
    r->seconds[1] = progress_now() - t;
    stage(hooks, "estimating m and u (EM)");
    t = progress_now();
    {
        double sum_sq[LINK_MAX_FIELDS];
        memcpy(sum_sq, r->params.tf_sum_sq, sizeof sum_sq);
        if (fs_init(cfg, left, right, pl.n, &r->params, e) != 0)
            goto done;
        memcpy(r->params.tf_sum_sq, sum_sq, sizeof sum_sq);
    }
    if ((cfg->em_fix_u ? fs_em_by_rule(cfg, left, right, pl.p, vec, pl.n, &r->params, e)
                       : fs_em(cfg, vec, pl.n, &r->params, e)) != 0)
        goto done;
    r->seconds[2] = progress_now() - t;
    stage(hooks, "scoring");
    t = progress_now();
    fs_score_pairs(cfg, &r->params, left, right, pl.p, vec, pl.n, w, threads);
    for (size_t k = 0; k < pl.n; k++)
        r->above_threshold += w[k] >= cfg->threshold;
    r->seconds[3] = progress_now() - t;
    stage(hooks, "clustering");
    t = progress_now();
    if ((right ? decide_link(r, &pl, w, vec, e) : decide_dedup(r, &pl, w, e)) != 0)
        goto done;
    if (r->n_match > 0)
        qsort(r->match, r->n_match, sizeof *r->match, cmp_match);
    r->seconds[4] = progress_now() - t;
    if (r->evaluated)
        score_result(r, &pl);
    rc = 0;
done:
    pair_list_release(&pl);
    mem_free(vec);
    mem_free(w);
    if (rc != 0) {
        link_result_free(r);
        r = NULL;
    }
    *out = r;
    return rc;
}

void link_result_free(struct link_result *r)
{
    if (r == NULL)
        return;
    mem_free(r->match);
    mem_free(r);
}

/* ---- PAIRS ------------------------------------------------------------------------ */

static int put_header(const struct link_config *cfg, struct buf *b)
{
    int rc = buf_puts(b, "left_id,right_id,match_weight,match_probability,prior_weight");

    for (int f = 0; f < cfg->n_fields; f++)
        rc |= buf_printf(b, ",%s_level,%s_weight", cfg->field[f].name, cfg->field[f].name);
    return rc | buf_putc(b, '\n');
}

static int put_row(const struct link_result *r, const struct link_match *m, struct buf *b)
{
    const struct link_config *cfg = r->cfg;
    const struct link_records *right = r->right ? r->right : r->left;
    struct fs_explain x;
    char level[32];
    int rc;

    fs_explain_pair(cfg, &r->params, r->left, m->a, right, m->b, m->vector, &x);
    rc = csv_put_field(b, r->left->id[m->a], strlen(r->left->id[m->a]));
    rc |= buf_putc(b, ',');
    rc |= csv_put_field(b, right->id[m->b], strlen(right->id[m->b]));
    rc |= buf_printf(b, ",%.4f,%.6f,%.4f", x.total, x.probability, x.prior);
    for (int f = 0; f < cfg->n_fields; f++)
        rc |= buf_printf(b, ",%s,%.4f", link_level_name(&cfg->field[f], x.level[f], level, sizeof level),
                         x.weight[f]);
    return rc | buf_putc(b, '\n');
}

int link_write_pairs(const struct link_result *r, FILE *out, struct err *e)
{
    struct buf b = BUF_INIT;
    int rc = -1;

    if (put_header(r->cfg, &b) != 0)
        goto oom;
    for (size_t k = 0; k < r->n_match; k++) {
        if (put_row(r, &r->match[k], &b) != 0)
            goto oom;
        if (b.len > (1 << 16)) {
            if (fwrite(b.data, 1, b.len, out) != b.len)
                goto io;
            buf_reset(&b);
        }
    }
    if (b.len > 0 && fwrite(b.data, 1, b.len, out) != b.len)
        goto io;
    if (fflush(out) != 0)
        goto io;
    rc = 0;
    goto done;
oom:
    err_set(e, "out of memory");
    goto done;
io:
    err_set(e, "cannot write the pairs");
done:
    buf_release(&b);
    return rc;
}

/* ---- report ------------------------------------------------------------------------ */

static json_t *blocking_json(const struct link_result *r)
{
    json_t *a = json_array();
    size_t cum = 0;

    for (int q = 0; q < r->cfg->n_rules; q++) {
        const struct block_stats *s = &r->rule[q];
        json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I}", "rule", s->rule, "pairs", (json_int_t)s->pairs,
                              "new_pairs", (json_int_t)s->new_pairs, "skipped_blocks",
                              (json_int_t)s->skipped_blocks, "skipped_pairs", (json_int_t)s->skipped_pairs);
        if (r->evaluated && r->scores.true_pairs > 0) {
            cum += s->new_true;
            json_object_set_new(o, "true_pairs", json_integer((json_int_t)s->true_pairs));
            json_object_set_new(o, "recall", json_real((double)s->true_pairs / (double)r->scores.true_pairs));
            json_object_set_new(o, "cumulative_recall", json_real((double)cum / (double)r->scores.true_pairs));
        }
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *model_json(const struct link_result *r)
{
    const struct link_config *cfg = r->cfg;
    json_t *fields = json_array();
    char name[32];

    for (int f = 0; f < cfg->n_fields; f++) {
        json_t *levels = json_array();
        for (int l = 0; l < cfg->field[f].n_levels; l++)
            json_array_append_new(levels,
                                  json_pack("{s:s, s:f, s:f, s:f}", "level",
                                            link_level_name(&cfg->field[f], l, name, sizeof name), "m",
                                            r->params.m[f][l], "u", r->params.u[f][l], "weight",
                                            fs_field_weight(cfg, &r->params, f, l, 0)));
        json_array_append_new(fields, json_pack("{s:s, s:s, s:b, s:o}", "field", cfg->field[f].name, "compare",
                                                link_kind_name(cfg->field[f].kind), "tf", cfg->field[f].tf,
                                                "levels", levels));
    }
    return json_pack("{s:f, s:f, s:i, s:b, s:I, s:o}", "lambda", r->params.lambda, "prior_weight",
                     fs_prior_weight(&r->params), "iterations", r->params.iterations, "converged",
                     r->params.converged, "distinct_vectors", (json_int_t)r->params.distinct_vectors, "fields",
                     fields);
}

int link_write_report(const struct link_result *r, const char *path, void *extra_json, struct err *e)
{
    json_t *root = json_pack("{s:s, s:s, s:I, s:I, s:o, s:I, s:I, s:f, s:o, s:I}", "config", r->cfg->file, "mode",
                             r->cfg->mode == LINK_MODE_LINK ? "link" : "dedup", "left_records",
                             (json_int_t)r->left->n, "right_records", (json_int_t)(r->right ? r->right->n : 0),
                             "blocking", blocking_json(r), "candidate_pairs", (json_int_t)r->candidates,
                             "above_threshold", (json_int_t)r->above_threshold, "threshold", r->cfg->threshold,
                             "model", model_json(r), "accepted_pairs", (json_int_t)r->n_match);
    int rc = 0;

    if (root == NULL)
        return err_set(e, "out of memory");
    if (r->cfg->mode == LINK_MODE_DEDUP)
        json_object_set_new(root, "clustering",
                            json_pack("{s:I, s:I, s:I, s:f, s:f}", "clusters", (json_int_t)r->clusters, "merges",
                                      (json_int_t)r->merges, "refused", (json_int_t)r->refused,
                                      "min_link_fraction", r->cfg->min_link_fraction, "veto_weight",
                                      r->cfg->veto_weight));
    if (r->evaluated)
        json_object_set_new(
            root, "evaluation",
            json_pack("{s:I, s:I, s:f, s:I, s:I, s:f, s:f, s:f}", "true_pairs", (json_int_t)r->scores.true_pairs,
                      "true_pairs_in_candidates", (json_int_t)r->blocking_true, "blocking_recall",
                      r->scores.true_pairs ? (double)r->blocking_true / (double)r->scores.true_pairs : 0.0,
                      "accepted", (json_int_t)r->scores.found, "correct", (json_int_t)r->scores.correct,
                      "precision", r->scores.precision, "recall", r->scores.recall, "f1", r->scores.f1));
    json_object_set_new(root, "seconds",
                        json_pack("{s:f, s:f, s:f, s:f, s:f}", "block", r->seconds[0], "compare", r->seconds[1],
                                  "em", r->seconds[2], "score", r->seconds[3], "cluster", r->seconds[4]));
    if (extra_json != NULL)
        json_object_update(root, (json_t *)extra_json);
    if (json_dump_file(root, path, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0)
        rc = err_set(e, "%s: cannot write the report", path);
    json_decref(root);
    return rc;
}

void link_print_summary(const struct link_result *r, FILE *out)
{
    size_t cum = 0;

    fprintf(out, "blocking: %zu candidate pairs from %d rules\n", r->candidates, r->cfg->n_rules);
    for (int q = 0; q < r->cfg->n_rules; q++) {
        const struct block_stats *s = &r->rule[q];
        fprintf(out, "  %-40s %10zu pairs %10zu new", s->rule, s->pairs, s->new_pairs);
        if (r->evaluated && r->scores.true_pairs > 0) {
            cum += s->new_true;
            fprintf(out, "  recall %.4f  cumulative %.4f", (double)s->true_pairs / (double)r->scores.true_pairs,
                    (double)cum / (double)r->scores.true_pairs);
        }
        if (s->skipped_blocks > 0)
            fprintf(out, "  (%zu blocks over max_block skipped)", s->skipped_blocks);
        fputc('\n', out);
    }
    fprintf(out, "model: EM %d iterations%s, %zu distinct vectors, prior %.3g (weight %.2f)\n", r->params.iterations,
            r->params.converged ? "" : " (not converged)", r->params.distinct_vectors, r->params.lambda,
            fs_prior_weight(&r->params));
    fprintf(out, "pairs: %zu scored at or above %.2f, %zu accepted", r->above_threshold, r->cfg->threshold, r->n_match);
    if (r->cfg->mode == LINK_MODE_DEDUP)
        fprintf(out, " in %zu clusters (%zu merges refused)", r->clusters, r->refused);
    fputc('\n', out);
    if (r->evaluated)
        fprintf(out, "evaluation: precision %.4f recall %.4f F1 %.4f (%zu of %zu true pairs; blocking kept %zu)\n",
                r->scores.precision, r->scores.recall, r->scores.f1, r->scores.correct, r->scores.true_pairs,
                r->blocking_true);
}
