/* store_energy.h: the energy_declaration table (migration 0018) and the
 * reads the sustainability views need: one enterprise's declarations,
 * every declaration with its enterprise's NIC division and turnover
 * (benchmarks), and the registered clusters' members. Portable SQL. */
#ifndef SAMANVAY_STORE_ENERGY_H
#define SAMANVAY_STORE_ENERGY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/sustainability.h"
#include "core/err.h"
#include "store/store.h"

/* A feed row: the enterprise (resolved by Udyam number) and what it used. */
struct energy_feed_row {
    char udyam[20];
    char fiscal_year[8];
    int source;                    /* enum energy_source */
    int64_t quantity_milli;
    uint64_t content_hash;
    int64_t src_file, src_row;
};

/* Keyed write of a feed row (store_keyed.h outcomes). */
int store_energy_feed_upsert(struct store *s, int64_t enterprise_id,
                             const struct energy_feed_row *r, struct upsert_result *out,
                             struct err *e);

/* One row's result in a batch: u as store_energy_feed_upsert gives it (u.id
 * the enterprise of the Udyam number), or unknown_reference when that is
 * not on file and nothing was written. */
struct energy_put_result {
    struct upsert_result u;
    bool unknown_reference;
};

/* The feed rows of a batch in order, as row by row (the enterprise by Udyam
 * number, then store_energy_feed_upsert) would write them, through COPY:
 * for stores where store_batch_supported (store_energy_batch.c). */
int store_energy_put_batch(struct store *s, const struct energy_feed_row *const *rows, size_t n,
                           struct energy_put_result *out, struct err *e);

/* The entrepreneur's declaration on the portal (replaces an earlier portal
 * declaration of the same year and source). */
int store_energy_declare(struct store *s, int64_t enterprise_id, const char *fiscal_year,
                         int source, int64_t quantity_milli, int64_t user_id, struct err *e);

/* Every declaration of one enterprise (at most 256); free *out with mem_free. */
int store_energy_list(struct store *s, int64_t enterprise_id, struct energy_decl **out, size_t *n,
                      struct err *e);

/* Every declaration with its enterprise's NIC division and turnover,
 * ordered by enterprise; only division `division` when not NULL (an
 * enterprise's benchmark needs its own division, not the store). */
struct energy_row {
    struct energy_decl d;
    char division[3];
    int64_t turnover_paise;        /* -1 unknown */
};
int store_energy_all(struct store *s, const char *division, struct energy_row **out, size_t *n,
                     struct err *e);

/* Registered clusters' members: (cluster id, name, enterprise), ordered by
 * cluster. */
struct cluster_member_ref {
    char cluster_id[48];
    char name[160];
    int64_t enterprise_id;
};
int store_energy_cluster_members(struct store *s, struct cluster_member_ref **out, size_t *n,
                                 struct err *e);

#endif
