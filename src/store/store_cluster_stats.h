/* store_cluster_stats.h: the aggregates cluster mapping and cluster health
 * read (analytics/clusters.h, analytics/cluster_health.h; docs/clusters.md).
 * store_cluster.c writes the cluster feeds; this file only reads.
 *
 * Each function is one or a few set-based queries (GROUP BY in the
 * database, bound parameters), never a loop over enterprises. */
#ifndef SAMANVAY_STORE_CLUSTER_STATS_H
#define SAMANVAY_STORE_CLUSTER_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/cluster_health.h"
#include "analytics/cluster_report.h"
#include "analytics/clusters.h"
#include "store/store.h"

#define STORE_CLUSTERS_MAX 100000

/* The district x NIC group table of Udyam employment (employees male +
 * female + other): every enterprise with a district and a NIC code of at
 * least 3 digits. District names upper-cased, so spellings in two cases
 * are one district. *out is the caller's (mem_free). */
int store_cluster_employment(struct store *s, struct clusters_cell **out, size_t *n, struct err *e);

/* Every registered cluster, in id order (*out: mem_free). */
int store_clusters_registered(struct store *s, struct cluster_reg **out, size_t *n, struct err *e);

/* The month the analyses stand on: the latest GST period on file, else the
 * latest CFC month, else -1 (date_month_index). */
int store_cluster_as_of(struct store *s, int *month, struct err *e);

/* Fill in[i] for regs[i] (sorted by id, as store_clusters_registered
 * gives them) over the 12 months ending with `as_of` (a month index).
 * *basis says how stress was judged: scores when stress_score has any
 * row, else the credit feed's SMA class. */
int store_cluster_health_inputs(struct store *s, const struct cluster_reg *regs, size_t n, int as_of,
                                struct cluster_health_input *in, enum cluster_stress_basis *basis,
                                struct err *e);

/* Quarterly series for a cluster's profile: q[0..n) oldest first, the
 * last ending with the quarter of `as_of`. A turnover quarter with fewer
 * than the small-cell minimum of filers has turnover_filers < 5 and the
 * caller withholds it. */
#define CLUSTER_TREND_QUARTERS 12
struct cluster_quarter {
    int first_month;                /* month index of the quarter's first month */
    int64_t turnover;               /* paise, members' filed returns */
    int64_t turnover_filers;
    int64_t members;                /* members at the quarter's end */
    int64_t cfc_hours;
    int cfc_months;                 /* months of the quarter with a usage row */
};
int store_cluster_trend(struct store *s, const char *cluster_id, int as_of,
                        struct cluster_quarter q[CLUSTER_TREND_QUARTERS], struct err *e);

/* The map (cluster_map_build) over the employment table and the
 * register, read in one transaction: `clusters map` and GET /clusters.
 * *regs is the caller's (mem_free) and must outlive m. */
int store_cluster_map_load(struct store *s, struct cluster_reg **regs, struct cluster_map *m,
                           struct err *e);

/* The register and its health, benchmarked nationally, read in one
 * transaction: `clusters health` and the health pages. *regs as above. */
int store_cluster_health_load(struct store *s, struct cluster_reg **regs, struct cluster_health_report *r,
                              struct err *e);

/* Where the stored feeds stand: MAX(ingest_file.id) and
 * SUM(rows_committed). Every ingest moves one of them, so a map kept
 * under them is current while they stand (web/cluster_map_cache.h). */
int store_ingest_version(struct store *s, int64_t *last_file, int64_t *rows, struct err *e);

#endif
