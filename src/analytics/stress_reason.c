/* stress_reason.c: reason codes in words, and the JSON stress_score keeps
 * (stress_reason.h).
 *
 * Words are made here, at display time, through gettext, so the one stored
 * score reads in the reader's language. Numbers are shown as a reader would
 * write them: a share as a whole percentage ("38%"), one decimal only below
 * ten ("4.5%"), counts and days as whole numbers.
 *
 * The parser is strict because the JSON is a contract between the model
 * (which writes it) and every page (which reads it): an unknown code, an
 * unknown key, a wrong type or a fourth reason is an error, never skipped. */
#include "analytics/stress_reason.h"

#include <jansson.h>
#include <libintl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The web's catalogue (web/i18n.h): the reasons are shown by its pages. */
#define SR_DOMAIN "samanvay"
#define _(s) dgettext(SR_DOMAIN, s)
#define N_(s) s

/* A reason's value is a share, a count or days: nothing near this size. */
#define VALUE_LIMIT 1e9
#define MONTHS_MAX 120

static const char *const codes[] = {
    "turnover_down",   "turnover_volatile", "tax_ratio_down",  "returns_late",
    "returns_missing", "sma",               "dpd_peak",        "utilisation_high",
    "new_borrowing",   "payments_delayed",  "compliance_overdue",
};
#define N_CODES (sizeof codes / sizeof codes[0])

static const char *const month_names[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

bool stress_reason_known(const char *code)
{
    if (!code)
        return false;
    for (size_t i = 0; i < N_CODES; i++)
        if (strcmp(code, codes[i]) == 0)
            return true;
    return false;
}

/* 'YYYY-MM' with a real month, or "". */
static bool since_valid(const char *s)
{
    size_t len = strnlen(s, 8);
    int month;

    if (len == 0)
        return true;
    if (len != 7 || s[4] != '-')
        return false;
    for (size_t i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return false;
    month = (s[5] - '0') * 10 + (s[6] - '0');
    return s[0] != '0' && month >= 1 && month <= 12;
}

/* "March 2026" in the current language, from 'YYYY-MM'. */
static void month_text(const char *since, char *out, size_t cap)
{
    int month = (since[5] - '0') * 10 + (since[6] - '0');

    snprintf(out, cap, "%s %.4s", _(month_names[month - 1]), since);
}

void stress_month_text(const char *yyyy_mm, char *out, size_t cap)
{
    if (cap == 0)
        return;
    if (yyyy_mm && yyyy_mm[0] && since_valid(yyyy_mm))
        month_text(yyyy_mm, out, cap);
    else
        snprintf(out, cap, "%s", yyyy_mm ? yyyy_mm : "");
}

/* A percentage without the sign: whole above ten, one decimal below it
 * (a 4.5% change matters; 38.2% reads no better than 38%). */
static void pct_text(double fraction, char *out, size_t cap)
{
    double p = fabs(fraction) * 100.0;

    if (p >= 9.95 || p == floor(p))
        snprintf(out, cap, "%.0f", p);
    else
        snprintf(out, cap, "%.1f", p);
}

static long whole(double v)
{
    return lround(v);
}

static int text_turnover(const struct stress_reason *r, struct buf *out)
{
    char pct[32];

    pct_text(r->value, pct, sizeof pct);
    if (r->months > 0)
        return buf_printf(out, r->value < 0 ? _("GST turnover down %s%% in %d months")
                                            : _("GST turnover up %s%% in %d months"),
                          pct, r->months);
    return buf_printf(out, r->value < 0 ? _("GST turnover down %s%%") : _("GST turnover up %s%%"), pct);
}

static int text_sma(const struct stress_reason *r, struct buf *out)
{
    char month[64];
    long cls = whole(r->value);

    if (!since_valid(r->since) || r->since[0] == '\0')
        return buf_printf(out, _("Loan account in SMA-%ld"), cls);
    month_text(r->since, month, sizeof month);
    return buf_printf(out, _("SMA-%ld since %s"), cls, month);
}

static int text_count(const struct stress_reason *r, struct buf *out)
{
    long n = whole(r->value);
    unsigned long un = n < 0 ? 0 : (unsigned long)n;

    if (strcmp(r->code, "returns_late") == 0)
        return buf_printf(out, dngettext(SR_DOMAIN, "%ld GST return filed late in 12 months",
                                   "%ld GST returns filed late in 12 months", un), n);
    if (strcmp(r->code, "returns_missing") == 0)
        return buf_printf(out, dngettext(SR_DOMAIN, "%ld GST return past due and not filed",
                                   "%ld GST returns past due and not filed", un), n);
    if (strcmp(r->code, "dpd_peak") == 0)
        return buf_printf(out, dngettext(SR_DOMAIN, "Loan repayment up to %ld day late in 12 months",
                                   "Loan repayment up to %ld days late in 12 months", un), n);
    if (strcmp(r->code, "new_borrowing") == 0)
        return buf_printf(out, dngettext(SR_DOMAIN, "%ld new loan taken in 6 months",
                                   "%ld new loans taken in 6 months", un), n);
    if (strcmp(r->code, "payments_delayed") == 0)
        return buf_printf(out, dngettext(SR_DOMAIN, "%ld delayed payment from buyers still unpaid",
                                   "%ld delayed payments from buyers still unpaid", un), n);
    if (strcmp(r->code, "compliance_overdue") == 0)
        return buf_printf(out, dngettext(SR_DOMAIN, "%ld compliance item overdue", "%ld compliance items overdue", un), n);
    return -1;
}

int stress_reason_text(const struct stress_reason *r, struct buf *out)
{
    char pct[32];

    if (!r || !stress_reason_known(r->code))
        return -1;
    if (strcmp(r->code, "turnover_down") == 0)
        return text_turnover(r, out);
    if (strcmp(r->code, "sma") == 0)
        return text_sma(r, out);
    if (strcmp(r->code, "turnover_volatile") == 0) {
        pct_text(r->value, pct, sizeof pct);
        return buf_printf(out, _("Monthly GST turnover unsteady: varies by %s%% over 12 months"), pct);
    }
    if (strcmp(r->code, "tax_ratio_down") == 0) {
        /* value is in percentage points of turnover: -1.5 is 1.5 points */
        snprintf(pct, sizeof pct, "%.1f", fabs(r->value));
        return buf_printf(out, r->value < 0 ? _("Tax paid per rupee of turnover down %s points")
                                            : _("Tax paid per rupee of turnover up %s points"),
                          pct);
    }
    if (strcmp(r->code, "utilisation_high") == 0) {
        pct_text(r->value, pct, sizeof pct);
        return buf_printf(out, _("Working-capital limit %s%% used"), pct);
    }
    return text_count(r, out);
}

/* --- JSON ---------------------------------------------------------------- */

static int parse_fail(struct err *e, int i, const char *what)
{
    if (i < 0)
        return err_set(e, "stress reasons: %s", what);
    return err_set(e, "stress reasons[%d]: %s", i, what);
}

static int parse_number(json_t *v, double *out)
{
    if (!json_is_number(v))
        return -1;
    *out = json_number_value(v);
    return isfinite(*out) && fabs(*out) <= VALUE_LIMIT ? 0 : -1;
}

static int parse_one(json_t *o, int i, struct stress_reason *r, struct err *e)
{
    const char *key;
    json_t *v;

    memset(r, 0, sizeof *r);
    if (!json_is_object(o))
        return parse_fail(e, i, "not an object");
    json_object_foreach(o, key, v) {
        if (strcmp(key, "code") == 0) {
            if (!json_is_string(v) || !stress_reason_known(json_string_value(v)))
                return parse_fail(e, i, "\"code\" is not a known reason code");
            snprintf(r->code, sizeof r->code, "%s", json_string_value(v));
        } else if (strcmp(key, "value") == 0) {
            if (parse_number(v, &r->value) != 0)
                return parse_fail(e, i, "\"value\" is not a finite number in range");
        } else if (strcmp(key, "contribution") == 0) {
            if (parse_number(v, &r->contribution) != 0)
                return parse_fail(e, i, "\"contribution\" is not a finite number in range");
        } else if (strcmp(key, "months") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > MONTHS_MAX)
                return parse_fail(e, i, "\"months\" is not an integer from 0 to 120");
            r->months = (int)json_integer_value(v);
        } else if (strcmp(key, "since") == 0) {
            if (!json_is_string(v) || json_string_length(v) >= sizeof r->since ||
                !since_valid(json_string_value(v)))
                return parse_fail(e, i, "\"since\" is not 'YYYY-MM' or empty");
            snprintf(r->since, sizeof r->since, "%s", json_string_value(v));
        } else {
            return parse_fail(e, i, "unknown key");
        }
    }
    if (r->code[0] == '\0' || !json_object_get(o, "value"))
        return parse_fail(e, i, "\"code\" and \"value\" are required");
    if (r->months != 0 && strcmp(r->code, "turnover_down") != 0)
        return parse_fail(e, i, "\"months\" belongs to turnover_down only");
    return 0;
}

int stress_reasons_parse_err(const char *json, struct stress_reason *r, int *n, struct err *e)
{
    struct stress_reason tmp[STRESS_REASONS_MAX];
    json_error_t je;
    json_t *root;
    size_t count;
    int rc = -1;

    if (!json)
        return parse_fail(e, -1, "missing");
    root = json_loads(json, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return err_set(e, "stress reasons: %d:%d: %s", je.line, je.column, je.text);
    if (!json_is_array(root)) {
        parse_fail(e, -1, "not an array");
        goto done;
    }
    count = json_array_size(root);
    if (count > STRESS_REASONS_MAX) {
        parse_fail(e, -1, "more than three reasons");
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        if (parse_one(json_array_get(root, i), (int)i, &tmp[i], e) != 0)
            goto done;
        for (size_t j = 0; j < i; j++)
            if (strcmp(tmp[j].code, tmp[i].code) == 0) {
                parse_fail(e, (int)i, "a code listed twice");
                goto done;
            }
    }
    memcpy(r, tmp, count * sizeof *r);
    *n = (int)count;
    rc = 0;
done:
    json_decref(root);
    return rc;
}

int stress_reasons_parse(const char *json, struct stress_reason *r, int *n)
{
    return stress_reasons_parse_err(json, r, n, NULL);
}

static json_t *reason_json(const struct stress_reason *r)
{
    json_t *o = json_object();

    if (!o || json_object_set_new(o, "code", json_string(r->code)) ||
        json_object_set_new(o, "value", json_real(r->value)) ||
        (r->months > 0 && json_object_set_new(o, "months", json_integer(r->months))) ||
        json_object_set_new(o, "since", json_string(r->since)) ||
        json_object_set_new(o, "contribution", json_real(r->contribution))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int stress_reasons_to_json(const struct stress_reason *r, int n, struct buf *out)
{
    json_t *a;
    char *text = NULL;
    int rc = -1;

    if (n < 0 || n > STRESS_REASONS_MAX)
        return -1;
    for (int i = 0; i < n; i++)
        if (!stress_reason_known(r[i].code) || !since_valid(r[i].since) || !isfinite(r[i].value) ||
            !isfinite(r[i].contribution))
            return -1;
    a = json_array();
    if (!a)
        return -1;
    for (int i = 0; i < n; i++)
        if (json_array_append_new(a, reason_json(&r[i])) != 0)
            goto done;
    text = json_dumps(a, JSON_COMPACT);
    if (text && buf_puts(out, text) == 0)
        rc = 0;
done:
    free(text);
    json_decref(a);
    return rc;
}
