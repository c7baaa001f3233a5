/* market.h: one enterprise's market position among its peers, and what it
 * qualifies for under the procurement policy and the fair programmes.
 * Pure: the peers come in as numbers, nothing is read here.
 *
 * Turnover growth = taxable value in GST returns of the last 12 months /
 * the 12 months before - 1 (both windows end at the latest month on file,
 * the same for every firm). Export share = exports / turnover of the
 * Udyam record. Each is compared with the other members of the peer group
 * (peer_group.h) that have the figure: the enterprise sees its percentile
 * and the peers' median, never a peer's own figure, and nothing when even
 * the national NIC group has fewer than 5 others. */
#ifndef SAMANVAY_MARKET_H
#define SAMANVAY_MARKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/insight_tables.h"
#include "analytics/peer_group.h"

struct market_peer {
    int64_t id;
    int state;                /* GST state code */
    char district[64];        /* upper case */
    bool has_growth, has_export;
    double growth;            /* fraction: 0.12 = +12% */
    double export_share;      /* fraction of turnover */
};

enum market_metric_id { METRIC_GROWTH = 0, METRIC_EXPORT_SHARE, METRIC_COUNT };

struct market_metric {
    bool known;               /* the enterprise's own figure */
    double value;
    enum peer_level level;    /* PEER_NONE: not compared */
    int64_t peers[PEER_LEVELS];  /* others with the figure at each level */
    double percentile;        /* own figure among the group's (0..100) */
    double peer_median;
};

/* The metric for `self` among peers[0..n) (self may be among them; it is
 * never counted as its own peer). scratch holds n doubles. */
void market_metric_compute(const struct market_peer *peers, size_t n, const struct market_peer *self,
                           enum market_metric_id m, double *scratch, struct market_metric *out);

/* Who the enterprise is, for the qualification rules. */
struct market_subject {
    int cls;                  /* enum msme_class, -1 unknown */
    int activity;             /* profile activity index, -1 unknown */
    bool manufacturing, trading;
    int scst_owned, women_owned, disabled_owner, ner;   /* 1, 0, -1 unknown */
};

/* 1 qualifies, 0 does not, -1 cannot tell from what is on file. */
int market_qualifies(const struct market_subject *s, enum insight_who who);

const char *market_metric_code(enum market_metric_id m);

#endif
