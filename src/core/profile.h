/* profile.h: the enterprise profile (DESIGN.md §5 "Profile JSON"), the one
 * shape that eligibility, the calendar and the API share.
 *
 * Every field is a `fact` in one of three states. A key missing from the
 * JSON is UNKNOWN; JSON null is ABSENT (known not to exist: no Udyam
 * number, not in a cluster); a value is KNOWN. Fields are described by one
 * table (profile_fields) that drives parsing, writing, and the rule
 * engine's field paths, so adding a field is one line there. */
#ifndef SAMANVAY_PROFILE_H
#define SAMANVAY_PROFILE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum fact_state { FACT_UNKNOWN = 0, FACT_ABSENT, FACT_KNOWN };

enum pf_type { PF_STRING, PF_MONEY, PF_INT, PF_BOOL, PF_DATE, PF_ENUM, PF_STRLIST };

struct fact {
    enum fact_state state;
    int64_t i;      /* money (paise), int, bool (0/1), date (days), enum index */
    char *s;        /* PF_STRING: owned */
    char **list;    /* PF_STRLIST: owned array of owned strings */
    size_t n;
};

enum profile_field {
    PF_AS_OF,
    PF_NAME, PF_UDYAM, PF_PAN, PF_GSTINS, PF_CONSTITUTION, PF_STATUS, PF_COMMENCED_ON,
    PF_ACTIVITY, PF_NIC, PF_STATE, PF_DISTRICT, PF_AREA, PF_INVESTMENT, PF_TURNOVER,
    PF_EXPORTS, PF_EMPLOYEES, PF_GST_SCHEME, PF_CLUSTER_ID, PF_CLUSTER_SCHEME,
    PF_TRADITIONAL, PF_ASPIRATIONAL, PF_NER, PF_ZED_LEVEL,
    PF_OWNER_GENDER, PF_OWNER_CATEGORY, PF_OWNER_AGE, PF_OWNER_EDUCATION, PF_OWNER_DISABLED,
    PF_OWNER_EX_SERVICEMAN, PF_OWNER_MINORITY, PF_OWNER_SHARE,
    PF_NEED_PURPOSE, PF_NEED_AMOUNT,
    PF_HIST_SCHEMES, PF_HIST_LOAN_DEFAULT, PF_HIST_TARUN_REPAID, PF_HIST_GST_OVERDUE,
    PF_COUNT
};

struct profile_field_desc {
    enum profile_field id;
    const char *path;              /* "enterprise.turnover" */
    enum pf_type type;
    const char *const *values;     /* PF_ENUM: NULL-terminated vocabulary */
    int64_t min, max;              /* PF_INT bounds (inclusive) */
};

struct profile {
    struct fact f[PF_COUNT];
};

/* A problem with one field; `warning` problems do not stop processing. */
struct profile_issue {
    char path[64];
    char msg[240];
    bool warning;
};

struct profile_issues {
    struct profile_issue *items;
    size_t n, cap;
};

const struct profile_field_desc *profile_fields(size_t *count);
const struct profile_field_desc *profile_field_by_path(const char *path);
/* Enum value name for a KNOWN enum fact, e.g. "manufacturing". */
const char *profile_enum_name(enum profile_field id, int64_t index);
/* Index of `name` in the field's vocabulary, or -1. */
int profile_enum_index(enum profile_field id, const char *name);

void profile_init(struct profile *p);
void profile_clear(struct profile *p);  /* frees owned strings; back to all-unknown */

/* Set facts (replacing what was there). String setters copy. Each returns
 * 0 or -1 when memory runs out. */
int profile_set_string(struct profile *p, enum profile_field id, const char *s);
void profile_set_int(struct profile *p, enum profile_field id, int64_t v);
void profile_set_absent(struct profile *p, enum profile_field id);
int profile_add_list_item(struct profile *p, enum profile_field id, const char *s);

/* Read a profile from a JSON object. Type and vocabulary errors are added
 * to `issues` per field (all of them, not just the first); returns -1 if
 * any non-warning issue was found. Unknown keys are warnings. */
int profile_from_json(const json_t *root, struct profile *p, struct profile_issues *issues);
/* Parse JSON text (with line:column in the error) and then the profile. */
int profile_parse(const char *text, size_t len, struct profile *p, struct profile_issues *issues,
                  struct err *e);
/* A new JSON object in the same shape (unknown facts omitted, absent as null). */
json_t *profile_to_json(const struct profile *p);

void profile_issues_free(struct profile_issues *is);
int profile_issue_add(struct profile_issues *is, bool warning, const char *path, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));
size_t profile_issues_errors(const struct profile_issues *is);


/* A plain-language label for a field ("annual turnover"), in English or
 * Hindi, for messages that ask the user for missing facts. */
const char *profile_field_label(enum profile_field id, bool hindi);
/* A plain-language name for a vocabulary value of an enum field
 * ("Manufacturing", "विनिर्माण"); the code itself when none is needed. */
const char *profile_value_label(enum profile_field id, int64_t index, bool hindi);

#endif
