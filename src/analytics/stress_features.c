/* stress_features.c: the stress early-warning's features (see the header
 * for the no-lookahead rule, docs/stress.md for why each one is there). */
#include "analytics/stress_features.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"

/* Months of turnover kept up to t. */
#define WINDOW 24      /* >= 6 + 12 + 3: the 12-month trend from a quarter back */
#define OVERDUE_DAYS 90
/* A reason must move the log-odds by at least this much to be named:
 * 0.01 is a 1% change in the odds, below anything worth an officer's time. */
#define MIN_CONTRIBUTION 0.01

static const struct {
    const char *name, *reason;
} features[SF_COUNT] = {
    [SF_RETURNS_MISSING_12] = {"gst_returns_missing_12m", "returns_missing"},
    [SF_RETURNS_LATE_12] = {"gst_returns_late_12m", "returns_late"},
    [SF_RETURNS_MISSING_3] = {"gst_returns_missing_3m", "returns_missing"},
    [SF_MONTHS_SINCE_FILED] = {"gst_months_since_filed", "returns_missing"},
    [SF_TURNOVER_TREND_3] = {"turnover_trend_3m", "turnover_down"},
    [SF_TURNOVER_TREND_6] = {"turnover_trend_6m", "turnover_down"},
    [SF_TURNOVER_TREND_12] = {"turnover_trend_12m", "turnover_down"},
    [SF_TURNOVER_CV_12] = {"turnover_cv_12m", "turnover_volatile"},
    [SF_TAX_RATIO_CHANGE] = {"tax_ratio_change", "tax_ratio_down"},
    [SF_SMA_CLASS] = {"sma_class", "sma"},
    [SF_DPD_NOW] = {"dpd_now", "sma"},
    [SF_DPD_MAX_12] = {"dpd_max_12m", "dpd_peak"},
    [SF_ARREARS_MONTHS_12] = {"arrears_months_12m", "sma"},
    [SF_UTILISATION] = {"utilisation", "utilisation_high"},
    [SF_UTILISATION_CHANGE_3] = {"utilisation_change_3m", "utilisation_high"},
    [SF_UTILISATION_CHANGE_12] = {"utilisation_change_12m", "utilisation_high"},
    [SF_NEW_FACILITIES_6] = {"new_facilities_6m", "new_borrowing"},
    [SF_CLAIMS_OPEN] = {"delayed_payment_claims_open", "payments_delayed"},
    [SF_COMPLIANCE_OVERDUE_90] = {"compliance_overdue_90d", "compliance_overdue"},
};

const char *stress_feature_name(int feature)
{
    return feature >= 0 && feature < SF_COUNT ? features[feature].name : NULL;
}

const char *stress_feature_reason(int feature)
{
    return feature >= 0 && feature < SF_COUNT ? features[feature].reason : NULL;
}

/* --- GST ------------------------------------------------------------- */

/* Monthly turnover and tax over the WINDOW months ending at t, from the
 * returns known by the end of t; slot WINDOW-1 is month t. */
struct turnover {
    double value[WINDOW], tax[WINDOW];
    bool known[WINDOW];
};

static bool filed_by(const struct stress_gst *g, int32_t day)
{
    return g->filed_on != DATE_UNKNOWN && g->filed_on <= day;
}

static void turnover_add(struct turnover *tv, int32_t t, int32_t month, double value, double tax)
{
    int slot = month - (t - (WINDOW - 1));

    if (slot < 0 || slot >= WINDOW)
        return;
    tv->value[slot] += value;
    tv->tax[slot] += tax;
    tv->known[slot] = true;
}

static void turnover_build(const struct stress_history *h, int32_t t, struct turnover *tv)
{
    int32_t end = date_month_last(t);

    memset(tv, 0, sizeof *tv);
    for (size_t i = 0; i < h->n_gst; i++) {
        const struct stress_gst *g = &h->gst[i];
        int spread = g->quarterly ? 3 : 1;

        if (g->period > t || !filed_by(g, end) || g->taxable_paise < 0)
            continue;
        for (int k = 0; k < spread; k++)
            turnover_add(tv, t, g->period - k, (double)g->taxable_paise / spread,
                         g->tax_paise < 0 ? 0 : (double)g->tax_paise / spread);
    }
}

/* Mean turnover of the known months `from`..`to` months before t (0 = t). */
static double mean_back(const struct turnover *tv, int from, int to, double *tax_sum,
                        double *value_sum)
{
    double sum = 0, tax = 0;
    int n = 0;

    for (int back = from; back <= to; back++) {
        int slot = WINDOW - 1 - back;
        if (!tv->known[slot])
            continue;
        sum += tv->value[slot];
        tax += tv->tax[slot];
        n++;
    }
    if (tax_sum != NULL)
        *tax_sum = tax;
    if (value_sum != NULL)
        *value_sum = sum;
    return n > 0 ? sum / n : NAN;
}

/* How many months back the latest month with turnover on file lies
 * (within 6 months; -1 when none): a quarterly filer's latest quarter, or a
 * monthly filer's last return when this month's is not yet due, is "the
 * last three months" for the trends. */
static int latest_known(const struct turnover *tv)
{
    for (int back = 0; back < 6; back++)
        if (tv->known[WINDOW - 1 - back])
            return back;
    return -1;
}

/* Mean turnover of months k0..k0+span-1 back against k0+lag..k0+lag+span-1, minus 1. */
static float trend(const struct turnover *tv, int k0, int span, int lag)
{
    double now, then;

    if (k0 < 0)
        return NAN;
    now = mean_back(tv, k0, k0 + span - 1, NULL, NULL);
    then = mean_back(tv, k0 + lag, k0 + lag + span - 1, NULL, NULL);
    if (isnan(now) || isnan(then) || then <= 0)
        return NAN;
    return (float)(now / then - 1.0);
}

static float volatility(const struct turnover *tv)
{
    double sum = 0, sq = 0, mean;
    int n = 0;

    for (int back = 0; back < 12; back++) {
        int slot = WINDOW - 1 - back;
        if (!tv->known[slot])
            continue;
        sum += tv->value[slot];
        sq += tv->value[slot] * tv->value[slot];
        n++;
    }
    if (n < 3 || sum <= 0)
        return NAN;
    mean = sum / n;
    return (float)(sqrt(fmax(sq / n - mean * mean, 0)) / mean);
}

static float tax_ratio_change(const struct turnover *tv)
{
    double tax_now, value_now, tax_then, value_then;

    mean_back(tv, 0, 2, &tax_now, &value_now);
    mean_back(tv, 3, 11, &tax_then, &value_then);
    if (value_now <= 0 || value_then <= 0)
        return NAN;
    return (float)(100.0 * (tax_now / value_now - tax_then / value_then));
}

static void gst_features(const struct stress_history *h, int32_t t, float *x)
{
    int32_t end = date_month_last(t), start = date_month_last(t - 12);
    int32_t recent = date_month_last(t - 3);
    int missing = 0, missing_recent = 0, late = 0, latest = -1, k0;
    struct turnover tv;

    if (h->n_gst == 0) {
        for (int f = SF_RETURNS_MISSING_12; f <= SF_TAX_RATIO_CHANGE; f++)
            x[f] = NAN;
        return;
    }
    for (size_t i = 0; i < h->n_gst; i++) {
        const struct stress_gst *g = &h->gst[i];
        bool filed = filed_by(g, end);

        if (filed && g->period <= t && g->period > latest)
            latest = g->period;
        if (g->due_on <= start || g->due_on > end)
            continue;
        missing += !filed;
        missing_recent += !filed && g->due_on > recent;
        late += filed && g->filed_on > g->due_on;
    }
    x[SF_RETURNS_MISSING_12] = (float)missing;
    x[SF_RETURNS_LATE_12] = (float)late;
    x[SF_RETURNS_MISSING_3] = (float)missing_recent;
    x[SF_MONTHS_SINCE_FILED] = latest < 0 ? NAN : (float)(t - latest);
    turnover_build(h, t, &tv);
    k0 = latest_known(&tv);
    x[SF_TURNOVER_TREND_3] = trend(&tv, k0, 3, 3);
    x[SF_TURNOVER_TREND_6] = trend(&tv, k0, 6, 6);
    x[SF_TURNOVER_TREND_12] = trend(&tv, k0, 3, 12);
    x[SF_TURNOVER_CV_12] = volatility(&tv);
    x[SF_TAX_RATIO_CHANGE] = tax_ratio_change(&tv);
}

/* --- credit ------------------------------------------------------------ */

static int sma_class(int dpd)
{
    return dpd <= 0 ? -1 : dpd <= 30 ? 0 : dpd <= 60 ? 1 : dpd <= 90 ? 2 : 3;
}

/* Outstanding over limit of the working-capital facilities reported at month m. */
static float utilisation_at(const struct stress_history *h, int32_t m)
{
    double out = 0, limit = 0;

    for (size_t i = 0; i < h->n_credit; i++) {
        const struct stress_credit *c = &h->credit[i];
        const struct stress_facility *f = &h->facility[c->facility];
        if (c->month != m || !f->working_capital || f->sanctioned_paise <= 0)
            continue;
        out += (double)c->outstanding_paise;
        limit += (double)f->sanctioned_paise;
    }
    return limit > 0 ? (float)(out / limit) : NAN;
}

static void credit_features(const struct stress_history *h, int32_t t, float *x)
{
    int dpd_now = -1, dpd_max = -1, arrears = 0, fresh = 0;
    uint32_t arrears_mask = 0;
    int32_t end = date_month_last(t), six_before = date_month_last(t - 6);
    float u_now, u_then, u_usual = 0;
    int n_usual = 0;

    for (size_t i = 0; i < h->n_credit; i++) {
        const struct stress_credit *c = &h->credit[i];
        if (c->month > t || c->month <= t - 12)
            continue;
        if (c->month == t && c->dpd > dpd_now)
            dpd_now = c->dpd;
        if (c->dpd > dpd_max)
            dpd_max = c->dpd;
        if (c->dpd > 0)
            arrears_mask |= 1u << (t - c->month);
    }
    for (int k = 0; k < 12; k++)
        arrears += (arrears_mask >> k) & 1u;
    for (size_t i = 0; i < h->n_facility; i++)
        fresh += h->facility[i].sanctioned_on > six_before && h->facility[i].sanctioned_on <= end;
    x[SF_SMA_CLASS] = dpd_now < 0 ? NAN : (float)sma_class(dpd_now);
    x[SF_DPD_NOW] = dpd_now < 0 ? NAN : (float)dpd_now;
    x[SF_DPD_MAX_12] = dpd_max < 0 ? NAN : (float)dpd_max;
    x[SF_ARREARS_MONTHS_12] = dpd_max < 0 ? NAN : (float)arrears;
    u_now = utilisation_at(h, t);
    u_then = utilisation_at(h, t - 3);
    x[SF_UTILISATION] = u_now;
    x[SF_UTILISATION_CHANGE_3] = isnan(u_now) || isnan(u_then) ? NAN : u_now - u_then;
    for (int32_t m = t - 12; m <= t - 6; m++) {
        float u = utilisation_at(h, m);
        if (!isnan(u)) {
            u_usual += u;
            n_usual++;
        }
    }
    x[SF_UTILISATION_CHANGE_12] = isnan(u_now) || n_usual == 0 ? NAN : u_now - u_usual / n_usual;
    x[SF_NEW_FACILITIES_6] = (float)fresh;
}

/* --- claims and compliance --------------------------------------------- */

static void other_features(const struct stress_history *h, int32_t t, float *x)
{
    int32_t end = date_month_last(t);
    int open = 0, overdue = 0;

    for (size_t i = 0; i < h->n_claim; i++) {
        const struct stress_claim *c = &h->claim[i];
        open += c->filed_on <= end && (c->closed_on == DATE_UNKNOWN || c->closed_on > end);
    }
    for (size_t i = 0; i < h->n_compliance; i++) {
        const struct stress_compliance *c = &h->compliance[i];
        overdue += c->due_on + OVERDUE_DAYS < end
                   && (c->done_on == DATE_UNKNOWN || c->done_on > end);
    }
    x[SF_CLAIMS_OPEN] = (float)open;
    x[SF_COMPLIANCE_OVERDUE_90] = (float)overdue;
}

void stress_features(const struct stress_history *h, int32_t t, float *x)
{
    gst_features(h, t, x);
    credit_features(h, t, x);
    other_features(h, t, x);
}

/* --- population, label ------------------------------------------------- */

bool stress_history_active(const struct stress_history *h, int32_t t, bool *npa)
{
    bool active = false;

    *npa = false;
    for (size_t i = 0; i < h->n_credit; i++) {
        if (h->credit[i].month != t)
            continue;
        active = true;
        *npa = *npa || h->credit[i].dpd > 90;
    }
    return active;
}

float stress_history_label(const struct stress_history *h, int32_t t, int32_t last_month)
{
    for (size_t i = 0; i < h->n_credit; i++) {
        const struct stress_credit *c = &h->credit[i];
        if (c->month > t && c->month <= t + 12 && c->dpd > 90)
            return 1.0f;
    }
    return last_month >= t + 12 ? 0.0f : NAN;
}

int32_t stress_history_arrears_since(const struct stress_history *h, int32_t t)
{
    uint32_t mask = 0;
    int32_t since = -1;

    for (size_t i = 0; i < h->n_credit; i++) {
        const struct stress_credit *c = &h->credit[i];
        if (c->month <= t && c->month > t - 32 && c->dpd > 0)
            mask |= 1u << (t - c->month);
    }
    for (int k = 0; k < 32 && ((mask >> k) & 1u); k++)
        since = t - k;
    return since;
}

/* --- reasons ----------------------------------------------------------- */

struct code_sum {
    const char *code;
    double contribution;
    int top_feature;            /* the feature of the code contributing most */
};

/* Whether the fact behind a code points to stress, so the words built from
 * it make sense ("turnover down" with turnover up would not). */
static bool fact_points_to_stress(const char *code, double value)
{
    if (isnan(value))
        return false;
    /* A fall smaller than 1% (or 0.01 points) is noise, not a fact to name. */
    if (strcmp(code, "turnover_down") == 0 || strcmp(code, "tax_ratio_down") == 0)
        return value <= -0.01;
    if (strcmp(code, "sma") == 0 || strcmp(code, "utilisation_high") == 0)
        return value >= 0;
    if (strcmp(code, "turnover_volatile") == 0)
        return value > 0;
    return value > 0;           /* counts, days past due */
}

/* The feature whose value a code reports. */
static int code_value_feature(const struct code_sum *s)
{
    if (strcmp(s->code, "turnover_down") == 0)
        return s->top_feature;
    for (int f = 0; f < SF_COUNT; f++)
        if (strcmp(features[f].reason, s->code) == 0)
            return f;
    return s->top_feature;
}

static void month_text(int32_t month, char out[8])
{
    snprintf(out, 8, "%04d-%02d", (int)(month / 12) % 10000, (int)(month % 12) + 1);
}

static void fill_reason(int32_t since, const float *x, const struct code_sum *s,
                        struct stress_reason *r)
{
    int f = code_value_feature(s);

    memset(r, 0, sizeof *r);
    snprintf(r->code, sizeof r->code, "%s", s->code);
    r->value = x[f];
    r->contribution = s->contribution;
    if (f == SF_TURNOVER_TREND_3)
        r->months = 3;
    else if (f == SF_TURNOVER_TREND_6)
        r->months = 6;
    else if (f == SF_TURNOVER_TREND_12)
        r->months = 12;
    if (strcmp(s->code, "sma") == 0) {
        if (r->value > 2)
            r->value = 2;
        if (since >= 0)
            month_text(since, r->since);
    }
}

int stress_features_reasons(int32_t arrears_since, const float *x, const float *contrib,
                            struct stress_reason *r)
{
    struct code_sum sums[SF_COUNT];
    int n_codes = 0, n = 0;

    for (int f = 0; f < SF_COUNT; f++) {
        int k = 0;
        while (k < n_codes && strcmp(sums[k].code, features[f].reason) != 0)
            k++;
        if (k == n_codes)
            sums[n_codes++] = (struct code_sum){features[f].reason, 0, f};
        sums[k].contribution += contrib[f];
        if (contrib[f] > contrib[sums[k].top_feature])
            sums[k].top_feature = f;
    }
    while (n < STRESS_REASONS_MAX) {
        int best = -1;
        for (int k = 0; k < n_codes; k++) {
            if (sums[k].contribution < MIN_CONTRIBUTION
                || !fact_points_to_stress(sums[k].code, x[code_value_feature(&sums[k])]))
                continue;
            if (best < 0 || sums[k].contribution > sums[best].contribution)
                best = k;
        }
        if (best < 0)
            break;
        fill_reason(arrears_since, x, &sums[best], &r[n++]);
        sums[best].contribution = 0;
    }
    return n;
}
