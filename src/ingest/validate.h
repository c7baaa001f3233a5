/* validate.h: field validators shared by every feed. Each returns true
 * when the value is good (storing it in *out), or false after filling
 * `why` with the reason code and a message that names the column. */
#ifndef SAMANVAY_VALIDATE_H
#define SAMANVAY_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ident.h"
#include "core/profile.h"
#include "ingest/reason.h"

struct refdata;

struct row_error {
    enum reason reason;
    char msg[240];
};

bool v_fail(struct row_error *why, enum reason r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

bool v_required(const char *s, const char *col, struct row_error *why);
/* Copy text into dst[cap]; too long is field_too_long. */
bool v_text(const char *s, const char *col, char *dst, size_t cap, struct row_error *why);
/* A value from a profile vocabulary; "" gives -1 unless required. */
bool v_enum(const char *s, const char *col, enum profile_field f, bool required, int *out,
            struct row_error *why);
/* "Y"/"N" to 1/0; "" gives -1. */
bool v_yes_no(const char *s, const char *col, int *out, struct row_error *why);
/* A date; "" gives DATE_UNKNOWN unless required. */
bool v_date(const char *s, const char *col, bool required, int32_t *out, struct row_error *why);
/* A non-negative amount in rupees to paise; "" gives -1 unless required. */
bool v_amount(const char *s, const char *col, bool required, int64_t *out, struct row_error *why);
/* A non-negative whole number; "" gives -1 unless required. */
bool v_count(const char *s, const char *col, bool required, int64_t *out, struct row_error *why);
/* An identifier; the reason is <kind>_checksum for a bad check character,
 * else <kind>_invalid. "" passes (as absent) unless required. */
bool v_id(enum id_kind kind, const struct refdata *ref, const char *s, const char *col,
          bool required, struct row_error *why);
/* A month "YYYY-MM" as date.h's month index; "" gives -1 unless required. */
bool v_month(const char *s, const char *col, bool required, int *out, struct row_error *why);
/* One of the NULL-terminated `words` (exact match), its position in *out;
 * "" gives -1 unless required. For a feed's own vocabularies (return
 * types, asset classes) that are not profile fields. */
bool v_word(const char *s, const char *col, const char *const *words, bool required, int *out,
            struct row_error *why);
/* A 5-digit NIC-2008 code whose first two digits are a division (bad_nic). */
bool v_nic(const struct refdata *ref, const char *s, const char *col, char out[6],
           struct row_error *why);
/* An LGD district of the state, matched ignoring case; out gets its LGD name. */
bool v_district(const struct refdata *ref, int state, const char *s, const char *col,
                char *out, size_t cap, struct row_error *why);
/* A PIN code: 6 digits, the first 1-9 (bad_pincode); "" passes as absent. */
bool v_pincode(const char *s, const char *col, char out[7], struct row_error *why);
/* Two-digit GST state code of a state or UT. */
bool v_state(const struct refdata *ref, const char *s, const char *col, int *out,
             struct row_error *why);

#endif
