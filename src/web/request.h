/* request.h: one HTTP request as handlers see it, and the response they
 * fill. Handlers never touch libmicrohttpd; server.c translates, so every
 * handler can be driven from a test with a plain struct. */
#ifndef SAMANVAY_REQUEST_H
#define SAMANVAY_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/refdata.h"
#include "core/survivorship.h"
#include "rules/catalog.h"
#include "rules/search.h"
#include "store/store.h"

struct obligation_set;
struct bank_rates;
#include "web/answer_cache.h"
#include "web/cluster_map_cache.h"
#include "web/i18n.h"
#include "web/router.h"
#include "web/session.h"

/* What every request shares; read-only once the server runs. */
struct insight_tables;
struct emission_factors;
struct overlap_cache;

struct web_app {
    const struct refdata *ref;
    const struct i18n *i18n;
    const struct catalog *catalog;  /* the scheme catalogue, loaded at start */
    const struct survivorship *survivorship; /* the golden record's trust table */
    const struct obligation_set *obligations; /* the compliance obligations (obligations/) */
    const struct bank_rates *bank_rates; /* RBI Bank Rate history (data/bank_rate.csv), MSMED s.16 */
    const struct insight_tables *insight_tables;     /* fairs, procurement, ESG (issue 8) */
    const struct emission_factors *emission_factors; /* grid and fuel CO2 factors (issue 8) */
    struct search_index *search;  /* its search index; thread-safe (search.h) */
    const struct route *routes;
    size_t n_routes;
    struct answer_cache *answers; /* encoded answers for reuse (thread-safe), or NULL */
    struct cluster_map_cache *cluster_maps; /* the cluster map kept (thread-safe), or NULL */
    struct scenario_cache *scenarios; /* shipped scenarios and their simulations kept (thread-safe) */
    struct overlap_cache *overlaps;   /* overlap and awareness runs kept (thread-safe), or NULL */
    bool secure_cookies;          /* add Secure to cookies (behind a TLS proxy) */
    /* "https://portal.example.in": links that leave the site (a calendar
     * event's link back); no trailing slash. */
    char public_url[256];
    /* A hash of a random password, verified when a username is unknown so
     * the answer takes as long as for a known one. */
    char dummy_hash[AUTH_HASH_MAX];
};

struct web_request {
    const struct web_app *app;
    const char *method;
    const char *path;             /* decoded, without the query string */
    const struct router_match *match;
    const char *content_type;     /* "" when absent */
    const char *if_none_match;    /* If-None-Match header, or NULL */
    const char *body;             /* NUL-terminated; "" when none */
    size_t body_len;
    enum lang lang;
    struct session *session;      /* the caller's; valid == false when none */
    struct route_grant grant;     /* what the scope check resolved (web/authz.h) */
    struct store *store;
    int64_t now;                  /* Unix seconds */
    const char *client;           /* the peer's address (IPv6 cut to its /64); "" unknown */
    int32_t today;                /* date in IST */
    /* Query parameters come from the server (libmicrohttpd parses them). */
    const char *(*query)(void *ctx, const char *name);
    void *query_ctx;
};

/* A query parameter, or NULL. */
const char *web_query(const struct web_request *rq, const char *name);
/* Query values (request.c). The parsers take digits only: no sign, no
 * space, no leading "+", at most 18 digits; 0 when good, -1 when not.
 * web_parse_long: a decimal from lo to hi (0 <= lo).
 * web_parse_state: a GST state code of exactly two digits, 01-38, 97 or 99. */
int web_parse_long(const char *text, long lo, long hi, long *out);
int web_parse_state(const char *text, int *code);
/* The parameter `name` parsed as above: 0 when absent (*out untouched),
 * 1 when present and good, -1 when present and bad (answer 400). */
int web_query_long(const struct web_request *rq, const char *name, long lo, long hi, long *out);
int web_query_state(const struct web_request *rq, const char *name, int *code);
/* Whether a Content-Type is application/json (with or without parameters). */
bool web_is_json(const char *content_type);

#define WEB_MAX_HEADERS 8
#define WEB_HEADER_VALUE_MAX 512
#define WEB_BODY_LIMIT ((size_t)4 << 20)  /* largest response we build */

struct web_header {
    const char *name;             /* static string */
    char value[WEB_HEADER_VALUE_MAX];
};

struct web_response {
    int status;
    const char *content_type;     /* static string */
    struct buf body;
    struct web_header headers[WEB_MAX_HEADERS];
    int n_headers;
    const char *cache_control;    /* static; NULL = "no-store" */
    /* A body spooled to a file instead of `body` (web_response_body_file):
     * sent from the file and closed by the server, or by release. */
    bool has_body_file;
    int body_file;
    uint64_t body_file_len;
};

void web_response_init(struct web_response *rs);
void web_response_release(struct web_response *rs);
/* Add a header; -1 when the table is full or the value does not fit or
 * holds CR/LF (header injection). */
int web_response_header(struct web_response *rs, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* JSON body (takes the reference to root). */
int web_response_json(struct web_response *rs, int status, json_t *root);
/* The JSON API's error shape: {"error":{"code":"...","message":"..."}}. */
int web_response_error(struct web_response *rs, int status, const char *code, const char *fmt,
                       ...) __attribute__((format(printf, 4, 5)));
/* The body is the file fd (an unlinked temporary, len bytes, read from
 * offset 0): the response owns fd from here on, whatever happens. For an
 * answer too large to hold in memory (the privacy export). */
void web_response_body_file(struct web_response *rs, int fd, uint64_t len);
/* 303 See Other to a path of ours. */
int web_response_redirect(struct web_response *rs, const char *location);
/* Set-Cookie for the session issued in this request, or one that deletes it. */
int web_response_session_cookie(struct web_response *rs, const struct web_request *rq,
                                const char *value);

#endif
