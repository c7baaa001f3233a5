/* samanvay init (--db F | --pg CONNINFO)
 *
 * Creates the database if needed and applies every migration not yet
 * applied. Safe to run again: it then changes nothing. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"pg", required_argument, NULL, 'p'}, {NULL, 0, NULL, 0}};
    const char *db = NULL, *pg = NULL;
    struct store *s;
    struct err e;
    int c, applied, version;

    (void)ctx;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'p')
            pg = optarg;
        else
            return EXIT_USAGE;
    }
    if (optind < argc)
        return cli_usage_error("init: unexpected argument '%s'", argv[optind]);
    if ((c = cli_store_open(db, pg, &s)) != 0)
        return c;
    if (store_migrate(s, &applied, &e) != 0 || store_schema_version(s, &version, &e) != 0) {
        store_close(s);
        return cli_usage_error("init: %s", e.msg);
    }
    store_close(s);
    fprintf(stderr, "samanvay: init: schema version %d (%d migration%s applied)\n", version, applied,
            applied == 1 ? "" : "s");
    return 0;
}
