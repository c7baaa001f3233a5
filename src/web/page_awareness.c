/* page_awareness.c: the awareness gap (docs/overlap.md, part 2).
 *
 *   GET /overlap/awareness       policymakers and state officers: the gap
 *                                by district as a ranked bar chart and a
 *                                table, by segment and by scheme; small
 *                                cells withheld (suppress.h)
 *   GET /officer/awareness       an officer's outreach list: enterprises
 *                                of his district eligible for a scheme
 *                                they never applied for (no application
 *                                past draft, not on its beneficiary list),
 *                                largest benefit first; every enterprise
 *                                shown is audited
 *   GET /officer/awareness.xlsx  the whole list as a spreadsheet (audited)
 *   GET /officer/awareness.csv   the same as CSV (audited)
 *
 * ?scheme=ID narrows to one scheme; ?purpose, ?amount set the need
 * assumed (overlap_view.h). An officer whose area is a state or the
 * country names the district with ?district (and ?state). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "core/csv.h"
#include "core/enterprise.h"
#include "core/money.h"
#include "store/store.h"
#include "web/access_scope.h"
#include "web/evaluation.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/overlap_view.h"
#include "web/portal.h"
#include "web/routes.h"
#include "web/svg_bars.h"
#include "web/svg_tilemap.h"
#include "web/xlsx.h"

#define BARS 25                 /* districts in the chart and its table */
#define OUTREACH_PAGE 50        /* enterprises a page */
#define OUTREACH_MAX 5000       /* enterprises a download */

/* ?scheme=ID: its catalogue index, -1 for every scheme; -2 when unknown. */
static int scheme_param(const struct web_request *rq)
{
    const char *id = web_query(rq, "scheme");
    const struct scheme *s;

    if (id == NULL || *id == '\0')
        return -1;
    s = catalog_find(rq->app->catalog, id);
    return s == NULL ? -2 : (int)(s - rq->app->catalog->schemes);
}

static int scheme_select(struct buf *b, const struct web_request *rq, int scheme)
{
    const struct catalog *c = rq->app->catalog;

    if (buf_printf(b, "<label for=\"scheme\">%s</label> <select id=\"scheme\" name=\"scheme\">"
                      "<option value=\"\">%s</option>",
                   _("Scheme"), _("every scheme")))
        return -1;
    for (size_t s = 0; s < c->n; s++)
        if (buf_printf(b, "<option value=\"%s\"%s>", c->schemes[s].id, (int)s == scheme ? " selected" : "")
            || buf_put_html(b, portal_scheme_name(rq, c->schemes[s].id)) || buf_puts(b, "</option>"))
            return -1;
    return buf_puts(b, "</select>\n");
}

/* The need form with the scheme select (and the officer's district) in it. */
static int put_form(struct buf *b, const struct web_request *rq, const struct overlap_options *o, const char *action,
                    int state, int scheme, const char *district)
{
    return overlap_view_form_begin(b, rq, o, action) || buf_puts(b, " ") || scheme_select(b, rq, scheme)
           || (district != NULL
               && (buf_puts(b, "<input type=\"hidden\" name=\"district\" value=\"") || buf_put_html(b, district)
                   || buf_puts(b, "\">")))
           || overlap_view_form_end(b, state);
}

/* The withheld flags come from the report (overlap_awareness_suppress):
 * small cells and the complements that stop them being recovered by
 * subtraction from a total shown, the same as the API's and the CLI's. */
static const char *rate_text(int64_t eligible, int64_t gap, bool withheld, char out[16])
{
    if (eligible == 0)
        return "—";
    if (withheld)
        return "x";
    snprintf(out, 16, "%.0f%%", 100.0 * (double)gap / (double)eligible);
    return out;
}

static int put_count(struct buf *b, int64_t n, bool withheld)
{
    return withheld && n > 0 ? buf_puts(b, "x") : buf_printf(b, "%" PRId64, n);
}

/* --- the policymaker's view -------------------------------------------------- */

struct place {
    size_t d;                 /* district row */
    int64_t eligible, gap;    /* enterprises (one scheme) or pairs (every scheme) */
    bool withheld;            /* the eligible or the gap count */
    bool hide_el, hide_gap;   /* the enterprise counts, each */
    double rate;
};

static int by_rate(const void *x, const void *y)
{
    const struct place *a = x, *b = y;

    if (a->withheld != b->withheld)
        return a->withheld ? 1 : -1;
    if (a->rate != b->rate)
        return a->rate > b->rate ? -1 : 1;
    if (a->gap != b->gap)
        return a->gap > b->gap ? -1 : 1;
    return a->d < b->d ? -1 : 1;
}

/* Districts with anyone eligible, ranked by the gap's share; *n of them. */
static struct place *places(const struct overlap_report *r, int scheme, size_t *n)
{
    struct place *p = mem_calloc(r->n_districts + 1, sizeof *p);

    *n = 0;
    for (size_t d = 0; p != NULL && d < r->n_districts; d++) {
        const struct awareness_cell *c = &r->districts[d].c;
        struct place *x = &p[*n];
        if (scheme >= 0) {
            const struct awareness_count *k = &r->district_scheme[d * r->n_schemes + (size_t)scheme];
            x->eligible = k->eligible;
            x->gap = k->gap;
            x->hide_el = k->hide_eligible;
            x->hide_gap = k->hide_gap;
        } else {
            x->eligible = c->eligible_pairs;
            x->gap = c->gap_pairs;
            x->hide_el = c->hide & AW_HIDE_ELIGIBLE;
            x->hide_gap = c->hide & AW_HIDE_GAP;
        }
        if (x->eligible == 0)
            continue;
        x->d = d;
        x->withheld = x->hide_el || x->hide_gap;
        x->rate = (double)x->gap / (double)x->eligible;
        (*n)++;
    }
    if (p != NULL)
        qsort(p, *n, sizeof *p, by_rate);
    return p;
}

static int place_label(struct buf *b, const struct web_request *rq, const struct awareness_district *d, bool national)
{
    if (buf_put_html(b, d->district))
        return -1;
    return national ? buf_puts(b, ", ") || buf_put_html(b, overlap_view_place(rq, d->state)) : 0;
}

static int put_districts(struct buf *b, const struct web_request *rq, const struct overlap_report *r, int scheme,
                         bool national)
{
    size_t n, shown = 0, withheld = 0;
    struct place *p = places(r, scheme, &n);
    struct svg_bar bars[BARS + 1];
    struct buf labels[BARS + 1];
    char rate[16], text[160];
    int rc = 0;

    if (p == NULL)
        return -1;
    for (size_t k = 0; k < n; k++)
        withheld += p[k].withheld;
    for (size_t k = 0; rc == 0 && k < n && shown < BARS && !p[k].withheld; k++) {
        labels[shown] = (struct buf)BUF_INIT;
        rc = place_label(&labels[shown], rq, &r->districts[p[k].d], national);
        bars[shown] = (struct svg_bar){buf_cstr(&labels[shown]), p[k].rate, false};
        shown++;
    }
    if (rc == 0 && withheld > 0) {
        snprintf(text, sizeof text, _("%zu districts withheld: fewer than 5 enterprises"), withheld);
        labels[shown] = (struct buf)BUF_INIT;
        rc = buf_puts(&labels[shown], text);
        bars[shown] = (struct svg_bar){buf_cstr(&labels[shown]), 0, true};
        shown++;
    }
    rc = rc
         || buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n", _("By district"),
                       scheme >= 0 ? _("Share of eligible enterprises that never applied for the scheme; the "
                                       "districts with the largest gap first.")
                                   : _("Share of eligible (enterprise, scheme) pairs never taken up; the districts "
                                       "with the largest gap first."))
         || overlap_view_wide(b, _("Awareness gap by district, largest first"))
         || svg_bars_put(b, _("Awareness gap by district, largest first"), bars, shown)
         || buf_puts(b, "</div>\n") || overlap_view_table(b, _("Awareness gap by district"))
         || buf_printf(b, "<thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                          _("District"), _("Enterprises eligible"),
                       _("Never applied"), scheme >= 0 ? _("Eligible") : _("Eligible pairs"), _("Gap"));
    for (size_t k = 0; rc == 0 && k < n && k < BARS && !p[k].withheld; k++) {
        const struct awareness_district *d = &r->districts[p[k].d];
        int64_t el = scheme >= 0 ? p[k].eligible : d->c.eligible, gap = scheme >= 0 ? p[k].gap : d->c.gap;
        bool hide_el = scheme >= 0 ? p[k].hide_el : (d->c.hide & AW_HIDE_ELIGIBLE);
        bool hide_gap = scheme >= 0 ? p[k].hide_gap : (d->c.hide & AW_HIDE_GAP);
        rc = buf_puts(b, "<tr><td>") || place_label(b, rq, d, national) || buf_puts(b, "</td><td>")
             || put_count(b, el, hide_el) || buf_puts(b, "</td><td>") || put_count(b, gap, hide_gap)
             || buf_puts(b, "</td><td>") || put_count(b, p[k].eligible, p[k].hide_el)
             || buf_printf(b, "</td><td>%s</td></tr>\n",
                           rate_text(p[k].eligible, p[k].gap, p[k].withheld, rate));
    }
    if (rc == 0 && n == 0)
        rc = buf_printf(b, "<tr><td colspan=\"5\">%s</td></tr>\n", _("None."));
    for (size_t k = 0; k < shown; k++)
        buf_release(&labels[k]);
    mem_free(p);
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

/* --- the national map: one tile a state --------------------------------------- */

struct state_total {
    int64_t eligible, gap;          /* enterprises (one scheme) or pairs (every scheme) */
    bool hide;
};

/* A state's totals are its districts' sums: the suppression already treats
 * them as shown (a state reader's view). The small-cell rule counts
 * enterprises; a small state is withheld, and with the national total on
 * the page, a second one whenever one alone would be (suppress_row). */
static void state_totals(const struct overlap_report *r, int scheme, struct state_total t[100])
{
    int64_t el[100] = {0}, gap[100] = {0};
    bool hide_el[100], hide_gap[100];

    memset(t, 0, 100 * sizeof *t);
    for (size_t d = 0; d < r->n_districts; d++) {
        int st = r->districts[d].state;
        if (st <= 0 || st >= 100)
            continue;
        if (scheme >= 0) {
            const struct awareness_count *k = &r->district_scheme[d * r->n_schemes + (size_t)scheme];
            t[st].eligible += k->eligible;
            t[st].gap += k->gap;
            el[st] += k->eligible;
            gap[st] += k->gap;
        } else {
            t[st].eligible += r->districts[d].c.eligible_pairs;
            t[st].gap += r->districts[d].c.gap_pairs;
            el[st] += r->districts[d].c.eligible;
            gap[st] += r->districts[d].c.gap;
        }
    }
    suppress_row(el, 100, true, hide_el);
    suppress_row(gap, 100, true, hide_gap);
    for (int st = 0; st < 100; st++)
        t[st].hide = hide_el[st] || hide_gap[st];
}

static int put_state_row(struct buf *b, const struct state_info *s, const struct state_total *t, bool hi)
{
    char rate[16];
    bool hide = t->hide;

    return buf_puts(b, "<tr><td>") || buf_put_html(b, hi && s->name_hi[0] ? s->name_hi : s->name)
           || buf_puts(b, "</td><td>") || put_count(b, t->eligible, hide) || buf_puts(b, "</td><td>")
           || put_count(b, t->gap, hide)
           || buf_printf(b, "</td><td>%s</td></tr>\n", rate_text(t->eligible, t->gap, hide, rate));
}

static int state_href(struct buf *h, const struct overlap_options *o, int gst, int scheme,
                      const struct catalog *c)
{
    return buf_puts(h, "/overlap/awareness?") || overlap_view_query(h, o, gst)
           || (scheme >= 0 && buf_printf(h, "&amp;scheme=%s", c->schemes[scheme].id));
}

static int put_state_map(struct buf *b, const struct web_request *rq, const struct overlap_report *r,
                         const struct overlap_options *o, int scheme)
{
    struct state_total t[100];
    struct svg_tile tiles[100];
    struct buf hrefs[100];
    const struct state_info *st[100];
    size_t n = 0;
    bool hi = rq->lang == LANG_HI;
    int rc = 0;

    state_totals(r, scheme, t);
    for (int g = 1; rc == 0 && g < 100; g++) {
        const struct state_info *s = refdata_state_by_gst(rq->app->ref, g);
        int row, col;
        if (s == NULL || state_tile_position(g, &row, &col) != 0)
            continue;
        hrefs[n] = (struct buf)BUF_INIT;
        rc = state_href(&hrefs[n], o, g, scheme, rq->app->catalog);
        st[n] = s;
        tiles[n] = (struct svg_tile){g, s->key, hi && s->name_hi[0] ? s->name_hi : s->name,
                                     t[g].eligible > 0 ? buf_cstr(&hrefs[n]) : NULL,
                                     t[g].eligible == 0                        ? SVG_TILE_EMPTY
                                     : t[g].hide                                ? SVG_TILE_WITHHELD
                                                                               : SVG_TILE_VALUE,
                                     t[g].eligible > 0 ? (double)t[g].gap / (double)t[g].eligible : 0};
        n++;
    }
    rc = rc || buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n", _("By state"),
                          _("One tile a state or union territory, placed near its neighbours (not to scale); the "
                            "darker, the larger the share never taken up. A tile opens the state's districts."))
         || overlap_view_wide(b, _("Awareness gap by state"))
         || svg_tilemap_put(b, _("Awareness gap by state"), _("Gap"), tiles, n) || buf_puts(b, "</div>\n")
         || overlap_view_table(b, _("Awareness gap by state"))
         || buf_printf(b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                       _("State"), scheme >= 0 ? _("Eligible") : _("Eligible pairs"), _("Never applied"), _("Gap"));
    for (size_t k = 0; rc == 0 && k < n; k++)
        if (tiles[k].kind != SVG_TILE_EMPTY)
            rc = put_state_row(b, st[k], &t[tiles[k].gst], hi);
    for (size_t k = 0; k < n; k++)
        buf_release(&hrefs[k]);
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_segments(struct buf *b, const struct overlap_report *r)
{
    static const char *const names[SEG_COUNT] = {N_("Women-owned"), N_("SC/ST-owned"), N_("Rural"),
                                                 N_("North-East"), N_("In a traditional-industry cluster")};
    char rate[16];
    int rc = overlap_view_table(b, _("Awareness gap by segment (every scheme)"))
         || buf_printf(b, "<thead><tr><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("Segment"), _("Enterprises"),
                        _("Enterprises eligible"), _("Never applied for one"), _("Gap"));

    for (int g = -1; rc == 0 && g < SEG_COUNT; g++) {
        const struct awareness_cell *c = g < 0 ? &r->total : &r->segment[g];
        rc = buf_printf(b, "<tr><th scope=\"row\">%s</th><td>", g < 0 ? _("All") : _(names[g]))
             || put_count(b, c->enterprises, c->hide & AW_HIDE_ENTERPRISES) || buf_puts(b, "</td><td>")
             || put_count(b, c->eligible, c->hide & AW_HIDE_ELIGIBLE) || buf_puts(b, "</td><td>")
             || put_count(b, c->gap, c->hide & AW_HIDE_GAP)
             || buf_printf(b, "</td><td>%s</td></tr>\n",
                           rate_text(c->eligible, c->gap, c->hide & (AW_HIDE_ELIGIBLE | AW_HIDE_GAP), rate));
    }
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_schemes(struct buf *b, const struct web_request *rq, const struct overlap_report *r)
{
    char rate[16];
    int rc = overlap_view_table(b, _("Awareness gap by scheme")) || buf_printf(b, "<thead><tr><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
                           "<tbody>\n", _("Scheme"), _("Enterprises eligible"), _("Never applied"),
                        _("Gap"));

    for (size_t s = 0; rc == 0 && s < r->n_schemes; s++) {
        const struct awareness_cell *c = &r->by_scheme[s];
        if (c->eligible == 0)
            continue;
        rc = buf_puts(b, "<tr><td>") || buf_put_html(b, portal_scheme_name(rq, r->cat->schemes[s].id))
             || buf_puts(b, "</td><td>") || put_count(b, c->eligible, c->hide & AW_HIDE_ELIGIBLE)
             || buf_puts(b, "</td><td>") || put_count(b, c->gap, c->hide & AW_HIDE_GAP)
             || buf_printf(b, "</td><td>%s</td></tr>\n",
                           rate_text(c->eligible, c->gap, c->hide & (AW_HIDE_ELIGIBLE | AW_HIDE_GAP), rate));
    }
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

int page_awareness(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct overlap_options o;
    struct overlap_view_run run;
    struct buf *b = &rs->body;
    int state, scheme = scheme_param(rq), rc;
    enum overlap_refusal why = overlap_view_area(rq, &state);

    if (why == OVERLAP_OK)
        why = overlap_view_options(rq, &o);
    if (why == OVERLAP_OK && scheme == -2)
        why = OVERLAP_BAD_QUERY;
    if (why != OVERLAP_OK)
        return overlap_view_refuse(rq, rs, why, e);
    o.state = state;
    if (overlap_view_load(rq, &o, &run, e) != 0)
        return -1;
    rc = html_begin(rs, rq, _("Awareness gap")) || buf_printf(b, "<h1>%s: ", _("Awareness gap"))
         || buf_put_html(b, overlap_view_place(rq, state))
         || buf_printf(b, "</h1>\n<p>%s</p>\n<p>",
                       _("Enterprises eligible for a scheme that never applied for it on this portal and are not on "
                         "its beneficiary list. Counts of 1 to 4 are withheld (x)."))
         || buf_printf(b, _("Enterprises: %zu. Need assumed: "), run.report->population)
         || overlap_view_need_text(b, rq, &o) || buf_puts(b, ".</p>\n") || overlap_view_timing(b, rq, &run)
         || put_form(b, rq, &o, "/overlap/awareness", state, scheme, NULL)
         || buf_puts(b, "<p><a href=\"/overlap?") || overlap_view_query(b, &o, state)
         || buf_printf(b, "\">%s</a></p>\n", _("Overlap between schemes"))
         || (state == 0 && put_state_map(b, rq, run.report, &o, scheme))
         || put_districts(b, rq, run.report, scheme, state == 0) || put_segments(b, run.report)
         || put_schemes(b, rq, run.report) || html_end(rs, rq);
    overlap_view_release(rq, &run);
    return rc ? err_set(e, "out of memory") : 0;
}

/* --- the officer's outreach list --------------------------------------------- */

struct outreach_item {
    struct enterprise ent;
    uint64_t gap;
    int64_t benefit;        /* paise, sum of the known amounts */
};

struct outreach_view {
    struct overlap_options o;
    struct overlap_view_run run;
    int state, scheme;
    char district[64];
    struct outreach_row *rows;
    size_t n;
};

static void outreach_view_free(struct web_request *rq, struct outreach_view *v)
{
    mem_free(v->rows);
    overlap_view_release(rq, &v->run);
}

/* The officer's district: his own, or ?district (and ?state) inside his
 * area, as the router narrowed it (SCOPE_AREA, authz.c); a list is of one
 * district, so an officer of a state or the country must name one. */
static enum overlap_refusal outreach_area(const struct web_request *rq, struct outreach_view *v)
{
    if (rq->grant.gst_state[0] == '\0' || rq->grant.district[0] == '\0')
        return OVERLAP_BAD_QUERY;
    v->state = atoi(rq->grant.gst_state);
    snprintf(v->district, sizeof v->district, "%s", rq->grant.district);
    return OVERLAP_OK;
}

/* The benefit amounts of enterprise `i`'s gap schemes (eligible, never
 * applied; in catalogue order, -1 when not known): the single-profile
 * evaluation with amounts, made once per run and kept with it
 * (overlap_cache.h), so a district's list is evaluated on its first view
 * only. */
static int gap_amounts(struct web_request *rq, const struct outreach_view *v, size_t i, int64_t am[64],
                       struct err *e)
{
    const struct overlap_report *r = v->run.report;
    uint64_t gap = r->eligible_mask[i] & ~r->applied_mask[i];
    struct enterprise ent;
    struct profile p;
    struct evaluation ev = {0};
    bool found;
    size_t n = 0;

    if (overlap_cache_amounts(rq->app->overlaps, v->run.kept, i, am))
        return 0;
    if (store_enterprise_get(rq->store, v->run.cols->id[i], &ent, &found, e) != 0)
        return -1;
    if (!found) {
        for (uint64_t m = gap; m != 0; m &= m - 1)
            am[n++] = -1;
        return 0;   /* not kept: it may come back */
    }
    profile_init(&p);
    if (enterprise_to_profile(&ent, &p) != 0) {
        profile_clear(&p);
        return err_set(e, "out of memory");
    }
    profile_set_int(&p, PF_AS_OF, v->o.as_of);
    if (v->o.need_purpose != NULL)
        profile_set_int(&p, PF_NEED_PURPOSE, profile_enum_index(PF_NEED_PURPOSE, v->o.need_purpose));
    if (v->o.need_amount >= 0)
        profile_set_int(&p, PF_NEED_AMOUNT, v->o.need_amount);
    if (evaluation_run(rq->app, &p, v->o.as_of, &ev, e) != 0) {
        profile_clear(&p);
        return -1;
    }
    for (uint64_t m = gap; m != 0; m &= m - 1) {
        const struct scheme_result *sr = evaluation_find(&ev, &rq->app->catalog->schemes[__builtin_ctzll(m)]);
        am[n++] = sr != NULL ? evaluation_app_new(sr).benefit_paise : -1;
    }
    evaluation_free(&ev);
    profile_clear(&p);
    return overlap_cache_keep_amounts(rq->app->overlaps, v->run.kept, i, am, n) == 0 ? 0
                                                                                     : err_set(e, "out of memory");
}

/* Each listed enterprise's benefit: its listed schemes' known amounts, summed. */
static int rank_by_benefit(struct web_request *rq, struct outreach_view *v, struct err *e)
{
    const struct overlap_report *r = v->run.report;

    for (size_t k = 0; k < v->n; k++) {
        size_t i = v->rows[k].index;
        uint64_t gap = r->eligible_mask[i] & ~r->applied_mask[i];
        int64_t am[64];
        size_t at = 0;
        if (gap_amounts(rq, v, i, am, e) != 0)
            return -1;
        for (uint64_t m = gap; m != 0; m &= m - 1, at++)
            if ((v->rows[k].gap & m & -m) != 0 && am[at] > 0)
                v->rows[k].benefit += am[at];
    }
    overlap_outreach_rank(v->rows, v->n);
    return 0;
}

/* 0 loaded; 1 refused and answered; -1 error. */
static int outreach_load(struct web_request *rq, struct web_response *rs, struct outreach_view *v, struct err *e)
{
    enum overlap_refusal why;

    memset(v, 0, sizeof *v);
    e->msg[0] = '\0';
    why = outreach_area(rq, v);
    v->scheme = scheme_param(rq);
    if (why == OVERLAP_OK)
        why = overlap_view_options(rq, &v->o);
    if (why == OVERLAP_OK && v->scheme == -2)
        why = OVERLAP_BAD_QUERY;
    if (why != OVERLAP_OK)
        return overlap_view_refuse(rq, rs, why, e) == 0 ? 1 : -1;
    v->o.state = v->state;
    if (overlap_view_load(rq, &v->o, &v->run, e) != 0)
        return -1;
    if (overlap_outreach_list(v->run.report, v->run.cols, v->state, v->district, v->scheme, &v->rows, &v->n) != 0
        || rank_by_benefit(rq, v, e) != 0) {
        outreach_view_free(rq, v);
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    }
    return 0;
}

/* Audit rows [from, to) of the ranked list, in one transaction, before
 * the answer leaves. */
static int audit_rows(struct web_request *rq, const struct outreach_view *v, size_t from, size_t to,
                      const char *action, struct err *e)
{
    if (from >= to)
        return portal_audit_read(rq, 0, action, e);
    if (store_begin(rq->store, e) != 0)
        return -1;
    for (size_t k = from; k < to; k++)
        if (portal_audit_read(rq, v->run.cols->id[v->rows[k].index], action, e) != 0) {
            store_rollback(rq->store);
            return -1;
        }
    return store_commit(rq->store, e);
}

static const char *col_str(const struct batch_columns *c, uint32_t at)
{
    return c->pool.data + at;
}

static int put_schemes_of(struct buf *b, const struct web_request *rq, uint64_t gap)
{
    for (uint64_t m = gap; m != 0; m &= m - 1)
        if (buf_puts(b, m == gap ? "" : ", ")
            || buf_put_html(b, portal_scheme_name(rq, rq->app->catalog->schemes[__builtin_ctzll(m)].id)))
            return -1;
    return 0;
}

static int put_outreach_row(struct buf *b, const struct web_request *rq, const struct outreach_view *v, size_t k)
{
    const struct batch_columns *c = v->run.cols;
    size_t i = v->rows[k].index;
    char amount[MONEY_STR_MAX];
    const char *name = c->name_at[i] ? col_str(c, c->name_at[i]) : col_str(c, c->udyam_at[i]);

    money_format_inr(v->rows[k].benefit, amount);
    return buf_printf(b, "<tr><td>%zu</td><td><a href=\"/officer/enterprises/%" PRId64 "\">", k + 1, c->id[i])
           || buf_put_html(b, *name ? name : "—") || buf_puts(b, "</a></td><td>")
           || buf_put_html(b, c->udyam_at[i] ? col_str(c, c->udyam_at[i]) : "—") || buf_puts(b, "</td><td>")
           || put_schemes_of(b, rq, v->rows[k].gap)
           || buf_printf(b, "</td><td>%s</td></tr>\n", v->rows[k].benefit > 0 ? amount : "—");
}

/* The list's query: need, place and scheme, for links that keep them. */
static int put_query(struct buf *b, const struct web_request *rq, const struct outreach_view *v)
{
    if (overlap_view_query(b, &v->o, v->state) || buf_puts(b, "&amp;district=")
        || html_put_url_component(b, v->district))
        return -1;
    return v->scheme >= 0 ? buf_printf(b, "&amp;scheme=%s", rq->app->catalog->schemes[v->scheme].id) : 0;
}

static int put_link(struct buf *b, const struct web_request *rq, const struct outreach_view *v, const char *ext,
                    const char *text)
{
    return buf_printf(b, "<a href=\"/officer/awareness.%s?", ext) || put_query(b, rq, v)
           || buf_printf(b, "\">%s</a>", text);
}

int page_officer_awareness(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct outreach_view v;
    struct buf *b = &rs->body;
    long page = 1;
    size_t from, to;
    int rc;

    if (web_query_long(rq, "page", 1, 100000, &page) < 0)
        return overlap_view_refuse(rq, rs, OVERLAP_BAD_QUERY, e);
    if ((rc = outreach_load(rq, rs, &v, e)) != 0)
        return rc > 0 ? 0 : -1;
    from = (size_t)(page - 1) * OUTREACH_PAGE;
    to = from + OUTREACH_PAGE < v.n ? from + OUTREACH_PAGE : v.n;
    if (from > v.n)
        from = to = v.n;
    if (audit_rows(rq, &v, from, to, "awareness.outreach.read", e) != 0) {
        outreach_view_free(rq, &v);
        return -1;
    }
    rc = html_begin(rs, rq, _("Awareness: outreach list")) || buf_printf(b, "<h1>%s: ", _("Awareness: outreach list"))
         || buf_put_html(b, v.district)
         || buf_printf(b, "</h1>\n<p>%s</p>\n<p>",
                       _("Enterprises of the district eligible for a scheme they never applied for on this portal "
                         "and are not on its beneficiary list, the largest benefit first. Each enterprise shown "
                         "is recorded in the audit log."))
         || buf_printf(b, _("Enterprises on the list: %zu. Need assumed: "), v.n) || overlap_view_need_text(b, rq, &v.o)
         || buf_puts(b, ".</p>\n") || overlap_view_timing(b, rq, &v.run) || put_form(b, rq, &v.o, "/officer/awareness", v.state, v.scheme, v.district)
         || buf_puts(b, "<p>") || put_link(b, rq, &v, "xlsx", _("Download as a spreadsheet")) || buf_puts(b, " · ")
         || put_link(b, rq, &v, "csv", _("Download as CSV")) || buf_puts(b, "</p>\n")
         || overlap_view_table(b, _("Eligible but never applied, largest benefit first"))
         || buf_printf(b, "<thead><tr><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("No."), _("Enterprise"),
                       _("Udyam number"), _("Schemes never applied for"), _("Estimated benefit"));
    for (size_t k = from; rc == 0 && k < to; k++)
        rc = put_outreach_row(b, rq, &v, k);
    if (rc == 0 && from == to)
        rc = buf_printf(b, "<tr><td colspan=\"5\">%s</td></tr>\n", _("None found."));
    rc = rc || buf_puts(b, "</tbody>\n</table></div>\n")
         || (to < v.n
             && (buf_puts(b, "<p><a href=\"/officer/awareness?") || put_query(b, rq, &v)
                 || buf_printf(b, "&amp;page=%ld\">%s</a></p>\n", page + 1, _("Next page"))))
         || html_end(rs, rq);
    outreach_view_free(rq, &v);
    return rc ? err_set(e, "out of memory") : 0;
}

/* --- downloads ---------------------------------------------------------------- */

static int scheme_ids_of(struct buf *out, const struct web_request *rq, uint64_t gap)
{
    for (uint64_t m = gap; m != 0; m &= m - 1)
        if (buf_puts(out, m == gap ? "" : " ") || buf_puts(out, rq->app->catalog->schemes[__builtin_ctzll(m)].id))
            return -1;
    return 0;
}

int page_officer_awareness_xlsx(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *headings[] = {_("No."), _("Enterprise id"), _("Enterprise"), _("Udyam number"), _("District"),
                              _("Scheme ids"), _("Estimated benefit, rupees")};
    struct outreach_view v;
    struct xlsx_table *t = NULL;
    struct buf ids = BUF_INIT;
    size_t n;
    int rc = outreach_load(rq, rs, &v, e);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    n = v.n < OUTREACH_MAX ? v.n : OUTREACH_MAX;
    if (audit_rows(rq, &v, 0, n, "awareness.outreach.export", e) != 0
        || (t = xlsx_table_new(_("Outreach"), headings, sizeof headings / sizeof headings[0], e)) == NULL) {
        rc = -1;
        goto done;
    }
    for (size_t k = 0; rc == 0 && k < n; k++) {
        const struct batch_columns *c = v.run.cols;
        size_t i = v.rows[k].index;
        buf_reset(&ids);
        rc = scheme_ids_of(&ids, rq, v.rows[k].gap) || xlsx_table_number(t, (double)(k + 1))
             || xlsx_table_number(t, (double)c->id[i]) || xlsx_table_text(t, col_str(c, c->name_at[i]))
             || xlsx_table_text(t, col_str(c, c->udyam_at[i])) || xlsx_table_text(t, v.district)
             || xlsx_table_text(t, buf_cstr(&ids))
             || (v.rows[k].benefit > 0 ? xlsx_table_number(t, money_to_rupees(v.rows[k].benefit)) : xlsx_table_empty(t))
             || xlsx_table_end_row(t)
                 ? err_set(e, "outreach sheet: cannot write a row") : 0;
    }
    rs->body.limit = WEB_BODY_LIMIT;
    if (rc == 0)
        rc = xlsx_table_finish(t, &rs->body, e);
    if (rc == 0) {
        rs->content_type = XLSX_MEDIA_TYPE;
        rc = web_response_header(rs, "Content-Disposition", "attachment; filename=\"outreach.xlsx\"") == 0
                 ? 0 : err_set(e, "header");
    }
done:
    buf_release(&ids);
    xlsx_table_free(t);
    outreach_view_free(rq, &v);
    return rc ? -1 : 0;
}

static int csv_text(struct buf *b, const char *s, bool last)
{
    return csv_put_field(b, s, strlen(s)) || buf_puts(b, last ? "\r\n" : ",");
}

int page_officer_awareness_csv(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct outreach_view v;
    struct buf *b = &rs->body, ids = BUF_INIT;
    size_t n;
    int rc = outreach_load(rq, rs, &v, e);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    n = v.n < OUTREACH_MAX ? v.n : OUTREACH_MAX;
    if (audit_rows(rq, &v, 0, n, "awareness.outreach.export", e) != 0) {
        outreach_view_free(rq, &v);
        return -1;
    }
    rs->body.limit = WEB_BODY_LIMIT;
    rc = buf_puts(b, "rank,enterprise_id,enterprise,udyam_number,district,schemes,benefit_rs\r\n");
    for (size_t k = 0; rc == 0 && k < n; k++) {
        const struct batch_columns *c = v.run.cols;
        size_t i = v.rows[k].index;
        char num[32], money[MONEY_STR_MAX] = "";
        buf_reset(&ids);
        if (v.rows[k].benefit > 0)
            money_format(v.rows[k].benefit, money);
        snprintf(num, sizeof num, "%zu,%" PRId64 ",", k + 1, c->id[i]);
        rc = scheme_ids_of(&ids, rq, v.rows[k].gap) || buf_puts(b, num) || csv_text(b, col_str(c, c->name_at[i]), false)
             || csv_text(b, col_str(c, c->udyam_at[i]), false) || csv_text(b, v.district, false)
             || csv_text(b, buf_cstr(&ids), false) || csv_text(b, money, true);
    }
    buf_release(&ids);
    outreach_view_free(rq, &v);
    if (rc != 0)
        return err_set(e, "out of memory");
    rs->content_type = "text/csv; charset=utf-8";
    return web_response_header(rs, "Content-Disposition", "attachment; filename=\"outreach.csv\"") == 0
               ? 0 : err_set(e, "header");
}
