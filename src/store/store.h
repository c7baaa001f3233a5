/* store.h: the one storage interface. Callers (ingest, web, CLI, engines)
 * see records and outcomes, never SQL or a backend: SQLite today
 * (db_sqlite.c), PostgreSQL behind the same functions later.
 *
 * A store is one connection, used by one thread at a time; the web server
 * keeps one per worker thread. Writes that must be atomic go between
 * store_begin and store_commit. */
#ifndef SAMANVAY_STORE_H
#define SAMANVAY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/enterprise.h"
#include "core/err.h"

struct store;

/* Where the data lives: exactly one of the two is set (from --db / --pg). */
struct store_target {
    const char *sqlite_path;
    const char *pg_conninfo;
};

int store_open(const struct store_target *t, struct store **out, struct err *e);
void store_close(struct store *s);
/* The underlying connection, for store_*.c modules only. */
struct db *store_db(struct store *s);
/* Whether the last failure on this connection was the storage's (disk
 * full, read-only, I/O error): the web server answers those 503. The
 * server clears it before each request. */
bool store_storage_fault(struct store *s);
/* Whether feeds should write whole batches (store_*_batch.c) rather than
 * row by row: where the backend has COPY, one batch costs a handful of
 * round trips instead of several per row. */
bool store_batch_supported(struct store *s);
void store_storage_fault_clear(struct store *s);
/* The current UTC time as ISO 8601 text ("2026-11-25T17:37:38Z"), cached per second. */
const char *store_now(struct store *s);

/* Apply every numbered migration not yet applied (samanvay init). Each
 * runs in its own transaction. *applied counts the new ones. */
int store_migrate(struct store *s, int *applied, struct err *e);
/* The same, stopping after version `last`: what a migration test uses to
 * put rows in a store as it was before the migration it checks. */
int store_migrate_to(struct store *s, int last, int *applied, struct err *e);
/* Highest applied migration, 0 for an empty database. */
int store_schema_version(struct store *s, int *version, struct err *e);

int store_begin(struct store *s, struct err *e);
/* One snapshot for a request that only reads (commit or roll back after). */
int store_begin_read(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
/* Whether a transaction (read or write) is open on this connection. */
bool store_in_transaction(struct store *s);

/* --- ingest bookkeeping (store_ingest.c) ------------------------------- */

struct ingest_counts {
    int64_t rows_committed;   /* data rows whose outcome is committed */
    int64_t inserted, updated, unchanged, quarantined;
    int64_t linked;           /* accepted rows attached to an enterprise already on file */
    int64_t new_entities;     /* enterprises the file's rows created */
};

/* The ingest_file row for (feed, digest), created when new. A file seen
 * before keeps its id, so reloading it finds its own rows. */
int store_ingest_file_open(struct store *s, const char *feed, const char *name, const char *digest,
                           int64_t size, int64_t *id, bool *complete, struct err *e);
/* The committed progress of a file (for resuming an interrupted load). */
int store_ingest_file_counts(struct store *s, int64_t id, struct ingest_counts *c, struct err *e);
/* The name a file was loaded under (for showing where a fact came from). */
int store_ingest_file_name(struct store *s, int64_t id, char *out, size_t cap, bool *found,
                           struct err *e);
struct ingest_file_info {
    char feed[16];
    char name[128];
    char started_at[24];      /* ISO 8601 UTC: when the file was first loaded */
};
/* A loaded file's feed, name and load time (a fact's provenance and as-of). */
int store_ingest_file_get(struct store *s, int64_t id, struct ingest_file_info *out, bool *found,
                          struct err *e);
/* Record progress; call inside the batch's transaction so progress and
 * data commit together. */
/* The file's rows attached to an enterprise, as counted after a feed's
 * record-linkage pass (inside the pass's transaction). */
int store_ingest_file_set_linked(struct store *s, int64_t id, int64_t linked, struct err *e);
int store_ingest_file_progress(struct store *s, int64_t id, const struct ingest_counts *c,
                               bool complete, struct err *e);

struct quarantine_row {
    int64_t file_id;
    const char *feed;
    int64_t row_no, line_no;
    const char *code;         /* reason code */
    const char *reason;       /* readable reason */
    const char *raw;
    size_t raw_len;
};

/* Insert or replace (same file, same row) a quarantined row. */
int store_quarantine_put(struct store *s, const struct quarantine_row *q, struct err *e);
/* Forget the quarantined rows of a file numbered after_row+1..through_row:
 * the load loop calls it in each batch's transaction before writing the
 * batch, so a row quarantined by an earlier run of the same file (one that
 * referred to a cluster not yet on file, say) no longer counts once it loads. */
int store_quarantine_clear(struct store *s, int64_t file_id, int64_t after_row,
                           int64_t through_row, struct err *e);
/* Count quarantined rows of one file by reason code: calls fn for each. */
int store_quarantine_counts(struct store *s, int64_t file_id,
                            int (*fn)(void *ctx, const char *code, int64_t n), void *ctx,
                            struct err *e);

/* --- enterprises (store_enterprise.c) ---------------------------------- */

enum upsert_outcome {
    UPSERT_INSERTED,          /* new enterprise */
    UPSERT_UPDATED,           /* content changed (a corrected row) */
    UPSERT_REFRESHED,         /* identical content from another file: provenance moves to it */
    UPSERT_UNCHANGED,         /* this very row was loaded before (same file, same row) */
    UPSERT_DUPLICATE,         /* identical to an earlier row of the same file */
    UPSERT_CONFLICT,          /* same Udyam number as an earlier row of this file, other content */
    UPSERT_PAN_CONFLICT,      /* the PAN belongs to another enterprise */
};

struct upsert_result {
    enum upsert_outcome outcome;
    int64_t id;               /* the enterprise (for the conflicts: the other one) */
    int64_t other_row;        /* DUPLICATE/CONFLICT: the earlier row of this file */
    char other_udyam[20];     /* PAN_CONFLICT: who holds the PAN */
    bool merged;              /* INSERTED into the enterprise a GST filer's returns created
                                 (its PAN, no Udyam number): same id, its GSTINs kept */
};

/* Insert or update one enterprise from a feed row (e->src_* set by the
 * caller). Never fails on data conflicts: those are outcomes. A new Udyam
 * number whose PAN belongs to an enterprise without one (created from GST
 * returns) fills that enterprise (INSERTED with `merged`); a PAN held by
 * another Udyam number is PAN_CONFLICT. */
int store_enterprise_upsert(struct store *s, const struct enterprise *e, struct upsert_result *r,
                            struct err *err);
/* Upsert n Udyam rows at once, each with the result store_enterprise_upsert
 * would give it taken in order (store_enterprise_batch.c; where
 * store_batch_supported): new enterprises through COPY, the rest row by row. */
int store_enterprise_upsert_batch(struct store *s, const struct enterprise *const *rows, size_t n,
                                  struct upsert_result *out, struct err *e);
int store_enterprise_get(struct store *s, int64_t id, struct enterprise *out, bool *found,
                         struct err *e);
int store_enterprise_find_udyam(struct store *s, const char *udyam, int64_t *id, bool *found,
                                struct err *e);
int store_enterprise_count(struct store *s, int64_t *n, struct err *e);
/* Call fn for every enterprise, in id order, reading in pages so memory
 * stays bounded; fn returning non-zero stops the scan (not an error). */
int store_enterprise_each(struct store *s, int (*fn)(void *ctx, const struct enterprise *e),
                          void *ctx, struct err *e);
/* The same, for analytics (batch eligibility, overlap, scenarios): a row
 * the GST feed made is left out while consent to GST does not allow the
 * connection's purpose (store_consent_use). Linkage uses the one above. */
int store_enterprise_each_usable(struct store *s, int (*fn)(void *ctx, const struct enterprise *e),
                                 void *ctx, struct err *e);
/* The enterprise with the lowest id (the demo links its accounts to it). */
int store_enterprise_first(struct store *s, int64_t *id, bool *found, struct err *e);

#endif
