/* scenario.c: scenarios/<id>.yaml into a struct scenario, through the
 * rule loader's YAML tree (rules/yaml_tree.c), so positions and duplicate
 * keys are handled as in scheme files. Every key is checked. */
#include "analytics/scenario.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/profile.h"
#include "core/buf.h"
#include "rules/catalog.h"
#include "rules/render.h"
#include "rules/scheme.h"
#include "rules/yaml_tree.h"

static const char *const group_names[SG_COUNT] = {"women", "sc_st", "ner", "traditional", "rural"};

const char *scenario_group_name(enum scenario_group g)
{
    return (unsigned)g < SG_COUNT ? group_names[g] : "?";
}

int scenario_group_parse(const char *name)
{
    for (int g = 0; g < SG_COUNT; g++)
        if (strcmp(group_names[g], name) == 0)
            return g;
    return -1;
}

int scenario_scheme_index(const struct scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_schemes; i++)
        if (strcmp(sc->schemes[i].id, id) == 0)
            return (int)i;
    return -1;
}

struct sp {
    struct arena *a;
    const char *file;
    scenario_known_fn known;
    void *known_ctx;
    struct scenario *sc;
    struct err *e;
};

static int fail(struct sp *p, const struct ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct sp *p, const struct ynode *n, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = ynode_vfail(p->e, p->file, n, fmt, ap);
    va_end(ap);
    return rc;
}

/* --- values --------------------------------------------------------------- */

static int only_keys(struct sp *p, const struct ynode *map, const char *const *allowed)
{
    return ymap_only_keys(p->e, p->file, map, allowed);
}

static int want_map(struct sp *p, const struct ynode *n, const char *what)
{
    return n->kind == Y_MAP ? 0 : fail(p, n, "%s must be a mapping", what);
}

static const struct ynode *need_key(struct sp *p, const struct ynode *map, const char *key)
{
    const struct ynode *v = ymap_get(map, key);

    if (v == NULL)
        fail(p, map, "missing key '%s'", key);
    return v;
}

static int text_of(struct sp *p, const struct ynode *n, const char *what, const char **out)
{
    if (n->kind != Y_SCALAR || yscalar_is_null(n) || n->len == 0)
        return fail(p, n, "%s must be text", what);
    *out = n->text;
    return 0;
}

static int required_text(struct sp *p, const struct ynode *map, const char *key, const char **out)
{
    const struct ynode *v = need_key(p, map, key);
    return v == NULL ? -1 : text_of(p, v, key, out);
}

static int optional_text(struct sp *p, const struct ynode *map, const char *key, const char **out)
{
    const struct ynode *v = ymap_get(map, key);

    *out = NULL;
    return v == NULL ? 0 : text_of(p, v, key, out);
}

/* A plain decimal number (no YAML oddities such as .inf or 0x10). */
static int number_of(struct sp *p, const struct ynode *n, const char *what, double lo, double hi, double *out)
{
    char *end;
    double v;

    if (n->kind != Y_SCALAR || !n->plain || n->len == 0 || n->len > 32
        || strspn(n->text, "0123456789.-+eE") != n->len)
        return fail(p, n, "%s must be a number", what);
    v = strtod(n->text, &end);
    if (*end || !isfinite(v))
        return fail(p, n, "%s must be a number", what);
    if (v < lo || v > hi)
        return fail(p, n, "%s must be from %g to %g", what, lo, hi);
    *out = v;
    return 0;
}

/* Rupees (a plain number, up to 2 decimals) to paise, at least zero. */
static int rupees_of(struct sp *p, const struct ynode *n, const char *what, int64_t *out)
{
    struct err inner;

    if (n->kind != Y_SCALAR || !n->plain || money_parse(n->text, n->len, false, out, &inner) != 0)
        return fail(p, n, "%s must be an amount in rupees", what);
    return 0;
}

static int scheme_id_of(struct sp *p, const struct ynode *n, size_t *index)
{
    const char *id = NULL;
    int i;

    if (text_of(p, n, "scheme", &id) != 0)
        return -1;
    i = scenario_scheme_index(p->sc, id);
    if (i < 0)
        return fail(p, n, "scheme '%s' is not in this scenario's budget", id);
    *index = (size_t)i;
    return 0;
}

static int group_of(struct sp *p, const struct ynode *n, enum scenario_group *out)
{
    const char *name = NULL;
    int g;

    if (text_of(p, n, "group", &name) != 0)
        return -1;
    g = scenario_group_parse(name);
    if (g < 0)
        return fail(p, n, "unknown group '%s' (women, sc_st, ner, traditional, rural)", name);
    *out = (enum scenario_group)g;
    return 0;
}

static int text_list(struct sp *p, const struct ynode *n, const char *what, const char **out, size_t *count)
{
    if (n->kind != Y_SEQ)
        return fail(p, n, "%s must be a list", what);
    if (n->n > SCENARIO_MAX_TEXTS)
        return fail(p, n, "%s: at most %d items", what, SCENARIO_MAX_TEXTS);
    for (size_t i = 0; i < n->n; i++)
        if (text_of(p, n->items[i], what, &out[i]) != 0)
            return -1;
    *count = n->n;
    return 0;
}

/* --- schemes: budget, unit_benefit, need, take_up --------------------------- */

static int parse_budget(struct sp *p, const struct ynode *map)
{
    if (want_map(p, map, "budget") != 0)
        return -1;
    if (map->n == 0 || map->n > SCENARIO_MAX_SCHEMES)
        return fail(p, map, "budget must name 1 to %d schemes", SCENARIO_MAX_SCHEMES);
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *k = ymap_key(map, i);
        struct scenario_scheme *s = &p->sc->schemes[i];
        if (!p->known(p->known_ctx, k->text))
            return fail(p, k, "unknown scheme '%s'", k->text);
        s->id = k->text;
        s->need_amount = -1;
        s->take_up = 1.0;
        if (rupees_of(p, ymap_value(map, i), "budget", &s->budget) != 0)
            return -1;
        p->sc->n_schemes++;
    }
    return 0;
}

/* A mapping scheme → something, every scheme one of the budget's. */
static int each_scheme(struct sp *p, const struct ynode *map, const char *what,
                       int (*one)(struct sp *, const struct ynode *, struct scenario_scheme *))
{
    if (want_map(p, map, what) != 0)
        return -1;
    for (size_t i = 0; i < map->n; i++) {
        size_t s;
        if (scheme_id_of(p, ymap_key(map, i), &s) != 0 || one(p, ymap_value(map, i), &p->sc->schemes[s]) != 0)
            return -1;
    }
    return 0;
}

static int one_unit(struct sp *p, const struct ynode *v, struct scenario_scheme *s)
{
    if (rupees_of(p, v, "unit_benefit", &s->unit_benefit) != 0)
        return -1;
    return s->unit_benefit > 0 ? 0 : fail(p, v, "unit_benefit must be more than zero");
}

static int one_take_up(struct sp *p, const struct ynode *v, struct scenario_scheme *s)
{
    if (number_of(p, v, "take_up", 0, 1, &s->take_up) != 0)
        return -1;
    return s->take_up > 0 ? 0 : fail(p, v, "take_up must be more than zero");
}

static int one_need(struct sp *p, const struct ynode *v, struct scenario_scheme *s)
{
    static const char *const keys[] = {"purpose", "amount", NULL};
    const struct ynode *amount;

    if (want_map(p, v, "need") != 0 || only_keys(p, v, keys) != 0
        || optional_text(p, v, "purpose", &s->need_purpose) != 0)
        return -1;
    if (s->need_purpose != NULL && profile_enum_index(PF_NEED_PURPOSE, s->need_purpose) < 0)
        return fail(p, ymap_get(v, "purpose"), "unknown need purpose '%s'", s->need_purpose);
    amount = ymap_get(v, "amount");
    return amount == NULL ? 0 : rupees_of(p, amount, "need amount", &s->need_amount);
}

/* --- actions ---------------------------------------------------------------- */

static int parse_merge(struct sp *p, const struct ynode *v, struct scenario_action *a, uint32_t *merged)
{
    static const char *const keys[] = {"into", "from", "name", "name_hi", NULL};
    const struct ynode *into = need_key(p, v, "into"), *from;

    if (into == NULL || only_keys(p, v, keys) != 0 || scheme_id_of(p, into, &a->scheme) != 0
        || optional_text(p, v, "name", &a->name) != 0 || optional_text(p, v, "name_hi", &a->name_hi) != 0)
        return -1;
    if (*merged & (1u << a->scheme))
        return fail(p, into, "scheme '%s' was already merged into another", p->sc->schemes[a->scheme].id);
    if ((from = need_key(p, v, "from")) == NULL)
        return -1;
    if (from->kind != Y_SEQ || from->n == 0)
        return fail(p, from, "from must be a list of schemes");
    for (size_t i = 0; i < from->n; i++) {
        size_t s;
        if (scheme_id_of(p, from->items[i], &s) != 0)
            return -1;
        if (s == a->scheme)
            return fail(p, from->items[i], "a scheme cannot merge into itself");
        if ((*merged | a->from) & (1u << s))
            return fail(p, from->items[i], "scheme '%s' is merged twice", p->sc->schemes[s].id);
        a->from |= 1u << s;
    }
    *merged |= a->from;
    return 0;
}

static int parse_reserve(struct sp *p, const struct ynode *v, struct scenario_action *a)
{
    static const char *const keys[] = {"scheme", "group", "share", NULL};
    const struct ynode *scheme = need_key(p, v, "scheme"), *group, *share;

    if (scheme == NULL || (group = need_key(p, v, "group")) == NULL || (share = need_key(p, v, "share")) == NULL)
        return -1;
    return only_keys(p, v, keys) || scheme_id_of(p, scheme, &a->scheme) || group_of(p, group, &a->group)
           || number_of(p, share, "share", 0, 1, &a->share) ? -1 : 0;
}

static int parse_narrow(struct sp *p, const struct ynode *v, struct scenario_action *a)
{
    static const char *const keys[] = {"scheme", "group", NULL};
    const struct ynode *scheme = need_key(p, v, "scheme"), *group;

    if (scheme == NULL || (group = need_key(p, v, "group")) == NULL)
        return -1;
    return only_keys(p, v, keys) || scheme_id_of(p, scheme, &a->scheme) || group_of(p, group, &a->group) ? -1 : 0;
}

/* `set: {scheme, rule_param, value}`: the value stays as written until
 * scenario_resolve reads it against the scheme's own parameter. */
static int parse_rule_param(struct sp *p, const struct ynode *v, struct scenario_action *a)
{
    static const char *const keys[] = {"scheme", "rule_param", "value", NULL};
    const struct ynode *value = need_key(p, v, "value");

    if (value == NULL || only_keys(p, v, keys) || scheme_id_of(p, ymap_get(v, "scheme"), &a->scheme)
        || text_of(p, ymap_get(v, "rule_param"), "rule_param", &a->rule_param))
        return -1;
    if (value->kind != Y_SCALAR || yscalar_is_null(value) || value->len == 0)
        return fail(p, value, "value must be a parameter value such as 25 lakh, 25%% or 500");
    for (size_t i = 0; i < p->sc->n_actions; i++) {
        const struct scenario_action *b = &p->sc->actions[i];
        if (b->kind == SA_RULE_PARAM && b->scheme == a->scheme && strcmp(b->rule_param, a->rule_param) == 0)
            return fail(p, ymap_get(v, "rule_param"), "rule_param '%s' of '%s' is set twice", a->rule_param,
                        p->sc->schemes[a->scheme].id);
    }
    a->kind = SA_RULE_PARAM;
    a->param_node = ymap_get(v, "rule_param");
    a->value_node = value;
    a->value_text = value->text;
    a->param_index = -1;
    return 0;
}

static int parse_set(struct sp *p, const struct ynode *v, struct scenario_action *a)
{
    static const char *const keys[] = {"scheme", "param", "value", NULL};
    const struct ynode *scheme = need_key(p, v, "scheme"), *param, *value;
    const char *name = NULL;

    if (scheme == NULL)
        return -1;
    if (ymap_get(v, "rule_param") != NULL) {
        if (ymap_get(v, "param") != NULL)
            return fail(p, ymap_get(v, "param"), "set takes param (the model's) or rule_param (the rules'), not both");
        return parse_rule_param(p, v, a);
    }
    if ((param = need_key(p, v, "param")) == NULL || (value = need_key(p, v, "value")) == NULL)
        return -1;
    if (only_keys(p, v, keys) || scheme_id_of(p, scheme, &a->scheme) || text_of(p, param, "param", &name))
        return -1;
    if (strcmp(name, "budget") == 0 || strcmp(name, "unit_benefit") == 0) {
        int64_t paise;
        a->param = name[0] == 'b' ? SP_BUDGET : SP_UNIT_BENEFIT;
        if (rupees_of(p, value, name, &paise) != 0)
            return -1;
        if (a->param == SP_UNIT_BENEFIT && paise <= 0)
            return fail(p, value, "unit_benefit must be more than zero");
        a->value = (double)paise / 100.0;
        return 0;
    }
    if (strcmp(name, "take_up") == 0) {
        a->param = SP_TAKE_UP;
        if (number_of(p, value, "take_up", 0, 1, &a->value) != 0)
            return -1;
        return a->value > 0 ? 0 : fail(p, value, "take_up must be more than zero");
    }
    return fail(p, param, "unknown param '%s' (budget, unit_benefit, take_up; or rule_param for the rules')", name);
}

/* A list of form ids (fields or documents), each once. */
static int form_list(struct sp *p, const struct ynode *n, const char *what, const char **out, size_t *count)
{
    if (n->kind != Y_SEQ)
        return fail(p, n, "%s must be a list", what);
    if (n->n > SCENARIO_MAX_FORM)
        return fail(p, n, "%s: at most %d items", what, SCENARIO_MAX_FORM);
    for (size_t i = 0; i < n->n; i++) {
        if (text_of(p, n->items[i], what, &out[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(out[j], out[i]) == 0)
                return fail(p, n->items[i], "%s: '%s' is listed twice", what, out[i]);
    }
    *count = n->n;
    return 0;
}

/* `move_component: {from, into, share, fields, documents}`. The two
 * schemes must still be apart when it applies (held_by: the scheme now
 * holding each one, after the merges so far). */
static int parse_move(struct sp *p, const struct ynode *v, struct scenario_action *a, const size_t *held_by)
{
    static const char *const keys[] = {"from", "into", "share", "fields", "documents", NULL};
    const struct ynode *from = need_key(p, v, "from"), *into, *share, *list;

    if (from == NULL || (into = need_key(p, v, "into")) == NULL || (share = need_key(p, v, "share")) == NULL)
        return -1;
    if (only_keys(p, v, keys) || scheme_id_of(p, from, &a->scheme) || scheme_id_of(p, into, &a->into)
        || number_of(p, share, "share", 0, 1, &a->share))
        return -1;
    if (a->share <= 0)
        return fail(p, share, "share must be more than zero (a component takes part of the budget)");
    if (held_by[a->scheme] == held_by[a->into])
        return fail(p, into, "'%s' and '%s' are one scheme here: nothing to move between them",
                    p->sc->schemes[a->scheme].id, p->sc->schemes[a->into].id);
    if ((list = ymap_get(v, "fields")) != NULL) {
        if (form_list(p, list, "fields", a->fields, &a->n_fields) != 0)
            return -1;
        a->fields_node = list;
    }
    if ((list = ymap_get(v, "documents")) != NULL) {
        if (form_list(p, list, "documents", a->documents, &a->n_documents) != 0)
            return -1;
        a->documents_node = list;
    }
    return 0;
}

static int parse_action(struct sp *p, const struct ynode *item, uint32_t *merged, size_t *held_by)
{
    struct scenario_action *a = &p->sc->actions[p->sc->n_actions];
    const char *verb;
    const struct ynode *v;
    int rc;

    if (item->kind != Y_MAP || item->n != 1)
        return fail(p, item, "an action is a mapping with one key: merge, reserve, narrow, set or move_component");
    verb = ymap_key(item, 0)->text;
    v = ymap_value(item, 0);
    if (want_map(p, v, verb) != 0)
        return -1;
    memset(a, 0, sizeof *a);
    a->line = item->line;
    a->col = item->col;
    if (strcmp(verb, "merge") == 0) {
        a->kind = SA_MERGE;
        if ((rc = parse_merge(p, v, a, merged)) == 0)
            for (size_t k = 0; k < p->sc->n_schemes; k++)
                if (a->from & (1u << held_by[k]))
                    held_by[k] = held_by[a->scheme];
    }
    else if (strcmp(verb, "reserve") == 0)
        a->kind = SA_RESERVE, rc = parse_reserve(p, v, a);
    else if (strcmp(verb, "narrow") == 0)
        a->kind = SA_NARROW, rc = parse_narrow(p, v, a);
    else if (strcmp(verb, "set") == 0)
        a->kind = SA_SET, rc = parse_set(p, v, a);
    else if (strcmp(verb, "move_component") == 0)
        a->kind = SA_MOVE, rc = parse_move(p, v, a, held_by);
    else
        return fail(p, ymap_key(item, 0), "unknown action '%s' (merge, reserve, narrow, set, move_component)", verb);
    if (rc == 0)
        p->sc->n_actions++;
    return rc;
}

/* Reservations on one scheme may not promise more than its whole budget,
 * nor may the components moved out of one scheme take more than it has. */
static int check_reservations(struct sp *p, const struct ynode *list)
{
    for (size_t s = 0; s < p->sc->n_schemes; s++) {
        double total = 0, moved = 0;
        for (size_t i = 0; i < p->sc->n_actions; i++) {
            const struct scenario_action *a = &p->sc->actions[i];
            if (a->kind == SA_RESERVE && a->scheme == s && (total += a->share) > 1.0 + 1e-9)
                return fail(p, list->items[i], "reservations on '%s' add up to more than the whole budget",
                            p->sc->schemes[s].id);
            if (a->kind == SA_MOVE && a->scheme == s && (moved += a->share) > 1.0 + 1e-9)
                return fail(p, list->items[i], "components moved out of '%s' take more than its whole budget",
                            p->sc->schemes[s].id);
        }
    }
    return 0;
}

static int parse_actions(struct sp *p, const struct ynode *list)
{
    uint32_t merged = 0;
    size_t held_by[SCENARIO_MAX_SCHEMES];

    for (size_t k = 0; k < SCENARIO_MAX_SCHEMES; k++)
        held_by[k] = k;
    if (list->kind != Y_SEQ)
        return fail(p, list, "actions must be a list");
    if (list->n > SCENARIO_MAX_ACTIONS)
        return fail(p, list, "at most %d actions", SCENARIO_MAX_ACTIONS);
    for (size_t i = 0; i < list->n; i++)
        if (parse_action(p, list->items[i], &merged, held_by) != 0)
            return -1;
    return check_reservations(p, list);
}

/* --- the document ------------------------------------------------------------ */

static int parse_header(struct sp *p, const struct ynode *root)
{
    const struct ynode *v;
    struct err inner;

    if (required_text(p, root, "id", &p->sc->id) || required_text(p, root, "title", &p->sc->title)
        || required_text(p, root, "title_hi", &p->sc->title_hi) || optional_text(p, root, "summary", &p->sc->summary)
        || optional_text(p, root, "summary_hi", &p->sc->summary_hi))
        return -1;
    if (strspn(p->sc->id, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(p->sc->id))
        return fail(p, ymap_get(root, "id"), "id must be lower-case letters, digits and '_'");
    if ((v = need_key(p, root, "as_of")) == NULL)
        return -1;
    if (v->kind != Y_SCALAR || date_parse(v->text, v->len, &p->sc->as_of, &inner) != 0)
        return fail(p, v, "as_of must be a date YYYY-MM-DD");
    if ((v = need_key(p, root, "sources")) == NULL || text_list(p, v, "sources", p->sc->sources, &p->sc->n_sources))
        return -1;
    if (p->sc->n_sources == 0)
        return fail(p, v, "a scenario cites at least one source");
    if ((v = ymap_get(root, "assumptions")) != NULL
        && text_list(p, v, "assumptions", p->sc->assumptions, &p->sc->n_assumptions) != 0)
        return -1;
    if ((v = ymap_get(root, "assumptions_hi")) != NULL) {
        if (text_list(p, v, "assumptions_hi", p->sc->assumptions_hi, &p->sc->n_assumptions_hi) != 0)
            return -1;
        if (p->sc->n_assumptions_hi != p->sc->n_assumptions)
            return fail(p, v, "assumptions_hi must have as many items as assumptions (%zu)", p->sc->n_assumptions);
    }
    return 0;
}

static int parse_model(struct sp *p, const struct ynode *root)
{
    const struct ynode *v;
    double d;

    p->sc->tolerance = 0.005;
    if ((v = ymap_get(root, "population")) != NULL) {
        if (number_of(p, v, "population", 1, 1e10, &d) != 0)
            return -1;
        p->sc->population = (int64_t)d;
    }
    if ((v = ymap_get(root, "tolerance")) != NULL && number_of(p, v, "tolerance", 0, 1, &p->sc->tolerance) != 0)
        return -1;
    if ((v = need_key(p, root, "budget")) == NULL || parse_budget(p, v) != 0)
        return -1;
    if ((v = need_key(p, root, "unit_benefit")) == NULL || each_scheme(p, v, "unit_benefit", one_unit) != 0)
        return -1;
    for (size_t i = 0; i < p->sc->n_schemes; i++)
        if (p->sc->schemes[i].unit_benefit == 0)
            return fail(p, v, "unit_benefit of '%s' is missing", p->sc->schemes[i].id);
    if ((v = ymap_get(root, "need")) != NULL && each_scheme(p, v, "need", one_need) != 0)
        return -1;
    if ((v = ymap_get(root, "take_up")) != NULL && each_scheme(p, v, "take_up", one_take_up) != 0)
        return -1;
    return 0;
}

int scenario_parse(struct arena *a, const char *file, const char *text, size_t len,
                   scenario_known_fn known, void *known_ctx, struct scenario *out, struct err *e)
{
    static const char *const keys[] = {"id", "title", "title_hi", "summary", "summary_hi", "as_of", "sources",
                                       "assumptions", "assumptions_hi", "population", "tolerance", "budget", "unit_benefit",
                                       "need", "take_up", "actions", NULL};
    struct scenario sc = {0};
    struct sp p = {a, file, known, known_ctx, &sc, e};
    struct ynode *root;
    const struct ynode *actions;

    sc.file = file;
    if (yaml_tree_load(a, file, text, len, &root, e) != 0)
        return -1;
    if (want_map(&p, root, "a scenario") != 0 || only_keys(&p, root, keys) != 0 || parse_header(&p, root) != 0
        || parse_model(&p, root) != 0)
        return -1;
    if ((actions = need_key(&p, root, "actions")) == NULL || parse_actions(&p, actions) != 0)
        return -1;
    *out = sc;
    return 0;
}

/* --- against the scheme files -------------------------------------------------- */

static const char *unit_name(int unit)
{
    return unit == UNIT_MONEY ? "an amount (such as 25 lakh)" : unit == UNIT_FRACTION ? "a percentage (such as 25%)" : "a number";
}

/* The parameter must be one of the scheme's, and the value of its kind:
 * a ceiling stays money, a rate a fraction. */
static int resolve_rule_param(struct arena *a, const struct scenario *sc, const struct scheme *s,
                              struct scenario_action *x, struct err *e)
{
    const struct param *pa;
    int i = scope_find_param(&s->scope, x->rule_param);

    if (i < 0)
        return ynode_fail(e, sc->file, x->param_node, "'%s' is not a parameter of %s (its file's params:)",
                       x->rule_param, s->id);
    pa = &s->scope.params[i];
    if (scheme_param_value(a, sc->file, x->value_node, &x->rule_value, &x->rule_unit, e) != 0)
        return -1;
    if (x->rule_value.tag != pa->entries[0].v.tag || x->rule_unit != pa->unit)
        return ynode_fail(e, sc->file, x->value_node, "%s of %s is %s; '%s' is not", x->rule_param, s->id,
                       pa->entries[0].v.tag == V_NUM ? unit_name(pa->unit) : "not a number", x->value_text);
    if (x->rule_value.tag == V_NUM && x->rule_value.u.n < 0)
        return ynode_fail(e, sc->file, x->value_node, "%s must not be negative", x->rule_param);
    x->param_index = i;
    return 0;
}

static bool listed(const char *const *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], id) == 0)
            return true;
    return false;
}

/* A moved component's fields and documents must be on the source's form. */
static int resolve_move(const struct scenario *sc, const struct scheme *s, const struct scenario_action *x,
                        struct err *e)
{
    for (size_t i = 0; i < x->n_fields; i++)
        if (!listed(s->fields, s->n_fields, x->fields[i]))
            return ynode_fail(e, sc->file, x->fields_node->items[i], "field '%s' is not on %s's form (its fields:)",
                           x->fields[i], s->id);
    for (size_t i = 0; i < x->n_documents; i++)
        if (!listed(s->documents, s->n_documents, x->documents[i]))
            return ynode_fail(e, sc->file, x->documents_node->items[i],
                           "document '%s' is not on %s's form (its documents:)", x->documents[i], s->id);
    return 0;
}

int scenario_resolve(struct arena *a, struct scenario *sc, const struct catalog *cat, struct err *e)
{
    for (size_t i = 0; i < sc->n_actions; i++) {
        struct scenario_action *x = &sc->actions[i];
        const struct scheme *s = catalog_find(cat, sc->schemes[x->scheme].id);
        if ((x->kind == SA_RULE_PARAM || x->kind == SA_MOVE) && s == NULL)
            return err_set(e, "%s:%d:%d: scheme '%s' is not in the catalogue", sc->file, x->line, x->col,
                           sc->schemes[x->scheme].id);
        if (x->kind == SA_RULE_PARAM && resolve_rule_param(a, sc, s, x, e) != 0)
            return -1;
        if (x->kind == SA_MOVE && resolve_move(sc, s, x, e) != 0)
            return -1;
    }
    sc->resolved = true;
    return 0;
}

bool scenario_has_rule_params(const struct scenario *sc)
{
    for (size_t i = 0; i < sc->n_actions; i++)
        if (sc->actions[i].kind == SA_RULE_PARAM)
            return true;
    return false;
}

int scenario_rule_param_text(const struct scenario *sc, const struct scenario_action *a, const struct catalog *cat,
                             bool after, bool hindi, struct buf *out)
{
    const struct scheme *s = catalog_find(cat, sc->schemes[a->scheme].id);
    const struct param_entry *pe;

    if (a->kind != SA_RULE_PARAM || a->param_index < 0 || s == NULL || (size_t)a->param_index >= s->scope.n_params)
        return -1;
    if (after)
        return render_value(out, &a->rule_value, a->rule_unit, hindi);
    pe = param_at(&s->scope.params[a->param_index], sc->as_of);
    if (pe == NULL)
        return buf_puts(out, hindi ? "अज्ञात" : "unknown");
    return render_value(out, &pe->v, pe->unit, hindi);
}
