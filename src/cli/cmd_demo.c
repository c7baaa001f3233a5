/* samanvay demo [--db F | --pg CONNINFO] [--addr A] [--port P] [--enterprises N] [--seed S]
 *
 * The README's main job: on first run, create the database, generate the
 * synthetic feeds, load them, create the demo accounts (docs/demo.md), and
 * serve the portal. Later runs find the data and only serve. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"
#include "gen/gen.h"
#include "ingest/ingest.h"
#include "ingest/progress.h"
#include "store/store.h"
#include "web/demo_accounts.h"
#include "web/demo_portal.h"

struct demo_opts {
    const char *db, *pg, *addr, *port;
    uint64_t enterprises, seed;
};

static int parse_opts(int argc, char **argv, struct demo_opts *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},          {"addr", required_argument, NULL, 'a'},
        {"port", required_argument, NULL, 'p'},        {"enterprises", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},        {"pg", required_argument, NULL, 'g'},
        {NULL, 0, NULL, 0}};
    char *end;
    int c;

    o->db = NULL;
    o->pg = NULL;
    o->addr = "127.0.0.1";
    o->port = "8080";
    o->enterprises = 20000;
    o->seed = 1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'g': o->pg = optarg; break;
        case 'a': o->addr = optarg; break;
        case 'p': o->port = optarg; break;
        case 'n':
            o->enterprises = strtoull(optarg, &end, 10);
            if (*end || o->enterprises < 1 || o->enterprises > 10000000)
                return cli_usage_error("demo: --enterprises must be 1..10000000");
            break;
        case 's':
            o->seed = strtoull(optarg, &end, 10);
            if (*end)
                return cli_usage_error("demo: --seed must be a number");
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("demo: unexpected argument '%s'", argv[optind]);
    if (o->db != NULL && o->pg != NULL)
        return cli_usage_error("demo: give --db or --pg, not both");
    if (o->pg == NULL && o->db == NULL)
        o->db = "samanvay.db";
    return 0;
}

static void show_progress(void *arg, uint64_t done, uint64_t total)
{
    progress_update(arg, done, done);
    (void)total;
}

/* Every feed the generator wrote, Udyam first so the others link to it. */
static int load_feeds(struct cli_ctx *ctx, struct store *s, const char *dir, struct err *e)
{
    static const char *const feeds[] = {"udyam", "gst", "credit", "skilling", "cluster",
                                        "cluster_member", "cfc_usage", "beneficiary", "energy", "epfo",
                                        "consent"};
    struct ingest_options io = {0};
    struct ingest_summary sum;
    char path[4200];

    io.today = ctx->today;
    for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.csv", dir, feeds[i]);
        io.feed = feeds[i];
        io.path = path;
        if (ingest_file(s, ctx->ref, &io, &sum, e) != 0)
            return err_prefix(e, "%s: ", feeds[i]);
        fprintf(stderr, "samanvay: demo: %s: %lld rows, %lld loaded (%lld linked, %lld new "
                        "enterprises), %lld quarantined (injected errors)\n",
                feeds[i], (long long)sum.rows, (long long)sum.loaded, (long long)sum.linked,
                (long long)sum.new_entities, (long long)sum.quarantined);
    }
    return 0;
}

/* Generate the feeds next to the database and load them. */
static int load_demo_data(struct cli_ctx *ctx, struct store *s, const struct demo_opts *o,
                          struct err *e)
{
    char dir[4096];
    struct gen_config g = {0};
    struct progress bar;

    /* Next to the database file; for PostgreSQL, in the working directory. */
    snprintf(dir, sizeof dir, "%s.feeds", o->db != NULL ? o->db : "samanvay-pg");
    g.enterprises = o->enterprises;
    g.seed = o->seed;
    g.as_of = ctx->today < gen_earliest_as_of() ? gen_earliest_as_of() : ctx->today - 1;
    g.out_dir = dir;
    g.threads = 2;
    progress_start(&bar, "generate", o->enterprises, false);
    g.progress = show_progress;
    g.progress_arg = &bar;
    fprintf(stderr, "samanvay: demo: generating %llu enterprises into %s\n",
            (unsigned long long)o->enterprises, dir);
    if (gen_run(&g, ctx->ref, e) != 0)
        return -1;
    progress_finish(&bar, o->enterprises);
    return load_feeds(ctx, s, dir, e);
}

static int prepare(struct cli_ctx *ctx, const struct demo_opts *o)
{
    struct store *s;
    struct err e;
    int64_t n = 0;
    int applied, rc;

    if ((rc = cli_store_open(o->db, o->pg, &s)) != 0)
        return rc;
    rc = store_migrate(s, &applied, &e) != 0 || store_enterprise_count(s, &n, &e) != 0;
    if (rc == 0 && n == 0)
        rc = load_demo_data(ctx, s, o, &e) != 0;
    else if (rc == 0)
        fprintf(stderr, "samanvay: demo: using %s (%lld enterprises already loaded)\n",
                o->db != NULL ? o->db : o->pg, (long long)n);
    if (rc == 0)
        rc = web_demo_accounts_create(s, &e) != 0;
    if (rc == 0)
        rc = web_demo_portal_create(s, ctx->ref, ctx->today, &e) != 0;
    store_close(s);
    if (rc != 0)
        return cli_usage_error("demo: %s", e.msg);
    return 0;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    struct demo_opts o;
    int rc;

    if ((rc = parse_opts(argc, argv, &o)) != 0 || (rc = prepare(ctx, &o)) != 0)
        return rc;
    fprintf(stderr, "samanvay: demo: accounts are listed in docs/demo.md\n");
    {
        char *serve_argv[] = {"serve", o.db != NULL ? "--db" : "--pg", (char *)(o.db != NULL ? o.db : o.pg),
                              "--addr", (char *)o.addr,
                              "--port", (char *)o.port, NULL};
        return cmd_serve(ctx, 7, serve_argv);
    }
}
