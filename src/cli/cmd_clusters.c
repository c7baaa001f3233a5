/* samanvay clusters map|health (--db F | --pg CONNINFO) [--json]
 *
 *   map     location quotients and stars per district x NIC division and
 *           group from Udyam employment; detected clusters, the registered
 *           MSE-CDP / SFURTI clusters beside them, candidate regions
 *   health  per registered cluster: turnover growth, members in stress,
 *           member trend, CFC use; health index, sick flag with reasons,
 *           percentile among peers
 *
 * Without --json a short summary goes to stdout. docs/clusters.md. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "analytics/cluster_report.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "store/store.h"
#include "store/store_cluster_stats.h"

static int run_map(struct store *s, bool json, struct err *e)
{
    struct cluster_reg *regs = NULL;
    struct cluster_map m;
    int rc;

    if (store_cluster_map_load(s, &regs, &m, e) != 0)
        return -1;
    if (json)
        rc = cli_print_json("clusters", cluster_map_json(&m), 0);
    else
        rc = printf("districts %zu, enterprises %lld\n", m.districts, (long long)m.enterprises) < 0
             || printf("detected clusters %zu (division and group cells with >= 2 stars)\n", m.detected) < 0
             || printf("candidate regions %zu\n", m.candidates) < 0
             || printf("registered clusters %zu, found as specialisations %zu\n", m.n_regs,
                       m.registered_specialised) < 0
                 ? cli_write_failed("clusters") : 0;
    cluster_map_free(&m);
    mem_free(regs);
    return rc;
}

static int run_health(struct store *s, bool json, struct err *e)
{
    struct cluster_reg *regs = NULL;
    struct cluster_health_report r;
    int rc;

    if (store_cluster_health_load(s, &regs, &r, e) != 0)
        return -1;
    if (json)
        rc = cli_print_json("clusters", cluster_health_report_json(&r), 0);
    else
        rc = printf("registered clusters %zu, with a health index %zu, sick %zu (stress basis: %s)\n", r.n,
                    r.with_index, r.sick, cluster_stress_basis_code(r.basis)) < 0
                 ? cli_write_failed("clusters") : 0;
    cluster_health_report_free(&r);
    mem_free(regs);
    return rc;
}

int cmd_clusters(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"pg", required_argument, NULL, 'p'},
                                             {"json", no_argument, NULL, 'j'},
                                             {NULL, 0, NULL, 0}};
    const char *db = NULL, *pg = NULL, *what;
    bool json = false;
    struct store *s;
    struct err e = {0};
    int c;

    (void)ctx;
    if (argc < 2 || (strcmp(argv[1], "map") != 0 && strcmp(argv[1], "health") != 0))
        return cli_usage_error("clusters: say map or health (samanvay clusters map|health --db F [--json])");
    what = argv[1];
    argc--;
    argv++;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'p': pg = optarg; break;
        case 'j': json = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("clusters: unexpected argument '%s'", argv[optind]);
    if ((c = cli_store_open(db, pg, &s)) != 0)
        return c;
    c = strcmp(what, "map") == 0 ? run_map(s, json, &e) : run_health(s, json, &e);
    store_close(s);
    /* Buffered output is written at the latest here: a write error shows. */
    if (c == 0 && fflush(stdout) != 0)
        c = cli_write_failed("clusters");
    if (c < 0) {
        cli_error("clusters %s: %s", what, e.msg);
        return EXIT_USAGE;
    }
    return c;
}
