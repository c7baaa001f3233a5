/* page_clusters.c: the cluster map and a cluster's profile
 * (docs/clusters.md).
 *
 *   GET /clusters       by state: registered clusters beside the
 *                       specialisations Udyam employment shows (location
 *                       quotient, stars), detected clusters and candidate
 *                       regions for new ones; ?state=NN narrows
 *   GET /clusters/{id}  one registered cluster: health, reasons, its
 *                       place among peers, and trend sparklines
 *
 * Aggregates only (cluster_view.h); small cells are shown as withheld. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "store/store_cluster_stats.h"
#include "web/cluster_view.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/routes.h"
#include "web/svg_sparkline.h"

#define MAP_ROWS 40        /* rows per table, so the page stays under 50 KB in Hindi */

static int put_stars(struct buf *b, const struct clusters_score *s)
{
    /* Words beside the symbols: a screen reader reads "2 of 3". */
    static const char *const full[] = {"☆☆☆", "★☆☆", "★★☆", "★★★"};

    return buf_printf(b, "<span aria-hidden=\"true\">%s</span> %d/3", full[s->stars], s->stars);
}

static int put_division(struct buf *b, const struct web_request *rq, const char *nic)
{
    char two[3] = {nic[0], nic[1], '\0'};
    const struct nic_division *d = refdata_nic_division(rq->app->ref, two);

    if (buf_put_html(b, nic))
        return -1;
    return d == NULL ? 0 : buf_puts(b, " · ") || buf_put_html(b, d->title);
}

/* --- the map ------------------------------------------------------------ */

struct state_row {
    char state[4];
    int registered, specialised, detected, candidates;
};

static struct state_row *state_row(struct state_row *rows, size_t *n, const char *state)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(rows[i].state, state) == 0)
            return &rows[i];
    if (*n >= 100)
        return NULL;
    memset(&rows[*n], 0, sizeof rows[*n]);
    snprintf(rows[*n].state, sizeof rows[*n].state, "%s", state);
    return &rows[(*n)++];
}

static int by_state(const void *x, const void *y)
{
    return strcmp(((const struct state_row *)x)->state, ((const struct state_row *)y)->state);
}

static int put_state_table(struct web_request *rq, struct buf *b, const struct cluster_map *m,
                           const struct cluster_scope *sc)
{
    struct state_row rows[100];
    size_t n = 0;
    const struct cluster_level_map *g = &m->group;

    for (size_t r = 0; r < m->n_regs; r++) {
        struct state_row *row;
        if (!cluster_scope_has(sc, m->regs[r].state, m->regs[r].district)
            || (row = state_row(rows, &n, m->regs[r].state)) == NULL)
            continue;
        row->registered++;
        row->specialised += cluster_map_reg_specialised(m, r);
    }
    for (size_t i = 0; i < g->n; i++) {
        struct state_row *row;
        if (!g->scores[i].detected || !cluster_scope_has(sc, g->cells[i].state, g->cells[i].district)
            || (row = state_row(rows, &n, g->cells[i].state)) == NULL)
            continue;
        row->detected++;
        row->candidates += cluster_map_candidate(g, i);
    }
    qsort(rows, n, sizeof *rows, by_state);
    if (buf_printf(b, "<h2>%s</h2>\n<div class=\"wide\"><table>\n<caption>%s</caption>\n<thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("By state"), _("Clusters by state (NIC groups)"), _("State"), _("Registered"),
                   _("Registered and specialised"), _("Detected"), _("Candidates")))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (buf_puts(b, "<tr><th scope=\"row\"><a href=\"/clusters?state=")
            || html_put_url_component(b, rows[i].state) || buf_puts(b, "\">")
            || buf_put_html(b, cluster_view_state(rq, rows[i].state))
            || buf_printf(b, "</a></th><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>\n", rows[i].registered,
                          rows[i].specialised, rows[i].detected, rows[i].candidates))
            return -1;
    if (n == 0 && buf_printf(b, "<tr><td colspan=\"5\">%s</td></tr>\n", _("None.")))
        return -1;
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_registered(struct buf *b, const struct cluster_map *m, const struct cluster_scope *sc)
{
    size_t shown = 0;

    if (buf_printf(b, "<h2>%s</h2>\n<div class=\"wide\"><table>\n<caption>%s</caption>\n<thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                   _("Registered clusters"), _("MSE-CDP, SFURTI and other clusters on file, with the location quotient of their NIC group in their district"),
                   _("Cluster"), _("District"), _("Scheme"), _("Status"), _("Location quotient"), _("Stars")))
        return -1;
    for (size_t r = 0; r < m->n_regs && shown < MAP_ROWS; r++) {
        const struct cluster_reg *g = &m->regs[r];
        long c = m->reg_group[r];
        if (!cluster_scope_has(sc, g->state, g->district))
            continue;
        shown++;
        if (buf_puts(b, "<tr><td><a href=\"/clusters/") || html_put_url_component(b, g->id)
            || buf_puts(b, "\">") || buf_put_html(b, g->name) || buf_puts(b, "</a></td><td>")
            || buf_put_html(b, g->district) || buf_puts(b, "</td><td>")
            || buf_put_html(b, cluster_view_scheme(g->scheme)) || buf_puts(b, "</td><td>")
            || buf_put_html(b, cluster_view_status(g->status)) || buf_puts(b, "</td>"))
            return -1;
        if (c < 0) {
            if (buf_printf(b, "<td colspan=\"2\">%s</td></tr>\n", _("no enterprises of its group on file")))
                return -1;
        } else if (suppress_cell(m->group.cells[c].enterprises)) {
            if (buf_printf(b, "<td colspan=\"2\">%s</td></tr>\n", _("withheld: fewer than 5 enterprises")))
                return -1;
        } else if (buf_printf(b, "<td>%.2f</td><td>", m->group.scores[c].lq)
                   || put_stars(b, &m->group.scores[c]) || buf_puts(b, "</td></tr>\n")) {
            return -1;
        }
    }
    if (shown == 0 && buf_printf(b, "<tr><td colspan=\"6\">%s</td></tr>\n", _("None.")))
        return -1;
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

static int by_strength(const void *x, const void *y, void *arg)
{
    const struct cluster_level_map *l = arg;
    const struct clusters_score *a = &l->scores[*(const size_t *)x], *b = &l->scores[*(const size_t *)y];

    if (a->stars != b->stars)
        return b->stars - a->stars;
    return (a->lq < b->lq) - (a->lq > b->lq);
}

static int put_detected(struct web_request *rq, struct buf *b, const struct cluster_map *m,
                        const struct cluster_scope *sc, bool candidates, struct err *e)
{
    const struct cluster_level_map *l = &m->group;
    size_t *order = mem_calloc(l->n ? l->n : 1, sizeof *order), k = 0;
    int rc = 0;

    if (order == NULL)
        return err_set(e, "out of memory");
    for (size_t i = 0; i < l->n; i++)
        if (l->scores[i].detected && (!candidates || cluster_map_candidate(l, i))
            && cluster_scope_has(sc, l->cells[i].state, l->cells[i].district))
            order[k++] = i;
    qsort_r(order, k, sizeof *order, by_strength, (void *)l);
    rc = buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<div class=\"wide\"><table>\n<caption>%s</caption>\n<thead><tr>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                    candidates ? _("Candidate regions for a new cluster") : _("Detected clusters"),
                    candidates ? _("Specialised districts (location quotient 2 or more, at least two stars, "
                                   "10 or more enterprises) with no registered cluster of the same NIC group.")
                               : _("District and NIC group cells with at least two stars and 10 or more enterprises, "
                                   "strongest first."),
                    candidates ? _("Candidate regions") : _("Detected clusters"), _("District"), _("NIC group"),
                    _("Enterprises"), _("Employment"), _("Location quotient"), _("Stars"));
    for (size_t p = 0; rc == 0 && p < k && p < MAP_ROWS; p++) {
        const struct clusters_cell *c = &l->cells[order[p]];
        rc = buf_puts(b, "<tr><td>") || buf_put_html(b, c->district) || buf_puts(b, ", ")
             || buf_put_html(b, cluster_view_state(rq, c->state)) || buf_puts(b, "</td><td>")
             || put_division(b, rq, c->nic)
             || buf_printf(b, "</td><td>%lld</td><td>%lld</td><td>%.2f</td><td>", (long long)c->enterprises,
                           (long long)c->employment, l->scores[order[p]].lq)
             || put_stars(b, &l->scores[order[p]]) || buf_puts(b, "</td></tr>\n") ? -1 : 0;
    }
    if (rc == 0 && k == 0)
        rc = buf_printf(b, "<tr><td colspan=\"6\">%s</td></tr>\n", _("None."));
    if (rc == 0)
        rc = buf_puts(b, "</tbody>\n</table></div>\n");
    if (rc == 0 && k > MAP_ROWS)
        rc = buf_printf(b, "<p>") || buf_printf(b, _("Shown: the strongest %d of %zu."), MAP_ROWS, k)
             || buf_puts(b, "</p>\n");
    mem_free(order);
    return rc == 0 ? 0 : err_set(e, "out of memory");
}

int page_clusters(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct cluster_scope sc;
    struct cluster_map_entry *kept;
    const struct cluster_map *mp;
    struct buf *b = &rs->body;
    int rc;

    cluster_scope_of(rq, &sc);
    /* Kept between requests until the next ingest (cluster_map_cache.h). */
    if (cluster_map_cache_get(rq->app->cluster_maps, rq->store, &kept, e) != 0)
        return -1;
    mp = &kept->m;
    rc = html_begin(rs, rq, _("Cluster map"))
         || buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n<p><a href=\"/clusters/health\">%s</a> · "
                          "<a href=\"/clusters/health.xlsx\">%s</a>%s%s%s</p>\n",
                       _("Cluster map"),
                       /* xgettext:no-c-format */
                       _("Where Udyam employment is concentrated, by district and NIC group. A location "
                         "quotient of 2 means the district's share of employment in that group is twice "
                         "the national share. Stars: size (top 10% of districts by employment in the "
                         "group), specialisation (location quotient 2 or more), focus (top 10% by the "
                         "group's share of the district's employment)."),
                       _("Cluster health"), _("Cluster health as a spreadsheet"),
                       sc.state[0] && rq->session->user.state[0] == '\0' ? " · <a href=\"/clusters\">" : "",
                       sc.state[0] && rq->session->user.state[0] == '\0' ? _("All states") : "",
                       sc.state[0] && rq->session->user.state[0] == '\0' ? "</a>" : "")
         || put_state_table(rq, b, mp, &sc) || put_registered(b, mp, &sc) ? -1 : 0;
    if (rc != 0)
        err_set(e, "out of memory");
    if (rc == 0)
        rc = put_detected(rq, b, mp, &sc, true, e);
    if (rc == 0)
        rc = put_detected(rq, b, mp, &sc, false, e);
    if (rc == 0 && (buf_printf(b, "<p class=\"hint\">%s</p>\n",
                               _("Counts of fewer than 5 enterprises are withheld, so no enterprise can be "
                                 "recognised.")) || html_end(rs, rq)))
        rc = err_set(e, "out of memory");
    cluster_map_cache_release(rq->app->cluster_maps, kept);
    return rc;
}

/* --- one cluster ------------------------------------------------------ */

static int put_fact(struct buf *b, const char *term, const char *value)
{
    return buf_printf(b, "<dt>%s</dt><dd>", term) || buf_put_html(b, value) || buf_puts(b, "</dd>\n");
}

static int put_pct_fact(struct buf *b, const char *term, bool has, double v, bool sign)
{
    return buf_printf(b, "<dt>%s</dt><dd>", term) || cluster_view_pct(b, has, v, sign) || buf_puts(b, "</dd>\n");
}

/* "name: 12.3 to 8.1", the reading a screen reader gets for a line. */
static void trend_label(char *out, size_t cap, const char *name, const double *v, size_t n)
{
    size_t first = n, last = n;

    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i])) {
            if (first == n)
                first = i;
            last = i;
        }
    if (first == n)
        snprintf(out, cap, "%s: %s", name, _("no values to show"));
    else
        snprintf(out, cap, _("%s: from %.1f to %.1f"), name, v[first], v[last]);
}

/* The label holds translated words: escaped like any text. */
static int put_term(struct buf *b, const char *label)
{
    return buf_puts(b, "<dt>") || buf_put_html(b, label) || buf_puts(b, "</dt><dd>");
}

static int put_trends(struct web_request *rq, struct buf *b, const struct cluster_reg *g, int as_of,
                      struct err *e)
{
    struct cluster_quarter q[CLUSTER_TREND_QUARTERS];
    double turnover[CLUSTER_TREND_QUARTERS], members[CLUSTER_TREND_QUARTERS], cfc[CLUSTER_TREND_QUARTERS];
    char label[512], from[8], to[8];

    if (as_of < 0)
        return buf_printf(b, "<p>%s</p>\n", _("No returns or CFC use on file yet.")) ? err_set(e, "out of memory") : 0;
    if (store_cluster_trend(rq->store, g->id, as_of, q, e) != 0)
        return -1;
    for (int i = 0; i < CLUSTER_TREND_QUARTERS; i++) {
        /* Withheld quarters are gaps in the line. */
        turnover[i] = suppress_cell(q[i].turnover_filers) ? NAN : (double)q[i].turnover / 1e7; /* Rs lakh */
        members[i] = suppress_cell(q[i].members) ? NAN : (double)q[i].members;
        cfc[i] = g->cfc_capacity > 0 && q[i].cfc_months > 0
                     ? 100.0 * (double)q[i].cfc_hours / ((double)g->cfc_capacity * q[i].cfc_months) : NAN;
    }
    cluster_month_format(q[0].first_month, from);
    cluster_month_format(q[CLUSTER_TREND_QUARTERS - 1].first_month + 2, to);
    if (buf_printf(b, "<h2>%s</h2>\n<p>%s %s – %s. %s</p>\n<dl class=\"trends\">\n", _("Trends"),
                   _("By quarter,"), from, to, _("Gaps are quarters withheld (fewer than 5 enterprises) or without data.")))
        return err_set(e, "out of memory");
    trend_label(label, sizeof label, _("Members' GST turnover by quarter, rupees lakh"), turnover,
                CLUSTER_TREND_QUARTERS);
    if (put_term(b, label) || svg_sparkline(b, turnover, CLUSTER_TREND_QUARTERS, 160, 32, label)
        || buf_puts(b, "</dd>\n"))
        return err_set(e, "out of memory");
    trend_label(label, sizeof label, _("Members at the end of each quarter"), members, CLUSTER_TREND_QUARTERS);
    if (put_term(b, label) || svg_sparkline(b, members, CLUSTER_TREND_QUARTERS, 160, 32, label)
        || buf_puts(b, "</dd>\n"))
        return err_set(e, "out of memory");
    trend_label(label, sizeof label, _("CFC use, percent of capacity"), cfc, CLUSTER_TREND_QUARTERS);
    if (put_term(b, label) || svg_sparkline(b, cfc, CLUSTER_TREND_QUARTERS, 160, 32, label)
        || buf_puts(b, "</dd>\n</dl>\n"))
        return err_set(e, "out of memory");
    return 0;
}

static int by_id(const void *key, const void *elem)
{
    return strcmp(key, ((const struct cluster_reg *)elem)->id);
}

int page_cluster(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *id = router_param(rq->match, "id");
    struct cluster_reg *regs = NULL;
    struct cluster_health_report r;
    const struct cluster_reg *g;
    const struct cluster_health *h;
    struct buf *b = &rs->body, members = BUF_INIT;
    char n_members[32];
    int rc;
    size_t i;

    if (cluster_view_health(rq, &regs, &r, e) != 0)
        return -1;
    g = id && r.n > 0 ? bsearch(id, regs, r.n, sizeof *regs, by_id) : NULL; /* no clusters: regs is NULL */
    /* The router checked the cluster is in the reader's area (SCOPE_CLUSTER). */
    if (g == NULL) {
        rc = html_error_page(rs, rq, 404, _("Not found"), _("There is no such cluster."), false) == 0
                 ? 0 : err_set(e, "out of memory");
        goto done;
    }
    i = (size_t)(g - regs);
    h = &r.h[i];
    if (suppress_cell(r.in[i].members))
        snprintf(n_members, sizeof n_members, "%s", _("fewer than 5"));
    else
        snprintf(n_members, sizeof n_members, "%lld", (long long)r.in[i].members);
    rc = html_begin(rs, rq, g->name) || buf_puts(b, "<h1>") || buf_put_html(b, g->name)
         || buf_puts(b, "</h1>\n<dl>\n") || put_fact(b, _("District"), g->district)
         || put_fact(b, _("State"), cluster_view_state(rq, g->state)) || put_fact(b, _("Product"), g->product)
         || put_fact(b, _("NIC code"), g->nic) || put_fact(b, _("Sector"), cluster_view_sector(r.in[i].manufacturing))
         || put_fact(b, _("Scheme"), cluster_view_scheme(g->scheme))
         || put_fact(b, _("Status"), cluster_view_status(g->status)) || put_fact(b, _("Members"), n_members)
         || buf_puts(b, "</dl>\n") ? -1 : 0;
    rc = rc || buf_printf(b, "<h2>%s</h2>\n<dl>\n<dt>%s</dt><dd>", _("Health"), _("Health index (0-100)"))
         || (h->has_index ? buf_printf(b, "%.1f", h->index) : buf_puts(b, "—"))
         || buf_puts(b, "</dd>\n")
         || put_pct_fact(b, _("Members' GST turnover, last 12 months against the 12 before"), h->has_turnover,
                         h->turnover_growth, true)
         || put_pct_fact(b, _("Members in stress"), h->has_stress, h->stress_share, false)
         || put_pct_fact(b, _("New members in 12 months"), h->has_members, h->member_growth, true)
         || put_pct_fact(b, _("CFC use against capacity, 12 months"), h->has_cfc, h->cfc_utilisation, false)
         || buf_printf(b, "<dt>%s</dt><dd>", _("Place among peers"))
         || (h->has_percentile
                 ? buf_printf(b, _("better than %.0f%% of %d clusters of the same %s"), h->percentile, h->peers - 1,
                              h->peer_group == 1 ? _("NIC division and sector") : _("sector"))
                 : buf_puts(b, "—"))
         || buf_printf(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n</dl>\n", _("Sick"), h->sick ? _("Yes") : _("No"));
    if (rc == 0 && h->sick)
        rc = cluster_health_reasons_text(h, &members) || buf_printf(b, "<p class=\"error\">%s ", _("Why:"))
             || buf_put_html(b, buf_cstr(&members)) || buf_puts(b, "</p>\n");
    rc = rc || buf_printf(b, "<p class=\"hint\">%s</p>\n",
                          r.basis == STRESS_BASIS_SCORE
                              ? _("Stress: the latest early-warning score of each member, one chance in four of NPA or more.")
                              : _("Stress: no early-warning scores yet, so members with a loan at SMA-1 or worse."));
    if (rc != 0) {
        err_set(e, "out of memory");
        goto done;
    }
    if ((rc = put_trends(rq, b, g, r.as_of, e)) == 0
        && (buf_printf(b, "<p><a href=\"/clusters\">%s</a> · <a href=\"/clusters/health\">%s</a></p>\n",
                       _("Cluster map"), _("Cluster health")) || html_end(rs, rq)))
        rc = err_set(e, "out of memory");
done:
    buf_release(&members);
    cluster_health_report_free(&r);
    mem_free(regs);
    return rc;
}
