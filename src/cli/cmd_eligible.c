/* samanvay eligible --profile FILE.json [--on DATE] [--json] [--lang en|hi]
 *                   [--schemes DIR]
 * samanvay eligible (--db F | --pg C) [--on DATE] [--json]
 *
 * With a store: the batch over every enterprise, counts per scheme
 * (cli_eligible_batch.c).
 *
 * Every scheme in the catalogue for one profile (DESIGN.md §5): eligible,
 * ineligible or unknown with the missing facts, why, and the benefit,
 * best first. A malformed profile exits 2 listing every bad field. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/profile.h"
#include "rules/eligibility.h"

struct eligible_opts {
    const char *profile, *dir, *db, *pg;
    int32_t on;
    bool has_on, json, hindi;
};

static int parse(int argc, char **argv, struct eligible_opts *o)
{
    static const struct option longopts[] = {
        {"profile", required_argument, NULL, 'p'}, {"on", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, 'j'},          {"lang", required_argument, NULL, 'l'},
        {"schemes", required_argument, NULL, 's'}, {"db", required_argument, NULL, 'd'},
        {"pg", required_argument, NULL, 'g'},      {NULL, 0, NULL, 0}};
    int c;

    memset(o, 0, sizeof *o);
    o->dir = getenv("SAMANVAY_SCHEMES");
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->profile = optarg; break;
        case 'o':
            if (cli_date_opt("eligible", "on", optarg, &o->on) != 0)
                return EXIT_USAGE;
            o->has_on = true;
            break;
        case 'j': o->json = true; break;
        case 'l':
            if (strcmp(optarg, "hi") != 0 && strcmp(optarg, "en") != 0)
                return cli_usage_error("eligible: --lang is en or hi");
            o->hindi = strcmp(optarg, "hi") == 0;
            break;
        case 's': o->dir = optarg; break;
        case 'd': o->db = optarg; break;
        case 'g': o->pg = optarg; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("eligible: unexpected argument '%s'", argv[optind]);
    if (o->profile != NULL && (o->db != NULL || o->pg != NULL))
        return cli_usage_error("eligible: give a --profile or a store (--db/--pg), not both");
    if (o->profile == NULL && o->db == NULL && o->pg == NULL)
        return cli_usage_error("usage: samanvay eligible --profile FILE.json [--on DATE] [--lang hi] [--json]"
                               " | eligible (--db F | --pg C) [--on DATE] [--json]");
    return 0;
}

int cmd_eligible(struct cli_ctx *ctx, int argc, char **argv)
{
    struct eligible_opts o;
    struct profile p;
    struct catalog *c = NULL;
    struct scheme_result *results = NULL;
    struct facts f;
    int32_t as_of;
    int rc;

    profile_init(&p);
    if ((rc = parse(argc, argv, &o)) == 0 && o.profile == NULL) {
        if (o.hindi || o.dir != NULL)
            return cli_usage_error("eligible: --lang and --schemes are for a --profile");
        return cli_eligible_batch(ctx, o.db, o.pg, o.has_on ? o.on : ctx->today, o.json);
    }
    if (rc != 0 || (rc = cli_profile_load("eligible", o.profile, &p)) != 0
        || (rc = cli_catalog_load(o.dir, &c)) != 0)
        goto out;
    as_of = o.has_on ? o.on : p.f[PF_AS_OF].state == FACT_KNOWN ? (int32_t)p.f[PF_AS_OF].i : ctx->today;
    results = mem_calloc(c->n, sizeof *results);
    if (results == NULL) {
        rc = cli_usage_error("eligible: out of memory");
        goto out;
    }
    facts_build(ctx->ref, &p, as_of, &f);
    eligibility_all(c, &f, NULL, results);
    if (o.json) {
        json_t *j = eligibility_json(c, &f, results, o.hindi);
        json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
        putchar('\n');
        json_decref(j);
    } else {
        struct buf out = BUF_INIT;
        eligibility_text(&out, c, &f, results, o.hindi);
        fputs(buf_cstr(&out), stdout);
        buf_release(&out);
    }
out:
    mem_free(results);
    catalog_free(c);
    profile_clear(&p);
    return rc;
}
