/* api_calendar.c: GET /api/v1/enterprises/{id}/calendar, one stored
 * enterprise's compliance calendar as `samanvay calendar --json` prints
 * it (calendar_json.h), with the status each item has from the GST returns
 * on file, read under the same scope and audit as GET
 * /api/v1/enterprises/{id} (enterprise_access.c).
 *
 * ?from= and ?to= bound the due dates (default: 30 days back to 90 days
 * ahead, so the overdue and the coming both show; at most five years).
 * GET .../calendar.ics answers the same calendar as iCalendar. */
#include <string.h>

#include "calendar/calendar_json.h"
#include "core/date.h"
#include "golden/enterprise_calendar.h"
#include "web/calendar_ics_web.h"
#include "web/enterprise_access.h"
#include "web/request.h"
#include "web/routes.h"

#define CALENDAR_BACK_DAYS 30
#define CALENDAR_AHEAD_DAYS 90

/* ?name= as a date into *out (left alone when absent); 1 when it answered 400. */
static int date_param(const struct web_request *rq, struct web_response *rs, const char *name,
                      int32_t *out)
{
    const char *v = web_query(rq, name);
    struct err why;

    if (v == NULL)
        return 0;
    if (date_parse(v, strlen(v), out, &why) != 0)
        return web_response_error(rs, 400, "bad_field", "%s: %s", name, why.msg) == 0 ? 1 : -1;
    return 0;
}

static int read_window(const struct web_request *rq, struct web_response *rs, int32_t *from,
                       int32_t *to)
{
    int rc;

    *from = date_add_days(rq->today, -CALENDAR_BACK_DAYS);
    *to = date_add_days(rq->today, CALENDAR_AHEAD_DAYS);
    if ((rc = date_param(rq, rs, "from", from)) != 0 || (rc = date_param(rq, rs, "to", to)) != 0)
        return rc;
    if (*from > *to)
        return web_response_error(rs, 400, "bad_field", "from is after to") == 0 ? 1 : -1;
    if (date_add_months(*from, 60) < *to)
        return web_response_error(rs, 400, "bad_field", "the window is longer than five years")
                       == 0 ? 1 : -1;
    return 0;
}

int api_enterprise_calendar(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise_calendar_request cr = {
        .obligations = rq->app->obligations, .ref = rq->app->ref,
        .rules = rq->app->survivorship, .today = rq->today};
    struct enterprise_calendar cal;
    struct enterprise ent;
    char today[DATE_STR_LEN];
    bool found = false;
    json_t *root;
    int rc;

    /* the window first: a request refused for it reads nothing, so leaves no audit row */
    if ((rc = read_window(rq, rs, &cr.from, &cr.to)) != 0)
        return rc < 0 ? -1 : 0;
    rc = enterprise_access_load(rq, rs, "enterprise.calendar", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    cr.enterprise_id = ent.id;
    if ((rc = enterprise_calendar_load(rq->store, &cr, &cal, &found, e)) != 0 || !found) {
        enterprise_calendar_free(&cal);
        return rc != 0 ? -1 : err_set(e, "calendar: the enterprise went away");
    }
    date_format(rq->today, today);
    root = calendar_json(&cal.cal);
    if (root != NULL)
        json_object_update_new(root, json_pack("{s:I, s:s, s:i, s:i}", "enterprise_id",
                                               (json_int_t)ent.id, "today", today, "overdue",
                                               cal.overdue, "filed_late", cal.filed_late));
    enterprise_calendar_free(&cal);
    if (root == NULL || web_response_json(rs, 200, root) != 0)
        return err_set(e, "calendar: out of memory");
    return 0;
}

int api_enterprise_calendar_ics(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise ent;
    int32_t from, to;
    int rc;

    if ((rc = read_window(rq, rs, &from, &to)) != 0)
        return rc < 0 ? -1 : 0;
    rc = enterprise_access_load(rq, rs, "enterprise.calendar", &ent, e);
    if (rc != ENTERPRISE_LOADED)
        return rc < 0 ? -1 : 0;
    return calendar_ics_web_respond(rq, rs, &ent, rq->lang, from, to, true,
                                    rq->session->user.role != AUTH_ROLE_ENTREPRENEUR, e);
}
