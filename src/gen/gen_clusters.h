/* gen_clusters.h: the cluster register (cluster.csv), membership
 * (cluster_member.csv) and common facility centre use (cfc_usage.csv).
 *
 * Clusters are drawn before any enterprise (about one per
 * enterprises_per_cluster), each in a district with a product: SFURTI
 * clusters are traditional crafts, MSE-CDP clusters industrial. Firms in a
 * cluster's district may take up its product and join. CFC use needs the
 * final member counts, so cluster.csv and cfc_usage.csv are written after
 * the last block. */
#ifndef SAMANVAY_GEN_CLUSTERS_H
#define SAMANVAY_GEN_CLUSTERS_H

#include <stdint.h>

#include "core/err.h"
#include "gen/gen_block.h"
#include "gen/gen_ctx.h"
#include "gen/gen_ent.h"

int gen_clusters_build(struct gen_ctx *c, struct err *e);

/* A cluster_member.csv row when e is a member on file. */
int gen_clusters_member_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e);

/* cluster.csv and cfc_usage.csv into b (an otherwise empty block), given
 * each cluster's member count over the whole run. */
int gen_clusters_write(const struct gen_ctx *c, const uint32_t *members, struct gen_block *b);

#endif
