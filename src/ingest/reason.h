/* reason.h: quarantine reason codes, shared by the validators (src/ingest/)
 * and the synthetic generator (src/gen/), which counts the errors it
 * injects under the same codes so tests can compare the two exactly.
 * The meaning of each code is in docs/data-feeds.md. */
#ifndef SAMANVAY_REASON_H
#define SAMANVAY_REASON_H

enum reason {
    R_NONE = 0,
    R_CSV_QUOTING,
    R_FIELD_COUNT,
    R_INVALID_UTF8,
    R_RECORD_TOO_LONG,
    R_MISSING_FIELD,
    R_BAD_ENUM,
    R_BAD_DATE,
    R_DATE_ORDER,
    R_BAD_AMOUNT,
    R_BAD_NUMBER,
    R_BAD_NIC,
    R_UNKNOWN_STATE,
    R_UNKNOWN_DISTRICT,
    R_BAD_PINCODE,
    R_UDYAM_INVALID,
    R_PAN_INVALID,
    R_GSTIN_INVALID,
    R_GSTIN_CHECKSUM,
    R_IFSC_INVALID,
    R_GSTIN_PAN_MISMATCH,
    R_DUPLICATE_ROW,
    R_CONFLICTING_DUPLICATE,
    R_PAN_CONFLICT,
    R_UNKNOWN_REFERENCE,
    R_FIELD_TOO_LONG,
    R_COUNT
};

/* "csv_quoting", "gstin_checksum", ... (the codes in docs/data-feeds.md). */
const char *reason_code(enum reason r);
/* Reverse of reason_code; R_NONE when unknown. */
enum reason reason_from_code(const char *code);

#endif
