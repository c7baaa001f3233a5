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

/* A text field as a reader typed it: form_get, plus the distinction a
 * form needs between a field left out and one that is too long, malformed,
 * not UTF-8, or holds a control character (which would be stored as given
 * and break every JSON or page that shows it later). On FORM_ABSENT and
 * FORM_BAD, out is "". */
enum form_text_result { FORM_BAD = -1, FORM_OK = 0, FORM_ABSENT = 1 };
enum form_text_result form_text(const char *body, size_t len, const char *name, char *out,
                                size_t cap);

#endif
