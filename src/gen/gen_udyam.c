#include "gen/gen_udyam.h"

#include <string.h>

#include "core/date.h"
#include "gen/gen_faults.h"

void gen_udyam_decide(const struct gen_ctx *c, struct gen_ent *e)
{
    struct rng r;
    enum reason why;

    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_ERRORS));
    why = gen_block_pick_error(c, OUT_UDYAM, &r);
    /* Rates apply to the rows an error can occur in. */
    if ((why == R_GSTIN_CHECKSUM && e->n_gstins == 0)
        || (why == R_PAN_INVALID && (!e->has_pan || e->n_gstins > 0)))
        why = R_NONE;
    if (why == R_DUPLICATE_ROW)
        e->udyam_duplicate = true;
    else
        e->udyam_error = why;
}

/* The faulty values, drawn from the same error stream after the decision. */
struct udyam_faults {
    char gstin[16];
    char pan[11];
    char date[11];
    char amount[48];
    char name[GEN_NAME_MAX + 2];
    const char *district;
};

static void make_faults(const struct gen_ctx *c, const struct gen_ent *e, struct udyam_faults *f)
{
    struct rng r;
    int y, m, d;

    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_ERRORS) ^ 0x5A5A);
    memcpy(f->gstin, e->gstin[0], 16);
    gen_fault_gstin_check(&r, f->gstin);
    memcpy(f->pan, e->pan, 11);
    f->pan[3] = gen_fault_pan_holder(&r);
    date_to_ymd(e->commenced_on, &y, &m, &d);
    gen_fault_date(&r, y, f->date);
    gen_fault_amount(&r, e->turnover, f->amount, sizeof f->amount);
    f->district = gen_fault_district(&r);
}

static void put_gstins(struct gen_row *row, const struct gen_ent *e, const char *first)
{
    char list[GEN_MAX_GSTINS * 16];
    size_t n = 0;

    for (int g = 0; g < e->n_gstins; g++) {
        if (g > 0)
            list[n++] = ';';
        memcpy(list + n, g == 0 ? first : e->gstin[g], 15);
        n += 15;
    }
    gen_put_textn(row, list, n);
}

static void put_name(struct gen_row *row, const struct gen_ent *e, bool stray_quote)
{
    char name[GEN_NAME_MAX], bad[GEN_NAME_MAX + 2];

    gen_name_render(&e->firm, SCRIPT_LATIN, name, sizeof name);
    if (!stray_quote) {
        gen_put_text(row, name);
        return;
    }
    gen_fault_quote(name, bad, sizeof bad);
    gen_put_raw(row, bad);   /* unquoted on purpose: the row is a csv_quoting fault */
}

static void put_identity(struct gen_row *row, const struct gen_ent *e, const struct udyam_faults *f)
{
    char owner[GEN_NAME_MAX];

    gen_put_raw(row, e->udyam);
    put_name(row, e, e->udyam_error == R_CSV_QUOTING);
    gen_name_render(&e->owner, SCRIPT_LATIN, owner, sizeof owner);
    gen_put_text(row, owner);
    if (e->has_pan)
        gen_put_raw(row, e->udyam_error == R_PAN_INVALID ? f->pan : e->pan);
    else
        gen_put_empty(row);
    put_gstins(row, e, e->udyam_error == R_GSTIN_CHECKSUM ? f->gstin : e->gstin[0]);
    gen_put_raw(row, gen_constitution_name(e->con));
    gen_put_raw(row, gen_category_name(e->category));
    gen_put_raw(row, gen_gender_name(e->gender));
    gen_put_yn(row, e->disabled);
}

static void put_place(const struct gen_ctx *c, struct gen_row *row, const struct gen_ent *e,
                      const struct udyam_faults *f)
{
    if (e->udyam_error == R_BAD_DATE)
        gen_put_raw(row, f->date);
    else
        gen_put_date(row, e->commenced_on);
    gen_put_date(row, e->registered_on);
    gen_put_raw(row, gen_activity_name(e->activity));
    gen_put_raw(row, e->nic_code);
    gen_put_u64_width(row, (uint64_t)c->states[e->state].info->gst_code, 2);
    gen_put_text(row, e->udyam_error == R_UNKNOWN_DISTRICT ? f->district
                                                          : c->ref->districts[e->district].name);
    gen_put_raw(row, e->pincode);
    gen_put_raw(row, e->rural ? "rural" : "urban");
}

static void put_size(struct gen_row *row, const struct gen_ent *e, const struct udyam_faults *f)
{
    gen_put_money(row, e->investment);
    if (e->udyam_error == R_BAD_AMOUNT)
        gen_put_text(row, f->amount);
    else
        gen_put_money(row, e->turnover);
    gen_put_money(row, e->exports);
    gen_put_u64(row, (uint64_t)e->employees[GENDER_MALE]);
    gen_put_u64(row, (uint64_t)e->employees[GENDER_FEMALE]);
    gen_put_u64(row, (uint64_t)e->employees[GENDER_TRANSGENDER]);
}

int gen_udyam_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    struct udyam_faults f = {0};
    struct gen_row row;

    if (e->udyam_error != R_NONE)
        make_faults(c, e, &f);
    gen_row_begin(&row, &b->out[OUT_UDYAM]);
    put_identity(&row, e, &f);
    put_place(c, &row, e, &f);
    put_size(&row, e, &f);
    return gen_block_finish(b, OUT_UDYAM, &row, e->udyam_error, e->udyam_duplicate);
}
