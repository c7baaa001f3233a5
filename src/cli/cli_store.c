#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"

int cli_store_open(const char *db_path, const char *pg_conninfo, struct store **out)
{
    struct store_target t = {db_path, pg_conninfo};
    struct err e;

    if ((db_path == NULL) == (pg_conninfo == NULL))
        return cli_usage_error("give exactly one of --db FILE or --pg CONNINFO");
    if (store_open(&t, out, &e) != 0)
        return cli_usage_error("%s", e.msg);
    return 0;
}
