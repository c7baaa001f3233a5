/* page_sustainability.c: GET /sustainability, the aggregates for officers
 * and policymakers (docs/sustainability.md): CO2 intensity benchmarks by
 * NIC division (tCO2 per lakh rupees of turnover: median and middle half)
 * and registered clusters' members' total tCO2, each withheld when fewer
 * than 5 enterprises stand behind it (analytics/suppress.h). National
 * figures: every cell is an aggregate of at least 5 enterprises, so no
 * reader learns one firm's figure, and no enterprise read is logged. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "golden/sustainability_overview.h"
#include "web/access_scope.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/svg_insight.h"

/* The divisions with the most declaring enterprises, for the chart; the
 * table lists them all. */
#define CHART_ROWS 15

static int put_factors(struct buf *b, const struct emission_factors *f)
{
    json_t *a = sustainability_factor_sources(f);
    size_t i;
    json_t *x;
    int rc = buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("Factors used"));

    json_array_foreach(a, i, x) {
        if (rc != 0)
            break;
        rc = buf_puts(b, "<li>") || buf_put_html(b, json_string_value(json_object_get(x, "source")))
             || buf_printf(b, ": %.4f ", json_real_value(json_object_get(x, "kgco2_per_unit")))
             || buf_put_html(b, json_string_value(json_object_get(x, "factor_unit")))
             || buf_puts(b, " — ")
             || buf_put_html(b, json_string_value(json_object_get(x, "reference")))
             || buf_puts(b, "</li>\n");
    }
    json_decref(a);
    return rc || buf_puts(b, "</ul>\n") ? -1 : 0;
}

static int put_benchmarks(struct buf *b, const struct sustainability_overview *o)
{
    const char *names[CHART_ROWS];
    char name_buf[CHART_ROWS][40];
    double v[CHART_ROWS];
    size_t k = 0;

    if (buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n", _("Intensity by NIC division"),
                   _("tCO2 per lakh rupees of turnover: the median enterprise, and the middle half (25th to 75th percentile).")))
        return -1;
    for (size_t i = 0; i < o->n_bench && k < CHART_ROWS; i++) {
        if (o->bench[i].q.suppressed)
            continue;
        snprintf(name_buf[k], sizeof name_buf[k], "%s %s", _("Division"), o->bench[i].division);
        names[k] = name_buf[k];
        v[k++] = o->bench[i].q.median;
    }
    if (k > 0 && svg_bar_chart(b, names, v, k, _("Median tCO2 per lakh rupees by NIC division"),
                               _("withheld")))
        return -1;
    if (buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"benchmarks-caption\"><table>\n<caption id=\"benchmarks-caption\">%s</caption>\n<thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Benchmarks (tCO2 per lakh rupees)"), _("NIC division"), _("Enterprises"),
                   _("25th percentile"), _("Median"), _("75th percentile")))
        return -1;
    for (size_t i = 0; i < o->n_bench; i++) {
        const struct sector_benchmark *x = &o->bench[i];
        if (x->q.suppressed
                ? buf_printf(b, "<tr><td>%s</td><td colspan=\"4\">%s</td></tr>\n", x->division,
                             _("Fewer than 5: withheld"))
                : buf_printf(b, "<tr><td>%s</td><td>%lld</td><td>%.5f</td><td>%.5f</td><td>%.5f</td></tr>\n",
                             x->division, (long long)x->q.n, x->q.q1, x->q.median, x->q.q3))
            return -1;
    }
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_clusters(struct buf *b, const struct sustainability_overview *o)
{
    const char **names = NULL;
    double *v = NULL;
    size_t k = 0, n = o->n_clusters < SVG_INSIGHT_BARS_MAX ? o->n_clusters : SVG_INSIGHT_BARS_MAX;
    int rc = 0;

    if (buf_printf(b, "<h2>%s</h2>\n", _("Registered clusters: members' emissions")))
        return -1;
    names = mem_calloc(n ? n : 1, sizeof *names);
    v = mem_calloc(n ? n : 1, sizeof *v);
    if (names == NULL || v == NULL)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        names[k] = o->clusters[i].name;
        v[k++] = o->clusters[i].suppressed ? NAN : o->clusters[i].tco2;
    }
    if (rc == 0 && k > 0)
        rc = svg_bar_chart(b, names, v, k, _("Members' total tCO2 by registered cluster"), _("withheld"));
    mem_free(names);
    mem_free(v);
    if (rc != 0 || buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"clusters-caption\"><table>\n<caption id=\"clusters-caption\">%s</caption>\n<thead><tr>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                                 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                              _("Cluster totals"), _("Cluster"), _("Members"), _("Declared"),
                              _("tCO2")))
        return -1;
    for (size_t i = 0; i < o->n_clusters; i++) {
        const struct cluster_emissions *c = &o->clusters[i];
        /* A count of 1 to 4 declaring is withheld like the figure. */
        if (buf_puts(b, "<tr><td>") || buf_put_html(b, c->name)
            || buf_printf(b, "</td><td>%lld</td><td>", (long long)c->members)
            || (c->declared > 0 && suppress_cell(c->declared)
                    ? buf_puts(b, _("fewer than 5"))
                    : buf_printf(b, "%lld", (long long)c->declared))
            || buf_puts(b, "</td><td>")
            || (c->suppressed ? buf_printf(b, "%s", _("Fewer than 5: withheld"))
                              : buf_printf(b, "%.3f", c->tco2))
            || buf_puts(b, "</td></tr>\n"))
            return -1;
    }
    if (o->n_clusters == 0 && buf_printf(b, "<tr><td colspan=\"4\">%s</td></tr>\n", _("None.")))
        return -1;
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

int page_sustainability(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct sustainability_overview o;
    struct buf *b = &rs->body;
    int rc;

    /* National figures, every registered cluster named: not a district's
     * view; the router's SCOPE_NATIONAL refuses district officers. */
    if (sustainability_overview_load(rq->store, rq->app->emission_factors, &o, e) != 0)
        return -1;
    rc = html_begin(rs, rq, _("Sustainability: sector benchmarks and clusters"))
         || (o.n_units < SUPPRESS_MIN_ENTERPRISES
                 ? buf_printf(b, "<h1>%s</h1>\n<p>%s %s.</p>\n", _("Sustainability"),
                              _("Enterprises that have declared their energy use:"),
                              _("fewer than 5"))
                 : buf_printf(b, "<h1>%s</h1>\n<p>%s %zu.</p>\n", _("Sustainability"),
                              _("Enterprises that have declared their energy use:"), o.n_units))
         || buf_printf(b, "<p><small>%s</small></p>\n",
                       _("CO2 from grid electricity and fuels, as declared by enterprises or reported in feeds; methane and nitrous oxide are not counted. Cells of fewer than 5 enterprises are withheld."))
         || put_benchmarks(b, &o) || put_clusters(b, &o)
         || put_factors(b, rq->app->emission_factors) || html_end(rs, rq);
    sustainability_overview_free(&o);
    return rc ? err_set(e, "out of memory") : 0;
}
