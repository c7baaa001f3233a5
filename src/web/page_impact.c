/* page_impact.c: outcomes, not outputs (issue 8, docs/impact.md §9).
 *
 *   GET /policy/impact   the effect of each scheme on its beneficiaries'
 *                        GST turnover: a forest plot (SVG), the figures,
 *                        covariate balance, the placebo, segments and time
 *                        to benefit; then on their EPFO employment (a
 *                        second forest plot and its figures) when the run
 *                        had EPFO returns
 *
 * For policymakers and state officers; a district officer gets 403. The
 * estimation runs in batch (`samanvay impact --save`, tens of seconds
 * with its bootstrap); the page shows the latest stored run. Every figure
 * is an aggregate over at least SUPPRESS_MIN_ENTERPRISES treated units
 * (the run suppresses smaller cells). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "store/store_impact_run.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/impact_view.h"
#include "web/routes.h"
#include "web/svg_forest.h"

static const char *cov_label(const char *cov)
{
    static const struct {
        const char *id, *label;
    } labels[] = {
        {"women_owned", N_("Women-owned")}, {"scst_owned", N_("SC/ST-owned")}, {"obc", N_("OBC owner")},
        {"rural", N_("Rural")}, {"urban", N_("Urban")}, {"services", N_("Services")}, {"trading", N_("Trading")},
        {"young", N_("Under 3 years old")}, {"large", N_("Turnover over Rs 50 lakh")},
        {"quarterly_filer", N_("Files GST quarterly")}, {"log_udyam_turnover", N_("Udyam turnover (log)")},
        {"log_pre_turnover", N_("GST turnover, year before (log)")},
        {"log_pre_employment", N_("EPFO members, year before (log)")},
    };

    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].id, cov) == 0)
            return _(labels[i].label);
    return cov;
}

/* Three decimals, and never "-0.000". */
static double tidy0(double v)
{
    return fabs(v) < 0.0005 ? 0.0 : v;
}

static double tidy2(double v)
{
    return fabs(v) < 0.005 ? 0.0 : v;
}

static int put_num(struct buf *b, bool has, double v)
{
    return has && !isnan(v) ? buf_printf(b, "%+.3f", tidy0(v)) : buf_puts(b, "—");
}

/* The words that differ between the two outcomes. */
struct outcome_words {
    const char *plot_title, *axis, *not_estimable, *raises, *lowers, *heading, *caption;
};

static struct outcome_words turnover_words(void)
{
    /* xgettext:no-c-format */
    return (struct outcome_words){_("Effect of each scheme on log annual GST turnover, with 95% intervals"),
                                  _("Effect on log annual GST turnover (0 = none)"),
                                  _("Not estimable: no year of GST turnover before disbursal"),
                                  _("Finding: raises turnover"), _("Finding: lowers turnover"), _("Estimates"),
                                  _("Difference in differences after matching, by scheme")};
}

static struct outcome_words employment_words(void)
{
    /* xgettext:no-c-format */
    return (struct outcome_words){_("Effect of each scheme on log EPFO members, with 95% intervals"),
                                  _("Effect on log EPFO members (0 = none)"),
                                  _("Not estimable: no year of EPFO returns before and after disbursal"),
                                  _("Finding: raises employment"), _("Finding: lowers employment"),
                                  _("Employment estimates"),
                                  _("Difference in differences of log EPFO members after matching, by scheme")};
}

static int put_forest(struct buf *b, const struct impact_view_scheme *s, int n, const struct outcome_words *w)
{
    struct svg_forest_row rows[IMPACT_VIEW_SCHEMES];
    struct svg_forest f = {w->plot_title, w->axis, _("inconclusive"), rows, (size_t)n};

    for (int i = 0; i < n; i++) {
        const struct impact_view_cell *c = &s[i].att;
        rows[i] = (struct svg_forest_row){s[i].id, c->has && !isnan(c->lo) && !isnan(c->hi), c->est, c->lo,
                                          c->hi, c->inconclusive, _("not estimable")};
    }
    return buf_puts(b, "<div class=\"wide\" tabindex=\"0\">") || svg_forest_put(b, &f) || buf_puts(b, "</div>\n");
}

/* Conclusive means an interval no wider than ±0.1 (DESIGN.md §5); a
 * conclusive interval may still hold zero, and the verdict says which. */
static const char *verdict(const struct impact_view_scheme *s, const struct outcome_words *w)
{
    if (s->not_estimable)
        return w->not_estimable;
    if (!s->att.has)
        return _("Suppressed: fewer than 5 treated");
    if (s->att.inconclusive)
        return _("Inconclusive");
    if (s->att.lo > 0)
        return w->raises;
    if (s->att.hi < 0)
        return w->lowers;
    return _("Finding: no effect beyond ±0.1 (the interval holds zero)");
}

static int put_results(struct buf *b, const struct impact_view_scheme *rows, int n, const struct outcome_words *w)
{
    int rc = buf_printf(b, "<h2>%s</h2>\n<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                        w->heading, w->caption, _("Scheme"), _("Effect"),
                        /* xgettext:no-c-format */
                        _("95% interval"), _("Treated"), _("Matched controls"),
                        _("Placebo on the year before"), _("Verdict"));

    for (int i = 0; rc == 0 && i < n; i++) {
        const struct impact_view_scheme *s = &rows[i];
        bool ci = s->att.has && !isnan(s->att.lo);
        rc = buf_puts(b, "<tr><th scope=\"row\">") || buf_put_html(b, s->id) || buf_puts(b, "</th><td>")
             || put_num(b, s->att.has, s->att.est) || buf_puts(b, "</td><td>")
             || (ci ? buf_printf(b, "%+.3f … %+.3f", tidy0(s->att.lo), tidy0(s->att.hi)) : buf_puts(b, "—"))
             || (s->att.suppressed ? buf_puts(b, "</td><td>—</td><td>—</td><td>")
                 : buf_printf(b, "</td><td>%ld</td><td>%ld</td><td>", s->att.n_treated, s->n_control))
             || (s->pre_passes < 0 ? buf_puts(b, "—")
                 : buf_printf(b, "%+.3f (%s)", tidy0(s->pre.est), s->pre_passes ? _("holds zero") : _("misses zero")))
             || buf_puts(b, "</td><td>") || buf_put_html(b, verdict(s, w)) || buf_puts(b, "</td></tr>\n");
    }
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

/* Covariates down, schemes across: "before → after" standardised mean
 * differences (matching worked when after is near zero). */
static int put_balance(struct buf *b, const struct impact_view *v)
{
    int first = -1, rc;

    for (int i = 0; i < v->n && first < 0; i++)
        if (v->s[i].n_bal > 0)
            first = i;
    if (first < 0)
        return 0;
    rc = buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr>"
                       "<th scope=\"col\">%s</th>",
                    _("Balance"),
                    _("Standardised mean difference of each covariate between treated units and controls, before "
                      "and after matching. Under 0.1 is the usual mark of balance."),
                    _("Standardised mean differences, before → after matching"), _("Covariate"));
    for (int i = 0; rc == 0 && i < v->n; i++)
        if (v->s[i].n_bal > 0)
            rc = buf_puts(b, "<th scope=\"col\">") || buf_put_html(b, v->s[i].id) || buf_puts(b, "</th>");
    rc = rc || buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (int c = 0; rc == 0 && c < v->s[first].n_bal; c++) {
        rc = buf_puts(b, "<tr><th scope=\"row\">") || buf_put_html(b, cov_label(v->s[first].bal[c].cov))
             || buf_puts(b, "</th>");
        for (int i = 0; rc == 0 && i < v->n; i++)
            if (v->s[i].n_bal > c)
                rc = buf_printf(b, "<td>%.2f → %.2f</td>", tidy2(v->s[i].bal[c].before), tidy2(v->s[i].bal[c].after));
            else if (v->s[i].n_bal > 0)
                rc = buf_puts(b, "<td>—</td>");
        rc = rc || buf_puts(b, "</tr>\n");
    }
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_segments(struct buf *b, const struct impact_view *v)
{
    const char *names[] = {"women_owned", "scst_owned", "rural", "urban"};
    int rc = buf_printf(b, "<h2>%s</h2>\n<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr>"
                           "<th scope=\"col\">%s</th>",
                        _("By segment"), _("Effect among treated units of each segment (— : fewer than 5, or none)"),
                        _("Scheme"));

    for (size_t k = 0; rc == 0 && k < 4; k++)
        rc = buf_puts(b, "<th scope=\"col\">") || buf_put_html(b, cov_label(names[k])) || buf_puts(b, "</th>");
    rc = rc || buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (int i = 0; rc == 0 && i < v->n; i++) {
        const struct impact_view_scheme *s = &v->s[i];
        if (s->n_seg == 0)
            continue;
        rc = buf_puts(b, "<tr><th scope=\"row\">") || buf_put_html(b, s->id) || buf_puts(b, "</th>");
        for (size_t k = 0; rc == 0 && k < 4; k++) {
            const struct impact_view_cell *c = NULL;
            for (int j = 0; j < s->n_seg; j++)
                if (strcmp(s->seg[j].name, names[k]) == 0)
                    c = &s->seg[j].c;
            rc = buf_puts(b, "<td>")
                 || (c && c->has ? buf_printf(b, "%+.3f%s", c->est, c->inconclusive ? " *" : "")
                                 : buf_puts(b, "—"))
                 || buf_puts(b, "</td>");
        }
        rc = rc || buf_puts(b, "</tr>\n");
    }
    return rc || buf_printf(b, "</tbody>\n</table></div>\n<p class=\"hint\">%s</p>\n",
                            /* xgettext:no-c-format */
                            _("* inconclusive: the 95% interval is wider than ±0.1."));
}

static int put_ttb_table(struct buf *b, const char *caption, const char *first, const struct impact_view_ttb *t,
                         int n)
{
    int rc = buf_printf(b, "<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                        caption, _("Scheme"), first, _("Median days"), _("90th percentile, days"));

    for (int i = 0; rc == 0 && i < n; i++) {
        bool show = !t[i].suppressed && !isnan(t[i].median);
        rc = buf_puts(b, "<tr><th scope=\"row\">") || buf_put_html(b, t[i].scheme)
             || (t[i].suppressed ? buf_puts(b, "</th><td>—</td>") : buf_printf(b, "</th><td>%ld</td>", t[i].n))
             || (show ? buf_printf(b, "<td>%.0f</td><td>%.0f</td></tr>\n", t[i].median, t[i].p90)
                      : buf_puts(b, "<td>—</td><td>—</td></tr>\n"));
    }
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_ttb(struct buf *b, const struct impact_view *v)
{
    return buf_printf(b, "<h2>%s</h2>\n", _("Time to benefit"))
           || put_ttb_table(b, _("Days from sanction to disbursal, from the schemes' beneficiary lists"),
                            _("Beneficiaries"), v->ttb, v->n_ttb)
           || (v->n_app > 0
                   ? put_ttb_table(b, _("Days from submission to disbursal, from applications made on this portal"),
                                   _("Applications"), v->app, v->n_app)
                   : buf_printf(b, "<p>%s</p>\n", _("No application made on this portal has been disbursed yet.")));
}

/* Employment: the second outcome, from EPFO's monthly returns, or why
 * there is none. Balance and segments stay with turnover, the outcome
 * every scheme has; the employment table keeps the placebo. */
static int put_employment(struct buf *b, const struct impact_view *v)
{
    struct outcome_words w = employment_words();

    if (!v->emp_measurable || v->n_emp == 0)
        return buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n", _("Employment"),
                          _("Not measured: no EPFO monthly returns are on file, and Udyam registration gives "
                            "each enterprise's employees only once, without a date, so no change around "
                            "disbursal can be seen."));
    return buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n", _("Employment"),
                      _("The same comparison on the members contributing to EPFO each month (the monthly "
                        "Electronic Challan-cum-Return). Only establishments that file with EPFO are counted: "
                        "those with 20 or more employees, and smaller ones that opted in. With few such "
                        "beneficiaries most rows are inconclusive or suppressed, and say so."))
           || put_forest(b, v->emp, v->n_emp, &w) || put_results(b, v->emp, v->n_emp, &w);
}

static int put_run(struct buf *b, const struct impact_view *v, const char *created_at)
{
    struct outcome_words w = turnover_words();

    /* xgettext:no-c-format */
    return buf_printf(b, "<p>%s</p>\n<p>", _("Each scheme's beneficiaries are compared with similar enterprises "
                                            "that did not receive it (matched on owner, area, activity, size and "
                                            "the year before): the change in log annual GST turnover from the "
                                            "year before the disbursal to the year after, minus the controls' "
                                            "change. 0.10 is about 10% more turnover. An interval wider than "
                                            "±0.1 is inconclusive, never a finding."))
           || html_put_sentence(b, _("Estimated at %s"), created_at)
           || buf_printf(b, " · %d %s</p>\n", v->draws, _("bootstrap draws"))
           || put_forest(b, v->s, v->n, &w) || put_results(b, v->s, v->n, &w) || put_balance(b, v)
           || put_segments(b, v) || put_employment(b, v) || put_ttb(b, v);
}

int page_impact(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct buf *b = &rs->body;
    struct impact_view *v = NULL;
    char *json = NULL, created_at[40];
    int rc;

    /* Policymakers and officers of a whole state: the router's SCOPE_NATIONAL. */
    if (store_impact_run_latest(rq->store, &json, created_at, sizeof created_at, e) != 0)
        return -1;
    rc = html_begin(rs, rq, _("Scheme outcomes")) || buf_printf(b, "<h1>%s</h1>\n", _("Scheme outcomes")) ? -1 : 0;
    if (rc == 0 && json == NULL)
        rc = buf_printf(b, "<p>%s</p>\n", _("No estimate has been stored yet. It is made in batch: "
                                            "samanvay impact --db FILE --save")) ? -1 : 0;
    else if (rc == 0) {
        v = mem_alloc(sizeof *v);
        if (v == NULL || impact_view_parse(json, strlen(json), v, e) != 0)
            rc = -1;
        else
            rc = put_run(b, v, created_at) ? -1 : 0;
    }
    rc = rc || html_end(rs, rq) ? -1 : 0;
    if (rc != 0 && e->msg[0] == '\0')
        err_set(e, "out of memory");
    mem_free(v);
    mem_free(json);
    return rc;
}
