/* samanvay schemes list [--json] | show ID [--json] | test [ID ...]
 *                | search QUERY [--json]
 *
 * The catalogue is the one built into the binary, or the schemes/ folder
 * named by --schemes DIR (or SAMANVAY_SCHEMES), so a rule can be edited
 * and tested without rebuilding. `test` ends with "N passed, N failed"
 * and exits 1 when any test fails. `search` finds schemes by words in
 * Hindi or English (src/rules/search.h) and exits 1 when none match. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "rules/catalog.h"
#include "rules/scheme_json.h"
#include "rules/scheme_test.h"
#include "rules/search.h"

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
    if (o->json) /* the same object as GET /api/v1/schemes/{id} */
        return print_json(scheme_detail_json(&c->vocab, s));
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

static void print_hit(const struct search_hit *h, size_t rank, bool hindi)
{
    const struct scheme *s = h->scheme;

    printf("%2zu. %-20s %s\n    %s\n", rank, s->id, hindi ? s->name_hi : s->name, h->snippet);
}

static void print_fixes(const struct search_query *q, const struct search_results *r)
{
    for (size_t i = 0; i < r->n_fixes; i++) {
        printf("(searched for \"%s\" as", q->words[r->fixes[i].word].text);
        for (size_t k = 0; k < r->fixes[i].n; k++)
            printf("%s \"%s\"", k ? " or" : "", r->fixes[i].terms[k]);
        printf(")\n");
    }
    for (size_t i = 0; i < q->n_words; i++)
        if (r->dropped[i])
            printf("(no scheme mentions \"%s\"; left out)\n", q->words[i].text);
}

static int run_search(struct search_index *ix, const char *text, bool json)
{
    struct search_results *r = mem_calloc(1, sizeof *r);
    struct search_query q;
    struct err e;
    int rc;

    search_query_init(&q);
    if (r == NULL) {
        rc = cli_usage_error("schemes search: out of memory");
    } else if (search_query_parse(search_index_synonyms(ix), text, strlen(text), &q, &e) != 0) {
        rc = cli_usage_error("schemes search: %s", e.msg);
    } else if (search_index_run(ix, &q, SEARCH_DEFAULT_RESULTS, r, &e) != 0) {
        cli_error("schemes search: %s", e.msg);
        rc = EXIT_USAGE;
    } else {
        rc = r->n > 0 ? 0 : EXIT_NEGATIVE;
        if (json && print_json(search_results_json(text, &q, r)) != 0)
            rc = EXIT_USAGE;
        if (!json && r->n == 0)
            printf("No scheme matches \"%s\".\n", text);
        if (!json)
            print_fixes(&q, r);
        for (size_t i = 0; !json && i < r->n; i++)
            print_hit(&r->hits[i], i + 1, q.devanagari);
    }
    search_query_release(&q);
    mem_free(r);
    return rc;
}

/* The words after `search`, joined by spaces, so quoting is optional. */
static int cmd_search(const struct catalog *c, const struct schemes_opts *o, int argc, char **argv,
                      int first)
{
    struct search_index *ix;
    struct buf text = BUF_INIT;
    struct err e;
    int rc;

    if (first >= argc)
        return cli_usage_error("usage: samanvay schemes search QUERY [--json]");
    for (int i = first; i < argc; i++)
        if ((i > first && buf_putc(&text, ' ') != 0) || buf_puts(&text, argv[i]) != 0) {
            buf_release(&text);
            return cli_usage_error("schemes search: out of memory");
        }
    if (search_index_new(c, 1, &ix, &e) != 0) {
        buf_release(&text);
        cli_error("schemes search: %s", e.msg);
        return EXIT_USAGE;
    }
    rc = run_search(ix, buf_cstr(&text), o->json);
    search_index_free(ix);
    buf_release(&text);
    return rc;
}

int cmd_schemes(struct cli_ctx *ctx, int argc, char **argv)
{
    struct schemes_opts o;
    struct catalog *c;
    const char *sub;
    int rc;

    if (argc < 2)
        return cli_usage_error("usage: samanvay schemes list [--json] | show ID [--json] | test [ID ...] "
                               "| search QUERY [--json]");
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
    else if (strcmp(sub, "search") == 0)
        rc = cmd_search(c, &o, argc - 1, argv + 1, o.first_arg);
    else
        rc = cli_usage_error("schemes: unknown subcommand '%s' (list, show, test, search)", sub);
    catalog_free(c);
    return rc;
}
