/* cli.h: what every subcommand gets from main, and the subcommands.
 *
 * Each subcommand lives in its own src/cli/cmd_*.c, parses its own
 * options, and returns the process exit code: 0 ok, 1 a negative answer
 * (an invalid id, a failed test), 2 a usage or input error (with one line
 * on stderr). main.c only dispatches. */
#ifndef SAMANVAY_CLI_H
#define SAMANVAY_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/refdata.h"

#define EXIT_NEGATIVE 1
#define EXIT_USAGE 2

struct cli_ctx {
    const char *prog;            /* "samanvay" */
    const struct refdata *ref;   /* reference tables, loaded by main */
    int32_t today;               /* today's date in IST, read once by main */
};

struct profile;

/* Read a profile JSON file ("-": stdin; at most 1 MiB) into p, printing
 * every bad field on stderr as "samanvay: CMD: FILE: path: message".
 * Returns 0, or EXIT_USAGE after the messages. */
int cli_profile_load(const char *cmd, const char *path, struct profile *p);

int cmd_audit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_calendar(struct cli_ctx *ctx, int argc, char **argv);
int cmd_check_id(struct cli_ctx *ctx, int argc, char **argv);
int cmd_classify(struct cli_ctx *ctx, int argc, char **argv);
int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_ingest(struct cli_ctx *ctx, int argc, char **argv);
int cmd_generate(struct cli_ctx *ctx, int argc, char **argv);
int cmd_escalate(struct cli_ctx *ctx, int argc, char **argv);
int cmd_reminders(struct cli_ctx *ctx, int argc, char **argv);
int cmd_retention(struct cli_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_user(struct cli_ctx *ctx, int argc, char **argv);
int cmd_schemes(struct cli_ctx *ctx, int argc, char **argv);
int cmd_eligible(struct cli_ctx *ctx, int argc, char **argv);
/* `eligible --db/--pg`: the whole catalogue over every enterprise in the
 * store, counts per scheme (cli_eligible_batch.c). */
int cli_eligible_batch(struct cli_ctx *ctx, const char *db, const char *pg, int32_t as_of, bool json);
int cmd_link(struct cli_ctx *ctx, int argc, char **argv);
int cmd_clusters(struct cli_ctx *ctx, int argc, char **argv);
int cmd_overlap(struct cli_ctx *ctx, int argc, char **argv);
int cmd_stress(struct cli_ctx *ctx, int argc, char **argv);
int cmd_simulate(struct cli_ctx *ctx, int argc, char **argv);
int cmd_impact(struct cli_ctx *ctx, int argc, char **argv);
int cmd_insights(struct cli_ctx *ctx, int argc, char **argv);
int cmd_sustainability(struct cli_ctx *ctx, int argc, char **argv);

/* Print "samanvay: <msg>" to stderr and return EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a YYYY-MM-DD option value; on a bad date print
 * "samanvay: CMD: --OPT: why" and return EXIT_USAGE. */
int cli_date_opt(const char *cmd, const char *opt, const char *arg, int32_t *out);
/* Print "samanvay: <msg>" to stderr (for errors that are not usage errors). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Out of memory or a failed write (a full disk, a closed pipe) is an error,
 * exit 2, never a silent short answer: "CMD: cannot write the answer". */
int cli_write_failed(const char *cmd);
/* Print j (its reference taken; NULL is out of memory) as one line of
 * compact ASCII JSON, with extra_flags (e.g. JSON_REAL_PRECISION(12)). */
int cli_print_json(const char *cmd, json_t *j, size_t extra_flags);

struct catalog;
/* Load the scheme catalogue (built in, or DIR when not NULL). Prints the
 * error and returns EXIT_USAGE on failure. */
int cli_catalog_load(const char *dir, struct catalog **out);

struct store;
/* Open the store named by --db FILE or --pg CONNINFO (exactly one). Prints
 * the error and returns EXIT_USAGE on failure, 0 on success. */
int cli_store_open(const char *db_path, const char *pg_conninfo, struct store **out);

#endif
