/* portal.c: see portal.h. */
#include "web/portal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_profile.h"
#include "web/access_scope.h"
#include "web/html.h"

static int no_enterprise_page(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise_claim_row c;
    bool found = false;
    struct buf *b = &rs->body;

    if (store_claim_of_user(rq->store, rq->session->user.id, &c, &found, e) != 0)
        return -1;
    if (html_begin(rs, rq, _("Your enterprise")) || buf_printf(b, "<h1>%s</h1>\n", _("Your enterprise")))
        return err_set(e, "out of memory");
    if (found && strcmp(c.state, "pending") == 0) {
        if (buf_puts(b, "<p>") || html_put_sentence(b, _("Your request to link %s to this account is "
                                                        "waiting for your district office."),
                                                    c.enterprise_name)
            || buf_printf(b, "</p>\n<p>%s</p>\n",
                          _("They check it within a few working days. You will see your "
                            "schemes here as soon as it is approved.")))
            return err_set(e, "out of memory");
    } else if (buf_printf(b, "<p>%s</p>\n", found ? _("Your district office did not approve the "
                                                       "link to the enterprise. Ask them why.")
                                                   : _("No enterprise is linked to this account.")))
        return err_set(e, "out of memory");
    if (html_end(rs, rq) != 0)
        return err_set(e, "out of memory");
    rs->status = 200;
    return PORTAL_ANSWERED;
}

int portal_own_enterprise(struct web_request *rq, struct web_response *rs,
                          struct profile_view *v, struct err *e)
{
    int64_t id = rq->session->user.enterprise_id;
    bool found = false;

    if (id <= 0)
        return no_enterprise_page(rq, rs, e) < 0 ? -1 : PORTAL_ANSWERED;
    if (profile_view_load(rq->store, rq->app->survivorship, id, rq->today, v, &found, e) != 0) {
        profile_view_free(v);
        return -1;
    }
    if (!found) {
        profile_view_free(v);
        return no_enterprise_page(rq, rs, e) < 0 ? -1 : PORTAL_ANSWERED;
    }
    return PORTAL_LOADED;
}

const char *portal_next(const char *candidate, const char *fallback)
{
    static const char *const allowed[] = {"/profile", "/schemes", "/apply", "/dashboard", NULL};

    if (candidate == NULL)
        return fallback;
    for (int i = 0; allowed[i] != NULL; i++)
        if (strcmp(candidate, allowed[i]) == 0)
            return allowed[i];
    return fallback;
}

bool portal_is_officer(const struct web_request *rq)
{
    return scope_is_official(&rq->session->user);
}

const char *portal_objective_label(enum objective o)
{
    static const char *const labels[OBJ_COUNT] = {
        N_("Loans and credit"), N_("Subsidy"), N_("Loan guarantee"), N_("Training and skills"),
        N_("Marketing"), N_("Technology"), N_("Certification"), N_("Clusters"), N_("Exports"),
        N_("Innovation"), N_("Infrastructure"), N_("Delayed payments"),
    };
    return (unsigned)o < OBJ_COUNT ? _(labels[o]) : "";
}

const char *portal_status_label(enum status st)
{
    switch (st) {
    case ST_ELIGIBLE: return _("Eligible");
    case ST_INELIGIBLE: return _("Not eligible");
    default: return _("Can't tell yet");
    }
}

const char *portal_app_state_label(enum app_state s)
{
    static const char *const labels[APP_STATE_COUNT] = {
        N_("Draft"), N_("Submitted"), N_("Under review"), N_("Returned to you"),
        N_("Sent again"), N_("Sanctioned"), N_("Money paid"), N_("Rejected"), N_("Withdrawn"),
    };
    return (unsigned)s < APP_STATE_COUNT ? _(labels[s]) : "";
}

const char *portal_app_action_label(enum app_action a)
{
    static const char *const labels[APP_ACTION_COUNT] = {
        N_("Submit"), N_("Start the review"), N_("Return to the applicant"), N_("Send again"),
        N_("Sanction"), N_("Reject"), N_("Record the payment"), N_("Withdraw"),
    };
    return (unsigned)a < APP_ACTION_COUNT ? _(labels[a]) : "";
}

const char *portal_next_step(enum app_state s, bool officer)
{
    switch (s) {
    case APP_DRAFT: return officer ? _("Waiting for the applicant") : _("Submit it");
    case APP_SUBMITTED:
    case APP_RESUBMITTED: return officer ? _("Start the review") : _("Waiting for the office to start");
    case APP_UNDER_REVIEW: return officer ? _("Decide: sanction, return or reject") : _("The office is reviewing it");
    case APP_RETURNED: return officer ? _("Waiting for the applicant") : _("Read the reason, correct and send it again");
    case APP_SANCTIONED: return officer ? _("Record the payment when it is made") : _("Waiting for the money");
    default: return _("Nothing more to do");
    }
}

int portal_audit_read(struct web_request *rq, int64_t enterprise_id, const char *action,
                      struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    char route[160];
    struct audit_entry a = {
        .user_id = u->id, .username = u->username, .role = auth_role_name(u->role),
        .action = action, .enterprise_id = enterprise_id, .route = route,
        .reason = rq->grant.reason[0] ? rq->grant.reason : "portal page",
    };

    if (u->role == AUTH_ROLE_ENTREPRENEUR)
        return 0; /* their own data */
    snprintf(route, sizeof route, "%s %s", rq->match->route->method, rq->match->route->pattern);
    return store_audit_append(rq->store, &a, e);
}

const char *portal_grievance_state_label(enum grievance_state s)
{
    static const char *const labels[GRIEVANCE_STATE_COUNT] = {
        N_("Open"), N_("Acknowledged"), N_("Resolved: please rate"), N_("Closed"),
    };
    return (unsigned)s < GRIEVANCE_STATE_COUNT ? _(labels[s]) : "";
}

const char *portal_grievance_level_label(enum grievance_level l)
{
    static const char *const labels[GRIEVANCE_LEVEL_COUNT] = {
        N_("with the district office"), N_("with the state office"), N_("with the ministry"),
    };
    return (unsigned)l < GRIEVANCE_LEVEL_COUNT ? _(labels[l]) : "";
}

const char *portal_notice_text(const char *kind)
{
    static const struct { const char *kind, *text; } notices[] = {
        {"application.submitted", N_("Application sent")},
        {"application.under_review", N_("The office started reviewing your application")},
        {"application.returned", N_("Your application was returned to you")},
        {"application.resubmitted", N_("Application sent again")},
        {"application.sanctioned", N_("Your application was sanctioned")},
        {"application.disbursed", N_("The money was paid")},
        {"application.rejected", N_("Your application was rejected")},
        {"application.withdrawn", N_("You withdrew your application")},
        {"grievance.acknowledge", N_("Your grievance was acknowledged")},
        {"grievance.resolve", N_("Your grievance was resolved: please rate the answer")},
        {"grievance.escalate", N_("Your grievance was not answered in time and went one level up")},
        {"grievance.appeal", N_("Your appeal went one level up")},
        {"calendar.due", N_("Compliance due dates coming up")},
        {"correction.accepted", N_("The district office accepted your correction request")},
        {"correction.rejected", N_("The district office rejected your correction request")},
    };
    for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++)
        if (strcmp(notices[i].kind, kind) == 0)
            return _(notices[i].text);
    return kind;
}

bool portal_parse_id(const char *text, int64_t *id)
{
    char *end;
    long long v;

    if (text == NULL || *text < '1' || *text > '9' || strlen(text) > 18)
        return false;
    errno = 0;
    v = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *id = v;
    return true;
}

const char *portal_scheme_name(const struct web_request *rq, const char *id)
{
    const struct scheme *s = catalog_find(rq->app->catalog, id);

    if (s == NULL)
        return id;
    return rq->lang == LANG_HI && s->name_hi ? s->name_hi : s->name;
}
