/* obligation.c: reading obligations/<id>.yaml (obligation.h). */
#include "calendar/obligation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/embedded.h"
#include "core/money.h"
#include "rules/check.h"
#include "rules/parser.h"
#include "rules/program.h"
#include "rules/yaml_tree.h"

#define OBLIGATIONS_MAX 64

struct loader {
    struct obligation_set *set;
    const char *file;
    struct err *e;
};

static int fail(struct loader *l, const struct ynode *n, const char *key, const char *msg)
{
    return err_set(l->e, "%s:%d:%d: %s: %s", l->file, n ? n->line : 0, n ? n->col : 0, key, msg);
}

static int get_text(struct loader *l, const struct ynode *map, const char *key, bool required,
                    const char **out)
{
    const struct ynode *v = ymap_get(map, key);

    *out = NULL;
    if (v == NULL || yscalar_is_null(v)) {
        if (required)
            return fail(l, map, key, "is required");
        return 0;
    }
    if (v->kind != Y_SCALAR || v->len == 0)
        return fail(l, v, key, "expected text");
    *out = arena_strndup(l->set->arena, v->text, v->len);
    return *out ? 0 : err_set(l->e, "out of memory");
}

static int get_int(struct loader *l, const struct ynode *map, const char *key, int lo, int hi,
                   bool required, int *out)
{
    const struct ynode *v = ymap_get(map, key);
    char *end;
    long x;

    if (v == NULL)
        return required ? fail(l, map, key, "is required") : 0;
    if (v->kind != Y_SCALAR || !v->plain)
        return fail(l, v, key, "expected a whole number");
    x = strtol(v->text, &end, 10);
    if (end == v->text || *end != '\0' || x < lo || x > hi) {
        char msg[64];
        snprintf(msg, sizeof msg, "expected a whole number from %d to %d", lo, hi);
        return fail(l, v, key, msg);
    }
    *out = (int)x;
    return 0;
}

static int get_date(struct loader *l, const struct ynode *map, const char *key, bool required,
                    int32_t *out)
{
    const struct ynode *v = ymap_get(map, key);

    *out = DATE_UNKNOWN;
    if (v == NULL || yscalar_is_null(v))
        return required ? fail(l, map, key, "is required") : 0;
    if (v->kind != Y_SCALAR || date_parse(v->text, v->len, out, NULL) != 0)
        return fail(l, v, key, "expected a date YYYY-MM-DD");
    return 0;
}

static int get_bool(struct loader *l, const struct ynode *map, const char *key, bool *out)
{
    const struct ynode *v = ymap_get(map, key);

    *out = false;
    if (v == NULL)
        return 0;
    if (v->kind != Y_SCALAR || (strcmp(v->text, "true") != 0 && strcmp(v->text, "false") != 0))
        return fail(l, v, key, "expected true or false");
    *out = strcmp(v->text, "true") == 0;
    return 0;
}

static int check_keys(struct loader *l, const struct ynode *map, const char *what,
                      const char *const *known)
{
    if (map == NULL || map->kind != Y_MAP)
        return fail(l, map, what, "expected a mapping");
    for (size_t i = 0; i < map->n; i++) {
        const struct ynode *k = ymap_key(map, i);
        size_t j = 0;
        while (known[j] && strcmp(known[j], k->text) != 0)
            j++;
        if (known[j] == NULL)
            return fail(l, k, what, "unknown key (a misspelling would silently change a due date)");
    }
    return 0;
}

/* --- rules ------------------------------------------------------------------- */

static int parse_due(struct loader *l, const struct ynode *n, const char *key, struct due_rule *d)
{
    static const char *const known[] = {"months_after", "day", "months_after_start", NULL};
    const struct ynode *start = n ? ymap_get(n, "months_after_start") : NULL;

    if (check_keys(l, n, key, known) != 0)
        return -1;
    if (start != NULL && ymap_get(n, "months_after") != NULL)
        return fail(l, n, key, "give months_after or months_after_start, not both");
    d->from_start = start != NULL;
    if (get_int(l, n, d->from_start ? "months_after_start" : "months_after", 0, 24, true,
                &d->months) != 0)
        return -1;
    return get_int(l, n, "day", 1, 31, true, &d->day);
}

static int parse_every(struct loader *l, const struct ynode *rule, struct obligation_rule *r)
{
    static const char *const words[] = {"month", "quarter", "half_year", "year", NULL};
    const char *every;

    if (get_text(l, rule, "every", true, &every) != 0)
        return -1;
    for (int i = 0; words[i]; i++)
        if (strcmp(every, words[i]) == 0) {
            r->every = (enum recurrence)i;
            return 0;
        }
    return fail(l, ymap_get(rule, "every"), "every", "expected month, quarter, half_year or year");
}

static int parse_months(struct loader *l, const struct ynode *rule, struct obligation_rule *r)
{
    const struct ynode *v = ymap_get(rule, "months");

    if (v == NULL)
        return 0;
    if (r->every != EVERY_MONTH || v->kind != Y_SEQ || v->n == 0)
        return fail(l, v, "months", "a list of calendar months (1-12), for every: month only");
    for (size_t i = 0; i < v->n; i++) {
        char *end;
        long m = strtol(v->items[i]->text ? v->items[i]->text : "", &end, 10);
        if (v->items[i]->kind != Y_SCALAR || *end != '\0' || m < 1 || m > 12)
            return fail(l, v->items[i], "months", "expected a month from 1 to 12");
        r->only_months[m] = true;
    }
    return 0;
}

static int parse_except(struct loader *l, const struct ynode *rule, struct obligation_rule *r)
{
    static const char *const known[] = {"last_month", "due", NULL};
    const struct ynode *v = ymap_get(rule, "except");

    if (v == NULL)
        return 0;
    if (v->kind != Y_SEQ || v->n > DUE_EXCEPTIONS_MAX)
        return fail(l, v, "except", "expected a list of at most 4 {last_month, due}");
    for (size_t i = 0; i < v->n; i++) {
        struct due_exception *x = &r->except[r->n_except++];
        if (check_keys(l, v->items[i], "except", known) != 0
            || get_int(l, v->items[i], "last_month", 1, 12, true, &x->last_month) != 0
            || parse_due(l, ymap_get(v->items[i], "due"), "due", &x->due) != 0)
            return -1;
    }
    return 0;
}

/* The applies expression, checked as a condition over the profile. */
static int parse_applies(struct loader *l, const struct ynode *rule, struct obligation_rule *r)
{
    const struct ynode *v = ymap_get(rule, "applies");
    struct scope empty = {0};
    struct checker ck = {l->set->arena, &empty};
    struct expr_src *src = arena_alloc(l->set->arena, sizeof *src);
    struct node *ast;
    struct err inner;
    size_t at = 0;

    if (v == NULL || v->kind != Y_SCALAR)
        return fail(l, v ? v : rule, "applies", "is required: an expression over the profile");
    if (src == NULL)
        return err_set(l->e, "out of memory");
    *src = (struct expr_src){l->file, arena_strndup(l->set->arena, v->text, v->len), v->len,
                             v->text_line, v->text_col};
    r->applies_text = src->text;
    if ((ast = parse_expression(l->set->arena, src->text, src->len, &at, &inner)) == NULL)
        return expr_src_error(src, at, l->e, "%s", inner.msg);
    if (check_expr_type(&ck, src, ast, TY_BOOL, "applies", l->e) != 0)
        return -1;
    r->applies = compile_expr(l->set->arena, &empty, src, ast, l->e);
    return r->applies ? 0 : -1;
}

static int parse_rule(struct loader *l, const struct ynode *n, struct obligation_rule *r)
{
    static const char *const known[] = {"name", "applies", "from", "to", "every", "months",
                                        "instalment", "due", "except", "source", "unconfirmed",
                                        "optional", "note", NULL};

    if (check_keys(l, n, "rules", known) != 0 || get_text(l, n, "name", true, &r->name) != 0
        || parse_applies(l, n, r) != 0 || get_date(l, n, "from", true, &r->from) != 0
        || get_date(l, n, "to", false, &r->to) != 0 || parse_every(l, n, r) != 0
        || parse_months(l, n, r) != 0 || get_int(l, n, "instalment", 1, 12, false, &r->instalment)
        || parse_due(l, ymap_get(n, "due"), "due", &r->due) != 0 || parse_except(l, n, r) != 0
        || get_text(l, n, "source", true, &r->source) != 0
        || get_text(l, n, "note", false, &r->note) != 0)
        return -1;
    if (get_bool(l, n, "unconfirmed", &r->unconfirmed) != 0
        || get_bool(l, n, "optional", &r->optional) != 0)
        return -1;
    if (r->unconfirmed && r->note == NULL)
        return fail(l, n, "unconfirmed", "say in `note` what is not confirmed");
    if (r->to != DATE_UNKNOWN && r->to < r->from)
        return fail(l, ymap_get(n, "to"), "to", "is before from");
    return 0;
}

/* --- late fees and interest ---------------------------------------------------- */

static int get_money(struct loader *l, const struct ynode *map, const char *key, bool required,
                     int64_t *out)
{
    const struct ynode *v = ymap_get(map, key);
    struct err inner;

    if (v == NULL)
        return required ? fail(l, map, key, "is required") : 0;
    if (v->kind != Y_SCALAR || money_parse(v->text, v->len, false, out, &inner) != 0)
        return fail(l, v, key, "expected an amount in rupees");
    return 0;
}

static int parse_caps(struct loader *l, const struct ynode *n, struct late_fee_version *f)
{
    static const char *const known[] = {"aato_upto", "max", NULL};
    const struct ynode *caps = ymap_get(n, "caps");

    if (caps == NULL || caps->kind != Y_SEQ || caps->n == 0 || caps->n > LATE_FEE_CAPS_MAX)
        return fail(l, caps ? caps : n, "caps", "expected a list of 1 to 6 {aato_upto, max}");
    for (size_t i = 0; i < caps->n; i++) {
        struct late_fee_cap *c = &f->caps[i];
        c->aato_upto = -1;
        if (check_keys(l, caps->items[i], "caps", known) != 0
            || get_money(l, caps->items[i], "aato_upto", false, &c->aato_upto) != 0
            || get_money(l, caps->items[i], "max", true, &c->max) != 0)
            return -1;
        if (i > 0 && (f->caps[i - 1].aato_upto < 0 || (c->aato_upto >= 0 && c->aato_upto <= f->caps[i - 1].aato_upto)))
            return fail(l, caps->items[i], "caps", "turnover limits must rise, the open-ended one last");
        f->n_caps = (int)i + 1;
    }
    if (f->caps[f->n_caps - 1].aato_upto >= 0)
        return fail(l, caps, "caps", "the last cap must have no aato_upto (it covers the rest)");
    return 0;
}

static int parse_money_rules(struct loader *l, const struct ynode *root, struct obligation *o)
{
    static const char *const fee_keys[] = {"from", "per_day", "per_day_nil", "nil_max", "caps",
                                           "source", NULL};
    static const char *const int_keys[] = {"from", "rate_percent", "source", NULL};
    const struct ynode *fees = ymap_get(root, "late_fee"), *rates = ymap_get(root, "interest");

    if (fees != NULL && (fees->kind != Y_SEQ || fees->n > 4))
        return fail(l, fees, "late_fee", "expected a list of at most 4 dated versions");
    for (size_t i = 0; fees != NULL && i < fees->n; i++) {
        struct late_fee_version *f = &o->late_fee[o->n_late_fee++];
        if (check_keys(l, fees->items[i], "late_fee", fee_keys) != 0
            || get_date(l, fees->items[i], "from", true, &f->from) != 0
            || get_money(l, fees->items[i], "per_day", true, &f->per_day) != 0
            || get_money(l, fees->items[i], "per_day_nil", true, &f->per_day_nil) != 0
            || get_money(l, fees->items[i], "nil_max", true, &f->nil_max) != 0
            || parse_caps(l, fees->items[i], f) != 0
            || get_text(l, fees->items[i], "source", true, &f->source) != 0)
            return -1;
        if (i > 0 && f->from <= o->late_fee[i - 1].from)
            return fail(l, fees->items[i], "from", "versions must be in date order");
    }
    if (rates != NULL && (rates->kind != Y_SEQ || rates->n > 4))
        return fail(l, rates, "interest", "expected a list of at most 4 dated versions");
    for (size_t i = 0; rates != NULL && i < rates->n; i++) {
        struct interest_version *r = &o->interest[o->n_interest++];
        if (check_keys(l, rates->items[i], "interest", int_keys) != 0
            || get_date(l, rates->items[i], "from", true, &r->from) != 0
            || get_int(l, rates->items[i], "rate_percent", 0, 100, true, &r->rate_bp) != 0
            || get_text(l, rates->items[i], "source", true, &r->source) != 0)
            return -1;
        r->rate_bp *= 100;
        if (i > 0 && r->from <= o->interest[i - 1].from)
            return fail(l, rates->items[i], "from", "versions must be in date order");
    }
    return 0;
}

/* --- extensions ------------------------------------------------------------------ */

static int parse_extension(struct loader *l, const struct obligation *o, const struct ynode *n,
                           struct extension *x)
{
    static const char *const known[] = {"rule", "period", "due", "source", NULL};
    const char *period;
    int i;

    if (check_keys(l, n, "extensions", known) != 0 || get_text(l, n, "rule", true, &x->rule) != 0
        || get_text(l, n, "period", true, &period) != 0 || get_date(l, n, "due", true, &x->due)
        || get_text(l, n, "source", true, &x->source) != 0)
        return -1;
    for (i = 0; i < o->n_rules && strcmp(o->rule[i].name, x->rule) != 0; i++)
        ;
    if (i == o->n_rules)
        return fail(l, ymap_get(n, "rule"), "rule", "names no rule of this obligation");
    if (strlen(period) >= sizeof x->period)
        return fail(l, ymap_get(n, "period"), "period", "too long");
    snprintf(x->period, sizeof x->period, "%s", period);
    return 0;
}

static int parse_lists(struct loader *l, const struct ynode *root, struct obligation *o)
{
    const struct ynode *rules = ymap_get(root, "rules"), *ext = ymap_get(root, "extensions");

    if (rules == NULL || rules->kind != Y_SEQ || rules->n == 0 || rules->n > OBLIGATION_RULES_MAX)
        return fail(l, rules ? rules : root, "rules", "expected a list of 1 to 16 rules");
    for (size_t i = 0; i < rules->n; i++) {
        if (parse_rule(l, rules->items[i], &o->rule[i]) != 0)
            return -1;
        for (size_t j = 0; j < i; j++)
            if (strcmp(o->rule[j].name, o->rule[i].name) == 0)
                return fail(l, rules->items[i], "name", "two rules have this name");
        o->n_rules = (int)i + 1;
    }
    if (ext == NULL || yscalar_is_null(ext))
        return 0;
    if (ext->kind != Y_SEQ || ext->n > OBLIGATION_EXTENSIONS_MAX)
        return fail(l, ext, "extensions", "expected a list of at most 32 extensions");
    for (size_t i = 0; i < ext->n; i++) {
        if (parse_extension(l, o, ext->items[i], &o->ext[i]) != 0)
            return -1;
        o->n_ext = (int)i + 1;
    }
    return 0;
}

int obligation_set_add(struct obligation_set *set, const char *file, const char *text, size_t len,
                       struct err *e)
{
    static const char *const known[] = {"id", "name", "name_hi", "what", "what_hi", "rules",
                                        "extensions", "late_fee", "interest", NULL};
    struct loader l = {set, file, e};
    struct ynode *root;
    struct obligation *o;

    if (set->n == OBLIGATIONS_MAX)
        return err_set(e, "%s: more than %d obligations", file, OBLIGATIONS_MAX);
    if (yaml_tree_load(set->arena, file, text, len, &root, e) != 0)
        return -1;
    o = &set->o[set->n];
    memset(o, 0, sizeof *o);
    o->file = arena_strdup(set->arena, file);
    if (check_keys(&l, root, "obligation", known) != 0 || get_text(&l, root, "id", true, &o->id)
        || get_text(&l, root, "name", true, &o->name) || get_text(&l, root, "name_hi", true, &o->name_hi)
        || get_text(&l, root, "what", true, &o->what) || get_text(&l, root, "what_hi", true, &o->what_hi)
        || parse_lists(&l, root, o) != 0 || parse_money_rules(&l, root, o) != 0)
        return -1;
    if (obligation_find(set, o->id) != NULL)
        return fail(&l, ymap_get(root, "id"), "id", "another obligation has this id");
    set->n++;
    return 0;
}

/* --- the set ----------------------------------------------------------------------- */

struct obligation_set *obligation_set_new(struct err *e)
{
    struct obligation_set *set = mem_calloc(1, sizeof *set);

    if (set == NULL || (set->arena = arena_new(1 << 16)) == NULL
        || (set->o = mem_calloc(OBLIGATIONS_MAX, sizeof *set->o)) == NULL) {
        obligation_set_free(set);
        err_set(e, "out of memory");
        return NULL;
    }
    return set;
}

void obligation_set_free(struct obligation_set *set)
{
    if (set == NULL)
        return;
    arena_free(set->arena);
    mem_free(set->o);
    mem_free(set);
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const struct obligation *)a)->id, ((const struct obligation *)b)->id);
}

int obligation_set_load(struct obligation_set **out, struct err *e)
{
    size_t n;
    const struct embedded_file *f = embedded_files(&n);
    struct obligation_set *set = obligation_set_new(e);

    *out = NULL;
    if (set == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(f[i].name);
        if (strncmp(f[i].name, "obligations/", 12) != 0 || len < 5
            || strcmp(f[i].name + len - 5, ".yaml") != 0)
            continue;
        if (obligation_set_add(set, f[i].name, f[i].data, f[i].len, e) != 0) {
            obligation_set_free(set);
            return -1;
        }
    }
    qsort(set->o, set->n, sizeof *set->o, cmp_id);
    *out = set;
    return 0;
}

const struct obligation *obligation_find(const struct obligation_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->o[i].id != NULL && strcmp(set->o[i].id, id) == 0)
            return &set->o[i];
    return NULL;
}

/* --- periods and due dates ------------------------------------------------------------- */

static int period_months(enum recurrence every)
{
    static const int months[] = {[EVERY_MONTH] = 1, [EVERY_QUARTER] = 3, [EVERY_HALF_YEAR] = 6,
                                 [EVERY_YEAR] = 12};
    return months[every];
}

int32_t obligation_period_last(enum recurrence every, int32_t start)
{
    return date_month_last(date_month_index(start) + period_months(every) - 1);
}

void obligation_period_label(enum recurrence every, int32_t start, int instalment, char out[16])
{
    char fy[8];
    int y, m, d;

    date_to_ymd(start, &y, &m, &d);
    date_fy_label(date_fy_start_year(start), fy);
    if (instalment > 0)
        snprintf(out, 16, "%s-I%d", fy, instalment);
    else if (every == EVERY_MONTH)
        snprintf(out, 16, "%04d-%02d", y, m);
    else if (every == EVERY_QUARTER)
        snprintf(out, 16, "%s-Q%d", fy, date_fy_quarter(start));
    else if (every == EVERY_HALF_YEAR)
        snprintf(out, 16, "%s-H%d", fy, date_fy_quarter(start) <= 2 ? 1 : 2);
    else
        snprintf(out, 16, "%s", fy);
}

static int32_t due_from(const struct due_rule *d, int32_t start, int32_t last)
{
    int month = date_month_index(d->from_start ? start : last) + d->months;
    int y, m, unused, days;

    date_to_ymd(date_month_first(month), &y, &m, &unused);
    days = date_days_in_month(y, m);
    return date_add_days(date_month_first(month), (d->day < days ? d->day : days) - 1);
}

int32_t obligation_rule_due(const struct obligation_rule *r, int32_t start)
{
    int32_t last = obligation_period_last(r->every, start);
    int y, m, d;

    date_to_ymd(last, &y, &m, &d);
    for (int i = 0; i < r->n_except; i++)
        if (r->except[i].last_month == m)
            return due_from(&r->except[i].due, start, last);
    return due_from(&r->due, start, last);
}

/* --- late fees and interest ------------------------------------------------------------- */

int64_t obligation_late_fee(const struct obligation *o, int32_t due, int64_t days_late, bool nil,
                            int64_t aato, const char **source)
{
    const struct late_fee_version *f = NULL;
    int64_t fee, cap;
    int i;

    *source = NULL;
    for (i = 0; i < o->n_late_fee; i++)
        if (o->late_fee[i].from <= due)
            f = &o->late_fee[i];
    if (f == NULL)
        return -1;
    if (days_late <= 0)
        return 0;
    *source = f->source;
    if (nil) {
        fee = days_late * f->per_day_nil;
        return fee < f->nil_max ? fee : f->nil_max;
    }
    for (i = 0; i < f->n_caps - 1 && (aato < 0 || aato > f->caps[i].aato_upto); i++)
        ;
    cap = f->caps[i].max;
    fee = days_late * f->per_day;
    return fee < cap ? fee : cap;
}

int64_t obligation_interest(const struct obligation *o, int32_t due, int64_t days_late, int64_t tax,
                            const char **source)
{
    const struct interest_version *r = NULL;
    __int128 x;

    *source = NULL;
    for (int i = 0; i < o->n_interest; i++)
        if (o->interest[i].from <= due)
            r = &o->interest[i];
    if (r == NULL || (days_late > 0 && tax < 0))
        return -1;
    if (days_late <= 0 || tax == 0)
        return 0;
    *source = r->source;
    /* tax (paise) × bp × days / (10000 × 365), to the nearest rupee (100 paise). */
    x = (__int128)tax * r->rate_bp * days_late;
    x = (x + (__int128)10000 * 365 * 50) / ((__int128)10000 * 365 * 100);
    return (int64_t)x * 100;
}
