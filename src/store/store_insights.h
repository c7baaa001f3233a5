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

/* The NIC codes starting with `prefix` (a division "13", a group "131")
 * as the range [prefix, *end), which the index enterprise_nic (migration
 * 0021) seeks; `substr(nic, 1, k) = ?` can use no index and reads every
 * enterprise. NIC codes are digits (validated at ingest), so *end is the
 * next prefix, "131" -> "132", "139" -> "140": digit strings of one length
 * order alike under any collation. A prefix of nines (NIC-2008 has none)
 * or of other characters ends at its last byte plus one, exact in bytewise
 * order (SQLite's BINARY). Callers keep the substr test beside the range,
 * so the answer stays exact should a code not be digits. */
void store_nic_prefix_end(const char *prefix, char end[8]);

/* The latest GST return period on file ('YYYY-MM'; "" when none). */
int store_insights_latest_period(struct store *s, char out[8], struct err *e);

/* Every enterprise of NIC group `group` (3 digits) with its growth (taxable
 * value filed in (cut, end] over that in (start, cut]) and export share;
 * periods 'YYYY-MM'. Free *out with mem_free. */
int store_insights_peers(struct store *s, const char *group, const char *start, const char *cut,
                         const char *end, struct market_peer **out, size_t *n, struct err *e);

#endif
