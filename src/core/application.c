#include "core/application.h"

#include <string.h>

static const char *const state_names[APP_STATE_COUNT] = {
    "draft", "submitted", "under_review", "returned", "resubmitted",
    "sanctioned", "disbursed", "rejected", "withdrawn",
};

static const char *const action_names[APP_ACTION_COUNT] = {
    "submit", "start_review", "return", "resubmit", "sanction", "reject", "disburse", "withdraw",
};

#define S(x) (1u << (x))
#define OPEN_STATES (S(APP_DRAFT) | S(APP_SUBMITTED) | S(APP_UNDER_REVIEW) | S(APP_RETURNED) | S(APP_RESUBMITTED))

/* The whole machine: for each action, the states it leaves, the state it
 * enters, whose it is, and whether it must say why. */
static const struct rule {
    unsigned from;
    enum app_state to;
    enum app_actor actor;
    bool reason;
} rules[APP_ACTION_COUNT] = {
    [APP_SUBMIT] = {S(APP_DRAFT), APP_SUBMITTED, APP_ACTOR_APPLICANT, false},
    [APP_START_REVIEW] = {S(APP_SUBMITTED) | S(APP_RESUBMITTED), APP_UNDER_REVIEW, APP_ACTOR_OFFICER, false},
    [APP_RETURN] = {S(APP_UNDER_REVIEW), APP_RETURNED, APP_ACTOR_OFFICER, true},
    [APP_RESUBMIT] = {S(APP_RETURNED), APP_RESUBMITTED, APP_ACTOR_APPLICANT, false},
    [APP_SANCTION] = {S(APP_UNDER_REVIEW), APP_SANCTIONED, APP_ACTOR_OFFICER, true},
    [APP_REJECT] = {S(APP_UNDER_REVIEW), APP_REJECTED, APP_ACTOR_OFFICER, true},
    [APP_DISBURSE] = {S(APP_SANCTIONED), APP_DISBURSED, APP_ACTOR_OFFICER, true},
    [APP_WITHDRAW] = {OPEN_STATES, APP_WITHDRAWN, APP_ACTOR_APPLICANT, true},
};

const char *app_state_name(enum app_state s)
{
    return (unsigned)s < APP_STATE_COUNT ? state_names[s] : "?";
}

const char *app_action_name(enum app_action a)
{
    return (unsigned)a < APP_ACTION_COUNT ? action_names[a] : "?";
}

static int find_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

int app_state_parse(const char *name, enum app_state *out)
{
    int i = find_name(state_names, APP_STATE_COUNT, name);

    if (i < 0)
        return -1;
    *out = (enum app_state)i;
    return 0;
}

int app_action_parse(const char *name, enum app_action *out)
{
    int i = find_name(action_names, APP_ACTION_COUNT, name);

    if (i < 0)
        return -1;
    *out = (enum app_action)i;
    return 0;
}

bool app_state_final(enum app_state s)
{
    return s == APP_DISBURSED || s == APP_REJECTED || s == APP_WITHDRAWN;
}

bool app_state_with_government(enum app_state s)
{
    return s == APP_SUBMITTED || s == APP_UNDER_REVIEW || s == APP_RESUBMITTED;
}

bool app_action_needs_reason(enum app_action a)
{
    return (unsigned)a < APP_ACTION_COUNT && rules[a].reason;
}

enum app_verdict app_transition(enum app_state from, enum app_action action, enum app_actor who,
                                bool has_reason, enum app_state *to)
{
    const struct rule *r;

    if ((unsigned)action >= APP_ACTION_COUNT || (unsigned)from >= APP_STATE_COUNT)
        return APP_WRONG_STATE;
    r = &rules[action];
    /* Whose action it is comes first: an applicant asking to sanction is
     * refused as forbidden whatever the state, never told "not now". */
    if (r->actor != who)
        return APP_WRONG_ACTOR;
    if ((r->from & S(from)) == 0)
        return APP_WRONG_STATE;
    if (r->reason && !has_reason)
        return APP_NEEDS_REASON;
    *to = r->to;
    return APP_ALLOWED;
}

int32_t app_days_with_government(const struct app_step *steps, size_t n, int32_t today)
{
    int32_t days = 0, since = 0;
    bool running = false;

    for (size_t i = 0; i < n; i++) {
        bool held = app_state_with_government(steps[i].state);
        if (running && !held)
            days += steps[i].on - since;
        else if (!running && held)
            since = steps[i].on;
        running = held;
        if (app_state_final(steps[i].state))
            return days;
    }
    if (running && today > since)
        days += today - since;
    return days;
}
