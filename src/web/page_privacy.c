/* page_privacy.c: GET /privacy, an enterprise's view of its data: the
 * download of all of it (page_privacy_export.c), asking the district office
 * to correct a fact (page_privacy_correction.c), and who in government
 * looked at it: every official's read or action on its record, with the
 * reason they gave, from the hash-chained audit log (store_audit.c). The
 * entrepreneur's own use of the portal is not shown there (its downloads
 * are logged, as its own), so everything in that table is someone else.
 * docs/security.md, docs/privacy.md. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "store/store_audit.h"
#include "web/html.h"
#include "web/portal.h"
#include "web/privacy_correction.h"
#include "web/routes.h"

#define PRIVACY_ROWS 100

/* "2026-12-06T10:00:00Z" as "06 Dec 2026, 15:30 IST"; as stored when it
 * does not parse. */
static void format_ist(const char *utc, char *out, size_t cap)
{
    struct tm tm = {0};
    time_t t;

    if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6) {
        snprintf(out, cap, "%s", utc);
        return;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    t = timegm(&tm) + 5 * 3600 + 30 * 60;
    gmtime_r(&t, &tm);
    if (strftime(out, cap, "%d-%m-%Y %H:%M IST", &tm) == 0)
        snprintf(out, cap, "%s", utc);
}

/* What the official did, in words, from the action's family. */
static const char *action_words(const char *action)
{
    static const struct {
        const char *prefix;
        const char *words;
    } families[] = {
        {"enterprise.golden.correct", N_("Corrected a fact of your record")},
        {"enterprise.correction.reject", N_("Rejected a correction you asked for")},
        {"enterprise.correction.", N_("Looked at a correction you asked for")},
        {"enterprise.", N_("Looked at your enterprise's record")},
        {"application.read", N_("Looked at an application")},
        {"application.", N_("Acted on an application")},
        {"bundle.", N_("Looked at an application")},
        {"grievance.read", N_("Looked at a grievance")},
        {"grievance.", N_("Acted on a grievance")},
        {"calendar.", N_("Looked at your compliance calendar")},
        {"consent.", N_("Changed a consent to the use of your data")},
    };

    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
        if (strncmp(action, families[i].prefix, strlen(families[i].prefix)) == 0)
            return _(families[i].words);
    return _("Looked at your data");
}

static int put_row(struct buf *b, const struct audit_access *r)
{
    char when[40];

    format_ist(r->at, when, sizeof when);
    return buf_printf(b, "<tr><td>%s</td><td>", when) || buf_put_html(b, r->username)
           || buf_puts(b, " (") || buf_put_html(b, r->role) || buf_puts(b, ")</td><td>")
           || buf_put_html(b, action_words(r->action)) || buf_puts(b, "</td><td>")
           || buf_put_html(b, r->reason) || buf_puts(b, "</td></tr>\n");
}

static int put_access_log(struct buf *b, const struct audit_access *rows, size_t n, int64_t total)
{
    if (buf_printf(b, "<h2 id=\"who\">%s</h2>\n<p>%s</p>\n", _("Who looked at your data"),
                   _("Every time an official opens your enterprise's record or acts on it, the portal "
                     "writes down who, when and why, in a log that cannot be changed without it "
                     "showing.")))
        return -1;
    if (n == 0)
        return buf_printf(b, "<p>%s</p>\n", _("No official has looked at your enterprise's data yet."));
    if (total > (int64_t)n
        && buf_printf(b, "<p>%s %zu / %" PRId64 "</p>\n", _("The newest are shown:"), n, total))
        return -1;
    if (buf_printf(b, "<table>\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "</tr></thead>\n<tbody>\n",
                   _("Officials' access to your data, newest first"), _("When"), _("Who"), _("What"),
                   _("Reason given")))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_row(b, &rows[i]) != 0)
            return -1;
    return buf_puts(b, "</tbody>\n</table>\n");
}

/* The download, and the notice after a correction request was sent. */
static int put_download(struct buf *b, bool asked)
{
    if (asked && buf_printf(b, "<p class=\"notice\" role=\"status\">%s</p>\n",
                            _("Your request was sent to the district office. Its answer will "
                              "show below.")))
        return -1;
    return buf_printf(b, "<h2 id=\"download\">%s</h2>\n<p>%s</p>\n<p><a href=\"/privacy/export.json\" "
                         "download>%s</a></p>\n",
                      _("Download your data"),
                      _("One file with everything the portal holds about your enterprise: each "
                        "fact with every source's value and where it came from, the records "
                        "received from other departments, your applications, grievances and "
                        "payment claims, and who in government looked at them. The file is in "
                        "JSON, a format any computer can read."),
                      _("Download all my data (JSON)"));
}

int page_privacy(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct profile_view v;
    struct audit_access *rows = NULL;
    struct buf *b = &rs->body;
    size_t n = 0;
    int64_t total = 0;
    int rc = portal_own_enterprise(rq, rs, &v, e);

    if (rc != PORTAL_LOADED)
        return rc == PORTAL_ANSWERED ? 0 : -1;
    rc = store_audit_for_enterprise(rq->store, v.ent.id, PRIVACY_ROWS, &rows, &n, &total, e);
    if (rc != 0) {
        profile_view_free(&v);
        return -1;
    }
    e->msg[0] = '\0';
    rc = html_begin(rs, rq, _("Your data")) || buf_printf(b, "<h1>%s</h1>\n", _("Your data"))
         || put_download(b, web_query(rq, "asked") != NULL)
         || privacy_put_corrections(b, rq, &v, privacy_correction_field(web_query(rq, "field")),
                                    NULL, e)
         || put_access_log(b, rows, n, total)
         || buf_printf(b, "<p><a href=\"/consents\">%s</a></p>\n",
                       _("Consent to use your data"))
         || html_end(rs, rq);
    mem_free(rows);
    profile_view_free(&v);
    return rc ? (e->msg[0] ? -1 : err_set(e, "out of memory")) : 0;
}
