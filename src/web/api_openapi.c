/* api_openapi.c: GET /api/v1/openapi.json, an OpenAPI 3.0 document built
 * from the route table itself, so it cannot leave a route out or get its
 * access wrong. tests/web/openapi.t validates it with Redocly's linter.
 *
 * A malformed row of the table (no summary, a status that is not three
 * digits, a request schema that is not JSON, an unclosed {parameter})
 * answers 500 naming the route: a document that quietly dropped the row
 * would be worse than none. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "web/request.h"
#include "web/routes.h"

#define MAX_STATUSES 24
#define OPERATION_ID_MAX 160

static const struct {
    int status;
    const char *text;
} status_texts[] = {
    {200, "OK"}, {201, "Created"}, {202, "Accepted"}, {204, "No Content"},
    {302, "Found (redirect)"}, {303, "See Other (redirect)"}, {304, "Not Modified"},
    {400, "Bad request: the error names the field"}, {401, "Not signed in"},
    {403, "Signed in without the role or scope, or CSRF token missing or wrong"},
    {404, "Not found"}, {405, "Method not allowed (Allow header lists the methods)"},
    {409, "Conflict: the resource's present state does not allow it"}, {410, "Gone"},
    {412, "Precondition failed"}, {413, "Request body too large"},
    {415, "Unsupported media type"},
    {422, "The profile has bad fields: error.fields lists every one ({path, message})"},
    {428, "Reason required: an official reading an enterprise outside their worklist gives ?reason="},
    {429, "Too many requests"}, {500, "Internal error"}, {503, "Database unreachable"},
};

/* Every response needs a description; a status the table does not know
 * still gets its class rather than an empty string. */
static const char *status_text(int status)
{
    static const char *const classes[] = {"Informational", "Success", "Redirect", "Client error",
                                          "Server error"};

    for (size_t i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
        if (status_texts[i].status == status)
            return status_texts[i].text;
    return classes[status / 100 - 1];
}

static bool is_api(const struct route *r)
{
    return strncmp(r->pattern, "/api/", 5) == 0 || strcmp(r->pattern, "/healthz") == 0;
}

static bool is_post(const struct route *r)
{
    return strcmp(r->method, "POST") == 0;
}

/* Set obj[key] = value, taking value (released on failure too). */
static int put(json_t *obj, const char *key, json_t *value)
{
    if (value == NULL)
        return -1;
    return json_object_set_new(obj, key, value);
}

/* put, then obj itself, or NULL with obj released. */
static json_t *with(json_t *obj, const char *key, json_t *value)
{
    if (put(obj, key, value) == 0)
        return obj;
    json_decref(obj);
    return NULL;
}

static json_t *content(const char *media, size_t media_len, json_t *schema)
{
    if (schema == NULL)
        return NULL;
    return json_pack("{s#:{s:o}}", media, (int)media_len, "schema", schema);
}

/* Statuses the server answers before the handler runs (server.c
 * dispatch), so the document lists them whatever the row says: 401 to an
 * anonymous caller of a protected route, 403 to a role the route does not
 * admit or a POST without its CSRF token, 413 to an oversized body. */
static size_t implied_statuses(const struct route *r, int *out)
{
    size_t n = 0;

    if (!(r->access & ACCESS_PUBLIC)) {
        out[n++] = 401;
        if ((r->access & ACCESS_SIGNED_IN) != ACCESS_SIGNED_IN)
            out[n++] = 403;
    }
    if (is_post(r)) {
        /* a public stateless POST asks no CSRF token (server.c: the same two flags) */
        if ((r->access & (ACCESS_PUBLIC | ACCESS_STATELESS)) != (ACCESS_PUBLIC | ACCESS_STATELESS))
            out[n++] = 403;
        out[n++] = 413;
    }
    return n;
}

/* The row's statuses ("200 400 401"), then the implied ones. */
static int statuses(const struct route *r, int *out, size_t *n, struct err *e)
{
    const char *p = r->responses;

    *n = 0;
    if (p == NULL)
        return err_set(e, "no response statuses listed");
    for (p += strspn(p, " "); *p; p += strspn(p, " ")) {
        size_t len = strcspn(p, " ");
        int status;
        if (len != 3 || sscanf(p, "%3d", &status) != 1 || status < 100 || status > 599)
            return err_set(e, "status \"%.*s\" is not a three-digit HTTP status", (int)len, p);
        if (*n >= MAX_STATUSES - 4)
            return err_set(e, "more than %d statuses", MAX_STATUSES - 4);
        out[(*n)++] = status;
        p += len;
    }
    if (*n == 0)
        return err_set(e, "no response statuses listed");
    *n += implied_statuses(r, out + *n);
    return 0;
}

static json_t *response(const struct route *r, int status)
{
    json_t *resp = json_pack("{s:s}", "description", status_text(status));
    const char *media = r->produces;

    static const char media_json[] = "application/json";

    if (status / 100 == 2 && status != 204 && media != NULL)
        return with(resp, "content", content(media, strlen(media), json_object()));
    if (status / 100 == 3 && status != 304)
        return with(resp, "headers",
                    json_pack("{s:{s:s, s:{s:s}}}", "Location", "description", "Where to go next",
                              "schema", "type", "string"));
    if (status >= 400 && is_api(r))
        return with(resp, "content",
                    content(media_json, sizeof media_json - 1,
                            json_pack("{s:s}", "$ref", "#/components/schemas/Error")));
    return resp;
}

static json_t *responses(const struct route *r, struct err *e)
{
    int codes[MAX_STATUSES];
    size_t n;
    json_t *out;

    if (statuses(r, codes, &n, e) != 0)
        return NULL;
    out = json_object();
    for (size_t i = 0; out != NULL && i < n; i++) {
        char code[8];
        snprintf(code, sizeof code, "%d", codes[i]);
        if (json_object_get(out, code) == NULL && put(out, code, response(r, codes[i])) != 0) {
            json_decref(out);
            out = NULL;
        }
    }
    if (out == NULL)
        err_set(e, "out of memory");
    return out;
}

static int path_parameters(json_t *out, const char *pattern, struct err *e)
{
    for (const char *p = strchr(pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
        size_t len = strcspn(p + 1, "{}/");
        if (p[1 + len] != '}' || len == 0)
            return err_set(e, "an unclosed or empty {parameter} in the pattern");
        if (json_array_append_new(out, json_pack("{s:s#, s:s, s:b, s:{s:s}}", "name", p + 1,
                                                 (int)len, "in", "path", "required", 1,
                                                 "schema", "type", "string"))
            != 0)
            return err_set(e, "out of memory");
    }
    return 0;
}

/* The route's query parameters: lines of "NAME description", NAME ending
 * in '!' when required. */
static int query_parameters(json_t *out, const char *spec, struct err *e)
{
    while (spec != NULL && *spec) {
        size_t line = strcspn(spec, "\n"), name = strcspn(spec, " \n");
        bool required = name > 0 && spec[name - 1] == '!';
        const char *desc = spec + name + (spec[name] == ' ');
        if (line > 0 && name - required == 0)
            return err_set(e, "a query parameter line without a name");
        if (line > 0
            && json_array_append_new(
                   out, json_pack("{s:s#, s:s, s:b, s:s#, s:{s:s}}", "name", spec,
                                  (int)(name - required), "in", "query", "required", required,
                                  "description", desc, (int)(spec + line - desc), "schema",
                                  "type", "string"))
                   != 0)
            return err_set(e, "out of memory");
        spec += line + (spec[line] == '\n');
    }
    return 0;
}

static json_t *parameters(const struct route *r, struct err *e)
{
    json_t *out = json_array();

    if (out == NULL) {
        err_set(e, "out of memory");
        return NULL;
    }
    if (path_parameters(out, r->pattern, e) != 0 || query_parameters(out, r->query, e) != 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

static bool is_form_media(const char *media, size_t len)
{
    static const char *const forms[] = {"application/x-www-form-urlencoded",
                                        "multipart/form-data"};

    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (len == strlen(forms[i]) && strncmp(media, forms[i], len) == 0)
            return true;
    return false;
}

/* A form may carry the CSRF token as its field csrf (server.c); say so in
 * every form's schema, so a row cannot forget it. */
static int document_csrf_field(json_t *schema)
{
    json_t *props = json_object_get(schema, "properties");

    if (props == NULL && put(schema, "properties", props = json_object()) != 0)
        return -1;
    if (!json_is_object(props) || json_object_get(props, "csrf") != NULL)
        return 0;
    return put(props, "csrf",
               json_pack("{s:s, s:s}", "type", "string", "description",
                         "The session's CSRF token, unless sent in the X-CSRF-Token header"));
}

/* The row's request body, "MEDIA-TYPE SCHEMA-JSON" or "MEDIA-TYPE":
 * *body is NULL when the route takes none; *form tells whether it is a
 * form (which may carry the CSRF token). */
static int request_body(const struct route *r, json_t **body, bool *form, struct err *e)
{
    size_t media_len;
    json_t *schema;
    json_error_t je;

    *body = NULL;
    *form = false;
    if (r->request == NULL)
        return 0;
    media_len = strcspn(r->request, " ");
    if (media_len == 0)
        return err_set(e, "the request body has no media type");
    if (r->request[media_len] == '\0')
        schema = json_object();
    else if ((schema = json_loads(r->request + media_len + 1, 0, &je)) == NULL)
        return err_set(e, "request schema: %s (column %d)", je.text, je.column);
    if (!json_is_object(schema)) {
        json_decref(schema);
        return err_set(e, "the request schema is not a JSON object");
    }
    *form = is_form_media(r->request, media_len);
    if (*form && document_csrf_field(schema) != 0) {
        json_decref(schema);
        return err_set(e, "out of memory");
    }
    *body = json_pack("{s:b, s:o}", "required", 1, "content",
                      content(r->request, media_len, schema));
    return *body == NULL ? err_set(e, "out of memory") : 0;
}

static json_t *roles(unsigned access)
{
    json_t *out = json_array();

    if (access & ACCESS_PUBLIC) {
        json_array_append_new(out, json_string("public"));
        return out;
    }
    for (int role = AUTH_ROLE_ENTREPRENEUR; role < AUTH_ROLE_COUNT; role++)
        if ((access & ACCESS_ROLE(role)) && json_array_append_new(
                out, json_string(auth_role_name((enum auth_role)role))) != 0) {
            json_decref(out);
            return NULL;
        }
    return out;
}

/* Every POST needs the session and its CSRF token, in the X-CSRF-Token
 * header or, for a form, in the field csrf that the body's schema names
 * (OpenAPI has no security scheme for a form field); a protected GET
 * needs the session. A stateless public POST needs neither. */
static json_t *security(const struct route *r, bool form)
{
    if ((r->access & ACCESS_STATELESS) && (r->access & ACCESS_PUBLIC))
        return json_array();   /* no session, no token (router.h) */
    if (is_post(r) && form)
        return json_pack("[{s:[], s:[]}, {s:[]}]", "session", "csrf", "session");
    if (is_post(r))
        return json_pack("[{s:[], s:[]}]", "session", "csrf");
    if (r->access & ACCESS_PUBLIC)
        return json_array();
    return json_pack("[{s:[]}]", "session");
}

static json_t *operation(const struct route *r, const char *id, struct err *e)
{
    json_t *op, *params, *resps, *body;
    bool form;

    if (r->summary == NULL || r->summary[0] == '\0') {
        err_set(e, "no summary");
        return NULL;
    }
    if ((params = parameters(r, e)) == NULL)
        return NULL;
    if ((resps = responses(r, e)) == NULL || request_body(r, &body, &form, e) != 0) {
        json_decref(params);
        json_decref(resps);
        return NULL;
    }
    op = json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "operationId", id, "summary", r->summary,
                   "x-access", roles(r->access), "x-scope", router_scope_name(r->scope),
                   "parameters", params, "responses", resps,
                   "security", security(r, form));
    if (body != NULL)
        op = with(op, "requestBody", body);
    if (op == NULL)
        err_set(e, "out of memory");
    return op;
}

/* The path item key for a method: OpenAPI's lower-case names only. */
static const char *method_key(const char *method)
{
    static const char *const methods[][2] = {
        {"GET", "get"},       {"POST", "post"}, {"PUT", "put"},   {"DELETE", "delete"},
        {"PATCH", "patch"},   {"HEAD", "head"}, {"OPTIONS", "options"}, {"TRACE", "trace"},
    };

    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(method, methods[i][0]) == 0)
            return methods[i][1];
    return NULL;
}

static bool is_ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* An operationId from method and pattern, URL-safe and stable across
 * releases: GET /api/v1/enterprises/{id}/eligibility becomes
 * get_api_v1_enterprises_by_id_eligibility. A clash (two patterns that
 * differ only in punctuation) takes a numeric suffix, so ids stay unique. */
static int operation_id(const struct route *r, const char *method, json_t *taken, char *out,
                        size_t size)
{
    size_t n = (size_t)snprintf(out, size, "%s", method), base;

    for (const char *p = r->pattern; *p && n + 5 < size; p++) {
        if (*p == '{')
            n += (size_t)snprintf(out + n, size - n, "%s", out[n - 1] == '_' ? "by_" : "_by_");
        else if (*p == '}')
            continue;
        else if (is_ascii_alnum(*p))
            out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        else if (out[n - 1] != '_')
            out[n++] = '_';
    }
    while (out[n - 1] == '_')
        n--;
    out[n] = '\0';
    if (strcmp(out, method) == 0)
        n += (size_t)snprintf(out + n, size - n, "_root");
    base = n < size - 8 ? n : size - 8;
    for (int k = 2; json_object_get(taken, out) != NULL; k++)
        snprintf(out + base, size - base, "_%d", k);
    return json_object_set_new(taken, out, json_true());
}

static json_t *components(void)
{
    return json_pack(
        "{s:{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}},"
        " s:{s:{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}}}}}}}",
        "securitySchemes",
        "session", "type", "apiKey", "in", "cookie", "name", "samanvay_session", "description",
        "Session cookie from GET /login (anonymous) or POST /login (signed in); HttpOnly, "
        "SameSite=Strict",
        "csrf", "type", "apiKey", "in", "header", "name", "X-CSRF-Token", "description",
        "The session's CSRF token (GET /api/v1/session, or the hidden field of an HTML form), "
        "required on every POST; a form body may carry it as its field csrf instead",
        "schemas", "Error", "type", "object", "required", "error", "properties", "error", "type",
        "object", "required", "code", "message", "properties", "code", "type", "string",
        "message", "type", "string");
}

static int add_route(json_t *paths, json_t *taken, const struct route *r, struct err *e)
{
    char id[OPERATION_ID_MAX];
    const char *method = method_key(r->method);
    json_t *item, *op;

    if (method == NULL)
        return err_set(e, "method is not an HTTP method OpenAPI knows");
    if (r->pattern[0] != '/')
        return err_set(e, "the pattern does not start with /");
    if ((item = json_object_get(paths, r->pattern)) == NULL
        && put(paths, r->pattern, item = json_object()) != 0)
        return err_set(e, "out of memory");
    if (json_object_get(item, method) != NULL)
        return err_set(e, "the route table has this method and pattern twice");
    if (operation_id(r, method, taken, id, sizeof id) != 0)
        return err_set(e, "out of memory");
    if ((op = operation(r, id, e)) == NULL)
        return -1;
    return put(item, method, op) == 0 ? 0 : err_set(e, "out of memory");
}

int api_openapi(struct web_request *rq, struct web_response *rs, struct err *e)
{
    json_t *paths = json_object(), *taken = json_object(), *doc;

    for (size_t i = 0; i < rq->app->n_routes; i++) {
        const struct route *r = &rq->app->routes[i];
        struct err why = {"out of memory"};
        if (paths == NULL || taken == NULL || add_route(paths, taken, r, &why) != 0) {
            json_decref(paths);
            json_decref(taken);
            return err_set(e, "openapi: %s %s: %s", r->method, r->pattern, why.msg);
        }
    }
    json_decref(taken);
    doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s, s:s}], s:o, s:o}", "openapi", "3.0.3",
                    "info", "title", "Samanvay", "version", "1", "description",
                    "The MSME portal of portals. Errors from /api/ are "
                    "{\"error\":{\"code\":\"...\",\"message\":\"...\"}}. x-access lists who may "
                    "call each operation and x-scope whose data it shows them (docs/security.md, "
                    "Authorisation); both are checked before the handler.",
                    "servers", "url", "/", "description", "The server that serves this document",
                    "paths", paths, "components", components());
    if (web_response_json(rs, 200, doc) != 0)
        return err_set(e, "openapi: out of memory");
    return 0;
}
