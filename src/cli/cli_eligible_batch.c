/* samanvay eligible (--db F | --pg C) [--on DATE] [--json]: the batch.
 *
 * With a store instead of a profile, the whole catalogue is evaluated over
 * every enterprise the store may use for analytics (the batch evaluator,
 * src/rules/batch.h) and each scheme's eligible, ineligible and unknown
 * counts are printed. Every enterprise is assumed to need what the overlap
 * report assumes (working capital of ₹5 lakh, store/store_overlap.h), so
 * the eligible counts equal `overlap`'s; without a need, most credit
 * schemes would stay unknown. This is the scale run's batch stage
 * (bench/scale.sh) and the population figure behind outreach. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/date.h"
#include "rules/batch.h"
#include "rules/catalog.h"
#include "store/store.h"
#include "store/store_overlap.h"

struct adder {
    struct batch_columns *cols;
    bool failed;
};

static int add_column(void *ctx, const struct enterprise *en)
{
    struct adder *a = ctx;

    a->failed = batch_columns_add(a->cols, en) != 0;
    return a->failed;
}

static int print_json(const struct catalog *cat, const struct batch_columns *cols,
                      const struct batch_counts *counts, int32_t as_of)
{
    char day[DATE_STR_LEN];
    json_t *schemes = json_array();

    date_format(as_of, day);
    for (size_t i = 0; schemes && i < cat->n; i++)
        json_array_append_new(schemes, json_pack("{s:s, s:I, s:I, s:I}", "id", cat->schemes[i].id,
                                                 "eligible", (json_int_t)counts[i].eligible,
                                                 "ineligible", (json_int_t)counts[i].ineligible,
                                                 "unknown", (json_int_t)counts[i].unknown));
    return cli_print_json("eligible",
                          schemes == NULL ? NULL
                                          : json_pack("{s:s, s:I, s:{s:s, s:I}, s:o}", "as_of", day,
                                                      "enterprises", (json_int_t)cols->n, "need", "purpose",
                                                      OVERLAP_DEFAULT_PURPOSE, "amount",
                                                      (json_int_t)(OVERLAP_DEFAULT_AMOUNT / 100), "schemes",
                                                      schemes),
                          0);
}

static int print_text(const struct catalog *cat, const struct batch_columns *cols,
                      const struct batch_counts *counts)
{
    if (printf("%zu enterprises; each scheme: eligible / ineligible / unknown\n", cols->n) < 0)
        return cli_write_failed("eligible");
    for (size_t i = 0; i < cat->n; i++)
        if (printf("%-28s %10zu %10zu %10zu\n", cat->schemes[i].id, counts[i].eligible, counts[i].ineligible,
                   counts[i].unknown) < 0)
            return cli_write_failed("eligible");
    return 0;
}

int cli_eligible_batch(struct cli_ctx *ctx, const char *db, const char *pg, int32_t as_of, bool json)
{
    struct batch_options bo = {as_of, 0, OVERLAP_DEFAULT_PURPOSE, OVERLAP_DEFAULT_AMOUNT};
    struct catalog *cat = NULL;
    struct batch_counts *counts = NULL;
    struct adder add = {NULL, false};
    struct store *s = NULL;
    struct err e = {0};
    int rc;

    if ((rc = cli_store_open(db, pg, &s)) != 0)
        return rc;
    if ((rc = cli_catalog_load(NULL, &cat)) != 0)
        goto out;
    if ((add.cols = batch_columns_new(ctx->ref)) == NULL
        || (counts = mem_calloc(cat->n + 1, sizeof *counts)) == NULL) {
        rc = cli_usage_error("eligible: out of memory");
        goto out;
    }
    if (store_enterprise_each_usable(s, add_column, &add, &e) != 0 || add.failed) {
        rc = cli_usage_error("eligible: %s", add.failed ? "out of memory" : e.msg);
        goto out;
    }
    /* Statuses are not kept (status NULL): the counts are the answer. */
    if (batch_evaluate(cat, ctx->ref, add.cols, &bo, NULL, counts, &e) != 0) {
        rc = cli_usage_error("eligible: %s", e.msg);
        goto out;
    }
    rc = json ? print_json(cat, add.cols, counts, as_of) : print_text(cat, add.cols, counts);
    if (rc == 0 && fflush(stdout) != 0)
        rc = cli_write_failed("eligible");
out:
    mem_free(counts);
    batch_columns_free(add.cols);
    catalog_free(cat);
    store_close(s);
    return rc;
}
