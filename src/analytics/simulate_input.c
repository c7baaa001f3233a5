/* simulate_input.c: groups and statuses of every enterprise for a
 * scenario. Schemes asked about the same need are evaluated in one batch
 * pass over a catalogue view of just those schemes. */
#include "analytics/simulate_input.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/profile.h"

uint8_t simulate_groups_of(const struct batch_columns *c, const struct refdata *ref, size_t i, bool traditional)
{
    const struct state_info *st = refdata_state_by_gst(ref, c->state[i]);
    uint8_t m = 0;

    if (c->gender[i] >= 0 && c->gender[i] == profile_enum_index(PF_OWNER_GENDER, "female"))
        m |= 1u << SG_WOMEN;
    if (c->category[i] >= 0
        && (c->category[i] == profile_enum_index(PF_OWNER_CATEGORY, "sc")
            || c->category[i] == profile_enum_index(PF_OWNER_CATEGORY, "st")))
        m |= 1u << SG_SC_ST;
    if (st != NULL && st->ner)
        m |= 1u << SG_NER;
    if (traditional)
        m |= 1u << SG_TRADITIONAL;
    if (c->area[i] >= 0 && c->area[i] == profile_enum_index(PF_AREA, "rural"))
        m |= 1u << SG_RURAL;
    return m;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static bool same_need(const struct scenario_scheme *a, const struct scenario_scheme *b)
{
    bool pa = a->need_purpose != NULL, pb = b->need_purpose != NULL;

    return a->need_amount == b->need_amount && pa == pb && (!pa || strcmp(a->need_purpose, b->need_purpose) == 0);
}

/* Scheme k's rule parameters as the scenario sets them. */
static size_t overrides_of(const struct scenario *sc, size_t k)
{
    size_t n = 0;

    for (size_t i = 0; i < sc->n_actions; i++)
        n += sc->actions[i].kind == SA_RULE_PARAM && sc->actions[i].scheme == k;
    return n;
}

/* A copy of scheme s whose overridden parameters each hold one undated
 * value, the scenario's: params[] (SCHEME_MAX_PARAMS) and entries[] are
 * the copy's storage. Everything else (the compiled rules) is shared. */
static int override_params(const struct scenario *sc, size_t k, const struct scheme *s, struct scheme *copy,
                           struct param *params, struct param_entry *entries, struct err *e)
{
    *copy = *s;
    memcpy(params, s->scope.params, s->scope.n_params * sizeof *params);
    copy->scope.params = params;
    for (size_t i = 0; i < sc->n_actions; i++) {
        const struct scenario_action *a = &sc->actions[i];
        if (a->kind != SA_RULE_PARAM || a->scheme != k)
            continue;
        if (a->param_index < 0 || (size_t)a->param_index >= s->scope.n_params)
            return err_set(e, "%s: rule_param '%s' was not resolved against the catalogue", sc->file, a->rule_param);
        entries[a->param_index] = (struct param_entry){INT32_MIN, a->rule_value, a->rule_unit, false, NULL, NULL};
        params[a->param_index].entries = &entries[a->param_index];
        params[a->param_index].n = 1;
        params[a->param_index].dated = false;
    }
    return 0;
}

/* Storage for the after side's copies of the schemes. */
struct view_store {
    struct scheme schemes[SCENARIO_MAX_SCHEMES];
    struct param params[SCENARIO_MAX_SCHEMES][SCHEME_MAX_PARAMS];
    struct param_entry entries[SCENARIO_MAX_SCHEMES][SCHEME_MAX_PARAMS];
};

/* Evaluate the schemes that share scheme k's need (not yet done), and
 * copy their statuses into `into` (out->status, or out->status_after:
 * then only the schemes whose rule parameters the scenario sets, each
 * with them replaced). */
static int evaluate_need(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                         const struct scenario *sc, size_t k, int threads, bool *done, struct view_store *vs,
                         uint8_t *into, bool after, struct err *e)
{
    size_t cols_of[SCENARIO_MAX_SCHEMES], m = 0;
    struct catalog view = *cat;
    struct batch_options o = {sc->as_of, threads, sc->schemes[k].need_purpose, sc->schemes[k].need_amount};
    struct batch_counts counts[SCENARIO_MAX_SCHEMES];
    uint8_t *status;
    int rc = 0;

    for (size_t j = k; j < sc->n_schemes; j++) {
        const struct scheme *s;
        if (done[j] || !same_need(&sc->schemes[k], &sc->schemes[j]) || (after && overrides_of(sc, j) == 0))
            continue;
        if ((s = catalog_find(cat, sc->schemes[j].id)) == NULL)
            return err_set(e, "scheme '%s' is not in the catalogue", sc->schemes[j].id);
        if (!after)
            vs->schemes[m] = *s;
        else if (override_params(sc, j, s, &vs->schemes[m], vs->params[m], vs->entries[m], e) != 0)
            return -1;
        cols_of[m++] = j;
        done[j] = true;
    }
    if (m == 0)
        return 0;
    view.schemes = vs->schemes;
    view.n = m;
    if ((status = mem_alloc(cols->n * m + 1)) == NULL)
        return err_set(e, "out of memory");
    if (batch_evaluate(&view, ref, cols, &o, status, counts, e) != 0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < cols->n; i++)
        for (size_t s = 0; s < m; s++)
            into[i * sc->n_schemes + cols_of[s]] = status[i * m + s];
    mem_free(status);
    return rc;
}

/* Every scheme's statuses, once for the before side and, with rule
 * parameters set, again for the after side (the others copied). */
static int evaluate_all(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                        const struct scenario *sc, int threads, struct sim_input *in, struct err *e)
{
    bool done[SCENARIO_MAX_SCHEMES] = {false};
    struct view_store *vs = mem_calloc(1, sizeof *vs);
    int rc = 0;

    if (vs == NULL)
        return err_set(e, "out of memory");
    for (size_t k = 0; rc == 0 && k < sc->n_schemes; k++)
        if (!done[k])
            rc = evaluate_need(cat, ref, cols, sc, k, threads, done, vs, in->status, false, e);
    if (rc == 0 && in->status_after != NULL) {
        memcpy(in->status_after, in->status, cols->n * sc->n_schemes);
        memset(done, 0, sizeof done);
        for (size_t k = 0; rc == 0 && k < sc->n_schemes; k++)
            if (!done[k])
                rc = evaluate_need(cat, ref, cols, sc, k, threads, done, vs, in->status_after, true, e);
    }
    mem_free(vs);
    return rc;
}

int simulate_input_build(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                         const int64_t *traditional, size_t n_traditional, const struct scenario *sc,
                         int threads, struct sim_input *out, struct err *e)
{
    struct sim_input in = {cols->n, sc->n_schemes, NULL, NULL, NULL};
    bool after = scenario_has_rule_params(sc);

    if (after && !sc->resolved)
        return err_set(e, "%s: the scenario sets rule parameters but was not resolved against the catalogue", sc->file);
    in.groups = mem_alloc(cols->n + 1);
    in.status = mem_alloc(cols->n * sc->n_schemes + 1);
    if (after)
        in.status_after = mem_alloc(cols->n * sc->n_schemes + 1);
    if (in.groups == NULL || in.status == NULL || (after && in.status_after == NULL)) {
        simulate_input_release(&in);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < cols->n; i++) {
        bool trad = (n_traditional > 0
                     && bsearch(&cols->id[i], traditional, n_traditional, sizeof *traditional, cmp_id) != NULL)
                    || cols->traditional[i] == 1;
        in.groups[i] = simulate_groups_of(cols, ref, i, trad);
    }
    if (evaluate_all(cat, ref, cols, sc, threads, &in, e) != 0) {
        simulate_input_release(&in);
        return -1;
    }
    *out = in;
    return 0;
}

void simulate_input_release(struct sim_input *in)
{
    mem_free(in->groups);
    mem_free(in->status);
    mem_free(in->status_after);
    in->groups = in->status = in->status_after = NULL;
}

struct sim_population simulate_input_population(const struct sim_input *in)
{
    return (struct sim_population){in->n, in->n_schemes, in->groups, in->status, in->status_after};
}

bool simulate_known_scheme(void *catalog, const char *id)
{
    return catalog_find(catalog, id) != NULL;
}
