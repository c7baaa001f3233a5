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

/* Which rows a value derived from a feed stands on, as a kind and its
 * arguments rather than a sentence: the words belong to the pages
 * (web/profile_view.c), which say them in the reader's language. The
 * comment of each kind says which arguments it fills. */
enum golden_detail_kind {
    GD_NONE,
    GD_GST_RETURNS,       /* n[0] returns filed in the 12 months to s[0] ('YYYY-MM') */
    GD_GST_OVERDUE,       /* n[0] of the n[1] returns on file are overdue; the oldest for s[0]
                             ('YYYY-MM'), due on s[1] */
    GD_CLUSTER_MEMBER,    /* member of cluster s[0] in role s[1] (core/cluster.h cluster_roles) */
    GD_CREDIT_NPA,        /* facility s[0] was an NPA in s[1] ('YYYY-MM'), n[0] days past due */
    GD_CREDIT_NEVER_NPA,  /* n[0] facilities, n[1] monthly reports to s[0] ('YYYY-MM'), none NPA */
    GD_CREDIT_SCHEMES,    /* n[0] facilities under a scheme; the latest s[0], sanctioned on s[1] */
    GD_SKILLING,          /* training record s[0] of programme s[1], started on s[2] */
    GD_SKILLING_AGE,      /* born in n[0], by training record s[0] */
    GD_BENEFICIARY,       /* n[0] rows of schemes' lists; the latest s[1] of scheme s[0],
                             linked by s[2] (store_beneficiary.h link_method_name) */
};

#define GOLDEN_DETAIL_TEXT 64          /* bytes of one text argument, including NUL */

struct golden_detail {
    enum golden_detail_kind kind;
    int64_t n[2];
    char s[3][GOLDEN_DETAIL_TEXT];
};

struct golden_value {
    enum profile_field field;
    struct golden_candidate key;     /* source, as-of date, recording order */
    json_t *value;                   /* owned: the value as profile JSON (null = known absent) */
    /* provenance: a feed's file and row (row 0: derived from several rows,
     * `detail` says which), or who gave it on the portal and when */
    char feed[16];
    int64_t file_id, row;
    char file[128];
    struct golden_detail detail;     /* derived from several rows, or one row's reading of them */
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
