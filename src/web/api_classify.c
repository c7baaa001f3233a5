/* api_classify.c: POST /api/v1/classify.
 *
 * Body: {"investment": RS, "turnover": RS, "exports"?: RS, "on"?: DATE,
 * "activity"?: "manufacturing"|"services"|"trading"}, amounts in rupees
 * with at most two decimals, turnover including exports. The answer has
 * the keys of `samanvay classify --json`. Every fault in the body is a 400
 * that names the field, so a client can fix it without guessing. */
#include "core/classify.h"
#include "web/classify_request.h"
#include "web/request.h"
#include "web/routes.h"

int api_classify(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct classify_input in;
    struct classify_result r;
    struct err why;
    char msg[320];
    int rc;

    if (!web_is_json(rq->content_type))
        return web_response_error(rs, 415, "unsupported_media_type",
                                  "send the body as Content-Type: application/json");
    rc = classify_request_parse(rq->body, rq->body_len, rq->today, &in, msg, sizeof msg);
    if (rc != 0)
        return web_response_error(rs, 400, rc == CLASSIFY_REQUEST_BAD_JSON ? "bad_json" : "bad_field",
                                  "%s", msg);
    if (classify(rq->app->ref, &in, &r, &why) != 0)
        return web_response_error(rs, 400, "bad_input", "%s", why.msg);
    if (web_response_json(rs, 200, classify_result_json(&in, &r)) != 0)
        return err_set(e, "classify: out of memory");
    return 0;
}
