/* samanvay overlap (--db F | --pg CONNINFO) [--json] [--awareness]
 *                  [--on DATE] [--window-days N] [--purpose P] [--amount RS]
 *
 * Overlap between every pair of schemes: eligibility (Jaccard of the
 * eligible sets over the whole population), objectives and target groups
 * (from the scheme files), beneficiaries (enterprises that availed both),
 * and double-funding alerts (one enterprise, one purpose, two schemes,
 * within --window-days, 365 by default). --awareness adds the awareness
 * gap: eligible but never applied, by district, segment and scheme, with
 * small cells withheld. --purpose/--amount set the need every enterprise
 * is assumed to have (working capital of ₹5 lakh by default; "unknown"
 * leaves it unknown, and rules that read it stay unknown). Without --json
 * a short summary. docs/overlap.md. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/money.h"
#include "core/profile.h"
#include "store/store.h"
#include "store/store_overlap.h"

/* The pair of highest Jaccard, or NULL when there is none. */
static const struct overlap_pair *top_pair(const struct overlap_pair *p, size_t n)
{
    const struct overlap_pair *best = NULL;

    for (size_t k = 0; k < n; k++)
        if (best == NULL || p[k].jaccard > best->jaccard)
            best = &p[k];
    return best;
}

static int print_summary(const struct overlap_report *r, bool awareness)
{
    const struct overlap_pair *e = top_pair(r->eligibility, r->n_pairs);
    const struct overlap_pair *b = top_pair(r->beneficiary, r->n_pairs);

    if (printf("population %zu, schemes %zu, pairs %zu\n", r->population, r->n_schemes, r->n_pairs) < 0)
        return cli_write_failed("overlap");
    if (e != NULL
        && printf("eligibility: highest Jaccard %.3f (%s, %s: %lld both)\n", e->jaccard,
                  r->cat->schemes[e->a].id, r->cat->schemes[e->b].id, (long long)e->both) < 0)
        return cli_write_failed("overlap");
    if (b != NULL
        && printf("beneficiaries: highest Jaccard %.3f (%s, %s: %lld both)\n", b->jaccard,
                  r->cat->schemes[b->a].id, r->cat->schemes[b->b].id, (long long)b->both) < 0)
        return cli_write_failed("overlap");
    if (printf("double funding alerts %zu (window %d days)\n", r->n_alerts, r->window_days) < 0)
        return cli_write_failed("overlap");
    if (awareness
        && printf("awareness gap: %lld of %lld eligible enterprises never applied for a scheme they are "
                  "eligible for (%lld enterprise-scheme pairs)\n",
                  (long long)r->total.gap, (long long)r->total.eligible, (long long)r->total.gap_pairs) < 0)
        return cli_write_failed("overlap");
    return 0;
}

struct args {
    const char *db, *pg;
    bool json, awareness;
    struct overlap_options o;
};

static int parse_args(struct cli_ctx *ctx, int argc, char **argv, struct args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},      {"pg", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},          {"awareness", no_argument, NULL, 'a'},
        {"on", required_argument, NULL, 'o'},      {"window-days", required_argument, NULL, 'w'},
        {"purpose", required_argument, NULL, 'u'}, {"amount", required_argument, NULL, 'm'},
        {NULL, 0, NULL, 0}};
    struct err e;
    char *end;
    long w;
    int c;

    memset(a, 0, sizeof *a);
    a->o.as_of = ctx->today;
    a->o.window_days = OVERLAP_DEFAULT_WINDOW_DAYS;
    a->o.need_purpose = OVERLAP_DEFAULT_PURPOSE;
    a->o.need_amount = OVERLAP_DEFAULT_AMOUNT;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'j': a->json = true; break;
        case 'a': a->awareness = true; break;
        case 'o':
            if (cli_date_opt("overlap", "on", optarg, &a->o.as_of) != 0)
                return EXIT_USAGE;
            break;
        case 'w':
            w = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || w < 0 || w > OVERLAP_MAX_WINDOW_DAYS)
                return cli_usage_error("overlap: --window-days takes 0 to %d days", OVERLAP_MAX_WINDOW_DAYS);
            a->o.window_days = (int)w;
            break;
        case 'u':
            if (strcmp(optarg, "unknown") == 0)
                a->o.need_purpose = NULL;
            else if (profile_enum_index(PF_NEED_PURPOSE, optarg) < 0)
                return cli_usage_error("overlap: --purpose: unknown purpose '%s'", optarg);
            else
                a->o.need_purpose = optarg;
            break;
        case 'm':
            if (strcmp(optarg, "unknown") == 0)
                a->o.need_amount = -1;
            else if (money_parse(optarg, strlen(optarg), false, &a->o.need_amount, &e) != 0)
                return cli_usage_error("overlap: --amount: %s", e.msg);
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("overlap: unexpected argument '%s'", argv[optind]);
    return 0;
}

int cmd_overlap(struct cli_ctx *ctx, int argc, char **argv)
{
    struct catalog *cat = NULL;
    struct overlap_run run;
    struct args a;
    struct store *s;
    struct err e = {0};
    int c;

    if ((c = parse_args(ctx, argc, argv, &a)) != 0)
        return c;
    if ((c = cli_store_open(a.db, a.pg, &s)) != 0)
        return c;
    if ((c = cli_catalog_load(NULL, &cat)) != 0) {
        store_close(s);
        return c;
    }
    c = store_overlap_load(s, cat, ctx->ref, &a.o, &run, &e);
    store_close(s);
    if (c != 0) {
        catalog_free(cat);
        cli_error("overlap: %s", e.msg);
        return EXIT_USAGE;
    }
    c = a.json ? cli_print_json("overlap", overlap_report_json(&run.report, a.awareness), 0) : print_summary(&run.report, a.awareness);
    store_overlap_release(&run);
    catalog_free(cat);
    if (c == 0 && fflush(stdout) != 0)
        c = cli_write_failed("overlap");
    return c;
}
