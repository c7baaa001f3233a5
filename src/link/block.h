/* block.h: candidate pairs from several blocking rules.
 *
 * Comparing every record with every other is quadratic, so only records
 * that share a blocking key are compared. Each rule is a key (one or more
 * transformed fields: "surname:phonetic+dob:year"); rules are tried in
 * order and a pair an earlier rule already found is not emitted again,
 * decided exactly by recomputing the earlier rules' keys, not by a set of
 * pairs. Blocking is where recall is lost, so each rule reports how many
 * true pairs it covers when the truth is known (docs/linkage.md). */
#ifndef SAMANVAY_LINK_BLOCK_H
#define SAMANVAY_LINK_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "link/records.h"

/* a indexes the left set, b the right (dedup: both one set, a < b). */
struct link_pair {
    uint32_t a, b;
};

struct pair_list {
    struct link_pair *p;
    size_t n, cap;
};

struct block_stats {
    const char *rule;
    size_t pairs;          /* pairs sharing this rule's key (before removing earlier finds) */
    size_t new_pairs;      /* pairs no earlier rule found: the ones compared */
    size_t true_pairs;     /* of `pairs`, true matches (0 without evaluation) */
    size_t new_true;       /* of `new_pairs`, true matches */
    size_t skipped_blocks; /* blocks larger than max_block, left out */
    size_t skipped_pairs;  /* the pairs those blocks would have made */
};

/* Append the candidate pairs of every rule to out and fill stats[n_rules].
 * right is NULL for deduplication. Entities (records.entity) are used
 * for the counts only, never to choose pairs. */
int block_pairs(const struct link_records *left, const struct link_records *right, struct pair_list *out,
                struct block_stats *stats, struct err *e);

/* The key hash of rule r for record i (0: the record has no key). */
uint64_t block_key(const struct link_records *s, size_t i, const struct link_rule *r);

void pair_list_release(struct pair_list *l);
int pair_list_push(struct pair_list *l, uint32_t a, uint32_t b);

#endif
