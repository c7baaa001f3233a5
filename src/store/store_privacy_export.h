/* store_privacy_export.h: every row the store holds about one enterprise,
 * written out as JSON members for its owner's data export (docs/privacy.md,
 * "The export"). The rows are streamed: each section's query is stepped and
 * every row written to the sink as it is read, so memory does not grow with
 * the history (a decade of GST returns and audit rows included).
 *
 * Secrets are left out by the queries themselves: no password hash, no
 * session, no calendar token hash. Returns 0 or -1 with `e` set (a store
 * fault, or the sink's). */
#ifndef SAMANVAY_STORE_PRIVACY_EXPORT_H
#define SAMANVAY_STORE_PRIVACY_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Where the text goes: write returns 0, or -1 with e set (too large, I/O). */
struct export_sink {
    int (*write)(void *ctx, const char *p, size_t n, struct err *e);
    void *ctx;
};

/* The i-th section's name, in the order they are written, or NULL past the
 * last (docs/privacy.md lists each with its table and columns). */
const char *store_privacy_section(size_t i);

/* Write `,"<section>":[{...},...]` for every section, each row an object
 * of its columns: numbers as numbers, text as strings, NULL as null, and
 * a column whose name ends in "_json" as the JSON it holds (as a string
 * when it is not valid JSON). Call inside one read transaction so the
 * sections agree with each other. */
int store_privacy_export(struct store *s, int64_t enterprise_id, const struct export_sink *out,
                         struct err *e);

/* s as a JSON string (quotes included), invalid UTF-8 replaced by U+FFFD,
 * control characters escaped. For the export's other writers. */
int export_put_string(const struct export_sink *out, const char *s, size_t n, struct err *e);

#endif
