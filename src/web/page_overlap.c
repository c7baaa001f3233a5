/* page_overlap.c: overlap and duplication between schemes, for
 * policymakers and state officers (docs/overlap.md).
 *
 *   GET /overlap       the scheme × scheme Jaccard heat matrix of eligible
 *                      sets (?basis=possible: sets of those not ruled
 *                      out), the pairs that overlap most, beneficiary
 *                      overlap, shared objectives and target groups, and
 *                      double funding counted by pair of schemes
 *   GET /overlap.xlsx  every pair with every measure, as a spreadsheet
 *
 * Aggregates only: no enterprise is named, counts of 1 to 4 are withheld
 * (suppress.h), and double funding is shown as counts by pair of schemes,
 * never the enterprises (their list is the CLI's, for the audit office). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "core/money.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/overlap_view.h"
#include "web/portal.h"
#include "web/routes.h"
#include "web/svg_matrix.h"
#include "web/xlsx.h"

#define TOP_PAIRS 15
#define TOP_OTHER 10

/* Double funding per pair of schemes: alerts and the sum of both sides. */
struct df_pair {
    int64_t alerts, amount;
};

static size_t pair_index(size_t n, size_t a, size_t b)
{
    return a * (2 * n - a - 1) / 2 + (b - a - 1);
}

static struct df_pair *df_by_pair(const struct overlap_report *r)
{
    struct df_pair *d = mem_calloc(r->n_pairs ? r->n_pairs : 1, sizeof *d);

    for (size_t k = 0; d != NULL && k < r->n_alerts; k++) {
        const struct overlap_funding *x = &r->funding[r->alerts[k].first], *y = &r->funding[r->alerts[k].second];
        size_t a = x->scheme < y->scheme ? x->scheme : y->scheme, b = x->scheme < y->scheme ? y->scheme : x->scheme;
        struct df_pair *p = &d[pair_index(r->n_schemes, a, b)];
        p->alerts++;
        p->amount += (x->amount > 0 ? x->amount : 0) + (y->amount > 0 ? y->amount : 0);
    }
    return d;
}

/* The page's state: what was loaded, for whom. */
struct overlap_page {
    struct overlap_options o;
    struct overlap_view_run run;
    int state;
    bool possible;            /* ?basis=possible */
};

/* 0 loaded; 1 refused and answered; -1 error. */
static int page_load(struct web_request *rq, struct web_response *rs, struct overlap_page *p, struct err *e)
{
    enum overlap_refusal why = overlap_view_area(rq, &p->state);
    const char *basis = web_query(rq, "basis");

    memset(&p->run, 0, sizeof p->run);
    if (why == OVERLAP_OK)
        why = overlap_view_options(rq, &p->o);
    if (why == OVERLAP_OK && basis != NULL && *basis && strcmp(basis, "possible") != 0
        && strcmp(basis, "eligible") != 0)
        why = OVERLAP_BAD_QUERY;
    if (why != OVERLAP_OK)
        return overlap_view_refuse(rq, rs, why, e) == 0 ? 1 : -1;
    p->possible = basis != NULL && strcmp(basis, "possible") == 0;
    p->o.state = p->state;
    return overlap_view_load(rq, &p->o, &p->run, e);
}

static const char *name_of(const struct web_request *rq, const struct overlap_report *r, size_t s)
{
    return portal_scheme_name(rq, r->cat->schemes[s].id);
}

static int put_count(struct buf *b, int64_t n)
{
    return suppress_cell(n) && n > 0 ? buf_puts(b, "x") : buf_printf(b, "%lld", (long long)n);
}

/* --- the matrix -------------------------------------------------------------- */

static int put_matrix(struct buf *b, const struct web_request *rq, const struct overlap_page *p)
{
    const struct overlap_report *r = p->run.report;
    const struct overlap_pair *pairs = p->possible ? r->possible : r->eligibility;
    const int64_t *count = p->possible ? r->possible_count : r->eligible;
    size_t *keep = mem_calloc(r->n_schemes + 1, sizeof *keep), n = 0;
    const char **names = mem_calloc(r->n_schemes + 1, sizeof *names);
    double *v = NULL;
    int rc = -1;

    if (keep == NULL || names == NULL)
        goto done;
    for (size_t s = 0; s < r->n_schemes; s++)
        if (count[s] > 0) {
            names[n] = name_of(rq, r, s);
            keep[n++] = s;
        }
    if (n < 2) {
        rc = buf_printf(b, "<p>%s</p>\n", _("Fewer than two schemes have anyone eligible on this basis."));
        goto done;
    }
    if ((v = mem_calloc(n * n, sizeof *v)) == NULL)
        goto done;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            const struct overlap_pair *q = &pairs[pair_index(r->n_schemes, keep[i], keep[j])];
            bool hide = (suppress_cell(q->both) && q->both > 0) || (suppress_cell(q->either) && q->either > 0);
            v[i * n + j] = hide ? -1.0 : q->jaccard;
        }
    struct svg_matrix m = {_("Overlap between schemes' eligible sets (Jaccard), upper triangle"),
                           _("Jaccard: enterprises eligible for both / for either"), n, names, v};
    rc = overlap_view_wide(b, m.label) || svg_matrix_put(b, &m) || buf_puts(b, "</div>\n") ? -1 : 0;
done:
    mem_free(v);
    mem_free(names);
    mem_free(keep);
    return rc;
}

/* --- the tables -------------------------------------------------------------- */

static int by_jaccard(const void *x, const void *y, void *arg)
{
    const struct overlap_pair *p = arg, *a = &p[*(const size_t *)x], *b = &p[*(const size_t *)y];

    if (a->jaccard != b->jaccard)
        return a->jaccard > b->jaccard ? -1 : 1;
    if (a->both != b->both)
        return a->both > b->both ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static size_t *ranked(const struct overlap_pair *p, size_t n)
{
    size_t *order = mem_calloc(n ? n : 1, sizeof *order);

    if (order == NULL)
        return NULL;
    for (size_t k = 0; k < n; k++)
        order[k] = k;
    qsort_r(order, n, sizeof *order, by_jaccard, (void *)p);
    return order;
}

static int put_pair_head(struct buf *b, const char *caption, const char *both, const char *either)
{
    return overlap_view_table(b, caption) || buf_printf(b, "<thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                         _("Scheme"), _("Scheme"), both, either, _("Jaccard"));
}

static int put_pairs(struct buf *b, const struct web_request *rq, const struct overlap_report *r,
                     const struct overlap_pair *pairs, const char *caption, const char *both, size_t top)
{
    size_t *order = ranked(pairs, r->n_pairs), shown = 0;
    int rc;

    if (order == NULL)
        return -1;
    rc = put_pair_head(b, caption, both, _("Either"));
    for (size_t k = 0; rc == 0 && k < r->n_pairs && shown < top; k++) {
        const struct overlap_pair *q = &pairs[order[k]];
        bool hide = (suppress_cell(q->both) && q->both > 0) || suppress_cell(q->either);
        if (q->both == 0)
            break;
        shown++;
        rc = buf_puts(b, "<tr><td>") || buf_put_html(b, name_of(rq, r, q->a)) || buf_puts(b, "</td><td>")
             || buf_put_html(b, name_of(rq, r, q->b)) || buf_puts(b, "</td><td>") || put_count(b, q->both)
             || buf_puts(b, "</td><td>") || (hide ? buf_puts(b, "x") : put_count(b, q->either)) || buf_puts(b, "</td><td>")
             || (hide ? buf_puts(b, "x") : buf_printf(b, "%.3f", q->jaccard)) || buf_puts(b, "</td></tr>\n");
    }
    if (rc == 0 && shown == 0)
        rc = buf_printf(b, "<tr><td colspan=\"5\">%s</td></tr>\n", _("None."));
    mem_free(order);
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

static int by_objective(const void *x, const void *y, void *arg)
{
    const struct overlap_objective *o = arg, *a = &o[*(const size_t *)x], *b = &o[*(const size_t *)y];

    if (a->jaccard != b->jaccard)
        return a->jaccard > b->jaccard ? -1 : 1;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/* A target group of the scheme files (src/rules/vocab.c) in words. */
static const char *group_label(const char *code)
{
    static const struct {
        const char *code, *label;
    } groups[] = {
        {"micro", N_("micro")}, {"small", N_("small")}, {"medium", N_("medium")}, {"women", N_("women")},
        {"sc", N_("Scheduled Castes")}, {"st", N_("Scheduled Tribes")}, {"scst", N_("SC/ST")}, {"obc", N_("OBC")},
        {"minorities", N_("minorities")}, {"pwd", N_("persons with disabilities")},
        {"ex_servicemen", N_("ex-servicemen")}, {"transgender", N_("transgender persons")}, {"youth", N_("youth")},
        {"ner", N_("North-East")}, {"hill", N_("hill areas")}, {"island", N_("islands")},
        {"lwe", N_("areas affected by left-wing extremism")}, {"aspirational", N_("aspirational districts")},
        {"rural", N_("rural")}, {"traditional", N_("traditional industries")}, {"artisans", N_("artisans")},
        {"exporters", N_("exporters")}, {"new_units", N_("new units")}, {"existing_units", N_("existing units")},
        {"clusters", N_("clusters")}, {"startups", N_("start-ups")}, {"all", N_("all enterprises")},
    };

    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strcmp(groups[i].code, code) == 0)
            return _(groups[i].label);
    return code;
}

static int put_objective_row(struct buf *b, const struct web_request *rq, const struct overlap_report *r,
                             const struct overlap_objective *o)
{
    int first = 1;

    if (buf_puts(b, "<tr><td>") || buf_put_html(b, name_of(rq, r, o->a)) || buf_puts(b, "</td><td>")
        || buf_put_html(b, name_of(rq, r, o->b)) || buf_puts(b, "</td><td>"))
        return -1;
    for (int k = 0; k < OBJ_COUNT; k++)
        if ((o->shared_objectives & (1u << k))
            && (buf_puts(b, first-- > 0 ? "" : ", ") || buf_put_html(b, portal_objective_label((enum objective)k))))
            return -1;
    if (buf_puts(b, "</td><td>"))
        return -1;
    for (size_t g = 0; g < o->n_shared_groups; g++)
        if (buf_puts(b, g ? ", " : "") || buf_put_html(b, group_label(o->shared_groups[g])))
            return -1;
    return buf_printf(b, "</td><td>%.2f</td></tr>\n", o->jaccard);
}

static int put_objectives(struct buf *b, const struct web_request *rq, const struct overlap_report *r)
{
    size_t *order = mem_calloc(r->n_pairs ? r->n_pairs : 1, sizeof *order);
    int rc;

    if (order == NULL)
        return -1;
    for (size_t k = 0; k < r->n_pairs; k++)
        order[k] = k;
    qsort_r(order, r->n_pairs, sizeof *order, by_objective, r->objective);
    rc = overlap_view_table(b, _("Schemes that declare the most of the same objectives and target groups"))
         || buf_printf(b, "<thead><tr><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                       "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("Scheme"),
                    _("Scheme"), _("Shared objectives"), _("Shared target groups"), _("Jaccard"));
    for (size_t k = 0; rc == 0 && k < r->n_pairs && k < TOP_OTHER; k++)
        rc = put_objective_row(b, rq, r, &r->objective[order[k]]);
    mem_free(order);
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_double_funding(struct buf *b, const struct web_request *rq, const struct overlap_report *r)
{
    struct df_pair *d = df_by_pair(r);
    char amount[MONEY_STR_MAX], total[24];
    size_t shown = 0;
    int rc;

    if (d == NULL)
        return -1;
    /* the total too is a count of enterprises' benefits: withheld under 5 */
    if (suppress_cell((int64_t)r->n_alerts) && r->n_alerts > 0)
        snprintf(total, sizeof total, "x");
    else
        snprintf(total, sizeof total, "%zu", r->n_alerts);
    rc = buf_printf(b, "<h2>%s</h2>\n<p>", _("Double funding"))
         || buf_printf(b, _("One enterprise funded for the same purpose by two schemes within %d days, from the "
                            "schemes' beneficiary lists linked to enterprises. Alerts in all: %s."),
                       r->window_days, total)
         || buf_puts(b, "</p>\n") || overlap_view_table(b, _("Double funding by pair of schemes"))
         || buf_printf(b, "<thead><tr>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("Scheme"), _("Scheme"), _("Alerts"),
                       _("Amount of both benefits"));
    for (size_t a = 0; rc == 0 && a < r->n_schemes; a++)
        for (size_t c = a + 1; rc == 0 && c < r->n_schemes; c++) {
            const struct df_pair *q = &d[pair_index(r->n_schemes, a, c)];
            bool hide = suppress_cell(q->alerts);
            if (q->alerts == 0)
                continue;
            shown++;
            money_format_inr(q->amount, amount);
            rc = buf_puts(b, "<tr><td>") || buf_put_html(b, name_of(rq, r, a)) || buf_puts(b, "</td><td>")
                 || buf_put_html(b, name_of(rq, r, c)) || buf_puts(b, "</td><td>") || put_count(b, q->alerts)
                 || buf_printf(b, "</td><td>%s</td></tr>\n", hide ? "x" : amount);
        }
    if (rc == 0 && shown == 0)
        rc = buf_printf(b, "<tr><td colspan=\"4\">%s</td></tr>\n", _("None."));
    mem_free(d);
    return rc || buf_puts(b, "</tbody>\n</table></div>\n");
}

/* Links to the other basis, the spreadsheet and the awareness gap, each
 * keeping the need and the state. */
static int put_basis_links(struct buf *b, const struct overlap_page *p)
{
    return buf_printf(b, "<p>%s <a href=\"/overlap?basis=%s&amp;",
                      p->possible ? _("Basis: not ruled out (eligible, or unknown for want of facts).")
                                  : _("Basis: eligible on the facts on file."),
                      p->possible ? "eligible" : "possible")
           || overlap_view_query(b, &p->o, p->state)
           || buf_printf(b, "\">%s</a> · <a href=\"/overlap.xlsx?basis=%s&amp;",
                         p->possible ? _("Show the eligible sets") : _("Show the sets not ruled out"),
                         p->possible ? "possible" : "eligible")
           || overlap_view_query(b, &p->o, p->state)
           || buf_printf(b, "\">%s</a> · <a href=\"/overlap/awareness?", _("Download every pair as a spreadsheet"))
           || overlap_view_query(b, &p->o, p->state) || buf_printf(b, "\">%s</a></p>\n", _("Awareness gap"));
}

int page_overlap(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct overlap_page p;
    struct buf *b = &rs->body;
    const struct overlap_report *r;
    int rc = page_load(rq, rs, &p, e);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    r = p.run.report;
    rc = html_begin(rs, rq, _("Overlap between schemes")) || buf_printf(b, "<h1>%s: ", _("Overlap between schemes"))
         || buf_put_html(b, overlap_view_place(rq, p.state)) || buf_printf(b, "</h1>\n<p>%s</p>\n<p>",
             _("Jaccard = enterprises in both sets / enterprises in either: 1 when two schemes reach the same "
               "enterprises, 0 when none in common. Every scheme is evaluated for every enterprise on file once, "
               "with the same need assumed of all."))
         || buf_printf(b, _("Enterprises: %zu. Need assumed: "), r->population) || overlap_view_need_text(b, rq, &p.o)
         || buf_puts(b, ".</p>\n") || overlap_view_timing(b, rq, &p.run) || overlap_view_form_begin(b, rq, &p.o, "/overlap")
         || (p.possible && buf_puts(b, "<input type=\"hidden\" name=\"basis\" value=\"possible\">"))
         || overlap_view_form_end(b, p.state)
         || put_basis_links(b, &p) || put_matrix(b, rq, &p)
         || put_pairs(b, rq, r, p.possible ? r->possible : r->eligibility, _("Pairs of schemes that overlap most"),
                      _("Eligible for both"), TOP_PAIRS)
         || buf_printf(b, "<h2>%s</h2>\n", _("Beneficiaries of both"))
         || put_pairs(b, rq, r, r->beneficiary, _("Enterprises that availed both schemes"), _("Availed both"),
                      TOP_OTHER)
         || buf_printf(b, "<h2>%s</h2>\n", _("Objectives and target groups")) || put_objectives(b, rq, r)
         || put_double_funding(b, rq, r)
         || buf_printf(b, "<p class=\"hint\">%s</p>\n",
         _("x: withheld because fewer than 5 enterprises stand behind it."))
         || html_end(rs, rq);
    overlap_view_release(rq, &p.run);
    return rc ? err_set(e, "out of memory") : 0;
}

/* --- the spreadsheet ---------------------------------------------------------- */

static int sheet_count(struct xlsx_table *t, int64_t n)
{
    return suppress_cell(n) && n > 0 ? xlsx_table_empty(t) : xlsx_table_number(t, (double)n);
}

static int sheet_pair(struct xlsx_table *t, const struct overlap_pair *q)
{
    bool hide = (suppress_cell(q->both) && q->both > 0) || (suppress_cell(q->either) && q->either > 0);

    /* With `both` withheld, `either` would give it back by subtraction. */
    return sheet_count(t, q->both) || (hide ? xlsx_table_empty(t) : sheet_count(t, q->either))
           || (hide ? xlsx_table_empty(t) : xlsx_table_number(t, q->jaccard));
}

static int sheet_row(struct xlsx_table *t, const struct web_request *rq, const struct overlap_report *r, size_t k,
                     const struct df_pair *d)
{
    const struct overlap_objective *o = &r->objective[k];
    struct buf objs = BUF_INIT, groups = BUF_INIT;
    int rc = 0;

    for (int x = 0; rc == 0 && x < OBJ_COUNT; x++)
        if (o->shared_objectives & (1u << x))
            rc = buf_puts(&objs, objs.len ? ", " : "") || buf_puts(&objs, objective_name((enum objective)x));
    for (size_t g = 0; rc == 0 && g < o->n_shared_groups; g++)
        rc = buf_puts(&groups, g ? ", " : "") || buf_puts(&groups, o->shared_groups[g]);
    rc = rc || xlsx_table_text(t, r->cat->schemes[o->a].id) || xlsx_table_text(t, name_of(rq, r, o->a))
         || xlsx_table_text(t, r->cat->schemes[o->b].id) || xlsx_table_text(t, name_of(rq, r, o->b))
         || sheet_pair(t, &r->eligibility[k]) || sheet_pair(t, &r->possible[k]) || sheet_pair(t, &r->beneficiary[k])
         || xlsx_table_number(t, o->jaccard) || xlsx_table_text(t, objs.len ? buf_cstr(&objs) : "")
         || xlsx_table_text(t, groups.len ? buf_cstr(&groups) : "") || sheet_count(t, d->alerts)
         || (suppress_cell(d->alerts) && d->alerts > 0 ? xlsx_table_empty(t)
                                                        : xlsx_table_number(t, money_to_rupees(d->amount)))
         || xlsx_table_end_row(t);
    buf_release(&objs);
    buf_release(&groups);
    return rc;
}

int page_overlap_xlsx(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *headings[] = {_("Scheme id"), _("Scheme"), _("Scheme id"), _("Scheme"),
                              _("Eligible for both"), _("Eligible for either"), _("Jaccard, eligible"),
                              _("Not ruled out for both"), _("Not ruled out for either"), _("Jaccard, not ruled out"),
                              _("Availed both"), _("Availed either"), _("Jaccard, availed"),
                              _("Jaccard, objectives and target groups"), _("Shared objectives"),
                              _("Shared target groups"), _("Double funding alerts"), _("Amount of both benefits")};
    struct overlap_page p;
    struct xlsx_table *t = NULL;
    struct df_pair *d = NULL;
    int rc = page_load(rq, rs, &p, e);

    if (rc != 0)
        return rc > 0 ? 0 : -1;
    if ((d = df_by_pair(p.run.report)) == NULL) {
        rc = err_set(e, "out of memory");
        goto done;
    }
    if ((t = xlsx_table_new(_("Overlap"), headings, sizeof headings / sizeof headings[0], e)) == NULL) {
        rc = -1;
        goto done;
    }
    for (size_t k = 0; rc == 0 && k < p.run.report->n_pairs; k++)
        if (sheet_row(t, rq, p.run.report, k, &d[k]) != 0)
            rc = err_set(e, "overlap sheet: cannot write a row");
    rs->body.limit = WEB_BODY_LIMIT;
    if (rc == 0)
        rc = xlsx_table_finish(t, &rs->body, e);
    if (rc == 0) {
        rs->content_type = XLSX_MEDIA_TYPE;
        rc = web_response_header(rs, "Content-Disposition", "attachment; filename=\"scheme-overlap.xlsx\"") == 0
                 ? 0 : err_set(e, "header");
    }
done:
    mem_free(d);
    xlsx_table_free(t);
    overlap_view_release(rq, &p.run);
    return rc ? -1 : 0;
}
