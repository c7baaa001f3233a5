#include "gen/gen_block.h"

#include <string.h>

#include "core/alloc.h"
#include "core/classify.h"
#include "gen/gen_beneficiary.h"
#include "gen/gen_clusters.h"
#include "gen/gen_credit.h"
#include "gen/gen_gst.h"
#include "gen/gen_ids.h"
#include "gen/gen_population.h"
#include "gen/gen_schemes.h"
#include "gen/gen_consent.h"
#include "gen/gen_energy.h"
#include "gen/gen_epfo.h"
#include "gen/gen_skilling.h"
#include "gen/gen_stress.h"
#include "gen/gen_udyam.h"

int gen_block_init(struct gen_block *b, const struct gen_ctx *c)
{
    memset(b, 0, sizeof *b);
    b->n_clusters = c->n_clusters;
    b->n_districts = c->ref->n_districts;
    b->members = mem_calloc(b->n_clusters, sizeof *b->members);
    b->district_seen = mem_calloc(b->n_districts, sizeof *b->district_seen);
    if (b->members == NULL || b->district_seen == NULL) {
        gen_block_release(b);
        return -1;
    }
    for (int o = 0; o < OUT_COUNT; o++)
        b->out[o].limit = (size_t)1 << 31;
    return 0;
}

void gen_block_clear(struct gen_block *b)
{
    for (int o = 0; o < OUT_COUNT; o++)
        buf_reset(&b->out[o]);
    b->n_inj = b->n_dup = 0;
    memset(&b->stats, 0, sizeof b->stats);
}

void gen_block_release(struct gen_block *b)
{
    for (int o = 0; o < OUT_COUNT; o++)
        buf_release(&b->out[o]);
    mem_free(b->inj);
    mem_free(b->dup);
    mem_free(b->members);
    mem_free(b->district_seen);
    memset(b, 0, sizeof *b);
}

static void block_reset(struct gen_block *b, const struct gen_ctx *c, uint64_t index)
{
    b->index = index;
    b->first = index * GEN_BLOCK_SIZE;
    b->end = b->first + GEN_BLOCK_SIZE < c->n ? b->first + GEN_BLOCK_SIZE : c->n;
    gen_block_clear(b);
    memset(b->members, 0, b->n_clusters * sizeof *b->members);
    memset(b->district_seen, 0, b->n_districts * sizeof *b->district_seen);
}

/* Grow an array of `size`-byte items to hold one more. */
static int grow(void **items, size_t n, size_t *cap, size_t size)
{
    void *p;
    size_t ncap;

    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 256;
    p = mem_realloc(*items, ncap * size);
    if (p == NULL)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

int gen_block_note(struct gen_block *b, enum gen_out o, size_t start, enum reason injected,
                   bool repeat)
{
    uint64_t row = b->stats.rows[o]++;

    if (injected != R_NONE) {
        if (grow((void **)&b->inj, b->n_inj, &b->cap_inj, sizeof *b->inj) != 0)
            return -1;
        b->inj[b->n_inj++] = (struct gen_inj){(uint32_t)row, (uint8_t)o, (uint8_t)injected};
        b->stats.errors[o][injected]++;
    }
    if (repeat) {
        if (grow((void **)&b->dup, b->n_dup, &b->cap_dup, sizeof *b->dup) != 0)
            return -1;
        b->dup[b->n_dup++] = (struct gen_dup){start, b->out[o].len - start, (uint8_t)o};
    }
    return 0;
}

int gen_block_finish(struct gen_block *b, enum gen_out o, struct gen_row *row,
                     enum reason injected, bool repeat)
{
    if (gen_row_end(row) != 0)
        return -1;
    return gen_block_note(b, o, row->start, injected, repeat);
}

/* Append the scheduled copies: each is an exact repeat of a clean row
 * written earlier in the same file, so it trips only duplicate_row. */
int gen_block_end(struct gen_block *b)
{
    for (size_t i = 0; i < b->n_dup; i++) {
        struct gen_dup d = b->dup[i];
        struct buf *out = &b->out[d.out];
        size_t start = out->len;
        if (buf_reserve(out, d.len) != 0)
            return -1;
        memcpy(out->data + out->len, out->data + d.off, d.len);   /* after reserve: no realloc */
        out->len += d.len;
        out->data[out->len] = '\0';
        if (gen_block_note(b, (enum gen_out)d.out, start, R_DUPLICATE_ROW, false) != 0)
            return -1;
    }
    b->n_dup = 0;
    return 0;
}

enum reason gen_block_pick_error(const struct gen_ctx *c, enum gen_out o, struct rng *r)
{
    const struct gen_feed_errors *fe = &c->m->errors[o];
    double u = rng_uniform(r);

    for (int i = 0; i < fe->n; i++) {
        if (u < fe->e[i].rate)
            return fe->e[i].reason;
        u -= fe->e[i].rate;
    }
    return R_NONE;
}

/* --- one enterprise --------------------------------------------------- */

static uint64_t udyam_serial(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    uint64_t ordinal;

    if (!c->serial_by_district)
        return gen_ids_udyam_serial(c, e->index);
    ordinal = c->serial_base[b->index * b->n_districts + (size_t)e->district]
              + b->district_seen[e->district]++;
    return gen_ids_udyam_district_serial(c, e->district, ordinal);
}

static void count_class(const struct gen_ctx *c, struct gen_stats *s, const struct gen_ent *e)
{
    struct classify_input in = {e->investment, e->turnover, e->exports, c->as_of, LIMIT_ANY};
    struct classify_result res;

    if (classify(c->ref, &in, &res, NULL) == 0)
        s->c[C_MICRO + res.cls]++;
}

static void count_enterprise(const struct gen_ctx *c, struct gen_stats *s, const struct gen_ent *e)
{
    s->c[C_ENTERPRISES]++;
    s->c[C_WITH_PAN] += e->has_pan;
    s->c[C_GST_REGISTERED] += e->gst != GSTS_NONE;
    s->c[C_GSTINS] += (uint64_t)e->n_gstins;
    s->c[C_RURAL] += e->rural;
    s->c[C_WOMEN_OWNED] += e->gender == GENDER_FEMALE;
    s->c[C_SC_ST_OWNED] += e->category == CAT_SC || e->category == CAT_ST;
    s->c[C_YOUNG_UNITS] += e->young;
    s->c[C_EXPORTERS] += e->exports > 0;
    s->c[C_BENEFICIARY_ENTERPRISES] += e->n_receipts > 0;
    s->activity[e->activity]++;
    s->constitution[e->con]++;
    s->gst_scheme[e->gst]++;
    count_class(c, s, e);
}

static int run_enterprise(const struct gen_ctx *c, struct gen_block *b, uint64_t index)
{
    struct gen_ent e;
    struct gen_credit_plan plan;

    gen_population_draw(c, index, ENT_UDYAM, &e);
    gen_ids_udyam(c, &e, udyam_serial(c, b, &e), e.udyam);
    gen_udyam_decide(c, &e);
    if (gen_ent_on_file(&e))
        gen_schemes_draw(c, &e);
    gen_credit_plan(c, &e, &plan);
    gen_stress_draw(c, &e);
    count_enterprise(c, &b->stats, &e);
    if (gen_udyam_write(c, b, &e) != 0 || gen_gst_write(c, b, &e) != 0
        || gen_credit_write(c, b, &e, &plan) != 0 || gen_clusters_member_write(c, b, &e) != 0
        || gen_skilling_write(c, b, &e) != 0 || gen_beneficiary_write(c, b, &e) != 0
        || gen_stress_truth_write(c, b, &e) != 0 || gen_gst_only_write(c, b, &e) != 0
        || gen_energy_write(c, b, &e) != 0 || gen_epfo_write(c, b, &e) != 0
        || gen_consent_write(c, b, &e) != 0)
        return -1;
    return 0;
}

int gen_block_run(const struct gen_ctx *c, struct gen_block *b, uint64_t index, struct err *e)
{
    block_reset(b, c, index);
    for (uint64_t i = b->first; i < b->end; i++)
        if (run_enterprise(c, b, i) != 0)
            return err_set(e, "block %llu: out of memory", (unsigned long long)index);
    if (gen_block_end(b) != 0)
        return err_set(e, "block %llu: out of memory", (unsigned long long)index);
    return 0;
}
