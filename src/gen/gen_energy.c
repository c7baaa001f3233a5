/* gen_energy.c: energy.csv. Intensities are per lakh rupees of annual
 * turnover, log-normal around a median that depends on the activity and
 * the NIC division (assumptions, docs/generator.md "Energy"): electricity
 * for every unit; a diesel generating set for a share of manufacturers;
 * LPG for food products, beverages and food service; coal for
 * non-metallic minerals (bricks, ceramics) and basic metals. */
#include "gen/gen_energy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "gen/gen_fmt.h"

#define DECLARE_SHARE 0.6       /* enterprises that declare anything */
#define EARLIER_YEAR_SHARE 0.5  /* of those, also the year before */
#define SIGMA 0.6               /* log-normal spread of each intensity */

/* Median use per lakh rupees of turnover. */
struct intensity {
    double kwh, diesel_kg, lpg_gj, coal_gj;
    double diesel_share;        /* units with a diesel set */
};

static struct intensity intensity_of(const struct gen_ent *e)
{
    int div = atoi(e->nic_code);
    struct intensity x = {60, 0, 0, 0, 0};   /* trading: lighting and cooling */

    if (e->activity == ACT_SERVICES)
        x = (struct intensity){120, 5, 0, 0, 0.1};
    if (e->activity == ACT_MANUFACTURING)
        x = (struct intensity){400, 40, 0, 0, 0.3};
    if (div == 10 || div == 11 || div == 56)
        x.lpg_gj = 1.5;
    if (div == 23 || div == 24) {
        x.kwh = 900;
        x.coal_gj = 20;
    }
    return x;
}

/* Lakh rupees of turnover. */
static double lakh(const struct gen_ent *e)
{
    return (double)e->turnover / 1e7;
}

static void put_quantity(struct gen_row *row, double q, enum reason why)
{
    char t[40];

    if (why == R_BAD_NUMBER) {
        gen_put_raw(row, "-12.5"); /* negative: not a quantity */
        return;
    }
    snprintf(t, sizeof t, "%.3f", q);
    gen_put_raw(row, t);
}

static int put_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                   struct rng *r, int fy, const char *source, const char *unit, double q)
{
    enum reason why = gen_block_pick_error(c, OUT_ENERGY, r);
    bool repeat = why == R_DUPLICATE_ROW;
    struct gen_row row;
    char y[8];

    if (repeat)
        why = R_NONE;
    snprintf(y, sizeof y, "%04d-%02d", fy, (fy + 1) % 100);
    gen_row_begin(&row, &b->out[OUT_ENERGY]);
    gen_put_raw(&row, e->udyam);
    gen_put_raw(&row, y);
    gen_put_raw(&row, source);
    put_quantity(&row, q, why);
    gen_put_raw(&row, why == R_BAD_ENUM ? "litre" : unit);
    return gen_block_finish(b, OUT_ENERGY, &row, why, repeat);
}

static double draw(struct rng *r, double median, double base)
{
    return median * base * exp(SIGMA * rng_normal(r));
}

static int write_year(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                      struct rng *r, int fy, const struct intensity *x, bool diesel)
{
    double l = lakh(e);

    if (put_row(c, b, e, r, fy, "electricity", "kWh", draw(r, x->kwh, l)) != 0)
        return -1;
    if (diesel && put_row(c, b, e, r, fy, "diesel", "kg", draw(r, x->diesel_kg, l)) != 0)
        return -1;
    if (x->lpg_gj > 0 && put_row(c, b, e, r, fy, "lpg", "GJ", draw(r, x->lpg_gj, l)) != 0)
        return -1;
    if (x->coal_gj > 0 && put_row(c, b, e, r, fy, "coal", "GJ", draw(r, x->coal_gj, l)) != 0)
        return -1;
    return 0;
}

int gen_energy_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    struct intensity x;
    struct rng r;
    bool diesel;
    int y, m, d, fy;

    if (!gen_ent_on_file(e) || e->turnover <= 0)
        return 0;
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_ENERGY));
    if (!rng_chance(&r, DECLARE_SHARE))
        return 0;
    x = intensity_of(e);
    diesel = x.diesel_kg > 0 && rng_chance(&r, x.diesel_share);
    /* The last complete financial year before the data's as-of date. */
    date_to_ymd(c->as_of, &y, &m, &d);
    fy = (m >= 4 ? y : y - 1) - 1;
    if (write_year(c, b, e, &r, fy, &x, diesel) != 0)
        return -1;
    if (rng_chance(&r, EARLIER_YEAR_SHARE) && write_year(c, b, e, &r, fy - 1, &x, diesel) != 0)
        return -1;
    return 0;
}
