/* privacy_correction.h: correction requests on the pages that show them
 * (docs/privacy.md, "Correction requests"): the entrepreneur's form and
 * list on /privacy, and the pending ones in the officer's worklist. The
 * routes themselves are page_privacy_correction.c. */
#ifndef SAMANVAY_PRIVACY_CORRECTION_H
#define SAMANVAY_PRIVACY_CORRECTION_H

#include "core/buf.h"
#include "core/err.h"
#include "web/profile_view.h"
#include "web/request.h"

/* The "ask for a correction" section of /privacy for v's enterprise:
 * a field chooser, the form for `field` (-1: none chosen) with `error`
 * (NULL: none), and the enterprise's requests with their status. */
int privacy_put_corrections(struct buf *b, struct web_request *rq, const struct profile_view *v,
                            int field, const char *error, struct err *e);
/* The field of ?field= / field= when the entrepreneur may ask about it, or -1. */
int privacy_correction_field(const char *text);
/* The worklist's section: pending requests in the officer's scope. */
int privacy_put_correction_worklist(struct buf *b, struct web_request *rq, const char *gst_state,
                                    const char *district, struct err *e);

#endif
