#include "gen/gen_gst.h"

#include <math.h>
#include <string.h>

#include "core/date.h"
#include "gen/gen_faults.h"
#include "gen/gen_population.h"
#include "gen/gen_schemes.h"
#include "gen/gen_stress.h"

#define SECOND_GSTIN_SHARE 0.2   /* of turnover booked under a second state's GSTIN */

int32_t gen_gst_due(const struct gen_ctx *c, enum gen_gst_scheme s, int state, int month)
{
    int day = s == GSTS_REGULAR ? 20 : s == GSTS_QRMP ? c->states[state].info->qrmp_gstr3b_day : 18;

    return date_month_first(month + 1) + day - 1;
}

static bool quarter_end(int month)
{
    return month % 12 % 3 == 2;   /* March, June, September, December */
}

/* One return being written. */
struct ret {
    int gstin;                    /* which of e's GSTINs */
    int first, last;              /* months the period covers (after registration) */
    int32_t due, filed;           /* filed = GEN_NO_DATE when not filed by as_of */
    int64_t taxable, tax;         /* paise */
    enum reason error;
    bool repeat;
};

static double month_turnover(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e,
                             int month)
{
    const struct gen_model *m = c->m;
    double sd = m->monthly_noise_sd;
    double trend = e->growth * (month - c->last_month) / 12.0;
    double noise = sd * rng_normal(r) - sd * sd / 2;   /* mean-one lognormal noise */

    return e->monthly_rs * m->seasonality[month % 12] * exp(trend + noise)
           * gen_stress_turnover(c, &e->stress, month) * exp(gen_schemes_log_effect(c, e, month));
}

/* When (and whether) the return is filed: mostly by the due date, some
 * late, a few never; stress makes late and missing returns likelier. */
static int32_t filing_date(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e,
                           const struct ret *rt)
{
    const struct gen_model *m = c->m;
    double level = gen_stress_level(c, &e->stress, rt->last);
    double filed_total = m->file_on_time + m->file_late + m->file_very_late;
    double missing = 1.0 - filed_total + m->stressed_missing * level;
    double on_time = m->file_on_time / filed_total * (1.0 - m->stressed_late * level);
    double late = (1.0 - on_time) * m->file_late / (m->file_late + m->file_very_late);
    double v;
    int32_t d;

    if (rng_uniform(r) < missing)
        return GEN_NO_DATE;
    v = rng_uniform(r);
    if (v < on_time)
        d = rt->due - (int32_t)rng_below(r, 11);
    else if (v < on_time + late)
        d = rt->due + 1 + (int32_t)rng_below(r, 30);
    else
        d = rt->due + 31 + (int32_t)rng_below(r, 90);
    if (d <= date_month_last(rt->last))
        d = date_month_last(rt->last) + 1;   /* a return is filed after its period ends */
    return d > c->as_of ? GEN_NO_DATE : d;
}

static void put_return(struct gen_block *b, const struct gen_ent *e, const struct ret *rt,
                       struct rng *r, struct gen_row *row)
{
    char gstin[16], bad[48];
    int y, mo, d;

    memcpy(gstin, e->gstin[rt->gstin], 16);
    if (rt->error == R_GSTIN_CHECKSUM)
        gen_fault_gstin_check(r, gstin);
    gen_row_begin(row, &b->out[OUT_GST]);
    gen_put_raw(row, gstin);
    gen_put_raw(row, e->gst == GSTS_COMPOSITION ? "CMP08" : "GSTR3B");
    gen_put_raw(row, e->gst == GSTS_REGULAR ? "monthly" : "quarterly");
    gen_put_month(row, rt->last);
    if (rt->error == R_BAD_DATE) {
        date_to_ymd(rt->due, &y, &mo, &d);
        gen_fault_date(r, y, bad);
        gen_put_raw(row, bad);
    } else {
        gen_put_date(row, rt->due);
    }
    if (rt->filed == GEN_NO_DATE) {
        gen_put_empty(row);
        gen_put_empty(row);
        gen_put_empty(row);
        return;
    }
    gen_put_date(row, rt->filed);
    if (rt->error == R_BAD_AMOUNT) {
        gen_fault_amount(r, rt->taxable, bad, sizeof bad);
        gen_put_text(row, bad);
    } else {
        gen_put_money(row, rt->taxable);
    }
    gen_put_money(row, rt->tax);
}

static void mark_filed(const struct gen_ctx *c, struct gen_ent *e, const struct ret *rt)
{
    for (int mo = rt->first; mo <= rt->last; mo++) {
        int k = gen_window_k(c, mo);
        if (k >= 0 && k < 64)
            e->filed_months |= (uint64_t)1 << k;
    }
}

static int write_return(const struct gen_ctx *c, struct gen_block *b, struct gen_ent *e,
                        struct ret *rt, struct rng *r)
{
    struct gen_row row;

    rt->error = gen_block_pick_error(c, OUT_GST, r);
    rt->repeat = rt->error == R_DUPLICATE_ROW;
    if (rt->repeat || (rt->error == R_BAD_AMOUNT && rt->filed == GEN_NO_DATE))
        rt->error = R_NONE;
    put_return(b, e, rt, r, &row);
    if (rt->gstin == 0 && rt->filed != GEN_NO_DATE && rt->error == R_NONE)
        mark_filed(c, e, rt);
    if (e->kind == ENT_GST_ONLY)
        b->stats.c[C_GST_ROWS_WITHOUT_UDYAM]++;
    else if (e->udyam_error != R_NONE)
        b->stats.c[C_GST_ROWS_UDYAM_QUARANTINED]++;
    return gen_block_finish(b, OUT_GST, &row, rt->error, rt->repeat);
}

static int write_gstin(const struct gen_ctx *c, struct gen_block *b, struct gen_ent *e, int g,
                       struct rng *r)
{
    double share = e->n_gstins == 1 ? 1.0 : g == 0 ? 1.0 - SECOND_GSTIN_SHARE : SECOND_GSTIN_SHARE;
    int since = date_month_index(e->gst_since[g]);
    int first = since > c->first_month ? since : c->first_month;
    bool quarterly = e->gst != GSTS_REGULAR;

    for (int mo = first; mo <= c->last_month; mo++) {
        struct ret rt = {.gstin = g, .last = mo};
        double rs = 0;
        if (quarterly && !quarter_end(mo))
            continue;
        if (date_month_last(mo) > c->as_of)
            break;                           /* the period has not ended by as_of */
        rt.first = quarterly ? mo - 2 : mo;
        if (rt.first < since)
            rt.first = since;                /* registered inside the quarter */
        for (int k = rt.first; k <= mo; k++)
            rs += month_turnover(c, r, e, k) * share;
        rt.taxable = (int64_t)llround(rs * 100);
        rt.tax = (int64_t)llround(rs * e->tax_rate * 100);
        rt.due = gen_gst_due(c, e->gst, e->gstin_state[g], mo);
        rt.filed = filing_date(c, r, e, &rt);
        if (write_return(c, b, e, &rt, r) != 0)
            return -1;
    }
    return 0;
}

int gen_gst_write(const struct gen_ctx *c, struct gen_block *b, struct gen_ent *e)
{
    struct rng r;

    if (e->gst == GSTS_NONE)
        return 0;
    rng_seed(&r, c->seed, gen_stream_id(e->index, e->kind == ENT_GST_ONLY ? STREAM_GST_ONLY_RETURNS
                                                                         : STREAM_GST));
    for (int g = 0; g < e->n_gstins; g++)
        if (write_gstin(c, b, e, g, &r) != 0)
            return -1;
    return 0;
}

static int truth_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    char name[GEN_NAME_MAX];
    struct gen_row row;

    gen_name_render(&e->firm, SCRIPT_LATIN, name, sizeof name);
    gen_row_begin(&row, &b->out[OUT_TRUTH_GST_ONLY]);
    gen_put_raw(&row, e->gstin[0]);
    gen_put_raw(&row, e->pan);
    gen_put_text(&row, name);
    gen_put_u64_width(&row, (uint64_t)c->states[e->state].info->gst_code, 2);
    gen_put_date(&row, e->gst_since[0]);
    return gen_block_finish(b, OUT_TRUTH_GST_ONLY, &row, R_NONE, false);
}

int gen_gst_only_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *parent)
{
    const struct gen_model *m = c->m;
    /* Companions per GST-registered enterprise so that they are `share` of all GSTINs. */
    double q = m->gstins_without_udyam_share * (1.0 + m->second_gstin_share)
               / (1.0 - m->gstins_without_udyam_share);
    struct gen_ent e;
    struct rng r;

    if (parent->gst == GSTS_NONE)
        return 0;
    rng_seed(&r, c->seed, gen_stream_id(parent->index, STREAM_SPAWN));
    if (!rng_chance(&r, q))
        return 0;
    gen_population_draw(c, parent->index, ENT_GST_ONLY, &e);
    if (e.gst == GSTS_NONE)
        return 0;
    b->stats.c[C_GST_ONLY_FILERS]++;
    if (truth_row(c, b, &e) != 0)
        return -1;
    return gen_gst_write(c, b, &e);
}
