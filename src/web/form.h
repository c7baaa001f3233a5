/* form.h: application/x-www-form-urlencoded bodies (HTML form posts). */
#ifndef SAMANVAY_FORM_H
#define SAMANVAY_FORM_H

#include <stddef.h>

/* Percent-decode s[0..n) into out[0..cap), '+' becoming a space. Returns
 * 0, or -1 on a malformed escape, a NUL byte, or when it does not fit. */
int form_decode(const char *s, size_t n, char *out, size_t cap);

/* The decoded value of field `name` in body[0..len). Returns 0 when the
 * field is present and decodes; -1 when it is absent or malformed. The
 * first occurrence of a name counts. */
int form_get(const char *body, size_t len, const char *name, char *out, size_t cap);

#endif
