/* link.h: one linkage run, from loaded records to accepted pairs.
 *
 * link_run takes finished record sets (records.h) of one side (dedup) or
 * two (link), blocks, compares on every core, estimates the model by EM,
 * scores, and decides: one-to-one assignment for link, clustering that
 * refuses chains for dedup. The result keeps every accepted pair with its
 * comparison vector, so each can be explained field by field. */
#ifndef SAMANVAY_LINK_LINK_H
#define SAMANVAY_LINK_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "link/block.h"
#include "link/config.h"
#include "link/evaluate.h"
#include "link/fs_model.h"
#include "link/records.h"

struct link_match {
    uint32_t a, b;      /* left index, right index (dedup: both in left, a < b) */
    float weight;
    uint64_t vector;
};

struct link_result {
    const struct link_config *cfg;
    const struct link_records *left, *right;  /* right NULL for dedup */
    struct block_stats rule[LINK_MAX_RULES];
    size_t candidates;
    size_t above_threshold;                   /* candidate pairs scored at or above the threshold */
    struct fs_params params;
    struct link_match *match;                 /* accepted pairs, best first */
    size_t n_match;
    size_t clusters, merges, refused;         /* dedup */
    bool evaluated;
    size_t blocking_true;                     /* true pairs among the candidates */
    struct link_scores scores;
    double seconds[5];                        /* block, compare, em, score, cluster */
};

/* Called between stages (for a progress line); may be NULL. */
struct link_hooks {
    void (*stage)(void *ctx, const char *what);
    void *ctx;
};

int link_run(const struct link_config *cfg, struct link_records *left, struct link_records *right,
             const struct link_hooks *hooks, struct link_result **out, struct err *e);
void link_result_free(struct link_result *r);

/* PAIRS CSV: left_id, right_id, match_weight, match_probability,
 * prior_weight, then <field>_level and <field>_weight per field. The
 * weights of a row add up to its match_weight. */
int link_write_pairs(const struct link_result *r, FILE *out, struct err *e);

/* The JSON report (blocking per rule with recall, EM parameters, counts,
 * scores); extra is merged in at the top (timings, memory), may be NULL. */
int link_write_report(const struct link_result *r, const char *path, void *extra_json, struct err *e);

/* A few lines for a person (stderr). */
void link_print_summary(const struct link_result *r, FILE *out);

#endif
