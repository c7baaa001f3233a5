#include "web/html.h"

#include <string.h>

#include "core/alloc.h"

static int put_lang_switch(struct buf *b, const struct web_request *rq)
{
    /* Each language is offered in its own script, so a reader who cannot
     * read the current page can still find the way out of it. */
    enum lang other = rq->lang == LANG_HI ? LANG_EN : LANG_HI;
    const char *label = other == LANG_HI ? "हिन्दी में पढ़ें" : "Read in English";

    if (buf_puts(b, "<li><a href=\"") || html_put_url_path(b, rq->path)
        || buf_printf(b, "?lang=%s\" hreflang=\"%s\" lang=\"%s\">", i18n_code(other),
                      i18n_code(other), i18n_code(other))
        || buf_put_html(b, label) || buf_puts(b, "</a></li>\n"))
        return -1;
    return 0;
}

int html_put_url_path(struct buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                     || strchr("-._~/", *p) != NULL;
        if (plain ? buf_putc(b, (char)*p)
                  : buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]))
            return -1;
    }
    return 0;
}

int html_put_url_component(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                     || strchr("-._~", *p) != NULL;
        if (plain ? buf_putc(b, (char)*p)
                  : buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]))
            return -1;
    }
    return 0;
}

int html_put_sentence(struct buf *b, const char *fmt, const char *value)
{
    const char *at = strstr(fmt, "%s");
    char *before;
    int rc;

    if (at == NULL)
        return buf_put_html(b, fmt);
    before = mem_strndup(fmt, (size_t)(at - fmt));
    if (before == NULL)
        return -1;
    rc = buf_put_html(b, before) || buf_put_html(b, value) || buf_put_html(b, at + 2) ? -1 : 0;
    mem_free(before);
    return rc;
}

int html_put_csrf(struct buf *b, const struct web_request *rq)
{
    if (!rq->session->valid)
        return 0;
    return buf_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n",
                      rq->session->row.csrf) < 0 ? -1 : 0;
}

static int put_nav(struct buf *b, const struct web_request *rq)
{
    const struct session *ss = rq->session;

    if (buf_printf(b, "<nav aria-label=\"%s\">\n<ul>\n", _("Site")) != 0)
        return -1;
    if (ss->signed_in && ss->user.role == AUTH_ROLE_ENTREPRENEUR
        && buf_printf(b, "<li><a href=\"/dashboard\">%s</a></li>\n<li><a href=\"/schemes\">%s</a></li>\n",
                      _("Dashboard"), _("Schemes")) != 0)
        return -1;
    if (ss->signed_in && (ss->user.role == AUTH_ROLE_OFFICER || ss->user.role == AUTH_ROLE_ADMIN)
        && buf_printf(b, "<li><a href=\"/officer/worklist\">%s</a></li>\n<li><a href=\"/officer/watchlist\">%s</a></li>\n",
                      _("Worklist"), _("In stress")) != 0)
        return -1;
    /* The stress heatmap: for policymakers, admins and state officers (not a district's). */
    if (ss->signed_in
        && (ss->user.role == AUTH_ROLE_POLICYMAKER || ss->user.role == AUTH_ROLE_ADMIN
            || (ss->user.role == AUTH_ROLE_OFFICER && ss->user.state[0] && !ss->user.district[0]))
        && buf_printf(b, "<li><a href=\"/stress/heatmap\">%s</a></li>\n", _("Stress map")) != 0)
        return -1;
    if (ss->signed_in && ss->user.role != AUTH_ROLE_ENTREPRENEUR
        && buf_printf(b, "<li><a href=\"/clusters\">%s</a></li>\n", _("Clusters")) != 0)
        return -1;
    /* Issue 8: scheme overlap for the stress map's readers; outreach for officers. */
    if (ss->signed_in
        && (ss->user.role == AUTH_ROLE_POLICYMAKER || ss->user.role == AUTH_ROLE_ADMIN
            || (ss->user.role == AUTH_ROLE_OFFICER && ss->user.state[0] && !ss->user.district[0]))
        && buf_printf(b, "<li><a href=\"/overlap\">%s</a></li>\n", _("Scheme overlap")) != 0)
        return -1;
    if (ss->signed_in && ss->user.role == AUTH_ROLE_OFFICER && ss->user.district[0]
        && buf_printf(b, "<li><a href=\"/officer/awareness\">%s</a></li>\n", _("Outreach")) != 0)
        return -1;
    if (ss->signed_in) {
        if (buf_printf(b, "<li><a href=\"/account\">%s</a></li>\n", _("Your account"))
            || buf_puts(b, "<li><form method=\"post\" action=\"/logout\">\n")
            || html_put_csrf(b, rq)
            || buf_printf(b, "<button type=\"submit\">%s</button>\n</form></li>\n", _("Sign out")))
            return -1;
    } else if (buf_printf(b, "<li><a href=\"/login\">%s</a></li>\n<li><a href=\"/register\">%s</a></li>\n",
                          _("Sign in"), _("Create an account")) != 0) {
        return -1;
    }
    if (put_lang_switch(b, rq) != 0)
        return -1;
    return buf_puts(b, "</ul>\n</nav>\n");
}

int html_begin(struct web_response *rs, const struct web_request *rq, const char *title)
{
    struct buf *b = &rs->body;

    rs->content_type = "text/html; charset=utf-8";
    b->limit = HTML_PAGE_LIMIT;
    buf_reset(b);
    if (buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>", i18n_code(rq->lang))
        || buf_put_html(b, title) || buf_puts(b, " – ") || buf_put_html(b, _("Samanvay"))
        || buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
                       "</head>\n<body>\n")
        || buf_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>\n", _("Skip to main content"))
        || buf_puts(b, "<header class=\"site\">\n<div class=\"bar\">\n<a class=\"brand\" href=\"/\">")
        || buf_put_html(b, _("Samanvay")) || buf_puts(b, "</a>\n") || put_nav(b, rq)
        || buf_puts(b, "</div>\n</header>\n<main id=\"main\">\n"))
        return -1;
    return 0;
}

int html_end(struct web_response *rs, const struct web_request *rq)
{
    (void)rq;
    return buf_printf(&rs->body, "</main>\n<footer class=\"site\">\n<p>%s</p>\n</footer>\n"
                                 "</body>\n</html>\n",
                      _("Samanvay brings the MSME schemes and services of India together in one "
                        "place.")) < 0 ? -1 : 0;
}

int html_error_page(struct web_response *rs, const struct web_request *rq, int status,
                    const char *title, const char *message, bool sign_in)
{
    struct buf *b = &rs->body;

    if (html_begin(rs, rq, title) || buf_puts(b, "<h1>") || buf_put_html(b, title)
        || buf_puts(b, "</h1>\n<p>") || buf_put_html(b, message) || buf_puts(b, "</p>\n"))
        return -1;
    if (sign_in && buf_printf(b, "<p><a class=\"button\" href=\"/login\">%s</a></p>\n",
                              _("Sign in")) != 0)
        return -1;
    if (buf_printf(b, "<p><a href=\"/\">%s</a></p>\n", _("Go to the home page")) != 0
        || html_end(rs, rq) != 0)
        return -1;
    rs->status = status;
    return 0;
}
