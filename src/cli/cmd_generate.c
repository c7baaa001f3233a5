/* samanvay generate --enterprises N [--seed S] [--as-of DATE] --out DIR
 *                   [--threads T]
 *
 * Writes the eight synthetic feeds, ground truth under DIR/truth/ and
 * DIR/manifest.json (docs/generator.md). The same arguments give the same
 * bytes, whatever --threads is. A progress line goes to stderr only when
 * stderr is a terminal. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"
#include "gen/gen.h"

#define DEFAULT_SEED 1
#define MAX_SEED 9007199254740991ULL   /* 2^53 - 1: exact in every JSON reader */
#define DEFAULT_THREADS 2
#define MAX_THREADS 64

struct generate_opts {
    struct gen_config cfg;
    bool have_enterprises;
};

/* A whole decimal number in [lo, hi]; no sign, spaces or suffixes. */
static int parse_count(const char *s, unsigned long long lo, unsigned long long hi,
                       unsigned long long *out)
{
    unsigned long long v = 0;

    if (*s == '\0' || strlen(s) > 20)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (hi - (unsigned long long)(*p - '0')) / 10)
            return -1;
        v = v * 10 + (unsigned long long)(*p - '0');
    }
    if (v < lo)
        return -1;
    *out = v;
    return 0;
}

static int parse_as_of(const struct cli_ctx *ctx, const char *arg, int32_t *out)
{
    char today[DATE_STR_LEN], earliest[DATE_STR_LEN];
    struct err e;

    if (date_parse(arg, strlen(arg), out, &e) != 0)
        return cli_usage_error("generate: --as-of: %s", e.msg);
    date_format(ctx->today, today);
    date_format(gen_earliest_as_of(), earliest);
    if (*out > ctx->today)
        return cli_usage_error("generate: --as-of %s is after today (%s)", arg, today);
    if (*out < gen_earliest_as_of())
        return cli_usage_error("generate: --as-of %s is before Udyam registration began (%s)", arg,
                               earliest);
    return 0;
}

/* One option; `arg` is the command-line word, for messages. getopt's own
 * messages are off so that every error is one "samanvay: " line. */
static int parse_one(const struct cli_ctx *ctx, int c, const char *arg, struct generate_opts *o)
{
    unsigned long long v;

    switch (c) {
    case 'n':
        if (parse_count(optarg, 1, GEN_MAX_ENTERPRISES, &v) != 0)
            return cli_usage_error("generate: --enterprises must be a whole number from 1 to %llu",
                                   (unsigned long long)GEN_MAX_ENTERPRISES);
        o->cfg.enterprises = v;
        o->have_enterprises = true;
        return 0;
    case 's':
        if (parse_count(optarg, 0, MAX_SEED, &v) != 0)
            return cli_usage_error("generate: --seed must be a whole number from 0 to %llu", MAX_SEED);
        o->cfg.seed = v;
        return 0;
    case 'a':
        return parse_as_of(ctx, optarg, &o->cfg.as_of);
    case 'o':
        o->cfg.out_dir = optarg;
        return 0;
    case 't':
        if (parse_count(optarg, 1, MAX_THREADS, &v) != 0)
            return cli_usage_error("generate: --threads must be from 1 to %d", MAX_THREADS);
        o->cfg.threads = (int)v;
        return 0;
    case ':':
        return cli_usage_error("generate: %s needs a value", arg);
    default:
        return cli_usage_error("generate: unknown option '%s'", arg);
    }
}

static int parse_opts(const struct cli_ctx *ctx, int argc, char **argv, struct generate_opts *o)
{
    static const struct option longopts[] = {
        {"enterprises", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
        {"as-of", required_argument, NULL, 'a'},       {"out", required_argument, NULL, 'o'},
        {"threads", required_argument, NULL, 't'},     {NULL, 0, NULL, 0}};
    int c, rc;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1)
        if ((rc = parse_one(ctx, c, argv[optind - 1], o)) != 0)
            return rc;
    if (optind < argc)
        return cli_usage_error("generate: unexpected argument '%s'", argv[optind]);
    if (!o->have_enterprises || o->cfg.out_dir == NULL)
        return cli_usage_error("usage: samanvay generate --enterprises N [--seed S] "
                               "[--as-of DATE] --out DIR");
    return 0;
}

/* Redraw the line at each whole percent. */
static void progress(void *arg, uint64_t done, uint64_t total)
{
    int *shown = arg, pct = (int)(done * 100 / total);

    if (pct == *shown)
        return;
    *shown = pct;
    fprintf(stderr, "\rgenerate: %llu/%llu enterprises (%d%%)", (unsigned long long)done,
            (unsigned long long)total, pct);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n < 1 ? 1 : n < DEFAULT_THREADS ? (int)n : DEFAULT_THREADS;
}

int cmd_generate(struct cli_ctx *ctx, int argc, char **argv)
{
    struct generate_opts o;
    struct err e;
    int shown = -1, rc;

    memset(&o, 0, sizeof o);
    o.cfg.seed = DEFAULT_SEED;
    date_from_ymd(2026, 9, 30, &o.cfg.as_of);
    o.cfg.threads = default_threads();
    if ((rc = parse_opts(ctx, argc, argv, &o)) != 0)
        return rc;
    if (o.cfg.as_of > ctx->today)
        return cli_usage_error("generate: the default --as-of 2026-09-30 is after today; give --as-of");
    if (isatty(STDERR_FILENO)) {
        o.cfg.progress = progress;
        o.cfg.progress_arg = &shown;
    }
    if (gen_run(&o.cfg, ctx->ref, &e) != 0) {
        cli_error("generate: %s", e.msg);
        return EXIT_USAGE;
    }
    return 0;
}
