/* log.h: the server's log, one line of key=value per event on stderr.
 *
 * Values that could carry a taxpayer's identity are redacted: any run of
 * letters and digits shaped like a PAN (AAAAA9999A) or a GSTIN
 * (99AAAAA9999A9Z9) keeps only its last four characters. Values with
 * spaces, quotes, '=' or control bytes are quoted and escaped, so one
 * event is always one parseable line. */
#ifndef SAMANVAY_LOG_H
#define SAMANVAY_LOG_H

#include <stddef.h>

#include "core/buf.h"

/* Append " key=value" (redacted, quoted when needed) to a line. */
int log_put(struct buf *line, const char *key, const char *value);
/* Copy s with PAN- and GSTIN-shaped runs masked into out[0..cap). */
void log_redact(const char *s, char *out, size_t cap);
/* Write the line with a leading "ts=..." and a newline in one write. */
void log_emit(struct buf *line);

#endif
