/* response.c: building responses (headers, JSON bodies, API errors). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "web/cookie.h"
#include "web/request.h"

const char *web_query(const struct web_request *rq, const char *name)
{
    return rq->query ? rq->query(rq->query_ctx, name) : NULL;
}

bool web_is_json(const char *content_type)
{
    size_t n = strlen("application/json");

    return strncmp(content_type, "application/json", n) == 0
           && (content_type[n] == '\0' || content_type[n] == ';');
}

void web_response_init(struct web_response *rs)
{
    memset(rs, 0, sizeof *rs);
    rs->status = 200;
    rs->body.limit = WEB_BODY_LIMIT;
}

void web_response_release(struct web_response *rs)
{
    buf_release(&rs->body);
    if (rs->has_body_file)
        close(rs->body_file);
    rs->has_body_file = false;
}

void web_response_body_file(struct web_response *rs, int fd, uint64_t len)
{
    if (rs->has_body_file)
        close(rs->body_file);
    buf_reset(&rs->body);
    rs->has_body_file = true;
    rs->body_file = fd;
    rs->body_file_len = len;
}

int web_response_header(struct web_response *rs, const char *name, const char *fmt, ...)
{
    struct web_header *h;
    va_list ap;
    int n;

    if (rs->n_headers == WEB_MAX_HEADERS)
        return -1;
    h = &rs->headers[rs->n_headers];
    va_start(ap, fmt);
    n = vsnprintf(h->value, sizeof h->value, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof h->value || strpbrk(h->value, "\r\n") != NULL)
        return -1;
    h->name = name;
    rs->n_headers++;
    return 0;
}

static int dump_to_buf(const char *text, size_t size, void *data)
{
    return buf_append(data, text, size);
}

int web_response_json(struct web_response *rs, int status, json_t *root)
{
    int rc;

    if (root == NULL)
        return -1;
    buf_reset(&rs->body);
    /* Most answers fit: one allocation instead of a dozen as jansson's
     * small writes grow the buffer. */
    if (buf_reserve(&rs->body, 64 * 1024) != 0) {
        json_decref(root);
        return -1;
    }
    rc = json_dump_callback(root, dump_to_buf, &rs->body, JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(root);
    rs->status = status;
    rs->content_type = "application/json";
    return rc;
}

/* Replace each byte that does not start a valid UTF-8 character with '?'.
 * An error message may quote what the client sent ("'\xff...' is not a
 * date"), or be cut inside a character; JSON text must be UTF-8, and
 * jansson refuses anything else, which turned a 400 into a 500. */
static void utf8_scrub(char *s)
{
    size_t left = strlen(s);
    utf8proc_uint8_t *p = (utf8proc_uint8_t *)s;

    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
        if (n <= 0) {
            *p = '?';
            n = 1;
        }
        p += n;
        left -= (size_t)n;
    }
}

int web_response_error(struct web_response *rs, int status, const char *code, const char *fmt,
                       ...)
{
    char message[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    utf8_scrub(message);
    return web_response_json(rs, status,
                             json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message));
}

int web_response_redirect(struct web_response *rs, const char *location)
{
    rs->status = 303;
    buf_reset(&rs->body);
    rs->content_type = NULL;
    return web_response_header(rs, "Location", "%s", location);
}

int web_response_session_cookie(struct web_response *rs, const struct web_request *rq,
                                const char *value)
{
    int64_t left = rq->session->row.expires_at - rq->now;
    struct cookie_attrs a = {
        /* The cookie lives as long as the session can: then the browser
         * drops it rather than sending a dead id. */
        .max_age = *value && left > 0 ? left : 0,
        .http_only = true,
        .secure = rq->app->secure_cookies,
        .same_site = "Strict",
    };
    char line[WEB_HEADER_VALUE_MAX];

    if (cookie_format(line, sizeof line, SESSION_COOKIE, value, &a) != 0)
        return -1;
    return web_response_header(rs, "Set-Cookie", "%s", line);
}
