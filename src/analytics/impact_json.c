/* impact_json.c: see impact_json.h. */
#include "analytics/impact_json.h"

#include <math.h>

/* Without EPFO returns the store holds employees once, as declared on
 * Udyam registration: no panel, so no before and after (docs/impact.md §5). */
static const char employment_reason[] =
    "no EPFO returns on file: employment is then known only as declared at Udyam registration "
    "(one value per enterprise, no dates), so no change around disbursal can be measured";

static json_t *num(double v)
{
    return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

/* estimate, ci_low, ci_high, n_treated, suppressed, inconclusive into o. */
static void put_estimate(json_t *o, const struct impact_estimate *x)
{
    bool hide = x->suppressed;

    json_object_set_new(o, "estimate", hide ? json_null() : num(x->est));
    json_object_set_new(o, "ci_low", hide ? json_null() : num(x->lo));
    json_object_set_new(o, "ci_high", hide ? json_null() : num(x->hi));
    json_object_set_new(o, "n_treated", json_integer(x->n_treated));
    json_object_set_new(o, "suppressed", json_boolean(x->suppressed));
    json_object_set_new(o, "inconclusive", json_boolean(x->inconclusive));
}

static json_t *balance_json(const struct impact_scheme *s)
{
    json_t *a = json_array();

    for (int c = 0; c < COV_COUNT && s->not_estimable == NULL; c++)
        json_array_append_new(a, json_pack("{s:s, s:o, s:o}", "covariate",
                                           c == COV_LOG_PRE && s->outcome == OUTCOME_EMPLOYMENT
                                               ? "log_pre_employment"
                                               : impact_cov_name((enum impact_cov)c),
                                           "smd_before", num(s->smd_before[c]), "smd_after",
                                           num(s->smd_after[c])));
    return a;
}

static json_t *segments_json(const struct impact_scheme *s)
{
    json_t *a = json_array();

    for (int k = 0; k < SEG_COUNT && s->not_estimable == NULL; k++) {
        json_t *o = json_pack("{s:s}", "segment", impact_segment_name((enum impact_segment)k));
        put_estimate(o, &s->segment[k]);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *districts_json(const struct impact_scheme *s)
{
    json_t *a = json_array();

    for (size_t k = 0; k < s->n_districts; k++) {
        json_t *o = json_pack("{s:s, s:s}", "state", s->districts[k].state, "district",
                              s->districts[k].district);
        put_estimate(o, &s->districts[k].e);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *pre_trend_json(const struct impact_scheme *s)
{
    const struct impact_estimate *p = &s->pre_trend;
    json_t *o = json_object();

    put_estimate(o, p);
    /* The placebo passes when its interval holds zero. */
    json_object_set_new(o, "passes", isnan(p->lo) ? json_null() : json_boolean(p->lo <= 0 && p->hi >= 0));
    return o;
}

static json_t *scheme_json(const struct impact_scheme *s)
{
    json_t *o = json_pack("{s:s, s:s}", "id", s->id, "outcome", impact_outcome_name(s->outcome));

    put_estimate(o, &s->att);
    json_object_set_new(o, "n_control", json_integer(s->n_control));
    json_object_set_new(o, "naive_estimate", s->att.suppressed ? json_null() : num(s->naive));
    json_object_set_new(o, "not_estimable", s->not_estimable ? json_string(s->not_estimable) : json_null());
    json_object_set_new(o, "receipts", json_integer(s->receipts));
    json_object_set_new(o, "candidates", json_integer(s->candidates));
    json_object_set_new(o, "control_units", json_integer(s->control_units));
    json_object_set_new(o, "common_support",
                        json_pack("{s:o, s:o, s:I, s:I}", "score_low", num(s->support.lo), "score_high",
                                  num(s->support.hi), "dropped_treated", (json_int_t)s->support.dropped_treated,
                                  "dropped_control", (json_int_t)s->support.dropped_control));
    json_object_set_new(o, "unmatched_treated", json_integer((json_int_t)s->unmatched));
    json_object_set_new(o, "pre_trend", pre_trend_json(s));
    json_object_set_new(o, "balance", balance_json(s));
    json_object_set_new(o, "by_segment", segments_json(s));
    json_object_set_new(o, "by_district", districts_json(s));
    return o;
}

static json_t *ttb_cells(const struct impact_ttb_cell *c, size_t n, bool district)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s, s:I, s:b, s:o, s:o, s:o}", "scheme", c[i].scheme, "n", (json_int_t)c[i].n,
                              "suppressed", c[i].suppressed, "median_days", num(c[i].median), "p90_days",
                              num(c[i].p90), "mean_days", num(c[i].mean));
        if (district) {
            json_object_set_new(o, "state", json_string(c[i].state));
            json_object_set_new(o, "district", json_string(c[i].district));
        }
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *ttb_json(const struct impact_ttb *t)
{
    return json_pack("{s:o, s:o, s:I}", "by_scheme", ttb_cells(t->schemes, t->n_schemes, false), "by_district",
                     ttb_cells(t->districts, t->n_districts, true), "negative_rows", (json_int_t)t->negative);
}

/* Employment rows beside "schemes" (which keeps the turnover rows the
 * DESIGN contract names), or why there are none. */
static json_t *employment_json(const struct impact_report *r)
{
    json_t *a;

    if (r->n_employment == 0)
        return json_pack("{s:b, s:s}", "measurable", 0, "reason", employment_reason);
    a = json_array();
    for (int s = 0; s < r->n_employment; s++)
        json_array_append_new(a, scheme_json(&r->employment[s]));
    return json_pack("{s:b, s:s, s:s, s:o}", "measurable", 1, "outcome", "log_employment", "source",
                     "EPFO monthly returns (ECR): members contributing", "schemes", a);
}

json_t *impact_report_json(const struct impact_report *r, const struct impact_ttb *ttb,
                           const struct impact_ttb *apps)
{
    json_t *t;

    json_t *schemes = json_array(), *o;

    for (int s = 0; s < r->n; s++)
        json_array_append_new(schemes, scheme_json(&r->schemes[s]));
    o = json_pack("{s:o, s:{s:s, s:i, s:i, s:f, s:f, s:i, s:I}, s:o}", "schemes", schemes, "method",
                  "design",
                  "propensity-score matching, difference in differences of log annual GST turnover "
                  "(and of log EPFO members)",
                  "window_quarters", IMPACT_WINDOW_Q, "neighbours", IMPACT_K, "caliper_sd", IMPACT_CALIPER_SD,
                  "inconclusive_half_width", IMPACT_HALF_WIDTH_MAX, "draws", r->opts.draws, "seed",
                  (json_int_t)r->opts.seed, "employment", employment_json(r));
    if (o == NULL || ttb == NULL)
        return o;
    /* The lists' sanction to disbursal; the portal's submission to
     * disbursal under "applications". */
    t = ttb_json(ttb);
    if (t != NULL && apps != NULL)
        json_object_set_new(t, "applications", ttb_json(apps));
    json_object_set_new(o, "time_to_benefit", t);
    return o;
}
