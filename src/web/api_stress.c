/* api_stress.c: GET /api/v1/stress/watchlist, the watchlist as JSON.
 *
 *   {"month": "2026-03" | null, "threshold": 0.25, "total": 12, "offset": 0,
 *    "enterprises": [{"id", "name", "udyam", "state", "district", "nic",
 *      "sector", "probability", "since",
 *      "reasons": [{"code", "value", "months"?, "since", "contribution", "text"}],
 *      "help": ["rbi_revival_framework", "cgtmse", ...]}]}
 *
 * The same list, scope and audit as the page (stress_watch.c); `text` is
 * in the request's language (?lang=hi). */
#include <stdlib.h>

#include "analytics/stress_sector.h"
#include "web/routes.h"
#include "web/stress_watch.h"

#define API_STRESS_LIMIT 500

/* ?name=N: def when absent; -1 when not a whole number in [lo, hi]. */
static long query_long(const struct web_request *rq, const char *name, long def, long lo, long hi)
{
    long v = def;

    return web_query_long(rq, name, lo, hi, &v) < 0 ? -1 : v;
}

static json_t *reasons_json(const struct stress_watch_item *it)
{
    json_t *a = json_array();
    struct buf words = BUF_INIT;

    for (int i = 0; a && i < it->n_reasons; i++) {
        const struct stress_reason *r = &it->reasons[i];
        json_t *o;
        buf_reset(&words);
        if (stress_reason_text(r, &words) != 0
            || !(o = json_pack("{s:s, s:f, s:s, s:f, s:s}", "code", r->code, "value", r->value, "since",
                               r->since, "contribution", r->contribution, "text", buf_cstr(&words)))
            || (r->months > 0 && json_object_set_new(o, "months", json_integer(r->months)))
            || json_array_append_new(a, o)) {
            json_decref(a);
            a = NULL;
        }
    }
    buf_release(&words);
    return a;
}

static json_t *help_json(const struct stress_watch_item *it)
{
    bool want[HELP_COUNT];
    json_t *a = json_array();

    if (it->n_reasons > 0)
        stress_help_for(it->reasons, it->n_reasons, want);
    for (int h = 0; a && it->n_reasons > 0 && h < HELP_COUNT; h++) {
        const char *id = stress_help_scheme(h);
        if (want[h] && json_array_append_new(a, json_string(id ? id : "rbi_revival_framework"))) {
            json_decref(a);
            a = NULL;
        }
    }
    return a;
}

static json_t *item_json(const struct stress_watch_item *it)
{
    const struct stress_watch_row *r = &it->row;
    json_t *reasons = it->n_reasons < 0 ? json_null() : reasons_json(it);

    if (reasons == NULL)
        return NULL;
    return json_pack("{s:I, s:s, s:s?, s:s, s:s, s:s, s:s, s:f, s:s?, s:o, s:o}", "id",
                     (json_int_t)r->enterprise_id, "name", r->name, "udyam", r->udyam[0] ? r->udyam : NULL,
                     "state", r->gst_state, "district", r->district, "nic", r->nic, "sector",
                     stress_sector_id(stress_sector_of_nic(r->nic)), "probability", r->probability,
                     "since", r->since[0] ? r->since : NULL, "reasons", reasons, "help", help_json(it));
}

int api_stress_watchlist(struct web_request *rq, struct web_response *rs, struct err *e)
{
    long limit = query_long(rq, "limit", 100, 1, API_STRESS_LIMIT);
    long offset = query_long(rq, "offset", 0, 0, 1000000);
    struct stress_watch w;
    json_t *list, *root;
    int rc;

    if (limit < 0)
        return web_response_error(rs, 400, "bad_field", "limit must be 1 to %d", API_STRESS_LIMIT);
    if (offset < 0)
        return web_response_error(rs, 400, "bad_field", "offset must be 0 to 1000000");
    rc = stress_watch_load(rq, (size_t)offset, (size_t)limit, "stress.watchlist.read", &w, e);
    if (rc != 0) {
        stress_watch_release(&w);
        return rc < 0 ? -1 : web_response_error(rs, 403, "forbidden", "this account has no area assigned");
    }
    list = json_array();
    for (size_t i = 0; list && i < w.n; i++)
        if (json_array_append_new(list, item_json(&w.items[i])) != 0) {
            json_decref(list);
            list = NULL;
        }
    root = list ? json_pack("{s:s?, s:f, s:I, s:I, s:o}", "month", w.month[0] ? w.month : NULL, "threshold",
                            STRESS_ALERT_PROBABILITY, "total", (json_int_t)w.total, "offset",
                            (json_int_t)offset, "enterprises", list)
                : NULL;
    stress_watch_release(&w);
    if (root == NULL)
        return err_set(e, "out of memory");
    return web_response_json(rs, 200, root);
}
