/* api_msmed.c: POST /api/v1/msmed/interest, the delayed-payment
 * calculator as JSON (MSMED Act ss.15-16, Income-tax s.43B(h)).
 *
 * Public and stateless: it reads no session and writes nothing, so the
 * route is ACCESS_PUBLIC | ACCESS_STATELESS and needs no CSRF token (a
 * forged cross-site request could only make the caller compute interest).
 * Body: msmed_request.h. A body that is not JSON is 400; a field that is
 * wrong, or dates the engine cannot compute (before the Bank Rate table),
 * is 422 naming it. */
#include "calendar/msmed_json.h"
#include "web/msmed_calc.h"
#include "web/msmed_request.h"
#include "web/request.h"
#include "web/routes.h"

int api_msmed_interest(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct msmed_request in;
    struct msmed_calc calc;
    struct err why;
    char msg[320];
    json_t *root;
    int rc;

    if (!web_is_json(rq->content_type))
        return web_response_error(rs, 415, "unsupported_media_type",
                                  "send the body as Content-Type: application/json");
    rc = msmed_request_parse(rq->body, rq->body_len, rq->today, &in, msg, sizeof msg);
    if (rc == MSMED_REQUEST_BAD_JSON)
        return web_response_error(rs, 400, "bad_json", "%s", msg);
    if (rc != MSMED_REQUEST_OK)
        return web_response_error(rs, 422, "bad_field", "%s", msg);
    if (msmed_calc_run(rq->app, &in, &calc, &why) != 0)
        return web_response_error(rs, 422, "bad_input", "%s", why.msg);
    root = msmed_calc_json(&calc, in.as_of);
    msmed_calc_free(&calc);
    if (root == NULL || web_response_json(rs, 200, root) != 0)
        return err_set(e, "msmed: out of memory");
    return 0;
}
