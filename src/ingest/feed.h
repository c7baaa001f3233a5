/* feed.h: what a feed provides to the load loop in ingest.c.
 *
 * Loading is split in two so it can run on two cores: `parse` turns a CSV
 * record into a feed-specific payload and touches no shared state (it
 * runs on the parser thread); `store` writes one payload inside the
 * current transaction (it runs on the writer thread). */
#ifndef SAMANVAY_FEED_H
#define SAMANVAY_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/csv.h"
#include "core/refdata.h"
#include "ingest/columns.h"
#include "ingest/validate.h"
#include "store/store.h"

struct feed_parse_ctx {
    const struct refdata *ref;
    int32_t today;
    const int *index;         /* column positions, in the feed's column order */
};

enum feed_outcome { FEED_INSERTED, FEED_UPDATED, FEED_UNCHANGED, FEED_QUARANTINE };

struct feed_store_result {
    enum feed_outcome outcome;
    enum reason reason;       /* for FEED_QUARANTINE */
    bool linked;              /* the row was attached to an enterprise already on file */
    bool new_entity;          /* the row created an enterprise */
    char msg[240];            /* the reason for FEED_QUARANTINE, else a warning or "" */
};

/* What a feed's finishing pass reports (feed.finish). */
struct feed_finish_result {
    int64_t linked;           /* the file's rows now attached to an enterprise */
    int64_t by_linker;        /* of which the record linker attached in this pass */
    int64_t unmatched;        /* rows the linker found no enterprise for */
};

struct feed_finish_opts {
    bool quiet;               /* no progress lines on a terminal */
    int threads;              /* 0: one per core */
    const char *report;       /* write the linker's JSON report here (NULL: none) */
};

struct feed {
    const char *name;
    const struct column_spec *columns;
    size_t n_columns;
    size_t payload_size;
    /* Validate one record into *payload. `warning` gets a non-fatal remark or "". */
    bool (*parse)(const struct feed_parse_ctx *ctx, const struct csv_record *rec, void *payload,
                  struct row_error *why, char *warning, size_t warning_cap);
    /* Write one payload (file_id and row_no give its provenance). */
    int (*store)(struct store *s, int64_t file_id, int64_t row_no, void *payload,
                 struct feed_store_result *r, struct err *e);
    /* Optional, for stores that prefer whole batches (store_batch_supported):
     * write the n payloads (each payload_size bytes) whose skip[i] is
     * false, filling r[i] with what `store` would have given row by row,
     * in order. */
    int (*store_batch)(struct store *s, int64_t file_id, const int64_t *row_no, void *payloads,
                       const bool *skip, size_t n, struct feed_store_result *r, struct err *e);
    /* Optional: a pass over the store after the file's last batch has
     * committed (record linkage of rows without an identifier on file),
     * in transactions of its own, so a kill during it loses only the pass,
     * which the next load of any file of the feed runs again. */
    int (*finish)(struct store *s, int64_t file_id, const struct feed_finish_opts *o,
                  struct feed_finish_result *r, struct err *e);
};

extern const struct feed feed_udyam;
extern const struct feed feed_gst;
extern const struct feed feed_credit;
extern const struct feed feed_skilling;
extern const struct feed feed_cluster;
extern const struct feed feed_cluster_member;
extern const struct feed feed_cfc_usage;
extern const struct feed feed_beneficiary;
extern const struct feed feed_energy;
extern const struct feed feed_consent;
extern const struct feed feed_epfo;

#endif
