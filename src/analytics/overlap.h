/* overlap.h: overlap and duplication between schemes (issue 8, part 1),
 * pure computations over in-memory sets; docs/overlap.md.
 *
 * Sets of enterprises are bitsets, one per scheme over the population
 * (bit i = enterprise i of the batch columns), built in one pass from the
 * batch evaluator's statuses or from the uptake rows, so a pair's overlap
 * is a popcount of two bitsets ANDed: eligibility is never rerun per pair.
 *
 * Jaccard(A, B) = |A ∩ B| / |A ∪ B|, and 0 when both are empty (two
 * schemes nobody is eligible for do not overlap). */
#ifndef SAMANVAY_OVERLAP_H
#define SAMANVAY_OVERLAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "rules/scheme.h"

/* Schemes are bits of one uint64_t per enterprise: a catalogue larger
 * than this is refused, not truncated. */
#define OVERLAP_MAX_SCHEMES 64
/* The default double-funding window: the generator's truth uses 365
 * days (docs/generator.md), a financial year and a bit. */
#define OVERLAP_DEFAULT_WINDOW_DAYS 365
#define OVERLAP_MAX_WINDOW_DAYS 3660

struct overlap_sets {
    size_t n;            /* enterprises */
    size_t n_sets;       /* schemes */
    size_t words;        /* uint64_t words per set */
    uint64_t *bits;      /* n_sets × words */
};

/* Allocate empty sets; 0 or -1 (out of memory). */
int overlap_sets_init(struct overlap_sets *s, size_t n, size_t n_sets);
void overlap_sets_release(struct overlap_sets *s);
void overlap_sets_add(struct overlap_sets *s, size_t set, size_t member);
bool overlap_sets_has(const struct overlap_sets *s, size_t set, size_t member);
/* Transpose per-enterprise scheme masks (mask[i] bit k = enterprise i
 * in set k) into sets. */
int overlap_sets_from_masks(struct overlap_sets *s, const uint64_t *mask, size_t n, size_t n_sets);
size_t overlap_sets_count(const struct overlap_sets *s, size_t set);

/* One pair of schemes a < b. */
struct overlap_pair {
    uint16_t a, b;
    int64_t both, either;
    double jaccard;
};

/* Every pair (a < b) of s's sets, n_sets (n_sets - 1) / 2 of them in
 * order (0,1), (0,2), …; the caller frees *out. */
int overlap_pairs(const struct overlap_sets *s, struct overlap_pair **out, size_t *n_out);
double overlap_jaccard(int64_t both, int64_t either);

/* What two scheme files declare in common. */
struct overlap_objective {
    uint16_t a, b;
    uint32_t shared_objectives;       /* bits of enum objective */
    double jaccard;                   /* over objectives and target groups together */
    const char *shared_groups[32];    /* borrowed from the schemes */
    size_t n_shared_groups;
};

void overlap_objective_pair(const struct scheme *sa, const struct scheme *sb, uint16_t a, uint16_t b,
                            struct overlap_objective *out);

/* One benefit received, from a legacy list or an application. */
struct overlap_funding {
    int64_t enterprise_id;
    uint16_t scheme;        /* catalogue index */
    char purpose[24];       /* "" when the list did not say */
    int32_t on;             /* disbursed, else sanctioned; DATE_UNKNOWN when neither */
    int64_t amount;         /* paise, -1 unknown */
    char ref[65];           /* the list's reference */
};

/* The same enterprise funded for the same purpose by two different
 * schemes, the second within window_days (inclusive) of the first. */
struct overlap_alert {
    size_t first, second;   /* indexes into the sorted rows */
};

/* Sort rows by (enterprise, purpose, date, scheme, ref) and find every
 * alert; rows without a purpose or a date take no part. The caller frees
 * *out. */
int overlap_double_funding(struct overlap_funding *rows, size_t n, int window_days,
                           struct overlap_alert **out, size_t *n_out);

#endif
