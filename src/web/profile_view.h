/* profile_view.h: an enterprise's profile as the portal shows it: its
 * golden record (the value of every field that survives among the Udyam
 * feed or portal registration, the other feeds, and the facts given on the
 * portal), each field with where it came from.
 *
 * This is what an enterprise "gives once": every page and API call that
 * needs the profile (scheme finder, common application, officer trace)
 * loads it here, so a fact corrected on one page counts on all of them. */
#ifndef SAMANVAY_PROFILE_VIEW_H
#define SAMANVAY_PROFILE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/enterprise.h"
#include "core/err.h"
#include "core/profile.h"
#include "core/survivorship.h"
#include "golden/golden.h"
#include "store/store.h"

enum fact_origin {
    ORIGIN_NONE,        /* not known */
    ORIGIN_RECORD,      /* the stored record: a feed file's row */
    ORIGIN_REGISTERED,  /* typed in when registering on the portal */
    ORIGIN_SELF,        /* given or corrected by the entrepreneur */
    ORIGIN_OFFICER,     /* given or corrected by an officer */
};

struct fact_source {
    enum fact_origin origin;
    char file[128];     /* ORIGIN_RECORD: the file's name */
    int64_t row;        /* ORIGIN_RECORD: its row */
    char feed[16];      /* ORIGIN_RECORD: "udyam" */
    struct golden_detail detail; /* ORIGIN_RECORD: which rows, or what they show (profile_view_put_detail) */
    char at[12];        /* ORIGIN_SELF/OFFICER: the date given (UTC) */
    bool corrected;     /* it replaced what the record said */
    char replaced[128]; /* what it replaced, as JSON text */
};

struct profile_view {
    struct enterprise ent;
    struct profile profile;          /* the golden record's survivors; owned: profile_view_free */
    struct fact_source source[PF_COUNT];
    struct golden_record golden;     /* every source's value of every field (owned) */
};

/* Load enterprise `id` (its golden record, golden/golden.h); *found is
 * false when there is none. Free the view either way. */
int profile_view_load(struct store *s, const struct survivorship *rules, int64_t id,
                      int32_t today, struct profile_view *v, bool *found, struct err *e);
void profile_view_free(struct profile_view *v);

/* The source of one candidate value of the golden record, as the pages
 * describe it. */
void profile_view_source_of(const struct golden_value *w, struct fact_source *src);
/* What rows a feed's value stands on, as plain text (not HTML): in the
 * language of the calling thread's locale (web/i18n.h) when `translate`,
 * else in English, as the API and stored notes give it. Nothing for
 * GD_NONE. */
int profile_view_put_detail(struct buf *b, const struct golden_detail *d, bool translate);
/* Where a field came from, in words, in the page's language. */
int profile_view_put_source(struct buf *b, const struct fact_source *src, bool hindi);
/* A known fact as text for a reader ("₹12,50,000", "Manufacturing"). */
int profile_view_put_value(struct buf *b, const struct profile *p, enum profile_field f,
                           bool hindi);
/* A known fact as the text an input field holds (rupees without commas,
 * vocabulary codes, yes/no, ISO dates); "" when unknown. */
int profile_view_put_input(struct buf *b, const struct profile *p, enum profile_field f);

/* Form text for field f as the profile JSON value it stands for (a new
 * reference), checked by the profile's own reader; NULL with msg saying
 * why. Pure: the fuzz target drives it. */
json_t *profile_view_parse_input(enum profile_field f, const char *text, char *msg, size_t cap);

/* Give one field from form text (as profile_view_put_input writes it).
 * Returns 0 when stored or unchanged, 1 when the text is not valid for the
 * field (msg says why, in English for logs and API; the page shows its own
 * words), -1 on a fault. The view is reloaded by the caller. */
int profile_view_give(struct store *s, struct profile_view *v, enum profile_field f,
                      const char *text, int64_t user_id, const char *source, const char *note,
                      char *msg, size_t msg_cap, struct err *e);

/* Fields the entrepreneur may give or correct on the portal, in the order
 * the profile page shows them. */
const enum profile_field *profile_view_editable(size_t *n);

#endif
