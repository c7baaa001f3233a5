/* fs_model.h: the Fellegi-Sunter model, estimated without labels.
 *
 * Two records are compared field by field; each field lands on an
 * agreement level (0 = exact, then the configured thresholds, then
 * "else"; -1 when either value is missing). A pair's comparison vector
 * packs the levels, 4 bits a field. Under the model, a level is seen with
 * probability m among true matches and u among non-matches, independently
 * per field, and its weight is log2(m/u). The match weight of a pair is
 * the prior log2(λ/(1-λ)) plus its field weights; a missing field weighs 0.
 *
 * m, u and the prior λ are estimated by expectation-maximisation over the
 * candidate pairs' vectors (grouped: a million pairs have a few thousand
 * distinct vectors), starting from u measured on random pairs, as Splink
 * does. On exact agreement of a field with tf on, the weight is adjusted by
 * the value's frequency: agreeing on a rare name counts for more. */
#ifndef SAMANVAY_LINK_FS_MODEL_H
#define SAMANVAY_LINK_FS_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "link/block.h"
#include "link/config.h"
#include "link/records.h"

struct fs_params {
    double m[LINK_MAX_FIELDS][LINK_MAX_LEVELS];
    double u[LINK_MAX_FIELDS][LINK_MAX_LEVELS];
    double lambda;                      /* share of candidate pairs that match */
    double tf_sum_sq[LINK_MAX_FIELDS];  /* chance two random records agree exactly (records_tf) */
    int iterations;
    int converged;
    size_t distinct_vectors;
};

static inline int fs_pattern_level(uint64_t pattern, int f)
{
    return (int)((pattern >> (4 * f)) & 15u) - 1;
}

/* The agreement level of field f for two cells (-1: a value is missing). */
int fs_level(const struct link_field *f, const struct link_cell *a, const struct link_cell *b);

/* The comparison vector of left[i] and right[j]. */
uint64_t fs_pattern(const struct link_config *cfg, const struct link_records *left, size_t i,
                    const struct link_records *right, size_t j);

/* Vectors of all pairs, on `threads` threads. */
void fs_compare_pairs(const struct link_config *cfg, const struct link_records *left,
                      const struct link_records *right, const struct link_pair *pairs, size_t n,
                      uint64_t *vectors, int threads);

/* u from cfg->u_sample_pairs random pairs (right NULL: pairs within left),
 * and the starting m and λ. */
int fs_init(const struct link_config *cfg, const struct link_records *left, const struct link_records *right,
            size_t n_candidates, struct fs_params *p, struct err *e);

/* EM on the candidate vectors. */
int fs_em(const struct link_config *cfg, const uint64_t *vectors, size_t n, struct fs_params *p, struct err *e);

/* EM with u kept from random pairs (em.fix_u), as Splink does it: a pair
 * a rule proposed agrees on that rule's fields by construction, which
 * against their random-pair u would look like a match; so m is estimated
 * once per rule, over the candidates sharing its key, with its fields
 * left out, and each field's m is the mean over the rules that do not use
 * it (a field every rule uses keeps its starting m). λ is then estimated
 * over every candidate with m and u fixed, and stated, as u is, for a
 * random pair: the matches found over all pairs. */
int fs_em_by_rule(const struct link_config *cfg, const struct link_records *left,
                  const struct link_records *right, const struct link_pair *pairs,
                  const uint64_t *vectors, size_t n, struct fs_params *p, struct err *e);

/* One field's weight at a level, with the tf adjustment when it applies
 * (tf: the value's share, 0 for none). */
double fs_field_weight(const struct link_config *cfg, const struct fs_params *p, int f, int level, double tf);
double fs_prior_weight(const struct fs_params *p);

/* Why a pair scored what it did: each field's level and weight. */
struct fs_explain {
    int level[LINK_MAX_FIELDS];
    double weight[LINK_MAX_FIELDS];
    double prior;
    double total;       /* prior + the field weights: the match weight */
    double probability;
};
void fs_explain_pair(const struct link_config *cfg, const struct fs_params *p, const struct link_records *left,
                     size_t i, const struct link_records *right, size_t j, uint64_t vector, struct fs_explain *x);

/* Match weights of all pairs, on `threads` threads. */
void fs_score_pairs(const struct link_config *cfg, const struct fs_params *p, const struct link_records *left,
                    const struct link_records *right, const struct link_pair *pairs, const uint64_t *vectors,
                    size_t n, float *weights, int threads);

#endif
