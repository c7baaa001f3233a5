/* store_insights.h: what the market insights read (issue 8): the latest
 * GST month on file, which every firm's growth window ends at, and the
 * enterprises of a NIC group with their turnover in two 12-month windows
 * and their export share. Portable SQL. */
#ifndef SAMANVAY_STORE_INSIGHTS_H
#define SAMANVAY_STORE_INSIGHTS_H

#include <stddef.h>

#include "analytics/market.h"
#include "core/err.h"
#include "store/store.h"

/* The latest GST return period on file ('YYYY-MM'; "" when none). */
int store_insights_latest_period(struct store *s, char out[8], struct err *e);

/* Every enterprise of NIC group `group` (3 digits) with its growth (taxable
 * value filed in (cut, end] over that in (start, cut]) and export share;
 * periods 'YYYY-MM'. Free *out with mem_free. */
int store_insights_peers(struct store *s, const char *group, const char *start, const char *cut,
                         const char *end, struct market_peer **out, size_t *n, struct err *e);

#endif
