/* cluster.h: a cluster of enterprises, its members and the monthly use of
 * its common facility centre (CFC), as the store keeps them
 * (docs/data-feeds.md §5-7), each with the provenance of its row.
 *
 * Like struct enterprise: fixed-size strings, unknown numbers -1, unknown
 * dates DATE_UNKNOWN, and a content hash that tells an identical row from
 * a changed one (store_keyed.h). */
#ifndef SAMANVAY_CLUSTER_H
#define SAMANVAY_CLUSTER_H

#include <stdint.h>

#define CLUSTER_ID_MAX 64          /* bytes including NUL */
#define CLUSTER_TEXT_MAX 256

enum cluster_status { CLUSTER_PROPOSED, CLUSTER_APPROVED, CLUSTER_FUNCTIONAL, CLUSTER_CLOSED };
enum cluster_role { CLUSTER_ROLE_MEMBER, CLUSTER_ROLE_ANCHOR, CLUSTER_ROLE_SPV_MEMBER };

/* The vocabularies, NULL-terminated, in enum order. The scheme is the
 * profile's (PF_CLUSTER_SCHEME: mse_cdp sfurti other). */
extern const char *const cluster_statuses[];
extern const char *const cluster_roles[];

struct cluster {
    char id[CLUSTER_ID_MAX];
    char name[CLUSTER_TEXT_MAX];
    int scheme;                     /* index into PF_CLUSTER_SCHEME */
    int state;                      /* GST state code */
    char district[64];              /* LGD name */
    char product[CLUSTER_TEXT_MAX];
    char nic[6];
    int traditional;                /* 1 for a traditional industry or craft, 0 not */
    int32_t approved_on;            /* or DATE_UNKNOWN */
    int64_t project_cost, grant;    /* paise, -1 unknown */
    int64_t cfc_capacity_hours;     /* machine-hours a month, -1 unknown */
    int status;                     /* enum cluster_status */
    uint64_t content_hash;
    int64_t src_file, src_row;
};

struct cluster_member {
    char cluster_id[CLUSTER_ID_MAX];
    char udyam[20];
    int32_t joined_on;              /* or DATE_UNKNOWN */
    int role;                       /* enum cluster_role */
    uint64_t content_hash;
    int64_t src_file, src_row;
};

/* One month of a CFC's use. */
struct cfc_month {
    char cluster_id[CLUSTER_ID_MAX];
    int month;                      /* date_month_index */
    int64_t hours_used, user_units;
    int64_t revenue;                /* paise, -1 unknown */
    uint64_t content_hash;
    int64_t src_file, src_row;
};

void cluster_init(struct cluster *c);
void cluster_member_init(struct cluster_member *m);
void cfc_month_init(struct cfc_month *u);

/* Hashes of the content fields (provenance excluded). */
uint64_t cluster_content_hash(const struct cluster *c);
uint64_t cluster_member_content_hash(const struct cluster_member *m);
uint64_t cfc_month_content_hash(const struct cfc_month *u);

/* "2026-04" for a month index; out has room for 8 bytes. */
void cluster_month_format(int month, char out[8]);

#endif
