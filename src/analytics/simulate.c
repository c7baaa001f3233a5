/* simulate.c: a scenario's schemes before and after its actions, as
 * budgets spent on pools of applicants (model in simulate.h and
 * docs/scenarios.md). Everything is counted per group cell (one of the
 * 2^5 combinations of protected groups), so overlapping groups (a rural
 * woman-owned unit) are never double counted. */
#include "analytics/simulate.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "rules/catalog.h"
#include "rules/common_form.h"
#include "rules/scheme.h"

static bool in_pool(uint8_t status)
{
    return status == ST_ELIGIBLE || status == ST_UNKNOWN;
}

/* --- allocation -------------------------------------------------------------- */

/* Take up to `k` beneficiaries from the cells of `group`
 * (any cell when group < 0), in proportion to the applicants left there. */
static double take(double avail[SIM_CELLS], double served[SIM_CELLS], int group, double k)
{
    double have = 0;

    for (unsigned c = 0; c < SIM_CELLS; c++)
        if (group < 0 || (c & (1u << group)))
            have += avail[c];
    if (k > have)
        k = have;
    if (k <= 0 || have <= 0)
        return 0;
    for (unsigned c = 0; c < SIM_CELLS; c++) {
        if (group < 0 || (c & (1u << group))) {
            double x = k * avail[c] / have;
            served[c] += x;
            avail[c] -= x;
        }
    }
    return k;
}

void simulate_allocate(const double pool[SIM_CELLS], int64_t budget, int64_t unit_benefit, double take_up,
                       struct sim_reservation *res, size_t n_res, double served[SIM_CELLS])
{
    double avail[SIM_CELLS], money = (double)budget, unit = (double)unit_benefit;

    for (unsigned c = 0; c < SIM_CELLS; c++) {
        avail[c] = pool[c] * take_up;
        served[c] = 0;
    }
    for (size_t r = 0; r < n_res; r++) {
        double want = res[r].share * (double)budget;
        double k = unit > 0 ? take(avail, served, (int)res[r].group, want / unit) : 0;
        res[r].required = llround(want);
        res[r].allocated = llround(k * unit);
        /* Honoured when the group's applicants absorbed the whole share
         * (to the paisa); otherwise the group had too few of them. */
        res[r].honoured = res[r].allocated >= res[r].required;
        money -= k * unit;
    }
    if (unit > 0 && money > 0)
        take(avail, served, -1, money / unit);
}

/* --- pools ------------------------------------------------------------------- */

/* Is enterprise i in unit u's pool? (in any member's, narrowed) */
static bool unit_has(const struct sim_unit *u, const struct sim_population *pop, const uint8_t *status, size_t i)
{
    for (size_t k = 0; k < pop->n_schemes; k++) {
        if (!(u->members & (1u << k)) || !in_pool(status[i * pop->n_schemes + k]))
            continue;
        if ((pop->groups[i] & u->narrow[k]) == u->narrow[k])
            return true;
    }
    return false;
}

static bool unit_certain(const struct sim_unit *u, const struct sim_population *pop, const uint8_t *status,
                         size_t i)
{
    for (size_t k = 0; k < pop->n_schemes; k++)
        if ((u->members & (1u << k)) && status[i * pop->n_schemes + k] == ST_ELIGIBLE
            && (pop->groups[i] & u->narrow[k]) == u->narrow[k])
            return true;
    return false;
}

/* Count each unit's pool per cell; the side's distinct eligible. `status`
 * is the side's (the after side's differs when rule parameters change). */
static void count_pools(struct sim_unit *units, size_t n_units, const struct sim_population *pop,
                        const uint8_t *status, double (*cells)[SIM_CELLS], struct sim_side *side)
{
    for (size_t i = 0; i < pop->n; i++) {
        bool any = false;
        for (size_t u = 0; u < n_units; u++) {
            if (!unit_has(&units[u], pop, status, i))
                continue;
            any = true;
            units[u].eligible++;
            units[u].eligible_certain += unit_certain(&units[u], pop, status, i);
            cells[u][pop->groups[i] & (SIM_CELLS - 1)] += 1;
            for (int g = 0; g < SG_COUNT; g++)
                units[u].eligible_by_group[g] += (pop->groups[i] >> g) & 1u;
        }
        if (any) {
            side->eligible++;
            for (int g = 0; g < SG_COUNT; g++)
                side->eligible_by_group[g] += (pop->groups[i] >> g) & 1u;
        }
    }
}

/* Spend each unit's budget and add the units into the side. */
static void spend(struct sim_unit *units, size_t n_units, double (*cells)[SIM_CELLS], struct sim_side *side)
{
    for (size_t u = 0; u < n_units; u++) {
        struct sim_unit *x = &units[u];
        double served[SIM_CELLS];
        simulate_allocate(cells[u], x->budget, x->unit_benefit, x->take_up, x->res, x->n_res, served);
        for (unsigned c = 0; c < SIM_CELLS; c++) {
            x->beneficiaries += served[c];
            for (int g = 0; g < SG_COUNT; g++)
                if (c & (1u << g))
                    x->by_group[g] += served[c];
        }
        x->cost = llround(x->beneficiaries * (double)x->unit_benefit);
        side->eligible_sum += x->eligible;
        side->beneficiaries += x->beneficiaries;
        side->budget += x->budget;
        side->cost += x->cost;
        for (int g = 0; g < SG_COUNT; g++)
            side->by_group[g] += x->by_group[g];
    }
}

/* --- the scenario's units ----------------------------------------------------- */

static int64_t scaled(int64_t paise, double scale)
{
    return llround((double)paise * scale);
}

static void unit_of_scheme(const struct scenario *sc, size_t k, double scale, struct sim_unit *u)
{
    memset(u, 0, sizeof *u);
    u->id = sc->schemes[k].id;
    u->members = 1u << k;
    u->budget = scaled(sc->schemes[k].budget, scale);
    u->unit_benefit = sc->schemes[k].unit_benefit;
    u->take_up = sc->schemes[k].take_up;
}

/* The after-unit holding scheme k. */
static struct sim_unit *holder(struct sim_unit *units, size_t n, size_t k)
{
    for (size_t u = 0; u < n; u++)
        if (units[u].members & (1u << k))
            return &units[u];
    return NULL;
}

/* Merge units `from` into `into`: budgets add; the benefit and take-up
 * are derived from the members later (derive_means). A unit merged away
 * is replaced by the last one, so units stay contiguous. */
static void merge_units(struct sim_unit *units, size_t *n, const struct scenario_action *a)
{
    struct sim_unit *into = holder(units, *n, a->scheme);

    if (a->name != NULL) {
        into->name = a->name;
        into->name_hi = a->name_hi;
    }
    into->derive_benefit = into->derive_take_up = true;
    for (size_t k = 0; k < SCENARIO_MAX_SCHEMES; k++) {
        struct sim_unit *from;
        if (!(a->from & (1u << k)) || (from = holder(units, *n, k)) == NULL || from == into)
            continue;
        into->members |= from->members;
        into->budget += from->budget;
        into->moved_in += from->moved_in;
        into->moved_out += from->moved_out;
        for (size_t m = 0; m < SCENARIO_MAX_SCHEMES; m++)
            into->narrow[m] |= from->narrow[m];
        for (size_t r = 0; r < from->n_res && into->n_res < SG_COUNT; r++)
            into->res[into->n_res++] = from->res[r];
        *from = units[--*n];
        if (into == &units[*n])      /* `into` was the last one, now moved */
            into = from;
    }
}

static void apply_set(struct sim_unit *u, const struct scenario_action *a, double scale)
{
    if (a->param == SP_BUDGET)
        u->budget = scaled(llround(a->value * 100.0), scale);
    else if (a->param == SP_UNIT_BENEFIT) {
        u->unit_benefit = llround(a->value * 100.0);
        u->derive_benefit = false;
    } else {
        u->take_up = a->value;
        u->derive_take_up = false;
    }
}

/* A component moves a share of its scheme's own (file) budget from the
 * unit holding it to the unit holding the target (never more than the
 * holder has left, should a `set` have cut it). Rule parameters change
 * the after side's statuses (simulate_input.c), not the units. */
static void move_component(struct sim_unit *units, size_t n, const struct scenario *sc,
                           const struct scenario_action *a, double scale)
{
    struct sim_unit *from = holder(units, n, a->scheme), *into = holder(units, n, a->into);
    int64_t amount = llround(a->share * (double)scaled(sc->schemes[a->scheme].budget, scale));

    if (from == NULL || into == NULL || from == into)
        return;
    if (amount > from->budget)
        amount = from->budget > 0 ? from->budget : 0;
    from->budget -= amount;
    from->moved_out += amount;
    into->budget += amount;
    into->moved_in += amount;
}

/* Apply the actions in order to one unit per scheme. */
static void build_after(const struct scenario *sc, double scale, struct sim_unit *units, size_t *n)
{
    for (size_t k = 0; k < sc->n_schemes; k++)
        unit_of_scheme(sc, k, scale, &units[k]);
    *n = sc->n_schemes;
    for (size_t i = 0; i < sc->n_actions; i++) {
        const struct scenario_action *a = &sc->actions[i];
        struct sim_unit *u = holder(units, *n, a->scheme);
        if (a->kind == SA_MERGE)
            merge_units(units, n, a);
        else if (a->kind == SA_NARROW)
            u->narrow[a->scheme] |= (uint8_t)(1u << a->group);
        else if (a->kind == SA_RESERVE && u->n_res < SG_COUNT)
            u->res[u->n_res++] = (struct sim_reservation){a->group, a->share, 0, 0, false};
        else if (a->kind == SA_SET)
            apply_set(u, a, scale);
        else if (a->kind == SA_MOVE)
            move_component(units, *n, sc, a, scale);
    }
}

/* A merged unit's benefit per beneficiary: what its members paid per
 * beneficiary before, with their budgets spent in full (total budget ÷
 * beneficiaries the budgets bought), so merging alone neither cheapens nor
 * dearens a beneficiary. Its take-up: the members' own, weighted by the
 * size of each member's pool on the after side (`status`). */
static void derive_means(const struct scenario *sc, const struct sim_population *pop, const uint8_t *status,
                         struct sim_unit *u, bool unit, bool take_up)
{
    double w_sum = 0, rate = 0, budget = 0, bought = 0;

    for (size_t k = 0; k < sc->n_schemes; k++) {
        double w = 0;
        if (!(u->members & (1u << k)))
            continue;
        budget += (double)sc->schemes[k].budget;
        bought += (double)sc->schemes[k].budget / (double)sc->schemes[k].unit_benefit;
        for (size_t i = 0; i < pop->n; i++)
            w += in_pool(status[i * pop->n_schemes + k]);
        w += 1e-9;  /* members with empty pools weigh equally among themselves */
        w_sum += w;
        rate += w * sc->schemes[k].take_up;
    }
    if (unit && bought > 0)   /* all budgets zero: the target's own benefit stays */
        u->unit_benefit = llround(budget / bought);
    if (take_up)
        u->take_up = rate / w_sum;
}

static void shares(const struct scenario *sc, struct simulation *sim)
{
    for (int g = 0; g < SG_COUNT; g++) {
        struct sim_group *x = &sim->groups[g];
        x->before_share = sim->before.beneficiaries > 0 ? sim->before.by_group[g] / sim->before.beneficiaries : 0;
        x->after_share = sim->after.beneficiaries > 0 ? sim->after.by_group[g] / sim->after.beneficiaries : 0;
        x->falls = x->after_share < x->before_share - sc->tolerance;
    }
}

int simulate_run(const struct scenario *sc, const struct sim_population *pop, struct simulation *out,
                 struct err *e)
{
    double cells[SIM_MAX_UNITS][SIM_CELLS];
    struct simulation sim;
    struct sim_unit *after;
    size_t n_after;

    if (pop->n_schemes != sc->n_schemes)
        return err_set(e, "simulate: %zu statuses per enterprise for %zu schemes", pop->n_schemes, sc->n_schemes);
    memset(&sim, 0, sizeof sim);
    memset(cells, 0, sizeof cells);
    sim.sc = sc;
    sim.enterprises = pop->n;
    sim.budget_scale = sc->population > 0 ? (double)pop->n / (double)sc->population : 1.0;
    for (size_t k = 0; k < sc->n_schemes; k++)
        unit_of_scheme(sc, k, sim.budget_scale, &sim.units[k]);
    sim.n_before = sc->n_schemes;
    after = &sim.units[sim.n_before];
    build_after(sc, sim.budget_scale, after, &n_after);
    for (size_t u = 0; u < n_after; u++)
        if (after[u].derive_benefit || after[u].derive_take_up)
            derive_means(sc, pop, pop->status_after ? pop->status_after : pop->status, &after[u],
                         after[u].derive_benefit, after[u].derive_take_up);
    sim.n_units = sim.n_before + n_after;
    count_pools(sim.units, sim.n_before, pop, pop->status, cells, &sim.before);
    count_pools(after, n_after, pop, pop->status_after ? pop->status_after : pop->status, cells + sim.n_before,
                &sim.after);
    spend(sim.units, sim.n_before, cells, &sim.before);
    spend(after, n_after, cells + sim.n_before, &sim.after);
    shares(sc, &sim);
    *out = sim;
    return 0;
}

/* --- burden -------------------------------------------------------------------- */

/* Copies of the schemes whose form a moved component leaves. */
struct form_copies {
    struct scheme schemes[SCENARIO_MAX_SCHEMES];
    const char *fields[SCENARIO_MAX_SCHEMES][COMMON_FORM_MAX_ITEMS];
    const char *documents[SCENARIO_MAX_SCHEMES][COMMON_FORM_MAX_ITEMS];
};

static bool moved_away(const struct scenario *sc, size_t k, bool document, const char *id)
{
    for (size_t i = 0; i < sc->n_actions; i++) {
        const struct scenario_action *a = &sc->actions[i];
        const char *const *list = document ? a->documents : a->fields;
        size_t n = document ? a->n_documents : a->n_fields;
        if (a->kind != SA_MOVE || a->scheme != k)
            continue;
        for (size_t j = 0; j < n; j++)
            if (strcmp(list[j], id) == 0)
                return true;
    }
    return false;
}

/* Scheme k's form on the after side: without what its moved components
 * took (their applicants now fill in the target's form). */
static const struct scheme *after_form(const struct scenario *sc, size_t k, const struct scheme *s,
                                       struct form_copies *fc)
{
    struct scheme *c = &fc->schemes[k];
    size_t nf = 0, nd = 0;

    *c = *s;
    for (size_t i = 0; i < s->n_fields && nf < COMMON_FORM_MAX_ITEMS; i++)
        if (!moved_away(sc, k, false, s->fields[i]))
            fc->fields[k][nf++] = s->fields[i];
    for (size_t i = 0; i < s->n_documents && nd < COMMON_FORM_MAX_ITEMS; i++)
        if (!moved_away(sc, k, true, s->documents[i]))
            fc->documents[k][nd++] = s->documents[i];
    c->fields = fc->fields[k];
    c->n_fields = nf;
    c->documents = fc->documents[k];
    c->n_documents = nd;
    return c;
}

int simulate_burden(const struct catalog *cat, struct simulation *sim, struct err *e)
{
    const struct scenario *sc = sim->sc;
    struct form_copies *fc = mem_alloc(sizeof *fc);
    int rc = 0;

    if (fc == NULL)
        return err_set(e, "out of memory");
    sim->before.fields = sim->before.documents = sim->after.fields = sim->after.documents = 0;
    for (size_t u = 0; rc == 0 && u < sim->n_units; u++) {
        struct sim_unit *x = &sim->units[u];
        bool before = u < sim->n_before;
        struct sim_side *side = before ? &sim->before : &sim->after;
        const struct scheme *members[SCENARIO_MAX_SCHEMES], *s;
        struct common_form form;
        size_t n = 0;
        for (size_t k = 0; k < sc->n_schemes; k++)
            if (x->members & (1u << k) && (s = catalog_find(cat, sc->schemes[k].id)) != NULL)
                members[n++] = before ? s : after_form(sc, k, s, fc);
        if ((rc = common_form_build(&cat->vocab, members, n, &form, e)) != 0)
            break;
        x->fields = form.n_fields;
        x->documents = form.n_documents;
        side->fields += x->fields;
        side->documents += x->documents;
    }
    mem_free(fc);
    return rc;
}
