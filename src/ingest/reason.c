#include "ingest/reason.h"

#include <string.h>

static const char *const codes[R_COUNT] = {
    [R_NONE] = "none",
    [R_CSV_QUOTING] = "csv_quoting",
    [R_FIELD_COUNT] = "field_count",
    [R_INVALID_UTF8] = "invalid_utf8",
    [R_RECORD_TOO_LONG] = "record_too_long",
    [R_MISSING_FIELD] = "missing_field",
    [R_BAD_ENUM] = "bad_enum",
    [R_BAD_DATE] = "bad_date",
    [R_DATE_ORDER] = "date_order",
    [R_BAD_AMOUNT] = "bad_amount",
    [R_BAD_NUMBER] = "bad_number",
    [R_BAD_NIC] = "bad_nic",
    [R_UNKNOWN_STATE] = "unknown_state",
    [R_UNKNOWN_DISTRICT] = "unknown_district",
    [R_BAD_PINCODE] = "bad_pincode",
    [R_UDYAM_INVALID] = "udyam_invalid",
    [R_PAN_INVALID] = "pan_invalid",
    [R_GSTIN_INVALID] = "gstin_invalid",
    [R_GSTIN_CHECKSUM] = "gstin_checksum",
    [R_IFSC_INVALID] = "ifsc_invalid",
    [R_GSTIN_PAN_MISMATCH] = "gstin_pan_mismatch",
    [R_DUPLICATE_ROW] = "duplicate_row",
    [R_CONFLICTING_DUPLICATE] = "conflicting_duplicate",
    [R_PAN_CONFLICT] = "pan_conflict",
    [R_UNKNOWN_REFERENCE] = "unknown_reference",
    [R_FIELD_TOO_LONG] = "field_too_long",
};

const char *reason_code(enum reason r)
{
    return (unsigned)r < R_COUNT ? codes[r] : "none";
}

enum reason reason_from_code(const char *code)
{
    for (int r = 1; r < R_COUNT; r++)
        if (strcmp(codes[r], code) == 0)
            return (enum reason)r;
    return R_NONE;
}
