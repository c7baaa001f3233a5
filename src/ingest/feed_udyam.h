/* feed_udyam.h: the Udyam registrations feed (docs/data-feeds.md §1):
 * one row per enterprise, validated into a struct enterprise. */
#ifndef SAMANVAY_FEED_UDYAM_H
#define SAMANVAY_FEED_UDYAM_H

#include <stdint.h>

#include "core/csv.h"
#include "core/enterprise.h"
#include "core/refdata.h"
#include "ingest/columns.h"
#include "ingest/feed.h"
#include "ingest/validate.h"

enum udyam_col {
    U_UDYAM, U_NAME, U_OWNER, U_PAN, U_GSTINS, U_CONSTITUTION, U_CATEGORY, U_GENDER, U_DISABLED,
    U_COMMENCED, U_REGISTERED, U_ACTIVITY, U_NIC, U_STATE, U_DISTRICT, U_PINCODE, U_AREA,
    U_INVESTMENT, U_TURNOVER, U_EXPORTS, U_EMP_MALE, U_EMP_FEMALE, U_EMP_OTHER, U_NCOLS
};

extern const struct column_spec udyam_columns[U_NCOLS];

/* Validate one row. On success *out is filled (content_hash included;
 * provenance left to the caller) and true is returned; otherwise `why`
 * says what is wrong. `warning` receives a non-fatal remark (e.g. Udyam
 * state letters that disagree with state_code) or stays "". */
bool udyam_row_parse(const struct refdata *ref, int32_t today, const int *index,
                     const struct csv_record *rec, struct enterprise *out, struct row_error *why,
                     char *warning, size_t warning_cap);

#endif
