/* samanvay simulate SCENARIO.yaml (--db F | --pg CONNINFO) [--json] [--threads N]
 *
 * A merger what-if (docs/scenarios.md): every enterprise in the store
 * through the batch evaluator for the scenario's schemes, then before and
 * after: eligible population, expected beneficiaries under the budget,
 * cost, the share reaching each protected group (flagged when it falls),
 * reservations honoured, and the fields and documents an applicant is
 * asked for. Without --json a short summary goes to stdout. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "analytics/simulate_input.h"
#include "analytics/simulate_json.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "rules/catalog.h"
#include "store/store.h"
#include "store/store_scenario.h"

#define SCENARIO_MAX_BYTES (256 * 1024)

/* The file's text, NUL-terminated; NULL with a message on failure. */
static char *read_scenario(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *text;
    size_t n;

    if (f == NULL) {
        cli_error("simulate: cannot open %s", path);
        return NULL;
    }
    if ((text = mem_alloc(SCENARIO_MAX_BYTES + 1)) == NULL) {
        fclose(f);
        cli_error("simulate: out of memory");
        return NULL;
    }
    n = fread(text, 1, SCENARIO_MAX_BYTES + 1, f);
    if (ferror(f) || n > SCENARIO_MAX_BYTES) {
        cli_error("simulate: %s: %s", path, ferror(f) ? "cannot read" : "larger than 256 KiB");
        fclose(f);
        mem_free(text);
        return NULL;
    }
    fclose(f);
    text[n] = '\0';
    *len = n;
    return text;
}

static int print_summary(const struct simulation *sim)
{
    const struct sim_side *b = &sim->before, *a = &sim->after;

    if (printf("scenario %s: %zu enterprises, budget scale %.6g\n", sim->sc->id, sim->enterprises,
               sim->budget_scale) < 0
        || printf("eligible        %10zu -> %10zu\n", b->eligible, a->eligible) < 0
        || printf("beneficiaries   %12.1f -> %12.1f\n", b->beneficiaries, a->beneficiaries) < 0
        || printf("cost (rupees)   %12.2f -> %12.2f\n", (double)b->cost / 100, (double)a->cost / 100) < 0
        || printf("fields          %10zu -> %10zu\n", b->fields, a->fields) < 0
        || printf("documents       %10zu -> %10zu\n", b->documents, a->documents) < 0)
        return cli_write_failed("simulate");
    for (int g = 0; g < SG_COUNT; g++)
        if (printf("share %-11s %9.4f -> %9.4f%s\n", scenario_group_name((enum scenario_group)g),
                   sim->groups[g].before_share, sim->groups[g].after_share, sim->groups[g].falls ? "  FALLS" : "")
            < 0)
            return cli_write_failed("simulate");
    for (size_t u = sim->n_before; u < sim->n_units; u++)
        for (size_t r = 0; r < sim->units[u].n_res; r++)
            if (printf("reservation %s %s %.2f: %s\n", sim->units[u].id,
                       scenario_group_name(sim->units[u].res[r].group), sim->units[u].res[r].share,
                       sim->units[u].res[r].honoured ? "honoured" : "NOT honoured") < 0)
                return cli_write_failed("simulate");
    return 0;
}

static int print_json(const struct simulation *sim, const struct catalog *cat)
{
    return cli_print_json("simulate", simulate_json(sim, cat), JSON_REAL_PRECISION(12));
}

struct simulate_args {
    const char *file, *db, *pg;
    bool json;
    int threads;
};

static int parse_args(int argc, char **argv, struct simulate_args *a)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"pg", required_argument, NULL, 'p'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"threads", required_argument, NULL, 't'},
                                             {NULL, 0, NULL, 0}};
    int c;
    char *end;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'j': a->json = true; break;
        case 't':
            a->threads = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg || a->threads < 1 || a->threads > 64)
                return cli_usage_error("simulate: --threads must be 1 to 64");
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("simulate: name one scenario file (samanvay simulate SCENARIO.yaml --db F [--json])");
    a->file = argv[optind];
    return 0;
}

int cmd_simulate(struct cli_ctx *ctx, int argc, char **argv)
{
    struct simulate_args a = {0};
    struct catalog *cat = NULL;
    struct arena *arena = NULL;
    struct store *s = NULL;
    struct scenario sc;
    struct simulation *sim = NULL;
    struct err e = {0};
    char *text = NULL;
    size_t len = 0;
    int rc;

    if ((rc = parse_args(argc, argv, &a)) != 0)
        return rc;
    if (a.db == NULL && a.pg == NULL)
        return cli_usage_error("simulate: say --db FILE or --pg CONNINFO");
    if ((text = read_scenario(a.file, &len)) == NULL)
        return EXIT_USAGE;
    rc = EXIT_USAGE;
    if (cli_catalog_load(NULL, &cat) != 0)
        goto out;
    if ((arena = arena_new(64 * 1024)) == NULL || (sim = mem_calloc(1, sizeof *sim)) == NULL) {
        cli_error("simulate: out of memory");
        goto out;
    }
    if (scenario_parse(arena, a.file, text, len, simulate_known_scheme, cat, &sc, &e) != 0
        || scenario_resolve(arena, &sc, cat, &e) != 0) {
        cli_error("simulate: %s", e.msg);
        goto out;
    }
    if (cli_store_open(a.db, a.pg, &s) != 0)
        goto out;
    if (store_scenario_simulate(s, ctx->ref, cat, &sc, a.threads, sim, &e) != 0) {
        cli_error("simulate: %s", e.msg);
        goto out;
    }
    rc = a.json ? print_json(sim, cat) : print_summary(sim);
    /* Buffered output is written at the latest here: a write error shows. */
    if (rc == 0 && fflush(stdout) != 0)
        rc = cli_write_failed("simulate");
out:
    store_close(s);
    mem_free(sim);
    arena_free(arena);
    catalog_free(cat);
    mem_free(text);
    return rc;
}
