#include "web/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "analytics/emission.h"
#include "analytics/insight_tables.h"
#include "calendar/bank_rate.h"
#include "calendar/obligation.h"
#include "core/alloc.h"
#include "core/date.h"
#include "web/authz.h"
#include "web/conn_deadline.h"
#include "store/store_consent.h"
#include "web/cookie.h"
#include "web/form.h"
#include "web/html.h"
#include "web/log.h"
#include "web/password.h"
#include "web/pool.h"
#include "web/request.h"
#include "web/routes.h"
#include "web/scenario_cache.h"
#include "web/overlap_cache.h"

/* Auth tables arrive with migration 2 (0002_auth.sql); sign-in lockouts
 * with 23 (0023_login_attempts.sql). */
#define SCHEMA_NEEDED 27
#define LANG_COOKIE "lang"
#define LANG_COOKIE_SECONDS (365 * 24 * 60 * 60)

/* Encoded answers kept (answer_cache.h): at most 1024 × 256 KB, about
 * 60 MB with today's 60 KB eligibility answers. */
#define ANSWER_CACHE_SLOTS 1024

static const char csp[] =
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

struct web_server {
    struct web_config cfg;
    struct MHD_Daemon *daemon;
    struct web_pool *pool;
    struct i18n *i18n;
    struct catalog *catalog;
    struct search_index *search;
    struct survivorship *survivorship;
    struct obligation_set *obligations;
    struct bank_rates *bank_rates;
    struct insight_tables *insight_tables;
    struct emission_factors *emission_factors;
    struct web_app app;
    struct conn_deadline *deadline;
    uint16_t port;
};

/* Everything one request owns, freed in on_completed. */
struct conn_state {
    struct timespec started;
    struct buf body;
    bool too_large;
    bool responded;
    int status;
    char method[16];
    char path[256];
    char user[AUTH_USERNAME_MAX];
    enum lang lang;
};

void web_config_defaults(struct web_config *c)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    memset(c, 0, sizeof *c);
    c->addr = "127.0.0.1";
    c->port = 8080;
    c->threads = cores > 2 ? (unsigned)(cores < 64 ? cores : 64) : 2;
    c->localedir = LOCALEDIR;
    c->body_limit = 64 * 1024;
    c->connection_limit = 1000;
    c->per_ip_limit = 64;
    c->timeout_seconds = 30;
    c->request_seconds = 30;
    c->connection_memory = 64 * 1024;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) * 1e3 + (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

/* --- turning a web_response into libmicrohttpd's ------------------------ */

static bool is_html(const struct web_response *rs)
{
    return rs->content_type != NULL && strncmp(rs->content_type, "text/html", 9) == 0;
}

/* The body as libmicrohttpd's: the buffer, or a spooled file (sent with
 * sendfile; libmicrohttpd closes it with the response). */
static struct MHD_Response *response_body(struct web_response *rs)
{
    struct MHD_Response *r;
    size_t len = rs->body.len;
    char *data;

    if (rs->has_body_file) {
        r = MHD_create_response_from_fd64(rs->body_file_len, rs->body_file);
        if (r != NULL)
            rs->has_body_file = false; /* its fd is libmicrohttpd's now */
        return r;
    }
    if ((data = buf_detach(&rs->body)) == NULL)
        return NULL;
    r = MHD_create_response_from_buffer_with_free_callback(len, data, mem_free);
    if (r == NULL)
        mem_free(data);
    return r;
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct conn_state *cs,
                                     struct web_response *rs)
{
    struct MHD_Response *r = response_body(rs);
    enum MHD_Result ok;

    if (r == NULL)
        return MHD_NO;
    if (rs->content_type != NULL)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs->content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            rs->cache_control ? rs->cache_control : "no-store");
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    if (is_html(rs)) {
        MHD_add_response_header(r, "Content-Language", i18n_code(cs->lang));
        MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Cookie, Accept-Language");
    }
    for (int i = 0; i < rs->n_headers; i++)
        MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
    cs->status = rs->status;
    cs->responded = true;
    ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

/* --- errors the router and the checks answer ---------------------------- */

static bool wants_json(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/healthz") == 0;
}

struct error_text {
    int status;
    const char *code;
    const char *title;            /* N_() marked: translated when shown */
    const char *message;
};

static const struct error_text error_texts[] = {
    {401, "unauthenticated", N_("Please sign in"),
     N_("You need to sign in to see this page.")},
    {403, "forbidden", N_("Not allowed"),
     N_("Your account is not allowed to do this, or the form has expired. Go back, reload the "
        "page and try again.")},
    {404, "not_found", N_("Page not found"),
     N_("There is no page at this address. Check the address, or start from the home page.")},
    {405, "method_not_allowed", N_("Not allowed here"),
     N_("This address does not accept that kind of request.")},
    {413, "payload_too_large", N_("Too much data"),
     N_("The data sent was larger than this service accepts.")},
    {415, "unsupported_media_type", N_("Wrong kind of data"),
     N_("The data sent was not in a format this address accepts.")},
    {503, "unavailable", N_("Cannot save right now"),
     N_("The service cannot save data at the moment: its storage is full or read-only. Nothing "
        "was changed. Please try again later.")},
    /* Last: error_text's answer for any status not listed. */
    {500, "internal", N_("Something went wrong"),
     N_("Something went wrong on our side. Please try again in a few minutes.")},
};

static const struct error_text *error_text(int status)
{
    for (size_t i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++)
        if (error_texts[i].status == status)
            return &error_texts[i];
    return &error_texts[sizeof error_texts / sizeof error_texts[0] - 1];
}

/* An error in the caller's format: JSON for the API, a page otherwise. */
static int answer_error(const struct web_request *rq, struct web_response *rs, int status,
                        const char *detail)
{
    const struct error_text *t = error_text(status);

    if (wants_json(rq->path))
        return web_response_error(rs, status, t->code, "%s", detail ? detail : t->message);
    return html_error_page(rs, rq, status, _(t->title), _(t->message), status == 401);
}

/* --- the request pipeline ----------------------------------------------- */

static const char *query_lookup(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static bool is_form(const char *content_type)
{
    return strncmp(content_type, "application/x-www-form-urlencoded", 33) == 0;
}

/* Every POST must carry the session's CSRF token, in the form field or in
 * the X-CSRF-Token header. No session means no token can match. */
static bool csrf_passes(struct MHD_Connection *c, const struct web_request *rq)
{
    char field[AUTH_HEX_TOKEN + 1];
    const char *token = header(c, "X-CSRF-Token");

    if (token == NULL && is_form(rq->content_type)
        && form_get(rq->body, rq->body_len, "csrf", field, sizeof field) == 0)
        token = field;
    return session_csrf_ok(rq->session, token);
}

static bool stateless(const struct route *r)
{
    return (r->access & ACCESS_STATELESS) && (r->access & ACCESS_PUBLIC);
}

static int add_lang_cookie(struct web_response *rs, const struct web_request *rq)
{
    struct cookie_attrs a = {LANG_COOKIE_SECONDS, true, rq->app->secure_cookies, "Lax"};
    char line[128];

    if (cookie_format(line, sizeof line, LANG_COOKIE, i18n_code(rq->lang), &a) != 0)
        return -1;
    return web_response_header(rs, "Set-Cookie", "%s", line);
}

/* A path as the log keeps it. A calendar subscription URL's last segment
 * is the token itself (only its hash is stored: calendar_token.h), so it
 * never reaches a log that operators and their tools read. */
static void loggable_path(const char *url, char *out, size_t cap)
{
    static const char feed[] = "/calendar/";

    if (strncmp(url, feed, sizeof feed - 1) == 0 && strncmp(url, "/calendar/subscription", 22) != 0)
        snprintf(out, cap, "/calendar/{feed}");
    else
        snprintf(out, cap, "%s", url);
}

static void log_fault(const struct web_request *rq, const struct err *e)
{
    struct buf line = BUF_INIT;
    char path[256];

    loggable_path(rq->path, path, sizeof path);
    if (buf_puts(&line, " level=error event=handler") == 0 && log_put(&line, "path", path) == 0
        && log_put(&line, "error", e->msg) == 0)
        log_emit(&line);
    buf_release(&line);
}

/* A handler's failure: 503 when the storage failed (disk full, read-only
 * file or directory), which the operator fixes and the client can retry,
 * else 500. */
static int answer_fault(const struct web_request *rq, struct web_response *rs)
{
    if (!store_storage_fault(rq->store))
        return answer_error(rq, rs, 500, NULL);
    if (answer_error(rq, rs, 503, NULL) != 0)
        return -1;
    return web_response_header(rs, "Retry-After", "%d", 60);
}

/* Route, check access, check CSRF, run the handler. Runs with the store
 * borrowed and the request's language in force. */
/* An entrepreneur's GET only reads (officials' reads append to the audit
 * log, and the anonymous ones start sessions), so it runs in one read
 * snapshot: the dashboard's dozen statements then take the WAL read lock
 * once, not a dozen times (docs/performance.md). The session was loaded,
 * and touched, before. */
static int run_handler(struct web_request *rq, struct web_response *rs, struct err *e)
{
    bool snapshot = strcmp(rq->method, "GET") == 0 && rq->session->signed_in
                    && rq->session->user.role == AUTH_ROLE_ENTREPRENEUR;
    int rc;

    if (snapshot && store_begin_read(rq->store, e) != 0)
        return -1;
    rc = rq->match->route->handler(rq, rs, e);
    if (snapshot) {
        if (rc == 0 && store_commit(rq->store, e) != 0)
            rc = -1;
        else if (rc != 0)
            store_rollback(rq->store);
    }
    return rc;
}

/* An officer (or an administrator) reading one enterprise serves
 * OFFICER_VIEW; a policymaker sees only aggregates, so STATISTICS; the
 * entrepreneur, and anyone not signed in, ELIGIBILITY. */
static enum consent_purpose consent_purpose_of_role(enum auth_role role)
{
    switch (role) {
    case AUTH_ROLE_OFFICER:
    case AUTH_ROLE_ADMIN: return CONSENT_OFFICER_VIEW;
    case AUTH_ROLE_POLICYMAKER: return CONSENT_STATISTICS;
    default: return CONSENT_ELIGIBILITY;
    }
}

static int dispatch(struct MHD_Connection *c, struct web_request *rq, struct web_response *rs,
                    struct router_match *m, struct conn_state *cs)
{
    char cookie[AUTH_HEX_TOKEN + 1];
    struct err e = {"handler failed without a message"};
    enum router_result found;

    found = router_match(rq->app->routes, rq->app->n_routes, rq->method, rq->path, m);
    if (found == ROUTER_NOT_FOUND)
        return answer_error(rq, rs, 404, NULL);
    if (found == ROUTER_METHOD_NOT_ALLOWED) {
        if (answer_error(rq, rs, 405, NULL) != 0)
            return -1;
        return web_response_header(rs, "Allow", "%s", m->allow);
    }
    rq->match = m;
    store_storage_fault_clear(rq->store);
    if (cookie_get(header(c, MHD_HTTP_HEADER_COOKIE), SESSION_COOKIE, cookie, sizeof cookie) == 0
        && session_load(rq->store, cookie, rq->now, rq->session, &e) != 0) {
        log_fault(rq, &e);
        return answer_fault(rq, rs);
    }
    if (rq->session->signed_in)
        snprintf(cs->user, sizeof cs->user, "%s", rq->session->user.username);
    /* Access first, before any id in the path is looked at. */
    switch (router_access(m->route->access, rq->session->signed_in ? rq->session->user.role
                                                                   : AUTH_ROLE_NONE)) {
    case ACCESS_UNAUTHENTICATED: return answer_error(rq, rs, 401, "sign in first");
    case ACCESS_FORBIDDEN: return answer_error(rq, rs, 403, "your role may not use this route");
    case ACCESS_GRANTED: break;
    }
    /* What this request's reads of one enterprise serve (docs/consent.md):
     * set on every request, so no purpose outlives the request that set
     * it on the pooled connection. */
    store_consent_use(rq->store, consent_purpose_of_role(rq->session->signed_in
                                                             ? rq->session->user.role
                                                             : AUTH_ROLE_NONE));
    /* A stateless public route (a calculator) has no session to protect. */
    if (strcmp(rq->method, "POST") == 0 && !stateless(m->route) && !csrf_passes(c, rq))
        return answer_error(rq, rs, 403, "missing or wrong CSRF token (form field csrf or "
                                         "header X-CSRF-Token)");
    /* Scope next: whose data the route may show this caller (authz.h). */
    switch (authz_check(rq, rs, &e)) {
    case AUTHZ_PASS: break;
    case AUTHZ_ANSWERED: return 0;
    default:
        log_fault(rq, &e);
        web_response_release(rs);
        web_response_init(rs);
        return answer_error(rq, rs, 500, NULL);
    }
    if (run_handler(rq, rs, &e) != 0) {
        log_fault(rq, &e);
        web_response_release(rs);
        web_response_init(rs);
        return answer_fault(rq, rs);
    }
    if (rq->session->signed_in)
        snprintf(cs->user, sizeof cs->user, "%s", rq->session->user.username);
    return 0;
}

/* The peer's address as the sign-in lockout counts it (login_limit.h): an
 * IPv4 address whole, an IPv6 address by its /64 ("2001:db8:1:2::/64"),
 * since one subscriber is given a whole /64 to pick addresses from. */
static void client_address(struct MHD_Connection *c, char *out, size_t cap)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    char text[INET6_ADDRSTRLEN];

    out[0] = '\0';
    if (sa == NULL)
        return;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)(const void *)sa;
        if (inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text) != NULL)
            snprintf(out, cap, "%s", text);
    } else if (sa->sa_family == AF_INET6) {
        struct in6_addr a = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        if (IN6_IS_ADDR_V4MAPPED(&a)) {
            if (inet_ntop(AF_INET, &a.s6_addr[12], text, sizeof text) != NULL)
                snprintf(out, cap, "%s", text);
            return;
        }
        memset(&a.s6_addr[8], 0, 8);
        if (inet_ntop(AF_INET6, &a, text, sizeof text) != NULL)
            snprintf(out, cap, "%s/64", text);
    }
}

static enum MHD_Result respond(struct web_server *srv, struct MHD_Connection *c,
                               struct conn_state *cs, const char *url, const char *method)
{
    char client[INET6_ADDRSTRLEN + 4];
    const char *lang_query = query_lookup(c, "lang");
    char lang_cookie[8];
    struct web_request rq;
    struct web_response rs;
    struct session session;
    struct router_match m;
    enum MHD_Result ok;
    enum lang from_query;
    locale_t previous;
    int rc;

    memset(&rq, 0, sizeof rq);
    memset(&session, 0, sizeof session);
    web_response_init(&rs);
    if (cookie_get(header(c, MHD_HTTP_HEADER_COOKIE), LANG_COOKIE, lang_cookie,
                   sizeof lang_cookie) != 0)
        lang_cookie[0] = '\0';
    rq.app = &srv->app;
    rq.method = method;
    rq.path = url;
    rq.content_type = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
    rq.content_type = rq.content_type ? rq.content_type : "";
    rq.if_none_match = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
    rq.body = buf_cstr(&cs->body);
    rq.body_len = cs->body.len;
    rq.lang = cs->lang = i18n_negotiate(lang_query, lang_cookie,
                                        header(c, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    rq.session = &session;
    rq.now = (int64_t)time(NULL);
    client_address(c, client, sizeof client);
    rq.client = client;
    rq.today = date_today_ist();
    rq.query = query_lookup;
    rq.query_ctx = c;
    previous = i18n_begin(srv->i18n, rq.lang);
    rq.store = web_pool_acquire(srv->pool);
    rc = dispatch(c, &rq, &rs, &m, cs);
    web_pool_release(srv->pool, rq.store);
    if (rc == 0 && i18n_parse(lang_query, &from_query) == 0)
        rc = add_lang_cookie(&rs, &rq);
    i18n_end(previous);
    sodium_memzero(&session, sizeof session);
    ok = rc == 0 ? send_response(c, cs, &rs) : MHD_NO;
    web_response_release(&rs);
    return ok;
}

/* A body larger than the limit, announced by Content-Length: answer 413
 * at once (libmicrohttpd then closes the connection, which is right for a
 * client we will not read from). */
static enum MHD_Result refuse_body(struct web_server *srv, struct MHD_Connection *c,
                                   struct conn_state *cs, const char *url)
{
    struct web_request rq;
    struct web_response rs;
    struct session none;
    enum MHD_Result ok;
    locale_t previous;

    memset(&rq, 0, sizeof rq);
    memset(&none, 0, sizeof none);
    web_response_init(&rs);
    rq.app = &srv->app;
    rq.path = url;
    rq.session = &none;
    rq.lang = cs->lang = i18n_negotiate(query_lookup(c, "lang"), NULL,
                                        header(c, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    previous = i18n_begin(srv->i18n, rq.lang);
    ok = answer_error(&rq, &rs, 413, "request body larger than the limit") == 0
             ? send_response(c, cs, &rs)
             : MHD_NO;
    i18n_end(previous);
    web_response_release(&rs);
    return ok;
}

static struct conn_state *conn_state_new(const struct web_server *srv, const char *url,
                                         const char *method)
{
    struct conn_state *cs = mem_calloc(1, sizeof *cs);

    if (cs == NULL)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &cs->started);
    cs->body.limit = srv->cfg.body_limit;
    snprintf(cs->method, sizeof cs->method, "%s", method);
    loggable_path(url, cs->path, sizeof cs->path);
    return cs;
}

static bool declared_too_large(const struct web_server *srv, struct MHD_Connection *c)
{
    const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
    char *end;
    unsigned long long n;

    if (cl == NULL)
        return false;
    n = strtoull(cl, &end, 10);
    return *end != '\0' || n > srv->cfg.body_limit;
}

/* libmicrohttpd calls this several times per request: first with the
 * headers (we only set up state: queueing a response this early makes it
 * close the connection, losing keep-alive), then once per piece of body,
 * then with *upload_data_size == 0 when the request is complete. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct web_server *srv = cls;
    struct conn_state *cs = *con_cls;

    (void)version;
    if (cs == NULL) {
        cs = conn_state_new(srv, url, method);
        if (cs == NULL)
            return MHD_NO;
        *con_cls = cs;
        if (declared_too_large(srv, c)) {
            cs->too_large = true;
            conn_deadline_answered(srv->deadline, c);
            return refuse_body(srv, c, cs, url);
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (!cs->too_large && buf_append(&cs->body, upload_data, *upload_data_size) != 0)
            cs->too_large = true;
        *upload_data_size = 0;
        /* A chunked body that outgrows the limit: drop the connection. */
        return cs->too_large ? MHD_NO : MHD_YES;
    }
    /* The client has sent it all: what remains is our time, not theirs. */
    conn_deadline_answered(srv->deadline, c);
    if (cs->responded)
        return MHD_YES;
    return respond(srv, c, cs, url, method);
}

static const char *termination_name(enum MHD_RequestTerminationCode toe)
{
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK: return "ok";
    case MHD_REQUEST_TERMINATED_WITH_ERROR: return "error";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return "timeout";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return "shutdown";
    case MHD_REQUEST_TERMINATED_READ_ERROR: return "read_error";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return "client_abort";
    }
    return "unknown";
}

/* One log line per request, then free its state. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct web_server *srv = cls;
    struct conn_state *cs = *con_cls;
    struct buf line = BUF_INIT;
    char ms[32];

    /* A kept-alive connection has the deadline again for its next request. */
    conn_deadline_restart(srv->deadline, c);
    if (cs == NULL)
        return;
    snprintf(ms, sizeof ms, "%.1f", ms_since(&cs->started));
    if (buf_puts(&line, " event=request") == 0 && log_put(&line, "method", cs->method) == 0
        && log_put(&line, "path", cs->path) == 0
        && buf_printf(&line, " status=%d ms=%s", cs->status, ms) == 0
        && log_put(&line, "lang", i18n_code(cs->lang)) == 0
        && log_put(&line, "user", cs->user[0] ? cs->user : "-") == 0
        && (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK
            || log_put(&line, "end", termination_name(toe)) == 0))
        log_emit(&line);
    buf_release(&line);
    buf_release(&cs->body);
    mem_free(cs);
    *con_cls = NULL;
}

/* libmicrohttpd passes its own format strings here. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    struct buf line = BUF_INIT;
    size_t n;

    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    if (buf_puts(&line, " level=error component=libmicrohttpd") == 0 && log_put(&line, "msg", msg) == 0)
        log_emit(&line);
    buf_release(&line);
}

/* --- start and stop ------------------------------------------------------ */

static int check_schema(struct web_pool *pool, struct err *e)
{
    struct store *s = web_pool_acquire(pool);
    int version = 0, rc = store_schema_version(s, &version, e);

    web_pool_release(pool, s);
    if (rc != 0)
        return -1;
    if (version < SCHEMA_NEEDED)
        return err_set(e, "the database has schema version %d, this server needs %d or later "
                          "(run samanvay init first)", version, SCHEMA_NEEDED);
    return 0;
}

/* The catalogue and its search index, once, before the port opens: a
 * broken scheme file stops the start rather than serving a partial
 * catalogue (a catalogue never loads half, catalog.h). */
static int load_schemes(struct web_server *srv, struct err *e)
{
    if (catalog_load(srv->cfg.schemes_dir, &srv->catalog, e) != 0)
        return err_prefix(e, "scheme catalogue: ");
    if (search_index_new(srv->catalog, srv->cfg.threads, &srv->search, e) != 0)
        return -1;
    srv->app.catalog = srv->catalog;
    srv->app.search = srv->search;
    if (survivorship_load(&srv->survivorship, e) != 0)
        return -1;
    srv->app.survivorship = srv->survivorship;
    if (obligation_set_load(&srv->obligations, e) != 0)
        return err_prefix(e, "obligations: ");
    srv->app.obligations = srv->obligations;
    if (bank_rates_load(&srv->bank_rates, e) != 0)
        return err_prefix(e, "bank rates: ");
    srv->app.bank_rates = srv->bank_rates;
    srv->insight_tables = mem_calloc(1, sizeof *srv->insight_tables);
    srv->emission_factors = mem_calloc(1, sizeof *srv->emission_factors);
    if (srv->insight_tables == NULL || srv->emission_factors == NULL)
        return err_set(e, "out of memory");
    if (insight_tables_load(srv->insight_tables, e) != 0
        || emission_factors_load(srv->emission_factors, e) != 0)
        return err_prefix(e, "insight tables: ");
    srv->app.insight_tables = srv->insight_tables;
    srv->app.emission_factors = srv->emission_factors;
    return 0;
}

/* The address calendar events link back to: --public-url, else where we
 * listen (an IPv6 literal in brackets), which suits a local run only. */
static int set_public_url(struct web_server *srv, struct err *e)
{
    char *url = srv->app.public_url;
    size_t n = sizeof srv->app.public_url;
    const char *scheme = srv->cfg.tls_cert_pem ? "https" : "http";
    int len;

    if (srv->cfg.public_url != NULL)
        len = snprintf(url, n, "%s", srv->cfg.public_url);
    else if (strchr(srv->cfg.addr, ':') != NULL)
        len = snprintf(url, n, "%s://[%s]:%u", scheme, srv->cfg.addr, (unsigned)srv->port);
    else
        len = snprintf(url, n, "%s://%s:%u", scheme, srv->cfg.addr, (unsigned)srv->port);
    if (len < 0 || (size_t)len >= n)
        return err_set(e, "--public-url is longer than %zu bytes", n - 1);
    while (len > 0 && url[len - 1] == '/')
        url[--len] = '\0';
    return 0;
}

static int start_daemon(struct web_server *srv, struct err *e)
{
    const struct web_config *cfg = &srv->cfg;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    struct sockaddr_storage ss;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    const union MHD_DaemonInfo *info;

    memset(&ss, 0, sizeof ss);
    if (inet_pton(AF_INET, cfg->addr, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(cfg->port);
    } else if (inet_pton(AF_INET6, cfg->addr, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(cfg->port);
        flags |= MHD_USE_IPv6;
    } else {
        return err_set(e, "--addr '%s' is not an IPv4 or IPv6 address", cfg->addr);
    }
    /* TLS options go in an array so that plain HTTP passes none. */
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)(uintptr_t)cfg->tls_key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)(uintptr_t)cfg->tls_cert_pem},
        {MHD_OPTION_END, 0, NULL}};

    if ((cfg->tls_cert_pem == NULL) != (cfg->tls_key_pem == NULL))
        return err_set(e, "TLS needs both a certificate and its key");
    if (cfg->tls_cert_pem != NULL) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
            return err_set(e, "this libmicrohttpd was built without TLS");
        flags |= MHD_USE_TLS;
    } else {
        tls[0].option = MHD_OPTION_END;
    }
    srv->daemon = MHD_start_daemon(
        flags, cfg->port, NULL, NULL, on_request, srv,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv, /* first, or early messages miss it */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, cfg->connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_seconds,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->connection_memory,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_NOTIFY_CONNECTION, conn_deadline_notify, srv->deadline,
        MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
    if (srv->daemon == NULL)
        return err_set(e, "cannot listen on %s port %u (in use, not allowed%s)", cfg->addr,
                       (unsigned)cfg->port,
                       cfg->tls_cert_pem ? ", or the TLS certificate and key do not load" : "");
    info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : cfg->port;
    return set_public_url(srv, e);
}

int web_server_new(const struct web_config *cfg, const struct refdata *ref,
                   struct web_server **out, struct err *e)
{
    struct web_server *srv;

    if (sodium_init() < 0)
        return err_set(e, "libsodium cannot start");
    srv = mem_calloc(1, sizeof *srv);
    if (srv == NULL)
        return err_set(e, "out of memory");
    srv->cfg = *cfg;
    srv->app.ref = ref;
    srv->app.routes = web_routes(&srv->app.n_routes);
    /* A route declared wrongly (no access, no scope) never serves. */
    if (router_table_check(srv->app.routes, srv->app.n_routes, e->msg, sizeof e->msg) != 0) {
        mem_free(srv);
        return -1;
    }
    /* Served over TLS, cookies must never travel over plain HTTP. */
    srv->app.secure_cookies = cfg->secure_cookies || cfg->tls_cert_pem != NULL;
    if (i18n_new(cfg->localedir, &srv->i18n, e) != 0)
        goto fail;
    srv->app.i18n = srv->i18n;
    if (password_dummy_hash(srv->app.dummy_hash, e) != 0 || load_schemes(srv, e) != 0
        || answer_cache_new(ANSWER_CACHE_SLOTS, &srv->app.answers, e) != 0
        || cluster_map_cache_new(&srv->app.cluster_maps, e) != 0
        || scenario_cache_new(srv->catalog, &srv->app.scenarios, e) != 0
        || overlap_cache_new(&srv->app.overlaps, e) != 0)
        goto fail;
    if (web_pool_new(&cfg->target, cfg->threads, &srv->pool, e) != 0
        || check_schema(srv->pool, e) != 0
        || conn_deadline_new(cfg->request_seconds, &srv->deadline, e) != 0
        || start_daemon(srv, e) != 0)
        goto fail;
    *out = srv;
    return 0;
fail:
    web_server_free(srv);
    return -1;
}

uint16_t web_server_port(const struct web_server *s)
{
    return s->port;
}

bool web_server_has_hindi(const struct web_server *s)
{
    return i18n_has(s->i18n, LANG_HI);
}

void web_server_free(struct web_server *s)
{
    if (s == NULL)
        return;
    if (s->daemon != NULL)
        MHD_stop_daemon(s->daemon);
    conn_deadline_free(s->deadline);
    web_pool_free(s->pool);
    answer_cache_free(s->app.answers);
    cluster_map_cache_free(s->app.cluster_maps);
    scenario_cache_free(s->app.scenarios);
    overlap_cache_free(s->app.overlaps);
    search_index_free(s->search);
    catalog_free(s->catalog);
    survivorship_free(s->survivorship);
    obligation_set_free(s->obligations);
    bank_rates_free(s->bank_rates);
    mem_free(s->insight_tables);
    mem_free(s->emission_factors);
    i18n_free(s->i18n);
    sodium_memzero(s->app.dummy_hash, sizeof s->app.dummy_hash);
    mem_free(s);
}
