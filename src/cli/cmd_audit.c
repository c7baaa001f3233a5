/* samanvay audit verify (--db F | --pg CONNINFO) [--head HASH] [--json] [--quiet]
 * samanvay audit head   (--db F | --pg CONNINFO) [--json]
 *
 * verify walks the hash-chained audit log (store_audit.h) and exits 0 when
 * every row follows the one before it and its contents give its hash (a
 * fresh database included), 1 at the first row that does not (changed,
 * removed, reordered or unchained), 2 on a usage or store error. --head
 * is a hash kept outside the database (from `audit head`, printed daily
 * to another system): it must still be in the chain, which finds rows
 * removed from the end. head prints the last row's id and hash. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ingest/progress.h"
#include "store/store.h"
#include "store/store_audit.h"

struct args {
    const char *db, *pg, *head;
    bool json, quiet;
};

static int parse_args(const char *what, int argc, char **argv, struct args *a)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"pg", required_argument, NULL, 'p'},
        {"head", required_argument, NULL, 'h'}, {"json", no_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'}, {NULL, 0, NULL, 0}};
    int c;

    memset(a, 0, sizeof *a);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'h': a->head = optarg; break;
        case 'j': a->json = true; break;
        case 'q': a->quiet = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("audit %s: unexpected argument '%s'", what, argv[optind]);
    if (a->head != NULL && (strcmp(what, "verify") != 0 || !audit_chain_hash_valid(a->head)))
        return cli_usage_error("audit %s: --head takes the 64 lower-case hex digits `audit head` prints",
                               what);
    return 0;
}

static void show_progress(void *arg, int64_t done, int64_t total)
{
    struct progress *bar = arg;

    bar->total = (uint64_t)total;
    progress_update(bar, (uint64_t)done, (uint64_t)done);
}

static json_t *verify_json(const struct audit_verify *v, bool head_given)
{
    json_t *j = json_pack("{s:b, s:I, s:I, s:s}", "intact", v->fault == AUDIT_INTACT, "rows",
                          (json_int_t)v->rows, "head_id", (json_int_t)v->head_id, "head", v->head);

    if (j == NULL)
        return NULL;
    if (v->fault != AUDIT_INTACT
        && (json_object_set_new(j, "fault", json_string(audit_fault_name(v->fault))) != 0
            || json_object_set_new(j, "fault_id", json_integer(v->fault_id)) != 0))
        goto fail;
    if (head_given && json_object_set_new(j, "rows_after_head", json_integer(v->rows_after_head)) != 0)
        goto fail;
    return j;
fail:
    json_decref(j);
    return NULL;
}

static int print_verify(const struct audit_verify *v, bool head_given)
{
    static const char *const why[] = {
        [AUDIT_CHANGED] = "its contents do not give its hash (changed after it was written)",
        [AUDIT_RELINKED] = "it does not follow the row before it (rows removed or reordered)",
        [AUDIT_UNCHAINED] = "it has no valid hash",
    };
    int rc;

    if (v->fault == AUDIT_HEAD_MISSING)
        rc = printf("audit: TAMPERED: the head given is not in the chain of %lld rows "
                    "(rows removed from the end, or the chain rewritten)\n", (long long)v->rows);
    else if (v->fault != AUDIT_INTACT)
        rc = printf("audit: TAMPERED at row id %lld: %s; %lld rows before it are intact\n",
                    (long long)v->fault_id, why[v->fault], (long long)v->rows);
    else if (head_given)
        rc = printf("audit: intact, %lld rows, %lld after the head given; head %lld %s\n",
                    (long long)v->rows, (long long)v->rows_after_head, (long long)v->head_id, v->head);
    else
        rc = printf("audit: intact, %lld rows; head %lld %s\n", (long long)v->rows, (long long)v->head_id,
                    v->head);
    return rc < 0 ? cli_write_failed("audit") : 0;
}

static int run(struct store *s, const char *what, const struct args *a)
{
    struct audit_verify v;
    struct progress bar;
    struct err e = {0};
    int rc;

    progress_start(&bar, "audit verify", 0, a->quiet || strcmp(what, "verify") != 0);
    rc = store_audit_verify(s, a->head, &v, show_progress, &bar, &e);
    progress_finish(&bar, (uint64_t)v.rows);
    if (rc != 0) {
        cli_error("audit %s: %s", what, e.msg);
        return EXIT_USAGE;
    }
    if (strcmp(what, "head") == 0) {
        if (v.fault != AUDIT_INTACT) {
            cli_error("audit head: the chain is broken at row id %lld; run `audit verify`",
                      (long long)v.fault_id);
            return EXIT_NEGATIVE;
        }
        if (a->json)
            return cli_print_json("audit", json_pack("{s:I, s:s, s:I}", "head_id", (json_int_t)v.head_id,
                                                     "head", v.head, "rows", (json_int_t)v.rows), 0);
        return printf("%lld %s\n", (long long)v.head_id, v.head) < 0 ? cli_write_failed("audit") : 0;
    }
    rc = a->json ? cli_print_json("audit", verify_json(&v, a->head != NULL), 0) : print_verify(&v, a->head != NULL);
    if (rc != 0)
        return rc;
    return v.fault == AUDIT_INTACT ? 0 : EXIT_NEGATIVE;
}

int cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    struct store *s;
    struct args a;
    int rc;

    (void)ctx;
    if (strcmp(what, "verify") != 0 && strcmp(what, "head") != 0)
        return cli_usage_error("audit: say `audit verify` or `audit head`");
    if ((rc = parse_args(what, argc - 1, argv + 1, &a)) != 0)
        return rc;
    if ((rc = cli_store_open(a.db, a.pg, &s)) != 0)
        return rc;
    rc = run(s, what, &a);
    store_close(s);
    if (rc == 0 && fflush(stdout) != 0)
        rc = cli_write_failed("audit");
    return rc;
}
