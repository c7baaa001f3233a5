/* clusters.h: cluster mapping from Udyam employment (issue 7, docs/clusters.md).
 *
 * The input is a count table: one cell per district and NIC category (a
 * 2-digit division or a 3-digit group) with the enterprises in it and
 * their employment. From it, for each cell:
 *
 *   location quotient  LQ = (E_dc / E_d) / (E_c / E_N)
 *                      E_dc the cell's employment, E_d the district's,
 *                      E_c the category's over all districts, E_N all.
 *   stars (0-3), in the manner of the European Cluster Observatory:
 *     size            E_dc among the top 10% of districts for the category
 *     specialisation  LQ >= 2
 *     focus           E_dc / E_d among the top 10% of districts for the
 *                     category (the category's share of the district)
 *   "top 10%": rank <= ceil(0.10 * n), n the districts with any employment
 *   in the category, rank 1 the largest, ties sharing the better rank.
 *
 * A cell is a detected cluster with at least two stars and at least
 * CLUSTERS_MIN_ENTERPRISES enterprises (one large unit is not a cluster).
 * A candidate for a new cluster is a detected cluster with the
 * specialisation star and no registered cluster of its category in its
 * district.
 *
 * Everything here is pure: no I/O, no SQL; the store fills the table
 * (store_cluster_stats.h). */
#ifndef SAMANVAY_CLUSTERS_H
#define SAMANVAY_CLUSTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define CLUSTERS_MIN_ENTERPRISES 10
#define CLUSTERS_LQ_SPECIALISED 2.0
#define CLUSTERS_TOP_SHARE 0.10

#define CLUSTERS_STAR_SIZE 1u
#define CLUSTERS_STAR_SPECIALISATION 2u
#define CLUSTERS_STAR_FOCUS 4u

enum clusters_level { CLUSTERS_DIVISION = 2, CLUSTERS_GROUP = 3 }; /* = digits of the code */

/* One district x category. */
struct clusters_cell {
    char state[4];           /* GST state code, "09" */
    char district[64];       /* as on file (upper case in Udyam) */
    char nic[4];             /* "13" (division) or "139" (group) */
    int64_t enterprises;
    int64_t employment;
};

/* What clusters_score computes for the cell of the same index. */
struct clusters_score {
    double lq;               /* 0 when the district or category has no employment */
    double share;            /* E_dc / E_d */
    unsigned stars_mask;     /* CLUSTERS_STAR_* */
    int stars;               /* 0-3 */
    bool detected;           /* >= 2 stars and >= CLUSTERS_MIN_ENTERPRISES */
};

/* Score every cell of one level (all cells' nic the same length). out has
 * n entries. -1 on out of memory or a mixed table. */
int clusters_score(const struct clusters_cell *cells, size_t n, struct clusters_score *out,
                   struct err *e);

/* qsort/bsearch order of cells: (state, district, nic), by strcmp. */
int clusters_cell_cmp(const void *x, const void *y);

/* Roll a group table up to divisions: *out (caller frees with mem_free)
 * gets one cell per district and division, in (state, district, nic)
 * order. */
int clusters_rollup_division(const struct clusters_cell *groups, size_t n,
                             struct clusters_cell **out, size_t *n_out, struct err *e);

/* The number of districts among n that are "top 10%": ceil(0.10 n), at
 * least 1 when n > 0. */
size_t clusters_top_count(size_t n);

/* Whether the NIC code (any length >= 2) falls in the category (a
 * division or group code): its leading digits. */
bool clusters_nic_in(const char *nic, const char *category);

/* Manufacturing (NIC divisions 10-33) or not: the benchmarking split. */
bool clusters_nic_manufacturing(const char *nic);

#endif
