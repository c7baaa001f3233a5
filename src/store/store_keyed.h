/* store_keyed.h: how a keyed feed row meets the row already stored under
 * its key (for store_*.c modules of the feed tables).
 *
 * Every feed table keeps, beside its content, a hash of that content and
 * the file and row it came from. That is enough to tell, without any
 * per-run memory, a rerun of the same row (same file, same row) from an
 * in-file duplicate (same file, other row) and from a corrected row
 * (another file, other content): docs/data-feeds.md, "Duplicates". */
#ifndef SAMANVAY_STORE_KEYED_H
#define SAMANVAY_STORE_KEYED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store.h"

struct keyed_existing {
    bool found;
    int64_t id;               /* the stored row's id, when the table has one */
    int64_t src_file, src_row;
    uint64_t hash;
};

/* What to do with an incoming row (file, row, hash) given what is stored:
 * INSERTED (nothing stored: insert it), UNCHANGED (this very row again:
 * nothing to do), DUPLICATE / CONFLICT (another row of the same file:
 * quarantine), REFRESHED (identical content from another file: move the
 * provenance), UPDATED (changed content from another file: replace). */
static inline enum upsert_outcome keyed_outcome(const struct keyed_existing *x, int64_t file,
                                                int64_t row, uint64_t hash)
{
    if (!x->found)
        return UPSERT_INSERTED;
    if (x->src_file == file) {
        if (x->src_row == row)
            return UPSERT_UNCHANGED;
        return x->hash == hash ? UPSERT_DUPLICATE : UPSERT_CONFLICT;
    }
    return x->hash == hash ? UPSERT_REFRESHED : UPSERT_UPDATED;
}

/* Whether an outcome writes the row (its content or its provenance). */
static inline bool keyed_writes(enum upsert_outcome o)
{
    return o == UPSERT_INSERTED || o == UPSERT_UPDATED || o == UPSERT_REFRESHED;
}

/* *x from the current row's columns col, col+1, col+2 (src_file, src_row,
 * content_hash); not found when src_file is NULL (a LEFT JOIN's miss). */
static inline void keyed_columns(struct db_stmt *st, int col, struct keyed_existing *x)
{
    x->found = !db_column_is_null(st, col);
    x->src_file = db_column_int64(st, col);
    x->src_row = db_column_int64(st, col + 1);
    x->hash = (uint64_t)db_column_int64(st, col + 2);
}

/* A batch meets itself as row-by-row loading would: a row meets the
 * LATEST earlier row of the batch with its key that was written (not the
 * first: that one may have been quarantined, or not written), else what
 * was stored before the batch. Batch writers keep that latest position at
 * the key's first position; KEYED_NONE until one is written. Were two rows
 * of one key both written, one INSERT ... ON CONFLICT could not take them. */
#define KEYED_NONE SIZE_MAX

/* What a row meets when an earlier row of its batch with the same key was
 * written: that row, as row-by-row loading would have stored it. */
static inline void keyed_meet_earlier(struct keyed_existing *x, int64_t file, int64_t row, uint64_t hash)
{
    x->found = true;
    x->src_file = file;
    x->src_row = row;
    x->hash = hash;
}

/* Step a lookup whose first columns are src_file, src_row and
 * content_hash into *x (found or not); the statement is reset. */
static inline int keyed_read(struct db_stmt *st, struct keyed_existing *x, struct err *e)
{
    int rc = db_step(st, e);

    if (rc == DB_ROW)
        keyed_columns(st, 0, x);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

#endif
