/* page_scenarios.c: merger what-ifs for policymakers (docs/scenarios.md).
 *
 *   GET /policy/scenarios        the scenarios that ship (scenarios/<id>.yaml,
 *                                compiled into the binary)
 *   GET /policy/scenarios/{id}   one scenario before and after: eligible
 *                                population, beneficiaries, cost, the
 *                                protected groups' shares as an SVG bar
 *                                chart, reservations, the burden removed
 *
 * For policymakers and state-level officers; a district officer gets 403
 * (the figures are national). Computed over every enterprise in the store
 * and kept until the next ingest (web/scenario_cache.h; the time is on the
 * page and in docs/performance.md "Issue 8: simulate"); a group or scheme
 * with fewer than 5 eligible enterprises is withheld. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "analytics/simulate_input.h"
#include "analytics/suppress.h"
#include "core/alloc.h"
#include "core/date.h"
#include "core/money.h"
#include "rules/catalog.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/routes.h"
#include "web/scenario_cache.h"
#include "web/svg_bar_pairs.h"

/* Only policymakers and officers of a whole state (or the country): the
 * router's SCOPE_NATIONAL refuses the others before these run. */
static const char *in_lang(const struct web_request *rq, const char *en, const char *hi)
{
    return rq->lang == LANG_HI && hi != NULL ? hi : en;
}

int page_scenarios(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct scenario_cache *c = rq->app->scenarios;
    struct buf *b = &rs->body;
    int rc;

    rc = html_begin(rs, rq, _("Merger what-ifs"))
         || buf_printf(b, "<h1>%s</h1>\n<p>%s</p>\n<ul>\n", _("Merger what-ifs"),
                       _("Each scenario merges or re-budgets schemes as the NITI Aayog convergence report "
                         "recommends, and shows who would be reached before and after."));
    for (size_t i = 0; rc == 0 && i < scenario_cache_count(c); i++) {
        const struct scenario *sc = scenario_cache_at(c, i);
        rc = buf_puts(b, "<li><a href=\"/policy/scenarios/") || html_put_url_component(b, sc->id)
             || buf_puts(b, "\">") || buf_put_html(b, in_lang(rq, sc->title, sc->title_hi)) || buf_puts(b, "</a>")
             || (sc->summary != NULL
                 && (buf_puts(b, ": ") || buf_put_html(b, in_lang(rq, sc->summary, sc->summary_hi))))
             || buf_puts(b, "</li>\n");
    }
    return rc || buf_puts(b, "</ul>\n") || html_end(rs, rq) ? err_set(e, "out of memory") : 0;
}

/* --- one scenario ---------------------------------------------------------------- */

static int put_money(struct buf *b, int64_t paise)
{
    char s[MONEY_STR_MAX];

    money_format_inr(paise, s);
    return buf_puts(b, s);
}

/* A count, or "fewer than 5" for a small cell. */
static int put_count(struct buf *b, size_t n)
{
    return suppress_cell((int64_t)n) && n > 0 ? buf_puts(b, _("fewer than 5")) : buf_printf(b, "%zu", n);
}

static int side_rows(struct buf *b, const struct simulation *sim)
{
    const struct sim_side *x = &sim->before, *y = &sim->after;

    return buf_printf(b, "<tr><th scope=\"row\">%s</th><td>", _("Enterprises eligible (or not ruled out)"))
           || put_count(b, x->eligible) || buf_puts(b, "</td><td>") || put_count(b, y->eligible)
           || buf_printf(b, "</td></tr>\n<tr><th scope=\"row\">%s</th><td>%.1f</td><td>%.1f</td></tr>\n",
                         _("Expected beneficiaries"), x->beneficiaries, y->beneficiaries)
           || buf_printf(b, "<tr><th scope=\"row\">%s</th><td>", _("Budget at the store's scale"))
           || put_money(b, x->budget) || buf_puts(b, "</td><td>") || put_money(b, y->budget)
           || buf_printf(b, "</td></tr>\n<tr><th scope=\"row\">%s</th><td>", _("Cost"))
           || put_money(b, x->cost) || buf_puts(b, "</td><td>") || put_money(b, y->cost)
           || buf_printf(b, "</td></tr>\n<tr><th scope=\"row\">%s</th><td>%zu</td><td>%zu</td></tr>\n",
                         _("Application fields asked"), x->fields, y->fields)
           || buf_printf(b, "<tr><th scope=\"row\">%s</th><td>%zu</td><td>%zu</td></tr>\n",
                         _("Documents asked"), x->documents, y->documents);
}

static const char *group_label(enum scenario_group g)
{
    switch (g) {
    case SG_WOMEN: return _("Women-owned");
    case SG_SC_ST: return _("SC/ST-owned");
    case SG_NER: return _("North-East");
    case SG_TRADITIONAL: return _("Traditional industry");
    case SG_RURAL: return _("Rural");
    default: return "?";
    }
}

/* A group's shares are withheld when either side's eligible count is a small cell. */
static bool group_withheld(const struct simulation *sim, int g)
{
    return suppress_cell((int64_t)sim->before.eligible_by_group[g])
           || suppress_cell((int64_t)sim->after.eligible_by_group[g]);
}

static int groups_part(struct buf *b, const struct simulation *sim)
{
    struct svg_bar_row rows[SG_COUNT];
    int rc;

    for (int g = 0; g < SG_COUNT; g++) {
        bool hide = group_withheld(sim, g);
        rows[g] = (struct svg_bar_row){group_label((enum scenario_group)g), hide ? NAN : sim->groups[g].before_share,
                                       hide ? NAN : sim->groups[g].after_share};
    }
    rc = buf_printf(b, "<h2>%s</h2>\n<figure>\n<div class=\"wide\" tabindex=\"0\">", _("Share of beneficiaries in each protected group"))
         || svg_bar_pairs(b, rows, SG_COUNT, _("Before"), _("After"), _("Protected groups' shares, before and after"),
                     _("withheld"))
         || buf_printf(b, "</div>\n<figcaption>%s</figcaption>\n</figure>\n", _("A group's share falls when it drops by "
                                                                          "more than the scenario's tolerance."))
         || buf_printf(b, "<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                       _("Protected groups"), _("Group"), _("Before"), _("After"), _("Falls?"));
    for (int g = 0; rc == 0 && g < SG_COUNT; g++) {
        const struct sim_group *x = &sim->groups[g];
        rc = buf_printf(b, "<tr%s><th scope=\"row\">%s</th>", x->falls && !group_withheld(sim, g) ? " class=\"late\"" : "",
                        group_label((enum scenario_group)g))
             || (group_withheld(sim, g)
                     ? buf_printf(b, "<td colspan=\"3\">%s</td></tr>\n", _("withheld: fewer than 5 enterprises"))
                     : buf_printf(b, "<td>%.1f%%</td><td>%.1f%%</td><td>%s</td></tr>\n", x->before_share * 100,
                                  x->after_share * 100, x->falls ? _("Yes, it falls") : _("No")));
    }
    return rc || buf_puts(b, "</tbody></table></div>\n");
}

static const char *unit_name(const struct web_request *rq, const struct sim_unit *u)
{
    const struct scheme *s = catalog_find(rq->app->catalog, u->id);

    if (u->name != NULL)
        return in_lang(rq, u->name, u->name_hi);
    return s != NULL ? in_lang(rq, s->name, s->name_hi) : u->id;
}

static int unit_row(const struct web_request *rq, struct buf *b, const struct sim_unit *u, bool after)
{
    int rc = buf_printf(b, "<tr><td>%s</td><td>", after ? _("After") : _("Before")) || buf_put_html(b, unit_name(rq, u))
             || buf_puts(b, "</td><td>") || put_count(b, u->eligible)
             || buf_printf(b, "</td><td>%.1f</td><td>", u->beneficiaries) || put_money(b, u->unit_benefit)
             || buf_printf(b, "</td><td>%zu + %zu</td><td>", u->fields, u->documents);

    for (size_t r = 0; rc == 0 && r < u->n_res; r++)
        rc = buf_printf(b, "%s: %.0f%% %s. ", group_label(u->res[r].group), u->res[r].share * 100,
                        u->res[r].honoured ? _("honoured") : _("not honoured: too few eligible in the group"));
    return rc || buf_puts(b, "</td></tr>\n");
}

static int schemes_part(const struct web_request *rq, struct buf *b, const struct simulation *sim)
{
    int rc = buf_printf(b, "<h2>%s</h2>\n<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                        _("Schemes"), _("Each scheme before, and after the merger"), _("When"), _("Scheme"),
                        _("Eligible"), _("Beneficiaries"), _("Benefit each"), _("Fields + documents"),
                        _("Reservations"));

    for (size_t u = 0; rc == 0 && u < sim->n_units; u++)
        rc = unit_row(rq, b, &sim->units[u], u >= sim->n_before);
    return rc || buf_puts(b, "</tbody></table></div>\n");
}

static const char *scheme_name(const struct web_request *rq, const char *id)
{
    const struct scheme *s = catalog_find(rq->app->catalog, id);

    return s != NULL ? in_lang(rq, s->name, s->name_hi) : id;
}

/* One changed rule parameter: "ceiling_services of PMEGP: ₹20,00,000
 * before, ₹30,00,000 after". */
static int rule_param_item(const struct web_request *rq, struct buf *b, const struct scenario *sc,
                           const struct scenario_action *a)
{
    struct buf before = {0}, after = {0};
    bool hi = rq->lang == LANG_HI;
    int rc = scenario_rule_param_text(sc, a, rq->app->catalog, false, hi, &before)
             || scenario_rule_param_text(sc, a, rq->app->catalog, true, hi, &after)
             || buf_putc(&before, '\0') || buf_putc(&after, '\0');

    rc = rc || buf_puts(b, "<li><code>") || buf_put_html(b, a->rule_param) || buf_puts(b, "</code> · ")
         || buf_put_html(b, scheme_name(rq, sc->schemes[a->scheme].id)) || buf_puts(b, ": ")
         || buf_printf(b, _("%s before, %s after"), before.data, after.data) || buf_puts(b, "</li>\n");
    buf_release(&before);
    buf_release(&after);
    return rc ? -1 : 0;
}

/* One moved component: its share of the budget, where it goes, and what
 * leaves the source's form. */
static int component_item(const struct web_request *rq, struct buf *b, const struct simulation *sim,
                          const struct scenario_action *a)
{
    const struct scenario *sc = sim->sc;
    int64_t paise = llround(a->share * (double)llround((double)sc->schemes[a->scheme].budget * sim->budget_scale));
    int rc = buf_printf(b, "<li>%.0f%% · ", a->share * 100) || buf_put_html(b, scheme_name(rq, sc->schemes[a->scheme].id))
             || buf_puts(b, " → ") || buf_put_html(b, scheme_name(rq, sc->schemes[a->into].id))
             || buf_printf(b, " · %s ", _("budget moved at the store's scale:")) || put_money(b, paise)
             || buf_puts(b, " · ")
             || buf_printf(b, _("%zu fields and %zu documents leave the source's form"), a->n_fields, a->n_documents);

    for (size_t i = 0; rc == 0 && i < a->n_fields + a->n_documents; i++)
        rc = buf_puts(b, i == 0 ? " (" : ", ")
             || buf_put_html(b, i < a->n_fields ? a->fields[i] : a->documents[i - a->n_fields]);
    return rc || (a->n_fields + a->n_documents > 0 && buf_puts(b, ")")) || buf_puts(b, "</li>\n") ? -1 : 0;
}

/* What the scenario changes inside schemes: rule parameters, components. */
static int changes_part(const struct web_request *rq, struct buf *b, const struct simulation *sim)
{
    const struct scenario *sc = sim->sc;
    bool params = false, moves = false;
    int rc = 0;

    for (size_t i = 0; i < sc->n_actions; i++) {
        params |= sc->actions[i].kind == SA_RULE_PARAM;
        moves |= sc->actions[i].kind == SA_MOVE;
    }
    if (params) {
        rc = buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<ul>\n", _("Parameters changed"),
                        _("After the change, eligibility is judged with these values of the schemes' own rules."));
        for (size_t i = 0; rc == 0 && i < sc->n_actions; i++)
            if (sc->actions[i].kind == SA_RULE_PARAM)
                rc = rule_param_item(rq, b, sc, &sc->actions[i]);
        rc = rc || buf_puts(b, "</ul>\n");
    }
    if (rc == 0 && moves) {
        rc = buf_printf(b, "<h2>%s</h2>\n<p>%s</p>\n<ul>\n", _("Components moved"),
                        _("A component takes a share of its scheme's budget to another scheme, which serves it "
                          "from its own pool and form."));
        for (size_t i = 0; rc == 0 && i < sc->n_actions; i++)
            if (sc->actions[i].kind == SA_MOVE)
                rc = component_item(rq, b, sim, &sc->actions[i]);
        rc = rc || buf_puts(b, "</ul>\n");
    }
    return rc;
}

static int sources_part(const struct web_request *rq, struct buf *b, const struct scenario *sc)
{
    const char *const *assumptions = rq->lang == LANG_HI && sc->n_assumptions_hi ? sc->assumptions_hi : sc->assumptions;

    int rc = buf_printf(b, "<h2>%s</h2>\n<ul>\n", _("Sources and assumptions"));

    for (size_t i = 0; rc == 0 && i < sc->n_sources; i++)
        rc = buf_puts(b, "<li><a href=\"") || buf_put_html(b, sc->sources[i]) || buf_puts(b, "\">")
             || buf_put_html(b, sc->sources[i]) || buf_puts(b, "</a></li>\n");
    for (size_t i = 0; rc == 0 && i < sc->n_assumptions; i++)
        rc = buf_puts(b, "<li>") || buf_put_html(b, assumptions[i]) || buf_puts(b, "</li>\n");
    return rc || buf_puts(b, "</ul>\n");
}

static int render(struct web_request *rq, struct web_response *rs, const struct scenario *sc,
                  const struct simulation *sim, double ms, bool cached)
{
    struct buf *b = &rs->body;
    const char *title = in_lang(rq, sc->title, sc->title_hi);
    char as_of[DATE_STR_LEN];
    long fields = (long)sim->before.fields - (long)sim->after.fields;
    long docs = (long)sim->before.documents - (long)sim->after.documents;

    date_format(sc->as_of, as_of);
    return html_begin(rs, rq, title) || buf_puts(b, "<h1>") || buf_put_html(b, title) || buf_puts(b, "</h1>\n")
           || (sc->summary != NULL
               && (buf_puts(b, "<p>") || buf_put_html(b, in_lang(rq, sc->summary, sc->summary_hi))
                   || buf_puts(b, "</p>\n")))
           || buf_printf(b, "<p>%s %s · %s %zu · %s %.0f ms%s · <a href=\"/policy/scenarios\">%s</a></p>\n",
                         _("Eligibility judged on"), as_of, _("Enterprises in the store:"), sim->enterprises,
                         _("Computed in"), ms, cached ? _(", kept until the next data load") : "",
                         _("All scenarios"))
           || buf_printf(b, "<p>%s</p>\n", _("Budgets are national, scaled to the store by its share of the "
                                             "country's MSMEs. Beneficiaries are expected values: the budget "
                                             "divided by the benefit each, at most the eligible who apply."))
           || buf_printf(b, "<div class=\"wide\" tabindex=\"0\"><table>\n<caption>%s</caption>\n<thead><tr><td></td><th scope=\"col\">%s</th>"
                            "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                         _("Before and after"), _("Before"), _("After"))
           || side_rows(b, sim) || buf_puts(b, "</tbody></table></div>\n")
           || buf_printf(b, "<p><strong>%s</strong> ", _("Burden removed:"))
           || buf_printf(b, _("%ld fields and %ld documents fewer for an applicant to all of them."), fields, docs)
           || buf_puts(b, "</p>\n") || changes_part(rq, b, sim) || groups_part(b, sim) || schemes_part(rq, b, sim)
           || sources_part(rq, b, sc)
           || html_end(rs, rq) ? -1 : 0;
}

/* Ids are checked before the lookup, so nothing odd reaches a log or a page. */
static const struct scenario *find_scenario(const struct web_request *rq, const char *id)
{
    if (id == NULL || id[0] == '\0' || strlen(id) > 64
        || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(id))
        return NULL;
    return scenario_cache_find(rq->app->scenarios, id);
}

int page_scenario(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct scenario *sc;
    struct simulation *sim;
    double ms;
    bool cached;
    int rc = -1;

    if ((sc = find_scenario(rq, router_param(rq->match, "id"))) == NULL)
        return html_error_page(rs, rq, 404, _("Not found"), _("There is no such scenario."), false) == 0
                   ? 0 : err_set(e, "out of memory");
    if ((sim = mem_calloc(1, sizeof *sim)) == NULL)
        return err_set(e, "out of memory");
    if (scenario_cache_get(rq->app->scenarios, rq->store, rq->app->ref, sc, sim, &ms, &cached, e) == 0) {
        rc = render(rq, rs, sc, sim, ms, cached);
        if (rc != 0)
            err_set(e, "out of memory");
    }
    mem_free(sim);
    return rc;
}
