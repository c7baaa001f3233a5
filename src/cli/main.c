/* main.c: load the reference data, then hand over to one subcommand. */
#include <locale.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "store/db.h"

struct command {
    const char *name;
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    const char *synopsis;
};

static const struct command commands[] = {
    {"demo", cmd_demo, "demo [--db F] [--addr A] [--port P] [--enterprises N] [--seed S]"},
    {"init", cmd_init, "init (--db F | --pg CONNINFO)"},
    {"ingest", cmd_ingest, "ingest (--db F | --pg C) FEED FILE.csv [--json]"},
    {"classify", cmd_classify,
     "classify --investment RS --turnover RS [--exports RS] [--on DATE] [--activity A] [--json]"},
    {"schemes", cmd_schemes, "schemes list [--json] | show ID [--json] | test [ID ...]"},
    {"calendar", cmd_calendar,
     "calendar --profile FILE.json --from DATE --to DATE [--json] [--today DATE]"},
    {"eligible", cmd_eligible, "eligible --profile FILE.json [--on DATE] [--json] [--lang hi] | eligible (--db F | --pg C) [--on DATE] [--json]"},
    {"check-id", cmd_check_id, "check-id gstin|pan|udyam|ifsc [ID ...]"},
    {"escalate", cmd_escalate, "escalate (--db F | --pg C) [--on DATE] [--json]"},
    {"reminders", cmd_reminders,
     "reminders (--db F | --pg C) [--from DATE --to DATE | --notify [--days N]] "
     "[--state CODE [--district NAME]] [--json] [--today DATE]"},
    {"clusters", cmd_clusters, "clusters map|health (--db F | --pg C) [--json]"},
    {"overlap", cmd_overlap,
     "overlap (--db F | --pg C) [--json] [--awareness] [--on DATE] [--window-days N] [--purpose P] "
     "[--amount RS]"},
    {"link", cmd_link,
     "link --config FILE.yaml --left A.csv [--right B.csv] --out PAIRS.csv [--report R.json] [--quiet]"},
    {"impact", cmd_impact, "impact (--db F | --pg C) [--json] [--draws N] [--seed S] [--save]"},
    {"insights", cmd_insights, "insights --enterprise ID (--db F | --pg C) [--json]"},
    {"sustainability", cmd_sustainability, "sustainability --enterprise ID | --clusters (--db F | --pg C) [--json]"},
    {"stress", cmd_stress, "stress train|score|backtest (--db F | --pg C) [--json] [--quiet]"},
    {"simulate", cmd_simulate, "simulate SCENARIO.yaml (--db F | --pg C) [--json] [--threads N]"},
    {"generate", cmd_generate, "generate --enterprises N [--seed S] [--as-of DATE] --out DIR"},
    {"serve", cmd_serve, "serve (--db F | --pg CONNINFO) [--addr A] [--port P] [--threads N] [--tls-cert F --tls-key F]"},
    {"audit", cmd_audit, "audit verify|head (--db F | --pg C) [--head HASH] [--json]"},
    {"retention", cmd_retention,
     "retention (--db F | --pg C) (--dry-run | --apply) [--json] [--quarantine-days N] [--calendar-days N] [--reminder-days N]"},
    {"user", cmd_user,
     "user add (--db F | --pg C) --username U --role R [--state CODE] [--district NAME] "
     "[--enterprise ID] --password-stdin | user unlock (--db F | --pg C) (--username U | --ip A)"},
};

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("samanvay: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

int cli_date_opt(const char *cmd, const char *opt, const char *arg, int32_t *out)
{
    struct err e;

    if (date_parse(arg, strlen(arg), out, &e) != 0)
        return cli_usage_error("%s: --%s: %s", cmd, opt, e.msg);
    return 0;
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("samanvay: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void usage(FILE *out)
{
    fprintf(out, "usage: samanvay COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  samanvay %s\n", commands[i].synopsis);
}

int main(int argc, char **argv)
{
    struct cli_ctx ctx;
    struct refdata *ref = NULL;
    struct err e;
    int rc;

    setlocale(LC_ALL, "C.UTF-8");
    if (sodium_init() < 0) {
        cli_error("libsodium failed to initialise");
        return EXIT_USAGE;
    }
    if (db_global_init(&e) != 0) {
        cli_error("%s", e.msg);
        return EXIT_USAGE;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (refdata_load(&ref, &e) != 0) {
            cli_error("reference data: %s", e.msg);
            return EXIT_USAGE;
        }
        ctx.prog = "samanvay";
        ctx.ref = ref;
        ctx.today = date_today_ist();
        rc = commands[i].run(&ctx, argc - 1, argv + 1);
        refdata_free(ref);
        return rc;
    }
    cli_usage_error("unknown command '%s' (try 'samanvay help')", argv[1]);
    return EXIT_USAGE;
}
