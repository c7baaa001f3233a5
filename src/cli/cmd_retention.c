/* samanvay retention (--db F | --pg C) (--dry-run | --apply) [--json]
 *                    [--now UNIX] [--quarantine-days N] [--calendar-days N]
 *                    [--reminder-days N]
 *
 * The retention rules that delete expired rows (docs/privacy.md,
 * "Retention"): sign-in sessions past their expiry or idle, quarantined
 * feed rows of files loaded more than --quarantine-days ago (default 180),
 * revoked calendar links (--calendar-days after revocation, default 90),
 * reminder marks (--reminder-days after the due date, default 400).
 * --dry-run counts what would go and changes nothing; --apply deletes it
 * in one transaction. Run it daily from cron. Exit 0, or 2 on a usage or
 * store error. --now is for tests and replays: the time to judge by. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/store_privacy_retention.h"
#include "web/session.h"

struct args {
    const char *db, *pg;
    int mode;                      /* 0 none, 'n' dry run, 'a' apply */
    bool json;
    struct retention_policy p;
};

static int number(const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (*text == '\0' || *end != '\0' || v < lo || v > hi)
        return cli_usage_error("retention: --%s takes a whole number from %ld to %ld", opt, lo, hi);
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},      {"pg", required_argument, NULL, 'p'},
        {"dry-run", no_argument, NULL, 'n'},       {"apply", no_argument, NULL, 'a'},
        {"json", no_argument, NULL, 'j'},          {"now", required_argument, NULL, 't'},
        {"quarantine-days", required_argument, NULL, 'q'},
        {"calendar-days", required_argument, NULL, 'c'},
        {"reminder-days", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0}};
    long v;
    int c;

    memset(a, 0, sizeof *a);
    a->p = (struct retention_policy){(int64_t)time(NULL), SESSION_IDLE_SECONDS, 180, 90, 400};
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'j': a->json = true; break;
        case 'n':
        case 'a':
            if (a->mode != 0 && a->mode != c)
                return cli_usage_error("retention: give --dry-run or --apply, not both");
            a->mode = c;
            break;
        case 't':
            if (number("now", optarg, 0, 32503680000L, &v) != 0)
                return EXIT_USAGE;
            a->p.now = v;
            break;
        case 'q': case 'c': case 'r':
            if (number(c == 'q' ? "quarantine-days" : c == 'c' ? "calendar-days" : "reminder-days",
                       optarg, 0, 36500, &v) != 0)
                return EXIT_USAGE;
            *(c == 'q' ? &a->p.quarantine_days : c == 'c' ? &a->p.calendar_revoked_days
                                                          : &a->p.reminder_days) = (int)v;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("retention: unexpected argument '%s'", argv[optind]);
    if (a->mode == 0)
        return cli_usage_error("retention: say --dry-run (count only) or --apply (delete)");
    return 0;
}

struct report {
    bool json, apply;
    json_t *rules;
    int64_t total;
};

static int report_rule(void *ctx, const char *rule, const char *what, int64_t rows)
{
    struct report *r = ctx;

    r->total += rows;
    if (r->json)
        return json_array_append_new(r->rules, json_pack("{s:s, s:s, s:I}", "rule", rule, "what",
                                                         what, "rows", (json_int_t)rows));
    return printf("%-24s %10lld  %s %s\n", rule, (long long)rows,
                  r->apply ? "deleted:" : "would delete:", what) < 0 ? -1 : 0;
}

int cmd_retention(struct cli_ctx *ctx, int argc, char **argv)
{
    struct report r = {0};
    struct err e = {0};
    struct store *s;
    struct args a;
    int rc;

    (void)ctx;
    if ((rc = parse_args(argc, argv, &a)) != 0)
        return rc;
    r.json = a.json;
    r.apply = a.mode == 'a';
    if (r.json && (r.rules = json_array()) == NULL)
        return cli_usage_error("retention: out of memory");
    if ((rc = cli_store_open(a.db, a.pg, &s)) != 0) {
        json_decref(r.rules);
        return rc;
    }
    rc = store_retention_run(s, &a.p, r.apply, report_rule, &r, &e);
    store_close(s);
    if (rc != 0) {
        json_decref(r.rules);
        cli_error("retention: %s", e.msg);
        return EXIT_USAGE;
    }
    if (r.json)
        return cli_print_json("retention", json_pack("{s:b, s:o, s:I}", "applied", r.apply, "rules",
                                                     r.rules, "rows", (json_int_t)r.total), 0);
    if (printf("%s %lld rows%s\n", r.apply ? "retention: deleted" : "retention: dry run, would delete",
               (long long)r.total, r.apply ? "" : " (nothing changed)") < 0 || fflush(stdout) != 0)
        return cli_write_failed("retention");
    return 0;
}
