/* api_insights.c: GET /api/v1/enterprises/{id}/insights, one stored
 * enterprise's market insights and sustainability exactly as `samanvay
 * insights --json` prints them (enterprise_insights_json, docs/insights.md):
 * its growth and export share among peers (aggregates only), the
 * procurement targets and fair support it qualifies for, its declared
 * energy and CO2, its division's benchmark, ESG readiness and green
 * schemes. Read under the same scope and audit as GET
 * /api/v1/enterprises/{id} (enterprise_access.c): an entrepreneur reads
 * only their own enterprise, an officer one in their area, and every
 * official read is on the audit log before the answer leaves. */
#include "golden/enterprise_insights.h"
#include "web/enterprise_access.h"
#include "web/request.h"
#include "web/routes.h"

int api_enterprise_insights(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct insights_env env = {rq->app->ref, rq->app->survivorship, rq->app->insight_tables,
                               rq->app->emission_factors, rq->app->catalog, rq->today};
    /* An entrepreneur's GET already runs in one read snapshot (server.c);
     * an official's wrote its audit row first, so takes its own here:
     * peers, declarations and benchmarks are read as of one moment. */
    bool own_snapshot = rq->session->user.role != AUTH_ROLE_ENTREPRENEUR;
    struct enterprise_insights x;
    struct enterprise ent;
    bool found = false;
    int rc = enterprise_access_load(rq, rs, "enterprise.insights", &ent, e);

    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    if (own_snapshot && store_begin_read(rq->store, e) != 0)
        return -1;
    rc = enterprise_insights_load(rq->store, &env, ent.id, &x, &found, e);
    if (own_snapshot)
        store_rollback(rq->store); /* read only: nothing to keep */
    if (rc == 0 && !found)
        rc = err_set(e, "insights: enterprise %lld went away while read", (long long)ent.id);
    if (rc == 0 && web_response_json(rs, 200, enterprise_insights_json(&env, &x)) != 0)
        rc = err_set(e, "insights: out of memory");
    enterprise_insights_free(&x);
    return rc;
}
