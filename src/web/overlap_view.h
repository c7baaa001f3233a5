/* overlap_view.h: what the overlap and awareness pages share
 * (page_overlap.c, page_awareness.c; docs/overlap.md): who reads which
 * area, the need assumed of every enterprise (?purpose, ?amount), and the
 * overlap run loaded from the store for that area.
 *
 * Aggregates (the matrix, the awareness gap by district) are for
 * policymakers and for officers and admins whose area is a state or the
 * country: a district officer is refused there, since a district's cells
 * would be his alone at that grain; his view is the outreach list. */
#ifndef SAMANVAY_OVERLAP_VIEW_H
#define SAMANVAY_OVERLAP_VIEW_H

#include <stdbool.h>

#include "core/buf.h"
#include "store/store_overlap.h"
#include "web/overlap_cache.h"
#include "web/request.h"

/* Refusals, as the pages answer them. */
enum overlap_refusal {
    OVERLAP_OK = 0,
    OVERLAP_NO_AREA,       /* 403: an official with no area */
    OVERLAP_DISTRICT,      /* 403: a district's reader on an aggregate page */
    OVERLAP_OUTSIDE,       /* 403: ?state outside the reader's state */
    OVERLAP_BAD_QUERY,     /* 400: a bad ?state, ?purpose, ?amount, ?scheme, ?district */
};

/* The state an aggregate page reads: *state 0 for the country. */
enum overlap_refusal overlap_view_area(const struct web_request *rq, int *state);

/* The need from ?purpose (a purpose, or "unknown") and ?amount (rupees,
 * or "unknown"); defaults OVERLAP_DEFAULT_*. The date is today. */
enum overlap_refusal overlap_view_options(const struct web_request *rq, struct overlap_options *o);

/* Answer a refusal. 0, or -1 on out of memory. */
int overlap_view_refuse(struct web_request *rq, struct web_response *rs, enum overlap_refusal why,
                        struct err *e);

/* A run as a page holds it: shared and read-only, kept on the server
 * until the next ingest or application (overlap_cache.h). */
struct overlap_view_run {
    struct overlap_kept *kept;
    const struct overlap_report *report;
    const struct batch_columns *cols;
    double ms;              /* how long the run took when it was made */
    bool cached;            /* served from the kept one */
};

/* The run over o->state's enterprises (0: all): the kept one when its
 * data and options are current, else made and kept. Release it with
 * overlap_view_release. */
int overlap_view_load(struct web_request *rq, const struct overlap_options *o, struct overlap_view_run *run,
                      struct err *e);
void overlap_view_release(struct web_request *rq, struct overlap_view_run *run);
/* "Computed in N ms, kept until the next data load." in a <p class="note">. */
int overlap_view_timing(struct buf *b, const struct web_request *rq, const struct overlap_view_run *run);

/* A GET form to `action` that changes the need: begin writes the form
 * and the need's fields (a page adds its own fields after it), end the
 * hidden state (when not 0) and the button. */
int overlap_view_form_begin(struct buf *b, const struct web_request *rq, const struct overlap_options *o,
                            const char *action);
int overlap_view_form_end(struct buf *b, int state);
/* The need and the state as a query ("purpose=…&amp;amount=…[&amp;state=NN]"),
 * for links that keep them. */
int overlap_view_query(struct buf *b, const struct overlap_options *o, int state);
/* "working capital, ₹5,00,000" in the reader's language. */
int overlap_view_need_text(struct buf *b, const struct web_request *rq, const struct overlap_options *o);
/* A div.wide that scrolls sideways on a phone, focusable so the keyboard
 * can scroll it, named `label`; and one opening a table captioned so. */
int overlap_view_wide(struct buf *b, const char *label);
int overlap_view_table(struct buf *b, const char *caption);
/* The state's name in the reader's language, or "India" for 0. */
const char *overlap_view_place(const struct web_request *rq, int state);

#endif
