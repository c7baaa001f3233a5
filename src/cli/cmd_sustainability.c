/* samanvay sustainability --enterprise ID | --clusters (--db F | --pg C) [--json]
 *
 *   --enterprise ID  the enterprise's declared energy and CO2 (the
 *                    sustainability half of `samanvay insights`)
 *   --clusters       the aggregates: intensity benchmarks by NIC division
 *                    (tCO2 per lakh rupees, quartiles) and registered
 *                    clusters' total tCO2, each withheld under 5 enterprises
 * docs/sustainability.md. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "golden/sustainability_overview.h"
#include "store/store.h"

#include "analytics/suppress.h"

static bool suppress_total(const struct sustainability_overview *o)
{
    return suppress_cell((int64_t)o->n_units);
}

/* The factors in force for the latest grid year, each with its reference. */
static void print_factors(const struct emission_factors *f)
{
    json_t *a = sustainability_factor_sources(f);
    size_t i;
    json_t *x;

    printf("factors (CO2 only; CH4 and N2O not included):\n");
    json_array_foreach(a, i, x)
        printf("  %s: %.4f %s [%s]\n", json_string_value(json_object_get(x, "source")),
               json_real_value(json_object_get(x, "kgco2_per_unit")),
               json_string_value(json_object_get(x, "factor_unit")),
               json_string_value(json_object_get(x, "reference")));
    json_decref(a);
}

static void print_overview(const struct sustainability_overview *o)
{
    printf("enterprises with a footprint: %zu\n", o->n_units);
    if (!suppress_total(o))
        printf("total: %.3f tCO2\n", o->total_tco2);
    printf("intensity benchmarks (tCO2 per lakh rupees of turnover), by NIC division:\n");
    for (size_t i = 0; i < o->n_bench; i++) {
        const struct sector_benchmark *b = &o->bench[i];
        if (b->q.suppressed)
            printf("  %s: fewer than 5 enterprises, withheld\n", b->division);
        else
            printf("  %s: n %lld, q1 %.5f, median %.5f, q3 %.5f\n", b->division, (long long)b->q.n,
                   b->q.q1, b->q.median, b->q.q3);
    }
    printf("registered clusters (members' tCO2):\n");
    for (size_t i = 0; i < o->n_clusters; i++) {
        const struct cluster_emissions *c = &o->clusters[i];
        if (c->suppressed)
            printf("  %s: %lld members, %lld declared: withheld\n", c->cluster_id,
                   (long long)c->members, (long long)c->declared);
        else
            printf("  %s: %lld members, %lld declared: %.3f tCO2\n", c->cluster_id,
                   (long long)c->members, (long long)c->declared, c->tco2);
    }
}

static int run_clusters(const char *db, const char *pg, bool json)
{
    struct emission_factors f;
    struct sustainability_overview o;
    struct store *s;
    struct err e;
    int rc;

    if (emission_factors_load(&f, &e) != 0)
        return cli_usage_error("sustainability: %s", e.msg);
    if ((rc = cli_store_open(db, pg, &s)) != 0)
        return rc;
    rc = sustainability_overview_load(s, &f, &o, &e);
    store_close(s);
    if (rc != 0)
        return cli_usage_error("sustainability: %s", e.msg);
    if (json) {
        json_t *j = sustainability_overview_json(&o, &f);
        rc = j == NULL || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(8)) != 0
             || putchar('\n') == EOF || fflush(stdout) != 0;
        json_decref(j);
        if (rc != 0)
            rc = cli_usage_error("sustainability: cannot write the answer");
    } else {
        print_overview(&o);
        print_factors(&f);
        /* A failed write (a full disk, a closed pipe) is an error, never
         * a silent short answer. */
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = cli_usage_error("sustainability: cannot write the answer");
    }
    sustainability_overview_free(&o);
    return rc;
}

int cmd_sustainability(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"pg", required_argument, NULL, 'p'},
        {"enterprise", required_argument, NULL, 'e'}, {"clusters", no_argument, NULL, 'c'},
        {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
    const char *db = NULL, *pg = NULL;
    bool clusters = false, json = false, enterprise = false;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'p': pg = optarg; break;
        case 'e': enterprise = true; break;
        case 'c': clusters = true; break;
        case 'j': json = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind != argc || clusters == enterprise)
        return cli_usage_error("usage: samanvay sustainability --enterprise ID | --clusters "
                               "(--db F | --pg C) [--json]");
    if (enterprise)
        return cmd_insights(ctx, argc, argv); /* the same report; its sustainability part */
    return run_clusters(db, pg, json);
}
