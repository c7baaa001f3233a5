/* samanvay impact (--db F | --pg CONNINFO) [--json] [--draws N] [--seed S] [--save]
 *
 * The effect of each scheme on its beneficiaries' log annual GST turnover:
 * propensity-score matching, difference in differences, a placebo on the
 * pre-period and bootstrap intervals (N draws, default 200, seed S), with
 * results by segment and district and time to benefit. Without --json one
 * line per scheme. --save keeps the answer in the store (impact_run), where
 * the policymaker page /policy/impact reads the latest. docs/impact.md. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/bootstrap.h"
#include "analytics/impact.h"
#include "analytics/impact_json.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "store/store.h"
#include "store/store_impact.h"
#include "store/store_impact_run.h"

struct impact_args {
    const char *db, *pg;
    bool json, save;
    struct impact_opts opts;
};

static int parse_count(const char *opt, const char *arg, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > max)
        return cli_usage_error("impact: --%s: want a whole number 0..%ld, got '%s'", opt, max, arg);
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, struct impact_args *a)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"pg", required_argument, NULL, 'p'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"draws", required_argument, NULL, 'n'},
                                             {"seed", required_argument, NULL, 's'},
                                             {"save", no_argument, NULL, 'k'},
                                             {NULL, 0, NULL, 0}};
    long v;
    int c;

    a->opts = (struct impact_opts){BOOTSTRAP_DRAWS_DEFAULT, BOOTSTRAP_SEED_DEFAULT};
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'j': a->json = true; break;
        case 'k': a->save = true; break;
        case 'n':
            if (parse_count("draws", optarg, IMPACT_MAX_DRAWS, &v) != 0)
                return EXIT_USAGE;
            a->opts.draws = (int)v;
            break;
        case 's':
            if (parse_count("seed", optarg, 2147483647L, &v) != 0)
                return EXIT_USAGE;
            a->opts.seed = (uint64_t)v;
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("impact: unexpected argument '%s'", argv[optind]);
    return 0;
}

static int print_json(const struct impact_report *r, const struct impact_ttb *t, const struct impact_ttb *apps)
{
    return cli_print_json("impact", impact_report_json(r, t, apps), 0);
}

/* Keep the run for the page: the same document --json prints. */
static int save_run(struct store *s, const struct impact_report *r, const struct impact_ttb *t,
                    const struct impact_ttb *apps, struct err *e)
{
    json_t *j = impact_report_json(r, t, apps);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    int64_t id;
    int rc;

    json_decref(j);
    if (text == NULL)
        return err_set(e, "out of memory");
    rc = store_impact_run_save(s, r->opts.draws, r->opts.seed, text, &id, e);
    free(text);
    return rc;
}

/* One line per scheme of one outcome, after a heading line. */
static int print_rows(const char *heading, const struct impact_scheme *rows, int n)
{
    if (printf("%s\n", heading) < 0)
        return cli_write_failed("impact");
    for (int i = 0; i < n; i++) {
        const struct impact_scheme *s = &rows[i];
        int rc;
        if (s->not_estimable)
            rc = printf("%-16s not estimable: %s\n", s->id, s->not_estimable);
        else if (isnan(s->att.lo))   /* --draws 0 */
            rc = printf("%-16s %+.3f (no interval) treated %ld control %ld inconclusive\n", s->id, s->att.est,
                        s->n_treated, s->n_control);
        else
            rc = printf("%-16s %+.3f [%+.3f, %+.3f] treated %ld control %ld%s\n", s->id, s->att.est, s->att.lo,
                        s->att.hi, s->n_treated, s->n_control, s->att.inconclusive ? " inconclusive" : "");
        if (rc < 0)
            return cli_write_failed("impact");
    }
    return 0;
}

static int print_text(const struct impact_report *r)
{
    int rc = print_rows("log GST turnover:", r->schemes, r->n);

    if (rc == 0 && r->n_employment > 0)
        rc = print_rows("log EPFO members:", r->employment, r->n_employment);
    else if (rc == 0 && printf("employment: not measurable (no EPFO returns on file)\n") < 0)
        rc = cli_write_failed("impact");
    return rc;
}

/* Time to benefit from both sources: the schemes' lists (sanction to
 * disbursal) and the portal's applications (submission to disbursal). */
static int time_to_benefit(struct store *s, struct impact_ttb *lists, struct impact_ttb *apps, struct err *e)
{
    struct impact_ttb_row *rows = NULL;
    size_t n = 0;
    int rc;

    rc = store_impact_ttb_rows(s, &rows, &n, e) != 0 || impact_ttb_compute(rows, n, lists, e) != 0 ? -1 : 0;
    mem_free(rows);
    rows = NULL;
    if (rc == 0)
        rc = store_impact_ttb_app_rows(s, &rows, &n, e) != 0 || impact_ttb_compute(rows, n, apps, e) != 0 ? -1 : 0;
    mem_free(rows);
    return rc;
}

static int run(struct store *s, const struct impact_args *a, struct err *e)
{
    struct impact_panel p;
    struct impact_report r;
    struct impact_ttb t = {0}, apps = {0};
    int rc;

    if (store_impact_panel(s, &p, e) != 0)
        return -1;
    rc = impact_estimate_all(&p, &a->opts, &r, e);
    impact_panel_free(&p);
    if (rc != 0)
        return -1;
    rc = time_to_benefit(s, &t, &apps, e);
    if (rc == 0 && a->save)
        rc = save_run(s, &r, &t, &apps, e);
    if (rc == 0)
        rc = a->json ? print_json(&r, &t, &apps) : print_text(&r);
    impact_ttb_free(&t);
    impact_ttb_free(&apps);
    impact_report_free(&r);
    return rc;
}

int cmd_impact(struct cli_ctx *ctx, int argc, char **argv)
{
    struct impact_args a = {0};
    struct store *s;
    struct err e = {0};
    int c;

    (void)ctx;
    if ((c = parse_args(argc, argv, &a)) != 0)
        return c;
    if ((c = cli_store_open(a.db, a.pg, &s)) != 0)
        return c;
    c = run(s, &a, &e);
    store_close(s);
    if (c == 0 && fflush(stdout) != 0)
        c = cli_write_failed("impact");
    if (c < 0) {
        cli_error("impact: %s", e.msg);
        return EXIT_USAGE;
    }
    return c;
}
