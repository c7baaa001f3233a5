/* classify.h: MSME classification (micro/small/medium/large) under the
 * limits in force on a date. The limits are data (data/classification_limits.csv),
 * chosen by date: MSMED Act 2006 (investment only, manufacturing and services
 * apart), S.O. 2119(E) from 1 July 2020, S.O. 1364(E) from 1 April 2025.
 *
 * Rules (S.O. 2119(E)): limits are inclusive; a unit above either the
 * investment or the turnover limit of a class moves to the next; export
 * turnover is excluded from turnover. */
#ifndef SAMANVAY_CLASSIFY_H
#define SAMANVAY_CLASSIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/refdata.h"

struct classify_input {
    int64_t investment;   /* paise */
    int64_t turnover;     /* paise, including exports */
    int64_t exports;      /* paise */
    int32_t on;           /* date */
    enum limit_activity activity; /* needed only before 1 July 2020 */
};

struct classify_check {
    enum msme_class cls;
    const struct class_limit *limit;
    bool investment_within;
    bool turnover_within;  /* true when turnover is not a criterion */
};

struct classify_result {
    enum msme_class cls;
    int64_t turnover_counted;       /* turnover minus exports */
    const struct class_limit *regime_limit; /* any row of the regime used (for its name and source) */
    struct classify_check checks[3]; /* micro, small, medium */
    int n_checks;
};

int classify(const struct refdata *ref, const struct classify_input *in,
             struct classify_result *out, struct err *e);



#include "core/buf.h"

/* "manufacturing" | "services" | "trading" (trading counts as services
 * under the 2006 Act's split); 0, or -1 for anything else. */
int classify_activity_parse(const char *s, enum limit_activity *out);

/* The answer as JSON (the keys of `samanvay classify --json` and of POST
 * /api/v1/classify): class, on, regime, notification, source, investment,
 * turnover, exports, turnover_counted, checks, explanation. NULL when
 * memory runs out. */
struct json_t;
struct json_t *classify_result_json(const struct classify_input *in,
                                    const struct classify_result *r);

/* One English sentence saying why: which limit the enterprise exceeds and
 * which it meets, under which notification. */
int classify_explain(const struct classify_input *in, const struct classify_result *r,
                     struct buf *out);
#endif
