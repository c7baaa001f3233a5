/* router.h: our own router. A static table of routes, each declaring its
 * method, its path pattern (`{name}` captures one path segment), who may
 * call it, and its handler. Matching and the access decision are pure
 * functions of the table, so they are unit-tested without a server.
 *
 * Every route declares its access: ACCESS_PUBLIC or a set of roles. A
 * route that declares nothing (access 0) is refused to everyone, so a
 * forgotten field fails closed.
 *
 * Every route also declares its scope: whose data it may show a caller
 * the access column admits (docs/security.md, Authorisation). web/authz.c
 * checks it after the access column and before the handler, so no
 * handler decides scope itself; a route without a scope (SCOPE_UNDECLARED)
 * is refused to everyone (500, logged), and router_table_check finds it
 * and every other inconsistency of the table in the tests. */
#ifndef SAMANVAY_ROUTER_H
#define SAMANVAY_ROUTER_H

#include <stddef.h>
#include <stdint.h>

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

/* Whose data a route shows. The record scopes name what `{id}` is; the
 * router resolves it to its enterprise and checks the caller may see it
 * (an entrepreneur: their own; an officer or admin: their area), and an
 * official's GET of an enterprise outside their worklist needs ?reason=. */
enum route_scope {
    SCOPE_UNDECLARED = 0,  /* forgotten: fails closed */
    SCOPE_NONE,            /* no one's records: public pages, the caller's own account,
                              calculators on data the caller sends */
    SCOPE_TOKEN,           /* public; the secret in the path is the credential (a calendar feed) */
    SCOPE_OWN,             /* the entrepreneur's own enterprise, taken from the session */
    SCOPE_AREA,            /* records listed by area: an entrepreneur's own, an official's
                              assigned state or district (none assigned: 403) */
    SCOPE_AREA_AGGREGATE,  /* aggregates of the reader's area; ?state= narrows, never widens */
    SCOPE_STATE_AGGREGATE, /* the same, refused to an officer of one district */
    SCOPE_NATIONAL,        /* national aggregates, refused to an officer of one district */
    SCOPE_ENTERPRISE,      /* {id}: an enterprise, by store id or Udyam number */
    SCOPE_APPLICATION,     /* {id}: an application */
    SCOPE_BUNDLE,          /* {id}: a common application's bundle */
    SCOPE_GRIEVANCE,       /* {id}: a grievance */
    SCOPE_LINK_REQUEST,    /* {id}: a request to link an account to an enterprise */
    SCOPE_PAYMENT_CLAIM,   /* {id}: a delayed-payment claim */
    SCOPE_CORRECTION,      /* {id}: an entrepreneur's correction request */
    SCOPE_CLUSTER,         /* {id}: a registered cluster, an aggregate of its district:
                              readers of aggregates whose area holds it */
    SCOPE_COUNT
};

/* What the scope check resolved, for the handler to use (never to
 * re-decide): the enterprise of the route's record or the caller's own,
 * the area to list or aggregate, and an official's reason. */
struct route_grant {
    int64_t enterprise_id;  /* 0: none */
    char gst_state[4];      /* "%02d", or "" for every state */
    char district[64];      /* "" for the whole state */
    char reason[201];       /* an official's ?reason=, or "" */
    int record_state;       /* an application route's: the application's GST state as the check
                               read it, 0 none (its partition on PostgreSQL, docs/scaling.md) */
};

struct web_request;
struct web_response;

/* Fill the response and return 0, or return -1 with `e` set for a fault
 * of ours (the server answers 500 and logs e). */
typedef int (*route_handler)(struct web_request *rq, struct web_response *rs, struct err *e);

struct route {
    const char *method;       /* "GET" (also answers HEAD) or "POST" */
    const char *pattern;      /* "/api/v1/enterprises/{id}" */
    unsigned access;          /* ACCESS_PUBLIC or ACCESS_* role bits */
    enum route_scope scope;   /* whose data; SCOPE_UNDECLARED fails closed */
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

/* Is every route of the table declared consistently? 0, or -1 with `why`
 * naming the first route that is not: no access or no scope; a {param}
 * in the path without a record or token scope, or a record scope
 * without {id}; a public route with a scope other than NONE or TOKEN; a
 * policymaker admitted to records (they read aggregates only); SCOPE_OWN
 * or SCOPE_PAYMENT_CLAIM open to anyone but entrepreneurs. */
int router_table_check(const struct route *table, size_t n, char *why, size_t cap);
const char *router_scope_name(enum route_scope s);

#endif
