/* server.h: the HTTP server: libmicrohttpd's epoll thread pool, our
 * router, sessions and per-request language, with limits on everything a
 * client controls.
 *
 * Threading: libmicrohttpd runs `threads` worker threads, each with its
 * own epoll loop; handlers run on them and may block on the database, so
 * the pool holds one store connection per thread. Everything shared (the
 * route table, reference data, the locales, the scheme catalogue) is
 * read-only after start, except the scheme search index, which lends one
 * private connection per search like the store pool (search.h);
 * per-request state lives in one struct freed when libmicrohttpd reports
 * the request complete. Signals are not handled here: the caller stops
 * the server with web_server_free. */
#ifndef SAMANVAY_SERVER_H
#define SAMANVAY_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/refdata.h"
#include "store/store.h"

struct web_config {
    const char *addr;             /* IPv4 or IPv6 literal to bind */
    uint16_t port;                /* 0 = a free port the kernel picks */
    unsigned threads;             /* worker threads (and store connections) */
    struct store_target target;
    const char *localedir;        /* compiled gettext catalogues */
    const char *schemes_dir;      /* scheme files; NULL = the catalogue built in */
    bool secure_cookies;          /* behind a TLS proxy: cookies get Secure */
    const char *public_url;       /* the site's address for links in calendars; NULL: http://addr:port */
    size_t body_limit;            /* largest request body; larger gets 413 */
    unsigned connection_limit;    /* open connections in all */
    unsigned per_ip_limit;        /* open connections from one address */
    unsigned timeout_seconds;     /* idle connections close */
    unsigned request_seconds;     /* a request must arrive whole within this (slowloris:
                                     conn_deadline.h) */
    size_t connection_memory;     /* libmicrohttpd's per-connection pool (headers) */
    /* HTTPS in the server itself (libmicrohttpd with GnuTLS): both PEM
     * texts, or both NULL for plain HTTP. With them, cookies get Secure. */
    const char *tls_cert_pem;
    const char *tls_key_pem;
};

/* Defaults: 127.0.0.1:8080, one thread per core (at least 2), 64 KiB
 * bodies, 1000 connections, 64 per address, 30 s idle, 30 s to send a
 * request, 64 KiB memory. */
void web_config_defaults(struct web_config *c);

struct web_server;

/* Load the scheme catalogue and build its search index (a catalogue that
 * does not load stops the start), open the store connections, check the
 * schema, and start listening. */
int web_server_new(const struct web_config *cfg, const struct refdata *ref,
                   struct web_server **out, struct err *e);
/* The port actually bound (useful with port 0). */
uint16_t web_server_port(const struct web_server *s);
/* Whether Hindi pages can be served (the hi_IN.UTF-8 locale exists). */
bool web_server_has_hindi(const struct web_server *s);
/* Stop accepting, finish or drop the requests in flight, free everything. */
void web_server_free(struct web_server *s);

#endif
