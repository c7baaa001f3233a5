#include "gen/gen_population.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "gen/gen_ids.h"

#define RUPEE 100   /* paise */
#define MIN_TURNOVER_RS 20000.0
#define MAX_TURNOVER_RS 3e9          /* Rs 300 crore */
#define MIN_INVESTMENT_RS 10000.0
#define MAX_INVESTMENT_RS 1e9        /* Rs 100 crore */

static double lognormal(struct rng *r, double median, double sigma)
{
    return median * exp(sigma * rng_normal(r));
}

static int32_t uniform_date(struct rng *r, int32_t lo, int32_t hi)
{
    return hi <= lo ? lo : lo + (int32_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

static int64_t rupees(double rs)
{
    return (int64_t)llround(rs) * RUPEE;
}

void gen_population_place(const struct gen_ctx *c, struct rng *r, int *state, int *district)
{
    const struct gen_state *st;

    *state = rng_weighted(r, c->state_weight, (int)c->n_states);
    st = &c->states[*state];
    *district = (int)c->district_list[st->first + rng_below(r, st->n)];
}

/* Clusters draw on the manufacturers of their district: some take up a
 * cluster's product, and most of those join it (cluster_member.csv). */
static bool join_cluster(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    size_t np;
    const struct gen_product *p = gen_products(&np);

    if (e->kind != ENT_UDYAM || e->activity != ACT_MANUFACTURING)
        return false;
    for (int k = c->district_cluster[e->district]; k >= 0; k = c->clusters[k].next_in_district) {
        if (!rng_chance(r, c->clusters[k].adoption))
            continue;
        e->cluster = k;
        memcpy(e->nic_code, p[c->clusters[k].product].nic, 6);
        e->cluster_member = rng_chance(r, c->m->cluster_membership);
        return true;
    }
    return false;
}

static void draw_work(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    size_t n;
    const struct gen_nic *t = gen_nic_table(&n);
    int k;

    e->activity = (enum gen_activity)rng_weighted(r, c->m->activity_share, ACT_COUNT);
    if (join_cluster(c, r, e))
        return;
    k = rng_weighted(r, c->nic_weight[e->activity], (int)c->n_nic_of[e->activity]);
    e->nic = c->nic_of[e->activity][k];
    memcpy(e->nic_code, t[e->nic].code, 6);
}

static void draw_owner(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    double u = rng_uniform(r), age;

    e->gender = u < m->female_share ? GENDER_FEMALE
                : u < m->female_share + m->transgender_share ? GENDER_TRANSGENDER : GENDER_MALE;
    e->category = (enum gen_category)rng_weighted(r, m->category_share, CAT_COUNT);
    e->disabled = rng_chance(r, m->disabled_share);
    age = m->owner_age_mean + m->owner_age_sd * rng_normal(r);
    e->owner_age = age < 19 ? 19 : age > 75 ? 75 : (int)age;
    e->mobile_last4 = (int)rng_below(r, 10000);
    gen_names_person(r, c->states[e->state].region, e->gender, m->name_region_match, &e->owner);
}

static void draw_dates(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    double u = rng_uniform(r);
    int32_t lo, y2015, mid2020, last_new;

    date_from_ymd(m->commenced_earliest_year, 1, 1, &lo);
    date_from_ymd(2015, 1, 1, &y2015);
    mid2020 = c->udyam_start - 1;
    last_new = c->as_of - 30 > c->udyam_start ? c->as_of - 30 : c->as_of;
    if (u < m->commenced_before_2015)
        e->commenced_on = uniform_date(r, lo, y2015 - 1);
    else if (u < m->commenced_before_2015 + m->commenced_2015_2020)
        e->commenced_on = uniform_date(r, y2015, mid2020);
    else
        e->commenced_on = uniform_date(r, c->udyam_start, last_new);
    if (e->commenced_on < c->udyam_start) {
        /* Registrations grew year on year (1 crore in 2022, 4 crore by 2024). */
        double span = (double)(c->as_of - c->udyam_start);
        e->registered_on = c->udyam_start + (int32_t)(span * pow(rng_uniform(r), m->registration_skew));
    } else {
        e->registered_on = e->commenced_on
                           + (int32_t)rng_below(r, (uint64_t)m->new_unit_registration_lag_days + 1);
    }
    if (e->registered_on > c->as_of)
        e->registered_on = c->as_of;
    e->young = e->commenced_on >= c->as_of - 365 * m->young_unit_years;
}

static void draw_employees(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    double mean = m->employees_base
                  + m->employees_per_sqrt_10lakh * sqrt((double)e->turnover / RUPEE / 1e6);
    double female = e->gender == GENDER_FEMALE ? m->female_employee_share_female_owner
                                               : m->female_employee_share_male_owner;
    int total;

    if (e->activity == ACT_MANUFACTURING)
        mean *= m->employees_manufacturing_factor;
    total = (int)floor(lognormal(r, mean, m->employees_sigma));
    for (int i = 0; i < total; i++) {
        double u = rng_uniform(r);
        e->employees[u < m->transgender_employee_share ? GENDER_TRANSGENDER
                     : u < m->transgender_employee_share + female ? GENDER_FEMALE
                                                                  : GENDER_MALE]++;
        if (i >= 64) {   /* past a few dozen, split the rest in proportion */
            int rest = total - i - 1;
            e->employees[GENDER_FEMALE] += (int)(rest * female);
            e->employees[GENDER_MALE] += rest - (int)(rest * female);
            break;
        }
    }
}

static void draw_size(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    double t = rng_chance(r, m->formal_share)
                   ? lognormal(r, m->formal_median_rs, m->formal_sigma)
                   : lognormal(r, m->turnover_median_rs[e->activity], m->turnover_sigma);
    double inv;

    if (e->commenced_on >= c->as_of - 2 * 365)
        t *= m->young_unit_turnover_factor;
    /* Udyam holds MSMEs: keep clear of the medium-enterprise ceilings. */
    t = t < MIN_TURNOVER_RS ? MIN_TURNOVER_RS : t > MAX_TURNOVER_RS ? MAX_TURNOVER_RS : t;
    inv = t * lognormal(r, m->investment_ratio[e->activity], m->investment_sigma);
    inv = inv < MIN_INVESTMENT_RS ? MIN_INVESTMENT_RS : inv > MAX_INVESTMENT_RS ? MAX_INVESTMENT_RS : inv;
    e->turnover = rupees(t);
    e->investment = rupees(inv);
    if (rng_chance(r, m->exporter_share[e->activity])) {
        double f = m->export_fraction_min
                   + (m->export_fraction_max - m->export_fraction_min) * rng_uniform(r);
        e->exports = rupees(t * f);
    }
    draw_employees(c, r, e);
}

static void draw_constitution(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    bool large = (double)e->turnover / RUPEE >= m->large_turnover_rs;

    e->con = (enum gen_constitution)rng_weighted(
        r, large ? m->constitution_large : m->constitution_small, CON_COUNT);
    /* A self-help group is a women's collective; a list-only person is
     * an individual (PAN holder type P). */
    if ((e->con == CON_SHG && e->gender != GENDER_FEMALE) || e->kind == ENT_PERSON)
        e->con = CON_PROPRIETORSHIP;
}

static void draw_dynamics(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    static const double rates[3] = {0.05, 0.12, 0.18};

    e->growth = m->growth_base + m->growth_sd * rng_normal(r);
    if (e->young)
        e->growth += m->growth_young;
    if (e->activity == ACT_SERVICES)
        e->growth += m->growth_services;
    else if (e->activity == ACT_TRADING)
        e->growth += m->growth_trading;
    if (e->rural)
        e->growth += m->growth_rural;
    if ((double)e->turnover / RUPEE > m->large_unit_rs)
        e->growth += m->growth_large;
    if (e->gender == GENDER_FEMALE)
        e->growth += m->growth_female;
    e->monthly_rs = (double)e->turnover / RUPEE / 12.0;
    e->tax_rate = rates[rng_weighted(r, m->tax_rate_weights[e->activity], 3)];
}

static bool corporate(enum gen_constitution con)
{
    return con == CON_PRIVATE_COMPANY || con == CON_PUBLIC_COMPANY || con == CON_LLP;
}

static bool gst_registers(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e)
{
    const struct state_info *st = c->states[e->state].info;
    double lakh = (double)e->turnover / RUPEE / 1e5;
    int threshold = e->activity == ACT_SERVICES ? st->gst_reg_services_lakh : st->gst_reg_goods_lakh;

    if (e->kind == ENT_GST_ONLY)
        return true;
    if (lakh > threshold)
        return rng_chance(r, c->m->gst_compliance);
    return rng_chance(r, corporate(e->con) ? c->m->gst_voluntary_corporate : c->m->gst_voluntary);
}

static int32_t gst_since(const struct gen_ctx *c, struct rng *r, const struct gen_ent *e)
{
    int32_t lag = (int32_t)rng_below(r, (uint64_t)c->m->gst_registration_lag_max_days + 1);

    /* Most GST-only filers are new businesses, registered inside the window. */
    if (e->kind == ENT_GST_ONLY && rng_chance(r, 0.7))
        return uniform_date(r, c->window_first_day, c->as_of - 31);
    if (e->commenced_on < c->gst_start)   /* migrated on GST day, or came in later */
        return rng_chance(r, 0.7) ? c->gst_start : c->gst_start + lag * 4;
    return e->commenced_on + lag;
}

static enum gen_gst_scheme gst_scheme(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_model *m = c->m;
    bool goods = e->activity != ACT_SERVICES;
    double rs = (double)e->turnover / RUPEE;
    double comp_limit = goods ? c->states[e->state].info->gst_composition_lakh * 1e5
                              : m->composition_services_limit_rs;

    if (rs <= comp_limit && e->con != CON_PUBLIC_COMPANY
        && rng_chance(r, goods ? m->composition_take_goods : m->composition_take_services)) {
        e->tax_rate = goods ? m->composition_rate_goods : m->composition_rate_services;
        return GSTS_COMPOSITION;
    }
    if (rs <= m->qrmp_limit_rs && rng_chance(r, m->qrmp_take))
        return GSTS_QRMP;
    return GSTS_REGULAR;
}

static int other_state(const struct gen_ctx *c, struct rng *r, int own)
{
    for (;;) {
        int s = rng_weighted(r, c->state_weight, (int)c->n_states);
        if (s != own)
            return s;
    }
}

static void draw_gst(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    if (!gst_registers(c, r, e))
        return;
    e->gst_since[0] = gst_since(c, r, e);
    if (e->gst_since[0] < e->commenced_on)
        e->gst_since[0] = e->commenced_on;
    if (e->gst_since[0] < c->gst_start)
        e->gst_since[0] = c->gst_start;
    if (e->gst_since[0] > c->as_of)
        return;
    e->gst = gst_scheme(c, r, e);
    e->n_gstins = 1;
    e->gstin_state[0] = e->state;
    if (rng_chance(r, c->m->second_gstin_share)) {
        int32_t since = e->gst_since[0] + 90 + (int32_t)rng_below(r, 1500);
        if (since <= c->as_of) {
            e->gstin_state[1] = other_state(c, r, e->state);
            e->gst_since[1] = since;
            e->n_gstins = 2;
        }
    }
}

static void assign_ids(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    static const enum gen_pan_kind kinds[] = {PAN_UDYAM, PAN_GST_ONLY, PAN_PERSON};
    char holder = gen_ids_pan_holder(e->con);
    /* Individuals' PANs carry the surname initial, others the name's. */
    char initial = holder == 'P' ? gen_name_initial(&e->owner, 1) : gen_name_initial(&e->firm, 0);

    e->has_pan = e->gst != GSTS_NONE || (e->con != CON_PROPRIETORSHIP && e->con != CON_SHG)
                 || rng_chance(r, c->m->pan_share_without_gst);
    if (e->has_pan)
        gen_ids_pan(c, e->index * 4 + kinds[e->kind], holder, initial, e->pan);
    for (int g = 0; g < e->n_gstins; g++) {
        /* A second registration in one state is rare: entity number 1 mostly. */
        char entity = rng_chance(r, 0.05) ? '2' : '1';
        gen_ids_gstin(c->states[e->gstin_state[g]].info->gst_code, e->pan, entity, e->gstin[g]);
    }
}

static void draw_pincode(const struct gen_ctx *c, struct rng *r, struct gen_ent *e)
{
    const struct gen_geo *g = c->states[e->state].geo;
    const struct district_info *d = &c->ref->districts[e->district];
    int lo = g ? g->pin_lo : 110, hi = g ? g->pin_hi : 110;
    int prefix = lo + (int)(gen_mix64((uint64_t)d->lgd_code) % (uint64_t)(hi - lo + 1));
    int local = 1 + (int)rng_below(r, 98);

    for (int i = 2; i >= 0; i--) {
        e->pincode[i] = (char)('0' + prefix % 10);
        prefix /= 10;
    }
    for (int i = 5; i >= 3; i--) {
        e->pincode[i] = (char)('0' + local % 10);
        local /= 10;
    }
    e->pincode[6] = '\0';
}

static enum gen_stream stream_of(enum gen_ent_kind kind)
{
    return kind == ENT_UDYAM ? STREAM_MAIN : kind == ENT_GST_ONLY ? STREAM_GST_ONLY : STREAM_PERSON;
}

static void reset(struct gen_ent *e, uint64_t index, enum gen_ent_kind kind)
{
    memset(e, 0, sizeof *e);
    e->index = index;
    e->kind = kind;
    e->nic = -1;
    e->cluster = -1;
    e->udyam_error = R_NONE;
    e->stress.shock_month = e->stress.recover_from = GEN_NO_MONTH;
    e->stress.dpd_start = e->stress.npa_month = GEN_NO_MONTH;
}

void gen_population_draw(const struct gen_ctx *c, uint64_t index, enum gen_ent_kind kind,
                         struct gen_ent *e)
{
    struct rng r;
    int preferred;

    reset(e, index, kind);
    rng_seed(&r, c->seed, gen_stream_id(index, stream_of(kind)));
    gen_population_place(c, &r, &e->state, &e->district);
    e->rural = rng_chance(&r, c->m->rural_share);
    draw_work(c, &r, e);
    draw_owner(c, &r, e);
    draw_dates(c, &r, e);
    draw_size(c, &r, e);
    draw_constitution(c, &r, e);
    draw_dynamics(c, &r, e);
    if (kind != ENT_PERSON)
        draw_gst(c, &r, e);
    preferred = e->cluster >= 0 ? c->product_word[c->clusters[e->cluster].product]
                                : c->nic_word[e->nic];
    gen_names_firm(&r, e->con, e->activity, preferred, &e->owner, &e->firm);
    assign_ids(c, &r, e);
    draw_pincode(c, &r, e);
}

int gen_population_serial_bases(struct gen_ctx *c, struct err *e)
{
    size_t nd = c->ref->n_districts;
    uint32_t *count = mem_calloc(nd, sizeof *count);

    c->serial_base = mem_calloc(c->n_blocks * nd, sizeof *c->serial_base);
    if (count == NULL || c->serial_base == NULL) {
        mem_free(count);
        return err_set(e, "out of memory for Udyam serial bases");
    }
    for (uint64_t b = 0; b < c->n_blocks; b++) {
        uint64_t end = (b + 1) * GEN_BLOCK_SIZE < c->n ? (b + 1) * GEN_BLOCK_SIZE : c->n;
        memcpy(c->serial_base + b * nd, count, nd * sizeof *count);
        for (uint64_t i = b * GEN_BLOCK_SIZE; i < end; i++) {
            struct rng r;
            int s, d;
            rng_seed(&r, c->seed, gen_stream_id(i, STREAM_MAIN));
            gen_population_place(c, &r, &s, &d);
            if (++count[d] > c->udyam_serials) {
                mem_free(count);
                return err_set(e, "district %s: more enterprises than Udyam serials",
                               c->ref->districts[d].name);
            }
        }
    }
    mem_free(count);
    return 0;
}
