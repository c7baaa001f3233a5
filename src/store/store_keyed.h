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

/* Step a lookup whose first columns are src_file, src_row and
 * content_hash into *x (found or not); the statement is reset. */
static inline int keyed_read(struct db_stmt *st, struct keyed_existing *x, struct err *e)
{
    int rc = db_step(st, e);

    if (rc == DB_ROW) {
        x->found = true;
        x->src_file = db_column_int64(st, 0);
        x->src_row = db_column_int64(st, 1);
        x->hash = (uint64_t)db_column_int64(st, 2);
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

#endif
