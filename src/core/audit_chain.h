/* audit_chain.h: the hash that chains the audit log (issue 9, docs/security.md).
 *
 * Each audit row carries the hash of the row before it and its own hash,
 * BLAKE2b-256 over a versioned, length-prefixed encoding of the previous
 * hash and every field of the row. Changing, removing or reordering a row
 * breaks the chain at that row; removing rows from the end is found by
 * keeping the head (the last hash) outside the database and giving it to
 * `samanvay audit verify --head`. The encoding is fixed: a stored hash must
 * verify on any build and platform. The row's id is not hashed, because it
 * is given by the database after the insert; the chain's order is. */
#ifndef SAMANVAY_AUDIT_CHAIN_H
#define SAMANVAY_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stdint.h>

#define AUDIT_HASH_HEX 65 /* 32 bytes as lower-case hex + NUL */

/* The fields of one audit row as stored. */
struct audit_fields {
    const char *at;            /* "2026-12-06T10:00:00Z" */
    int64_t user_id;
    const char *username;
    const char *role;
    const char *action;        /* "enterprise.read" */
    int64_t enterprise_id;     /* 0 = none */
    const char *route;         /* "GET /api/v1/enterprises/{id}" */
    const char *reason;
};

/* The previous hash of the first row: 64 zeros. */
extern const char audit_chain_genesis[AUDIT_HASH_HEX];

/* out = hash(prev, f). prev is 64 hex digits. */
void audit_chain_hash(const char *prev, const struct audit_fields *f, char out[AUDIT_HASH_HEX]);

/* Whether s is 64 lower-case hex digits. */
bool audit_chain_hash_valid(const char *s);

#endif
