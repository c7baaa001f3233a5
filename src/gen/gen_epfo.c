/* gen_epfo.c: epfo.csv (see gen_epfo.h). Who is covered: EPF applies to an
 * establishment from 20 employees (DESIGN.md, "Contract details"); below
 * that an employer may opt in, which the model lets a share of units with
 * 10-19 employees do (an assumption, docs/generator.md "EPFO"). Members in
 * a month are the Udyam headcount moved by the unit's employment growth
 * (a share of its turnover growth), month-to-month noise and the true
 * employment effect of every scheme disbursed before that month. */
#include "gen/gen_epfo.h"

#include <math.h>
#include <stdio.h>

#include "core/date.h"
#include "gen/gen_fmt.h"
#include "gen/gen_perm.h"

#define LETTERS 26
#define SERIALS 10000000ULL       /* 7-digit establishment numbers */

static int headcount(const struct gen_ent *e)
{
    int n = 0;

    for (int g = 0; g < GENDER_COUNT; g++)
        n += e->employees[g];
    return n;
}

static bool covered(const struct gen_ctx *c, const struct gen_ent *e, struct rng *r)
{
    const struct gen_model *m = c->m;
    int n = headcount(e);

    if (!gen_ent_on_file(e) || !e->has_pan)
        return false;
    if (n >= m->epfo_mandatory_employees)
        return rng_chance(r, m->epfo_mandatory_share);
    return n >= m->epfo_voluntary_employees && rng_chance(r, m->epfo_voluntary_share);
}

/* Region (the state's Udyam letters), office (3 letters) and a 7-digit
 * number, from a keyed bijection of the enterprise index, so codes never
 * collide; extension 000 (the main establishment). */
static void establishment_code(const struct gen_ctx *c, const struct gen_ent *e, char out[16])
{
    struct gen_perm p;
    uint64_t v, office;
    const char *region = c->states[e->state].info->udyam_codes[0];

    gen_perm_init(&p, SERIALS * LETTERS * LETTERS * LETTERS, c->seed, STREAM_EPFO);
    v = gen_perm_apply(&p, e->index);
    office = v / SERIALS;
    snprintf(out, 16, "%c%c%c%c%c%07llu000", region[0], region[1], (char)('A' + office / (LETTERS * LETTERS)),
             (char)('A' + office / LETTERS % LETTERS), (char)('A' + office % LETTERS),
             (unsigned long long)(v % SERIALS));
}

double gen_epfo_log_effect(const struct gen_ctx *c, const struct gen_ent *e, int month)
{
    double sum = 0;

    for (int i = 0; i < e->n_receipts; i++)
        if (date_month_index(e->receipt[i].disbursed_on) < month)
            sum += c->m->att_employment[e->receipt[i].scheme];
    return sum;
}

struct ecr {
    char code[16];
    int base;                     /* Udyam headcount */
    double growth, wage_rs;       /* annual log growth; monthly wage per member */
};

static int put_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                   const struct ecr *x, struct rng *r, int month)
{
    const struct gen_model *m = c->m;
    double lm = x->growth * (month - c->last_month) / 12.0 + gen_epfo_log_effect(c, e, month)
                + m->employment_noise_sd * rng_normal(r);
    long members = lround(x->base * exp(lm));
    double wage = x->wage_rs * exp(0.02 * rng_normal(r));
    enum reason why = gen_block_pick_error(c, OUT_EPFO, r);
    bool repeat = why == R_DUPLICATE_ROW;
    struct gen_row row;

    if (repeat)
        why = R_NONE;
    members = members < 1 ? 1 : members;
    gen_row_begin(&row, &b->out[OUT_EPFO]);
    gen_put_raw(&row, why == R_BAD_ENUM ? "EPF-12345" : x->code);
    gen_put_raw(&row, why == R_PAN_INVALID ? "ABCDE12345" : e->pan);
    gen_put_raw(&row, e->n_gstins > 0 ? e->gstin[0] : "");
    gen_put_month(&row, month);
    if (why == R_BAD_NUMBER)
        gen_put_raw(&row, "-3");  /* negative: not a count */
    else
        gen_put_u64(&row, (uint64_t)members);
    gen_put_money(&row, (int64_t)llround((double)members * wage) * 100);
    return gen_block_finish(b, OUT_EPFO, &row, why, repeat);
}

static void count_treated(struct gen_block *b, const struct gen_ent *e)
{
    for (int i = 0; i < e->n_receipts; i++)
        b->stats.treated[e->receipt[i].scheme][T_EPFO]++;
}

int gen_epfo_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    struct ecr x;
    struct rng r;
    int first;

    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_EPFO));
    if (!covered(c, e, &r))
        return 0;
    establishment_code(c, e, x.code);
    x.base = headcount(e);
    x.growth = m->employment_elasticity * e->growth;
    x.wage_rs = m->epfo_wage_median_rs * exp(m->epfo_wage_sigma * rng_normal(&r));
    first = date_month_index(e->commenced_on) + 1;
    first = first > c->first_month ? first : c->first_month;
    count_treated(b, e);
    for (int mo = first; mo <= c->last_month; mo++) {
        /* The ECR of a wage month is due on the 15th of the next. */
        if (date_month_last(mo) + 15 > c->as_of || rng_chance(&r, m->epfo_month_missing))
            continue;
        if (put_row(c, b, e, &x, &r, mo) != 0)
            return -1;
    }
    return 0;
}
