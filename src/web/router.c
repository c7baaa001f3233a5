#include "web/router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Match one pattern against a path, segment by segment. Captures go to m
 * only when the whole path matches. */
static bool pattern_match(const char *pattern, const char *path, struct router_match *m)
{
    struct router_match caught;
    const char *p = pattern, *s = path;

    caught.n_params = 0;
    if (*p != '/' || *s != '/')
        return false;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t name_len = close ? (size_t)(close - p - 1) : 0;
            size_t seg = strcspn(s, "/");
            struct route_param *rp;
            if (close == NULL || seg == 0 || seg >= ROUTER_PARAM_MAX
                || name_len >= sizeof rp->name || caught.n_params == ROUTER_MAX_PARAMS)
                return false;
            rp = &caught.params[caught.n_params++];
            memcpy(rp->name, p + 1, name_len);
            rp->name[name_len] = '\0';
            memcpy(rp->value, s, seg);
            rp->value[seg] = '\0';
            p = close + 1;
            s += seg;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    if (*p || *s)
        return false;
    memcpy(m->params, caught.params, sizeof caught.params);
    m->n_params = caught.n_params;
    return true;
}

static bool method_fits(const char *route_method, const char *method)
{
    /* HEAD is GET without the body; libmicrohttpd drops the body itself. */
    return strcmp(route_method, method) == 0
           || (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

static void allow_add(char *allow, const char *method)
{
    size_t used = strlen(allow);

    if (strstr(allow, method) != NULL)
        return;
    snprintf(allow + used, ROUTER_ALLOW_MAX - used, "%s%s", used ? ", " : "", method);
}

enum router_result router_match(const struct route *table, size_t n, const char *method,
                                const char *path, struct router_match *m)
{
    bool path_known = false;

    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < n; i++) {
        struct router_match tmp = {0};
        if (!pattern_match(table[i].pattern, path, &tmp))
            continue;
        if (method_fits(table[i].method, method)) {
            *m = tmp;
            m->route = &table[i];
            m->allow[0] = '\0';
            return ROUTER_FOUND;
        }
        path_known = true;
        allow_add(m->allow, table[i].method);
        if (strcmp(table[i].method, "GET") == 0)
            allow_add(m->allow, "HEAD");
    }
    return path_known ? ROUTER_METHOD_NOT_ALLOWED : ROUTER_NOT_FOUND;
}

const char *router_param(const struct router_match *m, const char *name)
{
    for (int i = 0; i < m->n_params; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return m->params[i].value;
    return NULL;
}

enum access_verdict router_access(unsigned access, enum auth_role role)
{
    if (access & ACCESS_PUBLIC)
        return ACCESS_GRANTED;
    if (role == AUTH_ROLE_NONE)
        return ACCESS_UNAUTHENTICATED;
    if (access & ACCESS_ROLE(role))
        return ACCESS_GRANTED;
    return ACCESS_FORBIDDEN;
}

const char *router_scope_name(enum route_scope s)
{
    static const char *const names[SCOPE_COUNT] = {
        "undeclared", "none", "token", "own", "area", "area_aggregate", "state_aggregate",
        "national", "enterprise", "application", "bundle", "grievance", "link_request",
        "payment_claim", "correction", "cluster",
    };
    return (unsigned)s < SCOPE_COUNT ? names[s] : "invalid";
}

static bool record_scope(enum route_scope s)
{
    return s >= SCOPE_ENTERPRISE && s <= SCOPE_CORRECTION;
}

static bool aggregate_scope(enum route_scope s)
{
    return s == SCOPE_AREA_AGGREGATE || s == SCOPE_STATE_AGGREGATE || s == SCOPE_NATIONAL
           || s == SCOPE_CLUSTER;
}

/* Why route r is declared wrongly, or NULL. */
static const char *route_fault(const struct route *r)
{
    bool has_param = strchr(r->pattern, '{') != NULL;
    unsigned roles = r->access & ACCESS_SIGNED_IN;

    if (r->access == 0)
        return "declares no access";
    if (r->scope == SCOPE_UNDECLARED || (unsigned)r->scope >= SCOPE_COUNT)
        return "declares no scope";
    if (r->access & ACCESS_PUBLIC)
        return r->scope == SCOPE_NONE || r->scope == SCOPE_TOKEN ? NULL
                                                                  : "is public with a scope of records";
    if (r->scope == SCOPE_TOKEN)
        return "has a token scope but is not public";
    /* A {param} names a record (checked by the router) or an aggregate
     * (a cluster, a scenario) read under the route's area. */
    if (has_param && !record_scope(r->scope) && !aggregate_scope(r->scope))
        return "has a {param} but no record scope";
    if ((record_scope(r->scope) || r->scope == SCOPE_CLUSTER) && strstr(r->pattern, "{id}") == NULL)
        return "has a record scope but no {id}";
    if ((roles & ACCESS_POLICYMAKER) && r->scope != SCOPE_NONE && !aggregate_scope(r->scope))
        return "admits a policymaker to records";
    if ((r->scope == SCOPE_OWN || r->scope == SCOPE_PAYMENT_CLAIM) && roles != ACCESS_ENTREPRENEUR)
        return "has an entrepreneur's scope but admits other roles";
    if (aggregate_scope(r->scope) && (roles & ACCESS_ENTREPRENEUR))
        return "admits an entrepreneur to aggregates of an area";
    return NULL;
}

int router_table_check(const struct route *table, size_t n, char *why, size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        const char *fault = route_fault(&table[i]);
        if (fault != NULL) {
            snprintf(why, cap, "%s %s %s", table[i].method, table[i].pattern, fault);
            return -1;
        }
    }
    return 0;
}
