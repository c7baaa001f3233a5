/* page_cluster_health.c: the health of registered clusters
 * (docs/clusters.md).
 *
 *   GET /clusters/health       a table of the clusters in the reader's
 *                              area, sick ones first, with their reasons
 *   GET /clusters/health.xlsx  the same as a spreadsheet
 *
 * Peers for the percentile are every cluster of the same NIC division and
 * sector in the country, whatever the reader's area. Aggregates only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "web/cluster_view.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/routes.h"
#include "web/xlsx.h"

#define HEALTH_ROWS 60     /* rows on the page, so it stays under 50 KB in Hindi */

/* Sick first, then the lowest index, then by id; no index last. */
static int by_concern(const void *x, const void *y, void *arg)
{
    const struct cluster_health_report *r = arg;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    const struct cluster_health *a = &r->h[i], *b = &r->h[j];

    if (a->sick != b->sick)
        return a->sick ? -1 : 1;
    if (a->has_index != b->has_index)
        return a->has_index ? -1 : 1;
    if (a->has_index && a->index != b->index)
        return a->index < b->index ? -1 : 1;
    return strcmp(r->regs[i].id, r->regs[j].id);
}

/* The clusters in scope, in order of concern; *k of them. */
static size_t *in_scope(const struct cluster_health_report *r, const struct cluster_scope *sc, size_t *k)
{
    size_t *order = mem_calloc(r->n ? r->n : 1, sizeof *order);

    *k = 0;
    if (order == NULL)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (cluster_scope_has(sc, r->regs[i].state, r->regs[i].district))
            order[(*k)++] = i;
    qsort_r(order, *k, sizeof *order, by_concern, (void *)r);
    return order;
}

/* The health report of the reader's area, ordered by concern: what the
 * page and the spreadsheet both show. */
struct health_view {
    struct cluster_reg *regs;
    struct cluster_health_report r;
    size_t *order, k;
};

static void health_view_free(struct health_view *v)
{
    mem_free(v->order);
    cluster_health_report_free(&v->r);
    mem_free(v->regs);
}

/* 0 with *v loaded for the reader's area (the caller frees it), or -1 on an
 * error; the router refused readers without an area (SCOPE_AREA_AGGREGATE). */
static int health_view_load(struct web_request *rq, struct health_view *v, struct err *e)
{
    struct cluster_scope sc;

    memset(v, 0, sizeof *v);
    cluster_scope_of(rq, &sc);
    if (cluster_view_health(rq, &v->regs, &v->r, e) != 0)
        return -1;
    if ((v->order = in_scope(&v->r, &sc, &v->k)) == NULL) {
        health_view_free(v);
        return err_set(e, "out of memory");
    }
    return 0;
}

static int put_row(struct web_request *rq, struct buf *b, const struct cluster_health_report *r, size_t i,
                   struct buf *why)
{
    const struct cluster_reg *g = &r->regs[i];
    const struct cluster_health *h = &r->h[i];

    buf_reset(why);
    if (cluster_health_reasons_text(h, why))
        return -1;
    return buf_printf(b, "<tr%s><td><a href=\"/clusters/", h->sick ? " class=\"late\"" : "")
           || html_put_url_component(b, g->id) || buf_puts(b, "\">") || buf_put_html(b, g->name)
           || buf_puts(b, "</a></td><td>") || buf_put_html(b, g->district) || buf_puts(b, ", ")
           || buf_put_html(b, cluster_view_state(rq, g->state)) || buf_puts(b, "</td><td>")
           || buf_put_html(b, cluster_view_sector(r->in[i].manufacturing)) || buf_puts(b, "</td><td>")
           || (h->has_index ? buf_printf(b, "%.1f", h->index) : buf_puts(b, "—")) || buf_puts(b, "</td><td>")
           || (h->has_percentile ? buf_printf(b, "%.0f", h->percentile) : buf_puts(b, "—"))
           || buf_puts(b, "</td><td>") || cluster_view_pct(b, h->has_turnover, h->turnover_growth, true)
           || buf_puts(b, "</td><td>") || cluster_view_pct(b, h->has_stress, h->stress_share, false)
           || buf_puts(b, "</td><td>") || cluster_view_pct(b, h->has_cfc, h->cfc_utilisation, false)
           || buf_printf(b, "</td><td>%s", h->sick ? _("Sick") : _("No"))
           || (h->sick && (buf_puts(b, ": ") || buf_put_html(b, buf_cstr(why))))
           || buf_puts(b, "</td></tr>\n");
}

int page_cluster_health(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct health_view v;
    struct buf *b = &rs->body, why = BUF_INIT;
    size_t sick = 0;
    int rc = health_view_load(rq, &v, e);
    const struct cluster_health_report *const r = &v.r;
    const size_t k = v.k, *const order = v.order;

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    for (size_t p = 0; p < k; p++)
        sick += r->h[order[p]].sick;
    rc = html_begin(rs, rq, _("Cluster health"))
         || buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n<p>%s</p>\n<p><a href=\"/clusters/health.xlsx\">%s</a> · "
                          "<a href=\"/clusters\">%s</a></p>\n",
                       _("Cluster health"),
                       /* xgettext:no-c-format */
                       _("The health index (0-100) weighs members' GST turnover growth (30), the share of "
                         "members in stress (30), use of the common facility centre against its capacity (25) "
                         "and new members (15). A cluster is sick when turnover fell 10% or more, a fifth of "
                         "members are in stress, the CFC ran under 30% of capacity, or the index is under 40."),
                       r->basis == STRESS_BASIS_SCORE
                           ? _("Stress: the latest early-warning score of each member, one chance in four of NPA or more.")
                           : _("Stress: no early-warning scores yet, so members with a loan at SMA-1 or worse."),
                       _("Download as a spreadsheet"), _("Cluster map"))
         || buf_printf(b, "<p>%s %zu · %s %zu</p>\n", _("Clusters:"), k, _("Sick:"), sick)
         || buf_printf(b, "<div class=\"wide\"><table>\n<caption>%s</caption>\n<thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                       _("Registered clusters, sick ones first"), _("Cluster"), _("District"), _("Sector"),
                       _("Index"), _("Percentile among peers"), _("Turnover, year on year"),
                       _("Members in stress"), _("CFC use"), _("Sick")) ? -1 : 0;
    for (size_t p = 0; rc == 0 && p < k && p < HEALTH_ROWS; p++)
        rc = put_row(rq, b, r, order[p], &why);
    if (rc == 0 && k == 0)
        rc = buf_printf(b, "<tr><td colspan=\"9\">%s</td></tr>\n", _("None."));
    rc = rc || buf_puts(b, "</tbody>\n</table></div>\n")
         || (k > HEALTH_ROWS && (buf_puts(b, "<p>")
                                 || buf_printf(b, _("Shown: the %d of most concern of %zu; every one is in the spreadsheet."),
                                               HEALTH_ROWS, k)
                                 || buf_puts(b, "</p>\n")))
         || buf_printf(b, "<p class=\"hint\">%s</p>\n",
                       _("— : not observed, or withheld because fewer than 5 enterprises stand behind it."))
         || html_end(rs, rq);
    if (rc != 0)
        err_set(e, "out of memory");
    buf_release(&why);
    health_view_free(&v);
    return rc ? -1 : 0;
}

static int sheet_pct(struct xlsx_table *t, bool has, double v)
{
    return has ? xlsx_table_number(t, v) : xlsx_table_empty(t);
}

static int sheet_row(struct xlsx_table *t, struct web_request *rq, const struct cluster_health_report *r,
                     size_t i, struct buf *why)
{
    const struct cluster_reg *g = &r->regs[i];
    const struct cluster_health *h = &r->h[i];
    const struct cluster_health_input *in = &r->in[i];

    buf_reset(why);
    if (cluster_health_reasons_text(h, why))
        return -1;
    return xlsx_table_text(t, g->id) || xlsx_table_text(t, g->name)
           || xlsx_table_text(t, cluster_view_state(rq, g->state)) || xlsx_table_text(t, g->district)
           || xlsx_table_text(t, g->product) || xlsx_table_text(t, g->nic)
           || xlsx_table_text(t, cluster_view_sector(in->manufacturing))
           || xlsx_table_text(t, cluster_view_scheme(g->scheme)) || xlsx_table_text(t, cluster_view_status(g->status))
           || (suppress_cell(in->members) ? xlsx_table_empty(t) : xlsx_table_number(t, (double)in->members))
           || sheet_pct(t, h->has_index, h->index) || sheet_pct(t, h->has_percentile, h->percentile)
           || sheet_pct(t, h->has_turnover, h->turnover_growth) || sheet_pct(t, h->has_stress, h->stress_share)
           || sheet_pct(t, h->has_members, h->member_growth) || sheet_pct(t, h->has_cfc, h->cfc_utilisation)
           || xlsx_table_text(t, h->sick ? _("Yes") : _("No")) || xlsx_table_text(t, buf_cstr(why))
           || xlsx_table_end_row(t);
}

int page_cluster_health_xlsx(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *headings[] = {_("Cluster id"), _("Cluster"), _("State"), _("District"), _("Product"),
                              _("NIC code"), _("Sector"), _("Scheme"), _("Status"), _("Members"),
                              _("Index"), _("Percentile among peers"), _("Turnover, year on year"),
                              _("Members in stress"), _("New members in 12 months"), _("CFC use"),
                              _("Sick"), _("Reasons")};
    struct health_view v;
    struct xlsx_table *t = NULL;
    struct buf why = BUF_INIT;
    int rc = health_view_load(rq, &v, e);
    const struct cluster_health_report *const r = &v.r;
    const size_t k = v.k, *const order = v.order;

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    if ((t = xlsx_table_new(_("Cluster health"), headings, sizeof headings / sizeof headings[0], e)) == NULL) {
        rc = -1;
        goto done;
    }
    for (size_t p = 0; rc == 0 && p < k; p++)
        if (sheet_row(t, rq, r, order[p], &why) != 0)
            rc = err_set(e, "cluster health sheet: cannot write a row");
    rs->body.limit = WEB_BODY_LIMIT;
    if (rc == 0)
        rc = xlsx_table_finish(t, &rs->body, e);
    if (rc == 0) {
        rs->content_type = XLSX_MEDIA_TYPE;
        rc = web_response_header(rs, "Content-Disposition", "attachment; filename=\"cluster-health.xlsx\"") == 0
                 ? 0 : err_set(e, "header");
    }
done:
    xlsx_table_free(t);
    buf_release(&why);
    health_view_free(&v);
    return rc ? -1 : 0;
}
