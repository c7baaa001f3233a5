/* portal.h: what the entrepreneur's and officer's pages share: the signed-
 * in entrepreneur's enterprise, loaded with its profile, or the page that
 * says why there is none yet; and safe "where next" paths for forms. */
#ifndef SAMANVAY_PORTAL_H
#define SAMANVAY_PORTAL_H

#include "core/application.h"
#include "core/grievance.h"
#include "rules/scheme.h"
#include "web/profile_view.h"
#include "web/request.h"

enum { PORTAL_LOADED = 0, PORTAL_ANSWERED = 1 };

/* The caller's own enterprise into v (profile_view_free it after
 * PORTAL_LOADED). Answers itself (PORTAL_ANSWERED) when the account has
 * none yet: a claim waiting for an officer, or none at all. */
int portal_own_enterprise(struct web_request *rq, struct web_response *rs,
                          struct profile_view *v, struct err *e);
/* A path of ours to go to after a form ("/schemes"), or `fallback`. */
const char *portal_next(const char *candidate, const char *fallback);
/* The actor a role acts as on applications. */
bool portal_is_officer(const struct web_request *rq);

/* Words for a scheme objective and an eligibility status, in the page's
 * language. */
const char *portal_objective_label(enum objective o);
const char *portal_status_label(enum status st);

/* Words for an application's state and actions, and what happens next
 * (for the applicant, or for the office). */
const char *portal_app_state_label(enum app_state s);
const char *portal_app_action_label(enum app_action a);
const char *portal_next_step(enum app_state s, bool officer);
/* Audit an official's read of an enterprise's data from a page (the same
 * log as the API's reads); nothing for the entrepreneur's own reads. */
int portal_audit_read(struct web_request *rq, int64_t enterprise_id, const char *action,
                      struct err *e);

/* Words for a grievance's state and level, and for a notification kind. */
const char *portal_grievance_state_label(enum grievance_state s);
const char *portal_grievance_level_label(enum grievance_level l);
const char *portal_notice_text(const char *kind);

/* A record id in a path ("42"): digits, no sign or leading zero. */
bool portal_parse_id(const char *text, int64_t *id);
/* A scheme's name in the page's language, or its id when unknown. */
const char *portal_scheme_name(const struct web_request *rq, const char *id);

#endif
