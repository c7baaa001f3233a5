/* samanvay serve (--db F | --pg CONNINFO) [--addr A] [--port P] [--threads N]
 *                [--per-ip-limit N] [--secure-cookies] [--public-url URL]
 *                [--request-timeout S] [--tls-cert CERT.pem --tls-key KEY.pem]
 *
 * --request-timeout (default 30) is how long a client may take to send a
 * whole request, headers and body, however busily it dribbles them
 * (slowloris); past it the connection is dropped (web/conn_deadline.h).
 * --tls-cert and --tls-key serve HTTPS from this process (libmicrohttpd's
 * GnuTLS support); cookies then carry Secure. The files are read once at
 * start (PEM, at most 1 MiB each) and the key's copy is wiped on exit.
 *
 * --per-ip-limit (default 64) caps the open connections from one address;
 * behind a reverse proxy on the same host every client arrives from one
 * address, so raise it there. --public-url (default http://ADDR:PORT) is the
 * site's address as a phone sees it, for the link back in calendar events.
 *
 * Runs the web server until SIGINT or SIGTERM, then stops cleanly: the
 * listening socket closes, requests in flight finish, the store
 * connections close. --port 0 takes any free port; the port bound is in
 * the "event=listening" log line. Signals are taken here, at the top, with
 * sigwait() on the main thread: they are blocked before any worker thread
 * starts, so no handler ever runs inside a request. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "web/log.h"
#include "web/server.h"

static int parse_number(const char *opt, const char *arg, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(arg, &end, 10);

    if (*arg == '\0' || *end != '\0' || v < lo || v > hi)
        return cli_usage_error("serve: %s must be a whole number from %ld to %ld", opt, lo, hi);
    *out = v;
    return 0;
}

#define PEM_MAX (1u << 20)

struct tls_files {
    const char *cert_path, *key_path;
    struct buf cert, key;
};

/* A whole PEM file into b, NUL-terminated (MHD reads it as a C string). */
static int read_pem(const char *opt, const char *path, struct buf *b)
{
    char chunk[4096];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (f == NULL)
        return cli_usage_error("serve: %s: cannot open '%s'", opt, path);
    b->limit = PEM_MAX;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(b, chunk, n) != 0) {
            fclose(f);
            return cli_usage_error("serve: %s: '%s' is larger than 1 MiB", opt, path);
        }
    if (ferror(f) || b->len == 0 || memchr(buf_cstr(b), '\0', b->len) != NULL) {
        fclose(f);
        return cli_usage_error("serve: %s: '%s' is not a readable PEM file", opt, path);
    }
    fclose(f);
    return 0;
}

static int load_tls(struct tls_files *t, struct web_config *cfg)
{
    if (t->cert_path == NULL && t->key_path == NULL)
        return 0;
    if (t->cert_path == NULL || t->key_path == NULL)
        return cli_usage_error("serve: --tls-cert and --tls-key go together");
    if (read_pem("--tls-cert", t->cert_path, &t->cert) != 0
        || read_pem("--tls-key", t->key_path, &t->key) != 0)
        return EXIT_USAGE;
    cfg->tls_cert_pem = buf_cstr(&t->cert);
    cfg->tls_key_pem = buf_cstr(&t->key);
    return 0;
}

static void tls_files_release(struct tls_files *t)
{
    if (t->key.len > 0)
        sodium_memzero(t->key.data, t->key.len);
    buf_release(&t->cert);
    buf_release(&t->key);
}

static int parse_opts(int argc, char **argv, struct web_config *cfg, struct tls_files *tls)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},      {"pg", required_argument, NULL, 'p'},
        {"addr", required_argument, NULL, 'a'},    {"port", required_argument, NULL, 'P'},
        {"threads", required_argument, NULL, 't'}, {"secure-cookies", no_argument, NULL, 's'},
        {"per-ip-limit", required_argument, NULL, 'i'},
        {"public-url", required_argument, NULL, 'u'},
        {"request-timeout", required_argument, NULL, 'r'},
        {"tls-cert", required_argument, NULL, 'C'}, {"tls-key", required_argument, NULL, 'K'},
        {NULL, 0, NULL, 0}};
    long v;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg->target.sqlite_path = optarg; break;
        case 'p': cfg->target.pg_conninfo = optarg; break;
        case 'a': cfg->addr = optarg; break;
        case 'P':
            if (parse_number("--port", optarg, 0, 65535, &v) != 0)
                return EXIT_USAGE;
            cfg->port = (uint16_t)v;
            break;
        case 't':
            if (parse_number("--threads", optarg, 1, 64, &v) != 0)
                return EXIT_USAGE;
            cfg->threads = (unsigned)v;
            break;
        case 'i':
            if (parse_number("--per-ip-limit", optarg, 1, 100000, &v) != 0)
                return EXIT_USAGE;
            cfg->per_ip_limit = (unsigned)v;
            break;
        case 'r':
            if (parse_number("--request-timeout", optarg, 1, 3600, &v) != 0)
                return EXIT_USAGE;
            cfg->request_seconds = (unsigned)v;
            break;
        case 's': cfg->secure_cookies = true; break;
        case 'C': tls->cert_path = optarg; break;
        case 'K': tls->key_path = optarg; break;
        case 'u':
            /* the link back in calendar events (docs/calendar-ics.md) */
            if (strncmp(optarg, "https://", 8) != 0 && strncmp(optarg, "http://", 7) != 0)
                return cli_usage_error("serve: --public-url: an http:// or https:// URL");
            if (strpbrk(optarg, " \"<>\r\n") != NULL)
                return cli_usage_error("serve: --public-url: no spaces, quotes or brackets");
            cfg->public_url = optarg;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("serve: unexpected argument '%s'", argv[optind]);
    if ((cfg->target.sqlite_path == NULL) == (cfg->target.pg_conninfo == NULL))
        return cli_usage_error("usage: samanvay serve (--db F | --pg CONNINFO) [--addr A] "
                               "[--port P]");
    return 0;
}

static void log_event(const char *event, const char *key, const char *value)
{
    struct buf line = BUF_INIT;

    if (buf_printf(&line, " event=%s", event) == 0 && (key == NULL || log_put(&line, key, value) == 0))
        log_emit(&line);
    buf_release(&line);
}

static void log_listening(const struct web_config *cfg, const struct web_server *srv)
{
    struct buf line = BUF_INIT;

    if (buf_puts(&line, " event=listening") == 0 && log_put(&line, "addr", cfg->addr) == 0
        /* pid: a script that restarts the server on the same log finds
         * this start's line, not the last one's (tests/web/web.sh). */
        && buf_printf(&line, " port=%u pid=%ld threads=%u hindi=%s tls=%s", (unsigned)web_server_port(srv),
                      (long)getpid(),
                      cfg->threads, web_server_has_hindi(srv) ? "yes" : "no",
                      cfg->tls_cert_pem ? "yes" : "no") == 0)
        log_emit(&line);
    buf_release(&line);
    if (!web_server_has_hindi(srv))
        log_event("warning", "msg", "the hi_IN.UTF-8 locale is not installed, so Hindi pages "
                                    "are served in English; run scripts/ensure-deps");
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
    struct web_config cfg;
    struct tls_files tls = {NULL, NULL, BUF_INIT, BUF_INIT};
    struct web_server *srv;
    struct err e;
    sigset_t stop;
    int rc, sig = 0;

    web_config_defaults(&cfg);
    /* The same scheme files `schemes` and `eligible` read, so the API
     * answers as the command line does. */
    cfg.schemes_dir = getenv("SAMANVAY_SCHEMES");
    if ((rc = parse_opts(argc, argv, &cfg, &tls)) != 0 || (rc = load_tls(&tls, &cfg)) != 0) {
        tls_files_release(&tls);
        return rc;
    }
    /* LANGUAGE would override every per-request language in gettext. */
    unsetenv("LANGUAGE");
    signal(SIGPIPE, SIG_IGN);
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    if (web_server_new(&cfg, ctx->ref, &srv, &e) != 0) {
        tls_files_release(&tls);
        return cli_usage_error("serve: %s", e.msg);
    }
    log_listening(&cfg, srv);
    while (sigwait(&stop, &sig) != 0)
        ;
    log_event("stopping", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM");
    web_server_free(srv);
    tls_files_release(&tls);
    log_event("stopped", NULL, NULL);
    return 0;
}
