/* store_resolve.h: deterministic links from an identifier to the
 * enterprise on file (issue 5: Udyam number, PAN, and a GSTIN's embedded
 * PAN), shared by the feeds that point at enterprises (gst, credit,
 * skilling). Record linkage of rows without identifiers is elsewhere.
 *
 * Every function returns 0 or -1 with the reason in `e`; "not on file" is
 * *found = false, not an error. */
#ifndef SAMANVAY_STORE_RESOLVE_H
#define SAMANVAY_STORE_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* The enterprise with this Udyam number, and its PAN ("" when none). */
int store_resolve_udyam(struct store *s, const char *udyam, int64_t *id, char pan[11], bool *found,
                        struct err *e);
/* The enterprise holding this PAN (one per PAN, S.O. 2119(E)). */
int store_resolve_pan(struct store *s, const char *pan, int64_t *id, bool *found, struct err *e);
/* The enterprise this GSTIN is registered to. */
int store_resolve_gstin(struct store *s, const char *gstin, int64_t *id, bool *found,
                        struct err *e);
/* Record that a GSTIN belongs to enterprise id; `src_feed` says who vouches
 * for it ('gst': learned from its returns). A GSTIN already on file keeps
 * its enterprise. */
int store_resolve_add_gstin(struct store *s, const char *gstin, int64_t id, const char *src_feed,
                            struct err *e);
/* Create the enterprise of a GST filer not on Udyam: no Udyam number, the
 * GSTIN's embedded PAN, its state, no name (the GST feed carries none),
 * provenance (src_feed 'gst', file, row); then its GSTIN. A Udyam row with
 * that PAN later fills this same enterprise (store_enterprise_upsert). */
int store_resolve_new_gst_entity(struct store *s, const char *gstin, int state, int64_t file,
                                 int64_t row, int64_t *id, struct err *e);

#endif
