/* msmed_json.c: see msmed_json.h. */
#include "calendar/msmed_json.h"

#include <stdio.h>

#include "core/date.h"
#include "core/money.h"

static json_t *day_json(int32_t d)
{
    char s[DATE_STR_LEN];

    if (d == DATE_UNKNOWN)
        return json_null();
    date_format(d, s);
    return json_string(s);
}

static json_t *month_json(const struct msmed_month *m)
{
    return json_pack("{s:o, s:o, s:o, s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o}",
                     "start", day_json(m->start), "end", day_json(m->end), "rest",
                     day_json(m->rest), "days", m->days, "period_days", m->period_days,
                     "bank_rate_bp", m->bank_bp, "rate_bp", m->rate_bp, "opening",
                     money_to_json(m->opening), "interest", money_to_json(m->interest), "paid",
                     money_to_json(m->paid), "closing", money_to_json(m->closing));
}

static json_t *term_json(const struct msmed_term *t)
{
    return json_pack("{s:o, s:b, s:i, s:b, s:b, s:o, s:o}", "accepted", day_json(t->accepted),
                     "deemed", t->deemed, "days", t->days, "agreed", t->agreed, "capped",
                     t->capped, "due", day_json(t->due), "interest_from",
                     day_json(t->interest_from));
}

json_t *msmed_result_json(const struct msmed_result *r, int32_t as_of)
{
    json_t *sched = json_array(), *root;
    int bank_bp = r->n_months > 0 ? r->months[0].bank_bp : 0;

    for (size_t i = 0; sched != NULL && i < r->n_months; i++)
        if (json_array_append_new(sched, month_json(&r->months[i])) != 0) {
            json_decref(sched);
            sched = NULL;
        }
    if (sched == NULL)
        return NULL;
    root = json_pack("{s:o, s:o, s:i, s:o, s:o, s:o, s:o, s:I, s:o, s:o, s:o, s:I, s:I, s:o}",
                     "term", term_json(&r->term), "as_of", day_json(as_of), "days_late",
                     r->days_late, "settled", day_json(r->settled), "rate",
                     r->n_months > 0 ? json_pack("{s:i, s:i}", "bank_rate_bp", bank_bp, "rate_bp",
                                                 bank_bp * MSMED_RATE_MULTIPLE)
                                     : json_null(),
                     "schedule", sched, "interest", money_to_json(r->interest), "interest_paise",
                     (json_int_t)r->interest, "interest_outstanding",
                     money_to_json(r->interest_outstanding), "principal_outstanding",
                     money_to_json(r->principal_outstanding), "outstanding",
                     money_to_json(r->outstanding), "outstanding_paise",
                     (json_int_t)r->outstanding, "claim_rupees",
                     (json_int_t)(msmed_round_rupee(r->outstanding) / PAISE_PER_RUPEE), "excess",
                     money_to_json(r->excess));
    return root;
}

const char *msmed_43bh_verdict_name(enum msmed_43bh_verdict v)
{
    switch (v) {
    case MSMED_43BH_DEDUCTIBLE: return "deductible";
    case MSMED_43BH_NOT_DEDUCTIBLE: return "not_deductible";
    case MSMED_43BH_UNDECIDED: return "undecided";
    }
    return "";
}

const char *msmed_43bh_reason_name(enum msmed_43bh_reason r)
{
    switch (r) {
    case MSMED_43BH_BEFORE_IN_FORCE: return "before_in_force";
    case MSMED_43BH_PAID_IN_TIME: return "paid_in_time";
    case MSMED_43BH_PAID_LATE: return "paid_late";
    case MSMED_43BH_UNPAID_LATE: return "unpaid_late";
    case MSMED_43BH_UNPAID_IN_TIME: return "unpaid_in_time";
    case MSMED_43BH_NOT_INCURRED: return "not_incurred";
    }
    return "";
}

json_t *msmed_43bh_json(const struct msmed_43bh *t)
{
    char fy[16];

    if (t->deduction_fy >= 0)
        snprintf(fy, sizeof fy, "%d-%02d", t->deduction_fy, (t->deduction_fy + 1) % 100);
    return json_pack("{s:s, s:s, s:o, s:o, s:s}", "verdict", msmed_43bh_verdict_name(t->verdict),
                     "reason", msmed_43bh_reason_name(t->reason), "due", day_json(t->due),
                     "deduction_fy", t->deduction_fy >= 0 ? json_string(fy) : json_null(), "why",
                     t->why);
}
