/* simulate_json.c: the simulation's JSON. Beneficiaries are expected
 * values, kept as fractions (a small store buys fractions of a national
 * budget's beneficiaries); they and the shares are rounded to 1e-6 only
 * to keep the output stable across platforms. */
#include "analytics/simulate_json.h"

#include <math.h>

#include "core/buf.h"
#include "core/date.h"
#include "rules/catalog.h"

static json_t *rupees(int64_t paise)
{
    return json_real((double)paise / 100.0);
}

static json_t *rounded(double v, double unit)
{
    return json_real(round(v / unit) * unit);
}

static json_t *side_json(const struct sim_side *s)
{
    return json_pack("{s:I,s:I,s:o,s:o,s:o,s:o}", "eligible", (json_int_t)s->eligible, "eligible_sum",
                     (json_int_t)s->eligible_sum, "beneficiaries", rounded(s->beneficiaries, 1e-6), "budget",
                     rupees(s->budget), "cost", rupees(s->cost), "unspent", rupees(s->budget - s->cost));
}

static json_t *groups_json(const struct simulation *sim)
{
    json_t *a = json_array();

    for (int g = 0; a != NULL && g < SG_COUNT; g++) {
        const struct sim_group *x = &sim->groups[g];
        json_t *o = json_pack("{s:s,s:o,s:o,s:b,s:I,s:I}", "group", scenario_group_name((enum scenario_group)g),
                              "before_share", rounded(x->before_share, 1e-6), "after_share",
                              rounded(x->after_share, 1e-6), "falls", x->falls, "eligible_before",
                              (json_int_t)sim->before.eligible_by_group[g], "eligible_after",
                              (json_int_t)sim->after.eligible_by_group[g]);
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *reservations_json(const struct sim_unit *u)
{
    json_t *a = json_array();

    for (size_t r = 0; a != NULL && r < u->n_res; r++) {
        const struct sim_reservation *x = &u->res[r];
        json_t *o = json_pack("{s:s,s:f,s:o,s:o,s:b}", "group", scenario_group_name(x->group), "share", x->share,
                              "required", rupees(x->required), "allocated", rupees(x->allocated), "honoured",
                              x->honoured);
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *unit_json(const struct simulation *sim, const struct sim_unit *u, const struct catalog *cat,
                         bool after)
{
    const struct scheme *s = catalog_find(cat, u->id);
    json_t *members = json_array(), *by_group = json_object(), *o;

    for (size_t k = 0; members != NULL && k < sim->sc->n_schemes; k++)
        if (u->members & (1u << k))
            json_array_append_new(members, json_string(sim->sc->schemes[k].id));
    for (int g = 0; by_group != NULL && g < SG_COUNT; g++)
        json_object_set_new(by_group, scenario_group_name((enum scenario_group)g), rounded(u->by_group[g], 1e-6));
    o = json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:f,s:I,s:I,s:o,s:o,s:o,s:I,s:I,s:o}", "id", u->id, "side",
                  after ? "after" : "before", "name", u->name ? u->name : s ? s->name : u->id, "name_hi",
                  u->name_hi ? u->name_hi : s ? s->name_hi : u->id, "members", members, "budget",
                  rupees(u->budget), "moved_in", rupees(u->moved_in), "moved_out", rupees(u->moved_out), "unit_benefit", rupees(u->unit_benefit), "take_up", u->take_up, "eligible",
                  (json_int_t)u->eligible, "eligible_certain", (json_int_t)u->eligible_certain, "beneficiaries",
                  rounded(u->beneficiaries, 1e-6), "beneficiaries_by_group", by_group, "cost", rupees(u->cost),
                  "fields", (json_int_t)u->fields, "documents", (json_int_t)u->documents, "reservations",
                  reservations_json(u));
    return o;
}

static json_t *units_json(const struct simulation *sim, const struct catalog *cat)
{
    json_t *a = json_array();

    for (size_t u = 0; a != NULL && u < sim->n_units; u++) {
        json_t *o = unit_json(sim, &sim->units[u], cat, u >= sim->n_before);
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *texts(const char *const *t, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; a != NULL && i < n; i++)
        if (json_array_append_new(a, json_string(t[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* The rule parameters the scenario changes, with the file's value on
 * as_of and the scenario's, as people read them. */
static json_t *rule_params_json(const struct scenario *sc, const struct catalog *cat)
{
    json_t *a = json_array();

    for (size_t i = 0; a != NULL && i < sc->n_actions; i++) {
        const struct scenario_action *x = &sc->actions[i];
        struct buf before = {0}, after = {0};
        json_t *o = NULL;
        if (x->kind != SA_RULE_PARAM)
            continue;
        if (scenario_rule_param_text(sc, x, cat, false, false, &before) == 0
            && scenario_rule_param_text(sc, x, cat, true, false, &after) == 0 && buf_putc(&before, '\0') == 0
            && buf_putc(&after, '\0') == 0)
            o = json_pack("{s:s,s:s,s:s,s:s}", "scheme", sc->schemes[x->scheme].id, "param", x->rule_param,
                          "before", before.data, "after", after.data);
        buf_release(&before);
        buf_release(&after);
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* The components moved, with the money at the store's scale. */
static json_t *components_json(const struct simulation *sim)
{
    const struct scenario *sc = sim->sc;
    json_t *a = json_array();

    for (size_t i = 0; a != NULL && i < sc->n_actions; i++) {
        const struct scenario_action *x = &sc->actions[i];
        json_t *o;
        if (x->kind != SA_MOVE)
            continue;
        o = json_pack("{s:s,s:s,s:f,s:o,s:o,s:o}", "from", sc->schemes[x->scheme].id, "into",
                      sc->schemes[x->into].id, "share", x->share, "budget",
                      rupees(llround(x->share * (double)llround((double)sc->schemes[x->scheme].budget * sim->budget_scale))),
                      "fields", texts(x->fields, x->n_fields), "documents", texts(x->documents, x->n_documents));
        if (o == NULL || json_array_append_new(a, o) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *simulate_json(const struct simulation *sim, const struct catalog *cat)
{
    const struct scenario *sc = sim->sc;
    char as_of[DATE_STR_LEN];

    date_format(sc->as_of, as_of);
    return json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:{s:I,s:I,s:I,s:I},s:o,s:o,s:o}", "scenario", sc->id,
                     "title", sc->title, "title_hi", sc->title_hi, "as_of", as_of, "sources",
                     texts(sc->sources, sc->n_sources), "assumptions", texts(sc->assumptions, sc->n_assumptions),
                     "assumptions_hi", texts(sc->assumptions_hi, sc->n_assumptions_hi),
                     "model",
                     json_pack("{s:I,s:I,s:f,s:f,s:s}", "enterprises", (json_int_t)sim->enterprises, "population",
                               (json_int_t)sc->population, "budget_scale", sim->budget_scale, "tolerance",
                               sc->tolerance, "pool", "eligible_or_unknown"),
                     "before", side_json(&sim->before), "after", side_json(&sim->after), "groups",
                     groups_json(sim), "burden", "fields_before", (json_int_t)sim->before.fields, "fields_after",
                     (json_int_t)sim->after.fields, "documents_before", (json_int_t)sim->before.documents,
                     "documents_after", (json_int_t)sim->after.documents, "rule_params", rule_params_json(sc, cat),
                     "components", components_json(sim), "schemes", units_json(sim, cat));
}
