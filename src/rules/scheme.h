/* scheme.h: one scheme, loaded from schemes/<id>.yaml and compiled
 * (docs/rules.md §1). Everything lives in the catalogue's arena. */
#ifndef SAMANVAY_SCHEME_H
#define SAMANVAY_SCHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/program.h"
#include "rules/scope.h"
#include "rules/yaml_tree.h"

#define SCHEME_MAX_CRITERIA 32
#define SCHEME_MAX_PARAMS 64

enum objective {
    OBJ_CREDIT, OBJ_SUBSIDY, OBJ_GUARANTEE, OBJ_SKILLING, OBJ_MARKETING, OBJ_TECHNOLOGY,
    OBJ_CERTIFICATION, OBJ_CLUSTER, OBJ_EXPORT, OBJ_INNOVATION, OBJ_INFRASTRUCTURE,
    OBJ_DELAYED_PAYMENT, OBJ_COUNT
};

enum benefit_kind { BK_SUBSIDY, BK_LOAN, BK_GUARANTEE, BK_GRANT, BK_REIMBURSEMENT, BK_TRAINING, BK_OTHER, BK_COUNT };

enum status { ST_ELIGIBLE, ST_INELIGIBLE, ST_UNKNOWN };

/* A text with {expression} parts. */
struct text_part {
    const char *literal;             /* printed as is, or NULL */
    const struct program *expr;      /* printed as a value, or NULL */
};

struct text {
    const struct text_part *parts;
    size_t n;
};

struct criterion {
    const char *id;
    const struct program *when;
    struct text pass, fail, pass_hi, fail_hi;
    const char *source;
};

struct declaration {
    const char *text, *text_hi;
};

struct benefit {
    enum benefit_kind kind;
    const struct program *rate;      /* a fraction, or NULL */
    const struct program *amount;    /* rupees, or NULL (then rate × need.amount) */
    struct text text, text_hi;
    const char *unconfirmed_note;    /* the benefit's figures are unconfirmed: why, or NULL */
};

struct scheme_test {
    const char *name;
    int line;
    const struct ynode *profile;
    enum status status;
    bool check_amount, amount_null;
    int64_t amount;                  /* num fixed point, rupees */
    bool check_rate, rate_null;
    int64_t rate;
    bool check_missing, check_fails;
    const char **missing, **fails;
    size_t n_missing, n_fails;
};

struct scheme {
    const char *id, *file;
    int version;
    const char *name, *name_hi, *summary, *summary_hi, *ministry, *agency;
    int state;                       /* GST state code of a state scheme, 0 for central */
    uint32_t objectives;             /* bit per enum objective */
    const char **target_groups;
    size_t n_target_groups;
    int32_t valid_from, valid_to;    /* valid_to INT32_MAX when open */
    const char *validity_note;       /* the dates are unconfirmed: why, or NULL */
    const char **sources, **sources_read;
    size_t n_sources, n_sources_read;
    int sla_days;
    const char **documents, **fields;
    size_t n_documents, n_fields;
    struct declaration *declarations;
    size_t n_declarations;
    struct scope scope;
    struct criterion *criteria;
    size_t n_criteria;
    struct benefit benefit;
    struct scheme_test *tests;
    size_t n_tests;
};

const char *objective_name(enum objective o);
const char *benefit_kind_name(enum benefit_kind k);
const char *status_name(enum status s);

struct refdata;
struct vocabularies;

/* Load and compile one scheme file. `expected_id` is the file's base name. */
int scheme_load(struct arena *a, const struct vocabularies *v, const char *file, const char *text,
                size_t len, struct scheme *out, struct err *e);

/* A parameter's value written in a file other than the scheme's (a
 * scenario overriding it): node n parsed as a scheme file's `params:`
 * value is (a constant: "25 lakh", "25%", 500), errors at file:line:column. */
int scheme_param_value(struct arena *a, const char *file, const struct ynode *n, struct value *v, int *unit,
                       struct err *e);

#endif
