/* page_home.c: GET /, what Samanvay does for each of its three users.
 * Always 200, never a redirect (DESIGN.md §5): the first page a slow
 * phone loads must be useful on its own. */
#include "web/html.h"
#include "web/routes.h"

struct audience {
    const char *who;
    const char *what;
};

static const struct audience audiences[] = {
    {N_("If you run a small business"),
     N_("See every government scheme you can get, whether you are eligible, what is missing and "
        "how much it is worth to you. Apply to several schemes from one profile, and follow your "
        "applications, deadlines, complaints and payments in one place.")},
    {N_("If you are a district officer"),
     N_("Get a worklist of applications to act on, with time limits. See businesses in your "
        "district that are under stress and why, and those who could get a scheme but have not "
        "applied.")},
    {N_("If you make policy"),
     N_("See where schemes overlap, what merging them would change, and how they affect "
        "turnover and jobs. Figures are shown only for groups large enough that no single "
        "business can be identified.")},
};

static int put_audiences(struct buf *b)
{
    for (size_t i = 0; i < sizeof audiences / sizeof audiences[0]; i++) {
        if (buf_puts(b, "<section class=\"user\">\n<h2>") || buf_put_html(b, _(audiences[i].who))
            || buf_puts(b, "</h2>\n<p>") || buf_put_html(b, _(audiences[i].what))
            || buf_puts(b, "</p>\n</section>\n"))
            return -1;
    }
    return 0;
}

static int put_signed_in(struct buf *b, const struct session *ss)
{
    if (!ss->signed_in)
        return buf_printf(b, "<p><a class=\"button\" href=\"/register\">%s</a></p>\n"
                             "<p><a href=\"/login\">%s</a></p>\n",
                          _("Create an account for your enterprise"), _("Sign in"));
    if (buf_puts(b, "<p>") || html_put_sentence(b, _("You are signed in as %s."), ss->user.username)
        || buf_printf(b, " <a href=\"/account\">%s</a></p>\n", _("Your account")))
        return -1;
    return 0;
}

int page_home(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct buf *b = &rs->body;

    if (html_begin(rs, rq, _("Home")) || buf_puts(b, "<h1>")
        || buf_put_html(b, _("Samanvay: one place for MSME schemes and services"))
        || buf_puts(b, "</h1>\n<p>")
        || buf_put_html(b, _("Samanvay joins up the portals of the Government of India and the "
                             "states for micro, small and medium enterprises, so that you do not "
                             "have to visit each one."))
        || buf_puts(b, "</p>\n") || put_signed_in(b, rq->session) || put_audiences(b)
        || html_end(rs, rq))
        return err_set(e, "home page: out of memory or over %zu bytes", HTML_PAGE_LIMIT);
    return 0;
}
