/* samanvay schemes list [--json] | show ID [--json] | test [ID ...]
 *
 * The catalogue is the one built into the binary, or the schemes/ folder
 * named by --schemes DIR (or SAMANVAY_SCHEMES), so a rule can be edited
 * and tested without rebuilding. `test` ends with "N passed, N failed"
 * and exits 1 when any test fails. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "rules/catalog.h"
#include "rules/scheme_test.h"

struct schemes_opts {
    bool json;
    const char *dir;
    int first_arg;
};

static int parse(int argc, char **argv, struct schemes_opts *o)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'}, {"schemes", required_argument, NULL, 's'}, {NULL, 0, NULL, 0}};
    int c;

    memset(o, 0, sizeof *o);
    o->dir = getenv("SAMANVAY_SCHEMES");
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'j')
            o->json = true;
        else if (c == 's')
            o->dir = optarg;
        else
            return EXIT_USAGE;
    }
    o->first_arg = optind;
    return 0;
}

int cli_catalog_load(const char *dir, struct catalog **out)
{
    struct err e;

    if (catalog_load(dir, out, &e) != 0) {
        cli_error("scheme catalogue: %s", e.msg);
        return EXIT_USAGE;
    }
    return 0;
}

static json_t *string_array(const char **items, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *date_or_null(int32_t d)
{
    char s[DATE_STR_LEN];

    if (d == INT32_MAX)
        return json_null();
    date_format(d, s);
    return json_string(s);
}

static json_t *scheme_summary_json(const struct scheme *s)
{
    json_t *o = json_object(), *obj = json_array();

    for (int i = 0; i < OBJ_COUNT; i++)
        if (s->objectives & (1u << i))
            json_array_append_new(obj, json_string(objective_name((enum objective)i)));
    json_object_set_new(o, "id", json_string(s->id));
    json_object_set_new(o, "version", json_integer(s->version));
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "name_hi", json_string(s->name_hi));
    json_object_set_new(o, "summary", json_string(s->summary));
    json_object_set_new(o, "summary_hi", json_string(s->summary_hi));
    json_object_set_new(o, "ministry", json_string(s->ministry));
    json_object_set_new(o, "agency", json_string(s->agency));
    json_object_set_new(o, "level", json_string(s->state ? "state" : "central"));
    if (s->state) {
        char st[4];
        snprintf(st, sizeof st, "%02d", s->state);
        json_object_set_new(o, "state", json_string(st));
    }
    json_object_set_new(o, "objectives", obj);
    json_object_set_new(o, "target_groups", string_array(s->target_groups, s->n_target_groups));
    json_object_set_new(o, "valid_from", date_or_null(s->valid_from));
    json_object_set_new(o, "valid_to", date_or_null(s->valid_to));
    json_object_set_new(o, "sources", string_array(s->sources, s->n_sources));
    json_object_set_new(o, "sources_read", string_array(s->sources_read, s->n_sources_read));
    json_object_set_new(o, "benefit_kind", json_string(benefit_kind_name(s->benefit.kind)));
    json_object_set_new(o, "sla_days", json_integer(s->sla_days));
    json_object_set_new(o, "documents", string_array(s->documents, s->n_documents));
    json_object_set_new(o, "fields", string_array(s->fields, s->n_fields));
    return o;
}

static int print_json(json_t *j)
{
    int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    putchar('\n');
    json_decref(j);
    return rc == 0 ? 0 : EXIT_USAGE;
}

static int cmd_list(const struct catalog *c, const struct schemes_opts *o)
{
    if (o->json) {
        json_t *a = json_array();
        for (size_t i = 0; i < c->n; i++)
            json_array_append_new(a, scheme_summary_json(&c->schemes[i]));
        return print_json(a);
    }
    for (size_t i = 0; i < c->n; i++) {
        const struct scheme *s = &c->schemes[i];
        printf("%-20s %s\n", s->id, s->name);
    }
    return 0;
}

static void print_text(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->parts[i].literal)
            fputs(t->parts[i].literal, stdout);
        else
            printf("{%.*s}", (int)t->parts[i].expr->src->len, t->parts[i].expr->src->text);
    }
}

static int cmd_show(const struct catalog *c, const struct schemes_opts *o, const char *id)
{
    const struct scheme *s = catalog_find(c, id);

    if (s == NULL)
        return cli_usage_error("schemes show: no scheme '%s' (see samanvay schemes list)", id);
    if (o->json) {
        json_t *j = scheme_summary_json(s), *crit = json_array();
        for (size_t i = 0; i < s->n_criteria; i++)
            json_array_append_new(crit, json_pack("{s:s, s:s%, s:s}", "id", s->criteria[i].id, "when",
                                                  s->criteria[i].when->src->text,
                                                  s->criteria[i].when->src->len, "source",
                                                  s->criteria[i].source));
        json_object_set_new(j, "criteria", crit);
        json_object_set_new(j, "tests", json_integer((json_int_t)s->n_tests));
        return print_json(j);
    }
    printf("%s — %s\n%s\n%s\n\n%s\n\nCriteria:\n", s->id, s->name, s->name_hi, s->summary, s->ministry);
    for (size_t i = 0; i < s->n_criteria; i++) {
        printf("  %s: %.*s\n    pass: ", s->criteria[i].id, (int)s->criteria[i].when->src->len,
               s->criteria[i].when->src->text);
        print_text(&s->criteria[i].pass);
        printf("\n    source: %s\n", s->criteria[i].source);
    }
    printf("\nBenefit (%s): ", benefit_kind_name(s->benefit.kind));
    print_text(&s->benefit.text);
    printf("\nSources:\n");
    for (size_t i = 0; i < s->n_sources; i++)
        printf("  %s\n", s->sources[i]);
    printf("Tests: %zu\n", s->n_tests);
    return 0;
}

static bool selected(const struct scheme *s, int argc, char **argv, int first)
{
    if (first >= argc)
        return true;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], s->id) == 0)
            return true;
    return false;
}

static int cmd_test(const struct cli_ctx *ctx, const struct catalog *c, int argc, char **argv, int first)
{
    size_t passed = 0, failed = 0, n = 0;

    for (int i = first; i < argc; i++)
        if (catalog_find(c, argv[i]) == NULL)
            return cli_usage_error("schemes test: no scheme '%s'", argv[i]);
    for (size_t i = 0; i < c->n; i++) {
        const struct scheme *s = &c->schemes[i];
        if (!selected(s, argc, argv, first))
            continue;
        for (size_t k = 0; k < s->n_tests; k++) {
            struct test_outcome out;
            scheme_test_run(ctx->ref, s, &s->tests[k], &out);
            n++;
            if (out.passed) {
                passed++;
                printf("ok %zu - %s: %s\n", n, s->id, s->tests[k].name);
            } else {
                failed++;
                printf("not ok %zu - %s: %s (%s:%d): %s\n", n, s->id, s->tests[k].name, s->file,
                       s->tests[k].line, out.detail);
            }
        }
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? EXIT_NEGATIVE : 0;
}

int cmd_schemes(struct cli_ctx *ctx, int argc, char **argv)
{
    struct schemes_opts o;
    struct catalog *c;
    const char *sub;
    int rc;

    if (argc < 2)
        return cli_usage_error("usage: samanvay schemes list [--json] | show ID [--json] | test [ID ...]");
    sub = argv[1];
    if ((rc = parse(argc - 1, argv + 1, &o)) != 0)
        return rc;
    if ((rc = cli_catalog_load(o.dir, &c)) != 0)
        return rc;
    if (strcmp(sub, "list") == 0)
        rc = cmd_list(c, &o);
    else if (strcmp(sub, "show") == 0)
        rc = o.first_arg < argc - 1 ? cmd_show(c, &o, argv[1 + o.first_arg])
                                    : cli_usage_error("usage: samanvay schemes show ID [--json]");
    else if (strcmp(sub, "test") == 0)
        rc = cmd_test(ctx, c, argc - 1, argv + 1, o.first_arg);
    else
        rc = cli_usage_error("schemes: unknown subcommand '%s' (list, show, test)", sub);
    catalog_free(c);
    return rc;
}
