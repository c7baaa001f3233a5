#include "rules/batch.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/profile.h"
#include "rules/eligibility.h"
#include "rules/facts.h"

#define MAX_THREADS 64

/* --- columns -------------------------------------------------------------- */

struct batch_columns *batch_columns_new(void)
{
    struct batch_columns *c = mem_calloc(1, sizeof *c);

    if (c == NULL)
        return NULL;
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
    X(udyam_at) X(pan_at) X(nic_at) X(district_at) X(gstins_at)

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

/* The same facts enterprise_to_profile gives, without allocating. */
static void fill_profile(const struct batch_columns *c, size_t i, const struct batch_options *o,
                         struct profile *p, struct scratch *sc)
{
    memset(p, 0, sizeof *p);
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
    if (c->constitution[i] >= 0) set_int(p, PF_CONSTITUTION, c->constitution[i]);
    if (c->activity[i] >= 0) set_int(p, PF_ACTIVITY, c->activity[i]);
    if (c->area[i] >= 0) set_int(p, PF_AREA, c->area[i]);
    if (c->gender[i] >= 0) set_int(p, PF_OWNER_GENDER, c->gender[i]);
    if (c->category[i] >= 0) set_int(p, PF_OWNER_CATEGORY, c->category[i]);
    if (c->disabled[i] >= 0) set_int(p, PF_OWNER_DISABLED, c->disabled[i]);
    if (c->commenced_on[i] != DATE_UNKNOWN) {
        set_int(p, PF_COMMENCED_ON, c->commenced_on[i]);
        set_int(p, PF_STATUS, profile_enum_index(PF_STATUS, "existing"));
    }
    set_int(p, PF_INVESTMENT, c->investment[i]);
    set_int(p, PF_TURNOVER, c->turnover[i]);
    if (c->exports[i] >= 0) set_int(p, PF_EXPORTS, c->exports[i]);
    if (c->employees[i] >= 0) set_int(p, PF_EMPLOYEES, c->employees[i]);
    if (o->need_purpose != NULL) set_int(p, PF_NEED_PURPOSE, profile_enum_index(PF_NEED_PURPOSE, o->need_purpose));
    if (o->need_amount >= 0) set_int(p, PF_NEED_AMOUNT, o->need_amount);
}

/* --- evaluation ----------------------------------------------------------- */

struct resolved {
    struct value params[SCHEME_MAX_PARAMS];
    uint64_t unconfirmed;
};

struct job {
    const struct catalog *cat;
    const struct refdata *ref;
    const struct batch_columns *cols;
    const struct batch_options *o;
    const struct resolved *res;
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

    for (size_t i = j->from; i < j->to; i++) {
        fill_profile(j->cols, i, j->o, &p, &sc);
        facts_build(j->ref, &p, j->o->as_of, &f);
        for (size_t s = 0; s < j->cat->n; s++) {
            enum status st = eligibility_status(&j->cat->schemes[s], &f, j->res[s].params, j->res[s].unconfirmed);
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
    struct resolved *res = mem_calloc(cat->n ? cat->n : 1, sizeof *res);
    struct job *jobs = mem_calloc((size_t)nt, sizeof *jobs);
    struct batch_counts *partial = mem_calloc((size_t)nt * (cat->n ? cat->n : 1), sizeof *partial);
    pthread_t tid[MAX_THREADS];
    int started = 0, rc = 0;

    if (res == NULL || jobs == NULL || partial == NULL) {
        rc = err_set(e, "out of memory");
        goto out;
    }
    for (size_t s = 0; s < cat->n; s++)
        eligibility_params(&cat->schemes[s], o->as_of, res[s].params, &res[s].unconfirmed);
    for (int t = 0; t < nt; t++) {
        jobs[t] = (struct job){cat, ref, cols, o, res, cols->n * (size_t)t / (size_t)nt,
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
    mem_free(res);
    mem_free(jobs);
    mem_free(partial);
    return rc;
}
