/* samanvay classify --investment RS --turnover RS [--exports RS] [--on DATE]
 *                   [--activity manufacturing|services] [--json]
 *
 * Prints one word (micro|small|medium|large), or with --json an object
 * that shows the limits applied and why. Turnover includes exports;
 * classification subtracts them. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/classify.h"
#include "core/date.h"
#include "core/money.h"

struct classify_opts {
    struct classify_input in;
    bool have_investment, have_turnover, json;
};

static int amount_opt(const char *name, const char *arg, int64_t *out)
{
    struct err e;

    if (money_parse(arg, strlen(arg), false, out, &e) != 0)
        return cli_usage_error("classify: --%s '%s': %s", name, arg, e.msg);
    return 0;
}

static int parse_opts(int argc, char **argv, struct classify_opts *o)
{
    static const struct option longopts[] = {
        {"investment", required_argument, NULL, 'i'}, {"turnover", required_argument, NULL, 't'},
        {"exports", required_argument, NULL, 'x'},    {"on", required_argument, NULL, 'o'},
        {"activity", required_argument, NULL, 'a'},   {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0}};
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (amount_opt("investment", optarg, &o->in.investment) != 0)
                return EXIT_USAGE;
            o->have_investment = true;
            break;
        case 't':
            if (amount_opt("turnover", optarg, &o->in.turnover) != 0)
                return EXIT_USAGE;
            o->have_turnover = true;
            break;
        case 'x':
            if (amount_opt("exports", optarg, &o->in.exports) != 0)
                return EXIT_USAGE;
            break;
        case 'o':
            if (cli_date_opt("classify", "on", optarg, &o->in.on) != 0)
                return EXIT_USAGE;
            break;
        case 'a':
            if (classify_activity_parse(optarg, &o->in.activity) != 0)
                return cli_usage_error("classify: --activity must be manufacturing, services or trading");
            break;
        case 'j': o->json = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("classify: unexpected argument '%s'", argv[optind]);
    if (!o->have_investment || !o->have_turnover)
        return cli_usage_error("usage: samanvay classify --investment RS --turnover RS "
                               "[--exports RS] [--on DATE] [--json]");
    return 0;
}

int cmd_classify(struct cli_ctx *ctx, int argc, char **argv)
{
    struct classify_opts o;
    struct classify_result r;
    struct err e;
    json_t *out;
    int rc;

    memset(&o, 0, sizeof o);
    o.in.on = ctx->today;
    if ((rc = parse_opts(argc, argv, &o)) != 0)
        return rc;
    if (classify(ctx->ref, &o.in, &r, &e) != 0)
        return cli_usage_error("classify: %s", e.msg);
    if (!o.json) {
        puts(msme_class_name(r.cls));
        return 0;
    }
    out = classify_result_json(&o.in, &r);
    if (out == NULL) {
        cli_error("classify: out of memory");
        return EXIT_USAGE;
    }
    json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    putchar('\n');
    json_decref(out);
    return 0;
}
