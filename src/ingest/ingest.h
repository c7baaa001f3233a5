/* ingest.h: load one feed file into the store.
 *
 * Guarantees (docs/data-feeds.md): streaming in constant memory; every
 * row validated, bad rows quarantined with their reason while the rest
 * loads; batches of rows commit atomically together with the file's
 * progress, so a kill -9 loses at most the open batch and a rerun picks
 * up where the last commit ended; reloading the same file (same digest)
 * changes nothing; a corrected file replaces changed rows. */
#ifndef SAMANVAY_INGEST_H
#define SAMANVAY_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/refdata.h"
#include "ingest/reason.h"
#include "store/store.h"

struct ingest_options {
    const char *feed;        /* "udyam", ... */
    const char *path;        /* the CSV file */
    int32_t today;           /* for "not in the future" checks */
    int batch_rows;          /* rows per transaction; 0 = default (10000) */
    bool quiet;              /* no progress bar even on a terminal */
    const char *link_report; /* beneficiary: the record linker's JSON report (NULL: none) */
};

struct ingest_summary {
    char feed[16];
    int64_t file_id;
    int64_t rows;            /* data rows read (the header excluded) */
    int64_t loaded;          /* rows accepted: inserted + updated + unchanged */
    int64_t inserted, updated, unchanged, quarantined;
    int64_t linked;          /* accepted rows attached to an enterprise already on file */
    int64_t new_entities;    /* enterprises this file's rows created */
    bool link_pass;          /* the feed ran the record linker after the load (skilling, beneficiary) */
    int64_t by_linker;       /* rows the record linker attached in that pass */
    int64_t unmatched;       /* rows the linker found no enterprise for */
    int64_t by_reason[R_COUNT]; /* quarantined rows of this file by reason */
    int64_t warnings;
    bool resumed;            /* continued an interrupted load */
    double seconds;
};

/* Names of the feeds ingest knows, NULL-terminated. */
const char *const *ingest_feeds(void);
bool ingest_feed_known(const char *feed);

/* Returns 0 when the file was read to the end (whatever went to
 * quarantine), -1 when nothing could load (unreadable file, bad header,
 * database failure): then e says why. */
int ingest_file(struct store *s, const struct refdata *ref, const struct ingest_options *opt,
                struct ingest_summary *out, struct err *e);

#endif
