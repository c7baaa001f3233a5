/* embedded.h: files compiled into the binary (reference data under data/,
 * SQL migrations). The table is generated at build time by tools/embed.c
 * from the files listed in the Makefile's EMBED variable. */
#ifndef SAMANVAY_EMBEDDED_H
#define SAMANVAY_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;   /* path relative to the project root, e.g. "data/states.csv" */
    const char *data;   /* NUL-terminated for convenience; len excludes the NUL */
    size_t len;
};

const struct embedded_file *embedded_files(size_t *count);
/* The file with exactly this name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
