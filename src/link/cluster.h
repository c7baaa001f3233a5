/* cluster.h: from scored pairs to decisions.
 *
 * Linking two files where each entity appears at most once per file
 * (FEBRL4, a register against a list) is an assignment: take pairs from
 * the best weight down and use each record once.
 *
 * Deduplication groups records into entities. Plain connected components
 * chain unrelated records through one bad link (A~B, B~C, so A=C though A
 * and C disagree on everything). Here clusters merge best link first, but
 * two clusters X and Y merge only when they are well connected: at least
 * min_link_fraction of the |X|·|Y| cross pairs are links (weight >=
 * threshold), and no cross pair was scored below veto_weight (compared
 * and found clearly different). docs/linkage.md, "Clustering". */
#ifndef SAMANVAY_LINK_CLUSTER_H
#define SAMANVAY_LINK_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "link/block.h"

/* keep[k] = true for the pairs chosen one-to-one among those with
 * weight >= threshold. n_left/n_right bound the record indexes. */
int cluster_one_to_one(const struct link_pair *pairs, const float *weights, size_t n, double threshold,
                       size_t n_left, size_t n_right, bool *keep, struct err *e);

struct cluster_rule {
    double threshold;
    double min_link_fraction;
    double veto_weight;
};

/* cluster_of[i] for each of n_records records: the smallest record index of
 * its cluster (a singleton is its own). Returns the number of merges made
 * and refused through *merges and *refused when not NULL. */
int cluster_dedup(size_t n_records, const struct link_pair *pairs, const float *weights, size_t n,
                  const struct cluster_rule *rule, uint32_t *cluster_of, size_t *merges, size_t *refused,
                  struct err *e);

#endif
