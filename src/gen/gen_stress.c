#include "gen/gen_stress.h"

#include <math.h>

/* Days past due at the end of the k-th month in arrears: each unpaid
 * instalment adds a month, so the count rises ~30 days a month and passes
 * 90 (NPA) in the fourth month. */
#define DAYS_PER_MONTH 30
#define NPA_MONTHS 3

static int below(struct rng *r, int n)
{
    return (int)rng_below(r, (uint64_t)n);
}

static void draw_shock(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    struct gen_stress *s = &e->stress;
    int before = m->shock_months_before_window;
    double p_npa;

    s->shock_month = c->first_month - before + below(r, GEN_WINDOW_MONTHS + before);
    s->depth = m->shock_depth_min + (m->shock_depth_max - m->shock_depth_min) * rng_uniform(r);
    s->ramp = m->shock_ramp_min + below(r, m->shock_ramp_max - m->shock_ramp_min + 1);
    /* Deeper shocks are likelier to end in default. */
    p_npa = 1.0 / (1.0 + exp(-m->npa_depth_slope * (s->depth - m->npa_depth_midpoint)));
    s->npa_path = rng_chance(r, p_npa);
    if (e->borrower) {
        s->dpd_start = s->shock_month + m->dpd_lag_min + below(r, m->dpd_lag_max - m->dpd_lag_min + 1);
        s->dpd_base = 1 + below(r, 28);
        if (!s->npa_path) {
            s->cure_after = 1 + below(r, NPA_MONTHS);
            s->recover_from = s->dpd_start + s->cure_after;
        }
    } else if (!s->npa_path) {
        s->recover_from = s->shock_month + s->ramp + below(r, 5);
    }
}

static void draw_background(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    struct gen_stress *s = &e->stress;

    s->background = true;
    s->npa_path = true;
    s->dpd_start = c->first_month - NPA_MONTHS + below(r, GEN_WINDOW_MONTHS + NPA_MONTHS);
    s->dpd_base = 1 + below(r, 28);
}

void gen_stress_draw(const struct gen_ctx *c, struct gen_ent *e)
{
    struct gen_stress *s = &e->stress;
    struct rng r;

    if (e->kind != ENT_UDYAM)
        return;
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_STRESS));
    if (rng_chance(&r, c->m->shock_share))
        draw_shock(c, &r, e);
    else if (e->borrower && rng_chance(&r, c->m->background_npa_share))
        draw_background(c, &r, e);
    if (s->npa_path && s->dpd_start != GEN_NO_MONTH && s->dpd_start + NPA_MONTHS <= c->last_month)
        s->npa_month = s->dpd_start + NPA_MONTHS;
}

double gen_stress_level(const struct gen_ctx *c, const struct gen_stress *s, int month)
{
    double level;

    if (s->shock_month == GEN_NO_MONTH || month < s->shock_month)
        return 0;
    level = (double)(month - s->shock_month + 1) / s->ramp;
    if (level > 1)
        level = 1;
    if (s->recover_from != GEN_NO_MONTH && month >= s->recover_from) {
        double left = 1.0 - (double)(month - s->recover_from + 1) / c->m->recovery_months;
        level *= left > 0 ? left : 0;
    }
    return level;
}

double gen_stress_turnover(const struct gen_ctx *c, const struct gen_stress *s, int month)
{
    double level = gen_stress_level(c, s, month);

    return level > 0 ? pow(1.0 - s->depth, level) : 1.0;
}

int gen_stress_dpd(const struct gen_stress *s, int month)
{
    int k;

    if (s->dpd_start == GEN_NO_MONTH || month < s->dpd_start)
        return 0;
    k = month - s->dpd_start;
    if (!s->npa_path && k >= s->cure_after)
        return 0;
    return DAYS_PER_MONTH * k + s->dpd_base;
}

const char *gen_stress_asset_class(int dpd)
{
    return dpd <= 0 ? "STD" : dpd <= 30 ? "SMA0" : dpd <= 60 ? "SMA1" : dpd <= 90 ? "SMA2" : "NPA";
}

static void count(struct gen_stats *st, const struct gen_ent *e)
{
    const struct gen_stress *s = &e->stress;

    if (s->shock_month != GEN_NO_MONTH) {
        st->c[C_SHOCKED]++;
        if (e->borrower) {
            st->c[C_SHOCKED_BORROWERS]++;
            st->c[C_NPA_AFTER_SHOCK] += s->npa_month != GEN_NO_MONTH;
            st->c[C_CURED_AFTER_SHOCK] += !s->npa_path;
        }
    }
    st->c[C_BACKGROUND_NPA] += s->background && s->npa_month != GEN_NO_MONTH;
}

int gen_stress_truth_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    const struct gen_stress *s = &e->stress;
    struct gen_row row;

    (void)c;
    count(&b->stats, e);
    if (s->shock_month == GEN_NO_MONTH && s->npa_month == GEN_NO_MONTH)
        return 0;
    gen_row_begin(&row, &b->out[OUT_TRUTH_STRESS]);
    gen_put_raw(&row, e->udyam);
    if (s->shock_month != GEN_NO_MONTH)
        gen_put_month(&row, s->shock_month);
    else
        gen_put_empty(&row);
    if (s->npa_month != GEN_NO_MONTH)
        gen_put_month(&row, s->npa_month);
    else
        gen_put_empty(&row);
    return gen_block_finish(b, OUT_TRUTH_STRESS, &row, R_NONE, false);
}
