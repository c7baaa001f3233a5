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
