#include "ingest/feed_result.h"

#include <stdio.h>

void feed_result_from_upsert(struct feed_store_result *r, enum upsert_outcome o, int64_t other_row,
                             const char *key)
{
    r->msg[0] = '\0';
    switch (o) {
    case UPSERT_INSERTED: r->outcome = FEED_INSERTED; return;
    case UPSERT_UPDATED: r->outcome = FEED_UPDATED; return;
    case UPSERT_REFRESHED:
    case UPSERT_UNCHANGED: r->outcome = FEED_UNCHANGED; return;
    case UPSERT_DUPLICATE:
        r->reason = R_DUPLICATE_ROW;
        snprintf(r->msg, sizeof r->msg, "identical to row %lld of this file", (long long)other_row);
        break;
    case UPSERT_CONFLICT:
    case UPSERT_PAN_CONFLICT:
        r->reason = R_CONFLICTING_DUPLICATE;
        snprintf(r->msg, sizeof r->msg, "%s is also on row %lld of this file, with other values",
                 key, (long long)other_row);
        break;
    }
    r->outcome = FEED_QUARANTINE;
}

int feed_enterprise_by_udyam(struct store *s, const char *udyam, int64_t *id,
                             struct feed_store_result *r, struct err *e)
{
    bool found;

    *id = 0;
    if (store_enterprise_find_udyam(s, udyam, id, &found, e) != 0)
        return -1;
    if (found)
        return 1;
    feed_unknown_udyam(udyam, r);
    return 0;
}

void feed_unknown_udyam(const char *udyam, struct feed_store_result *r)
{
    r->outcome = FEED_QUARANTINE;
    r->reason = R_UNKNOWN_REFERENCE;
    snprintf(r->msg, sizeof r->msg, "udyam_number %.19s is not an enterprise on file", udyam);
}
