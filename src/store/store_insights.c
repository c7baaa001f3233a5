/* store_insights.c: see store_insights.h. Portable SQL (SQLite 3.40 and
 * PostgreSQL 15); months are 'YYYY-MM' text, so GST windows are string
 * comparisons on bound bounds. */
#include "store/store_insights.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "store/db.h"
#include "store/store_consent_sql.h"
#include "store/store_list.h"

int store_insights_latest_period(struct store *s, char out[8], struct err *e)
{
    static const char sql[] =
        "SELECT MAX(period) FROM gst_return WHERE filed_on IS NOT NULL";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    out[0] = '\0';
    if (st == NULL)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        col_text(st, 0, out, 8);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int read_peer(struct db_stmt *st, void *row, struct err *e)
{
    struct market_peer *p = row;
    int64_t turnover, exports;
    double cur, prev;

    (void)e;
    p->id = db_column_int64(st, 0);
    p->state = atoi(db_column_text(st, 1));
    col_text(st, 2, p->district, sizeof p->district);
    cur = db_column_double(st, 3);
    prev = db_column_double(st, 4);
    /* Growth needs turnover in both windows: a firm with none in the
     * earlier year has no growth rate, not an infinite one. */
    p->has_growth = !db_column_is_null(st, 3) && !db_column_is_null(st, 4) && prev > 0;
    p->growth = p->has_growth ? cur / prev - 1.0 : 0.0;
    turnover = db_column_is_null(st, 5) ? -1 : db_column_int64(st, 5);
    exports = db_column_is_null(st, 6) ? -1 : db_column_int64(st, 6);
    p->has_export = turnover > 0 && exports >= 0 && exports <= turnover;
    p->export_share = p->has_export ? (double)exports / (double)turnover : 0.0;
    return 0;
}

void store_nic_prefix_end(const char *prefix, char end[8])
{
    size_t n = strlen(prefix);
    bool digits = n > 0 && strspn(prefix, "0123456789") == n && strspn(prefix, "9") != n;

    snprintf(end, 8, "%s", prefix);
    n = strlen(end);
    if (n == 0)
        return;
    if (!digits) {
        end[n - 1] = (char)(end[n - 1] + 1);
        return;
    }
    for (size_t i = n; i-- > 0;) {
        if (end[i] != '9') {
            end[i]++;
            return;
        }
        end[i] = '0'; /* carry */
    }
}

int store_insights_peers(struct store *s, const char *group, const char *start, const char *cut,
                         const char *end, struct market_peer **out, size_t *n, struct err *e)
{
    /* Driven from the group's enterprises, each summing its own returns
     * through gst_return(enterprise_id, period): a CTE over every return
     * in the window read the whole table for one small group. A peer's
     * returns are a statistic about the group: consent for STATISTICS
     * (docs/consent.md), else its windows read as not filed. */
    static const char sql[] =
        "SELECT e.id, e.state, upper(COALESCE(e.district, '')),"
        " (SELECT SUM(r.taxable_value_paise) FROM gst_return r WHERE r.enterprise_id = e.id"
        "  AND r.period > $3 AND r.period <= $4 AND r.filed_on IS NOT NULL"
        "  AND " CONSENT_OK("e.id", "'gst'", "$6", "$7", "$8") "),"
        " (SELECT SUM(r.taxable_value_paise) FROM gst_return r WHERE r.enterprise_id = e.id"
        "  AND r.period > $2 AND r.period <= $3 AND r.filed_on IS NOT NULL"
        "  AND " CONSENT_OK("e.id", "'gst'", "$6", "$7", "$8") "),"
        " e.turnover_paise, e.exports_paise"
        " FROM enterprise e WHERE e.nic >= $1 AND e.nic < $5 AND substr(e.nic, 1, 3) = $1"
        " ORDER BY e.id";
    struct row_list l = ROW_LIST(struct market_peer, 10000000);
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char hi[8];

    if (st == NULL)
        return -1;
    /* The range seeks enterprise_nic (store_nic_prefix_end). */
    store_nic_prefix_end(group, hi);
    if (bind_str(st, 1, group) || bind_str(st, 2, start) || bind_str(st, 3, cut)
        || bind_str(st, 4, end) || bind_str(st, 5, hi)
        || store_consent_bind(s, st, 6, CONSENT_GST, CONSENT_STATISTICS))
        return err_set(e, "cannot bind the peer group");
    if (row_list_fill(&l, st, read_peer, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    *out = l.items;
    *n = l.n;
    return 0;
}
