/* Fuzz the scenario parser: any bytes as scenarios/fuzz.yaml. A file either
 * parses, and then simulates over a small fixed population without fault,
 * or fails with an error that names the file; never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/scenario.h"
#include "analytics/simulate.h"
#include "core/arena.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { N = 64 };
    struct arena *a = arena_new(0);
    struct scenario sc;
    struct err e;

    if (a == NULL)
        abort();
    if (scenario_parse(a, "scenarios/fuzz.yaml", (const char *)data, size, known, NULL, &sc, &e) != 0) {
        if (strncmp(e.msg, "scenarios/fuzz.yaml", 19) != 0)
            abort(); /* every error names the file */
    } else {
        uint8_t groups[N], status[N * SCENARIO_MAX_SCHEMES];
        struct sim_population pop = {N, sc.n_schemes, groups, status, NULL};
        struct simulation sim;
        for (size_t i = 0; i < N; i++)
            groups[i] = (uint8_t)(i * 7 % SIM_CELLS);
        for (size_t i = 0; i < N * sc.n_schemes; i++)
            status[i] = (uint8_t)(i * 5 % 3);
        if (simulate_run(&sc, &pop, &sim, &e) != 0 || sim.after.beneficiaries < 0
            || sim.after.beneficiaries > (double)N * (double)sc.n_schemes + 1e-6)
            abort();
    }
    arena_free(a);
    return 0;
}
