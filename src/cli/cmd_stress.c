/* samanvay stress train|score|backtest (--db F | --pg C) [--json] [--quiet]
 *
 *   train      learn the stress early-warning on the store's history and
 *              keep the model (docs/stress.md, "Split")
 *   backtest   the latest model on the later months, beside the SMA-2 rule
 *              and a logistic regression (DESIGN.md §5); --json prints the
 *              contract's object
 *   score      score every enterprise in the population at the latest
 *              month, with reasons, into stress_score (replacing that
 *              month's scores)
 *
 * Exit 0 done; 2 on a usage error or when the store cannot support the
 * step (no credit feed, no model yet), with one line on stderr. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analytics/stress.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "store/store.h"
#include "store/store_stress.h"

struct stress_opts {
    const char *verb, *db, *pg;
    bool json, quiet;
};

static int parse(int argc, char **argv, struct stress_opts *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'b'}, {"pg", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},     {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    int c;

    if (argc < 2 || argv[1][0] == '-')
        return cli_usage_error("stress: give train, score or backtest");
    o->verb = argv[1];
    if (strcmp(o->verb, "train") != 0 && strcmp(o->verb, "score") != 0
        && strcmp(o->verb, "backtest") != 0)
        return cli_usage_error("stress: unknown step '%s' (train, score or backtest)", o->verb);
    optind = 2;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': o->db = optarg; break;
        case 'p': o->pg = optarg; break;
        case 'j': o->json = true; break;
        case 'q': o->quiet = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("stress: unexpected argument '%s'", argv[optind]);
    return 0;
}

static int run_train(struct store *s, const struct stress_opts *o, struct err *e)
{
    struct stress_booster_params p;
    struct stress_train_result r;
    char m[6][8];

    stress_booster_params_default(&p);
    if (stress_train(s, &p, &r, e) != 0)
        return -1;
    store_stress_month_text(r.split.train_from, m[0]);
    store_stress_month_text(r.split.train_to, m[1]);
    store_stress_month_text(r.split.calib_from, m[2]);
    store_stress_month_text(r.split.calib_to, m[3]);
    if (o->json) {
        printf("{\"model_id\": %" PRId64 ", \"train_from\": \"%s\", \"train_to\": \"%s\","
               " \"calibration_from\": \"%s\", \"calibration_to\": \"%s\","
               " \"train_rows\": %zu, \"train_positives\": %zu,"
               " \"calibration_rows\": %zu, \"calibration_positives\": %zu,"
               " \"tree_rounds\": %d, \"calibration_auc\": {\"linear\": %.6f, \"model\": %.6f}}\n",
               r.model_id, m[0], m[1], m[2], m[3], r.train_rows, r.train_positives,
               r.calib_rows, r.calib_positives, r.rounds, r.calib_auc_linear, r.calib_auc_model);
        return 0;
    }
    printf("model %" PRId64 ": trained on %s..%s (%zu rows, %zu NPA within 12 months), "
           "calibrated on %s..%s (%zu rows, %zu NPA); linear part plus %d rounds of trees "
           "(calibration AUC %.4f, linear part alone %.4f)\n",
           r.model_id, m[0], m[1], r.train_rows, r.train_positives, m[2], m[3], r.calib_rows,
           r.calib_positives, r.rounds, r.calib_auc_model, r.calib_auc_linear);
    return 0;
}

static int run_backtest(struct store *s, const struct stress_opts *o, struct err *e)
{
    struct stress_backtest b;
    struct buf json = BUF_INIT;
    char from[8], to[8];

    if (stress_backtest_run(s, &b, e) != 0)
        return -1;
    if (o->json) {
        if (stress_backtest_json(&b, &json) != 0) {
            buf_release(&json);
            return err_set(e, "stress: out of memory");
        }
        puts(buf_cstr(&json));
        buf_release(&json);
        return 0;
    }
    store_stress_month_text(b.test_from, from);
    store_stress_month_text(b.test_to, to);
    printf("model %" PRId64 " on %s..%s: %zu rows, %zu NPA within 12 months\n", b.model_id, from,
           to, b.rows, b.positives);
    printf("%-10s %7s %7s %9s %7s\n", "", "AUC", "PR-AUC", "prec@1%", "Brier");
    printf("%-10s %7.3f %7.3f %9.3f %7.4f\n", "model", b.model.auc, b.model.pr_auc,
           b.model.precision_at_1pct, b.model.brier);
    printf("%-10s %7.3f %7.3f %9.3f %7.4f\n", "SMA-2 rule", b.sma2_rule.auc, b.sma2_rule.pr_auc,
           b.sma2_rule.precision_at_1pct, b.sma2_rule.brier);
    printf("%-10s %7.3f %7.3f %9.3f %7.4f\n", "linear", b.linear.auc, b.linear.pr_auc,
           b.linear.precision_at_1pct, b.linear.brier);
    return 0;
}

static int run_score(struct store *s, const struct stress_opts *o, struct err *e)
{
    struct stress_score_result r;
    char month[8];

    if (stress_score_run(s, o->quiet || o->json, &r, e) != 0)
        return -1;
    store_stress_month_text(r.month, month);
    if (o->json)
        printf("{\"model_id\": %" PRId64 ", \"month\": \"%s\", \"scored\": %" PRId64
               ", \"borrowers\": %" PRId64 ", \"gst_only\": %" PRId64 ", \"alerts\": %" PRId64
               "}\n",
               r.model_id, month, r.scored, r.borrowers, r.gst_only, r.alerts);
    else
        printf("model %" PRId64 " scored %" PRId64 " enterprises at %s (%" PRId64
               " borrowers, %" PRId64 " GST filers without credit); %" PRId64 " in stress\n",
               r.model_id, r.scored, month, r.borrowers, r.gst_only, r.alerts);
    return 0;
}

int cmd_stress(struct cli_ctx *ctx, int argc, char **argv)
{
    struct stress_opts o = {0};
    struct store *s = NULL;
    struct err e;
    int rc;

    (void)ctx;
    if ((rc = parse(argc, argv, &o)) != 0)
        return rc;
    if ((rc = cli_store_open(o.db, o.pg, &s)) != 0)
        return rc;
    if (strcmp(o.verb, "train") == 0)
        rc = run_train(s, &o, &e);
    else if (strcmp(o.verb, "backtest") == 0)
        rc = run_backtest(s, &o, &e);
    else
        rc = run_score(s, &o, &e);
    store_close(s);
    if (rc != 0) {
        cli_error("%s", e.msg);
        return EXIT_USAGE;
    }
    return 0;
}
