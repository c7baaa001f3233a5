/* samanvay check-id TYPE [ID ...]
 *
 * Prints one line per ID: "ID<TAB>valid" or "ID<TAB>invalid<TAB>reason".
 * With no IDs it reads one per line from stdin (output line i answers input
 * line i). Exit 0 when all are valid, 1 when any is invalid. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/ident.h"

#define LINE_MAX_BYTES 4096

static bool check_one(enum id_kind kind, const struct refdata *ref, const char *id, size_t n)
{
    struct id_verdict v;
    bool ok = id_validate(kind, ref, id, n, &v);

    fwrite(id, 1, n, stdout);
    if (ok)
        fputs("\tvalid\n", stdout);
    else
        printf("\tinvalid\t%s\n", v.reason);
    return ok;
}

/* Read stdin line by line; a line longer than the buffer is still one ID
 * (reported by its true length), never split in two. */
static int check_stdin(enum id_kind kind, const struct refdata *ref)
{
    char line[LINE_MAX_BYTES];
    bool all_valid = true;

    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] != '\n' && !feof(stdin)) {
            size_t total = n;
            int c;
            while ((c = getchar()) != EOF && c != '\n')
                total++;
            fwrite(line, 1, 40, stdout);
            printf("...\tinvalid\tlength: %zu characters is far too long\n", total);
            all_valid = false;
            continue;
        }
        if (n > 0 && line[n - 1] == '\n')
            n--;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        all_valid &= check_one(kind, ref, line, n);
    }
    if (ferror(stdin)) {
        cli_error("check-id: error reading standard input");
        return EXIT_USAGE;
    }
    return all_valid ? 0 : EXIT_NEGATIVE;
}

int cmd_check_id(struct cli_ctx *ctx, int argc, char **argv)
{
    enum id_kind kind;
    bool all_valid = true;
    int rc;

    if (argc < 2)
        return cli_usage_error("usage: samanvay check-id gstin|pan|udyam|ifsc [ID ...]");
    if (id_kind_parse(argv[1], &kind) != 0)
        return cli_usage_error("check-id: unknown identifier type '%s' (gstin|pan|udyam|ifsc)",
                               argv[1]);
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (argc == 2) {
        rc = check_stdin(kind, ctx->ref);
    } else {
        for (int i = 2; i < argc; i++)
            all_valid &= check_one(kind, ctx->ref, argv[i], strlen(argv[i]));
        rc = all_valid ? 0 : EXIT_NEGATIVE;
    }
    if (fflush(stdout) != 0) {
        cli_error("check-id: cannot write output");
        return EXIT_USAGE;
    }
    return rc;
}
