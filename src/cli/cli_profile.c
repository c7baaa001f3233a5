/* cli_profile.c: reading a profile file for the subcommands that take
 * --profile (eligible, calendar). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/profile.h"

#define PROFILE_MAX_BYTES (1 << 20)

static int read_all(const char *path, struct buf *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char chunk[8192];
    size_t got;

    if (f == NULL)
        return -1;
    out->limit = PROFILE_MAX_BYTES;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(out, chunk, got) != 0)
            break;
    if (f != stdin)
        fclose(f);
    return got > 0 ? -2 : 0;
}

int cli_profile_load(const char *cmd, const char *path, struct profile *p)
{
    struct buf text = BUF_INIT;
    struct profile_issues is = {0};
    struct err e;
    int rc = read_all(path, &text);

    if (rc != 0) {
        buf_release(&text);
        return cli_usage_error("%s: %s: %s", cmd, path, rc == -2 ? "larger than 1 MiB" : "cannot read");
    }
    rc = profile_parse(buf_cstr(&text), text.len, p, &is, &e);
    buf_release(&text);
    for (size_t i = 0; i < is.n; i++)
        fprintf(stderr, "samanvay: %s: %s: %s: %s%s\n", cmd, path, is.items[i].path,
                is.items[i].msg, is.items[i].warning ? " (warning)" : "");
    if (rc != 0 && is.n == 0) /* not even JSON: the position is in e */
        cli_usage_error("%s: %s:%s", cmd, path, e.msg);
    profile_issues_free(&is);
    return rc != 0 ? EXIT_USAGE : 0;
}
