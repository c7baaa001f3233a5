/* enterprise.h: one enterprise as the store keeps it (the "golden record"
 * built from the Udyam feed and, later, the other feeds), with the
 * provenance of its base fields: the feed file and row they came from.
 *
 * Strings are fixed-size so a record can be copied and reset without
 * ownership rules; validators reject longer input (field_too_long).
 * Unknown numbers are -1, unknown dates DATE_UNKNOWN, unknown strings "". */
#ifndef SAMANVAY_ENTERPRISE_H
#define SAMANVAY_ENTERPRISE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/profile.h"

#define ENTERPRISE_NAME_MAX 256    /* bytes including NUL */
#define ENTERPRISE_MAX_GSTINS 8

struct enterprise {
    int64_t id;                     /* store id; 0 before insert */
    char udyam[20];
    char pan[11];
    char name[ENTERPRISE_NAME_MAX];
    char owner_name[ENTERPRISE_NAME_MAX];
    int n_gstins;
    char gstins[ENTERPRISE_MAX_GSTINS][16];
    int constitution;               /* index into the profile vocabularies; -1 unknown */
    int social_category;
    int owner_gender;
    int owner_disabled;             /* 1, 0, or -1 unknown */
    int32_t commenced_on;           /* date, or DATE_UNKNOWN */
    int32_t registered_on;
    int activity;
    char nic[6];
    int state;                      /* GST state code */
    char district[64];
    char pincode[7];
    int area;
    int64_t investment;             /* paise */
    int64_t turnover;               /* paise, including exports */
    int64_t exports;                /* paise, -1 unknown */
    int64_t employees_male, employees_female, employees_other; /* -1 unknown */
    uint64_t content_hash;          /* of every field above except id */
    /* provenance of the fields above */
    char src_feed[16];
    int64_t src_file;
    int64_t src_row;
};

void enterprise_init(struct enterprise *e);
/* Hash of the content fields, to tell an identical row from a changed one. */
uint64_t enterprise_content_hash(const struct enterprise *e);
/* What to call an enterprise on a page: its name, or, for one known only
 * from GST returns (which carry no name), its first GSTIN, else its PAN,
 * else its Udyam number. Points into e. */
const char *enterprise_display_name(const struct enterprise *e);
/* Total employees, or -1 when none of the counts is known. */
int64_t enterprise_employees(const struct enterprise *e);

/* The enterprise as a profile (DESIGN.md §5): fields the Udyam record
 * carries become KNOWN; a missing PAN or GSTIN is ABSENT; the rest stays
 * UNKNOWN. Returns 0 or -1 when memory runs out. */
int enterprise_to_profile(const struct enterprise *e, struct profile *p);

#endif
