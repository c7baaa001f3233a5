/* store_gst.h: GST returns (migration 0006, docs/data-feeds.md §2), keyed
 * by (gstin, return_type, period), each attached to its filer's enterprise:
 * through the GSTIN, else through its embedded PAN, else a new enterprise
 * for a filer not on Udyam (store_resolve.h). */
#ifndef SAMANVAY_STORE_GST_H
#define SAMANVAY_STORE_GST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

struct gst_return {
    char gstin[16];
    char return_type[8];          /* GSTR3B | CMP08 */
    char frequency[12];           /* monthly | quarterly */
    char period[8];               /* YYYY-MM */
    int filer_state;              /* GST state code of the GSTIN (current code) */
    int32_t due_on;
    int32_t filed_on;             /* DATE_UNKNOWN: not filed */
    int64_t taxable_value, tax;   /* paise; -1 not given */
    uint64_t content_hash;        /* of every field above */
    int64_t src_file, src_row;    /* provenance, set by the caller */
};

uint64_t gst_return_hash(const struct gst_return *r);

enum gst_link {
    GST_LINK_GSTIN,               /* the GSTIN was on file */
    GST_LINK_PAN,                 /* its embedded PAN was: the GSTIN was added to that enterprise */
    GST_LINK_NEW,                 /* neither: an enterprise was created for the filer */
};

struct gst_put_result {
    enum upsert_outcome outcome;  /* store_keyed.h; never PAN_CONFLICT */
    int64_t other_row;            /* DUPLICATE / CONFLICT: the earlier row of this file */
    int64_t enterprise_id;        /* INSERTED / UPDATED / REFRESHED */
    enum gst_link link;
};

/* Store one return (inside the caller's transaction). */
int store_gst_return_put(struct store *s, const struct gst_return *r, struct gst_put_result *out,
                         struct err *e);
/* Store n returns at once, each with the outcome store_gst_return_put
 * would give it taken in order (store_gst_batch.c): through COPY, where
 * store_batch_supported says the backend has it. */
int store_gst_return_put_batch(struct store *s, const struct gst_return *const *rows, size_t n,
                               struct gst_put_result *out, struct err *e);
/* The filer's enterprise for r (out->enterprise_id, out->link): by GSTIN,
 * by the GSTIN's PAN, or a new enterprise. */
int store_gst_find_filer(struct store *s, const struct gst_return *r, struct gst_put_result *out,
                         struct err *e);
/* An enterprise's turnover as its filed returns show it: the taxable value
 * of the twelve months ending with its latest filed period, over all its
 * GSTINs. `complete` only when every GSTIN that filed in those months
 * filed for all twelve (a gap makes the sum an undercount, so it is not
 * offered as the turnover). */
#define GST_TURNOVER_ROWS_MAX 600     /* 12 months x up to 50 GSTINs */
struct gst_turnover {
    bool filed;                   /* any filed return at all */
    bool complete;
    int64_t turnover;             /* paise, when complete */
    int last_month;               /* date.h month index of the latest filed period */
    int returns;                  /* returns in the window */
    char return_type[8];          /* of the latest return: GSTR3B | CMP08 */
    bool quarterly;               /* the latest return was quarterly */
    int64_t src_file, src_row;    /* the latest return's feed row */
};
int store_gst_turnover(struct store *s, int64_t enterprise_id, struct gst_turnover *out,
                       struct err *e);

/* An enterprise's returns of the periods from `first_period` ('YYYY-MM',
 * "" for all) on, oldest first, for its compliance calendar: *out is an
 * owned array of gst_return (with src_file and src_row; filer_state 0;
 * free it with mem_free). At most GST_FILINGS_MAX rows (about four years
 * of monthly returns for 50 GSTINs): more is an error, never a silent cut. */
#define GST_FILINGS_MAX 2400
int store_gst_filings(struct store *s, int64_t enterprise_id, const char *first_period,
                      struct gst_return **out, size_t *n, struct err *e);

/* The returns on file as not filed whose due date is before `today` (the
 * calendar's "overdue"), over all the enterprise's GSTINs: how many, the
 * oldest's period and due date, and the latest such row (provenance).
 * `on_file` is how many returns the enterprise has at all: with none, the
 * feed says nothing of its standing. */
struct gst_overdue {
    int64_t on_file;
    int64_t overdue;
    char oldest_period[8];        /* 'YYYY-MM' */
    int32_t oldest_due;
    int64_t src_file, src_row;    /* the oldest overdue row, else the latest row on file */
};
int store_gst_overdue(struct store *s, int64_t enterprise_id, int32_t today,
                      struct gst_overdue *out, struct err *e);

/* Returns stored for one enterprise (for tests and, later, the profile). */
int store_gst_return_count(struct store *s, int64_t enterprise_id, int64_t *n, struct err *e);

#endif
