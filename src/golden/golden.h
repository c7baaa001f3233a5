/* golden.h: an enterprise's golden record: for every profile field, every
 * value any source gives it (the Udyam registration, GST returns, credit
 * reporting, clusters, training records, beneficiary lists, the
 * entrepreneur on the portal, an officer), each with its provenance, and
 * the one that survives by the written rule of data/survivorship.csv
 * (core/survivorship.h).
 *
 * This is the one place a profile is assembled from the store: the portal's
 * pages, the API and the officer's view all load it here, so a fact given
 * once counts everywhere, and every shown value can say where it came from. */
#ifndef SAMANVAY_GOLDEN_H
#define SAMANVAY_GOLDEN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/enterprise.h"
#include "core/err.h"
#include "core/profile.h"
#include "core/survivorship.h"
#include "store/store.h"

/* Most candidate values one record holds (every field × every source fits). */
#define GOLDEN_VALUES_MAX (PF_COUNT * GS_COUNT)

struct golden_value {
    enum profile_field field;
    struct golden_candidate key;     /* source, as-of date, recording order */
    json_t *value;                   /* owned: the value as profile JSON (null = known absent) */
    /* provenance: a feed's file and row (row 0: derived from several rows,
     * `detail` says which), or who gave it on the portal and when */
    char feed[16];
    int64_t file_id, row;
    char file[128];
    char detail[128];
    int64_t user_id;
    char at[24];                     /* ISO 8601 UTC */
    char note[256];                  /* an officer's reason */
    bool corrected;                  /* given on the portal to replace the record's value */
    char replaced[128];              /* that value, as JSON text */
};

struct golden_record {
    struct enterprise ent;           /* the stored enterprise row */
    struct profile profile;          /* the surviving values (owned) */
    struct golden_value *values;     /* every candidate (owned) */
    size_t n, cap;
    int winner[PF_COUNT];            /* index into values; -1 when none survives */
};

/* Assemble enterprise `id` as of `today`; *found is false when there is no
 * such enterprise (g is then empty but must still be freed). */
int golden_record_load(struct store *s, const struct survivorship *rules, int64_t id,
                       int32_t today, struct golden_record *g, bool *found, struct err *e);
void golden_record_free(struct golden_record *g);

/* The surviving value of field f, or NULL. */
const struct golden_value *golden_winner(const struct golden_record *g, enum profile_field f);

#endif
