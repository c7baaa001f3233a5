/* authz.h: the scope check, run by the server after the route's access
 * column passed and before its handler (router.h, enum route_scope; the
 * rules are docs/security.md's, Authorisation). It decides, once, whose
 * data the caller may see on this route and writes what it resolved to
 * rq->grant; handlers read the grant and never decide scope themselves.
 *
 * An official's GET of an enterprise's record (SCOPE_ENTERPRISE,
 * APPLICATION, BUNDLE, GRIEVANCE) outside their worklist
 * (store_authz_in_worklist) needs ?reason=: without one a page answers
 * 428 with a form asking for it, the API 428 with error code
 * reason_required. The reason goes to rq->grant.reason, which the
 * handler's audit row carries; it covers that official's reads of the
 * same enterprise for AUTHZ_REASON_HOLDS seconds (found in audit_log). */
#ifndef SAMANVAY_WEB_AUTHZ_H
#define SAMANVAY_WEB_AUTHZ_H

#include "core/err.h"
#include "web/request.h"

#define AUTHZ_REASON_MAX 200  /* bytes of ?reason= */
#define AUTHZ_REASON_HOLDS 3600 /* seconds a reason covers the same enterprise */

enum { AUTHZ_PASS = 0, AUTHZ_ANSWERED = 1 };

/* AUTHZ_PASS with rq->grant filled; AUTHZ_ANSWERED when rs holds the
 * refusal (400, 403, 404, 428, or 500 for an undeclared scope); -1 with e
 * set for a fault of ours. */
int authz_check(struct web_request *rq, struct web_response *rs, struct err *e);

#endif
