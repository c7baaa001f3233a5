/* page_watchlist.c: the officer's stress watchlist.
 *
 *   GET /officer/watchlist        enterprises of the officer's area whose
 *                                 latest score puts them in stress, most
 *                                 likely to slip first, each with its top
 *                                 three reasons in words, the month the
 *                                 signal has shown since, and the help
 *                                 that fits its reasons
 *   GET /officer/watchlist.xlsx   the same list, up to 5,000 rows
 *
 * stress_watch.c reads the list and audits every enterprise shown. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/stress_sector.h"
#include "web/access_scope.h"
#include "web/html.h"
#include "web/portal.h"
#include "web/routes.h"
#include "web/stress_watch.h"
#include "web/xlsx.h"

#define PAGE_NUMBER_MAX 100000

static int no_scope(struct web_request *rq, struct web_response *rs, struct err *e)
{
    return html_error_page(rs, rq, 403, _("No area assigned"),
                           _("Your account has no state or district yet. Ask the administrator."),
                           false) == 0 ? 0 : err_set(e, "out of memory");
}

/* ?page=N, 1 when absent; 0 when it is not a number from 1 to PAGE_NUMBER_MAX. */
static long page_number(const struct web_request *rq)
{
    long n = 1;

    return web_query_long(rq, "page", 1, PAGE_NUMBER_MAX, &n) < 0 ? 0 : n;
}

static int put_percent(struct buf *b, double p)
{
    return buf_printf(b, "%.0f%%", p * 100.0);
}

static int put_reasons(struct buf *b, const struct stress_watch_item *it)
{
    struct buf words = BUF_INIT;
    int rc;

    if (it->n_reasons < 0)
        return buf_printf(b, "<p>%s</p>", _("The reasons stored with this score cannot be read."));
    if (it->n_reasons == 0)
        return 0;
    rc = buf_puts(b, "<ul>");

    /* The reason's words come through gettext and a translator's file:
     * escaped, like all text of the page. */
    for (int i = 0; rc == 0 && i < it->n_reasons; i++) {
        buf_reset(&words);
        rc = stress_reason_text(&it->reasons[i], &words) || buf_puts(b, "<li>")
             || buf_put_html(b, buf_cstr(&words)) || buf_puts(b, "</li>");
    }
    buf_release(&words);
    return rc || buf_puts(b, "</ul>");
}

static int put_help_links(struct buf *b, const struct stress_watch_item *it)
{
    bool want[HELP_COUNT];
    bool first = true;

    if (it->n_reasons <= 0)
        return 0;
    stress_help_for(it->reasons, it->n_reasons, want);
    for (int h = 0; h < HELP_COUNT; h++) {
        if (!want[h])
            continue;
        if ((first && buf_printf(b, "<p>%s ", _("Help that fits:")))
            || (!first && buf_puts(b, " · "))
            || buf_printf(b, "<a href=\"#help-%s\">", stress_help_scheme(h) ? stress_help_scheme(h) : "revival")
            || buf_put_html(b, stress_help_short(h)) || buf_puts(b, "</a>"))
            return -1;
        first = false;
    }
    return first ? 0 : buf_puts(b, "</p>");
}

static int put_item(struct web_request *rq, struct buf *b, const struct stress_watch_item *it)
{
    const struct stress_watch_row *r = &it->row;
    char since[64];

    (void)rq;
    stress_month_text(r->since, since, sizeof since);
    if (buf_printf(b, "<li><a href=\"/officer/enterprises/%" PRId64 "\">", r->enterprise_id)
        || buf_put_html(b, r->name) || buf_puts(b, "</a>")
        || (r->district[0] && (buf_puts(b, " · ") || buf_put_html(b, r->district)))
        || buf_puts(b, "<br><span class=\"prob\">") || put_percent(b, r->probability)
        || buf_printf(b, "</span> %s", _("chance of NPA within 12 months"))
        || (since[0] && (buf_puts(b, " · ") || html_put_sentence(b, _("in stress since %s"), since)))
        || put_reasons(b, it) || put_help_links(b, it) || buf_puts(b, "</li>\n"))
        return -1;
    return 0;
}

static int put_pager(struct buf *b, const struct stress_watch *w, long page)
{
    bool prev = page > 1, next = (int64_t)(w->offset + w->n) < w->total;

    if (!prev && !next)
        return 0;
    return buf_puts(b, "<nav aria-label=\"pages\"><p>")
           || (prev && buf_printf(b, "<a href=\"/officer/watchlist?page=%ld\" rel=\"prev\">%s</a> ",
                                  page - 1, _("Previous page")))
           || (next && buf_printf(b, "<a href=\"/officer/watchlist?page=%ld\" rel=\"next\">%s</a>",
                                  page + 1, _("Next page")))
           || buf_puts(b, "</p></nav>\n");
}

/* Each kind of help once, at the foot, in plain words. */
static int put_help(struct web_request *rq, struct buf *b)
{
    static const char *const why[HELP_COUNT] = {
        N_("For a loan in SMA-2, the bank must draw up a corrective action plan (rectify, "
           "restructure or recover) for MSMEs with limits up to ₹25 crore; an enterprise that "
           "expects to fail may ask for one itself. MoMSME S.O. 1432(E) of 29 May 2015; RBI "
           "circular of 17 March 2016. A bank's duty, not a scheme."),
        N_("A collateral-free loan guaranteed by the trust: more working capital without "
           "pledging property."),
        N_("Mudra loans up to ₹20 lakh through any bank, for working capital as well as machines."),
        N_("Sell unpaid invoices of large buyers on an exchange and be paid in days."),
        N_("File a delayed-payment case against a buyer; the Facilitation Council can order "
           "interest at three times the Bank Rate."),
    };

    if (buf_printf(b, "<h2 id=\"help\">%s</h2>\n<dl>\n", _("Help for enterprises in stress")))
        return -1;
    for (int h = 0; h < HELP_COUNT; h++) {
        const char *id = stress_help_scheme(h);
        if (id == NULL) {
            if (buf_printf(b, "<dt id=\"help-revival\">%s</dt>",
                           _("RBI Framework for Revival and Rehabilitation of MSMEs")))
                return -1;
        } else if (buf_printf(b, "<dt id=\"help-%s\"><a href=\"/api/v1/schemes/%s?lang=%s\">", id, id,
                              i18n_code(rq->lang))
                   || buf_put_html(b, portal_scheme_name(rq, id)) || buf_puts(b, "</a></dt>")) {
            return -1;
        }
        if (buf_puts(b, "<dd>") || buf_put_html(b, _(why[h])) || buf_puts(b, "</dd>\n"))
            return -1;
    }
    return buf_puts(b, "</dl>\n");
}

static int put_intro(struct web_request *rq, struct buf *b, const struct stress_watch *w)
{
    char month[64], threshold[16], count[24];

    stress_month_text(w->month, month, sizeof month);
    if (buf_printf(b, "<h1>%s</h1>\n<p>", _("Enterprises in stress")))
        return -1;
    if (w->month[0] == '\0')
        return buf_printf(b, "%s</p>\n", _("No stress scores are stored yet."));
    snprintf(threshold, sizeof threshold, "%.0f%%", STRESS_ALERT_PROBABILITY * 100.0);
    snprintf(count, sizeof count, "%" PRId64, w->total);
    /* Both values are digits of ours: no escaping needed. */
    if (html_put_sentence(b, _("Scores of %s, the latest."), month) || buf_puts(b, " ")
        || buf_printf(b, _("Enterprises of your area with a chance of NPA within 12 months of %s or more: %s."),
                      threshold, count)
        || buf_printf(b, " %s</p>\n", _("Most likely first.")))
        return -1;
    if (buf_printf(b, "<p><a href=\"/officer/watchlist.xlsx\">%s</a>", _("Download as a spreadsheet")))
        return -1;
    if (rq->session->user.district[0] == '\0'
        && buf_printf(b, " · <a href=\"/stress/heatmap\">%s</a>", _("Stress by place and sector")))
        return -1;
    return buf_puts(b, "</p>\n");
}

int page_watchlist(struct web_request *rq, struct web_response *rs, struct err *e)
{
    long page = page_number(rq);
    struct stress_watch w;
    struct buf *b = &rs->body;
    int rc;

    if (page == 0)
        return html_error_page(rs, rq, 400, _("Page not found"),
                               _("The page number must be a whole number from 1."), false) == 0
                   ? 0 : err_set(e, "out of memory");
    rc = stress_watch_load(rq, (size_t)(page - 1) * STRESS_WATCH_PAGE, STRESS_WATCH_PAGE,
                           "stress.watchlist.read", &w, e);
    if (rc != 0) {
        stress_watch_release(&w);
        return rc < 0 ? -1 : no_scope(rq, rs, e);
    }
    rc = html_begin(rs, rq, _("Enterprises in stress")) || put_intro(rq, b, &w);
    if (rc == 0 && w.n > 0) {
        rc = buf_printf(b, "<ol class=\"watch\" start=\"%zu\">\n", w.offset + 1);
        for (size_t i = 0; rc == 0 && i < w.n; i++)
            rc = put_item(rq, b, &w.items[i]);
        rc = rc || buf_puts(b, "</ol>\n");
    } else if (rc == 0 && w.month[0]) {
        rc = buf_printf(b, "<p>%s</p>\n", _("No enterprise of your area is in stress on this page."));
    }
    rc = rc || put_pager(b, &w, page) || put_help(rq, b) || html_end(rs, rq);
    stress_watch_release(&w);
    return rc ? err_set(e, "watchlist: out of memory or over the page limit") : 0;
}

/* --- the spreadsheet ----------------------------------------------------------- */

static int sheet_reasons(struct xlsx_table *t, const struct stress_watch_item *it)
{
    struct buf words = BUF_INIT;
    int rc = 0;

    for (int i = 0; rc == 0 && i < STRESS_REASONS_MAX; i++) {
        buf_reset(&words);
        if (i < it->n_reasons)
            rc = stress_reason_text(&it->reasons[i], &words) || xlsx_table_text(t, buf_cstr(&words));
        else
            rc = xlsx_table_empty(t);
    }
    buf_release(&words);
    return rc;
}

static int sheet_row(struct xlsx_table *t, const struct stress_watch_item *it, size_t rank)
{
    const struct stress_watch_row *r = &it->row;

    return xlsx_table_number(t, (double)rank) || xlsx_table_number(t, (double)r->enterprise_id)
           || xlsx_table_text(t, r->name) || xlsx_table_text(t, r->udyam)
           || xlsx_table_text(t, r->district) || xlsx_table_text(t, r->nic)
           || xlsx_table_text(t, _(stress_sector_label(stress_sector_of_nic(r->nic))))
           || xlsx_table_number(t, r->probability) || xlsx_table_text(t, r->month)
           || xlsx_table_text(t, r->since) || sheet_reasons(t, it) || xlsx_table_end_row(t);
}

int page_watchlist_xlsx(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *headings[] = {_("Rank"), _("Enterprise id"), _("Enterprise"), _("Udyam number"),
                              _("District"), _("NIC code"), _("Sector"),
                              _("Chance of NPA within 12 months"), _("Scoring month"),
                              _("In stress since"), _("Reason 1"), _("Reason 2"), _("Reason 3")};
    struct stress_watch w;
    struct xlsx_table *t;
    int rc = stress_watch_load(rq, 0, STRESS_WATCH_EXPORT, "stress.watchlist.export", &w, e);

    if (rc != 0) {
        stress_watch_release(&w);
        return rc < 0 ? -1 : no_scope(rq, rs, e);
    }
    t = xlsx_table_new(_("Watchlist"), headings, sizeof headings / sizeof headings[0], e);
    if (t == NULL) {
        stress_watch_release(&w);
        return -1;
    }
    for (size_t i = 0; rc == 0 && i < w.n; i++)
        if (sheet_row(t, &w.items[i], i + 1) != 0)
            rc = err_set(e, "watchlist sheet: cannot write a row");
    rs->body.limit = WEB_BODY_LIMIT;
    if (rc == 0)
        rc = xlsx_table_finish(t, &rs->body, e);
    xlsx_table_free(t);
    stress_watch_release(&w);
    if (rc != 0)
        return -1;
    rs->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return web_response_header(rs, "Content-Disposition", "attachment; filename=\"watchlist.xlsx\"") == 0
               ? 0 : err_set(e, "header");
}
