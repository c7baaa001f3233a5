#include "rules/rank.h"

#include <string.h>

#include "core/money.h"
#include "rules/eligibility.h"
#include "rules/num.h"
#include "rules/render.h"

#define O(x) (1u << (x))

/* need.purpose → objectives that serve it first, and then. */
static const struct {
    const char *purpose;
    uint32_t primary, secondary;
} fits[] = {
    {"new_unit", O(OBJ_CREDIT) | O(OBJ_SUBSIDY), O(OBJ_GUARANTEE) | O(OBJ_SKILLING)},
    {"machinery", O(OBJ_CREDIT) | O(OBJ_SUBSIDY) | O(OBJ_TECHNOLOGY), O(OBJ_GUARANTEE)},
    {"working_capital", O(OBJ_CREDIT) | O(OBJ_GUARANTEE), O(OBJ_DELAYED_PAYMENT)},
    {"export", O(OBJ_EXPORT) | O(OBJ_MARKETING), O(OBJ_CREDIT) | O(OBJ_CERTIFICATION)},
    {"certification", O(OBJ_CERTIFICATION), O(OBJ_TECHNOLOGY)},
    {"skilling", O(OBJ_SKILLING), 0},
    {"marketing", O(OBJ_MARKETING), O(OBJ_EXPORT)},
    {"technology", O(OBJ_TECHNOLOGY) | O(OBJ_INNOVATION), O(OBJ_CERTIFICATION) | O(OBJ_SUBSIDY)},
    {"infrastructure", O(OBJ_INFRASTRUCTURE) | O(OBJ_CLUSTER), O(OBJ_SUBSIDY)},
};

/* How much a rupee of each kind of benefit is worth to the enterprise: a
 * subsidy or grant is money kept; a guarantee saves collateral and a fee;
 * a loan is access to money that is repaid with interest. (Assumed
 * weights; the offline evaluation in docs/performance.md tests them.) */
static double kind_weight(enum benefit_kind k)
{
    switch (k) {
    case BK_GRANT:
    case BK_SUBSIDY: return 1.0;
    case BK_REIMBURSEMENT: return 0.9;
    case BK_GUARANTEE: return 0.25;
    case BK_LOAN: return 0.2;
    case BK_TRAINING: return 0.15;
    default: return 0.1;
    }
}

double rank_fit(const struct scheme *s, const struct facts *f)
{
    const struct value *p = &f->v[PF_NEED_PURPOSE];

    if (p->tag != V_STR)
        return 0.5;
    for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
        if (strcmp(fits[i].purpose, p->u.s) != 0)
            continue;
        if (s->objectives & fits[i].primary)
            return 1.0;
        return s->objectives & fits[i].secondary ? 0.5 : 0.0;
    }
    return 0.5;
}

/* The benefit as a share of the need (0..1), or -1 when unknown. */
static double share_of_need(const struct facts *f, const struct scheme_result *r)
{
    const struct value *need = &f->v[PF_NEED_AMOUNT];
    double share;

    if (!r->amount_known || need->tag != V_NUM || need->u.n <= 0)
        return -1;
    share = num_to_double(r->amount) / num_to_double(need->u.n);
    return share > 1 ? 1 : share < 0 ? 0 : share;
}

/* Uptake of scheme `index` for this need's purpose, 0..1; 0.5 without history. */
static double uptake(const struct rank_history *h, size_t index, const struct facts *f)
{
    const struct value *p = &f->v[PF_NEED_PURPOSE];
    int purpose;

    if (h == NULL || h->share == NULL || index >= h->n_schemes || p->tag != V_STR)
        return 0.5;
    purpose = profile_enum_index(PF_NEED_PURPOSE, p->u.s);
    if (purpose < 0 || (size_t)purpose >= h->n_purposes)
        return 0.5;
    return h->share[index * h->n_purposes + (size_t)purpose];
}

void rank_score(const struct scheme *s, size_t index, const struct facts *f,
                const struct rank_history *h, struct scheme_result *r)
{
    double weight = kind_weight(s->benefit.kind), share = share_of_need(f, r), value;

    if (r->status == ST_INELIGIBLE) {
        r->score = 0;
        return;
    }
    /* A scheme whose amount is not yet known is valued as if it paid a
     * modest share, so it is neither buried nor promised. */
    value = share >= 0 ? share * weight : 0.25 * weight;
    r->score = RANK_W_VALUE * value + RANK_W_FIT * rank_fit(s, f) + RANK_W_UPTAKE * uptake(h, index, f);
    if (r->status == ST_UNKNOWN)
        r->score *= RANK_UNKNOWN_FACTOR;
}

int rank_reason(struct buf *out, const struct scheme *s, const struct facts *f,
                const struct scheme_result *r, bool hindi)
{
    double fit = rank_fit(s, f), share = share_of_need(f, r);
    const struct value *purpose = &f->v[PF_NEED_PURPOSE];
    struct value amount = value_num(r->amount);

    if (r->status == ST_INELIGIBLE)
        return buf_puts(out, hindi ? "पात्र नहीं" : "not eligible");
    if (r->amount_known && r->amount == 0) {
        buf_puts(out, hindi ? "सेवा या अधिकार; कोई नकद राशि नहीं" : "a service or entitlement, no money");
    } else if (r->amount_known && r->amount > 0) {
        render_value(out, &amount, UNIT_MONEY, hindi);
        if (share >= 0)
            buf_printf(out, hindi ? " (ज़रूरत का %.0f%%)" : " (%.0f%% of the need)", share * 100);
    } else {
        buf_puts(out, hindi ? "राशि अभी तय नहीं" : "amount not yet known");
    }
    if (purpose->tag == V_STR && fit > 0)
        buf_printf(out, hindi ? "; ज़रूरत (%s) से %s मेल" : "; %s fit for %s",
                   hindi ? purpose->u.s : fit >= 1 ? "a direct" : "a partial",
                   hindi ? (fit >= 1 ? "सीधा" : "आंशिक") : purpose->u.s);
    else if (purpose->tag == V_STR)
        buf_printf(out, hindi ? "; ज़रूरत (%s) से मेल नहीं" : "; not aimed at %s", purpose->u.s);
    if (r->status == ST_UNKNOWN)
        buf_puts(out, hindi ? "; कुछ जानकारी बाकी" : "; some facts still missing");
    return 0;
}
