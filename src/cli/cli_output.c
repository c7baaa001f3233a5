/* cli_output.c: the JSON answer of a command, and the one error a failed
 * write gives (cli.h). */
#include "cli/cli.h"

#include <stdio.h>

int cli_write_failed(const char *cmd)
{
    cli_error("%s: cannot write the answer", cmd);
    return EXIT_USAGE;
}

int cli_print_json(const char *cmd, json_t *j, size_t extra_flags)
{
    int rc;

    if (j == NULL) {
        cli_error("%s: out of memory", cmd);
        return EXIT_USAGE;
    }
    rc = json_dumpf(j, stdout, JSON_COMPACT | JSON_ENSURE_ASCII | extra_flags);
    json_decref(j);
    return rc != 0 || putchar('\n') == EOF ? cli_write_failed(cmd) : 0;
}
