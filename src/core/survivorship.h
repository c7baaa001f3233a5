/* survivorship.h: which source's value of a field the golden record keeps.
 *
 * Many sources may say something about one field of an enterprise (the
 * Udyam registration, GST returns, the entrepreneur on the portal, an
 * officer). The rule, written down in data/survivorship.csv, is: the most
 * trusted source for that field wins; among equally trusted sources the
 * most recent value wins; a source not named for a field is never used
 * for it. The table's `why` column says why each order is what it is.
 *
 * A table is immutable once loaded and may be shared between threads. */
#ifndef SAMANVAY_SURVIVORSHIP_H
#define SAMANVAY_SURVIVORSHIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/profile.h"

enum golden_source {
    GS_NONE = 0,
    GS_OFFICER,       /* an officer's correction (with author and reason) */
    GS_UDYAM,         /* the Udyam registration feed */
    GS_SELF,          /* given or corrected by the entrepreneur on the portal */
    GS_REGISTERED,    /* typed in when registering on the portal */
    GS_GST,           /* derived from GST returns */
    GS_CREDIT,        /* derived from lenders' credit reporting */
    GS_CLUSTER,       /* the cluster membership feed */
    GS_SKILLING,      /* a training record linked to the owner */
    GS_BENEFICIARY,   /* a scheme's legacy beneficiary list */
    GS_COUNT
};

/* "officer", "udyam", ... as in the table; NULL for GS_NONE. */
const char *golden_source_name(enum golden_source s);
enum golden_source golden_source_from_name(const char *name, size_t len);

struct survivorship;

/* Parse a table (CSV: field,trust,why; `name` is for messages). A field is
 * a profile path or `*` (the default, required); trust is source names
 * joined by `>` (more trusted first) or `=` (equally trusted). */
int survivorship_parse(const char *text, size_t len, const char *name, struct survivorship **out,
                       struct err *e);
/* The table built into the binary (data/survivorship.csv). */
int survivorship_load(struct survivorship **out, struct err *e);
void survivorship_free(struct survivorship *t);

/* How much field f trusts source s: higher is more trusted, 0 = never used. */
int survivorship_rank(const struct survivorship *t, enum profile_field f, enum golden_source s);

struct golden_candidate {
    enum golden_source source;
    int32_t as_of;       /* date the value was true or given (core/date.h); DATE_UNKNOWN sorts first */
    int64_t seq;         /* breaks a tie of the same day: the later-recorded value wins */
};

/* Index of the value that survives among n candidates for field f, or
 * -1 when no candidate's source may be used for f. */
int survivorship_choose(const struct survivorship *t, enum profile_field f,
                        const struct golden_candidate *c, size_t n);

#endif
