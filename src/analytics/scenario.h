/* scenario.h: a merger what-if, read from scenarios/<id>.yaml
 * (docs/scenarios.md). A scenario names the schemes it touches with their
 * budgets and mean benefit per beneficiary, then lists actions applied to
 * them in order: merge schemes into one, reserve a share of a budget for a
 * protected group, narrow a scheme to a group, set a model parameter or a
 * parameter of a scheme's rules, move a component (a share of the budget
 * and some of the form) from one scheme to another.
 *
 * Parsing is strict: unknown keys, unknown scheme ids, shares outside
 * [0, 1], a scheme merged twice are errors with file:line:column. What
 * needs the scheme files themselves (a rule parameter and its value, a
 * component's fields) is checked by scenario_resolve. */
#ifndef SAMANVAY_SCENARIO_H
#define SAMANVAY_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "rules/value.h"

struct ynode;

#define SCENARIO_MAX_SCHEMES 16
#define SCENARIO_MAX_ACTIONS 32
#define SCENARIO_MAX_TEXTS 16
#define SCENARIO_MAX_FORM 32            /* fields or documents a component takes with it */

/* The protected groups whose share a merger must not dilute; one bit each
 * in an enterprise's group mask. */
enum scenario_group { SG_WOMEN, SG_SC_ST, SG_NER, SG_TRADITIONAL, SG_RURAL, SG_COUNT };

const char *scenario_group_name(enum scenario_group g);
/* -1 when `name` is not a group. */
int scenario_group_parse(const char *name);

/* One scheme as the scenario models it (before any action). */
struct scenario_scheme {
    const char *id;
    int64_t budget;                 /* paise a year, at national scale */
    int64_t unit_benefit;           /* paise: mean benefit per beneficiary */
    const char *need_purpose;       /* what an applicant asks for (batch eligibility), or NULL */
    int64_t need_amount;            /* paise, -1 unknown */
    double take_up;                 /* share of the eligible who would apply, (0, 1] */
};

enum scenario_action_kind { SA_MERGE, SA_RESERVE, SA_NARROW, SA_SET, SA_RULE_PARAM, SA_MOVE };
enum scenario_param { SP_BUDGET, SP_UNIT_BENEFIT, SP_TAKE_UP };

struct scenario_action {
    enum scenario_action_kind kind;
    int line, col;
    size_t scheme;                  /* index into schemes: MERGE's target, others' subject */
    uint32_t from;                  /* MERGE: bit per scheme index merged into `scheme` */
    const char *name, *name_hi;     /* MERGE: the merged scheme's name, or NULL */
    enum scenario_group group;      /* RESERVE, NARROW */
    double share;                   /* RESERVE: of the budget, [0, 1] */
    enum scenario_param param;      /* SET */
    double value;                   /* SET: rupees for money, a fraction for take_up */
    /* RULE_PARAM (`set: {scheme, rule_param, value}`): the after side
     * evaluates `scheme`'s own rules with this parameter replaced. */
    const char *rule_param;
    const struct ynode *param_node, *value_node; /* as written, read by scenario_resolve */
    const char *value_text;         /* as written, for the page */
    int param_index;                /* into the scheme's scope.params; -1 until resolved */
    struct value rule_value;
    int rule_unit;
    /* MOVE (`move_component`): `share` of scheme's budget moves to the
     * scheme holding `into`; the listed fields and documents leave
     * `scheme`'s form. */
    size_t into;
    const char *fields[SCENARIO_MAX_FORM], *documents[SCENARIO_MAX_FORM];
    size_t n_fields, n_documents;
    const struct ynode *fields_node, *documents_node; /* for scenario_resolve's errors */
};

struct scenario {
    const char *file;
    const char *id, *title, *title_hi, *summary, *summary_hi;
    int32_t as_of;                  /* eligibility is judged on this date */
    const char *sources[SCENARIO_MAX_TEXTS];
    size_t n_sources;
    const char *assumptions[SCENARIO_MAX_TEXTS], *assumptions_hi[SCENARIO_MAX_TEXTS];
    size_t n_assumptions, n_assumptions_hi;   /* the Hindi list, when given, has as many items */
    int64_t population;             /* enterprises the budgets serve; 0 = budgets are for the store as is */
    double tolerance;               /* a share falls when it drops by more than this */
    struct scenario_scheme schemes[SCENARIO_MAX_SCHEMES];
    size_t n_schemes;
    struct scenario_action actions[SCENARIO_MAX_ACTIONS];
    size_t n_actions;
    bool resolved;                  /* scenario_resolve succeeded */
};

/* Is `id` a scheme of the catalogue? */
typedef bool (*scenario_known_fn)(void *ctx, const char *id);

/* Parse text[0..len) named `file` into *out (memory from `a`). */
int scenario_parse(struct arena *a, const char *file, const char *text, size_t len,
                   scenario_known_fn known, void *known_ctx, struct scenario *out, struct err *e);

struct catalog;
/* Check what refers into the scheme files against `cat` and fill it in:
 * a rule parameter must be one of that scheme's `params:`, its value must
 * parse as a scheme file's would ("25 lakh", "25%", 500) with the same type
 * and unit; a moved component's fields and documents must be on that
 * scheme's form. Errors at file:line:column. Values from `a`. */
int scenario_resolve(struct arena *a, struct scenario *sc, const struct catalog *cat, struct err *e);

struct buf;
/* A resolved rule parameter's value as people read it (₹30,00,000, 30%):
 * the scheme file's on the scenario's as_of (before), or the scenario's
 * (after); "unknown" when the file has none in force then. */
int scenario_rule_param_text(const struct scenario *sc, const struct scenario_action *a, const struct catalog *cat,
                             bool after, bool hindi, struct buf *out);

/* Has the scenario any rule parameter set? (The after side then needs its
 * own evaluation.) */
bool scenario_has_rule_params(const struct scenario *sc);

/* The index of scheme `id` in sc->schemes, or -1. */
int scenario_scheme_index(const struct scenario *sc, const char *id);

#endif
