/* config.c: the link configuration from YAML (yaml_tree) to struct link_config.
 *
 * Every key is checked: an unknown key is an error, because a misspelt
 * "tresholds" silently ignored would change results without a word. */
#include "link/config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "rules/yaml_tree.h"

#define CONFIG_MAX_BYTES (1 << 20)

struct loader {
    const char *file;
    struct link_config *c;
    struct err *e;
};

static int fail(struct loader *l, const struct ynode *n, const char *key, const char *msg)
{
    return err_set(l->e, "%s:%d:%d: %s: %s", l->file, n ? n->line : 1, n ? n->col : 1, key, msg);
}

static int want_scalar(struct loader *l, const struct ynode *n, const char *key)
{
    if (n->kind != Y_SCALAR)
        return fail(l, n, key, "expected a single value");
    return 0;
}

static int get_text(struct loader *l, const struct ynode *n, const char *key, const char **out)
{
    if (want_scalar(l, n, key) != 0)
        return -1;
    if (n->len == 0)
        return fail(l, n, key, "must not be empty");
    *out = n->text;
    return 0;
}

static int get_number(struct loader *l, const struct ynode *n, const char *key, double lo, double hi,
                      double *out)
{
    char *end;
    double v;

    if (want_scalar(l, n, key) != 0)
        return -1;
    errno = 0;
    v = strtod(n->text, &end);
    if (n->len == 0 || *end != '\0' || errno != 0 || !isfinite(v))
        return fail(l, n, key, "expected a number");
    if (v < lo || v > hi) {
        char msg[96];
        snprintf(msg, sizeof msg, "must be between %g and %g", lo, hi);
        return fail(l, n, key, msg);
    }
    *out = v;
    return 0;
}

static int get_int(struct loader *l, const struct ynode *n, const char *key, double lo, double hi,
                   long long *out)
{
    double v;

    if (get_number(l, n, key, lo, hi, &v) != 0)
        return -1;
    if (v != floor(v))
        return fail(l, n, key, "expected a whole number");
    *out = (long long)v;
    return 0;
}

static int get_bool(struct loader *l, const struct ynode *n, const char *key, bool *out)
{
    if (want_scalar(l, n, key) != 0)
        return -1;
    if (strcmp(n->text, "true") == 0 || strcmp(n->text, "yes") == 0)
        *out = true;
    else if (strcmp(n->text, "false") == 0 || strcmp(n->text, "no") == 0)
        *out = false;
    else
        return fail(l, n, key, "expected true or false");
    return 0;
}

/* Reject keys of `map` not in the NULL-terminated `known`. */
static int check_keys(struct loader *l, const struct ynode *map, const char *where, const char *const *known)
{
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *k = ymap_key(map, i);
        bool ok = false;
        for (const char *const *p = known; *p != NULL && !ok; p++)
            ok = k->kind == Y_SCALAR && strcmp(k->text, *p) == 0;
        if (!ok)
            return fail(l, k, where, k->kind == Y_SCALAR ? "unknown key" : "keys must be plain words");
    }
    return 0;
}

static int want_map(struct loader *l, const struct ynode *n, const char *key)
{
    if (n->kind != Y_MAP)
        return fail(l, n, key, "expected a mapping (key: value)");
    return 0;
}

static int want_seq(struct loader *l, const struct ynode *n, const char *key)
{
    if (n->kind != Y_SEQ)
        return fail(l, n, key, "expected a list");
    return 0;
}

/* `key: COL` or `key: {left: A, right: B}` into out[2]. */
static int get_sides(struct loader *l, const struct ynode *n, const char *key, const char *out[2])
{
    static const char *const known[] = {"left", "right", NULL};
    const struct ynode *v;

    if (n->kind == Y_SCALAR) {
        if (get_text(l, n, key, &out[0]) != 0)
            return -1;
        out[1] = out[0];
        return 0;
    }
    if (want_map(l, n, key) != 0 || check_keys(l, n, key, known) != 0)
        return -1;
    if ((v = ymap_get(n, "left")) == NULL)
        return fail(l, n, key, "needs left");
    if (get_text(l, v, "left", &out[0]) != 0)
        return -1;
    if ((v = ymap_get(n, "right")) == NULL)
        return fail(l, n, key, "needs right");
    return get_text(l, v, "right", &out[1]);
}

static const struct {
    const char *name;
    enum link_kind kind;
    enum link_similarity sim;
    int n;
    double t[LINK_MAX_THRESHOLDS];
} kinds[] = {
    {"exact", KIND_EXACT, SIM_NONE, 0, {0}},
    {"person_name", KIND_PERSON_NAME, SIM_JARO_WINKLER, 2, {0.92, 0.80}},
    {"business_name", KIND_BUSINESS_NAME, SIM_TOKEN_SET, 2, {0.90, 0.70}},
    {"text", KIND_TEXT, SIM_JARO_WINKLER, 2, {0.92, 0.80}},
    {"numeric", KIND_NUMERIC, SIM_RELATIVE_DIFF, 2, {0.01, 0.10}},
    {"date", KIND_DATE, SIM_NONE, 0, {0}},
    {"postcode", KIND_POSTCODE, SIM_NONE, 0, {0}},
};

const char *link_kind_name(enum link_kind k)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].kind == k)
            return kinds[i].name;
    return "?";
}

static int parse_similarity(struct loader *l, const struct ynode *n, struct link_field *f)
{
    static const char *const names[] = {"jaro_winkler", "token_set", "edit_distance", "relative_difference"};
    const char *s;

    if (get_text(l, n, "similarity", &s) != 0)
        return -1;
    if (f->kind != KIND_TEXT && f->kind != KIND_PERSON_NAME && f->kind != KIND_BUSINESS_NAME)
        return fail(l, n, "similarity", "only text and name fields choose a similarity");
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            f->sim = (enum link_similarity)i;
            return 0;
        }
    return fail(l, n, "similarity", "expected jaro_winkler, token_set or edit_distance");
}

/* Similarities are >= thresholds, best first (descending); distances and
 * differences are <= thresholds, best first (ascending). */
static int parse_levels(struct loader *l, const struct ynode *n, struct link_field *f)
{
    bool distance = f->sim == SIM_EDIT_DISTANCE || f->sim == SIM_RELATIVE_DIFF;

    if (f->sim == SIM_NONE)
        return fail(l, n, "levels", "this comparator has fixed levels");
    if (want_seq(l, n, "levels") != 0)
        return -1;
    if (n->n == 0 || n->n > LINK_MAX_THRESHOLDS)
        return fail(l, n, "levels", "give 1 to 4 thresholds");
    for (size_t i = 0; i < n->n; i++) {
        double hi = f->sim == SIM_EDIT_DISTANCE ? 16 : f->sim == SIM_RELATIVE_DIFF ? 1e9 : 1;
        if (get_number(l, n->items[i], "levels", 0, hi, &f->threshold[i]) != 0)
            return -1;
        if (i > 0 && (distance ? f->threshold[i] <= f->threshold[i - 1] : f->threshold[i] >= f->threshold[i - 1]))
            return fail(l, n->items[i], "levels",
                        distance ? "thresholds must increase (best level first)"
                                 : "thresholds must decrease (best level first)");
    }
    f->n_thresholds = (int)n->n;
    return 0;
}

static int parse_kind(struct loader *l, const struct ynode *n, struct link_field *f)
{
    const char *s;

    if (get_text(l, n, "compare", &s) != 0)
        return -1;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i].name) == 0) {
            f->kind = kinds[i].kind;
            f->sim = kinds[i].sim;
            f->n_thresholds = kinds[i].n;
            memcpy(f->threshold, kinds[i].t, sizeof f->threshold);
            return 0;
        }
    return fail(l, n, "compare",
                "expected exact, person_name, business_name, text, numeric, date or postcode");
}

static void derive_levels(struct link_field *f)
{
    if (f->kind == KIND_DATE || f->kind == KIND_POSTCODE)
        f->n_levels = 4;
    else if (f->kind == KIND_EXACT)
        f->n_levels = 2;
    else
        f->n_levels = f->n_thresholds + 2 + f->phonetic;
}

static int parse_field(struct loader *l, const struct ynode *n, struct link_field *f)
{
    static const char *const known[] = {"name", "column", "compare", "levels", "similarity",
                                        "near_days", "tf", "phonetic", NULL};
    const struct ynode *v;
    long long days;

    if (want_map(l, n, "fields") != 0 || check_keys(l, n, "fields", known) != 0)
        return -1;
    if ((v = ymap_get(n, "name")) == NULL)
        return fail(l, n, "fields", "each field needs a name");
    if (get_text(l, v, "name", &f->name) != 0)
        return -1;
    if (strchr(f->name, ':') != NULL || strchr(f->name, '+') != NULL)
        return fail(l, v, "name", "must not contain ':' or '+'");
    if ((v = ymap_get(n, "column")) == NULL)
        f->column[0] = f->column[1] = f->name;
    else if (get_sides(l, v, "column", f->column) != 0)
        return -1;
    if ((v = ymap_get(n, "compare")) == NULL)
        return fail(l, n, f->name, "needs compare");
    if (parse_kind(l, v, f) != 0)
        return -1;
    if ((v = ymap_get(n, "similarity")) != NULL && parse_similarity(l, v, f) != 0)
        return -1;
    if (f->sim == SIM_EDIT_DISTANCE && ymap_get(n, "levels") == NULL) {
        f->threshold[0] = 1;
        f->threshold[1] = 2;
    }
    if ((v = ymap_get(n, "levels")) != NULL && parse_levels(l, v, f) != 0)
        return -1;
    f->near_days = 365;
    if ((v = ymap_get(n, "near_days")) != NULL) {
        if (f->kind != KIND_DATE)
            return fail(l, v, "near_days", "only for compare: date");
        if (get_int(l, v, "near_days", 0, 36600, &days) != 0)
            return -1;
        f->near_days = (int)days;
    }
    if ((v = ymap_get(n, "tf")) != NULL && get_bool(l, v, "tf", &f->tf) != 0)
        return -1;
    if ((v = ymap_get(n, "phonetic")) != NULL) {
        if (f->kind != KIND_PERSON_NAME && f->kind != KIND_BUSINESS_NAME)
            return fail(l, v, "phonetic", "only for person_name and business_name");
        if (f->sim == SIM_EDIT_DISTANCE)
            return fail(l, v, "phonetic", "not with edit_distance (a skeleton has no edit scale)");
        if (get_bool(l, v, "phonetic", &f->phonetic) != 0)
            return -1;
    }
    derive_levels(f);
    return 0;
}

static int parse_fields(struct loader *l, const struct ynode *n)
{
    struct link_config *c = l->c;

    if (want_seq(l, n, "fields") != 0)
        return -1;
    if (n->n == 0 || n->n > LINK_MAX_FIELDS)
        return fail(l, n, "fields", "give 1 to 16 fields");
    for (size_t i = 0; i < n->n; i++) {
        if (parse_field(l, n->items[i], &c->field[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->field[j].name, c->field[i].name) == 0)
                return fail(l, n->items[i], c->field[i].name, "field named twice");
        c->n_fields = (int)i + 1;
    }
    return 0;
}

/* "surname", "surname:phonetic", "given_name:prefix3", "dob:year". */
static int parse_key(struct loader *l, const struct ynode *n, struct link_key *k)
{
    char name[128];
    const char *colon, *t;
    size_t len;

    if (want_scalar(l, n, "blocking") != 0)
        return -1;
    colon = strchr(n->text, ':');
    len = colon ? (size_t)(colon - n->text) : n->len;
    if (len == 0 || len >= sizeof name)
        return fail(l, n, "blocking", "expected FIELD or FIELD:TRANSFORM");
    memcpy(name, n->text, len);
    name[len] = '\0';
    if ((k->field = link_config_field(l->c, name)) < 0)
        return fail(l, n, "blocking", "not a field name of this config");
    t = colon ? colon + 1 : "value";
    k->n = 0;
    if (strcmp(t, "value") == 0)
        k->transform = KEY_VALUE;
    else if (strcmp(t, "phonetic") == 0)
        k->transform = KEY_PHONETIC;
    else if (strcmp(t, "year") == 0)
        k->transform = KEY_YEAR;
    else if ((strncmp(t, "prefix", 6) == 0 || strncmp(t, "suffix", 6) == 0) && t[6] >= '1' && t[6] <= '9'
             && (t[7] == '\0' || (t[7] >= '0' && t[7] <= '9' && t[8] == '\0'))) {
        k->transform = t[0] == 'p' ? KEY_PREFIX : KEY_SUFFIX;
        k->n = atoi(t + 6);
    } else
        return fail(l, n, "blocking", "transform must be value, phonetic, year, prefixN or suffixN");
    if (k->transform == KEY_YEAR && l->c->field[k->field].kind != KIND_DATE)
        return fail(l, n, "blocking", "year needs a date field");
    if (k->transform == KEY_PHONETIC && l->c->field[k->field].kind != KIND_PERSON_NAME
        && l->c->field[k->field].kind != KIND_BUSINESS_NAME)
        return fail(l, n, "blocking", "phonetic needs a person_name or business_name field");
    return 0;
}

static int parse_rule(struct loader *l, const struct ynode *n, struct link_rule *r)
{
    char name[256];
    size_t len = 0;
    const struct ynode *keys = n;

    if (n->kind == Y_SCALAR)
        keys = NULL;
    else if (want_seq(l, n, "blocking") != 0)
        return -1;
    r->n_keys = keys ? (int)keys->n : 1;
    if (r->n_keys == 0 || r->n_keys > LINK_MAX_KEYS)
        return fail(l, n, "blocking", "a rule has 1 to 4 keys");
    for (int i = 0; i < r->n_keys; i++) {
        const struct ynode *k = keys ? keys->items[i] : n;
        if (parse_key(l, k, &r->key[i]) != 0)
            return -1;
        len += (size_t)snprintf(name + len, sizeof name - len, "%s%s", i ? "+" : "", k->text);
        if (len >= sizeof name)
            return fail(l, n, "blocking", "rule too long");
    }
    if ((r->name = arena_strdup(l->c->arena, name)) == NULL)
        return err_set(l->e, "out of memory");
    return 0;
}

static int parse_blocking(struct loader *l, const struct ynode *n)
{
    if (want_seq(l, n, "blocking") != 0)
        return -1;
    if (n->n == 0 || n->n > LINK_MAX_RULES)
        return fail(l, n, "blocking", "give 1 to 16 rules");
    for (size_t i = 0; i < n->n; i++) {
        if (parse_rule(l, n->items[i], &l->c->rule[i]) != 0)
            return -1;
        l->c->n_rules = (int)i + 1;
    }
    return 0;
}

static int parse_em(struct loader *l, const struct ynode *n)
{
    static const char *const known[] = {"max_iterations", "tolerance", "fix_u", "u_sample_pairs", "seed", NULL};
    struct link_config *c = l->c;
    const struct ynode *v;
    long long x;

    if (want_map(l, n, "em") != 0 || check_keys(l, n, "em", known) != 0)
        return -1;
    if ((v = ymap_get(n, "max_iterations")) != NULL) {
        if (get_int(l, v, "max_iterations", 1, 10000, &x) != 0)
            return -1;
        c->em_max_iterations = (int)x;
    }
    if ((v = ymap_get(n, "tolerance")) != NULL && get_number(l, v, "tolerance", 1e-12, 1, &c->em_tolerance) != 0)
        return -1;
    if ((v = ymap_get(n, "fix_u")) != NULL && get_bool(l, v, "fix_u", &c->em_fix_u) != 0)
        return -1;
    if ((v = ymap_get(n, "u_sample_pairs")) != NULL) {
        if (get_int(l, v, "u_sample_pairs", 1000, 1e9, &x) != 0)
            return -1;
        c->u_sample_pairs = (size_t)x;
    }
    if ((v = ymap_get(n, "seed")) != NULL) {
        if (get_int(l, v, "seed", 0, 9e15, &x) != 0)
            return -1;
        c->seed = (unsigned long long)x;
    }
    return 0;
}

static int parse_cluster(struct loader *l, const struct ynode *n)
{
    static const char *const known[] = {"min_link_fraction", "veto_weight", NULL};
    const struct ynode *v;

    if (want_map(l, n, "cluster") != 0 || check_keys(l, n, "cluster", known) != 0)
        return -1;
    if ((v = ymap_get(n, "min_link_fraction")) != NULL
        && get_number(l, v, "min_link_fraction", 0, 1, &l->c->min_link_fraction) != 0)
        return -1;
    if ((v = ymap_get(n, "veto_weight")) != NULL
        && get_number(l, v, "veto_weight", -1000, 1000, &l->c->veto_weight) != 0)
        return -1;
    return 0;
}

static int parse_csv(struct loader *l, const struct ynode *n)
{
    static const char *const known[] = {"trim", "max_field_bytes", NULL};
    const struct ynode *v;
    long long x;

    if (want_map(l, n, "csv") != 0 || check_keys(l, n, "csv", known) != 0)
        return -1;
    if ((v = ymap_get(n, "trim")) != NULL && get_bool(l, v, "trim", &l->c->trim) != 0)
        return -1;
    if ((v = ymap_get(n, "max_field_bytes")) != NULL) {
        if (get_int(l, v, "max_field_bytes", 16, 65536, &x) != 0)
            return -1;
        l->c->max_field_bytes = (size_t)x;
    }
    return 0;
}

static int parse_evaluation(struct loader *l, const struct ynode *n)
{
    static const char *const known[] = {"column", "split", "part", NULL};
    const struct ynode *v;
    long long x;

    if (want_map(l, n, "evaluation") != 0 || check_keys(l, n, "evaluation", known) != 0)
        return -1;
    if ((v = ymap_get(n, "column")) == NULL)
        return fail(l, n, "evaluation", "needs column");
    if (get_sides(l, v, "column", l->c->truth_column) != 0)
        return -1;
    if ((v = ymap_get(n, "split")) != NULL && get_text(l, v, "split", &l->c->truth_split) != 0)
        return -1;
    if ((v = ymap_get(n, "part")) != NULL) {
        if (get_int(l, v, "part", 0, 64, &x) != 0)
            return -1;
        l->c->truth_part = (int)x;
    }
    return 0;
}

static int parse_assign(struct loader *l, const struct ynode *v)
{
    const char *assign;

    if (get_text(l, v, "assign", &assign) != 0)
        return -1;
    if (l->c->mode != LINK_MODE_LINK)
        return fail(l, v, "assign", "only link mode assigns pairs (dedup clusters them)");
    if (strcmp(assign, "one_to_one") == 0)
        l->c->assign = LINK_ASSIGN_ONE_TO_ONE;
    else if (strcmp(assign, "best") == 0)
        l->c->assign = LINK_ASSIGN_BEST;
    else
        return fail(l, v, "assign", "expected one_to_one or best");
    return 0;
}

static int parse_top(struct loader *l, const struct ynode *root)
{
    static const char *const known[] = {"mode", "id", "fields", "blocking", "max_block", "max_pairs",
                                        "threshold", "em", "cluster", "csv", "threads", "evaluation",
                                        "assign", NULL};
    struct link_config *c = l->c;
    const struct ynode *v;
    const char *mode;
    long long x;

    if (root == NULL || root->kind != Y_MAP)
        return fail(l, root, "config", "expected a mapping at the top");
    if (check_keys(l, root, "config", known) != 0)
        return -1;
    if ((v = ymap_get(root, "mode")) == NULL)
        return fail(l, root, "config", "needs mode (link or dedup)");
    if (get_text(l, v, "mode", &mode) != 0)
        return -1;
    if (strcmp(mode, "link") == 0)
        c->mode = LINK_MODE_LINK;
    else if (strcmp(mode, "dedup") == 0)
        c->mode = LINK_MODE_DEDUP;
    else
        return fail(l, v, "mode", "expected link or dedup");
    if ((v = ymap_get(root, "assign")) != NULL && parse_assign(l, v) != 0)
        return -1;
    if ((v = ymap_get(root, "id")) == NULL)
        return fail(l, root, "config", "needs id (the id column)");
    if (get_sides(l, v, "id", c->id_column) != 0)
        return -1;
    if ((v = ymap_get(root, "fields")) == NULL)
        return fail(l, root, "config", "needs fields");
    if (parse_fields(l, v) != 0)
        return -1;
    if ((v = ymap_get(root, "blocking")) == NULL)
        return fail(l, root, "config", "needs blocking (a list of rules)");
    if (parse_blocking(l, v) != 0)
        return -1;
    if ((v = ymap_get(root, "max_block")) != NULL) {
        if (get_int(l, v, "max_block", 0, 1e9, &x) != 0)
            return -1;
        c->max_block = (size_t)x;
    }
    if ((v = ymap_get(root, "max_pairs")) != NULL) {
        if (get_int(l, v, "max_pairs", 1, 4e9, &x) != 0)
            return -1;
        c->max_pairs = (size_t)x;
    }
    if ((v = ymap_get(root, "threshold")) != NULL && get_number(l, v, "threshold", -100, 100, &c->threshold) != 0)
        return -1;
    if ((v = ymap_get(root, "threads")) != NULL) {
        if (get_int(l, v, "threads", 0, 64, &x) != 0)
            return -1;
        c->threads = (int)x;
    }
    if ((v = ymap_get(root, "em")) != NULL && parse_em(l, v) != 0)
        return -1;
    if ((v = ymap_get(root, "cluster")) != NULL && parse_cluster(l, v) != 0)
        return -1;
    if ((v = ymap_get(root, "csv")) != NULL && parse_csv(l, v) != 0)
        return -1;
    if ((v = ymap_get(root, "evaluation")) != NULL && parse_evaluation(l, v) != 0)
        return -1;
    return 0;
}

static void set_defaults(struct link_config *c)
{
    c->max_pairs = 400000000;
    c->threshold = 0;
    c->em_max_iterations = 100;
    c->em_tolerance = 1e-6;
    c->u_sample_pairs = 300000;
    c->seed = 1;
    c->min_link_fraction = 0.5;
    c->veto_weight = -10;
    c->max_field_bytes = 1024;
}

struct link_config *link_config_load(const char *file, const char *text, size_t len, struct err *e)
{
    struct link_config *c = mem_calloc(1, sizeof *c);
    struct loader l = {file, c, e};
    struct ynode *root;

    if (c == NULL || (c->arena = arena_new(0)) == NULL) {
        mem_free(c);
        err_set(e, "out of memory");
        return NULL;
    }
    set_defaults(c);
    if ((c->file = arena_strdup(c->arena, file)) == NULL) {
        err_set(e, "out of memory");
        goto fail;
    }
    l.file = c->file;
    if (yaml_tree_load(c->arena, c->file, text, len, &root, e) != 0)
        goto fail;
    if (parse_top(&l, root) != 0)
        goto fail;
    return c;
fail:
    link_config_free(c);
    return NULL;
}

struct link_config *link_config_load_file(const char *path, struct err *e)
{
    FILE *f = fopen(path, "rb");
    struct link_config *c = NULL;
    char *text;
    size_t n;

    if (f == NULL) {
        err_set(e, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    text = mem_alloc(CONFIG_MAX_BYTES + 1);
    if (text == NULL) {
        fclose(f);
        err_set(e, "out of memory");
        return NULL;
    }
    n = fread(text, 1, CONFIG_MAX_BYTES + 1, f);
    if (ferror(f))
        err_set(e, "%s: cannot read: %s", path, strerror(errno));
    else if (n > CONFIG_MAX_BYTES)
        err_set(e, "%s: larger than 1 MiB", path);
    else
        c = link_config_load(path, text, n, e);
    fclose(f);
    mem_free(text);
    return c;
}

void link_config_free(struct link_config *c)
{
    if (c == NULL)
        return;
    arena_free(c->arena);
    mem_free(c);
}

int link_config_field(const struct link_config *c, const char *name)
{
    for (int i = 0; i < c->n_fields; i++)
        if (strcmp(c->field[i].name, name) == 0)
            return i;
    return -1;
}

const char *link_level_name(const struct link_field *f, int level, char *out, size_t cap)
{
    static const char *const date_names[] = {"exact", "transposed", "near", "else"};
    static const char *const post_names[] = {"exact", "one_digit", "prefix3", "else"};
    static const char *const sim_prefix[] = {"jw>=", "tokens>=", "edits<=", "reldiff<="};

    if (level < 0)
        snprintf(out, cap, "null");
    else if (f->kind == KIND_DATE)
        snprintf(out, cap, "%s", date_names[level]);
    else if (f->kind == KIND_POSTCODE)
        snprintf(out, cap, "%s", post_names[level]);
    else if (level == 0)
        snprintf(out, cap, "exact");
    else if (level == f->n_levels - 1)
        snprintf(out, cap, "else");
    else if (f->phonetic && level == 1)
        snprintf(out, cap, "phonetic");
    else
        snprintf(out, cap, "%s%g", sim_prefix[f->sim], f->threshold[level - 1 - f->phonetic]);
    return out;
}
