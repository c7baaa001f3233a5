#include "rules/batch.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/profile.h"
#include "rules/eligibility.h"
#include "rules/facts.h"
#include "rules/program.h"
#include "rules/vm.h"

#define MAX_THREADS 64

/* --- columns -------------------------------------------------------------- */

struct batch_columns *batch_columns_new(const struct refdata *ref)
{
    struct batch_columns *c = mem_calloc(1, sizeof *c);

    if (c == NULL)
        return NULL;
    c->ref = ref;
    c->pool.limit = (size_t)UINT32_MAX;
    if (buf_putc(&c->pool, '\0') != 0) { /* offset 0 is "" */
        mem_free(c);
        return NULL;
    }
    return c;
}

#define COLUMNS(X) \
    X(id) X(investment) X(turnover) X(exports) X(commenced_on) X(employees) X(constitution) \
    X(activity) X(area) X(gender) X(category) X(disabled) X(state) X(n_gstins) X(name_at) \
    X(udyam_at) X(pan_at) X(nic_at) X(district_at) X(gstins_at) X(district) X(cluster_at) X(traditional)

void batch_columns_free(struct batch_columns *c)
{
    if (c == NULL)
        return;
#define FREE(col) mem_free(c->col);
    COLUMNS(FREE)
#undef FREE
    buf_release(&c->pool);
    mem_free(c);
}

static int grow(struct batch_columns *c)
{
    size_t cap = c->cap ? c->cap * 2 : 1024;
#define GROW(col)                                                    \
    {                                                                \
        void *p = mem_realloc(c->col, cap * sizeof *c->col);         \
        if (p == NULL)                                               \
            return -1;                                               \
        c->col = p;                                                  \
    }
    COLUMNS(GROW)
#undef GROW
    c->cap = cap;
    return 0;
}

/* Add a string to the pool; "" is offset 0. */
static int pool_add(struct batch_columns *c, const char *s, uint32_t *at)
{
    size_t n = strlen(s);

    *at = 0;
    if (n == 0)
        return 0;
    if (c->pool.len + n + 1 > UINT32_MAX)
        return -1;
    *at = (uint32_t)c->pool.len;
    return buf_append(&c->pool, s, n + 1);
}

int batch_columns_add(struct batch_columns *c, const struct enterprise *e)
{
    size_t i = c->n;
    int64_t emp = enterprise_employees(e);

    if (i == c->cap && grow(c) != 0)
        return -1;
    c->id[i] = e->id;
    c->investment[i] = e->investment;
    c->turnover[i] = e->turnover;
    c->exports[i] = e->exports;
    c->commenced_on[i] = e->commenced_on;
    c->employees[i] = emp > INT32_MAX ? INT32_MAX : (int32_t)emp;
    c->constitution[i] = (int8_t)e->constitution;
    c->activity[i] = (int8_t)e->activity;
    c->area[i] = (int8_t)e->area;
    c->gender[i] = (int8_t)e->owner_gender;
    c->category[i] = (int8_t)e->social_category;
    c->disabled[i] = (int8_t)e->owner_disabled;
    c->state[i] = (uint8_t)e->state;
    c->n_gstins[i] = (uint8_t)e->n_gstins;
    c->district[i] = e->district[0] ? refdata_district(c->ref, e->state, e->district) : NULL;
    c->cluster_at[i] = 0;
    c->traditional[i] = -1;
    c->gstins_at[i] = (uint32_t)c->pool.len;
    for (int g = 0; g < e->n_gstins; g++) {
        /* fixed 16-byte slots (15 characters and a NUL), so GSTIN g of a
         * row sits at gstins_at + 16 g */
        char slot[16] = {0};
        memcpy(slot, e->gstins[g], strnlen(e->gstins[g], 15));
        if (c->pool.len + 16 > UINT32_MAX || buf_append(&c->pool, slot, 16) != 0)
            return -1;
    }
    if (pool_add(c, e->name, &c->name_at[i]) || pool_add(c, e->udyam, &c->udyam_at[i])
        || pool_add(c, e->pan, &c->pan_at[i]) || pool_add(c, e->nic, &c->nic_at[i])
        || pool_add(c, e->district, &c->district_at[i]))
        return -1;
    c->n++;
    return 0;
}

int batch_columns_set_cluster(struct batch_columns *c, size_t i, const char *cluster_id, int traditional)
{
    if (i >= c->n)
        return -1;
    c->traditional[i] = (int8_t)(traditional < 0 ? -1 : traditional > 0);
    c->cluster_at[i] = 0;
    return cluster_id == NULL ? 0 : pool_add(c, cluster_id, &c->cluster_at[i]);
}

/* --- one enterprise's profile, borrowed from the columns ------------------- */

struct scratch {
    char state[4];
    char *gstins[ENTERPRISE_MAX_GSTINS];
};

static void set_str(struct profile *p, enum profile_field f, const struct batch_columns *c, uint32_t at)
{
    p->f[f].state = at ? FACT_KNOWN : FACT_ABSENT;
    p->f[f].s = at ? c->pool.data + at : NULL;
}

static void set_int(struct profile *p, enum profile_field f, int64_t v)
{
    p->f[f].state = FACT_KNOWN;
    p->f[f].i = v;
}

/* A column's enum index, -1 when unknown. */
static void set_enum(struct profile *p, enum profile_field f, int8_t v)
{
    p->f[f].state = v >= 0 ? FACT_KNOWN : FACT_UNKNOWN;
    p->f[f].i = v;
}

/* Profile fields fill_row sets from the columns: everything else (as_of,
 * the need, fields the store does not hold) is the same for every row,
 * so a rule that reads only those has one answer for the whole run. */
#define BIT(f) ((uint64_t)1 << (f))
#define ROW_FIELDS                                                                                   \
    (BIT(PF_NAME) | BIT(PF_UDYAM) | BIT(PF_PAN) | BIT(PF_NIC) | BIT(PF_DISTRICT) | BIT(PF_STATE)     \
     | BIT(PF_GSTINS) | BIT(PF_CONSTITUTION) | BIT(PF_ACTIVITY) | BIT(PF_AREA) | BIT(PF_OWNER_GENDER) \
     | BIT(PF_OWNER_CATEGORY) | BIT(PF_OWNER_DISABLED) | BIT(PF_COMMENCED_ON) | BIT(PF_STATUS)        \
     | BIT(PF_INVESTMENT) | BIT(PF_TURNOVER) | BIT(PF_EXPORTS) | BIT(PF_EMPLOYEES) | BIT(PF_CLUSTER_ID)  \
     | BIT(PF_TRADITIONAL))
#define DERIVED_SLOTS (~(uint64_t)0 << PF_COUNT)
#define ROW_SLOTS (ROW_FIELDS | DERIVED_SLOTS)

/* The fields that are the same for every row. */
static void fill_constants(const struct batch_options *o, struct profile *p)
{
    memset(p, 0, sizeof *p);
    if (o->need_purpose != NULL) set_int(p, PF_NEED_PURPOSE, profile_enum_index(PF_NEED_PURPOSE, o->need_purpose));
    if (o->need_amount >= 0) set_int(p, PF_NEED_AMOUNT, o->need_amount);
}

/* The same facts enterprise_to_profile gives, without allocating; p
 * already holds fill_constants. */
static void fill_row(const struct batch_columns *c, size_t i, struct profile *p, struct scratch *sc)
{
    set_str(p, PF_NAME, c, c->name_at[i]);
    set_str(p, PF_UDYAM, c, c->udyam_at[i]);
    set_str(p, PF_PAN, c, c->pan_at[i]);
    set_str(p, PF_NIC, c, c->nic_at[i]);
    set_str(p, PF_DISTRICT, c, c->district_at[i]);
    sc->state[0] = (char)('0' + c->state[i] / 10);
    sc->state[1] = (char)('0' + c->state[i] % 10);
    sc->state[2] = '\0';
    p->f[PF_STATE].state = FACT_KNOWN;
    p->f[PF_STATE].s = sc->state;
    p->f[PF_GSTINS].state = c->n_gstins[i] ? FACT_KNOWN : FACT_ABSENT;
    for (int g = 0; g < c->n_gstins[i]; g++)
        sc->gstins[g] = c->pool.data + c->gstins_at[i] + 16 * (uint32_t)g;
    p->f[PF_GSTINS].list = sc->gstins;
    p->f[PF_GSTINS].n = c->n_gstins[i];
    set_enum(p, PF_CONSTITUTION, c->constitution[i]);
    set_enum(p, PF_ACTIVITY, c->activity[i]);
    set_enum(p, PF_AREA, c->area[i]);
    set_enum(p, PF_OWNER_GENDER, c->gender[i]);
    set_enum(p, PF_OWNER_CATEGORY, c->category[i]);
    set_enum(p, PF_OWNER_DISABLED, c->disabled[i]);
    p->f[PF_COMMENCED_ON].state = p->f[PF_STATUS].state = FACT_UNKNOWN;
    if (c->commenced_on[i] != DATE_UNKNOWN) {
        set_int(p, PF_COMMENCED_ON, c->commenced_on[i]);
        set_int(p, PF_STATUS, profile_enum_index(PF_STATUS, "existing"));
    }
    set_int(p, PF_INVESTMENT, c->investment[i]);
    set_int(p, PF_TURNOVER, c->turnover[i]);
    p->f[PF_EXPORTS].state = FACT_UNKNOWN;
    if (c->exports[i] >= 0) set_int(p, PF_EXPORTS, c->exports[i]);
    p->f[PF_EMPLOYEES].state = FACT_UNKNOWN;
    if (c->employees[i] >= 0) set_int(p, PF_EMPLOYEES, c->employees[i]);
    /* A cluster the feed does not name is unknown, not absent: the feed
     * lists the clusters it covers, not every cluster in the country. */
    p->f[PF_CLUSTER_ID].state = c->cluster_at[i] ? FACT_KNOWN : FACT_UNKNOWN;
    p->f[PF_CLUSTER_ID].s = c->cluster_at[i] ? c->pool.data + c->cluster_at[i] : NULL;
    set_enum(p, PF_TRADITIONAL, c->traditional[i]);
}

/* --- a plan per scheme ----------------------------------------------------
 *
 * Rules that read nothing of the row (`need.amount <= ceiling` when every
 * enterprise is asked about the same need) are decided once, before the
 * loop, like a query planner folding constants; only the rest run per
 * enterprise, stopping at the first that fails. Benefit formulas run only
 * when they can fail (a failing formula makes the answer unknown, as in
 * eligibility_scheme); the statuses are eligibility_scheme's, which
 * tests/rules/test_batch.c checks row by row. */

struct plan {
    struct value params[SCHEME_MAX_PARAMS];
    uint64_t unconfirmed;
    enum status cap;                /* the best a row can get: ELIGIBLE unless a constant rule says less */
    const struct program *rules[SCHEME_MAX_CRITERIA];
    size_t n_rules;
    const struct program *benefit[2];   /* row-dependent benefit formulas */
    size_t n_benefit;
};

static int run_truth(const struct program *prog, struct vm_state *st)
{
    struct value v;
    struct err e;

    return vm_run(prog, st, &v, &e) == 0 ? vm_truth(&v) : -1;
}

static bool runs_clean(const struct program *prog, struct vm_state *st)
{
    struct value v;
    struct err e;

    return vm_run(prog, st, &v, &e) == 0;
}

static void plan_benefit(struct plan *pl, const struct program *prog, struct vm_state *st)
{
    if (prog == NULL || !program_can_fail(prog))
        return;
    if (program_slots(prog) & ROW_SLOTS)
        pl->benefit[pl->n_benefit++] = prog;
    else if (!runs_clean(prog, st) && pl->cap == ST_ELIGIBLE)
        pl->cap = ST_UNKNOWN;
}

/* Fold the scheme's row-independent rules on `constant` (facts of no row). */
static void plan_scheme(const struct scheme *s, const struct facts *constant, int32_t as_of, struct plan *pl)
{
    struct vm_state st = {0};

    memset(pl, 0, sizeof *pl);
    eligibility_params(s, as_of, pl->params, &pl->unconfirmed);
    pl->cap = as_of < s->valid_from || as_of > s->valid_to ? ST_INELIGIBLE : ST_ELIGIBLE;
    st.facts = constant;
    st.params = pl->params;
    st.params_unconfirmed = pl->unconfirmed;
    for (size_t i = 0; i < s->n_criteria && pl->cap != ST_INELIGIBLE; i++) {
        const struct program *prog = s->criteria[i].when;
        int t;
        if (program_slots(prog) & ROW_SLOTS) {
            pl->rules[pl->n_rules++] = prog;
            continue;
        }
        t = run_truth(prog, &st);
        if (t == 0)
            pl->cap = ST_INELIGIBLE;
        else if (t < 0)
            pl->cap = ST_UNKNOWN;
    }
    plan_benefit(pl, s->benefit.rate, &st);
    plan_benefit(pl, s->benefit.amount, &st);
}

/* What the plans read of a row. */
static uint64_t plans_want(const struct plan *plans, size_t n)
{
    uint64_t m = BIT(PF_AS_OF);

    for (size_t s = 0; s < n; s++) {
        for (size_t r = 0; r < plans[s].n_rules; r++)
            m |= program_slots(plans[s].rules[r]);
        for (size_t b = 0; b < plans[s].n_benefit; b++)
            m |= program_slots(plans[s].benefit[b]);
    }
    return m;
}

static enum status plan_status(const struct plan *pl, const struct facts *f)
{
    struct vm_state st = {0};
    bool unknown = pl->cap == ST_UNKNOWN;

    if (pl->cap == ST_INELIGIBLE)
        return ST_INELIGIBLE;
    st.facts = f;
    st.params = pl->params;
    st.params_unconfirmed = pl->unconfirmed;
    for (size_t i = 0; i < pl->n_rules; i++) {
        int t = run_truth(pl->rules[i], &st);
        if (t == 0)
            return ST_INELIGIBLE;
        unknown |= t < 0;
    }
    if (unknown)
        return ST_UNKNOWN;
    for (size_t b = 0; b < pl->n_benefit; b++)
        if (!runs_clean(pl->benefit[b], &st))
            return ST_UNKNOWN;
    return ST_ELIGIBLE;
}

/* --- evaluation ----------------------------------------------------------- */

struct job {
    const struct catalog *cat;
    const struct refdata *ref;
    const struct batch_columns *cols;
    const struct batch_options *o;
    const struct plan *plans;
    uint64_t want;
    size_t from, to;
    uint8_t *status;
    struct batch_counts *counts;    /* this thread's own, summed afterwards */
};

static void *run_job(void *arg)
{
    struct job *j = arg;
    struct profile p;
    struct scratch sc;
    struct facts f;

    fill_constants(j->o, &p);
    for (size_t i = j->from; i < j->to; i++) {
        struct facts_place place = {refdata_state_by_gst(j->ref, j->cols->state[i]), j->cols->district[i]};
        fill_row(j->cols, i, &p, &sc);
        facts_build_at(j->ref, &p, j->o->as_of, &place, j->want, &f);
        for (size_t s = 0; s < j->cat->n; s++) {
            enum status st = plan_status(&j->plans[s], &f);
            if (j->status != NULL)
                j->status[i * j->cat->n + s] = (uint8_t)st;
            if (st == ST_ELIGIBLE)
                j->counts[s].eligible++;
            else if (st == ST_INELIGIBLE)
                j->counts[s].ineligible++;
            else
                j->counts[s].unknown++;
        }
    }
    return NULL;
}

static int threads_for(const struct batch_options *o, size_t n)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int t = o->threads > 0 ? o->threads : (int)(cores > 0 ? cores : 1);

    if (t > MAX_THREADS)
        t = MAX_THREADS;
    return n < (size_t)t * 64 ? 1 : t;
}

int batch_evaluate(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                   const struct batch_options *o, uint8_t *status, struct batch_counts *counts,
                   struct err *e)
{
    int nt = threads_for(o, cols->n);
    struct plan *plans = mem_calloc(cat->n ? cat->n : 1, sizeof *plans);
    struct job *jobs = mem_calloc((size_t)nt, sizeof *jobs);
    struct batch_counts *partial = mem_calloc((size_t)nt * (cat->n ? cat->n : 1), sizeof *partial);
    pthread_t tid[MAX_THREADS];
    int started = 0, rc = 0;

    struct profile constant_profile;
    struct facts constant;
    struct facts_place nowhere = {NULL, NULL};
    uint64_t want;

    if (plans == NULL || jobs == NULL || partial == NULL) {
        rc = err_set(e, "out of memory");
        goto out;
    }
    fill_constants(o, &constant_profile);
    facts_build_at(ref, &constant_profile, o->as_of, &nowhere, FACTS_ALL, &constant);
    for (size_t s = 0; s < cat->n; s++)
        plan_scheme(&cat->schemes[s], &constant, o->as_of, &plans[s]);
    want = plans_want(plans, cat->n);
    for (int t = 0; t < nt; t++) {
        jobs[t] = (struct job){cat, ref, cols, o, plans, want, cols->n * (size_t)t / (size_t)nt,
                               cols->n * (size_t)(t + 1) / (size_t)nt, status, &partial[(size_t)t * cat->n]};
        if (t > 0 && pthread_create(&tid[t], NULL, run_job, &jobs[t]) != 0) {
            rc = err_set(e, "cannot start a batch thread");
            break;
        }
        started = t + 1;
    }
    if (rc == 0)
        run_job(&jobs[0]);
    for (int t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    memset(counts, 0, cat->n * sizeof *counts);
    for (int t = 0; rc == 0 && t < nt; t++) {
        for (size_t s = 0; s < cat->n; s++) {
            counts[s].eligible += partial[(size_t)t * cat->n + s].eligible;
            counts[s].ineligible += partial[(size_t)t * cat->n + s].ineligible;
            counts[s].unknown += partial[(size_t)t * cat->n + s].unknown;
        }
    }
out:
    mem_free(plans);
    mem_free(jobs);
    mem_free(partial);
    return rc;
}
