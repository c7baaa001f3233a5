/* obligation.h: compliance obligations as data (obligations/<id>.yaml,
 * docs/calendar.md).
 *
 * An obligation (GSTR-3B, EPF, MSME Form-1 …) is a list of rules. A rule
 * says who it binds (an expression over the profile, in the rules
 * language: src/rules/), how often a period recurs (month, quarter, half
 * year, financial year), when the period's return or payment is due, for
 * which periods it is in force (dated versions), and where that is
 * written. Extensions are data too: a notified due date for one period
 * replaces the rule's, with the notification cited.
 *
 * An obligation set owns all its memory (one arena); load it once. */
#ifndef SAMANVAY_OBLIGATION_H
#define SAMANVAY_OBLIGATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct program;
struct arena;

enum recurrence { EVERY_MONTH, EVERY_QUARTER, EVERY_HALF_YEAR, EVERY_YEAR };

/* A due date counted from a period: the `day` of the month `months`
 * after the period's last month (from_start: after its first month);
 * a day past the month's end is its last day (day 31 of April is the
 * 30th). */
struct due_rule {
    int months;
    int day;
    bool from_start;
};

#define DUE_EXCEPTIONS_MAX 4
#define MONTHS_MAX 12

struct due_exception {
    int last_month;               /* the period's last calendar month, 1..12 */
    struct due_rule due;
};

struct obligation_rule {
    const char *name;             /* "monthly", "qrmp_group_a" */
    const char *applies_text;     /* as written */
    const struct program *applies;
    int32_t from, to;             /* periods starting in [from, to]; to DATE_UNKNOWN: open */
    enum recurrence every;
    bool only_months[MONTHS_MAX + 1]; /* EVERY_MONTH: limit to these calendar months (none set: all) */
    int instalment;               /* > 0: one of several dues of the same period ("I1") */
    struct due_rule due;
    struct due_exception except[DUE_EXCEPTIONS_MAX];
    int n_except;
    const char *source;
    bool unconfirmed;             /* part of the rule is Samanvay's reading: `note` says which */
    bool optional;                /* the return may be skipped (GSTR-9 at ₹2 crore or less) */
    const char *note;
};

struct extension {
    const char *rule;             /* the rule it moves, by name */
    char period[16];              /* the period label it moves */
    int32_t due;
    const char *source;
};

/* Late fee for a return filed after its due date, by dated version: so
 * much a day, capped by the unit's aggregate turnover of the previous
 * year (the first cap whose `aato_upto` covers it; -1: no upper bound),
 * with its own rate and cap for a nil return. Amounts in paise. */
#define LATE_FEE_CAPS_MAX 6
struct late_fee_cap {
    int64_t aato_upto;
    int64_t max;
};

struct late_fee_version {
    int32_t from;                 /* due dates on or after */
    int64_t per_day, per_day_nil, nil_max;
    struct late_fee_cap caps[LATE_FEE_CAPS_MAX];
    int n_caps;
    const char *source;
};

/* Interest on tax paid late: simple, a yearly rate, by days. */
struct interest_version {
    int32_t from;
    int rate_bp;                  /* basis points a year: 1800 = 18% */
    const char *source;
};

#define OBLIGATION_RULES_MAX 16
#define OBLIGATION_EXTENSIONS_MAX 32

struct obligation {
    const char *id;               /* gstr1, gstr3b … (DESIGN.md §5) */
    const char *name, *name_hi;
    const char *what, *what_hi;   /* one line: what is filed or paid */
    const char *file;             /* obligations/<id>.yaml */
    struct obligation_rule rule[OBLIGATION_RULES_MAX];
    int n_rules;
    struct extension ext[OBLIGATION_EXTENSIONS_MAX];
    int n_ext;
    struct late_fee_version late_fee[4];
    int n_late_fee;
    struct interest_version interest[4];
    int n_interest;
};

struct obligation_set {
    struct obligation *o;
    size_t n;
    struct arena *arena;
};

/* Parse one obligation file (text[0..len), named `file`) into the set.
 * Errors name file:line:column and the key. */
int obligation_set_add(struct obligation_set *set, const char *file, const char *text, size_t len,
                       struct err *e);

/* Every obligations/<id>.yaml built into the binary, sorted by id. */
int obligation_set_load(struct obligation_set **out, struct err *e);
struct obligation_set *obligation_set_new(struct err *e);
void obligation_set_free(struct obligation_set *set);

const struct obligation *obligation_find(const struct obligation_set *set, const char *id);

/* The late fee for a return due on `due` and `days_late` days late (0
 * when none is on file for that date); nil: a return with nothing to
 * report; aato: the previous year's aggregate turnover in paise (-1
 * unknown: the highest cap applies, so the figure is never understated).
 * *source gets the rule's citation or NULL. -1 when no version of the
 * fee is on file for that due date (not known, which is not nothing). */
int64_t obligation_late_fee(const struct obligation *o, int32_t due, int64_t days_late, bool nil,
                            int64_t aato, const char **source);
/* Interest on `tax` paise paid `days_late` days after `due`: tax × rate ×
 * days / 365, rounded to the rupee; -1 when no rate is on file for that
 * due date, or the return is late and its tax is not known (tax < 0). */
int64_t obligation_interest(const struct obligation *o, int32_t due, int64_t days_late, int64_t tax,
                            const char **source);

/* The label of the period that starts on `start` ("2025-04", "2025-26-Q1",
 * "2025-26-H2", "2025-26"; with an instalment, "2025-26-I2"). */
void obligation_period_label(enum recurrence every, int32_t start, int instalment, char out[16]);
/* The period's last day. */
int32_t obligation_period_last(enum recurrence every, int32_t start);
/* The rule's due date for the period starting on `start` (extensions not applied). */
int32_t obligation_rule_due(const struct obligation_rule *r, int32_t start);

#endif
