/* cluster_view.h: what the cluster pages share (page_clusters.c,
 * page_cluster_health.c): who sees which clusters, the register and the
 * two analyses loaded from the store, and their words in the reader's
 * language.
 *
 * Officers see the clusters of their state or district; policymakers
 * every cluster (or their state's, when their account names one); both see
 * aggregates only: no page here names an enterprise, so nothing here is an
 * enterprise read to audit. Small cells are withheld by the analyses
 * (cluster_report.h) and shown as withheld. */
#ifndef SAMANVAY_CLUSTER_VIEW_H
#define SAMANVAY_CLUSTER_VIEW_H

#include <stdbool.h>

#include "analytics/cluster_report.h"
#include "core/buf.h"
#include "web/request.h"

struct cluster_scope {
    char state[4];       /* "%02d" or "" for every state */
    char district[64];   /* "" for the whole state */
};

/* The caller's area, as the router resolved it (SCOPE_AREA_AGGREGATE:
 * ?state=NN narrows, never widens). */
void cluster_scope_of(const struct web_request *rq, struct cluster_scope *sc);
bool cluster_scope_has(const struct cluster_scope *sc, const char *state, const char *district);

/* The register and its health, benchmarked nationally (peers are every
 * cluster, whatever the reader's scope). *regs is the caller's (mem_free)
 * and must outlive r. */
int cluster_view_health(struct web_request *rq, struct cluster_reg **regs,
                        struct cluster_health_report *r, struct err *e);

/* "mse_cdp" -> "MSE-CDP", status words, "manufacturing" / "services". */
const char *cluster_view_scheme(const char *scheme);
const char *cluster_view_status(const char *status);
const char *cluster_view_sector(bool manufacturing);
/* The state's name in the reader's language, or the code. */
const char *cluster_view_state(const struct web_request *rq, const char *gst_state);
/* A fraction as a signed or plain percentage, or "withheld" / "—". */
int cluster_view_pct(struct buf *b, bool has, double v, bool sign);

#endif
