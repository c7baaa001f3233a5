/* calendar_ics_web.c: the enterprise's calendar as a text/calendar
 * response (calendar_ics_web.h). */
#include "web/calendar_ics_web.h"

#include <stdio.h>

#include "calendar/calendar_ics.h"
#include "golden/enterprise_calendar.h"
#include "web/calendar_html.h"
#include "web/i18n.h"

static void words_of(struct calendar_ics_words *w, enum lang lang)
{
    /* read after i18n_begin(lang): _() answers in that language */
    *w = (struct calendar_ics_words){
        .status = calendar_html_status, .status_label = _("Status"), .late_fee = _("late fee"),
        .interest = _("interest"), .source = _("Source"), .if_applies = _("if it applies to you"),
        .reminder = _("Due"), .hindi_names = lang == LANG_HI};
}

static int render(struct web_request *rq, const struct enterprise *ent, enum lang lang,
                  bool officer, const struct calendar *cal, struct buf *out, struct err *e)
{
    char scope[64], link[sizeof rq->app->public_url + 48], name[ENTERPRISE_NAME_MAX + 256];
    struct calendar_ics_words w;
    struct calendar_ics_opts o = {.reminder_days = CALENDAR_ICS_REMINDER_DAYS, .now = rq->now,
                                  .words = &w};
    locale_t previous = i18n_begin(rq->app->i18n, lang);
    int rc;

    words_of(&w, lang);
    /* the store id, not the Udyam number: a number that arrives later
     * would change every UID and double every event on the phone */
    snprintf(scope, sizeof scope, "enterprise-%lld", (long long)ent->id);
    /* the link goes where its reader may go: the unit's calendar page, or
     * the officer's view of the enterprise */
    if (officer)
        snprintf(link, sizeof link, "%s/officer/enterprises/%lld", rq->app->public_url,
                 (long long)ent->id);
    else
        snprintf(link, sizeof link, "%s/calendar", rq->app->public_url);
    snprintf(name, sizeof name, "%s — %s", enterprise_display_name(ent), _("Compliance deadlines"));
    o.scope = scope;
    o.link = rq->app->public_url[0] ? link : NULL;
    o.calendar_name = name;
    rc = calendar_ics_render(cal, &o, out, e);
    i18n_end(previous);
    return rc;
}

int calendar_ics_web_respond(struct web_request *rq, struct web_response *rs,
                             const struct enterprise *ent, enum lang lang, int32_t from,
                             int32_t to, bool attachment, bool officer, struct err *e)
{
    struct enterprise_calendar_request cr = {
        .obligations = rq->app->obligations, .ref = rq->app->ref, .rules = rq->app->survivorship,
        .enterprise_id = ent->id, .from = from, .to = to, .today = rq->today};
    struct enterprise_calendar cal;
    bool found = false;
    int rc;

    if ((rc = enterprise_calendar_load(rq->store, &cr, &cal, &found, e)) != 0 || !found) {
        enterprise_calendar_free(&cal);
        return rc != 0 ? -1 : err_set(e, "calendar: the enterprise went away");
    }
    rc = render(rq, ent, lang, officer, &cal.cal, &rs->body, e);
    enterprise_calendar_free(&cal);
    if (rc != 0)
        return -1;
    rs->status = 200;
    rs->content_type = "text/calendar; charset=utf-8";
    if (attachment
        && web_response_header(rs, "Content-Disposition", "attachment; filename=\"calendar.ics\""))
        return err_set(e, "calendar: header");
    return 0;
}
