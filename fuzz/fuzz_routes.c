/* Fuzz every route's reading of what a client sends, through the real
 * handlers over a real SQLite store: JSON and form bodies (classify,
 * msmed, eligibility, application create and actions, grievances, claims,
 * login, register, profile, apply, payments, energy, calendar links, ...),
 * query strings, and ids in paths.
 *
 * Input: one request line "ROLE METHOD PATH[?QUERY]\n" then the body.
 * ROLE is '-' (no session), 'e' entrepreneur, 'o' officer, 'p'
 * policymaker or 'a' admin (the demo accounts). The router and the access
 * table decide as the server does; the CSRF check is skipped, since it
 * runs before any body parser and would stop the fuzzer at the door (it
 * has its own target: fuzz_web_input reads the csrf field).
 *
 * Oracle: a handler never fails (which the server answers 500), and it
 * answers one of the statuses its route declares in the OpenAPI document.
 *
 * The fixture is made once per process: a store in $TMPDIR with a small
 * generated population (ingested through the real feeds), the demo
 * accounts and portal, and a session per role. State accumulates between
 * inputs as it would on a server. */
#include <ftw.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analytics/emission.h"
#include "analytics/insight_tables.h"
#include "calendar/bank_rate.h"
#include "calendar/obligation.h"
#include "core/alloc.h"
#include "core/date.h"
#include "gen/gen.h"
#include "ingest/ingest.h"
#include "store/store_auth.h"
#include "web/authz.h"
#include "web/demo_accounts.h"
#include "web/demo_portal.h"
#include "web/form.h"
#include "web/overlap_cache.h"
#include "web/password.h"
#include "web/request.h"
#include "web/routes.h"
#include "web/scenario_cache.h"
#include "fuzz_refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define ROLES "eopa"
#define QUERY_MAX 16

struct fixture {
    struct web_app app;
    struct store *store;
    struct session sessions[sizeof ROLES - 1];
    char db[256], dir[256];
    int64_t now;
    int32_t today;
};

/* The harness is the only place a static is acceptable (fuzz_refdata.h). */
static struct fixture *fixture;

static void die(const char *what, const struct err *e) __attribute__((noreturn));

static void die(const char *what, const struct err *e)
{
    fprintf(stderr, "fuzz_routes: %s: %s\n", what, e ? e->msg : "");
    abort();
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_fixture(void)
{
    char side[300];

    if (fixture == NULL)
        return;
    store_close(fixture->store);
    unlink(fixture->db);
    snprintf(side, sizeof side, "%s-wal", fixture->db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", fixture->db);
    unlink(side);
    nftw(fixture->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* A small population, generated and ingested as `samanvay demo` does. */
static void load_population(struct fixture *f, const struct refdata *ref)
{
    static const char *const feeds[] = {"udyam", "gst", "credit", "skilling", "cluster",
                                        "cluster_member", "cfc_usage", "beneficiary", "energy", "epfo"};
    struct gen_config g = {0};
    struct ingest_options io = {0};
    struct ingest_summary sum;
    struct store_target t = {f->db, NULL};
    char path[400];
    struct err e;
    int applied;

    g.enterprises = 60;
    g.seed = 7;
    g.as_of = f->today - 1;
    g.out_dir = f->dir;
    if (gen_run(&g, ref, &e) != 0)
        die("generate", &e);
    if (store_open(&t, &f->store, &e) != 0 || store_migrate(f->store, &applied, &e) != 0)
        die("store", &e);
    io.today = f->today;
    io.quiet = true;
    for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.csv", f->dir, feeds[i]);
        io.feed = feeds[i];
        io.path = path;
        if (ingest_file(f->store, ref, &io, &sum, &e) != 0)
            die(feeds[i], &e);
    }
    if (web_demo_accounts_create(f->store, &e) != 0
        || web_demo_portal_create(f->store, ref, f->today, &e) != 0)
        die("demo accounts", &e);
}

/* What the server loads before it listens (server.c, load_schemes). */
static void load_app(struct web_app *app, const struct refdata *ref)
{
    struct catalog *cat = NULL;
    struct search_index *search = NULL;
    struct survivorship *surv = NULL;
    struct obligation_set *obl = NULL;
    struct bank_rates *rates = NULL;
    struct insight_tables *tables = mem_calloc(1, sizeof *tables);
    struct emission_factors *factors = mem_calloc(1, sizeof *factors);
    struct i18n *i18n = NULL;
    struct err e;

    if (tables == NULL || factors == NULL)
        die("out of memory", NULL);
    if (i18n_new(LOCALEDIR, &i18n, &e) != 0 || catalog_load(NULL, &cat, &e) != 0
        || search_index_new(cat, 1, &search, &e) != 0 || survivorship_load(&surv, &e) != 0
        || obligation_set_load(&obl, &e) != 0 || bank_rates_load(&rates, &e) != 0
        || insight_tables_load(tables, &e) != 0 || emission_factors_load(factors, &e) != 0
        || password_dummy_hash(app->dummy_hash, &e) != 0
        || answer_cache_new(64, &app->answers, &e) != 0
        || cluster_map_cache_new(&app->cluster_maps, &e) != 0
        || scenario_cache_new(cat, &app->scenarios, &e) != 0
        || overlap_cache_new(&app->overlaps, &e) != 0)
        die("application", &e);
    app->ref = ref;
    app->i18n = i18n;
    app->catalog = cat;
    app->search = search;
    app->survivorship = surv;
    app->obligations = obl;
    app->bank_rates = rates;
    app->insight_tables = tables;
    app->emission_factors = factors;
    app->routes = web_routes(&app->n_routes);
    snprintf(app->public_url, sizeof app->public_url, "http://127.0.0.1:8080");
}

static void start_sessions(struct fixture *f)
{
    static const char *const users[] = {"udyami", "officer", "policy", "admin"};
    char hash[AUTH_HASH_MAX];
    struct auth_user u;
    struct err e;
    bool found;

    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        if (store_user_find(f->store, users[i], &u, hash, &found, &e) != 0 || !found
            || session_start(f->store, u.id, f->now, &f->sessions[i], &e) != 0)
            die(users[i], &e);
}

static struct fixture *fixture_get(void)
{
    const char *tmp = getenv("TMPDIR");
    struct fixture *f;

    if (fixture != NULL)
        return fixture;
    if ((f = mem_calloc(1, sizeof *f)) == NULL)
        die("out of memory", NULL);
    f->now = (int64_t)time(NULL);
    f->today = date_today_ist();
    snprintf(f->db, sizeof f->db, "%s/fuzz_routes-%d.db", tmp ? tmp : "/tmp", (int)getpid());
    snprintf(f->dir, sizeof f->dir, "%s/fuzz_routes-%d.feeds", tmp ? tmp : "/tmp", (int)getpid());
    load_app(&f->app, fuzz_refdata());
    load_population(f, fuzz_refdata());
    start_sessions(f);
    fixture = f;
    atexit(remove_fixture);
    return f;
}

/* The query string, decoded once into name/value pairs; like
 * libmicrohttpd, the first of a repeated name counts, and a pair that does
 * not decode is dropped. */
struct query {
    char text[2048];
    const char *names[QUERY_MAX], *values[QUERY_MAX];
    int n;
};

static void query_split(struct query *q, const char *s, size_t n)
{
    char *w = q->text, *end = q->text + sizeof q->text;
    size_t i = 0;

    q->n = 0;
    while (i < n && q->n < QUERY_MAX) {
        size_t j = i, eq;
        while (j < n && s[j] != '&')
            j++;
        for (eq = i; eq < j && s[eq] != '='; eq++)
            ;
        char *name = w;
        if (form_decode(s + i, eq - i, name, (size_t)(end - w)) == 0) {
            char *value = name + strlen(name) + 1;
            size_t vlen = eq < j ? j - eq - 1 : 0;
            if (value < end && form_decode(s + eq + 1, vlen, value, (size_t)(end - value)) == 0) {
                q->names[q->n] = name;
                q->values[q->n++] = value;
                w = value + strlen(value) + 1;
            }
        }
        i = j + 1;
    }
}

static const char *query_lookup(void *ctx, const char *name)
{
    const struct query *q = ctx;

    for (int i = 0; i < q->n; i++)
        if (strcmp(q->names[i], name) == 0)
            return q->values[i];
    return NULL;
}

/* Whether `status` is a word of the route's "200 400 401" list. */
static bool declared(const struct route *r, int status)
{
    char code[8];
    const char *p = r->responses;
    size_t n = (size_t)snprintf(code, sizeof code, "%d", status);

    while ((p = strstr(p, code)) != NULL) {
        if ((p == r->responses || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
        p += n;
    }
    return false;
}

static void run(struct fixture *f, int role, const char *method, const char *path,
                struct query *q, const char *body, size_t body_len)
{
    struct session session;
    struct router_match m;
    struct web_request rq;
    struct web_response rs;
    struct err e = {"handler failed without a message"};
    enum auth_role who;
    locale_t previous;
    int rc;

    memset(&session, 0, sizeof session);
    if (role >= 0)
        session = f->sessions[role];
    who = session.signed_in ? session.user.role : AUTH_ROLE_NONE;
    if (router_match(f->app.routes, f->app.n_routes, method, path, &m) != ROUTER_FOUND
        || router_access(m.route->access, who) != ACCESS_GRANTED)
        return;
    memset(&rq, 0, sizeof rq);
    rq.app = &f->app;
    rq.method = method;
    rq.path = path;
    rq.match = &m;
    /* The route's own media type, so the parser behind it is reached. */
    rq.content_type = m.route->request && strncmp(m.route->request, "application/json", 16) == 0
                          ? "application/json"
                          : "application/x-www-form-urlencoded";
    rq.body = body;
    rq.body_len = body_len;
    rq.lang = LANG_EN;
    rq.session = &session;
    rq.store = f->store;
    rq.now = f->now;
    rq.today = f->today;
    rq.query = query_lookup;
    rq.query_ctx = q;
    web_response_init(&rs);
    previous = i18n_begin(f->app.i18n, rq.lang);
    /* The scope check the server runs before every handler (authz.h):
     * a refusal is an answer like any other and must be declared too. */
    rc = authz_check(&rq, &rs, &e);
    if (rc == AUTHZ_PASS)
        rc = m.route->handler(&rq, &rs, &e);
    else if (rc == AUTHZ_ANSWERED)
        rc = 0;
    i18n_end(previous);
    if (rc != 0 || rs.status >= 500 || !declared(m.route, rs.status)) {
        fprintf(stderr, "fuzz_routes: %s %s answered %d (rc %d: %s); declared: %s\n", method,
                m.route->pattern, rs.status, rc, rc ? e.msg : "", m.route->responses);
        abort();
    }
    web_response_release(&rs);
}

/* libFuzzer calls this before any input, outside the per-input timeout:
 * the fixture takes seconds (tens on a loaded machine). The replayer of
 * `make check` does not call it; the first input makes the fixture then. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fixture_get();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = {"GET", "POST"};
    struct fixture *f = fixture_get();
    struct query q;
    char line[1024], *method, *path, *query, *body, *sp;
    const char *nl = memchr(data, '\n', size), *role_at;
    size_t line_len = nl ? (size_t)(nl - (const char *)data) : size;
    int role = -1;

    if (line_len < 3 || line_len >= sizeof line || memchr(data, '\0', line_len) != NULL)
        return 0;
    memcpy(line, data, line_len);
    line[line_len] = '\0';
    if ((role_at = strchr(ROLES, line[0])) != NULL && line[0] != '\0')
        role = (int)(role_at - ROLES);
    else if (line[0] != '-')
        return 0;
    if (line[1] != ' ' || (sp = strchr(line + 2, ' ')) == NULL)
        return 0;
    *sp = '\0';
    method = line + 2;
    path = sp + 1;
    for (size_t i = 0; i < 2; i++)
        if (strcmp(method, methods[i]) == 0)
            method = (char *)methods[i];
    if (method != methods[0] && method != methods[1])
        return 0;
    if ((query = strchr(path, '?')) != NULL)
        *query++ = '\0';
    query_split(&q, query ? query : "", query ? strlen(query) : 0);
    /* The body as the server hands it over: a NUL-terminated copy. */
    size_t body_len = nl ? size - line_len - 1 : 0;
    if ((body = malloc(body_len + 1)) == NULL)
        return 0;
    if (body_len > 0)
        memcpy(body, nl + 1, body_len);
    body[body_len] = '\0';
    run(f, role, method, path, &q, body, body_len);
    free(body);
    return 0;
}
