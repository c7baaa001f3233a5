/* api_session.c: GET /api/v1/session, the caller's account and the CSRF
 * token that API clients send back in X-CSRF-Token on every POST. */
#include "web/request.h"
#include "web/routes.h"

int api_session(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    json_t *root = json_pack("{s:s, s:s, s:s?, s:s?, s:s}",
                             "username", u->username, "role", auth_role_name(u->role),
                             "state", u->state[0] ? u->state : NULL,
                             "district", u->district[0] ? u->district : NULL,
                             "csrf", rq->session->row.csrf);

    if (root != NULL && u->enterprise_id > 0)
        json_object_set_new(root, "enterprise_id", json_integer(u->enterprise_id));
    if (web_response_json(rs, 200, root) != 0)
        return err_set(e, "session: out of memory");
    return 0;
}
