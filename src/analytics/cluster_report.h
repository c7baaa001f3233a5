/* cluster_report.h: the cluster map and the cluster health table as the
 * command line and the pages show them, built from what the store reads
 * (store_cluster_stats.h) by the pure engines (clusters.h,
 * cluster_health.h), and their JSON (docs/clusters.md has the shapes).
 *
 * Every count published is subject to the small-cell rule (suppress.h): a
 * district x category cell of a registered cluster with fewer than
 * SUPPRESS_MIN_ENTERPRISES enterprises shows neither its counts nor its LQ
 * and stars (with E_d, E_c and E_N known, the LQ gives the cell back).
 * Detected clusters and candidates have at least CLUSTERS_MIN_ENTERPRISES
 * (10) enterprises, so they are never small. */
#ifndef SAMANVAY_CLUSTER_REPORT_H
#define SAMANVAY_CLUSTER_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/cluster_health.h"
#include "analytics/clusters.h"
#include "core/cluster.h"
#include "core/err.h"

/* A registered cluster as the analyses need it. */
struct cluster_reg {
    char id[CLUSTER_ID_MAX];
    char name[CLUSTER_TEXT_MAX];
    char scheme[16];                /* mse_cdp | sfurti | other */
    char status[16];                /* proposed | approved | functional | closed */
    char state[4];                  /* "09" */
    char district[64];              /* upper case */
    char product[CLUSTER_TEXT_MAX];
    char nic[6];
    int64_t cfc_capacity;           /* hours a month, -1 unknown */
    int approved_month;             /* month index of approved_on, -1 unknown */
};

/* One level of the map: cells and their scores, sorted by (state,
 * district, nic); has_reg[i] when a registered cluster of the category
 * stands in the cell's district. */
struct cluster_level_map {
    enum clusters_level level;
    struct clusters_cell *cells;
    struct clusters_score *scores;
    bool *has_reg;
    size_t n;
};

struct cluster_map {
    struct cluster_level_map division, group;
    const struct cluster_reg *regs;  /* the caller's, kept alive while the map is */
    size_t n_regs;
    long *reg_group, *reg_division;  /* the cell of each registered cluster, or -1 */
    int64_t enterprises, employment;
    size_t districts;
    size_t detected, candidates, registered_specialised;
};

/* Build from the group table (taken: the map frees it) and the register. */
int cluster_map_build(struct clusters_cell *groups, size_t n, const struct cluster_reg *regs,
                      size_t n_regs, struct cluster_map *m, struct err *e);
void cluster_map_free(struct cluster_map *m);

/* Whether a cell is a candidate region for a new cluster. */
bool cluster_map_candidate(const struct cluster_level_map *l, size_t i);
/* Whether the registered cluster's group cell may be shown (not small)
 * and is a specialisation (LQ >= 2). */
bool cluster_map_reg_specialised(const struct cluster_map *m, size_t r);

/* `clusters map --json`. as_of is a month index or -1. */
json_t *cluster_map_json(const struct cluster_map *m);

/* The health table: one entry per registered cluster, benchmarked. */
struct cluster_health_report {
    const struct cluster_reg *regs;     /* the caller's */
    size_t n;
    struct cluster_health_input *in;    /* owned */
    struct cluster_health *h;           /* owned */
    enum cluster_stress_basis basis;
    int as_of;                          /* month index, -1 none */
    size_t sick, with_index;
};

/* Compute health and benchmarks from in (taken: the report frees it). */
int cluster_health_report_build(const struct cluster_reg *regs, size_t n,
                                struct cluster_health_input *in, enum cluster_stress_basis basis,
                                int as_of, struct cluster_health_report *r, struct err *e);
void cluster_health_report_free(struct cluster_health_report *r);
/* `clusters health --json`. */
json_t *cluster_health_report_json(const struct cluster_health_report *r);

/* "stress_score" | "sma1_or_worse". */
const char *cluster_stress_basis_code(enum cluster_stress_basis b);
/* "division_and_sector" | "sector" | NULL. */
const char *cluster_peer_group_code(int group);

#endif
