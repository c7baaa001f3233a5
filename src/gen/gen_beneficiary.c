#include "gen/gen_beneficiary.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "gen/gen_faults.h"
#include "gen/gen_ids.h"
#include "gen/gen_names.h"
#include "gen/gen_population.h"
#include "gen/gen_schemes.h"

#define LIST_IDS 16            /* list-row ids per enterprise index */
#define FOLLOW_UP_MONTHS 12

/* The identity fields of one list row, as the agency wrote them. */
struct identity {
    char person[GEN_NAME_MAX + 8];
    char firm[GEN_NAME_MAX + 8];
    char district[72];
    const char *pan, *udyam, *pincode;
    bool mobile;
};

static void title_case(char *s)
{
    for (size_t i = 1; s[i]; i++)
        if (s[i] >= 'A' && s[i] <= 'Z' && s[i - 1] != ' ' && s[i - 1] != '-')
            s[i] = (char)(s[i] - 'A' + 'a');
}

static void dirty_identity(const struct gen_ctx *c, struct rng *r, struct gen_stats *st,
                           const struct gen_ent *who, struct identity *id)
{
    const struct gen_model *m = c->m;
    enum gen_script script = rng_chance(r, m->dirty_devanagari) ? SCRIPT_DEVANAGARI : SCRIPT_LATIN;
    size_t np = gen_name_render(&who->owner, script, id->person, sizeof id->person);
    size_t nf = gen_name_render(&who->firm, script, id->firm, sizeof id->firm);

    st->c[C_DIRTY_DEVANAGARI] += script == SCRIPT_DEVANAGARI;
    if (rng_chance(r, m->dirty_typo)) {
        st->c[C_DIRTY_TYPO]++;
        if (rng_chance(r, 0.5))
            gen_typo(r, id->person, np, sizeof id->person);
        else
            gen_typo(r, id->firm, nf, sizeof id->firm);
    }
    if (rng_chance(r, m->dirty_name_swap)) {
        char tmp[sizeof id->person];
        st->c[C_DIRTY_NAME_SWAP]++;
        memcpy(tmp, id->person, sizeof tmp);
        memcpy(id->person, id->firm, sizeof tmp);
        memcpy(id->firm, tmp, sizeof tmp);
    }
    id->pan = who->has_pan && !rng_chance(r, m->dirty_pan_missing) ? who->pan : "";
    id->udyam = who->kind == ENT_UDYAM && !rng_chance(r, m->dirty_udyam_missing) ? who->udyam : "";
    st->c[C_DIRTY_PAN_MISSING] += *id->pan == '\0';
    st->c[C_DIRTY_UDYAM_MISSING] += who->kind == ENT_UDYAM && *id->udyam == '\0';
    id->mobile = !rng_chance(r, m->dirty_mobile_missing);
    id->pincode = rng_chance(r, m->dirty_pincode_missing) ? "" : who->pincode;
    snprintf(id->district, sizeof id->district, "%s", c->ref->districts[who->district].name);
    if (rng_chance(r, 0.5))
        title_case(id->district);   /* matched ignoring case: not an error */
    if (rng_chance(r, m->dirty_district_misspelt)) {
        st->c[C_DIRTY_DISTRICT_MISSPELT]++;
        gen_typo(r, id->district, strlen(id->district), sizeof id->district);
    }
}

static void put_identity(const struct gen_ctx *c, struct gen_row *row, const struct gen_ent *who,
                         const struct identity *id)
{
    gen_put_text(row, id->person);
    gen_put_text(row, id->firm);
    gen_put_raw(row, id->pan);
    gen_put_raw(row, id->udyam);
    if (id->mobile)
        gen_put_u64_width(row, (uint64_t)who->mobile_last4, 4);
    else
        gen_put_empty(row);
    gen_put_text(row, id->district);
    gen_put_u64_width(row, (uint64_t)c->states[who->state].info->gst_code, 2);
    gen_put_raw(row, id->pincode);
}

static void put_terms(struct gen_row *row, const struct gen_receipt *rc, enum reason why,
                      struct rng *r)
{
    char bad[48];
    int y, m, d;

    if (rc->scheme == SCH_ESDP)      /* training: no sanction, the date is completion */
        gen_put_empty(row);
    else
        gen_put_date(row, rc->sanctioned_on);
    if (why == R_BAD_DATE) {
        date_to_ymd(rc->disbursed_on, &y, &m, &d);
        gen_fault_date(r, y, bad);
        gen_put_raw(row, bad);
    } else {
        gen_put_date(row, rc->disbursed_on);
    }
    if (why == R_BAD_AMOUNT) {
        gen_fault_amount(r, rc->amount, bad, sizeof bad);
        gen_put_text(row, bad);
    } else if (rc->amount > 0) {
        gen_put_money(row, rc->amount);
    } else {
        gen_put_empty(row);
    }
    gen_put_raw(row, gen_purpose_name(rc->purpose));
}

static int truth_link(struct gen_block *b, const struct gen_receipt *rc, const char *ref,
                      const struct gen_ent *who)
{
    struct gen_row row;

    gen_row_begin(&row, &b->out[OUT_TRUTH_LINKS]);
    gen_put_raw(&row, gen_scheme_id(rc->scheme));
    gen_put_raw(&row, ref);
    gen_put_raw(&row, who->kind == ENT_UDYAM ? who->udyam : "");
    return gen_block_finish(b, OUT_TRUTH_LINKS, &row, R_NONE, false);
}

/* One list row (and its truth link); returns the injected reason via *why. */
static int list_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *who,
                    const struct gen_receipt *rc, uint64_t list_id, struct rng *r, enum reason *why,
                    char ref[40])
{
    struct identity id;
    struct gen_row row;
    bool repeat;
    int y, m, d;

    *why = gen_block_pick_error(c, OUT_BENEFICIARY, r);
    repeat = *why == R_DUPLICATE_ROW;
    if (repeat || (*why == R_BAD_AMOUNT && rc->amount == 0))
        *why = R_NONE;
    date_to_ymd(rc->disbursed_on, &y, &m, &d);
    gen_ids_ref(c, list_id, c->m->scheme[rc->scheme].list_prefix, y, ref, 40);
    dirty_identity(c, r, &b->stats, who, &id);
    gen_row_begin(&row, &b->out[OUT_BENEFICIARY]);
    gen_put_raw(&row, gen_scheme_id(rc->scheme));
    gen_put_raw(&row, ref);
    put_identity(c, &row, who, &id);
    put_terms(&row, rc, *why, r);
    if (gen_block_finish(b, OUT_BENEFICIARY, &row, *why, repeat) != 0)
        return -1;
    return truth_link(b, rc, ref, who);
}

/* Treated units: GST filers whose returns cover each of the 12 months
 * after the disbursal month (clean, filed, inside the window). */
static void count_treated(const struct gen_ctx *c, struct gen_stats *st, const struct gen_ent *e,
                          const struct gen_receipt *rc)
{
    int d = gen_window_k(c, date_month_index(rc->disbursed_on));
    uint64_t need;

    st->treated[rc->scheme][T_BENEFICIARIES]++;
    if (e->gst == GSTS_NONE)
        return;
    st->treated[rc->scheme][T_GST_FILERS]++;
    if (d < -1 || d + FOLLOW_UP_MONTHS >= GEN_WINDOW_MONTHS)
        return;
    need = (((uint64_t)1 << FOLLOW_UP_MONTHS) - 1) << (d + 1);
    if ((e->filed_months & need) == need)
        st->treated[rc->scheme][T_WITH_12M]++;
}

/* People on the list with no Udyam registration: a share of each
 * scheme's rows (the slot keeps their ids apart from the enterprise's). */
static int unregistered_row(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                            enum gen_scheme s, int slot, struct rng *r)
{
    struct gen_ent person;
    struct gen_receipt rc;
    enum reason why;
    char ref[40];

    gen_population_draw(c, gen_population_person_id(e->index, slot), ENT_PERSON, &person);
    gen_schemes_person_receipt(c, r, &person, s, &rc);
    b->stats.c[C_BENEFICIARY_UNREGISTERED_ROWS]++;
    return list_row(c, b, &person, &rc, e->index * LIST_IDS + SCH_COUNT + (uint64_t)slot, r, &why, ref);
}

static int double_funding_truth(struct gen_block *b, const struct gen_ent *e, const char refs[][40])
{
    bool any = false;

    for (int i = 0; i < e->n_receipts; i++) {
        for (int j = 0; j < e->n_receipts; j++) {
            const struct gen_receipt *x = &e->receipt[i], *y = &e->receipt[j];
            struct gen_row row;
            if (x->purpose != y->purpose || x->disbursed_on > y->disbursed_on
                || (x->disbursed_on == y->disbursed_on && i >= j)
                || y->disbursed_on - x->disbursed_on > 365)
                continue;
            any = true;
            gen_row_begin(&row, &b->out[OUT_TRUTH_DOUBLE_FUNDING]);
            gen_put_raw(&row, e->udyam);
            gen_put_raw(&row, gen_purpose_name(x->purpose));
            gen_put_raw(&row, gen_scheme_id(x->scheme));
            gen_put_raw(&row, refs[i]);
            gen_put_date(&row, x->disbursed_on);
            gen_put_raw(&row, gen_scheme_id(y->scheme));
            gen_put_raw(&row, refs[j]);
            gen_put_date(&row, y->disbursed_on);
            if (gen_block_finish(b, OUT_TRUTH_DOUBLE_FUNDING, &row, R_NONE, false) != 0)
                return -1;
        }
    }
    b->stats.c[C_DOUBLE_FUNDED] += any;
    return 0;
}

int gen_beneficiary_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    double share = c->m->unregistered_beneficiary_share;
    char refs[GEN_MAX_RECEIPTS][40];
    struct rng r;

    if (e->n_receipts == 0)
        return 0;
    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_BENEFICIARY));
    for (int i = 0; i < e->n_receipts; i++) {
        const struct gen_receipt *rc = &e->receipt[i];
        enum reason why;
        if (list_row(c, b, e, rc, e->index * LIST_IDS + rc->scheme, &r, &why, refs[i]) != 0)
            return -1;
        if (why == R_NONE)
            count_treated(c, &b->stats, e, rc);
        if (rng_chance(&r, share / (1.0 - share))
            && unregistered_row(c, b, e, rc->scheme, i, &r) != 0)
            return -1;
    }
    return double_funding_truth(b, e, refs);
}
