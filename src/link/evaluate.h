/* evaluate.h: scoring against the true entities, when a config has them.
 *
 * The evaluation section of a config names each record's entity (FEBRL:
 * the N in rec-N-dup-k; Splink: the cluster column). Those labels are used
 * only here and for blocking recall, never to block or compare. */
#ifndef SAMANVAY_LINK_EVALUATE_H
#define SAMANVAY_LINK_EVALUATE_H

#include <stddef.h>

#include "core/err.h"
#include "link/records.h"

/* Give every record a dense entity id (records.entity; -1 for an empty
 * label) shared across both sides, and count the true pairs: within one
 * set for dedup (right NULL), across the sets for link. */
int link_eval_assign(struct link_records *left, struct link_records *right, size_t *true_pairs, struct err *e);

struct link_scores {
    size_t true_pairs;  /* pairs of records of one entity */
    size_t found;       /* pairs accepted */
    size_t correct;     /* accepted pairs of one entity */
    double precision, recall, f1;
};

void link_scores_compute(struct link_scores *s);

#endif
