/* api_sustainability.c: GET /api/v1/sustainability, the aggregates of the
 * /sustainability page as JSON (docs/sustainability.md): CO2 intensity
 * benchmarks by NIC division and registered clusters' totals, in the shape
 * of `samanvay sustainability --clusters --json`
 * (sustainability_overview_public_json) with every count of 1 to 4 withheld
 * (null) beside the figures already withheld under 5. The same readers as
 * the page: officers, admins and policymakers, not a district officer
 * (national figures, every registered cluster named). No enterprise is
 * named or read, so nothing here is audited. */
#include "golden/sustainability_overview.h"
#include "web/access_scope.h"
#include "web/request.h"
#include "web/routes.h"

int api_sustainability(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct sustainability_overview o;
    int rc = 0;

    /* Not for district officers: the router's SCOPE_NATIONAL. */
    if (sustainability_overview_load(rq->store, rq->app->emission_factors, &o, e) != 0)
        return -1;
    if (web_response_json(rs, 200, sustainability_overview_public_json(&o, rq->app->emission_factors)) != 0)
        rc = err_set(e, "sustainability: out of memory");
    sustainability_overview_free(&o);
    return rc;
}
