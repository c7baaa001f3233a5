/* application.h: the life of one scheme application, as a state machine.
 *
 *   draft → submitted → under_review → returned → resubmitted → under_review …
 *                                    → sanctioned → disbursed
 *                                    → rejected
 *   any open state → withdrawn (by the applicant)
 *
 * Who may move an application is part of the rule: the applicant submits,
 * resubmits and withdraws; an officer reviews, returns, sanctions, rejects
 * and records the disbursal. Every officer action carries a reason, and so
 * does a withdrawal, so the applicant always learns why. Pure: the store
 * keeps the events (append-only) and the web layer maps roles to actors. */
#ifndef SAMANVAY_APPLICATION_H
#define SAMANVAY_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum app_state {
    APP_DRAFT,
    APP_SUBMITTED,
    APP_UNDER_REVIEW,
    APP_RETURNED,
    APP_RESUBMITTED,
    APP_SANCTIONED,
    APP_DISBURSED,
    APP_REJECTED,
    APP_WITHDRAWN,
    APP_STATE_COUNT
};

enum app_action {
    APP_SUBMIT,
    APP_START_REVIEW,
    APP_RETURN,
    APP_RESUBMIT,
    APP_SANCTION,
    APP_REJECT,
    APP_DISBURSE,
    APP_WITHDRAW,
    APP_ACTION_COUNT
};

enum app_actor { APP_ACTOR_APPLICANT, APP_ACTOR_OFFICER };

const char *app_state_name(enum app_state s);     /* "under_review" */
const char *app_action_name(enum app_action a);   /* "start_review" */
int app_state_parse(const char *name, enum app_state *out);   /* 0, or -1 */
int app_action_parse(const char *name, enum app_action *out); /* 0, or -1 */

/* No action leads out of it. */
bool app_state_final(enum app_state s);
/* The government holds it: the SLA clock runs. */
bool app_state_with_government(enum app_state s);

enum app_verdict {
    APP_ALLOWED,
    APP_WRONG_STATE,    /* the action does not apply in this state (409) */
    APP_WRONG_ACTOR,    /* the action is not this actor's (403) */
    APP_NEEDS_REASON,   /* allowed, but only with a reason (422) */
};

/* May `who` take `action` on an application in state `from`? On
 * APP_ALLOWED *to is the new state. */
enum app_verdict app_transition(enum app_state from, enum app_action action, enum app_actor who,
                                bool has_reason, enum app_state *to);

/* Whether `action` needs a reason. */
bool app_action_needs_reason(enum app_action a);

/* One step of an application's history: the state entered, and when. */
struct app_step {
    enum app_state state;
    int32_t on;         /* date.h days */
};

/* Days the government has held the application up to `today`: the SLA
 * clock. It runs from submission and while under review, stops while the
 * application is returned to the applicant, and stops for good at a final
 * state. `steps` are in order, the first being its creation. */
int32_t app_days_with_government(const struct app_step *steps, size_t n, int32_t today);

#endif
