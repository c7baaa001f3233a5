/* progress.h: a one-line progress bar for long jobs, drawn on stderr only
 * when stderr is a terminal, at most five times a second. */
#ifndef SAMANVAY_PROGRESS_H
#define SAMANVAY_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct progress {
    bool enabled;
    const char *label;
    uint64_t total;        /* bytes, or 0 when unknown */
    double started, drawn; /* monotonic seconds */
};

/* enabled = isatty(2) unless `force_off`. */
void progress_start(struct progress *p, const char *label, uint64_t total, bool force_off);
void progress_update(struct progress *p, uint64_t done, uint64_t rows);
void progress_finish(struct progress *p, uint64_t rows);
double progress_now(void); /* monotonic seconds */

#endif
