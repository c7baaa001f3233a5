/* cluster_health.h: how a registered cluster is doing (issue 7,
 * docs/clusters.md), from four observables the store aggregates:
 *
 *   turnover   members' GST turnover year on year: each return filed in
 *              the last 12 months against the same return a year before
 *              (a joiner does not count as growth, a return not yet filed
 *              not as a fall)
 *   stress     the share of members in stress: the latest stress score at
 *              or above STRESS_ALERT_PROBABILITY, or, before any score
 *              exists, the latest credit status SMA-1 or worse (the basis
 *              is reported)
 *   members    members joined in the last 12 months against the members a
 *              year ago (the feed records joining, not leaving)
 *   cfc        common facility centre machine-hours used against capacity
 *              over the last 12 months it could run
 *
 * The health index is 0-100, a weighted mean of the four component scores
 * (each 0-1) over the components that can be published (at least
 * CLUSTER_HEALTH_MIN_WEIGHT of them): a component built
 * from fewer than SUPPRESS_MIN_ENTERPRISES members is withheld and its
 * weight shared among the others. Weights and score ramps are the
 * CLUSTER_HEALTH_* constants; docs/clusters.md says why.
 *
 * A cluster is sick when any warning sign holds; each sign is a reason.
 * Benchmarking ranks the index within the peer group: the same NIC
 * division and sector (manufacturing and services apart), widened to the
 * sector when fewer than CLUSTER_HEALTH_MIN_PEERS clusters share the
 * division. Pure: no I/O. */
#ifndef SAMANVAY_CLUSTER_HEALTH_H
#define SAMANVAY_CLUSTER_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Weights of the index (sum 100). */
#define CLUSTER_HEALTH_W_TURNOVER 30
#define CLUSTER_HEALTH_W_STRESS 30
#define CLUSTER_HEALTH_W_CFC 25
#define CLUSTER_HEALTH_W_MEMBERS 15

/* Warning signs. */
#define CLUSTER_SICK_TURNOVER_DROP (-0.10)   /* turnover down 10% or more */
#define CLUSTER_SICK_STRESS_SHARE 0.20       /* a fifth of members in stress */
#define CLUSTER_SICK_CFC_UTILISATION 0.30    /* CFC used under 30% of capacity */
#define CLUSTER_SICK_INDEX 40.0              /* index under 40 */

/* An index needs published components carrying at least this much weight:
 * the member trend alone (15) says too little to rank a cluster on. */
#define CLUSTER_HEALTH_MIN_WEIGHT 25
#define CLUSTER_HEALTH_MIN_PEERS 3
#define CLUSTER_HEALTH_WINDOW 12             /* months */

enum cluster_stress_basis { STRESS_BASIS_SCORE, STRESS_BASIS_SMA1 };

/* What the store aggregates for one registered cluster. Counts are
 * enterprises; money paise. */
struct cluster_health_input {
    int64_t members;            /* on file now */
    int64_t members_year_ago;   /* joined before the window (or date unknown) */
    int64_t turnover_members;   /* members with matched returns a year apart */
    int64_t turnover_cur, turnover_prev;
    int64_t stress_assessed;    /* members with a score (or a live credit line) */
    int64_t stress_count;       /* of them, in stress */
    int64_t cfc_capacity;       /* machine-hours a month; <= 0 none */
    int64_t cfc_hours;          /* used in the window */
    int cfc_months;             /* months of the window the CFC was open */
    bool manufacturing;         /* NIC division 10-33 */
};

enum cluster_sign {
    SIGN_TURNOVER_DOWN = 1u << 0,
    SIGN_STRESS_HIGH = 1u << 1,
    SIGN_CFC_UNDERUSED = 1u << 2,
    SIGN_INDEX_LOW = 1u << 3,
};

struct cluster_health {
    /* Components: has_* false when withheld or not observable. */
    bool has_turnover, has_stress, has_members, has_cfc;
    double turnover_growth;     /* fraction, -0.14 */
    double stress_share;        /* 0-1 */
    double member_growth;       /* fraction */
    double cfc_utilisation;     /* 0-1 */
    int cfc_months;             /* months the utilisation covers */
    bool has_index;             /* at least one component */
    double index;               /* 0-100 */
    unsigned signs;             /* enum cluster_sign */
    bool sick;
    /* Benchmark (cluster_health_benchmark). */
    int peer_group;             /* 0 none, 1 division and sector, 2 sector */
    int peers;                  /* clusters in the group, this one included */
    bool has_percentile;
    double percentile;          /* 0-100: share of other peers with a lower index */
};

/* One cluster's components, index and signs. */
void cluster_health_compute(const struct cluster_health_input *in, struct cluster_health *out);

/* The component scores, each 0-1 (exposed for tests and the docs). */
double cluster_health_score_turnover(double growth);
double cluster_health_score_stress(double share);
double cluster_health_score_members(double growth);
double cluster_health_score_cfc(double utilisation);

/* Percentiles within peer groups: division[i] the NIC division ("13") of
 * cluster i; in[i].manufacturing its sector. Fills out[i].peer_group,
 * peers and percentile. */
void cluster_health_benchmark(const struct cluster_health_input *in, const char (*division)[3],
                              struct cluster_health *out, size_t n);

/* Every sign, in the order reasons are given. */
extern const enum cluster_sign cluster_health_signs[4];

/* A fraction as a whole percentage: 0.183 -> 18. */
long cluster_health_pct(double x);

/* The sign's reason in words, through gettext (the "samanvay" domain):
 * the reader's language on the pages, English without a catalogue (the
 * command line's JSON). "CFC used 18% of capacity over 12 months". -1 on
 * out of memory. */
int cluster_health_reason_text(const struct cluster_health *h, enum cluster_sign sign,
                               struct buf *out);
/* Every sign of h in words, joined by "; ". */
int cluster_health_reasons_text(const struct cluster_health *h, struct buf *out);
/* A stable code for JSON: "turnover_down", "stress_high", "cfc_underused", "index_low". */
const char *cluster_health_sign_code(enum cluster_sign sign);

#endif
