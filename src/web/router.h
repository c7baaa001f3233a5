/* router.h: our own router. A static table of routes, each declaring its
 * method, its path pattern (`{name}` captures one path segment), who may
 * call it, and its handler. Matching and the access decision are pure
 * functions of the table, so they are unit-tested without a server.
 *
 * Every route declares its access: ACCESS_PUBLIC or a set of roles. A
 * route that declares nothing (access 0) is refused to everyone, so a
 * forgotten field fails closed. */
#ifndef SAMANVAY_ROUTER_H
#define SAMANVAY_ROUTER_H

#include <stddef.h>

#include "core/err.h"
#include "store/store_auth.h"

#define ACCESS_PUBLIC (1u << 0)
#define ACCESS_ROLE(r) (1u << (r))
#define ACCESS_ENTREPRENEUR ACCESS_ROLE(AUTH_ROLE_ENTREPRENEUR)
#define ACCESS_OFFICER ACCESS_ROLE(AUTH_ROLE_OFFICER)
#define ACCESS_POLICYMAKER ACCESS_ROLE(AUTH_ROLE_POLICYMAKER)
#define ACCESS_ADMIN ACCESS_ROLE(AUTH_ROLE_ADMIN)
#define ACCESS_SIGNED_IN \
    (ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_POLICYMAKER | ACCESS_ADMIN)
/* With ACCESS_PUBLIC: a POST that reads no session and changes nothing (a
 * calculator), so the server asks no CSRF token for it. Never on a route
 * that writes or reads anyone's data. */
#define ACCESS_STATELESS (1u << 15)

struct web_request;
struct web_response;

/* Fill the response and return 0, or return -1 with `e` set for a fault
 * of ours (the server answers 500 and logs e). */
typedef int (*route_handler)(struct web_request *rq, struct web_response *rs, struct err *e);

struct route {
    const char *method;       /* "GET" (also answers HEAD) or "POST" */
    const char *pattern;      /* "/api/v1/enterprises/{id}" */
    unsigned access;          /* ACCESS_PUBLIC or ACCESS_* role bits */
    route_handler handler;
    /* For the OpenAPI document (api_openapi.c): */
    const char *summary;
    const char *produces;     /* media type of a 2xx body; NULL for a redirect */
    const char *request;      /* request body as "MEDIA-TYPE SCHEMA-JSON", or NULL */
    const char *responses;    /* status codes it answers, "200 400 401 403" */
    const char *query;        /* query parameters, one per line: "NAME description",
                                 NAME ending in '!' when required; or NULL */
};

#define ROUTER_MAX_PARAMS 4
#define ROUTER_PARAM_MAX 128      /* longest captured segment, bytes including NUL */
#define ROUTER_ALLOW_MAX 64

struct route_param {
    char name[16];
    char value[ROUTER_PARAM_MAX];
};

struct router_match {
    const struct route *route;
    struct route_param params[ROUTER_MAX_PARAMS];
    int n_params;
    char allow[ROUTER_ALLOW_MAX]; /* ROUTER_METHOD_NOT_ALLOWED: "GET, HEAD" */
};

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_METHOD_NOT_ALLOWED };

/* Find the route for method and path (decoded, without the query). A path
 * that some pattern matches under another method is METHOD_NOT_ALLOWED
 * with m->allow listing the methods that would be. */
enum router_result router_match(const struct route *table, size_t n, const char *method,
                                const char *path, struct router_match *m);
/* A captured parameter by name, or NULL. */
const char *router_param(const struct router_match *m, const char *name);

enum access_verdict { ACCESS_GRANTED, ACCESS_UNAUTHENTICATED, ACCESS_FORBIDDEN };

/* May a caller with `role` (AUTH_ROLE_NONE when anonymous) use a route
 * declaring `access`? Anonymous callers of a protected route are
 * UNAUTHENTICATED (401); signed-in callers without the role FORBIDDEN (403). */
enum access_verdict router_access(unsigned access, enum auth_role role);

#endif
