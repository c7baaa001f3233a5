#include "gen/gen_ctx.h"

#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "gen/gen_clusters.h"
#include "gen/gen_ent.h"
#include "gen/gen_names.h"
#include "gen/gen_population.h"

/* PAN entity ids: index * 4 + kind, so an enterprise, its GST-only
 * sibling and list-only persons never share a PAN. The PAN space is
 * 26^3 series x 9999 serials x 26 check letters. */
#define PAN_SPACE (17576ULL * 9999ULL * 26ULL)
#define ACCOUNT_SPACE 100000000000000ULL   /* 14-digit account numbers */
#define REF_SPACE 10000000000ULL           /* 10-digit list and record numbers */

static int window_init(struct gen_ctx *c, struct err *e)
{
    if (c->as_of < gen_earliest_as_of())
        return err_set(e, "as-of date is before Udyam registration began (2020-07-01)");
    c->last_month = date_month_index(c->as_of);
    c->first_month = c->last_month - (GEN_WINDOW_MONTHS - 1);
    c->window_first_day = date_month_first(c->first_month);
    date_from_ymd(2020, 7, 1, &c->udyam_start);
    date_from_ymd(2017, 7, 1, &c->gst_start);
    return 0;
}

static int states_init(struct gen_ctx *c, struct err *e)
{
    const struct refdata *r = c->ref;

    c->states = mem_calloc(r->n_states, sizeof *c->states);
    c->state_weight = mem_calloc(r->n_states, sizeof *c->state_weight);
    c->district_list = mem_calloc(r->n_districts, sizeof *c->district_list);
    c->district_state = mem_calloc(r->n_districts, sizeof *c->district_state);
    c->district_no = mem_calloc(r->n_districts, sizeof *c->district_no);
    c->district_cluster = mem_calloc(r->n_districts, sizeof *c->district_cluster);
    if (!c->states || !c->state_weight || !c->district_list || !c->district_state
        || !c->district_no || !c->district_cluster)
        return err_set(e, "out of memory");
    c->n_states = r->n_states;
    for (size_t s = 0, next = 0; s < r->n_states; s++) {
        struct gen_state *st = &c->states[s];
        st->info = &r->states[s];
        st->geo = gen_geo_find(st->info->key);
        st->region = gen_names_region(st->info->key);
        st->first = next;
        for (size_t d = 0; d < r->n_districts; d++) {
            if (r->districts[d].gst_state != st->info->gst_code)
                continue;
            c->district_list[next++] = d;
            c->district_state[d] = (int)s;
            c->district_no[d] = (int)(next - st->first);
            c->district_cluster[d] = -1;
        }
        st->n = next - st->first;
        if (st->n > 99)
            return err_set(e, "state %s has more than 99 districts", st->info->key);
        c->state_weight[s] = st->geo != NULL && st->n > 0 ? st->geo->weight : 0;
        c->state_weight_total += c->state_weight[s];
    }
    return 0;
}

static int nic_init(struct gen_ctx *c, struct err *e)
{
    size_t n, np;
    const struct gen_nic *t = gen_nic_table(&n);
    const struct gen_product *p = gen_products(&np);

    if (gen_nic_check(c->ref, e) != 0)
        return -1;
    c->nic_word = mem_calloc(n, sizeof *c->nic_word);
    c->product_word = mem_calloc(np, sizeof *c->product_word);
    if (c->nic_word == NULL || c->product_word == NULL)
        return err_set(e, "out of memory");
    for (int a = 0; a < ACT_COUNT; a++) {
        c->nic_of[a] = mem_calloc(n, sizeof *c->nic_of[a]);
        c->nic_weight[a] = mem_calloc(n, sizeof *c->nic_weight[a]);
        if (c->nic_of[a] == NULL || c->nic_weight[a] == NULL)
            return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        enum gen_activity a = t[i].activity;
        c->nic_of[a][c->n_nic_of[a]] = (int)i;
        c->nic_weight[a][c->n_nic_of[a]++] = t[i].weight;
        c->nic_word[i] = t[i].word ? gen_names_business_index(t[i].word) : -1;
    }
    for (size_t i = 0; i < np; i++)
        c->product_word[i] = gen_names_business_index(p[i].word);
    return 0;
}

static int launches_init(struct gen_ctx *c, struct err *e)
{
    for (int s = 0; s < SCH_COUNT; s++) {
        const char *d = c->m->scheme[s].launched;
        if (date_parse(d, strlen(d), &c->launched[s], e) != 0)
            return err_prefix(e, "model: %s launch date: ", gen_scheme_id((enum gen_scheme)s));
    }
    return 0;
}

static void perms_init(struct gen_ctx *c)
{
    c->udyam_serials = c->cfg->udyam_serials ? c->cfg->udyam_serials : GEN_UDYAM_SERIALS;
    c->serial_by_district = c->n > c->udyam_serials;
    gen_perm_init(&c->perm_udyam, c->udyam_serials, c->seed, 1);
    gen_perm_init(&c->perm_pan, PAN_SPACE, c->seed, 2);
    gen_perm_init(&c->perm_account, ACCOUNT_SPACE, c->seed, 3);
    gen_perm_init(&c->perm_ref, REF_SPACE, c->seed, 4);
}

int gen_ctx_new(const struct gen_config *cfg, const struct refdata *ref, struct gen_ctx **out,
                struct err *e)
{
    struct gen_ctx *c = mem_calloc(1, sizeof *c);

    if (c == NULL)
        return err_set(e, "out of memory");
    c->cfg = cfg;
    c->ref = ref;
    c->m = gen_model_default();
    c->seed = cfg->seed;
    c->n = cfg->enterprises;
    c->as_of = cfg->as_of;
    c->n_blocks = (c->n + GEN_BLOCK_SIZE - 1) / GEN_BLOCK_SIZE;
    perms_init(c);
    if (window_init(c, e) != 0 || states_init(c, e) != 0 || nic_init(c, e) != 0
        || launches_init(c, e) != 0 || gen_trades_load(c->trades, e) != 0
        || gen_clusters_build(c, e) != 0
        || (c->serial_by_district && gen_population_serial_bases(c, e) != 0)) {
        gen_ctx_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void gen_ctx_free(struct gen_ctx *c)
{
    if (c == NULL)
        return;
    mem_free(c->states);
    mem_free(c->state_weight);
    mem_free(c->district_list);
    mem_free(c->district_state);
    mem_free(c->district_no);
    mem_free(c->district_cluster);
    for (int a = 0; a < ACT_COUNT; a++) {
        mem_free(c->nic_of[a]);
        mem_free(c->nic_weight[a]);
    }
    mem_free(c->nic_word);
    mem_free(c->product_word);
    mem_free(c->clusters);
    mem_free(c->serial_base);
    mem_free(c);
}
