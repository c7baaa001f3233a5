/* gen_ctx.h: everything a run shares, built once before the first block
 * and read-only afterwards, so worker threads can read it without locks:
 * the configuration, reference data, model, time window, lookup tables,
 * the cluster register and the identifier permutations. */
#ifndef SAMANVAY_GEN_CTX_H
#define SAMANVAY_GEN_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/refdata.h"
#include "gen/gen.h"
#include "gen/gen_geo.h"
#include "gen/gen_model.h"
#include "gen/gen_nic.h"
#include "gen/gen_perm.h"
#include "gen/gen_vocab.h"

#define GEN_BLOCK_SIZE 4096       /* enterprises per block: the unit of work and of ordering */
#define GEN_WINDOW_MONTHS 36

/* Random stream tags: each enterprise index owns one stream per purpose. */
enum gen_stream {
    STREAM_MAIN = 0,              /* rng_seed(seed, index): the enterprise's profile */
    STREAM_ERRORS, STREAM_SCHEMES, STREAM_CREDIT, STREAM_STRESS, STREAM_GST, STREAM_SKILLING,
    STREAM_BENEFICIARY, STREAM_GST_ONLY, STREAM_GST_ONLY_RETURNS, STREAM_PERSON, STREAM_SPAWN,
    STREAM_CLUSTER, STREAM_MEMBER, STREAM_ENERGY, STREAM_EPFO, STREAM_CONSENT, STREAM_COUNT
};

struct gen_state {
    const struct state_info *info;
    const struct gen_geo *geo;
    int region;                   /* name region bits */
    size_t first, n;              /* its districts: ctx->district_list[first .. first + n) */
};

struct gen_cluster {
    char id[48];                  /* "UP-LKO-CHIKAN" */
    char name[192];
    enum gen_cluster_scheme scheme;
    enum gen_cluster_status status;
    int state;                    /* gen_ctx state index */
    int district;                 /* refdata district index */
    int product;                  /* index into gen_products() */
    int32_t approved_on;          /* GEN_NO_DATE while proposed */
    int first_month;              /* first month of CFC use, or GEN_NO_MONTH */
    int last_month;               /* last month of use (closed clusters stop) */
    int64_t project_cost, grant;  /* paise; 0 when not sanctioned */
    int capacity_hours;           /* per month; 0 when there is no CFC */
    double utilisation;           /* share of capacity used */
    double rate_rs;               /* user charge per machine-hour */
    double adoption;              /* P(an enterprise of its district takes up its product) */
    int next_in_district;         /* next cluster in the same district, or -1 */
};

struct gen_ctx {
    const struct gen_config *cfg;
    const struct refdata *ref;
    const struct gen_model *m;
    uint64_t seed, n;
    int32_t as_of;
    int first_month, last_month;  /* month indexes of the window */
    int32_t window_first_day;
    int32_t udyam_start;          /* 2020-07-01 */
    int32_t gst_start;            /* 2017-07-01 */
    /* states and districts */
    struct gen_state *states;
    size_t n_states;
    double *state_weight;
    double state_weight_total;
    size_t *district_list;        /* refdata district indexes grouped by state, in file order */
    int *district_state;          /* refdata district index -> state index */
    int *district_no;             /* refdata district index -> 1-based number within its state */
    int *district_cluster;        /* refdata district index -> first cluster, or -1 */
    /* what enterprises do */
    int *nic_of[ACT_COUNT];       /* gen_nic_table indexes per activity */
    double *nic_weight[ACT_COUNT];
    size_t n_nic_of[ACT_COUNT];
    int *nic_word;                /* business word per gen_nic_table entry, or -1 */
    int *product_word;            /* business word per product, or -1 */
    char trades[GEN_PMV_TRADES + 1][GEN_TRADE_NAME_MAX];
    int32_t launched[SCH_COUNT];
    /* clusters */
    struct gen_cluster *clusters;
    size_t n_clusters;
    /* identifiers */
    struct gen_perm perm_udyam;   /* index -> serial, when serials are unique per file */
    struct gen_perm perm_pan;     /* entity id -> PAN series, serial and check letter */
    struct gen_perm perm_account; /* facility id -> account number */
    struct gen_perm perm_ref;     /* list or record id -> reference number */
    uint64_t udyam_serials;
    bool serial_by_district;
    uint32_t *serial_base;        /* per-district mode: [block * n_districts + district] */
    uint64_t n_blocks;
};

int gen_ctx_new(const struct gen_config *cfg, const struct refdata *ref, struct gen_ctx **out,
                struct err *e);
void gen_ctx_free(struct gen_ctx *c);

/* The stream number for (entity index, purpose). */
static inline uint64_t gen_stream_id(uint64_t index, enum gen_stream s)
{
    return index | ((uint64_t)s << 40);
}

/* Window month k (0 = first) <-> month index. */
static inline int gen_window_k(const struct gen_ctx *c, int month)
{
    return month - c->first_month;
}

#endif
