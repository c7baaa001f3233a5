/* samanvay insights --enterprise ID (--db F | --pg C) [--json]
 *
 * One enterprise's market insights and sustainability (docs/insights.md,
 * docs/sustainability.md): turnover growth and export share as percentiles
 * among peers (district + NIC group, widened when fewer than 5), the
 * public-procurement targets and trade-fair components it qualifies for,
 * its declared energy and CO2 with units and sources, its division's
 * intensity benchmark, the ESG checklist and the green schemes. Exit 0, 1
 * when there is no such enterprise, 2 on a usage or store error. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "golden/enterprise_insights.h"
#include "rules/scheme.h"
#include "store/store.h"

struct insights_args {
    const char *db, *pg;
    int64_t id;
    bool json;
};

static int parse_args(int argc, char **argv, struct insights_args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"pg", required_argument, NULL, 'p'},
        {"enterprise", required_argument, NULL, 'e'}, {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0}};
    char *end;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'j': a->json = true; break;
        case 'e':
            a->id = strtoll(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || a->id <= 0)
                return cli_usage_error("insights: --enterprise must be a positive id");
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind != argc || a->id == 0)
        return cli_usage_error("usage: samanvay insights --enterprise ID (--db F | --pg C) [--json]");
    return 0;
}

static void print_metric(const char *what, const struct market_metric *m, double scale,
                         const char *unit)
{
    if (!m->known)
        printf("%s: not known for this enterprise\n", what);
    else
        printf("%s: %.1f%s\n", what, m->value * scale, unit);
    if (m->level == PEER_NONE)
        printf("  peers: fewer than 5 others with the figure, even nationally; not compared\n");
    else if (m->known)
        printf("  percentile %.0f among %lld peers (%s); peer median %.1f%s\n", m->percentile,
               (long long)m->peers[m->level], peer_level_code(m->level), m->peer_median * scale,
               unit);
    else
        printf("  peer median %.1f%s (%s)\n", m->peer_median * scale, unit,
               peer_level_code(m->level));
}

static const char *tri_word(int v)
{
    return v < 0 ? "cannot tell" : v ? "yes" : "no";
}

static void print_text(const struct insights_env *env, const struct enterprise_insights *x)
{
    const struct insight_tables *t = env->tables;
    char fy[8];

    printf("enterprise %lld, NIC group %s\n", (long long)x->ent.id, x->nic_group[0] ? x->nic_group : "-");
    if (x->window_end[0])
        printf("GST window: 12 months to %s vs the 12 before\n", x->window_end);
    print_metric("turnover growth", &x->metric[METRIC_GROWTH], 100.0, "%");
    print_metric("export share", &x->metric[METRIC_EXPORT_SHARE], 100.0, "% of turnover");
    printf("public procurement (Public Procurement Policy for MSEs):\n");
    for (size_t i = 0; i < t->n_targets; i++)
        printf("  %g%% %s: qualifies %s; national progress %s\n", t->targets[i].share_pct,
               t->targets[i].label, tri_word(x->target_ok[i]),
               t->targets[i].progress_confirmed ? "given in --json" : "unconfirmed");
    printf("trade fairs:\n");
    for (size_t i = 0; i < t->n_fairs; i++)
        printf("  %s %s: qualifies %s%s\n", t->fairs[i].programme, t->fairs[i].component,
               tri_word(x->fair_ok[i]), t->fairs[i].confirmed ? "" : " (rates unconfirmed)");
    if (!x->fp.declared) {
        printf("energy: none declared\n");
    } else {
        emission_fy_format(x->fp.fy, fy);
        printf("energy %s: %.1f GJ, %.3f tCO2", fy, x->fp.gj, x->fp.tco2);
        if (x->fp.intensity_known)
            printf(", %.5f tCO2 per lakh rupees of turnover", x->fp.tco2_per_lakh);
        putchar('\n');
        for (int s = 0; s < ES_COUNT; s++)
            if (x->fp.has[s])
                printf("  %s %.3f %s x %.4f kgCO2/%s = %.3f tCO2 [%s]\n",
                       energy_source_code((enum energy_source)s),
                       (double)x->fp.line[s].decl.quantity_milli / 1000.0, x->fp.line[s].factor.unit,
                       x->fp.line[s].factor.kgco2_per_unit, x->fp.line[s].factor.unit,
                       x->fp.line[s].kgco2 / 1000.0, x->fp.line[s].factor.source_text);
    }
    printf("ESG readiness:\n");
    for (size_t i = 0; i < t->n_esg; i++)
        printf("  %s: %s%s%s\n", t->esg[i].label, tri_word(x->esg[i]), x->esg_value[i][0] ? ", " : "",
               x->esg_value[i]);
    for (size_t i = 0; i < x->n_green; i++)
        printf("green scheme %s (for %s): %s\n", x->green[i].scheme->id, x->green[i].asked_for,
               status_name(x->green[i].status));
}

int cmd_insights(struct cli_ctx *ctx, int argc, char **argv)
{
    struct insights_args a = {0};
    struct insight_tables *tables = NULL;
    struct emission_factors factors;
    struct survivorship *rules = NULL;
    struct catalog *cat = NULL;
    struct enterprise_insights x;
    struct store *s = NULL;
    struct err e;
    bool found = false;
    int rc;

    memset(&x, 0, sizeof x);
    if ((rc = parse_args(argc, argv, &a)) != 0)
        return rc;
    tables = mem_calloc(1, sizeof *tables);
    if (tables == NULL)
        return cli_usage_error("insights: out of memory");
    if (insight_tables_load(tables, &e) != 0 || emission_factors_load(&factors, &e) != 0
        || survivorship_load(&rules, &e) != 0) {
        rc = cli_usage_error("insights: %s", e.msg);
        goto out;
    }
    if ((rc = cli_catalog_load(NULL, &cat)) != 0 || (rc = cli_store_open(a.db, a.pg, &s)) != 0)
        goto out;
    {
        struct insights_env env = {ctx->ref, rules, tables, &factors, cat, ctx->today};
        if (store_begin_read(s, &e) != 0) {
            rc = cli_usage_error("insights: %s", e.msg);
            goto out;
        }
        rc = enterprise_insights_load(s, &env, a.id, &x, &found, &e);
        store_rollback(s);
        if (rc != 0) {
            rc = cli_usage_error("insights: %s", e.msg);
            goto out;
        }
        if (!found) {
            cli_error("insights: no enterprise %lld", (long long)a.id);
            rc = EXIT_NEGATIVE;
            goto out;
        }
        if (a.json) {
            json_t *j = enterprise_insights_json(&env, &x);
            rc = j == NULL || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(8)) != 0
                 || putchar('\n') == EOF || fflush(stdout) != 0;
            json_decref(j);
            if (rc != 0)
                rc = cli_usage_error("insights: cannot write the answer");
        } else {
            print_text(&env, &x);
            /* A failed write is an error, never a silent short answer. */
            if (fflush(stdout) != 0 || ferror(stdout))
                rc = cli_usage_error("insights: cannot write the answer");
        }
    }
out:
    enterprise_insights_free(&x);
    if (s)
        store_close(s);
    catalog_free(cat);
    survivorship_free(rules);
    mem_free(tables);
    return rc;
}
