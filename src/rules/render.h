/* render.h: values and rule texts as people read them, in English or
 * Hindi: ₹12,34,567, 85%, 1 April 2025 / 1 अप्रैल 2025, सूक्ष्म. */
#ifndef SAMANVAY_RENDER_H
#define SAMANVAY_RENDER_H

#include <stdbool.h>

#include "core/buf.h"
#include "rules/scheme.h"
#include "rules/vm.h"

int render_value(struct buf *out, const struct value *v, int unit, bool hindi);
/* Evaluate a text's {expressions} with st and append the result. An
 * expression that fails prints as "?" (the failure is reported elsewhere). */
int render_text(struct buf *out, const struct text *t, struct vm_state *st, bool hindi);
/* A date as "1 April 2025" or "1 अप्रैल 2025". */
int render_date(struct buf *out, int32_t date, bool hindi);

#endif
