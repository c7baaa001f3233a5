#include "ingest/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/refdata.h"

/* Column values are quoted in messages, cut short so one bad row cannot
 * flood a log or a page. */
#define SHOW "'%.40s'"

bool v_fail(struct row_error *why, enum reason r, const char *fmt, ...)
{
    va_list ap;

    why->reason = r;
    va_start(ap, fmt);
    vsnprintf(why->msg, sizeof why->msg, fmt, ap);
    va_end(ap);
    return false;
}

bool v_required(const char *s, const char *col, struct row_error *why)
{
    if (*s != '\0')
        return true;
    return v_fail(why, R_MISSING_FIELD, "%s: required, but empty", col);
}

bool v_text(const char *s, const char *col, char *dst, size_t cap, struct row_error *why)
{
    size_t n = strlen(s);

    if (n >= cap)
        return v_fail(why, R_FIELD_TOO_LONG, "%s: %zu bytes, at most %zu allowed", col, n, cap - 1);
    memcpy(dst, s, n + 1);
    return true;
}

bool v_enum(const char *s, const char *col, enum profile_field f, bool required, int *out,
            struct row_error *why)
{
    int k;

    if (*s == '\0') {
        *out = -1;
        return !required || v_required(s, col, why);
    }
    k = profile_enum_index(f, s);
    if (k < 0)
        return v_fail(why, R_BAD_ENUM, "%s: " SHOW " is not one of the allowed values", col, s);
    *out = k;
    return true;
}

bool v_yes_no(const char *s, const char *col, int *out, struct row_error *why)
{
    if (*s == '\0')
        *out = -1;
    else if (strcmp(s, "Y") == 0)
        *out = 1;
    else if (strcmp(s, "N") == 0)
        *out = 0;
    else
        return v_fail(why, R_BAD_ENUM, "%s: " SHOW " must be Y or N", col, s);
    return true;
}

bool v_date(const char *s, const char *col, bool required, int32_t *out, struct row_error *why)
{
    struct err e;

    if (*s == '\0') {
        *out = DATE_UNKNOWN;
        return !required || v_required(s, col, why);
    }
    if (date_parse(s, strlen(s), out, &e) != 0)
        return v_fail(why, R_BAD_DATE, "%s: %s", col, e.msg);
    return true;
}

bool v_month(const char *s, const char *col, bool required, int *out, struct row_error *why)
{
    int32_t first;

    if (*s == '\0') {
        *out = -1;
        return !required || v_required(s, col, why);
    }
    /* A month is real when its first day is a real date (date.h's range). */
    if (strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4
        || strspn(s + 5, "0123456789") != 2)
        return v_fail(why, R_BAD_DATE, "%s: " SHOW " is not a month YYYY-MM", col, s);
    if (date_from_ymd(atoi(s), atoi(s + 5), 1, &first) != 0)
        return v_fail(why, R_BAD_DATE, "%s: " SHOW " is not a real month", col, s);
    *out = date_month_index(first);
    return true;
}

bool v_word(const char *s, const char *col, const char *const *words, bool required, int *out,
            struct row_error *why)
{
    if (*s == '\0') {
        *out = -1;
        return !required || v_required(s, col, why);
    }
    for (int i = 0; words[i]; i++) {
        if (strcmp(s, words[i]) == 0) {
            *out = i;
            return true;
        }
    }
    return v_fail(why, R_BAD_ENUM, "%s: " SHOW " is not one of the allowed values", col, s);
}

bool v_amount(const char *s, const char *col, bool required, int64_t *out, struct row_error *why)
{
    struct err e;

    if (*s == '\0') {
        *out = -1;
        return !required || v_required(s, col, why);
    }
    if (money_parse(s, strlen(s), false, out, &e) != 0)
        return v_fail(why, R_BAD_AMOUNT, "%s: " SHOW ": %s", col, s, e.msg);
    return true;
}

bool v_count(const char *s, const char *col, bool required, int64_t *out, struct row_error *why)
{
    int64_t v = 0;

    if (*s == '\0') {
        *out = -1;
        return !required || v_required(s, col, why);
    }
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || p - s >= 12)
            return v_fail(why, R_BAD_NUMBER, "%s: " SHOW " is not a whole number", col, s);
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return true;
}

bool v_id(enum id_kind kind, const struct refdata *ref, const char *s, const char *col,
          bool required, struct row_error *why)
{
    static const enum reason invalid[] = {R_GSTIN_INVALID, R_PAN_INVALID, R_UDYAM_INVALID,
                                          R_IFSC_INVALID};
    struct id_verdict v;

    if (*s == '\0')
        return !required || v_required(s, col, why);
    if (id_validate(kind, ref, s, strlen(s), &v))
        return true;
    return v_fail(why, kind == ID_GSTIN && v.fault == ID_CHECKSUM ? R_GSTIN_CHECKSUM : invalid[kind],
                  "%s: " SHOW ": %s", col, s, v.reason);
}

bool v_nic(const struct refdata *ref, const char *s, const char *col, char out[6],
           struct row_error *why)
{
    if (!v_required(s, col, why))
        return false;
    if (strlen(s) != 5 || strspn(s, "0123456789") != 5 || refdata_nic_division(ref, s) == NULL)
        return v_fail(why, R_BAD_NIC, "%s: '%.20s' is not a 5-digit code of a NIC-2008 division",
                      col, s);
    memcpy(out, s, 6);
    return true;
}

bool v_district(const struct refdata *ref, int state, const char *s, const char *col,
                char *out, size_t cap, struct row_error *why)
{
    const struct district_info *dist;

    if (!v_required(s, col, why))
        return false;
    dist = refdata_district(ref, state, s);
    if (dist == NULL)
        return v_fail(why, R_UNKNOWN_DISTRICT, "%s: " SHOW " is not an LGD district of state %02d",
                      col, s, state);
    snprintf(out, cap, "%s", dist->name);
    return true;
}

bool v_state(const struct refdata *ref, const char *s, const char *col, int *out,
             struct row_error *why)
{
    const struct state_info *st = NULL;

    if (!v_required(s, col, why))
        return false;
    if (strlen(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9')
        st = refdata_state_by_gst(ref, (s[0] - '0') * 10 + (s[1] - '0'));
    if (st == NULL)
        return v_fail(why, R_UNKNOWN_STATE, "%s: " SHOW " is not the GST code of a state or UT",
                      col, s);
    /* A historical code (25, 28) is stored as the state's current one. */
    *out = st->gst_code;
    return true;
}

bool v_pincode(const char *s, const char *col, char out[7], struct row_error *why)
{
    if (*s && (strlen(s) != 6 || strspn(s, "0123456789") != 6 || s[0] == '0'))
        return v_fail(why, R_BAD_PINCODE, "%s: " SHOW " is not 6 digits starting 1-9", col, s);
    memcpy(out, s, strlen(s) + 1);
    return true;
}
