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

static int print_json(json_t *j)
{
    if (j == NULL) {
        cli_error("clusters: out of memory");
        return EXIT_USAGE;
    }
    json_dumpf(j, stdout, JSON_COMPACT | JSON_ENSURE_ASCII);
    putchar('\n');
    json_decref(j);
    return 0;
}

static int run_map(struct store *s, bool json, struct err *e)
{
    struct clusters_cell *cells = NULL;
    struct cluster_reg *regs = NULL;
    struct cluster_map m;
    size_t n = 0, n_regs = 0;
    int rc = -1;

    if (store_begin_read(s, e) != 0)
        return -1;
    if (store_cluster_employment(s, &cells, &n, e) != 0
        || store_clusters_registered(s, &regs, &n_regs, e) != 0) {
        store_rollback(s);
        mem_free(cells);
        mem_free(regs);
        return -1;
    }
    store_rollback(s);
    if (cluster_map_build(cells, n, regs, n_regs, &m, e) != 0)
        goto free_regs;
    if (json)
        rc = print_json(cluster_map_json(&m)) == 0 ? 0 : 1;
    else {
        printf("districts %zu, enterprises %lld\n", m.districts, (long long)m.enterprises);
        printf("detected clusters %zu (division and group cells with >= 2 stars)\n", m.detected);
        printf("candidate regions %zu\n", m.candidates);
        printf("registered clusters %zu, found as specialisations %zu\n", m.n_regs,
               m.registered_specialised);
        rc = 0;
    }
    cluster_map_free(&m);
free_regs:
    mem_free(regs);
    return rc;
}

static int run_health(struct store *s, bool json, struct err *e)
{
    struct cluster_reg *regs = NULL;
    struct cluster_health_input *in = NULL;
    struct cluster_health_report r;
    enum cluster_stress_basis basis = STRESS_BASIS_SMA1;
    size_t n = 0;
    int as_of = -1, rc = -1;

    if (store_begin_read(s, e) != 0)
        return -1;
    if (store_clusters_registered(s, &regs, &n, e) != 0 || store_cluster_as_of(s, &as_of, e) != 0)
        goto rollback;
    if ((in = mem_calloc(n ? n : 1, sizeof *in)) == NULL) {
        err_set(e, "out of memory");
        goto rollback;
    }
    if (as_of >= 0 && store_cluster_health_inputs(s, regs, n, as_of, in, &basis, e) != 0)
        goto rollback;
    store_rollback(s);
    if (cluster_health_report_build(regs, n, in, basis, as_of, &r, e) != 0) {
        mem_free(regs);
        return -1;
    }
    if (json)
        rc = print_json(cluster_health_report_json(&r)) == 0 ? 0 : 1;
    else {
        printf("registered clusters %zu, with a health index %zu, sick %zu (stress basis: %s)\n", r.n,
               r.with_index, r.sick, cluster_stress_basis_code(r.basis));
        rc = 0;
    }
    cluster_health_report_free(&r);
    mem_free(regs);
    return rc;
rollback:
    store_rollback(s);
    mem_free(in);
    mem_free(regs);
    return -1;
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
    if (c < 0) {
        cli_error("clusters %s: %s", what, e.msg);
        return EXIT_USAGE;
    }
    return c;
}
