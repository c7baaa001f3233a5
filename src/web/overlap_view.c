/* overlap_view.c: see overlap_view.h. */
#include "web/overlap_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/profile.h"
#include "web/access_scope.h"
#include "web/html.h"
#include "web/i18n.h"

#define AMOUNT_MAX_RUPEES 1000000000   /* ₹100 crore: above every scheme's ceiling */

enum overlap_refusal overlap_view_area(const struct web_request *rq, int *state)
{
    /* The router resolved the reader's area, narrowed by ?state=, and
     * refused district officers (SCOPE_STATE_AGGREGATE, authz.c). */
    *state = rq->grant.gst_state[0] ? atoi(rq->grant.gst_state) : 0;
    return OVERLAP_OK;
}

enum overlap_refusal overlap_view_options(const struct web_request *rq, struct overlap_options *o)
{
    const char *p = web_query(rq, "purpose"), *a = web_query(rq, "amount");
    long rupees;

    memset(o, 0, sizeof *o);
    o->as_of = rq->today;
    o->window_days = OVERLAP_DEFAULT_WINDOW_DAYS;
    o->need_purpose = OVERLAP_DEFAULT_PURPOSE;
    o->need_amount = OVERLAP_DEFAULT_AMOUNT;
    o->threads = 1;   /* one request, one core: the server serves others meanwhile */
    if (p != NULL && *p != '\0') {
        if (strcmp(p, "unknown") == 0)
            o->need_purpose = NULL;
        else if (profile_enum_index(PF_NEED_PURPOSE, p) < 0)
            return OVERLAP_BAD_QUERY;
        else
            o->need_purpose = profile_enum_name(PF_NEED_PURPOSE, profile_enum_index(PF_NEED_PURPOSE, p));
    }
    if (a != NULL && *a != '\0') {
        if (strcmp(a, "unknown") == 0)
            o->need_amount = -1;
        else if (web_parse_long(a, 0, AMOUNT_MAX_RUPEES, &rupees) != 0)
            return OVERLAP_BAD_QUERY;
        else
            o->need_amount = (int64_t)rupees * PAISE_PER_RUPEE;
    }
    return OVERLAP_OK;
}

int overlap_view_refuse(struct web_request *rq, struct web_response *rs, enum overlap_refusal why,
                        struct err *e)
{
    int rc;

    switch (why) {
    case OVERLAP_NO_AREA:
        rc = html_error_page(rs, rq, 403, _("No area assigned"),
                             _("Your account has no state or district yet. Ask the administrator."), false);
        break;
    case OVERLAP_DISTRICT:
        rc = html_error_page(rs, rq, 403, _("Not at district level"),
                             _("These figures are for a state or the country. Your district's outreach list "
                               "is under Awareness: outreach list."),
                             false);
        break;
    case OVERLAP_OUTSIDE:
        rc = html_error_page(rs, rq, 403, _("Outside your area"), _("That state is outside your area."), false);
        break;
    default:
        rc = html_error_page(rs, rq, 400, _("Bad request"),
                             _("Check the state (a GST state code such as 09), the purpose, the amount (whole "
                               "rupees), the scheme and the district."),
                             false);
        break;
    }
    return rc == 0 ? 0 : err_set(e, "out of memory");
}

int overlap_view_load(struct web_request *rq, const struct overlap_options *o, struct overlap_view_run *run,
                      struct err *e)
{
    memset(run, 0, sizeof *run);
    if (overlap_cache_get(rq->app->overlaps, rq->store, rq->app->catalog, rq->app->ref, o, &run->kept,
                          &run->cached, e) != 0)
        return -1;
    run->report = &run->kept->run.report;
    run->cols = run->kept->run.cols;
    run->ms = run->kept->ms;
    return 0;
}

void overlap_view_release(struct web_request *rq, struct overlap_view_run *run)
{
    overlap_cache_release(rq->app->overlaps, run->kept);
    memset(run, 0, sizeof *run);
}

int overlap_view_timing(struct buf *b, const struct web_request *rq, const struct overlap_view_run *run)
{
    (void)rq;   /* the language is the thread's, set for the request (i18n.h) */
    return buf_printf(b, "<p class=\"note\">%s %.0f ms%s.</p>\n", _("Computed in"), run->ms,
                      run->cached ? _(", kept until the next data load") : "");
}

const char *overlap_view_place(const struct web_request *rq, int state)
{
    const struct state_info *s;

    if (state == 0)
        return _("India");
    s = refdata_state_by_gst(rq->app->ref, state);
    if (s == NULL)
        return "?";
    return rq->lang == LANG_HI && s->name_hi[0] ? s->name_hi : s->name;
}

int overlap_view_need_text(struct buf *b, const struct web_request *rq, const struct overlap_options *o)
{
    char amount[MONEY_STR_MAX];

    if (o->need_purpose == NULL && o->need_amount < 0)
        return buf_put_html(b, _("no need assumed"));
    if (buf_put_html(b, o->need_purpose ? profile_value_label(PF_NEED_PURPOSE,
                                                               profile_enum_index(PF_NEED_PURPOSE, o->need_purpose),
                                                               rq->lang == LANG_HI)
                                        : _("purpose unknown")))
        return -1;
    if (o->need_amount < 0)
        return buf_printf(b, ", %s", _("amount unknown"));
    money_format_inr(o->need_amount, amount);
    return buf_printf(b, ", %s", amount);
}

int overlap_view_query(struct buf *b, const struct overlap_options *o, int state)
{
    if (buf_printf(b, "purpose=%s&amp;amount=", o->need_purpose ? o->need_purpose : "unknown"))
        return -1;
    if (o->need_amount >= 0 ? buf_printf(b, "%lld", (long long)(o->need_amount / PAISE_PER_RUPEE))
                            : buf_puts(b, "unknown"))
        return -1;
    return state != 0 ? buf_printf(b, "&amp;state=%02d", state) : 0;
}

int overlap_view_form_begin(struct buf *b, const struct web_request *rq, const struct overlap_options *o,
                            const char *action)
{
    const char *name;

    if (buf_puts(b, "<form method=\"get\" action=\"") || buf_put_html(b, action)
        || buf_printf(b, "\" class=\"inline\"><label for=\"purpose\">%s</label> <select id=\"purpose\" "
                         "name=\"purpose\"><option value=\"unknown\"%s>%s</option>",
                      _("Need assumed of every enterprise"), o->need_purpose ? "" : " selected",
                      _("purpose unknown")))
        return -1;
    for (int i = 0; (name = profile_enum_name(PF_NEED_PURPOSE, i)) != NULL; i++)
        if (buf_printf(b, "<option value=\"%s\"%s>", name,
                       o->need_purpose && strcmp(o->need_purpose, name) == 0 ? " selected" : "")
            || buf_put_html(b, profile_value_label(PF_NEED_PURPOSE, i, rq->lang == LANG_HI))
            || buf_puts(b, "</option>"))
            return -1;
    if (buf_printf(b, "</select> <label for=\"amount\">%s</label> <input id=\"amount\" name=\"amount\" "
                      "inputmode=\"numeric\" size=\"10\" value=\"",
                   _("Amount, rupees")))
        return -1;
    if (o->need_amount >= 0 ? buf_printf(b, "%lld", (long long)(o->need_amount / PAISE_PER_RUPEE))
                            : buf_puts(b, "unknown"))
        return -1;
    return buf_puts(b, "\">\n");
}

int overlap_view_form_end(struct buf *b, int state)
{
    if (state != 0 && buf_printf(b, "<input type=\"hidden\" name=\"state\" value=\"%02d\">", state))
        return -1;
    return buf_printf(b, " <button type=\"submit\">%s</button></form>\n", _("Show"));
}

int overlap_view_wide(struct buf *b, const char *label)
{
    return buf_puts(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"") || buf_put_html(b, label)
           || buf_puts(b, "\">");
}

int overlap_view_table(struct buf *b, const char *caption)
{
    return overlap_view_wide(b, caption) || buf_puts(b, "<table>\n<caption>") || buf_put_html(b, caption)
           || buf_puts(b, "</caption>\n");
}
