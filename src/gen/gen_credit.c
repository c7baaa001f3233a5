#include "gen/gen_credit.h"

#include <math.h>
#include <string.h>

#include "core/date.h"
#include "gen/gen_faults.h"
#include "gen/gen_ids.h"
#include "gen/gen_stress.h"

#define RUPEE 100
#define LAKH 1e5
#define MIN_LIMIT_RS 50000
#define NPA_INTEREST_PER_MONTH 0.01   /* unserviced interest added to an account in arrears */
#define FACILITY_IDS 4                /* facility ids per enterprise index */

/* IFSC bank codes of large lenders, weighted roughly by their share of
 * MSME accounts (assumption). */
static const struct bank {
    const char *code;
    double weight;
} banks[] = {
    {"SBIN", 25}, {"PUNB", 8}, {"BARB", 8}, {"CNRB", 7}, {"UBIN", 6}, {"BKID", 5},
    {"HDFC", 10}, {"ICIC", 8}, {"UTIB", 6}, {"IDIB", 4}, {"MAHB", 3}, {"CBIN", 3},
    {"KKBK", 3}, {"IOBA", 2}, {"UCBA", 2},
};
#define N_BANKS (sizeof banks / sizeof banks[0])

static void draw_ifsc(struct rng *r, int district, char out[12])
{
    double w[N_BANKS];
    int bank, slot;
    uint64_t branch;

    for (size_t i = 0; i < N_BANKS; i++)
        w[i] = banks[i].weight;
    bank = rng_weighted(r, w, (int)N_BANKS);
    slot = (int)rng_below(r, 4);   /* a few branches of each bank per district */
    branch = gen_mix64((uint64_t)bank * 1000003u + (uint64_t)district * 7u + (uint64_t)slot) % 1000000;
    memcpy(out, banks[bank].code, 4);
    out[4] = '0';
    for (int i = 10; i >= 5; i--) {
        out[i] = (char)('0' + branch % 10);
        branch /= 10;
    }
    out[11] = '\0';
}

static int64_t round_thousand(double rs)
{
    if (rs < MIN_LIMIT_RS)
        rs = MIN_LIMIT_RS;
    return (int64_t)llround(rs / 1000.0) * 1000 * RUPEE;
}

static void term_shape(const struct gen_ctx *c, struct rng *r, struct gen_facility *f)
{
    const struct gen_model *m = c->m;

    f->tenure = m->term_tenure_min + (int)rng_below(r, (uint64_t)(m->term_tenure_max - m->term_tenure_min + 1));
    f->moratorium = (int)rng_below(r, (uint64_t)m->moratorium_max + 1);
}

static void finish(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e,
                   struct gen_facility *f, int k)
{
    const struct gen_model *m = c->m;

    if (f->type == FAC_TERM_LOAN)
        term_shape(c, r, f);
    f->utilisation = m->cc_utilisation_min + (m->cc_utilisation_max - m->cc_utilisation_min) * rng_uniform(r);
    draw_ifsc(r, e->district, f->ifsc);
    gen_ids_account(c, e->index * FACILITY_IDS + (uint64_t)k, f->account);
    f->omit_udyam = e->has_pan && rng_chance(r, m->borrower_udyam_omitted);
}

static void scheme_loan(struct rng *r, const struct gen_receipt *rc, struct gen_facility *f)
{
    f->scheme = (int)rc->scheme;
    f->sanctioned_on = rc->sanctioned_on;
    f->amount = rc->amount;
    /* Working-capital loans are run as cash credit; the rest are term loans. */
    f->type = rc->purpose == PUR_WORKING_CAPITAL && rc->scheme != SCH_PM_VISHWAKARMA && rng_chance(r, 0.7)
                  ? FAC_CASH_CREDIT : FAC_TERM_LOAN;
}

/* An ordinary facility sanctioned after commencement, at most
 * sanction_lookback_months before the window, and still running in it. */
static void ordinary_loan(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e,
                          struct gen_facility *f)
{
    const struct gen_model *m = c->m;
    int32_t lo = date_add_months(c->window_first_day, -m->sanction_lookback_months);
    int32_t hi = c->as_of - 30, start;

    f->scheme = -1;
    f->type = (enum gen_facility_type)rng_weighted(r, m->facility_type_share, FAC_COUNT);
    if (lo < e->commenced_on)
        lo = e->commenced_on;
    if (hi < lo)
        hi = lo;
    f->sanctioned_on = lo + (int32_t)rng_below(r, (uint64_t)(hi - lo + 1));
    if (f->type == FAC_TERM_LOAN) {
        double share = m->term_loan_share_of_investment_min
                       + (m->term_loan_share_of_investment_max - m->term_loan_share_of_investment_min) * rng_uniform(r);
        f->amount = round_thousand((double)e->investment / RUPEE * share);
    } else {
        f->amount = round_thousand((double)e->turnover / RUPEE * m->working_capital_share_of_turnover
                                   * (0.7 + 0.6 * rng_uniform(r)));
    }
    /* Keep at least six months of a term loan inside the window. */
    start = date_add_months(c->window_first_day, -(m->term_tenure_min - 6));
    if (f->type == FAC_TERM_LOAN && f->sanctioned_on < start)
        f->sanctioned_on = start > hi ? hi : start;
}

static double borrow_propensity(const struct gen_ctx *c, const struct gen_ent *e)
{
    double rs = (double)e->turnover / RUPEE, p = c->m->borrower_share;

    if (rs > c->m->large_unit_rs)
        p *= c->m->borrower_large_factor;
    else if (rs < 5 * LAKH)
        p *= c->m->borrower_tiny_factor;
    return p;
}

void gen_credit_plan(const struct gen_ctx *c, struct gen_ent *e, struct gen_credit_plan *p)
{
    struct rng r;
    int ordinary = 0;

    p->n = 0;
    e->borrower = false;
    if (!gen_ent_on_file(e))
        return;
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_CREDIT));
    for (int i = 0; i < e->n_receipts && p->n < GEN_MAX_FACILITIES; i++)
        if (e->receipt[i].loan)
            scheme_loan(&r, &e->receipt[i], &p->f[p->n++]);
    if (rng_chance(&r, borrow_propensity(c, e)))
        ordinary = 1 + rng_chance(&r, c->m->second_facility_share);
    if (p->n > 0 && ordinary > 1)
        ordinary = 1;
    while (ordinary-- > 0 && p->n < GEN_MAX_FACILITIES)
        ordinary_loan(c, &r, e, &p->f[p->n++]);
    for (int k = 0; k < p->n; k++)
        finish(c, &r, e, &p->f[k], k);
    e->borrower = p->n > 0;
}

/* --- monthly status --------------------------------------------------- */

static int last_month_of(const struct gen_ctx *c, const struct gen_ent *e, const struct gen_facility *f)
{
    int sanction = date_month_index(f->sanctioned_on), maturity;

    if (f->type != FAC_TERM_LOAN)
        return c->last_month;        /* limits are renewed every year */
    maturity = sanction + f->moratorium + f->tenure;
    /* An account in arrears stays on the books until it is settled. */
    if (gen_stress_dpd(&e->stress, maturity) > 0 || e->stress.npa_path)
        return c->last_month;
    return maturity < c->last_month ? maturity : c->last_month;
}

static double outstanding_rs(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e,
                             const struct gen_facility *f, int month)
{
    double limit = (double)f->amount / RUPEE, level = gen_stress_level(c, &e->stress, month);
    int sanction = date_month_index(f->sanctioned_on), paid_to = month;
    const struct gen_stress *s = &e->stress;
    double owed;

    if (s->dpd_start != GEN_NO_MONTH && month >= s->dpd_start && gen_stress_dpd(s, month) > 0)
        paid_to = s->dpd_start;      /* instalments stop when arrears start */
    if (f->type == FAC_TERM_LOAN) {
        int repaid = paid_to - sanction - f->moratorium;
        owed = limit * (repaid <= 0 ? 1.0 : repaid >= f->tenure ? 0.0 : 1.0 - (double)repaid / f->tenure);
    } else {
        double u = f->utilisation + c->m->cc_utilisation_sd * rng_normal(r) + 0.5 * level;
        owed = limit * (u < 0.05 ? 0.05 : u > 1.05 ? 1.05 : u);
    }
    if (paid_to < month)
        owed *= 1.0 + NPA_INTEREST_PER_MONTH * (month - paid_to);
    return owed;
}

static int facility_dpd(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e, int month)
{
    int dpd = gen_stress_dpd(&e->stress, month);

    /* A missed instalment now and then, paid the next month (SMA-0). */
    if (dpd == 0 && rng_chance(r, c->m->sma0_blip_rate))
        dpd = 1 + (int)rng_below(r, 25);
    return dpd;
}

static int write_month(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                       const struct gen_facility *f, int month, struct rng *r)
{
    enum reason why = gen_block_pick_error(c, OUT_CREDIT, r);
    bool repeat = why == R_DUPLICATE_ROW;
    int dpd = facility_dpd(c, r, e, month);
    char ifsc[12], bad[32];
    struct gen_row row;

    if (repeat)
        why = R_NONE;
    memcpy(ifsc, f->ifsc, sizeof ifsc);
    if (why == R_IFSC_INVALID)
        gen_fault_ifsc(ifsc);
    gen_row_begin(&row, &b->out[OUT_CREDIT]);
    gen_put_raw(&row, ifsc);
    gen_put_raw(&row, f->account);
    gen_put_raw(&row, e->has_pan ? e->pan : "");
    gen_put_raw(&row, f->omit_udyam ? "" : e->udyam);
    gen_put_raw(&row, gen_facility_type_name(f->type));
    gen_put_raw(&row, f->scheme >= 0 ? gen_scheme_id((enum gen_scheme)f->scheme) : "");
    gen_put_date(&row, f->sanctioned_on);
    gen_put_money(&row, f->amount);
    gen_put_month(&row, month);
    gen_put_money(&row, (int64_t)llround(outstanding_rs(c, r, e, f, month) * 100));
    if (why == R_BAD_NUMBER) {
        gen_fault_number(r, (uint64_t)dpd, bad, sizeof bad);
        gen_put_raw(&row, bad);
    } else {
        gen_put_u64(&row, (uint64_t)dpd);
    }
    gen_put_raw(&row, gen_stress_asset_class(dpd));
    b->stats.c[C_CREDIT_ROWS_NPA] += dpd > 90;
    return gen_block_finish(b, OUT_CREDIT, &row, why, repeat);
}

int gen_credit_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                     const struct gen_credit_plan *p)
{
    struct rng r;

    if (p->n == 0)
        return 0;
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_CREDIT) ^ 0xC0FFEE);
    b->stats.c[C_BORROWERS]++;
    for (int k = 0; k < p->n; k++) {
        const struct gen_facility *f = &p->f[k];
        int first = date_month_index(f->sanctioned_on), last = last_month_of(c, e, f);
        b->stats.c[C_FACILITIES]++;
        b->stats.c[C_SCHEME_LOANS] += f->scheme >= 0;
        if (first < c->first_month)
            first = c->first_month;
        for (int m = first; m <= last; m++)
            if (write_month(c, b, e, f, m, &r) != 0)
                return -1;
    }
    return 0;
}
