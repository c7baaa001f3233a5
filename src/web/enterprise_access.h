/* enterprise_access.h: reading one enterprise through the API, the same
 * way for every route that does (GET /api/v1/enterprises/{id} and the
 * routes under it), so scope and audit cannot differ between them.
 *
 * {id} is the store id (digits) or a Udyam number. Who sees what:
 *  - an entrepreneur, only the enterprise linked to their account; any
 *    other id, existing or not, is 403, so the API is no oracle for
 *    which Udyam numbers are registered;
 *  - an officer, enterprises in their state (and district, when the
 *    account has one); an officer account without a state sees nothing;
 *  - an admin, their scope, or every enterprise when they have none.
 * The router decides who sees what (route scope SCOPE_ENTERPRISE,
 * web/authz.c) before the handler runs. Every read by an officer or an
 * admin appends to audit_log before the data leaves; if the audit row
 * cannot be written, nothing is sent. The reason is ?reason= (printable,
 * at most AUTHZ_REASON_MAX bytes), needed outside the official's
 * worklist. */
#ifndef SAMANVAY_ENTERPRISE_ACCESS_H
#define SAMANVAY_ENTERPRISE_ACCESS_H

#include "core/enterprise.h"
#include "core/err.h"
#include "golden/golden.h"
#include "web/request.h"

enum { ENTERPRISE_LOADED = 0, ENTERPRISE_ANSWERED = 1 };

/* Load the enterprise the router resolved (rq->grant) and audit the read
 * as `action` ("enterprise.read") with the official's reason. Returns
 * ENTERPRISE_LOADED with *ent filled, ENTERPRISE_ANSWERED when it has
 * answered the request itself (404: removed meanwhile), or -1 with e set
 * for a fault of ours. */
int enterprise_access_load(struct web_request *rq, struct web_response *rs, const char *action,
                           struct enterprise *ent, struct err *e);

/* The golden record as GET /api/v1/enterprises/{id} answers it: profile
 * JSON with id, `sources` and per-field `provenance` (every source's value);
 * a new reference, or NULL when out of memory. The privacy export embeds it. */
json_t *api_enterprise_json(const struct golden_record *g);

#endif
