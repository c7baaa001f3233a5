/* samanvay ingest (--db F | --pg C) FEED FILE.csv [--json] [--batch N] [--quiet]
 *                 [--link-report R.json]
 *
 * Exit 0 when the file was read to the end, whatever went to quarantine;
 * 2 when nothing could load (unreadable file, bad header, database). */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/ingest.h"
#include "store/store.h"

struct ingest_args {
    const char *db, *pg;
    bool json;
    struct ingest_options opt;
};

static int parse_args(int argc, char **argv, struct ingest_args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"pg", required_argument, NULL, 'p'},
        {"json", no_argument, NULL, 'j'},     {"batch", required_argument, NULL, 'b'},
        {"quiet", no_argument, NULL, 'q'},    {"link-report", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0}};
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'j': a->json = true; break;
        case 'q': a->opt.quiet = true; break;
        case 'r': a->opt.link_report = optarg; break;
        case 'b':
            a->opt.batch_rows = atoi(optarg);
            if (a->opt.batch_rows < 1 || a->opt.batch_rows > 1000000)
                return cli_usage_error("ingest: --batch must be 1..1000000");
            break;
        default: return EXIT_USAGE;
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("usage: samanvay ingest (--db F | --pg C) FEED FILE.csv [--json]");
    a->opt.feed = argv[optind];
    a->opt.path = argv[optind + 1];
    if (!ingest_feed_known(a->opt.feed))
        return cli_usage_error("ingest: unknown feed '%s' (udyam|gst|credit|skilling|cluster|"
                               "cluster_member|cfc_usage|beneficiary|energy|epfo|consent)", a->opt.feed);
    return 0;
}

static void print_json(const struct ingest_summary *s)
{
    json_t *by = json_object(), *root;

    for (int r = 1; r < R_COUNT; r++)
        if (s->by_reason[r] > 0)
            json_object_set_new(by, reason_code((enum reason)r), json_integer(s->by_reason[r]));
    root = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:b, s:f}",
                     "feed", s->feed, "file_id", (json_int_t)s->file_id, "rows", (json_int_t)s->rows,
                     "loaded", (json_int_t)s->loaded, "inserted", (json_int_t)s->inserted,
                     "updated", (json_int_t)s->updated, "unchanged", (json_int_t)s->unchanged,
                     "quarantined", (json_int_t)s->quarantined, "linked", (json_int_t)s->linked,
                     "new_entities", (json_int_t)s->new_entities, "quarantined_by_reason", by,
                     "warnings", (json_int_t)s->warnings, "resumed", s->resumed,
                     "seconds", s->seconds);
    if (s->link_pass) {
        /* The record linker's share of `linked`, and what it could not place. */
        json_object_set_new(root, "linked_by_linker", json_integer(s->by_linker));
        json_object_set_new(root, "unmatched", json_integer(s->unmatched));
    }
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    putchar('\n');
    json_decref(root);
}

int cmd_ingest(struct cli_ctx *ctx, int argc, char **argv)
{
    struct ingest_args a;
    struct ingest_summary sum;
    struct store *s;
    struct err e;
    int rc;

    memset(&a, 0, sizeof a);
    a.opt.today = ctx->today;
    if ((rc = parse_args(argc, argv, &a)) != 0)
        return rc;
    if ((rc = cli_store_open(a.db, a.pg, &s)) != 0)
        return rc;
    rc = ingest_file(s, ctx->ref, &a.opt, &sum, &e);
    store_close(s);
    if (rc != 0)
        return cli_usage_error("ingest: %s", e.msg);
    if (a.json)
        print_json(&sum);
    else
        printf("%s: %lld rows, %lld loaded (%lld new, %lld changed, %lld unchanged), "
               "%lld quarantined; %lld linked, %lld new enterprises; %.1fs\n", sum.feed,
               (long long)sum.rows, (long long)sum.loaded, (long long)sum.inserted,
               (long long)sum.updated, (long long)sum.unchanged, (long long)sum.quarantined,
               (long long)sum.linked, (long long)sum.new_entities, sum.seconds);
    return 0;
}
