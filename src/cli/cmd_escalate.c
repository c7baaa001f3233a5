/* samanvay escalate (--db F | --pg CONNINFO) [--on DATE] [--json]
 *
 * Moves every grievance whose acknowledgement or resolution deadline has
 * passed one level up (district → state → ministry), with a system event
 * and a message to the enterprise, by the deadlines in force on the date
 * (data/grievance_sla.csv). Meant to run daily from cron; the officer's
 * worklist also runs it before it is shown. Safe to run again: what was
 * escalated is at its new level with a new deadline. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "store/store_grievance.h"

int cmd_escalate(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"pg", required_argument, NULL, 'p'},
                                             {"on", required_argument, NULL, 'o'},
                                             {"json", no_argument, NULL, 'j'},
                                             {NULL, 0, NULL, 0}};
    const char *db = NULL, *pg = NULL;
    int32_t on = ctx->today;
    bool json = false;
    struct grievance_sla sla;
    struct store *s;
    struct err e;
    int64_t n = 0;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'p': pg = optarg; break;
        case 'j': json = true; break;
        case 'o':
            if (cli_date_opt("escalate", "on", optarg, &on) != 0)
                return EXIT_USAGE;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("escalate: unexpected argument '%s'", argv[optind]);
    if (refdata_grievance_sla(ctx->ref, on, &sla) != 0)
        return cli_usage_error("escalate: no grievance deadlines are in force on that date");
    if ((c = cli_store_open(db, pg, &s)) != 0)
        return c;
    c = store_grievances_escalate_due(s, &sla, on, &n, &e);
    store_close(s);
    if (c != 0)
        return cli_usage_error("escalate: %s", e.msg);
    if (json)
        printf("{\"escalated\":%" PRId64 "}\n", n);
    else
        fprintf(stderr, "samanvay: escalate: %" PRId64 " grievance%s moved one level up\n", n,
                n == 1 ? "" : "s");
    return 0;
}
