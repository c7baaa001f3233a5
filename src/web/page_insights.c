/* page_insights.c: GET /insights, the entrepreneur's market insights and
 * sustainability (docs/insights.md, docs/sustainability.md), and POST
 * /insights/energy, the declaration of a year's electricity and fuel use.
 *
 * The enterprise sees its own figures, its percentile and its peers'
 * median, never another firm's: everything comes from
 * golden/enterprise_insights.c, which the CLI uses too. Small enough for a
 * cheap phone: no script, one narrow SVG per metric, tables that wrap. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/date.h"
#include "core/money.h"
#include "golden/enterprise_insights.h"
#include "store/store_energy.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"
#include "web/svg_insight.h"

#define DECLARE_YEARS 3     /* the financial years the form offers */

static bool hindi(const struct web_request *rq)
{
    return rq->lang == LANG_HI;
}

static const char *level_words(enum peer_level l)
{
    switch (l) {
    case PEER_DISTRICT: return _("enterprises of your NIC group in your district");
    case PEER_STATE: return _("enterprises of your NIC group in your state (your district has fewer than 5)");
    case PEER_NATIONAL: return _("enterprises of your NIC group in India (your state has fewer than 5)");
    default: return "";
    }
}

static const char *source_words(int s)
{
    static const char *const names[ES_COUNT] = {N_("Electricity"), N_("Diesel"), N_("LPG"),
                                                N_("Natural gas"), N_("Coal")};

    return (unsigned)s < ES_COUNT ? _(names[s]) : "?";
}

static const char *tri_words(int v)
{
    return v < 0 ? _("Cannot tell from your details") : v ? _("Yes") : _("No");
}

static int put_metric(struct buf *b, const char *title, const struct market_metric *m)
{
    char label[256];

    if (buf_printf(b, "<h3>%s</h3>\n", title))
        return -1;
    if (m->known && buf_printf(b, "<p>%s <strong>%.1f%%</strong></p>\n", _("Yours:"), m->value * 100.0))
        return -1;
    if (!m->known && buf_printf(b, "<p>%s</p>\n", _("Not known for your enterprise: no GST returns or Udyam figures for both years.")))
        return -1;
    if (m->level == PEER_NONE)
        return buf_printf(b, "<p>%s</p>\n",
                          _("Fewer than 5 comparable enterprises have this figure, even across India, so no comparison is shown."));
    if (buf_printf(b, "<p>%s %.1f%% (%lld %s)</p>\n", _("Peers' median:"), m->peer_median * 100.0,
                   (long long)m->peers[m->level], level_words(m->level)))
        return -1;
    if (!m->known)
        return 0;
    snprintf(label, sizeof label, _("Your percentile: %.0f of 100"), m->percentile);
    return buf_printf(b, "<p>%s</p>\n", label) || svg_percentile_bar(b, m->percentile, label) ? -1 : 0;
}

static int put_market(struct web_request *rq, struct buf *b, const struct enterprise_insights *x)
{
    const struct insight_tables *t = rq->app->insight_tables;
    char money[MONEY_STR_MAX];

    if (buf_printf(b, "<h2>%s</h2>\n", _("Your market")) ||
        (x->window_end[0] && buf_printf(b, "<p>%s %s.</p>\n",
                                        _("Turnover from your GST returns: the 12 months to"),
                                        x->window_end))
        || put_metric(b, _("Turnover growth, last 12 months against the 12 before"),
                      &x->metric[METRIC_GROWTH])
        || put_metric(b, _("Exports as a share of turnover"), &x->metric[METRIC_EXPORT_SHARE]))
        return -1;
    if (buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"procurement-caption\"><table>\n<caption id=\"procurement-caption\">%s</caption>\n"
                      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Selling to the government"),
                   _("Central ministries, departments and public sector enterprises must buy part of what they buy from micro and small enterprises (Public Procurement Policy for MSEs)."),
                   _("Targets and whether they cover you"), _("Target"), _("Share of purchases"),
                   _("Covers you"), _("Progress across India")))
        return -1;
    for (size_t i = 0; i < t->n_targets; i++) {
        const struct procurement_target *p = &t->targets[i];
        if (buf_puts(b, "<tr><td>") || buf_put_html(b, hindi(rq) ? p->label_hi : p->label)
            || buf_printf(b, "</td><td>%g%%</td><td>%s</td><td>", p->share_pct, tri_words(x->target_ok[i])))
            return -1;
        if (p->progress_confirmed
                ? buf_printf(b, "%.2f%% %s %s", p->achieved_pct, _("in"), p->progress_fy)
                : buf_printf(b, "%s", _("Not confirmed in any source we have")))
            return -1;
        if (buf_puts(b, " <a href=\"") || buf_put_html(b, p->progress_confirmed ? p->progress_source : p->source)
            || buf_printf(b, "\">%s</a></td></tr>\n", _("source")))
            return -1;
    }
    if (buf_puts(b, "</tbody>\n</table></div>\n"))
        return -1;
    if (buf_printf(b, "<h2>%s</h2>\n<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"fairs-caption\"><table>\n<caption id=\"fairs-caption\">%s</caption>\n"
                      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Trade fairs and export help"),
                   _("International Cooperation (MDA, first-time exporters) and domestic fair support"),
                   _("What is paid for"), _("Share paid"), _("Up to"), _("Open to you")))
        return -1;
    for (size_t i = 0; i < t->n_fairs; i++) {
        const struct trade_fair *f = &t->fairs[i];
        money_format_inr((int64_t)f->cap_rs * 100, money);
        if (buf_puts(b, "<tr><td>") || buf_put_html(b, hindi(rq) ? f->component_hi : f->assistance)
            || buf_puts(b, " (") || buf_put_html(b, f->programme) || buf_puts(b, ")")
            || (!f->confirmed && buf_printf(b, " <em>%s</em>", _("amounts not confirmed")))
            || (f->has_rate ? buf_printf(b, "</td><td>%g%%</td>", f->rate_pct)
                            : buf_puts(b, "</td><td>—</td>"))
            || buf_printf(b, "<td>%s</td><td>%s <a href=\"", money,
                          f->who == WHO_ORGANISATION ? _("Through an MSME body that organises it")
                                                     : tri_words(x->fair_ok[i]))
            || buf_put_html(b, f->source) || buf_printf(b, "\">%s</a></td></tr>\n", _("source")))
            return -1;
    }
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_footprint(struct buf *b, const struct enterprise_insights *x)
{
    const struct footprint *fp = &x->fp;
    char fy[8], label[200];

    if (buf_printf(b, "<h2>%s</h2>\n", _("Energy and emissions")))
        return -1;
    if (!fp->declared)
        return buf_printf(b, "<p>%s</p>\n", _("No energy use declared yet. Declare it below to see your emissions."));
    emission_fy_format(fp->fy, fy);
    if (buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"footprint-caption\"><table>\n<caption id=\"footprint-caption\">%s %s</caption>\n<thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Financial year"), fy, _("Source"), _("Used"), _("Factor"), _("tCO2"),
                   _("Declared by")))
        return -1;
    for (int s = 0; s < ES_COUNT; s++) {
        const struct footprint_line *l = &fp->line[s];
        if (!fp->has[s])
            continue;
        if (buf_printf(b, "<tr><td>%s</td><td>%.3f %s</td><td>%.4f kgCO2/%s</td><td>%.3f</td>"
                          "<td>%s</td></tr>\n",
                       source_words(s), (double)l->decl.quantity_milli / 1000.0, l->factor.unit,
                       l->factor.kgco2_per_unit, l->factor.unit, l->kgco2 / 1000.0,
                       l->decl.portal ? _("you, on this portal") : _("a data feed")))
            return -1;
    }
    if (buf_printf(b, "</tbody>\n</table></div>\n<p><small>%s</small></p>\n<ul class=\"refs\">\n",
                   _("Where each factor comes from:")))
        return -1;
    for (int s = 0; s < ES_COUNT; s++)
        if (fp->has[s] && (buf_printf(b, "<li><small>%s: ", source_words(s))
                           || buf_put_html(b, fp->line[s].factor.source_text)
                           || buf_puts(b, "</small></li>\n")))
            return -1;
    if (buf_puts(b, "</ul>\n"))
        return -1;
    if (buf_printf(b, "<p>%s <strong>%.3f tCO2</strong>, %.1f GJ.</p>\n",
                   _("Total:"), fp->tco2, fp->gj)
        || buf_printf(b, "<p><small>%s</small></p>\n",
                      _("CO2 only, from grid electricity and fuels burnt on site; methane and nitrous oxide are not counted.")))
        return -1;
    if (fp->intensity_known
        && buf_printf(b, "<p>%s <strong>%.5f</strong> %s</p>\n", _("Intensity:"), fp->tco2_per_lakh,
                      _("tCO2 per lakh rupees of turnover")))
        return -1;
    if (x->benchmark.q.n == 0)
        return 0;
    if (x->benchmark.q.suppressed)
        return buf_printf(b, "<p>%s</p>\n", _("Fewer than 5 enterprises of your NIC division have declared, so no benchmark is shown."));
    if (buf_printf(b, "<p>%s %s: %s %.5f, %s %.5f – %.5f (%lld %s).</p>\n", _("NIC division"),
                   x->benchmark.division, _("median"), x->benchmark.q.median, _("middle half"),
                   x->benchmark.q.q1, x->benchmark.q.q3, (long long)x->benchmark.q.n,
                   _("enterprises")))
        return -1;
    if (x->intensity_percentile < 0)
        return 0;
    snprintf(label, sizeof label, _("Your intensity percentile in your division: %.0f of 100 (lower is cleaner)"),
             x->intensity_percentile);
    return buf_printf(b, "<p>%s</p>\n", label) || svg_percentile_bar(b, x->intensity_percentile, label) ? -1 : 0;
}

static int put_form(struct web_request *rq, struct buf *b)
{
    int y, m, d, fy;
    char name[24], label[96], years[DECLARE_YEARS][8];

    date_to_ymd(rq->today, &y, &m, &d);
    fy = m >= 4 ? y : y - 1;
    if (buf_printf(b, "<h2>%s</h2>\n<form method=\"post\" action=\"/insights/energy\">\n", _("Declare your energy use"))
        || html_put_csrf(b, rq)
        || buf_printf(b, "<label for=\"fiscal_year\">%s</label>\n<select name=\"fiscal_year\" id=\"fiscal_year\">\n",
                      _("Financial year")))
        return -1;
    for (int i = 0; i < DECLARE_YEARS; i++) {
        emission_fy_format(fy - i, years[i]);
        if (buf_printf(b, "<option value=\"%s\"%s>%s</option>\n", years[i], i == 1 ? " selected" : "", years[i]))
            return -1;
    }
    if (buf_puts(b, "</select>\n"))
        return -1;
    for (int s = 0; s < ES_COUNT; s++) {
        static const char *hints[ES_COUNT] = {
            N_("kWh, from your electricity bills for the year"), N_("kilograms of diesel"),
            N_("GJ of LPG (the energy on your supplier's invoice)"),
            N_("GJ of natural gas (the energy on your supplier's invoice)"),
            N_("GJ of coal (the energy on your supplier's invoice)")};
        snprintf(name, sizeof name, "q_%s", energy_source_code((enum energy_source)s));
        snprintf(label, sizeof label, "%s (%s)", source_words(s),
                 energy_source_unit((enum energy_source)s));
        if (html_input(b, name, label, "text", "", _(hints[s]), NULL, false))
            return -1;
    }
    return buf_printf(b, "<button type=\"submit\">%s</button>\n</form>\n", _("Save"));
}

static int put_esg(struct web_request *rq, struct buf *b, const struct enterprise_insights *x)
{
    const struct insight_tables *t = rq->app->insight_tables;

    if (buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("Ready for buyers' sustainability questions?")))
        return -1;
    for (size_t i = 0; i < t->n_esg; i++) {
        const struct esg_item *it = &t->esg[i];
        if (buf_printf(b, "<li><strong>%s</strong> ", x->esg[i] == 1 ? "✔" : x->esg[i] == 0 ? "✘" : "?")
            || buf_put_html(b, hindi(rq) ? it->label_hi : it->label)
            || (x->esg_value[i][0] && (buf_puts(b, " (") || buf_put_html(b, x->esg_value[i]) || buf_puts(b, ")")))
            || buf_puts(b, ": ") || buf_put_html(b, hindi(rq) ? it->why_hi : it->why) || buf_puts(b, "</li>\n"))
            return -1;
    }
    if (buf_printf(b, "</ul>\n<h3>%s</h3>\n<ul>\n", _("Green schemes")))
        return -1;
    for (size_t i = 0; i < x->n_green; i++)
        if (buf_puts(b, "<li>") || buf_put_html(b, hindi(rq) ? x->green[i].scheme->name_hi : x->green[i].scheme->name)
            || buf_printf(b, ": %s</li>\n", portal_status_label(x->green[i].status)))
            return -1;
    return buf_printf(b, "</ul>\n<p><a href=\"/schemes\">%s</a></p>\n", _("Every scheme, with reasons"));
}

int page_insights(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    struct enterprise_insights x;
    struct insights_env env = {rq->app->ref, rq->app->survivorship, rq->app->insight_tables,
                               rq->app->emission_factors, rq->app->catalog, rq->today};
    struct buf *b = &rs->body;
    bool found = false;
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    rc = enterprise_insights_load(rq->store, &env, v.ent.id, &x, &found, e);
    if (rc == 0 && !found)
        rc = err_set(e, "the enterprise went away");
    if (rc == 0
        && (html_begin(rs, rq, _("Market insights and sustainability")) || buf_puts(b, "<h1>")
            || buf_put_html(b, enterprise_display_name(&v.ent)) || buf_puts(b, "</h1>\n")
            || (web_query(rq, "saved") && buf_printf(b, "<p class=\"done\" role=\"status\">%s</p>\n",
                                                     _("Your energy use is saved.")))
            || put_market(rq, b, &x) || put_footprint(b, &x) || put_form(rq, b)
            || put_esg(rq, b, &x) || html_end(rs, rq)))
        rc = err_set(e, "out of memory");
    enterprise_insights_free(&x);
    profile_view_free(&v);
    return rc;
}

/* One source's field: empty means "not declared"; anything else must be a
 * quantity. */
static int read_quantity(struct web_request *rq, int s, bool *given, int64_t *q)
{
    char name[24], text[40];

    snprintf(name, sizeof name, "q_%s", energy_source_code((enum energy_source)s));
    *given = false;
    if (form_get(rq->body, rq->body_len, name, text, sizeof text) != 0 || text[0] == '\0')
        return 0;
    *given = true;
    return emission_quantity_parse(text, q) ? 0 : -1;
}

static int refuse(struct web_request *rq, struct web_response *rs, const char *why, struct err *e)
{
    return html_error_page(rs, rq, 422, _("Energy use not saved"), why, false) ? err_set(e, "out of memory") : 0;
}

int page_insights_energy(struct web_request *rq, struct web_response *rs, struct err *e)
{
    int64_t id = rq->session->user.enterprise_id, q[ES_COUNT];
    bool given[ES_COUNT], any = false;
    char year[16];
    int fy, y, m, d;

    if (id <= 0)
        return refuse(rq, rs, _("Your account has no enterprise yet."), e);
    date_to_ymd(rq->today, &y, &m, &d);
    if (form_get(rq->body, rq->body_len, "fiscal_year", year, sizeof year) != 0
        || (fy = emission_fy_parse(year)) < 0 || fy > (m >= 4 ? y : y - 1)
        || fy <= (m >= 4 ? y : y - 1) - DECLARE_YEARS)
        return refuse(rq, rs, _("Choose one of the financial years offered."), e);
    for (int s = 0; s < ES_COUNT; s++) {
        if (read_quantity(rq, s, &given[s], &q[s]) != 0)
            return refuse(rq, rs, _("Each quantity must be a number, with at most 3 decimals."), e);
        any = any || given[s];
    }
    if (!any)
        return refuse(rq, rs, _("Enter at least one quantity."), e);
    if (store_begin(rq->store, e) != 0)
        return -1;
    for (int s = 0; s < ES_COUNT; s++)
        if (given[s] && store_energy_declare(rq->store, id, year, s, q[s], rq->session->user.id, e) != 0) {
            store_rollback(rq->store);
            return -1;
        }
    if (store_commit(rq->store, e) != 0)
        return -1;
    return web_response_redirect(rs, "/insights?saved=1") == 0 ? 0 : err_set(e, "redirect");
}
