/* authz.c: the router's scope check (authz.h). One function per kind of
 * scope; the record scopes share one rule: an entrepreneur sees only
 * their own (any other id, existing or not, is 403: no oracle for ids),
 * an official their area (404 for no such record, 403 outside). */
#include "web/authz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "analytics/stress_reason.h"
#include "core/ident.h"
#include "store/store_authz.h"
#include "web/access_scope.h"
#include "web/html.h"
#include "web/portal.h"

static bool wants_json(const struct web_request *rq)
{
    return strncmp(rq->path, "/api/", 5) == 0;
}

/* A refusal in the route's language: JSON for the API, a page otherwise. */
static int refuse(struct web_request *rq, struct web_response *rs, int status, const char *code,
                  const char *title, const char *message, struct err *e)
{
    int rc = wants_json(rq) ? web_response_error(rs, status, code, "%s", message)
                            : html_error_page(rs, rq, status, title, message, false);

    return rc == 0 ? AUTHZ_ANSWERED : err_set(e, "out of memory");
}

static int no_area(struct web_request *rq, struct web_response *rs, struct err *e)
{
    return refuse(rq, rs, 403, "no_area", _("No area assigned"),
                  _("Your account has no state or district yet. Ask the administrator."), e);
}

static int outside(struct web_request *rq, struct web_response *rs, struct err *e)
{
    return refuse(rq, rs, 403, "outside_scope", _("Not in your area"),
                  _("You may read your own area only."), e);
}

/* An official's area, narrowed by ?state= and ?district= (never widened). */
static int scope_area(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    struct route_grant *g = &rq->grant;
    const char *d = web_query(rq, "district");
    int code = 0;

    if (u->role == AUTH_ROLE_ENTREPRENEUR) {
        g->enterprise_id = u->enterprise_id;
        return AUTHZ_PASS;
    }
    if (!scope_filter(u, g->gst_state, g->district))
        return no_area(rq, rs, e);
    switch (web_query_state(rq, "state", &code)) {
    case -1:
        return refuse(rq, rs, 400, "bad_state", _("Bad request"),
                      _("The state must be a GST state code of two digits, such as 09 or 27."), e);
    case 1:
        if (g->gst_state[0] != '\0' && atoi(g->gst_state) != code)
            return outside(rq, rs, e);
        snprintf(g->gst_state, sizeof g->gst_state, "%02d", code);
        break;
    default: break;
    }
    if (d == NULL || *d == '\0')
        return AUTHZ_PASS;
    if (strlen(d) >= sizeof g->district)
        return refuse(rq, rs, 400, "bad_district", _("Bad request"), _("The district name is too long."), e);
    if (g->district[0] != '\0' && strcasecmp(g->district, d) != 0)
        return outside(rq, rs, e);
    snprintf(g->district, sizeof g->district, "%s", d);
    return AUTHZ_PASS;
}

/* Aggregates: ?state= narrows the reader's area, never widens it. */
static int scope_aggregate(struct web_request *rq, struct web_response *rs, bool no_district,
                           bool narrows, struct err *e)
{
    char narrow[4] = "";
    int code = 0;

    if (narrows) {
        switch (web_query_state(rq, "state", &code)) {
        case -1:
            return refuse(rq, rs, 400, "bad_state", _("Bad request"),
                          _("The state must be a GST state code of two digits, such as 09 or 27."), e);
        case 1: snprintf(narrow, sizeof narrow, "%02d", code); break;
        default: break;
        }
    }
    switch (scope_area_of(&rq->session->user, narrow, rq->grant.gst_state, rq->grant.district)) {
    case SCOPE_AREA_NONE: return no_area(rq, rs, e);
    case SCOPE_AREA_OUTSIDE:
        return refuse(rq, rs, 403, "outside_scope", _("Not your state"),
                      _("You may read your own state's figures only."), e);
    case SCOPE_AREA_OK: break;
    }
    if (no_district && rq->grant.district[0] != '\0')
        return refuse(rq, rs, 403, "not_for_district", _("Not for district officers"),
                      _("This view is for state and national users. Your district's enterprises "
                        "are on your worklist and watchlist."), e);
    if (!narrows)
        rq->grant.gst_state[0] = '\0';  /* national: the whole country, for everyone admitted */
    return AUTHZ_PASS;
}

/* {id} as a store id, or for an enterprise a Udyam number too. 0 with
 * *id (0 when a Udyam number is not registered), 1 when malformed. */
static int parse_record_id(struct web_request *rq, enum authz_record kind, const char *raw,
                           int64_t *id, struct err *e)
{
    bool found = false;

    *id = 0;
    if (raw != NULL && portal_parse_id(raw, id))
        return 0;
    if (kind != AUTHZ_ENTERPRISE || raw == NULL || !udyam_validate(rq->app->ref, raw, strlen(raw), NULL))
        return 1;
    if (store_enterprise_find_udyam(rq->store, raw, id, &found, e) != 0)
        return -1;
    if (!found)
        *id = 0;
    return 0;
}

/* The reason an official gives (?reason=): "" when none, -1 when unusable. */
static int read_reason(struct web_request *rq)
{
    const char *r = web_query(rq, "reason");
    size_t n = r ? strlen(r) : 0;

    if (n > AUTHZ_REASON_MAX)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)r[i] < ' ' || r[i] == 0x7f)
            return -1;
    /* only blanks is no reason */
    if (n > 0 && strspn(r, " ") == n)
        n = 0;
    memcpy(rq->grant.reason, r ? r : "", n);
    rq->grant.reason[n] = '\0';
    return 0;
}

/* The page asking an official why they read a record outside their worklist. */
static int reason_form(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct buf *b = &rs->body;
    const char *field = web_query(rq, "field");

    if (wants_json(rq))
        return web_response_error(rs, 428, "reason_required",
                                  "this enterprise is not in your worklist: give ?reason= (why you read "
                                  "it, printable, at most %d bytes); it is kept in the audit log",
                                  AUTHZ_REASON_MAX) == 0 ? AUTHZ_ANSWERED : err_set(e, "out of memory");
    if (html_begin(rs, rq, _("Why do you need this record?"))
        || buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n<form method=\"get\" action=\"",
                      _("Why do you need this record?"),
                      _("This enterprise is not in your worklist. Say why you are reading its record: "
                        "the enterprise sees your reason on its privacy page."))
        || html_put_url_path(b, rq->path) || buf_puts(b, "\">\n")
        || (field != NULL && (buf_puts(b, "<input type=\"hidden\" name=\"field\" value=\"")
                              || buf_put_html(b, field) || buf_puts(b, "\">\n")))
        || buf_printf(b, "<p><label for=\"reason\">%s</label><br>\n"
                         "<input id=\"reason\" name=\"reason\" required maxlength=\"%d\" size=\"60\"></p>\n"
                         "<p><button type=\"submit\">%s</button></p>\n</form>\n",
                      _("Reason"), AUTHZ_REASON_MAX, _("Continue"))
        || html_end(rs, rq))
        return err_set(e, "out of memory");
    rs->status = 428;
    return AUTHZ_ANSWERED;
}

/* AUTHZ_REASON_HOLDS seconds before the request, as audit_log.at. */
static void hour_ago(const struct web_request *rq, char since[32])
{
    time_t since_t = (time_t)(rq->now - AUTHZ_REASON_HOLDS);
    struct tm tm;

    gmtime_r(&since_t, &tm);
    strftime(since, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A reason the official gave for this enterprise within the last
 * AUTHZ_REASON_HOLDS seconds still holds, so following the links of a
 * record's pages does not ask again; the new audit row repeats it. */
static int recent_reason(struct web_request *rq, int64_t enterprise_id, bool *found, struct err *e)
{
    char since[32];

    hour_ago(rq, since);
    return store_authz_recent_reason(rq->store, rq->session->user.id, enterprise_id, since,
                                     rq->grant.reason, sizeof rq->grant.reason, found, e);
}

/* An official's read of a record outside the worklist needs a reason. */
static int require_reason(struct web_request *rq, struct web_response *rs, int64_t enterprise_id,
                          struct err *e)
{
    char since[32];
    bool in = false;

    if (strcmp(rq->method, "POST") == 0)
        return AUTHZ_PASS;  /* an action: its own event records who and why */
    if (rq->grant.reason[0] != '\0')
        return AUTHZ_PASS;
    hour_ago(rq, since);
    if (store_authz_in_worklist(rq->store, enterprise_id, rq->session->user.id, since,
                                STRESS_ALERT_PROBABILITY, &in, e) != 0)
        return -1;
    if (in) {
        snprintf(rq->grant.reason, sizeof rq->grant.reason, "worklist");
        return AUTHZ_PASS;
    }
    if (recent_reason(rq, enterprise_id, &in, e) != 0)
        return -1;
    return in ? AUTHZ_PASS : reason_form(rq, rs, e);
}

static int scope_record(struct web_request *rq, struct web_response *rs, enum authz_record kind,
                        struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    struct authz_owner o = {0};
    bool found = false;
    int64_t id;
    int rc = parse_record_id(rq, kind, router_param(rq->match, "id"), &id, e);

    if (rc < 0)
        return -1;
    if (rc > 0)
        return refuse(rq, rs, 400, "bad_id", _("Bad request"),
                      kind == AUTHZ_ENTERPRISE ? _("An enterprise id is a store id (digits) or a Udyam "
                                                   "number (UDYAM-SS-DD-NNNNNNN).")
                                               : _("An id is a positive whole number."), e);
    if (read_reason(rq) != 0)
        return refuse(rq, rs, 400, "bad_reason", _("Bad request"),
                      _("The reason must be printable text of at most 200 bytes."), e);
    if (id > 0 && store_authz_owner(rq->store, kind, id, &o, &found, e) != 0)
        return -1;
    if (u->role == AUTH_ROLE_ENTREPRENEUR) {
        if (!found || u->enterprise_id <= 0 || o.enterprise_id != u->enterprise_id)
            return refuse(rq, rs, 403, "forbidden", _("Not yours"),
                          _("You may see only your own enterprise's records."), e);
        rq->grant.enterprise_id = o.enterprise_id;
        rq->grant.record_state = kind == AUTHZ_APPLICATION ? o.gst_state : 0;
        return AUTHZ_PASS;
    }
    if (!found)
        return refuse(rq, rs, 404, "not_found", _("Not found"), _("There is no record with this number."), e);
    if (!scope_allows(u, o.enterprise_id, o.gst_state, o.district))
        return refuse(rq, rs, 403, "forbidden", _("Not in your area"),
                      _("This record is outside your area."), e);
    rq->grant.enterprise_id = o.enterprise_id;
    rq->grant.record_state = kind == AUTHZ_APPLICATION ? o.gst_state : 0;
    return require_reason(rq, rs, o.enterprise_id, e);
}

/* A cluster is an aggregate of its district: a reader whose area holds it. */
static int scope_cluster(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct route_grant *g = &rq->grant;
    const char *id = router_param(rq->match, "id");
    char district[64];
    bool found = false;
    int state = 0, rc = scope_aggregate(rq, rs, false, false, e);

    if (rc != AUTHZ_PASS)
        return rc;
    /* scope_aggregate widened a national scope; take the reader's area again */
    if (scope_area_of(&rq->session->user, "", g->gst_state, g->district) != SCOPE_AREA_OK)
        return no_area(rq, rs, e);
    if (store_authz_cluster_place(rq->store, id ? id : "", &state, district, &found, e) != 0)
        return -1;
    if (!found)
        return refuse(rq, rs, 404, "not_found", _("Not found"), _("There is no such cluster."), e);
    if ((g->gst_state[0] != '\0' && atoi(g->gst_state) != state)
        || (g->district[0] != '\0' && strcasecmp(g->district, district) != 0))
        return refuse(rq, rs, 403, "outside_scope", _("Not in your area"),
                      _("This cluster is outside the area of your account."), e);
    return AUTHZ_PASS;
}

int authz_check(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct route *r = rq->match->route;

    memset(&rq->grant, 0, sizeof rq->grant);
    switch (r->scope) {
    case SCOPE_NONE:
    case SCOPE_TOKEN: return AUTHZ_PASS;
    case SCOPE_OWN:
        rq->grant.enterprise_id = rq->session->user.enterprise_id;
        return AUTHZ_PASS;
    case SCOPE_AREA: return scope_area(rq, rs, e);
    case SCOPE_AREA_AGGREGATE: return scope_aggregate(rq, rs, false, true, e);
    case SCOPE_STATE_AGGREGATE: return scope_aggregate(rq, rs, true, true, e);
    case SCOPE_NATIONAL: return scope_aggregate(rq, rs, true, false, e);
    case SCOPE_ENTERPRISE: return scope_record(rq, rs, AUTHZ_ENTERPRISE, e);
    case SCOPE_APPLICATION: return scope_record(rq, rs, AUTHZ_APPLICATION, e);
    case SCOPE_BUNDLE: return scope_record(rq, rs, AUTHZ_BUNDLE, e);
    case SCOPE_GRIEVANCE: return scope_record(rq, rs, AUTHZ_GRIEVANCE, e);
    case SCOPE_LINK_REQUEST: return scope_record(rq, rs, AUTHZ_LINK_REQUEST, e);
    case SCOPE_PAYMENT_CLAIM: return scope_record(rq, rs, AUTHZ_PAYMENT_CLAIM, e);
    case SCOPE_CORRECTION: return scope_record(rq, rs, AUTHZ_CORRECTION, e);
    case SCOPE_CLUSTER: return scope_cluster(rq, rs, e);
    case SCOPE_UNDECLARED:
    case SCOPE_COUNT: break;
    }
    /* Fail closed: a route whose scope nobody declared answers nothing. */
    return err_set(e, "route %s %s declares no scope", r->method, r->pattern);
}
