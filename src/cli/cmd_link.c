/* samanvay link --config FILE.yaml --left A.csv [--right B.csv] --out PAIRS.csv
 *                [--report REPORT.json] [--quiet]
 *
 * Record linkage driven by a column mapping (docs/linkage.md). Exit 0 when
 * the pairs were written, 2 on a usage or input error (one line on
 * stderr naming file, line and column). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ingest/progress.h"
#include "link/link.h"
#include "link/parallel.h"

struct link_args {
    const char *config, *left, *right, *out, *report;
    bool quiet;
};

static int parse_args(int argc, char **argv, struct link_args *a)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'}, {"left", required_argument, NULL, 'l'},
        {"right", required_argument, NULL, 'r'},  {"out", required_argument, NULL, 'o'},
        {"report", required_argument, NULL, 'j'}, {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': a->config = optarg; break;
        case 'l': a->left = optarg; break;
        case 'r': a->right = optarg; break;
        case 'o': a->out = optarg; break;
        case 'j': a->report = optarg; break;
        case 'q': a->quiet = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind != argc || a->config == NULL || a->left == NULL || a->out == NULL)
        return cli_usage_error("usage: samanvay link --config FILE.yaml --left A.csv [--right B.csv] "
                               "--out PAIRS.csv [--report REPORT.json] [--quiet]");
    return 0;
}

struct stage_line {
    bool on;
    double t0;
};

static void print_stage(void *ctx, const char *what)
{
    struct stage_line *s = ctx;

    if (s->on)
        fprintf(stderr, "\rlink: %-30s %6.1f s\033[K", what, progress_now() - s->t0);
}

static int load_side(const struct link_config *cfg, int side, const char *path, struct link_records **out,
                     struct err *e)
{
    struct link_records *r = records_new(cfg, side, e);

    if (r == NULL)
        return -1;
    if (records_load_csv(r, path, e) != 0 || records_finish(r, cfg->threads, e) != 0) {
        records_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

static long peak_rss_kib(void)
{
    struct rusage ru;

    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static int write_outputs(const struct link_args *a, const struct link_result *res, double load_s, double run_s,
                         struct err *e)
{
    FILE *f = fopen(a->out, "wb");
    size_t n = res->left->n + (res->right ? res->right->n : 0);
    long rss = peak_rss_kib();
    int rc;

    if (f == NULL)
        return err_set(e, "%s: cannot open for writing", a->out);
    rc = link_write_pairs(res, f, e);
    if (fclose(f) != 0 && rc == 0)
        rc = err_set(e, "%s: cannot write", a->out);
    if (rc != 0)
        return err_prefix(e, "%s: ", a->out);
    if (a->report != NULL) {
        json_t *extra = json_pack("{s:f, s:f, s:I, s:f, s:i}", "load_seconds", load_s, "run_seconds", run_s,
                                  "peak_rss_kib", (json_int_t)rss, "bytes_per_record",
                                  n ? (double)rss * 1024.0 / (double)n : 0.0, "threads",
                                  link_threads(res->cfg->threads));
        rc = link_write_report(res, a->report, extra, e);
        json_decref(extra);
    }
    return rc;
}

int cmd_link(struct cli_ctx *ctx, int argc, char **argv)
{
    struct link_args a = {0};
    struct link_config *cfg = NULL;
    struct link_records *left = NULL, *right = NULL;
    struct link_result *res = NULL;
    struct stage_line sl = {false, progress_now()};
    struct link_hooks hooks = {print_stage, &sl};
    struct err e;
    double t_load;
    int rc;

    (void)ctx;
    if ((rc = parse_args(argc, argv, &a)) != 0)
        return rc;
    rc = EXIT_USAGE;
    sl.on = !a.quiet && isatty(2);
    if ((cfg = link_config_load_file(a.config, &e)) == NULL)
        goto fail;
    if ((cfg->mode == LINK_MODE_LINK) != (a.right != NULL)) {
        cli_error("link: %s: mode %s %s", a.config, cfg->mode == LINK_MODE_LINK ? "link" : "dedup",
                  cfg->mode == LINK_MODE_LINK ? "needs --right" : "takes no --right");
        goto done;
    }
    print_stage(&sl, "reading and normalizing");
    if (load_side(cfg, 0, a.left, &left, &e) != 0 || (a.right != NULL && load_side(cfg, 1, a.right, &right, &e) != 0))
        goto fail;
    t_load = progress_now() - sl.t0;
    if (link_run(cfg, left, right, &hooks, &res, &e) != 0)
        goto fail;
    print_stage(&sl, "writing");
    if (write_outputs(&a, res, t_load, progress_now() - sl.t0 - t_load, &e) != 0)
        goto fail;
    if (sl.on)
        fputc('\n', stderr);
    if (!a.quiet)
        link_print_summary(res, stderr);
    rc = 0;
    goto done;
fail:
    if (sl.on)
        fputc('\n', stderr);
    cli_error("link: %s", e.msg);
done:
    link_result_free(res);
    records_free(left);
    records_free(right);
    link_config_free(cfg);
    return rc;
}
