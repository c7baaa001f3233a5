/* stress_reason.h: why an enterprise is on the watchlist, in words an
 * officer and the entrepreneur can check against their own books.
 *
 * The model (stress_features.c, TreeSHAP) names each of the top three
 * contributions by a reason code and the fact behind it; the words are made
 * at display time in the reader's language (gettext), so a score stored
 * once reads in English and in Hindi. Several features may share one code
 * (the 3- and 6-month turnover trends are both "turnover down"); a score
 * lists each code at most once.
 *
 * Codes, the meaning of `value`, and `since` ('YYYY-MM' or empty):
 *   turnover_down      fractional change of GST turnover, e.g. -0.38; `months`
 *                      is the span compared (3, 6 or 12)
 *   turnover_volatile  coefficient of variation of monthly turnover, 12 months
 *   tax_ratio_down     change in tax paid per rupee of turnover (points)
 *   returns_late       GST returns filed late in the last 12 months (count)
 *   returns_missing    GST returns past due and not filed (count)
 *   sma                worst current RBI class: 0 SMA-0, 1 SMA-1, 2 SMA-2;
 *                      `since` the first month of the current run in arrears
 *   dpd_peak           most days past due in the last 12 months
 *   utilisation_high   outstanding / sanctioned on working-capital limits (0.97)
 *   new_borrowing      facilities sanctioned in the last 6 months (count)
 *   payments_delayed   unpaid delayed-payment claims against buyers (count)
 *   compliance_overdue compliance items past due (count)
 */
#ifndef SAMANVAY_STRESS_REASON_H
#define SAMANVAY_STRESS_REASON_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/err.h"

#define STRESS_REASONS_MAX 3
#define STRESS_REASON_CODE_MAX 24

/* A score at or above this calibrated probability of NPA within 12 months
 * puts an enterprise "in stress" for the watchlist, the heatmap and cluster
 * health: one chance in four, several times the generated base rate, so a
 * district's list stays short enough to act on (docs/stress.md). */
#define STRESS_ALERT_PROBABILITY 0.25

struct stress_reason {
    char code[STRESS_REASON_CODE_MAX];
    double value;
    int months;                 /* turnover_down only; else 0 */
    char since[8];              /* 'YYYY-MM' or "" */
    double contribution;        /* TreeSHAP, log-odds */
};

/* Whether `code` is one of the codes above. */
bool stress_reason_known(const char *code);
/* The reason in the current gettext language, appended to out: "GST
 * turnover down 38% in 6 months", "SMA-1 since March 2026". -1 on an
 * unknown code or when memory runs out. */
int stress_reason_text(const struct stress_reason *r, struct buf *out);
/* A scoring month 'YYYY-MM' as words in the current language ("March
 * 2026"); anything else is copied as it is. */
void stress_month_text(const char *yyyy_mm, char *out, size_t cap);
/* Parse stress_score.reasons (JSON array) into r[0..*n), n <= STRESS_REASONS_MAX. */
int stress_reasons_parse(const char *json, struct stress_reason *r, int *n);
/* The same, saying in e what is wrong: not an array, more than three, an
 * unknown code or key, a wrong type, a code listed twice. r and n are
 * unchanged on failure. */
int stress_reasons_parse_err(const char *json, struct stress_reason *r, int *n, struct err *e);
/* And back: the JSON array stress_score.reasons keeps. */
int stress_reasons_to_json(const struct stress_reason *r, int n, struct buf *out);

#endif
