/* store_consent.h: consent artefacts (migration 0022_consent.sql) and the
 * purpose a connection reads for (docs/consent.md).
 *
 * Every store function that reads a consent-bound source (gst, credit,
 * skilling, epfo, energy) applies the rule itself (store_consent_sql.h),
 * so no caller can forget it:
 *  - one enterprise's reads (the golden record, pre-fill, the calendar, an
 *    officer's view, its insights) serve the connection's purpose, set
 *    with store_consent_use (ELIGIBILITY when opened; the web server sets
 *    it per request from the caller's role);
 *  - aggregate reads (cluster health, impact, peers, benchmarks) serve
 *    STATISTICS, and the stress early-warning, which names an enterprise
 *    to an officer, OFFICER_VIEW, whatever the connection's purpose.
 * Data that consent does not allow reads as absent: no row, no value.
 *
 * Artefacts are append-only: no update, no delete; a revocation is a row. */
#ifndef SAMANVAY_STORE_CONSENT_H
#define SAMANVAY_STORE_CONSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/consent.h"
#include "core/err.h"
#include "store/store.h"

/* The connection's purpose for one enterprise's reads (store.c). */
void store_consent_use(struct store *s, enum consent_purpose p);
enum consent_purpose store_consent_purpose(const struct store *s);
/* The defaults; loaded from data/consent_policy.csv when the store opens. */
void store_consent_policy_set(struct store *s, const struct consent_policy *p);
const struct consent_policy *store_consent_policy(const struct store *s);
/* The day consent is judged on: DATE_UNKNOWN (the default) is today in IST. */
void store_consent_day_set(struct store *s, int32_t day);
int32_t store_consent_day(const struct store *s);

struct consent_artefact {
    int64_t id;
    char consent_id[CONSENT_ID_LEN];
    int64_t enterprise_id;
    char consumer[16];
    enum consent_source source;
    enum consent_purpose purpose;
    int32_t valid_from, valid_to;
    char created_at[24];
    int64_t created_by;          /* 0: a feed's */
    char origin[8];              /* portal | api | feed */
    bool deemed;                 /* the policy's default grant, written down to be withdrawn */
    bool revoked;
    char revoked_at[24];
    int64_t revoked_by;
    enum consent_status status;  /* on the store's consent day */
};

/* A new ACTIVE (or PENDING) artefact; user_id 0 for a feed. */
int store_consent_grant(struct store *s, int64_t enterprise_id, enum consent_source src,
                        enum consent_purpose p, int32_t valid_from, int32_t valid_to,
                        int64_t user_id, const char *origin, struct consent_artefact *out,
                        struct err *e);
/* Revoke the enterprise's artefact `consent_id`. *found is false when the
 * enterprise has no such artefact (another's id included); *revoked is
 * false when it was revoked already (the first revocation stands). */
int store_consent_revoke(struct store *s, int64_t enterprise_id, const char *consent_id,
                         int64_t user_id, const char *origin, bool *found, bool *revoked,
                         struct err *e);

/* Stop the use of (src, p) now, whatever allows it: revoke the newest
 * artefact when it is in force; when the policy's default allows it (no
 * artefact), write that deemed grant down as an artefact and revoke it, in
 * one transaction. *changed is false when nothing allowed the use. The
 * revoked artefact is copied to *out (may be NULL). */
int store_consent_withdraw(struct store *s, int64_t enterprise_id, enum consent_source src,
                           enum consent_purpose p, int64_t user_id, const char *origin,
                           bool *changed, struct consent_artefact *out, struct err *e);

/* One row of the consent feed (ingest consent, docs/data-feeds.md): an
 * artefact given elsewhere (an AA, a department's own portal), and its
 * revocation when revoked_on is known. */
struct consent_feed_row {
    char udyam[20];
    enum consent_source source;
    enum consent_purpose purpose;
    int32_t valid_from, valid_to;
    int32_t revoked_on;          /* DATE_UNKNOWN: not revoked */
    int64_t src_file, src_row;
};
/* Load it once: a row already loaded (same file and row) is left as it
 * is, *inserted false. */
int store_consent_feed_put(struct store *s, int64_t enterprise_id, const struct consent_feed_row *r,
                           bool *inserted, struct err *e);

#define CONSENT_LIST_MAX 500
/* The enterprise's artefacts, newest first, into *out (mem_free it). */
int store_consent_list(struct store *s, int64_t enterprise_id, struct consent_artefact **out,
                       size_t *n, struct err *e);

/* Whether the enterprise's source may be used for purpose p now. */
int store_consent_allows(struct store *s, int64_t enterprise_id, enum consent_source src,
                         enum consent_purpose p, bool *allowed, struct err *e);
/* The same for the connection's purpose (one enterprise's reads). */
int store_consent_allows_here(struct store *s, int64_t enterprise_id, enum consent_source src,
                              bool *allowed, struct err *e);

/* What is allowed for every (source, purpose), and whether an artefact or
 * the policy decided it. */
struct consent_effective {
    bool allowed[CONSENT_SOURCES][CONSENT_PURPOSES];
    bool by_artefact[CONSENT_SOURCES][CONSENT_PURPOSES];
};
int store_consent_effective(struct store *s, int64_t enterprise_id,
                            struct consent_effective *out, struct err *e);

/* A number that changes whenever any consent decision may have: an
 * artefact granted or revoked, or one's period begun or ended (for the
 * kept analytics on the server, keyed with store_ingest_version). */
int store_consent_version(struct store *s, int64_t *version, struct err *e);

#endif
