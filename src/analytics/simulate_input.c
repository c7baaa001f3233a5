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

/* Evaluate the schemes that share scheme k's need (not yet done), and
 * copy their statuses into out->status. */
static int evaluate_need(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                         const struct scenario *sc, size_t k, int threads, bool *done, struct sim_input *out,
                         struct err *e)
{
    struct scheme view_schemes[SCENARIO_MAX_SCHEMES];
    size_t cols_of[SCENARIO_MAX_SCHEMES], m = 0;
    struct catalog view = *cat;
    struct batch_options o = {sc->as_of, threads, sc->schemes[k].need_purpose, sc->schemes[k].need_amount};
    struct batch_counts counts[SCENARIO_MAX_SCHEMES];
    uint8_t *status;
    int rc = 0;

    for (size_t j = k; j < sc->n_schemes; j++) {
        const struct scheme *s;
        if (done[j] || !same_need(&sc->schemes[k], &sc->schemes[j]))
            continue;
        if ((s = catalog_find(cat, sc->schemes[j].id)) == NULL)
            return err_set(e, "scheme '%s' is not in the catalogue", sc->schemes[j].id);
        view_schemes[m] = *s;
        cols_of[m++] = j;
        done[j] = true;
    }
    view.schemes = view_schemes;
    view.n = m;
    if ((status = mem_alloc(cols->n * m + 1)) == NULL)
        return err_set(e, "out of memory");
    if (batch_evaluate(&view, ref, cols, &o, status, counts, e) != 0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < cols->n; i++)
        for (size_t s = 0; s < m; s++)
            out->status[i * sc->n_schemes + cols_of[s]] = status[i * m + s];
    mem_free(status);
    return rc;
}

int simulate_input_build(const struct catalog *cat, const struct refdata *ref, const struct batch_columns *cols,
                         const int64_t *traditional, size_t n_traditional, const struct scenario *sc,
                         int threads, struct sim_input *out, struct err *e)
{
    struct sim_input in = {cols->n, sc->n_schemes, NULL, NULL};
    bool done[SCENARIO_MAX_SCHEMES] = {false};

    in.groups = mem_alloc(cols->n + 1);
    in.status = mem_alloc(cols->n * sc->n_schemes + 1);
    if (in.groups == NULL || in.status == NULL) {
        simulate_input_release(&in);
        return err_set(e, "out of memory");
    }
    for (size_t i = 0; i < cols->n; i++) {
        bool trad = n_traditional > 0
                    && bsearch(&cols->id[i], traditional, n_traditional, sizeof *traditional, cmp_id) != NULL;
        in.groups[i] = simulate_groups_of(cols, ref, i, trad);
    }
    for (size_t k = 0; k < sc->n_schemes; k++) {
        if (!done[k] && evaluate_need(cat, ref, cols, sc, k, threads, done, &in, e) != 0) {
            simulate_input_release(&in);
            return -1;
        }
    }
    *out = in;
    return 0;
}

void simulate_input_release(struct sim_input *in)
{
    mem_free(in->groups);
    mem_free(in->status);
    in->groups = in->status = NULL;
}

struct sim_population simulate_input_population(const struct sim_input *in)
{
    return (struct sim_population){in->n, in->n_schemes, in->groups, in->status};
}

bool simulate_known_scheme(void *catalog, const char *id)
{
    return catalog_find(catalog, id) != NULL;
}
