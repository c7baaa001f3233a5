/* store_cluster.h: clusters, their members and the monthly use of their
 * common facility centres (docs/data-feeds.md §5-7; tables in migration
 * 0007_clusters).
 *
 * The upserts follow the keyed-row outcome rule of store_keyed.h: the
 * caller sets the row's provenance (src_file, src_row) and content hash,
 * and r->outcome says what happened (r->other_row names the earlier row of
 * the same file for DUPLICATE and CONFLICT). Data conflicts are outcomes,
 * never errors. References are the caller's to check first: a member's
 * cluster and enterprise, a month's cluster, must be on file (the foreign
 * keys would refuse them). */
#ifndef SAMANVAY_STORE_CLUSTER_H
#define SAMANVAY_STORE_CLUSTER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cluster.h"
#include "store/store.h"

int store_cluster_upsert(struct store *s, const struct cluster *c, struct upsert_result *r,
                         struct err *e);
int store_cluster_get(struct store *s, const char *cluster_id, struct cluster *out, bool *found,
                      struct err *e);
/* Whether the cluster is on file, and its CFC capacity (-1 when not given). */
int store_cluster_find(struct store *s, const char *cluster_id, bool *found,
                       int64_t *cfc_capacity_hours, struct err *e);

/* enterprise_id is the enterprise on file with m->udyam. */
int store_cluster_member_upsert(struct store *s, const struct cluster_member *m,
                                int64_t enterprise_id, struct upsert_result *r, struct err *e);
int store_cluster_member_get(struct store *s, const char *cluster_id, const char *udyam,
                             struct cluster_member *out, int64_t *enterprise_id, bool *found,
                             struct err *e);

/* One cluster an enterprise belongs to, with what the profile may need. */
struct cluster_membership {
    char cluster_id[CLUSTER_ID_MAX];
    int scheme;                     /* index into PF_CLUSTER_SCHEME */
    int traditional;                /* 1 or 0 */
    int status;                     /* enum cluster_status */
    int role;                       /* enum cluster_role */
    int32_t joined_on;              /* or DATE_UNKNOWN */
};

#define STORE_MEMBERSHIPS_MAX 64

/* Call fn for each cluster the enterprise belongs to, in cluster_id order
 * (at most STORE_MEMBERSHIPS_MAX); fn may use the store. A negative answer
 * from fn fails the call, a positive one stops it. */
int store_cluster_memberships(struct store *s, int64_t enterprise_id,
                              int (*fn)(void *ctx, const struct cluster_membership *m), void *ctx,
                              struct err *e);

int store_cfc_usage_upsert(struct store *s, const struct cfc_month *u, struct upsert_result *r,
                           struct err *e);
int store_cfc_usage_get(struct store *s, const char *cluster_id, int month, struct cfc_month *out,
                        bool *found, struct err *e);

#endif
