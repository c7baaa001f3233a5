/* store_audit.h: the audit log of officials' reads and writes of enterprise
 * data (migrations 0002_auth.sql and 0020_audit_chain.sql).
 *
 * Append-only: the store has no update and no delete for it. Each row is
 * chained to the one before by a hash (core/audit_chain.h), appended under
 * the write lock so that two requests never chain to the same row, and
 * `samanvay audit verify` walks the chain. docs/security.md.
 *
 * Like store.h, every function returns 0 or -1 with the reason in `e`. */
#ifndef SAMANVAY_STORE_AUDIT_H
#define SAMANVAY_STORE_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/audit_chain.h"
#include "core/err.h"
#include "store/store.h"

struct audit_entry {
    int64_t user_id;
    const char *username;
    const char *role;
    const char *action;            /* "enterprise.read" */
    int64_t enterprise_id;         /* 0 = none */
    const char *route;             /* "GET /api/v1/enterprises/{id}" */
    const char *reason;
};

/* Append one row, chained to the last. Inside the caller's transaction
 * when one is open, else in its own. */
int store_audit_append(struct store *s, const struct audit_entry *a, struct err *e);
int store_audit_count(struct store *s, int64_t *n, struct err *e);

/* Give every row without a hash its place in the chain, in id order after
 * the last chained row (migration 0020: the rows written before it). */
int store_audit_chain_unchained(struct store *s, struct err *e);

enum audit_fault {
    AUDIT_INTACT = 0,
    AUDIT_CHANGED,       /* a row's contents do not give its hash */
    AUDIT_RELINKED,      /* a row does not follow the row before it: removed or reordered rows */
    AUDIT_UNCHAINED,     /* a row has no valid hash */
    AUDIT_HEAD_MISSING,  /* the head kept outside is not in the chain: rows removed from the end */
};

struct audit_verify {
    int64_t rows;                  /* rows walked */
    int64_t head_id;               /* the last row's id, 0 when empty */
    char head[AUDIT_HASH_HEX];     /* its hash, or the genesis when empty */
    int64_t rows_after_head;       /* with an expected head: rows appended after it */
    enum audit_fault fault;
    int64_t fault_id;              /* the first row where the chain breaks */
};

/* Walk the whole chain in one read snapshot. expected_head (NULL: none)
 * is a head kept outside the database; it must be the hash of some row, or
 * the genesis. progress (may be NULL) is called every 65,536 rows. */
int store_audit_verify(struct store *s, const char *expected_head, struct audit_verify *out,
                       void (*progress)(void *arg, int64_t done, int64_t total), void *arg,
                       struct err *e);

const char *audit_fault_name(enum audit_fault f); /* "changed", …; "" for intact */

/* One official's access to an enterprise, as its owner is shown it. */
struct audit_access {
    char at[24];
    char username[64];
    char role[16];
    char action[48];
    char route[96];
    char reason[256];
};

#define AUDIT_ACCESS_MAX 200
/* The newest `limit` (at most AUDIT_ACCESS_MAX) officials' rows about one
 * enterprise (its owner's own downloads, role entrepreneur, are not shown),
 * newest first, into *out (mem_free it); *total counts all of them. */
int store_audit_for_enterprise(struct store *s, int64_t enterprise_id, size_t limit,
                               struct audit_access **out, size_t *n, int64_t *total, struct err *e);

#endif
