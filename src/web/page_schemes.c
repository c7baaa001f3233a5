/* page_schemes.c: GET /schemes, the scheme finder for the signed-in
 * entrepreneur: every scheme of the catalogue evaluated on their profile
 * (rules engine), ranked by what helps them most, with the reasons and the
 * rupee benefit; a search box and a filter by objective; tick boxes that
 * lead to one common application (GET /apply); and, for the schemes that
 * cannot be decided yet, one short form asking only the missing facts,
 * which posts to /profile and comes back here re-evaluated. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "rules/search.h"
#include "rules/search_query.h"
#include "store/store_application.h"
#include "web/evaluation.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

#define SHORT_FORM_MAX 8     /* questions on the short form: a phone screen or two */
#define QUERY_MAX 200
/* Open schemes per page: with the closed ones in one line each, a page of
 * the longest Hindi texts stays well under the 50 KB limit however large
 * the catalogue grows. */
#define FINDER_PAGE 12

struct finder {
    struct web_request *rq;
    struct profile_view *v;
    struct evaluation ev;
    bool hindi;
    int objective;                  /* -1 = every objective */
    char query[QUERY_MAX + 1];
    size_t page;                    /* 1-based page of open schemes */
    bool *matches;                  /* by catalogue index: passes the search (all when no query) */
    char (*applied)[16];            /* by catalogue index: state of an open application, or "" */
};

static size_t index_of(const struct finder *fd, const struct scheme *s)
{
    return (size_t)(s - fd->rq->app->catalog->schemes);
}

static int note_applied(void *ctx, const struct app_row *a)
{
    struct finder *fd = ctx;
    const struct scheme *s = catalog_find(fd->rq->app->catalog, a->scheme_id);

    if (s != NULL && !app_state_final(a->state) && fd->applied[index_of(fd, s)][0] == '\0')
        snprintf(fd->applied[index_of(fd, s)], 16, "%s", app_state_name(a->state));
    return 0;
}

/* Mark the schemes the search box matches; 1 when the query was unusable. */
static int run_search(struct finder *fd, struct err *e)
{
    const struct catalog *c = fd->rq->app->catalog;
    struct search_results *r;
    struct search_query q;
    struct err why;
    int rc = 0;

    if (fd->query[0] == '\0') {
        for (size_t i = 0; i < c->n; i++)
            fd->matches[i] = true;
        return 0;
    }
    r = mem_alloc(sizeof *r);
    if (r == NULL)
        return err_set(e, "search: out of memory");
    search_query_init(&q);
    if (search_query_parse(search_index_synonyms(fd->rq->app->search), fd->query,
                           strlen(fd->query), &q, &why) != 0) {
        rc = 1;
    } else if ((rc = search_index_run(fd->rq->app->search, &q, SEARCH_MAX_RESULTS, r, e)) == 0) {
        for (size_t i = 0; i < r->n; i++)
            fd->matches[index_of(fd, r->hits[i].scheme)] = true;
    }
    search_query_release(&q);
    mem_free(r);
    return rc;
}

static int put_filters(struct buf *b, const struct finder *fd)
{
    if (buf_printf(b, "<form method=\"get\" action=\"/schemes\" class=\"filters\" role=\"search\">\n")
        || html_input(b, "q", _("Search schemes"), "search", fd->query,
                      _("In Hindi or English, for example: loan, ऋण, training."), NULL, false)
        || buf_printf(b, "<label for=\"objective\">%s</label>\n<select id=\"objective\" "
                         "name=\"objective\">\n<option value=\"\">%s</option>\n",
                      _("What do you need?"), _("Everything")))
        return -1;
    for (int o = 0; o < OBJ_COUNT; o++)
        if (buf_printf(b, "<option value=\"%s\"%s>", objective_name((enum objective)o),
                       o == fd->objective ? " selected" : "")
            || buf_put_html(b, portal_objective_label((enum objective)o))
            || buf_puts(b, "</option>\n"))
            return -1;
    return buf_printf(b, "</select>\n<button type=\"submit\">%s</button>\n</form>\n", _("Show"));
}

static bool shown(const struct finder *fd, const struct scheme_result *r)
{
    return fd->matches[index_of(fd, r->scheme)]
           && (fd->objective < 0 || (r->scheme->objectives & (1u << fd->objective)));
}

/* The missing facts of the undecided schemes on show, most needed first. */
static size_t short_form_fields(const struct finder *fd, enum profile_field *out)
{
    int need[PF_COUNT] = {0};
    size_t n = 0, editable_n;
    const enum profile_field *editable = profile_view_editable(&editable_n);

    for (size_t i = 0; i < fd->ev.n; i++) {
        const struct scheme_result *r = &fd->ev.results[i];
        if (r->status != ST_UNKNOWN || !shown(fd, r))
            continue;
        for (int bit = 0; bit < PF_COUNT; bit++)
            need[bit] += (r->missing >> bit) & 1;
    }
    while (n < SHORT_FORM_MAX) {
        int best = -1;
        for (size_t k = 0; k < editable_n; k++)
            if (need[editable[k]] > 0 && (best < 0 || need[editable[k]] > need[best]))
                best = (int)editable[k];
        if (best < 0)
            break;
        out[n++] = (enum profile_field)best;
        need[best] = 0;
    }
    return n;
}

static int put_short_form(struct buf *b, struct finder *fd)
{
    enum profile_field fields[SHORT_FORM_MAX];
    size_t n = short_form_fields(fd, fields);

    if (n == 0)
        return 0;
    if (buf_printf(b, "<section class=\"ask\" aria-labelledby=\"ask-h\">\n<h2 id=\"ask-h\">%s</h2>\n"
                      "<p>%s</p>\n<form method=\"post\" action=\"/profile\">\n",
                   _("A few answers decide more schemes"),
                   _("We cannot tell yet for some schemes. Answer what you can; we check again "
                     "at once."))
        || html_put_csrf(b, fd->rq))
        return -1;
    for (size_t i = 0; i < n; i++) {
        char name[8];
        snprintf(name, sizeof name, "f%d", (int)fields[i]);
        if (html_profile_control(b, name, fields[i], profile_field_label(fields[i], fd->hindi), "",
                                 NULL, fd->hindi))
            return -1;
    }
    return buf_printf(b, "<input type=\"hidden\" name=\"next\" value=\"/schemes\">\n"
                         "<button type=\"submit\">%s</button>\n</form>\n</section>\n",
                      _("Check again"));
}

/* Which criteria to explain: an eligible scheme's first reason, an
 * ineligible scheme's first failure. An undecided scheme lists the facts
 * it needs instead (put_needs). Short on purpose: the page must stay small
 * on a slow link, in Hindi too (three bytes a letter); the application
 * page has the whole trace. */
static int put_reasons(struct buf *b, const struct finder *fd, const struct scheme_result *r)
{
    struct buf t = BUF_INIT;
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < r->scheme->n_criteria; i++) {
        int8_t res = r->crit[i].result;
        if (res != (r->status == ST_ELIGIBLE ? 1 : 0))
            continue;
        rc = eligibility_criterion_text(&t, r, i, fd->ev.f, fd->hindi)
             || buf_printf(b, "<p class=\"why %s\"><span aria-hidden=\"true\">%s</span> ",
                           res > 0 ? "pass" : "fail", res > 0 ? "✓" : "✗")
             || buf_put_html(b, buf_cstr(&t)) || buf_puts(b, "</p>\n");
        break;
    }
    buf_release(&t);
    return rc ? -1 : 0;
}

/* An undecided scheme: the facts that would decide it. */
static int put_needs(struct buf *b, const struct finder *fd, const struct scheme_result *r)
{
    int k = 0;

    if (r->missing == 0)
        return buf_printf(b, "<p class=\"why unknown\">%s</p>\n",
                          _("The office decides this from your application."));
    if (buf_printf(b, "<p class=\"why unknown\">%s ", _("To decide, we need:")))
        return -1;
    for (int bit = 0; bit < PF_COUNT; bit++)
        if ((r->missing >> bit) & 1)
            if ((k++ && buf_puts(b, ", ")) || buf_put_html(b, profile_field_label((enum profile_field)bit, fd->hindi)))
                return -1;
    return buf_puts(b, "</p>\n");
}

static int put_scheme(struct buf *b, const struct finder *fd, const struct scheme_result *r)
{
    const struct scheme *s = r->scheme;
    const char *applied = fd->applied[index_of(fd, s)];
    struct buf t = BUF_INIT;
    int rc;

    rc = buf_printf(b, "<li class=\"scheme %s\">\n<h3>", status_name(r->status))
         || buf_put_html(b, fd->hindi && s->name_hi ? s->name_hi : s->name)
         || buf_printf(b, "</h3>\n<p class=\"status\"><strong>%s</strong></p>\n",
                       portal_status_label(r->status));
    if (rc == 0 && r->status != ST_INELIGIBLE)
        rc = eligibility_benefit_text(&t, r, fd->ev.f, fd->hindi) || buf_puts(b, "<p class=\"benefit\">")
             || buf_put_html(b, buf_cstr(&t)) || buf_puts(b, "</p>\n");
    if (rc == 0)
        rc = r->status == ST_UNKNOWN ? put_needs(b, fd, r) : put_reasons(b, fd, r);
    if (rc == 0 && applied[0])
        rc = buf_printf(b, "<p>%s <a href=\"/dashboard\">%s</a></p>\n", _("You have applied."),
                        _("See it on your dashboard"));
    else if (rc == 0 && r->status != ST_INELIGIBLE && r->in_force)
        rc = buf_printf(b, "<p class=\"pick\"><input type=\"checkbox\" id=\"apply_%s\" "
                           "name=\"apply_%s\" value=\"1\"> <label for=\"apply_%s\">%s</label></p>\n",
                        s->id, s->id, s->id, _("Add to my application"));
    buf_release(&t);
    return rc || buf_puts(b, "</li>\n") ? -1 : 0;
}

/* An ineligible scheme in one line: its name and the first reason. */
static int put_closed(struct buf *b, const struct finder *fd, const struct scheme_result *r)
{
    struct buf t = BUF_INIT;
    int rc = buf_puts(b, "<li class=\"scheme ineligible\"><strong>")
             || buf_put_html(b, fd->hindi && r->scheme->name_hi ? r->scheme->name_hi : r->scheme->name)
             || buf_puts(b, "</strong>");

    for (size_t i = 0; rc == 0 && i < r->scheme->n_criteria; i++)
        if (r->crit[i].result == 0) {
            rc = eligibility_criterion_text(&t, r, i, fd->ev.f, fd->hindi) || buf_puts(b, ": ")
                 || buf_put_html(b, buf_cstr(&t));
            break;
        }
    if (rc == 0 && !r->in_force)
        rc = buf_puts(b, ": ") || buf_put_html(b, _("not in force now"));
    buf_release(&t);
    return rc || buf_puts(b, "</li>\n") ? -1 : 0;
}

/* A link to another page of the list, keeping the search and filter. */
static int put_page_link(struct buf *b, const struct finder *fd, size_t page, const char *label)
{
    if (buf_printf(b, "<a href=\"/schemes?page=%zu", page)
        || (fd->query[0] && (buf_puts(b, "&amp;q=") || html_put_url_component(b, fd->query)))
        || (fd->objective >= 0 && buf_printf(b, "&amp;objective=%s", objective_name((enum objective)fd->objective)))
        || buf_puts(b, "\">") || buf_put_html(b, label) || buf_puts(b, "</a>"))
        return -1;
    return 0;
}

static int put_pages(struct buf *b, const struct finder *fd, size_t open)
{
    size_t pages = (open + FINDER_PAGE - 1) / FINDER_PAGE;

    if (pages <= 1)
        return 0;
    if (buf_printf(b, "<nav class=\"pages\" aria-label=\"%s\"><p>", _("More schemes"))
        || buf_printf(b, _("Page %zu of %zu."), fd->page, pages) || buf_putc(b, ' ')
        || (fd->page > 1 && (put_page_link(b, fd, fd->page - 1, _("Previous schemes")) || buf_putc(b, ' ')))
        || (fd->page < pages && put_page_link(b, fd, fd->page + 1, _("More schemes")))
        || buf_puts(b, "</p></nav>\n"))
        return -1;
    return 0;
}

static int put_list(struct buf *b, struct finder *fd)
{
    size_t counts[3] = {0}, on_show = 0;

    for (size_t i = 0; i < fd->ev.n; i++)
        if (shown(fd, &fd->ev.results[i])) {
            counts[fd->ev.results[i].status]++;
            on_show++;
        }
    if (buf_printf(b, "<p class=\"summary\">%s: %zu · %s: %zu · %s: %zu</p>\n",
                   _("Eligible"), counts[ST_ELIGIBLE], _("Can't tell yet"), counts[ST_UNKNOWN],
                   _("Not eligible"), counts[ST_INELIGIBLE]))
        return -1;
    if (on_show == 0)
        return buf_printf(b, "<p>%s</p>\n", _("No scheme matches. Try other words or choose "
                                              "everything."));
    if (put_short_form(b, fd) != 0)
        return -1;
    if (buf_printf(b, "<form method=\"get\" action=\"/apply\">\n<h2>%s</h2>\n<ol class=\"schemes\">\n",
                   _("Your schemes, most useful first")))
        return -1;
    for (size_t i = 0, k = 0; i < fd->ev.n; i++) {
        const struct scheme_result *r = &fd->ev.results[i];
        if (!shown(fd, r) || r->status == ST_INELIGIBLE)
            continue;
        if (k++ / FINDER_PAGE + 1 == fd->page && put_scheme(b, fd, r) != 0)
            return -1;
    }
    if (buf_printf(b, "</ol>\n<button type=\"submit\">%s</button>\n</form>\n",
                   _("Apply to the ticked schemes with one form")))
        return -1;
    if (put_pages(b, fd, counts[ST_ELIGIBLE] + counts[ST_UNKNOWN]) != 0)
        return -1;
    if (counts[ST_INELIGIBLE] == 0 || fd->page > 1)
        return 0;
    if (buf_printf(b, "<h2>%s</h2>\n<ul class=\"schemes closed\">\n", _("Not open to you now")))
        return -1;
    for (size_t i = 0; i < fd->ev.n; i++)
        if (shown(fd, &fd->ev.results[i]) && fd->ev.results[i].status == ST_INELIGIBLE
            && put_closed(b, fd, &fd->ev.results[i]) != 0)
            return -1;
    return buf_puts(b, "</ul>\n");
}

static int read_filters(struct finder *fd)
{
    const char *q = web_query(fd->rq, "q"), *o = web_query(fd->rq, "objective");

    fd->objective = -1;
    if (q != NULL && strlen(q) <= QUERY_MAX)
        snprintf(fd->query, sizeof fd->query, "%s", q);
    const char *page = web_query(fd->rq, "page");
    int64_t n = 1;

    for (int i = 0; o != NULL && *o && i < OBJ_COUNT; i++)
        if (strcmp(o, objective_name((enum objective)i)) == 0)
            fd->objective = i;
    fd->page = page != NULL && portal_parse_id(page, &n) && n < 1000 ? (size_t)n : 1;
    return 0;
}

static int finder_page(struct finder *fd, struct web_response *rs, struct err *e)
{
    struct buf *b = &rs->body;
    int rc;

    if (store_apps_of_enterprise(fd->rq->store, fd->v->ent.id, fd->rq->today, note_applied, fd, e) != 0)
        return -1;
    if ((rc = run_search(fd, e)) < 0)
        return -1;
    if (html_begin(rs, fd->rq, _("Schemes for you")) || buf_printf(b, "<h1>%s</h1>\n", _("Schemes for you"))
        || buf_puts(b, "<p>") || html_put_sentence(b, _("Every scheme checked against what we know "
                                                        "about %s."), fd->v->ent.name)
        || buf_printf(b, " <a href=\"/profile\">%s</a></p>\n", _("Check your details"))
        || put_filters(b, fd))
        return err_set(e, "finder: out of memory");
    if (rc > 0 && buf_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n",
                             _("We could not use these search words. Try fewer or simpler words.")))
        return err_set(e, "finder: out of memory");
    if (put_list(b, fd) != 0 || html_end(rs, fd->rq) != 0)
        return err_set(e, "finder: out of memory");
    return 0;
}

int page_schemes(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct finder fd = {.rq = rq, .hindi = rq->lang == LANG_HI};
    struct profile_view v;
    size_t n = rq->app->catalog->n;
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc < 0 ? -1 : 0;
    fd.v = &v;
    read_filters(&fd);
    fd.matches = mem_calloc(n ? n : 1, sizeof *fd.matches);
    fd.applied = mem_calloc(n ? n : 1, sizeof *fd.applied);
    if (fd.matches == NULL || fd.applied == NULL)
        rc = err_set(e, "finder: out of memory");
    else if ((rc = evaluation_run(rq->app, &v.profile, rq->today, &fd.ev, e)) == 0)
        rc = finder_page(&fd, rs, e);
    evaluation_free(&fd.ev);
    mem_free(fd.matches);
    mem_free(fd.applied);
    profile_view_free(&v);
    return rc;
}
