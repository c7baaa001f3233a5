/* The router: pattern matching, parameters, 404/405 with Allow, and the
 * access table (who may call what), on a test table and on the real one,
 * and router_table_check: the real table passes, and each way of
 * declaring a route wrongly (no scope above all) is caught. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "web/router.h"
#include "web/routes.h"

static int h_dummy(struct web_request *rq, struct web_response *rs, struct err *e)
{
    (void)rq;
    (void)rs;
    (void)e;
    return 0;
}

static const struct route table[] = {
    {"GET", "/", ACCESS_PUBLIC, SCOPE_NONE, h_dummy, "", NULL, NULL, "200", NULL},
    {"GET", "/login", ACCESS_PUBLIC, SCOPE_NONE, h_dummy, "", NULL, NULL, "200", NULL},
    {"POST", "/login", ACCESS_PUBLIC, SCOPE_NONE, h_dummy, "", NULL, NULL, "200", NULL},
    {"GET", "/api/v1/enterprises/{id}", ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, h_dummy, "", NULL, NULL, "", NULL},
    {"GET", "/api/v1/clusters/{cluster}/members/{id}", ACCESS_ENTREPRENEUR | ACCESS_OFFICER, SCOPE_APPLICATION, h_dummy, "", NULL, NULL, "", NULL},
    {"GET", "/nobody", 0, SCOPE_UNDECLARED, h_dummy, "", NULL, NULL, "", NULL},
};
#define N (sizeof table / sizeof table[0])

static void test_literal_paths(void **state)
{
    struct router_match m;

    (void)state;
    assert_int_equal(router_match(table, N, "GET", "/", &m), ROUTER_FOUND);
    assert_ptr_equal(m.route, &table[0]);
    assert_int_equal(router_match(table, N, "GET", "/login", &m), ROUTER_FOUND);
    assert_ptr_equal(m.route, &table[1]);
    assert_int_equal(router_match(table, N, "POST", "/login", &m), ROUTER_FOUND);
    assert_ptr_equal(m.route, &table[2]);
    assert_int_equal(m.n_params, 0);
}

static void test_not_found(void **state)
{
    struct router_match m;

    (void)state;
    assert_int_equal(router_match(table, N, "GET", "/login/", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "/logi", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "/loginx", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "login", &m), ROUTER_NOT_FOUND);
    /* a parameter never matches an empty segment or spans a slash */
    assert_int_equal(router_match(table, N, "GET", "/api/v1/enterprises/", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "/api/v1/enterprises/1/2", &m), ROUTER_NOT_FOUND);
}

static void test_params(void **state)
{
    struct router_match m;

    (void)state;
    assert_int_equal(router_match(table, N, "GET", "/api/v1/enterprises/UDYAM-MH-26-0012345", &m),
                     ROUTER_FOUND);
    assert_ptr_equal(m.route, &table[3]);
    assert_string_equal(router_param(&m, "id"), "UDYAM-MH-26-0012345");
    assert_null(router_param(&m, "cluster"));
    assert_int_equal(router_match(table, N, "GET", "/api/v1/clusters/UP-LKO/members/42", &m),
                     ROUTER_FOUND);
    assert_int_equal(m.n_params, 2);
    assert_string_equal(router_param(&m, "cluster"), "UP-LKO");
    assert_string_equal(router_param(&m, "id"), "42");
}

static void test_param_too_long(void **state)
{
    char path[300] = "/api/v1/enterprises/";
    struct router_match m;

    (void)state;
    memset(path + strlen(path), '7', ROUTER_PARAM_MAX);
    path[strlen("/api/v1/enterprises/") + ROUTER_PARAM_MAX] = '\0';
    assert_int_equal(router_match(table, N, "GET", path, &m), ROUTER_NOT_FOUND);
    path[strlen("/api/v1/enterprises/") + ROUTER_PARAM_MAX - 1] = '\0';
    assert_int_equal(router_match(table, N, "GET", path, &m), ROUTER_FOUND);
    assert_int_equal(strlen(router_param(&m, "id")), ROUTER_PARAM_MAX - 1);
}

static void test_method_not_allowed(void **state)
{
    struct router_match m;

    (void)state;
    assert_int_equal(router_match(table, N, "DELETE", "/login", &m), ROUTER_METHOD_NOT_ALLOWED);
    assert_string_equal(m.allow, "GET, HEAD, POST");
    assert_null(m.route);
    assert_int_equal(router_match(table, N, "POST", "/", &m), ROUTER_METHOD_NOT_ALLOWED);
    assert_string_equal(m.allow, "GET, HEAD");
    assert_int_equal(router_match(table, N, "POST", "/api/v1/enterprises/1", &m),
                     ROUTER_METHOD_NOT_ALLOWED);
}

static void test_head_is_get(void **state)
{
    struct router_match m;

    (void)state;
    assert_int_equal(router_match(table, N, "HEAD", "/login", &m), ROUTER_FOUND);
    assert_ptr_equal(m.route, &table[1]);
}

static void test_access(void **state)
{
    (void)state;
    assert_int_equal(router_access(ACCESS_PUBLIC, AUTH_ROLE_NONE), ACCESS_GRANTED);
    assert_int_equal(router_access(ACCESS_PUBLIC, AUTH_ROLE_OFFICER), ACCESS_GRANTED);
    assert_int_equal(router_access(ACCESS_OFFICER, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    assert_int_equal(router_access(ACCESS_OFFICER, AUTH_ROLE_OFFICER), ACCESS_GRANTED);
    assert_int_equal(router_access(ACCESS_OFFICER, AUTH_ROLE_ENTREPRENEUR), ACCESS_FORBIDDEN);
    assert_int_equal(router_access(ACCESS_SIGNED_IN, AUTH_ROLE_POLICYMAKER), ACCESS_GRANTED);
    /* a route that declares nothing is closed to everyone */
    assert_int_equal(router_access(0, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    for (int r = AUTH_ROLE_ENTREPRENEUR; r < AUTH_ROLE_COUNT; r++)
        assert_int_equal(router_access(0, (enum auth_role)r), ACCESS_FORBIDDEN);
}

/* The application's table: every route declares its access, handler and
 * documentation, and the contract's public and protected routes are so. */
static void test_app_table(void **state)
{
    static const char *const public_get[] = {"/", "/login", "/healthz", "/api/v1/openapi.json",
                                             "/static/site.css", "/api/v1/schemes",
                                             "/api/v1/schemes/pmmy", "/api/v1/schemes/search"};
    struct router_match m;
    size_t n;
    const struct route *r = web_routes(&n);

    (void)state;
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        assert_true(r[i].access != 0);
        assert_non_null(r[i].handler);
        assert_non_null(r[i].summary);
        assert_true(strcmp(r[i].method, "GET") == 0 || strcmp(r[i].method, "POST") == 0);
        assert_true(r[i].pattern[0] == '/');
        /* no two routes share a method and a pattern */
        for (size_t k = 0; k < i; k++)
            assert_false(strcmp(r[i].method, r[k].method) == 0
                         && strcmp(r[i].pattern, r[k].pattern) == 0);
    }
    for (size_t i = 0; i < sizeof public_get / sizeof public_get[0]; i++) {
        assert_int_equal(router_match(r, n, "GET", public_get[i], &m), ROUTER_FOUND);
        assert_int_equal(router_access(m.route->access, AUTH_ROLE_NONE), ACCESS_GRANTED);
    }
    assert_int_equal(router_match(r, n, "GET", "/api/v1/enterprises/1", &m), ROUTER_FOUND);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_POLICYMAKER), ACCESS_FORBIDDEN);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_OFFICER), ACCESS_GRANTED);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_ENTREPRENEUR), ACCESS_GRANTED);
    assert_int_equal(router_match(r, n, "POST", "/api/v1/classify", &m), ROUTER_FOUND);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    assert_int_equal(router_match(r, n, "GET", "/account", &m), ROUTER_FOUND);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    /* search is its own route, not a scheme id */
    assert_int_equal(router_match(r, n, "GET", "/api/v1/schemes/search", &m), ROUTER_FOUND);
    assert_ptr_equal(m.route->handler, api_schemes_search);
    assert_int_equal(router_match(r, n, "GET", "/api/v1/schemes/pmmy", &m), ROUTER_FOUND);
    assert_ptr_equal(m.route->handler, api_scheme_get);
    /* eligibility needs a session, and for a stored enterprise a role that reads one */
    assert_int_equal(router_match(r, n, "POST", "/api/v1/eligibility", &m), ROUTER_FOUND);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_POLICYMAKER), ACCESS_GRANTED);
    assert_int_equal(router_match(r, n, "GET", "/api/v1/enterprises/1/eligibility", &m), ROUTER_FOUND);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_NONE), ACCESS_UNAUTHENTICATED);
    assert_int_equal(router_access(m.route->access, AUTH_ROLE_POLICYMAKER), ACCESS_FORBIDDEN);
}

/* One route declared as given, checked alone: the fault's words, or "". */
static const char *fault_of(const char *method, const char *pattern, unsigned access,
                            enum route_scope scope)
{
    static char why[200];
    const struct route r = {method, pattern, access, scope, h_dummy, "", NULL, NULL, "", NULL};

    why[0] = '\0';
    if (router_table_check(&r, 1, why, sizeof why) == 0)
        assert_string_equal(why, "");
    else
        assert_true(why[0] != '\0');
    return why;
}

static void test_table_check(void **state)
{
    size_t n;
    const struct route *r = web_routes(&n);
    char why[200] = "";

    (void)state;
    /* the application's table: every route declares access and scope consistently */
    if (router_table_check(r, n, why, sizeof why) != 0)
        fail_msg("the route table is declared wrongly: %s", why);
    for (size_t i = 0; i < n; i++)
        assert_true(r[i].scope > SCOPE_UNDECLARED && r[i].scope < SCOPE_COUNT);
    /* a route added without a scope is found, naming the route */
    assert_string_equal(fault_of("GET", "/officer/new", ACCESS_OFFICER, SCOPE_UNDECLARED),
                        "GET /officer/new declares no scope");
    assert_string_equal(fault_of("GET", "/x", ACCESS_OFFICER, (enum route_scope)SCOPE_COUNT),
                        "GET /x declares no scope");
    assert_string_equal(fault_of("GET", "/x", 0, SCOPE_NONE), "GET /x declares no access");
    /* the test table above has an undeclared route: the check refuses it whole */
    assert_int_equal(router_table_check(table, N, why, sizeof why), -1);
    assert_string_equal(why, "GET /nobody declares no access");
    /* records by {id} need a record scope, and a record scope needs {id} */
    assert_string_equal(fault_of("GET", "/officer/things/{id}", ACCESS_OFFICER, SCOPE_AREA),
                        "GET /officer/things/{id} has a {param} but no record scope");
    assert_string_equal(fault_of("GET", "/officer/things", ACCESS_OFFICER, SCOPE_ENTERPRISE),
                        "GET /officer/things has a record scope but no {id}");
    /* public routes carry nobody's records; tokens only on public routes */
    assert_string_equal(fault_of("GET", "/p/{id}", ACCESS_PUBLIC, SCOPE_ENTERPRISE),
                        "GET /p/{id} is public with a scope of records");
    assert_string_equal(fault_of("GET", "/t/{feed}", ACCESS_OFFICER, SCOPE_TOKEN),
                        "GET /t/{feed} has a token scope but is not public");
    /* a policymaker reads aggregates only */
    assert_string_equal(fault_of("GET", "/e/{id}", ACCESS_POLICYMAKER, SCOPE_ENTERPRISE),
                        "GET /e/{id} admits a policymaker to records");
    assert_string_equal(fault_of("GET", "/w", ACCESS_POLICYMAKER | ACCESS_OFFICER, SCOPE_AREA),
                        "GET /w admits a policymaker to records");
    /* the entrepreneur's own things are theirs alone; area aggregates are not theirs */
    assert_string_equal(fault_of("GET", "/mine", ACCESS_ENTREPRENEUR | ACCESS_OFFICER, SCOPE_OWN),
                        "GET /mine has an entrepreneur's scope but admits other roles");
    assert_string_equal(fault_of("GET", "/agg", ACCESS_ENTREPRENEUR, SCOPE_AREA_AGGREGATE),
                        "GET /agg admits an entrepreneur to aggregates of an area");
    /* and well-declared routes pass */
    assert_string_equal(fault_of("GET", "/e/{id}", ACCESS_OFFICER, SCOPE_ENTERPRISE), "");
    assert_string_equal(fault_of("GET", "/c/{feed}", ACCESS_PUBLIC, SCOPE_TOKEN), "");
    assert_string_equal(fault_of("GET", "/clusters/{id}", ACCESS_POLICYMAKER, SCOPE_AREA_AGGREGATE), "");
    assert_string_equal(router_scope_name(SCOPE_UNDECLARED), "undeclared");
    assert_string_equal(router_scope_name(SCOPE_PAYMENT_CLAIM), "payment_claim");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_paths),   cmocka_unit_test(test_not_found),
        cmocka_unit_test(test_params),          cmocka_unit_test(test_param_too_long),
        cmocka_unit_test(test_method_not_allowed), cmocka_unit_test(test_head_is_get),
        cmocka_unit_test(test_access),          cmocka_unit_test(test_app_table),
        cmocka_unit_test(test_table_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
