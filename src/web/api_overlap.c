/* api_overlap.c: GET /api/v1/overlap, the overlap report of the reader's
 * area as JSON for readers of aggregates (docs/overlap.md).
 *
 * The same area, need and refusals as the /overlap page (overlap_view.h),
 * and the shape of `samanvay overlap --json --awareness` with every small
 * count withheld and double funding by pair of schemes only
 * (overlap_report_public_json): no enterprise is named, so nothing here is
 * audited. */
#include "analytics/overlap_report.h"
#include "web/overlap_view.h"
#include "web/routes.h"

static int refuse(struct web_response *rs, enum overlap_refusal why)
{
    switch (why) {
    case OVERLAP_NO_AREA: return web_response_error(rs, 403, "forbidden", "this account has no area assigned");
    case OVERLAP_DISTRICT:
        return web_response_error(rs, 403, "forbidden", "aggregates are for a state or the country, not a district");
    case OVERLAP_OUTSIDE: return web_response_error(rs, 403, "forbidden", "that state is outside this account's area");
    default:
        return web_response_error(rs, 400, "bad_field",
                                  "state must be a GST state code, purpose a need purpose or unknown, amount whole "
                                  "rupees or unknown");
    }
}

int api_overlap(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct overlap_options o;
    struct overlap_view_run run;
    json_t *root;
    int state;
    enum overlap_refusal why = overlap_view_area(rq, &state);

    if (why == OVERLAP_OK)
        why = overlap_view_options(rq, &o);
    if (why != OVERLAP_OK)
        return refuse(rs, why);
    o.state = state;
    if (overlap_view_load(rq, &o, &run, e) != 0)
        return -1;
    root = overlap_report_public_json(run.report);
    overlap_view_release(rq, &run);
    if (root == NULL)
        return err_set(e, "out of memory");
    return web_response_json(rs, 200, root);
}
