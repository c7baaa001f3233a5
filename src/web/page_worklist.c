/* page_worklist.c: the officer's pages.
 *
 *   GET /officer/worklist       applications in the officer's scope that
 *                               wait on the office, most at risk of missing
 *                               their SLA first, and open grievances
 *   GET /officer/worklist.xlsx  the same queue as a spreadsheet
 *   GET /officer/outreach       enterprises in scope eligible for a scheme
 *                               they have not applied to
 *
 * Grievances past their deadline are escalated before the list is read, so
 * a missed deadline shows at once (store_grievances_escalate_due). Every
 * page here reads enterprises' data, so each is audited. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "store/store_application.h"
#include "store/store_grievance.h"
#include "web/access_scope.h"
#include "web/evaluation.h"
#include "web/html.h"
#include "web/portal.h"
#include "web/privacy_correction.h"
#include "web/routes.h"
#include "web/xlsx.h"

#define WORKLIST_LIMIT 200
#define OUTREACH_SCAN 2000       /* enterprises evaluated per request */
#define OUTREACH_LIMIT 100

struct worklist {
    struct web_request *rq;
    struct buf *b;
    size_t n;
};

static int put_row(void *ctx, const struct app_row *a)
{
    struct worklist *w = ctx;
    struct buf *b = w->b;
    int pct = a->sla_days > 0 ? a->days_with_government * 100 / a->sla_days : 100;

    w->n++;
    if (buf_printf(b, "<tr%s><td><a href=\"/applications/%" PRId64 "\">%" PRId64 "</a></td><td>",
                   pct >= 100 ? " class=\"late\"" : "", a->id, a->id)
        || buf_put_html(b, a->enterprise_name) || buf_puts(b, "</td><td>")
        || buf_put_html(b, portal_scheme_name(w->rq, a->scheme_id)) || buf_puts(b, "</td><td>")
        || buf_put_html(b, portal_app_state_label(a->state))
        || buf_printf(b, "</td><td>%d / %d (%d%%)%s</td></tr>\n", a->days_with_government,
                      a->sla_days, pct, pct >= 100 ? _(" — overdue") : ""))
        return -1;
    return 0;
}

static int put_grievance(void *ctx, const struct grievance_row *g)
{
    struct worklist *w = ctx;
    char since[DATE_STR_LEN];

    w->n++;
    date_format(g->g.level_since, since);
    if (buf_printf(w->b, "<li><a href=\"/grievances/%" PRId64 "\">%s %" PRId64 "</a> · ", g->id,
                   _("Grievance"), g->id)
        || buf_put_html(w->b, g->enterprise_name) || buf_puts(w->b, " · ")
        || buf_put_html(w->b, portal_grievance_state_label(g->g.state))
        || buf_printf(w->b, " · %s %s</li>\n", _("since"), since))
        return -1;
    return 0;
}

/* Escalate what is overdue, then audit the read of the scope. */
static int prepare(struct web_request *rq, char gst[4], char district[64], struct err *e)
{
    struct grievance_sla sla;
    int64_t n = 0;

    /* The router resolved the officer's area (SCOPE_AREA, authz.c). */
    snprintf(gst, 4, "%s", rq->grant.gst_state);
    snprintf(district, 64, "%s", rq->grant.district);
    if (refdata_grievance_sla(rq->app->ref, rq->today, &sla) == 0
        && store_grievances_escalate_due(rq->store, &sla, rq->today, &n, e) != 0)
        return -1;
    return portal_audit_read(rq, 0, "worklist.read", e);
}

static int no_scope(struct web_request *rq, struct web_response *rs, struct err *e)
{
    return html_error_page(rs, rq, 403, _("No area assigned"),
                           _("Your account has no state or district yet. Ask the administrator."),
                           false) == 0 ? 0 : err_set(e, "out of memory");
}

int page_worklist(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char gst[4], district[64];
    struct worklist w = {.rq = rq, .b = &rs->body};
    int rc = prepare(rq, gst, district, e);

    if (rc != 0)
        return rc < 0 ? -1 : no_scope(rq, rs, e);
    e->msg[0] = '\0';
    if (html_begin(rs, rq, _("Worklist")) || buf_printf(w.b, "<h1>%s</h1>\n", _("Worklist"))
        || buf_printf(w.b, "<p><a href=\"/officer/worklist.xlsx\">%s</a> · <a href=\"/officer/outreach\">%s</a>"
                           " · <a href=\"/officer/claims\">%s</a></p>\n",
                      _("Download as a spreadsheet"), _("Eligible but not applied"),
                      _("Requests to link an enterprise"))
        || buf_printf(w.b, "<div class=\"wide\"><table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                      _("Applications waiting on the office, most urgent first"), _("No."),
                      _("Enterprise"), _("Scheme"), _("Status"), _("Days used of the allowed")))
        return err_set(e, "out of memory");
    if (store_worklist(rq->store, gst, district, rq->today, WORKLIST_LIMIT, put_row, &w, e) != 0)
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if (buf_puts(w.b, "</tbody>\n</table></div>\n")
        || (w.n == 0 && buf_printf(w.b, "<p>%s</p>\n", _("Nothing is waiting."))))
        return err_set(e, "out of memory");
    w.n = 0;
    if (buf_printf(w.b, "<h2>%s</h2>\n<ul>\n", _("Open grievances"))
        || store_grievances_in_scope(rq->store, gst, district, WORKLIST_LIMIT, put_grievance, &w, e) != 0)
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if ((w.n == 0 && buf_printf(w.b, "<li>%s</li>\n", _("None."))) || buf_puts(w.b, "</ul>\n"))
        return err_set(e, "out of memory");
    /* Entrepreneurs' requests to correct their records (docs/privacy.md). */
    if (privacy_put_correction_worklist(w.b, rq, gst, district, e) != 0)
        return -1;
    return html_end(rs, rq) ? err_set(e, "out of memory") : 0;
}

struct sheet {
    struct web_request *rq;
    struct xlsx_table *t;
};

static int sheet_row(void *ctx, const struct app_row *a)
{
    struct sheet *s = ctx;

    if (xlsx_table_number(s->t, (double)a->id) || xlsx_table_text(s->t, a->enterprise_name)
        || xlsx_table_text(s->t, a->district) || xlsx_table_text(s->t, a->scheme_id)
        || xlsx_table_text(s->t, portal_scheme_name(s->rq, a->scheme_id))
        || xlsx_table_text(s->t, portal_app_state_label(a->state))
        || xlsx_table_date(s->t, a->created_on) || xlsx_table_number(s->t, a->days_with_government)
        || xlsx_table_number(s->t, a->sla_days) || xlsx_table_text(s->t, a->last_reason)
        || xlsx_table_end_row(s->t))
        return -1;
    return 0;
}

int page_worklist_xlsx(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *headings[] = {_("No."), _("Enterprise"), _("District"), _("Scheme id"),
                              _("Scheme"), _("Status"), _("Applied on"), _("Days with the office"),
                              _("Days allowed"), _("Last reason")};
    char gst[4], district[64];
    struct sheet s = {.rq = rq};
    int rc = prepare(rq, gst, district, e);

    if (rc != 0)
        return rc < 0 ? -1 : no_scope(rq, rs, e);
    s.t = xlsx_table_new(_("Worklist"), headings, sizeof headings / sizeof headings[0], e);
    if (s.t == NULL)
        return -1;
    e->msg[0] = '\0';
    rs->body.limit = WEB_BODY_LIMIT;
    if (store_worklist(rq->store, gst, district, rq->today, WORKLIST_LIMIT * 50, sheet_row, &s, e) != 0)
        rc = e->msg[0] ? -1 : err_set(e, "worklist sheet: cannot write a row");
    if (rc == 0)
        rc = xlsx_table_finish(s.t, &rs->body, e);
    xlsx_table_free(s.t);
    if (rc != 0)
        return -1;
    rs->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return web_response_header(rs, "Content-Disposition", "attachment; filename=\"worklist.xlsx\"") == 0
               ? 0 : err_set(e, "header");
}

/* --- outreach ----------------------------------------------------------- */

struct outreach {
    struct web_request *rq;
    struct buf *b;
    size_t scanned, listed;
    struct err *e;
    const struct scheme *applied[64];
    size_t n_applied;
};

static int note_applied(void *ctx, const char *scheme_id)
{
    struct outreach *o = ctx;
    const struct scheme *s = catalog_find(o->rq->app->catalog, scheme_id);

    if (s != NULL && o->n_applied < sizeof o->applied / sizeof o->applied[0])
        o->applied[o->n_applied++] = s;
    return 0;
}

static bool applied_to(const struct outreach *o, const struct scheme *s)
{
    for (size_t i = 0; i < o->n_applied; i++)
        if (o->applied[i] == s)
            return true;
    return false;
}

static int outreach_enterprise(void *ctx, const struct enterprise *ent)
{
    struct outreach *o = ctx;
    struct profile p;
    struct evaluation ev = {0};
    int rc = 0, k = 0;

    if (o->scanned++ >= OUTREACH_SCAN || o->listed >= OUTREACH_LIMIT)
        return 1;
    o->n_applied = 0;
    profile_init(&p);
    if (enterprise_to_profile(ent, &p) != 0 || (profile_set_int(&p, PF_AS_OF, o->rq->today), 0)
        || evaluation_run(o->rq->app, &p, o->rq->today, &ev, o->e) != 0) {
        profile_clear(&p);
        return -1;
    }
    for (size_t i = 0; rc == 0 && i < ev.n; i++) {
        const struct scheme_result *r = &ev.results[i];
        if (r->status != ST_ELIGIBLE || !r->in_force)
            continue;
        if (k == 0) {
            /* Only now ask the store: most enterprises need no look-up. */
            if (store_app_schemes_of(o->rq->store, ent->id, note_applied, o, o->e) != 0) {
                rc = -1;
                break;
            }
        }
        if (applied_to(o, r->scheme))
            continue;
        rc = (k++ == 0 && (buf_puts(o->b, "<li>") || buf_put_html(o->b, enterprise_display_name(ent))
                           || buf_printf(o->b, " (%s) — ", ent->udyam[0] ? ent->udyam : "—")))
             || (k > 1 && buf_puts(o->b, ", "))
             || buf_put_html(o->b, portal_scheme_name(o->rq, r->scheme->id)) ? -1 : 0;
    }
    if (rc == 0 && k > 0) {
        o->listed++;
        rc = buf_puts(o->b, "</li>\n");
    }
    evaluation_free(&ev);
    profile_clear(&p);
    return rc;
}

int page_outreach(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char gst[4], district[64];
    struct outreach o = {.rq = rq, .b = &rs->body, .e = e};
    int rc = prepare(rq, gst, district, e);

    if (rc != 0)
        return rc < 0 ? -1 : no_scope(rq, rs, e);
    e->msg[0] = '\0';
    if (html_begin(rs, rq, _("Eligible but not applied"))
        || buf_printf(o.b, "<h1>%s</h1>\n<p>%s</p>\n<ul class=\"outreach\">\n", _("Eligible but not applied"),
                      _("Enterprises in your area that qualify for a scheme they have not applied "
                        "to. Reach out to them.")))
        return err_set(e, "out of memory");
    if (store_enterprises_in_scope(rq->store, gst, district, outreach_enterprise, &o, e) != 0)
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    if ((o.listed == 0 && buf_printf(o.b, "<li>%s</li>\n", _("None found.")))
        || buf_printf(o.b, "</ul>\n<p>%s %zu.</p>\n", _("Enterprises checked:"), o.scanned > OUTREACH_SCAN ? (size_t)OUTREACH_SCAN : o.scanned)
        || html_end(rs, rq))
        return err_set(e, "out of memory");
    return 0;
}
