#include "gen/gen_schemes.h"

#include <math.h>

#include "core/date.h"

#define RUPEE 100
#define LAKH 1e5
#define CRORE_RS 1e7
#define P_MAX 0.95

static int32_t uniform_date(struct rng *r, int32_t lo, int32_t hi)
{
    return hi <= lo ? lo : lo + (int32_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

static bool corporate(enum gen_constitution c)
{
    return c == CON_PRIVATE_COMPANY || c == CON_PUBLIC_COMPANY || c == CON_LLP;
}

static bool new_unit_scheme(enum gen_scheme s)
{
    return s == SCH_PMEGP || s == SCH_STANDUP_INDIA;
}

/* Hard eligibility, from each scheme's rules (domain.md §3). */
static bool eligible(const struct gen_ctx *c, enum gen_scheme s, const struct gen_ent *e)
{
    size_t n;
    const struct gen_nic *t = gen_nic_table(&n);
    double rs = (double)e->turnover / RUPEE;

    if (c->m->scheme[s].m_activity[e->activity] <= 0)
        return false;
    switch (s) {
    case SCH_PMEGP:          /* new micro units of individuals, SHGs, trusts, co-operatives */
        return !corporate(e->con) && e->con != CON_HUF;
    case SCH_PMMY:           /* non-corporate micro units */
        return !corporate(e->con) && rs < 5e7;
    case SCH_STANDUP_INDIA:  /* greenfield units of women or SC/ST entrepreneurs */
        return e->gender == GENDER_FEMALE || e->category == CAT_SC || e->category == CAT_ST;
    case SCH_PM_VISHWAKARMA: /* self-employed artisans in the 18 trades */
        return e->nic >= 0 && t[e->nic].pmv_trade > 0 && e->con == CON_PROPRIETORSHIP
               && rs <= 20 * LAKH;
    default:
        return true;
    }
}

static double propensity(const struct gen_ctx *c, enum gen_scheme s, const struct gen_ent *e)
{
    const struct gen_scheme_model *sm = &c->m->scheme[s];
    double p = sm->base_rate * sm->m_activity[e->activity];

    if (e->gender == GENDER_FEMALE)
        p *= sm->m_female;
    if (e->category == CAT_SC || e->category == CAT_ST)
        p *= sm->m_scst;
    else if (e->category == CAT_OBC)
        p *= sm->m_obc;
    if (e->rural)
        p *= sm->m_rural;
    if (e->young)
        p *= sm->m_new_unit;
    if ((double)e->turnover / RUPEE > c->m->large_unit_rs)
        p *= sm->m_large;
    if (e->gst != GSTS_NONE)
        p *= sm->m_gst;
    return p > P_MAX ? P_MAX : p;
}

/* The disbursal window: new-unit schemes pay out before commencement,
 * the others after it; never before launch or the window, never after
 * as_of. Returns false when empty. */
static bool disbursal_range(const struct gen_ctx *c, enum gen_scheme s, const struct gen_ent *e,
                            int32_t *lo, int32_t *hi)
{
    int32_t start = c->launched[s] > c->window_first_day ? c->launched[s] : c->window_first_day;

    if (new_unit_scheme(s)) {
        *lo = e->commenced_on - 120 > start ? e->commenced_on - 120 : start;
        *hi = e->commenced_on - 15;
    } else {
        *lo = e->commenced_on + 30 > start ? e->commenced_on + 30 : start;
        *hi = c->as_of - 15;
    }
    return *lo <= *hi;
}

static double log_uniform(struct rng *r, double lo, double hi)
{
    return exp(log(lo) + (log(hi) - log(lo)) * rng_uniform(r));
}

static double pmmy_amount(const struct gen_ctx *c, struct rng *r, int32_t disbursed)
{
    static const double bounds[5] = {10000, 50000, 5 * LAKH, 10 * LAKH, 20 * LAKH};
    int32_t tarun_plus;
    int k = rng_weighted(r, c->m->pmmy_category_share, 4);

    /* Tarun Plus (Rs 10-20 lakh) exists from the October 2024 notification. */
    date_from_ymd(2024, 10, 25, &tarun_plus);
    if (k == 3 && disbursed < tarun_plus)
        k = 2;
    return log_uniform(r, bounds[k], bounds[k + 1]);
}

/* ZED: the certification fee of the level reached, less the subsidy for
 * the unit's size (the list records the subsidy). */
static double zed_amount(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    int level = rng_weighted(r, m->zed_level_share, 3);
    bool micro = (double)e->turnover / RUPEE <= 10 * CRORE_RS && (double)e->investment / RUPEE <= 2.5 * CRORE_RS;

    return m->zed_fee_rs[level] * (micro ? m->zed_subsidy_micro : m->zed_subsidy_small);
}

static double cgtmse_ceiling(int32_t d)
{
    int32_t y2023, y2025;

    date_from_ymd(2023, 4, 1, &y2023);
    date_from_ymd(2025, 4, 1, &y2025);
    return d < y2023 ? 2e7 : d < y2025 ? 5e7 : 1e8;
}

static double amount_for(const struct gen_ctx *c, struct rng *r, enum gen_scheme s,
                         const struct gen_ent *e, const struct gen_receipt *rc)
{
    const struct gen_lognormal *l = &c->m->scheme[s].amount;
    double a, max = l->max;

    if (s == SCH_PMMY) {
        /* Lenders size a MUDRA loan to the unit: no more than its turnover. */
        double cap = fmax(50000, (double)e->turnover / RUPEE);
        a = pmmy_amount(c, r, rc->disbursed_on);
        return a > cap ? cap : a;
    }
    if (s == SCH_ZED)
        return zed_amount(c, r, e);
    if (s == SCH_PM_VISHWAKARMA)   /* first loan tranche, or the toolkit incentive alone */
        return rc->loan ? l->median : l->min;
    if (l->median <= 0)
        return 0;
    if (s == SCH_CGTMSE)
        max = cgtmse_ceiling(rc->disbursed_on);
    if (s == SCH_PMEGP && e->activity == ACT_SERVICES)
        max = 20 * LAKH;           /* service projects are capped lower */
    a = l->median * exp(l->sigma * rng_normal(r));
    return a < l->min ? l->min : a > max ? max : a;
}

static enum gen_purpose purpose_for(const struct gen_ctx *c, struct rng *r, enum gen_scheme s,
                                    bool loan)
{
    if (s == SCH_PMMY || s == SCH_CGTMSE)
        return rng_chance(r, 0.5) ? PUR_WORKING_CAPITAL : PUR_MACHINERY;
    if (s == SCH_PM_VISHWAKARMA)
        return loan ? PUR_WORKING_CAPITAL : PUR_MACHINERY;
    return c->m->scheme[s].purpose;
}

static bool has(const struct gen_ent *e, enum gen_scheme s)
{
    for (int i = 0; i < e->n_receipts; i++)
        if (e->receipt[i].scheme == s)
            return true;
    return false;
}

static void fill(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e,
                 enum gen_scheme s, int32_t lo, int32_t hi, int purpose, struct gen_receipt *rc)
{
    rc->scheme = s;
    rc->disbursed_on = uniform_date(r, lo, hi);
    rc->sanctioned_on = rc->disbursed_on - 7 - (int32_t)rng_below(r, 54);
    rc->loan = rng_chance(r, c->m->scheme[s].loan_share);
    rc->purpose = purpose >= 0 ? (enum gen_purpose)purpose : purpose_for(c, r, s, rc->loan);
    rc->amount = (int64_t)llround(amount_for(c, r, s, e, rc)) * RUPEE;
    rc->double_funded = false;
}

/* Add a receipt disbursed in [lo, hi]; purpose < 0 lets the scheme choose. */
static struct gen_receipt *add(const struct gen_ctx *c, struct rng *r, struct gen_ent *e,
                               enum gen_scheme s, int32_t lo, int32_t hi, int purpose)
{
    struct gen_receipt *rc;

    if (e->n_receipts >= GEN_MAX_RECEIPTS || lo > hi || has(e, s))
        return NULL;
    rc = &e->receipt[e->n_receipts++];
    fill(c, r, e, s, lo, hi, purpose, rc);
    return rc;
}

void gen_schemes_person_receipt(const struct gen_ctx *c, struct rng *r, const struct gen_ent *p,
                                enum gen_scheme s, struct gen_receipt *out)
{
    int32_t lo = c->launched[s] > c->window_first_day ? c->launched[s] : c->window_first_day;

    fill(c, r, p, s, lo, c->as_of - 15, -1, out);
}

/* Double funding: the same purpose paid by two schemes within 12 months
 * (the overlap a convergence portal must find). Pairs that can share a
 * purpose under the schemes' rules. */
struct pair {
    enum gen_scheme a, b;
    enum gen_purpose purpose;
};

static const struct pair pairs[] = {
    {SCH_PMEGP, SCH_PMMY, PUR_NEW_UNIT},
    {SCH_STANDUP_INDIA, SCH_PMEGP, PUR_NEW_UNIT},
    {SCH_PMMY, SCH_CGTMSE, PUR_WORKING_CAPITAL},
    {SCH_CGTMSE, SCH_PMMY, PUR_MACHINERY},
    {SCH_PM_VISHWAKARMA, SCH_PMMY, PUR_MACHINERY},
};

static void double_fund(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct pair *options[sizeof pairs / sizeof pairs[0]];
    int n = 0;
    int32_t lo, hi, lo_b, hi_b;

    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (eligible(c, pairs[i].a, e) && eligible(c, pairs[i].b, e) && !has(e, pairs[i].a)
            && !has(e, pairs[i].b) && disbursal_range(c, pairs[i].a, e, &lo, &hi)
            && disbursal_range(c, pairs[i].b, e, &lo_b, &hi_b))
            options[n++] = &pairs[i];
    if (n == 0 || e->n_receipts + 2 > GEN_MAX_RECEIPTS)
        return;
    const struct pair *p = options[rng_below(r, (uint64_t)n)];
    disbursal_range(c, p->a, e, &lo, &hi);
    struct gen_receipt *first = add(c, r, e, p->a, lo, hi, p->purpose);
    if (first == NULL)
        return;
    disbursal_range(c, p->b, e, &lo_b, &hi_b);
    /* within 12 months of the first */
    lo = first->disbursed_on - 330 > lo_b ? first->disbursed_on - 330 : lo_b;
    hi = first->disbursed_on + 330 < hi_b ? first->disbursed_on + 330 : hi_b;
    struct gen_receipt *second = add(c, r, e, p->b, lo, hi, p->purpose);
    if (second != NULL)
        second->double_funded = true;
}

void gen_schemes_draw(const struct gen_ctx *c, struct gen_ent *e)
{
    struct rng r;
    int32_t lo, hi;

    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_SCHEMES));
    for (int s = 0; s < SCH_COUNT; s++) {
        double p = rng_uniform(&r);   /* one draw per scheme keeps streams aligned */
        if (!eligible(c, (enum gen_scheme)s, e) || !disbursal_range(c, (enum gen_scheme)s, e, &lo, &hi))
            continue;
        if (p < propensity(c, (enum gen_scheme)s, e))
            add(c, &r, e, (enum gen_scheme)s, lo, hi, -1);
    }
    if (rng_chance(&r, c->m->double_funding_share))
        double_fund(c, &r, e);
}

double gen_schemes_log_effect(const struct gen_ctx *c, const struct gen_ent *e, int month)
{
    double sum = 0;

    for (int i = 0; i < e->n_receipts; i++)
        if (date_month_index(e->receipt[i].disbursed_on) < month)
            sum += c->m->scheme[e->receipt[i].scheme].att;
    return sum;
}
