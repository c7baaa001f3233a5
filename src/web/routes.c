/* routes.c: every route Samanvay answers, with who may call it.
 *
 * The access column is checked by the router before the handler runs
 * and before any id in the path is parsed (DESIGN.md §5, Web). The last
 * four columns describe the route in /api/v1/openapi.json. */
#include "web/routes.h"

#define JSON "application/json"
#define HTML "text/html"

static const char classify_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"investment\",\"turnover\"],"
    "\"additionalProperties\":false,\"properties\":{"
    "\"investment\":{\"type\":\"number\",\"minimum\":0,\"description\":\"rupees, at most 2 decimals\"},"
    "\"turnover\":{\"type\":\"number\",\"minimum\":0,\"description\":\"rupees, including exports\"},"
    "\"exports\":{\"type\":\"number\",\"minimum\":0,\"description\":\"rupees; default 0\"},"
    "\"on\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"default today (IST)\"},"
    "\"activity\":{\"type\":\"string\",\"enum\":[\"manufacturing\",\"services\",\"trading\"],"
    "\"description\":\"needed before 2020-07-01\"}}}";

static const char login_body[] =
    "application/x-www-form-urlencoded {\"type\":\"object\","
    "\"required\":[\"username\",\"password\",\"csrf\"],\"properties\":{"
    "\"username\":{\"type\":\"string\"},\"password\":{\"type\":\"string\",\"format\":\"password\"},"
    "\"csrf\":{\"type\":\"string\",\"description\":\"token from the GET /login form\"}}}";

static const char csrf_body[] =
    "application/x-www-form-urlencoded {\"type\":\"object\",\"required\":[\"csrf\"],"
    "\"properties\":{\"csrf\":{\"type\":\"string\"}}}";

static const char profile_body[] =
    JSON " {\"type\":\"object\",\"description\":\"The enterprise profile of DESIGN.md section 5 "
    "(as_of, enterprise, owner, need, history); a missing key is unknown, null is known to be "
    "absent. Bad fields are all listed in the 422 answer's error.fields\"}";

#define Q_REASON "reason why an officer or admin reads it, for the audit log (printable, at most 200 bytes)"
#define Q_LANG "lang en (default) or hi: the language of names and reasons"
#define Q_ON "on evaluation date YYYY-MM-DD (default: the profile's as_of, else today in IST)"

static const struct route routes[] = {
    {"GET", "/", ACCESS_PUBLIC, page_home,
     "Home page: what Samanvay is for entrepreneurs, officers and policymakers", HTML, NULL,
     "200", NULL},
    {"GET", "/login", ACCESS_PUBLIC, page_login_form,
     "Sign-in form (starts an anonymous session that carries its CSRF token)", HTML, NULL, "200",
     NULL},
    {"POST", "/login", ACCESS_PUBLIC, page_login_submit,
     "Sign in: on success a new session cookie and 303 to /; on failure the form again", HTML,
     login_body, "303 401 403", NULL},
    {"POST", "/logout", ACCESS_PUBLIC, page_logout, "Sign out and end the session", NULL, csrf_body,
     "303 403", NULL},
    {"GET", "/account", ACCESS_SIGNED_IN, page_account, "The signed-in account: role and scope",
     HTML, NULL, "200 401", NULL},
    {"GET", "/static/site.css", ACCESS_PUBLIC, static_css, "The site's style sheet", "text/css",
     NULL, "200 304", NULL},
    {"GET", "/healthz", ACCESS_PUBLIC, api_health, "Liveness and database reachability", JSON,
     NULL, "200 503", NULL},
    {"GET", "/api/v1/openapi.json", ACCESS_PUBLIC, api_openapi, "This OpenAPI document", JSON,
     NULL, "200", NULL},
    {"GET", "/api/v1/session", ACCESS_SIGNED_IN, api_session,
     "The caller's account and the CSRF token for its POST requests", JSON, NULL, "200 401", NULL},
    {"GET", "/api/v1/enterprises/{id}", ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN,
     api_enterprise_get,
     "One enterprise's profile (DESIGN.md §5 shape) with id and sources; {id} is the store id "
     "or the Udyam number. Officers and admins see their scope and every read is audited; an "
     "entrepreneur sees only their own enterprise",
     JSON, NULL, "200 400 401 403 404", Q_REASON},
    {"GET", "/api/v1/enterprises/{id}/eligibility",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, api_enterprise_eligibility,
     "Every scheme for one stored enterprise, as samanvay eligible --json; the same scope and "
     "audit as GET /api/v1/enterprises/{id}",
     JSON, NULL, "200 400 401 403 404", Q_REASON "\n" Q_LANG "\n" Q_ON},
    {"POST", "/api/v1/classify", ACCESS_SIGNED_IN, api_classify,
     "Classify an enterprise as micro, small, medium or large (as samanvay classify --json)", JSON,
     classify_body, "200 400 401 403 415", NULL},
    {"POST", "/api/v1/eligibility", ACCESS_SIGNED_IN, api_eligibility_post,
     "Every scheme of the catalogue for a profile: eligible, ineligible or unknown, why, what is "
     "missing and the benefit, best first (as samanvay eligible --json)",
     JSON, profile_body, "200 400 401 403 415 422", Q_LANG "\n" Q_ON},
    /* Before /api/v1/schemes/{id}: the first matching route wins. */
    {"GET", "/api/v1/schemes/search", ACCESS_PUBLIC, api_schemes_search,
     "Search the schemes in Hindi or English: ranked matches with a snippet; synonyms (loan, "
     "karz, ऋण), the last word as a prefix, and similar spellings when nothing matches",
     JSON, NULL, "200 400",
     "q! the words to search for (1 to 200 bytes, at most 12 words)\n"
     "limit results to return, 1 to 50 (default 20)"},
    {"GET", "/api/v1/schemes", ACCESS_PUBLIC, api_schemes_list,
     "The scheme catalogue (as samanvay schemes list --json)", JSON, NULL, "200", NULL},
    {"GET", "/api/v1/schemes/{id}", ACCESS_PUBLIC, api_scheme_get,
     "One scheme in full: criteria with their texts and sources, benefit, declarations, "
     "documents and application fields with their names",
     JSON, NULL, "200 404", NULL},
};

const struct route *web_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
