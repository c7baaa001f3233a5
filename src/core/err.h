/* err.h: the one error convention.
 *
 * Functions return 0 on success and -1 on failure. On failure they fill the
 * caller's struct err with one line of text; for user input the text starts
 * with the position ("file:line:column: ") so the user can find the fault.
 * Objects passed in are left unchanged on failure. */
#ifndef SAMANVAY_ERR_H
#define SAMANVAY_ERR_H

#include <stddef.h>

#define ERR_MSG_MAX 512

struct err {
    char msg[ERR_MSG_MAX];
};

/* Set the message (printf-style, truncated to fit). Always returns -1 so a
 * caller can write `return err_set(e, "...")`. Accepts e == NULL. */
int err_set(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prefix the existing message with more context ("profile.json: " + msg). */
int err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void err_clear(struct err *e);

#endif
