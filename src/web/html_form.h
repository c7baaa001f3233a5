/* html_form.h: form controls every page builds the same way: a label tied
 * to its input, an optional hint and error tied by aria-describedby, and
 * the control for a profile field chosen by the field's type (a select for
 * a vocabulary or yes/no, a text box otherwise), so a field looks and
 * validates the same on the profile page, the finder's short form and the
 * common application. */
#ifndef SAMANVAY_HTML_FORM_H
#define SAMANVAY_HTML_FORM_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/profile.h"

/* <label for=name>label</label> [hint] [error] <input name=name id=name>. */
int html_input(struct buf *b, const char *name, const char *label, const char *type,
               const char *value, const char *hint, const char *error, bool required);
/* <textarea>, same shape. */
int html_textarea(struct buf *b, const char *name, const char *label, const char *value,
                  const char *hint, const char *error, bool required);
/* A control for profile field f named `name`; `value` is its input text
 * (profile_view_put_input) and `label` its question. */
int html_profile_control(struct buf *b, const char *name, enum profile_field f, const char *label,
                         const char *value, const char *error, bool hindi);
/* The one hint for an amount in rupees. */
const char *html_rupee_hint(void);

#endif
