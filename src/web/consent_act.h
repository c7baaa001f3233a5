/* consent_act.h: one consent change by the enterprise itself, shared by
 * the consent page (POST /consents) and the API (POST
 * /api/v1/enterprises/{id}/consents): the change and its row on the
 * hash-chained audit log commit together, or neither does. Only the
 * entrepreneur of `enterprise_id` may call it (the routes allow no other
 * role, and the handlers take the id from the session or check it). */
#ifndef SAMANVAY_CONSENT_ACT_H
#define SAMANVAY_CONSENT_ACT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store_consent.h"
#include "web/consent_request.h"
#include "web/request.h"

struct consent_act_result {
    bool found;        /* revoke: the enterprise has this artefact */
    bool changed;      /* something changed (a second revoke, a withdraw of nothing: no) */
    struct consent_artefact artefact;  /* the one granted or revoked, when changed */
};

int consent_act_apply(struct web_request *rq, int64_t enterprise_id,
                      const struct consent_request *r, const char *origin,
                      struct consent_act_result *out, struct err *e);

#endif
