/* api_openapi.c: GET /api/v1/openapi.json, an OpenAPI 3.0 document built
 * from the route table itself, so it cannot leave a route out or get its
 * access wrong. */
#include <stdio.h>
#include <string.h>

#include "web/request.h"
#include "web/routes.h"

static const struct {
    int status;
    const char *text;
} status_texts[] = {
    {200, "OK"}, {303, "See Other (redirect)"}, {304, "Not Modified"},
    {400, "Bad request: the error names the field"}, {401, "Not signed in"},
    {403, "Signed in without the role or scope, or CSRF token missing or wrong"},
    {404, "Not found"}, {405, "Method not allowed (Allow header lists the methods)"},
    {413, "Request body too large"}, {415, "Unsupported media type"},
    {422, "The profile has bad fields: error.fields lists every one ({path, message})"},
    {500, "Internal error"}, {503, "Database unreachable"},
};

static const char *status_text(int status)
{
    for (size_t i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
        if (status_texts[i].status == status)
            return status_texts[i].text;
    return "";
}

static bool is_api(const struct route *r)
{
    return strncmp(r->pattern, "/api/", 5) == 0 || strcmp(r->pattern, "/healthz") == 0;
}

static json_t *content(const char *media, json_t *schema)
{
    return json_pack("{s:{s:o}}", media, "schema", schema ? schema : json_object());
}

static json_t *responses(const struct route *r)
{
    json_t *out = json_object();
    const char *p = r->responses;

    while (out != NULL && *p) {
        char code[8];
        int status, used = 0;
        json_t *resp;
        if (sscanf(p, "%3d%n", &status, &used) != 1)
            break;
        p += used;
        p += strspn(p, " ");
        snprintf(code, sizeof code, "%d", status);
        resp = json_pack("{s:s}", "description", status_text(status));
        if (status == 200 && r->produces != NULL)
            json_object_set_new(resp, "content", content(r->produces, NULL));
        else if (status >= 400 && is_api(r))
            json_object_set_new(resp, "content",
                                content("application/json",
                                        json_pack("{s:s}", "$ref", "#/components/schemas/Error")));
        json_object_set_new(out, code, resp);
    }
    return out;
}

/* The route's query parameters: lines of "NAME description", NAME ending
 * in '!' when required. */
static void query_parameters(json_t *out, const char *spec)
{
    while (spec != NULL && *spec) {
        size_t line = strcspn(spec, "\n"), name = strcspn(spec, " \n");
        bool required = name > 0 && spec[name - 1] == '!';
        const char *desc = spec + name + (spec[name] == ' ');
        json_array_append_new(out, json_pack("{s:s#, s:s, s:b, s:s#, s:{s:s}}", "name", spec,
                                             (int)(name - required), "in", "query", "required",
                                             required, "description", desc,
                                             (int)(spec + line - desc), "schema", "type", "string"));
        spec += line + (spec[line] == '\n');
    }
}

static json_t *parameters(const struct route *r)
{
    json_t *out = json_array();

    for (const char *p = strchr(r->pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (close == NULL)
            break;
        json_array_append_new(out, json_pack("{s:s#, s:s, s:b, s:{s:s}}", "name", p + 1,
                                             (int)(close - p - 1), "in", "path", "required", 1,
                                             "schema", "type", "string"));
    }
    query_parameters(out, r->query);
    return out;
}

static json_t *request_body(const struct route *r)
{
    const char *space;
    json_t *schema;

    if (r->request == NULL || (space = strchr(r->request, ' ')) == NULL)
        return NULL;
    schema = json_loads(space + 1, 0, NULL);
    if (schema == NULL)
        return NULL;
    return json_pack("{s:b, s:{s#:{s:o}}}", "required", 1, "content", r->request,
                     (int)(space - r->request), "schema", schema);
}

static json_t *roles(unsigned access)
{
    json_t *out = json_array();

    if (access & ACCESS_PUBLIC) {
        json_array_append_new(out, json_string("public"));
        return out;
    }
    for (int role = AUTH_ROLE_ENTREPRENEUR; role < AUTH_ROLE_COUNT; role++)
        if (access & ACCESS_ROLE(role))
            json_array_append_new(out, json_string(auth_role_name((enum auth_role)role)));
    return out;
}

/* Every POST needs the session and its CSRF token (a header or, from an
 * HTML form, the field csrf); a protected GET needs the session. */
static json_t *security(const struct route *r)
{
    if (strcmp(r->method, "POST") == 0)
        return json_pack("[{s:[], s:[]}, {s:[], s:[]}]", "session", "csrf", "session", "csrfForm");
    if (r->access & ACCESS_PUBLIC)
        return json_array();
    return json_pack("[{s:[]}]", "session");
}

static json_t *operation(const struct route *r)
{
    json_t *op = json_pack("{s:s, s:o, s:o, s:o, s:o}", "summary", r->summary, "x-access",
                           roles(r->access), "parameters", parameters(r), "responses", responses(r),
                           "security", security(r));
    json_t *body = request_body(r);

    if (op != NULL && body != NULL)
        json_object_set_new(op, "requestBody", body);
    return op;
}

static json_t *components(void)
{
    return json_pack(
        "{s:{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}},"
        " s:{s:{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}}}}}}}",
        "securitySchemes",
        "session", "type", "apiKey", "in", "cookie", "name", "samanvay_session", "description",
        "Session cookie from POST /login (HttpOnly, SameSite=Strict)",
        "csrf", "type", "apiKey", "in", "header", "name", "X-CSRF-Token", "description",
        "The session's CSRF token (GET /api/v1/session); required on every POST",
        "csrfForm", "type", "apiKey", "in", "query", "name", "csrf", "description",
        "HTML forms send the token as the form field csrf instead (OpenAPI cannot name a form "
        "field here)",
        "schemas", "Error", "type", "object", "required", "error", "properties", "error", "type",
        "object", "required", "code", "message", "properties", "code", "type", "string",
        "message", "type", "string");
}

int api_openapi(struct web_request *rq, struct web_response *rs, struct err *e)
{
    json_t *paths = json_object(), *doc;

    for (size_t i = 0; paths != NULL && i < rq->app->n_routes; i++) {
        const struct route *r = &rq->app->routes[i];
        char method[8];
        json_t *item = json_object_get(paths, r->pattern);
        size_t n = strlen(r->method);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        for (size_t k = 0; k <= n && k < sizeof method; k++)
            method[k] = (char)(r->method[k] >= 'A' && r->method[k] <= 'Z' ? r->method[k] + 32
                                                                           : r->method[k]);
        method[sizeof method - 1] = '\0';
        json_object_set_new(item, method, operation(r));
    }
    doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:o}", "openapi", "3.0.3", "info", "title",
                    "Samanvay", "version", "1", "description",
                    "The MSME portal of portals. Errors from /api/ are "
                    "{\"error\":{\"code\":\"...\",\"message\":\"...\"}}. x-access lists who may "
                    "call each operation; the check runs before the handler.",
                    "paths", paths, "components", components());
    if (web_response_json(rs, 200, doc) != 0)
        return err_set(e, "openapi: out of memory");
    return 0;
}
