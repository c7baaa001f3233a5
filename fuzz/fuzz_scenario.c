/* Fuzz the scenario parser: any bytes as scenarios/fuzz.yaml. A file either
 * parses and resolves against the real catalogue (rule parameters' values,
 * moved components' forms), and then simulates over a small fixed
 * population, burden included, without fault, or fails with an error that
 * names the file; never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "core/arena.h"
#include "rules/catalog.h"
#include "rules/scheme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The catalogue's ids, without loading it for every input. */
static bool known(void *ctx, const char *id)
{
    static const char *const ids[] = {"aspire", "esdp", "ic", "mda", "mse_cdp", "msme_innovative", "pmegp",
                                      "pms", "sfurti", "zed", NULL};
    (void)ctx;
    for (size_t i = 0; ids[i]; i++)
        if (strcmp(ids[i], id) == 0)
            return true;
    return false;
}

/* The built-in catalogue, loaded on the first input and kept for the
 * process: loading it per input would make the fuzzer crawl. This
 * harness-level cache is the only state kept between inputs. */
static const struct catalog *catalogue(void)
{
    static struct catalog *cat;
    struct err e;

    if (cat == NULL && catalog_load(NULL, &cat, &e) != 0)
        abort();
    return cat;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { N = 64 };
    struct arena *a = arena_new(0);
    struct scenario sc;
    struct err e;

    if (a == NULL)
        abort();
    if (scenario_parse(a, "scenarios/fuzz.yaml", (const char *)data, size, known, NULL, &sc, &e) != 0
        || scenario_resolve(a, &sc, catalogue(), &e) != 0) {
        if (strncmp(e.msg, "scenarios/fuzz.yaml", 19) != 0)
            abort(); /* every error names the file */
    } else {
        uint8_t groups[N], status[N * SCENARIO_MAX_SCHEMES], after[N * SCENARIO_MAX_SCHEMES];
        struct sim_population pop = {N, sc.n_schemes, groups, status,
                                     scenario_has_rule_params(&sc) ? after : NULL};
        struct simulation sim;
        for (size_t i = 0; i < N; i++)
            groups[i] = (uint8_t)(i * 7 % SIM_CELLS);
        for (size_t i = 0; i < N * sc.n_schemes; i++) {
            status[i] = (uint8_t)(i * 5 % 3);
            after[i] = (uint8_t)(i * 3 % 3);
        }
        if (simulate_run(&sc, &pop, &sim, &e) != 0 || sim.after.beneficiaries < 0
            || sim.after.beneficiaries > (double)N * (double)sc.n_schemes + 1e-6
            || simulate_burden(catalogue(), &sim, &e) != 0 || sim.after.fields > sim.before.fields)
            abort();
    }
    arena_free(a);
    return 0;
}
