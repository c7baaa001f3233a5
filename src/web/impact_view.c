/* impact_view.c: see impact_view.h. */
#include "web/impact_view.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void get_text(const json_t *o, const char *key, char *dst, size_t cap)
{
    const char *s = json_string_value(json_object_get(o, key));

    snprintf(dst, cap, "%s", s ? s : "");
}

/* A finite number, or NAN. */
static double get_num(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    double d = json_is_number(v) ? json_number_value(v) : NAN;

    return isfinite(d) ? d : NAN;
}

static long get_long(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    return json_is_integer(v) && json_integer_value(v) >= 0 ? (long)json_integer_value(v) : 0;
}

static void get_cell(const json_t *o, struct impact_view_cell *c)
{
    c->est = get_num(o, "estimate");
    c->lo = get_num(o, "ci_low");
    c->hi = get_num(o, "ci_high");
    c->n_treated = get_long(o, "n_treated");
    c->suppressed = json_is_true(json_object_get(o, "suppressed"));
    c->has = !c->suppressed && !isnan(c->est);
    /* Only a finding the run called conclusive, with both ends, is one. */
    c->inconclusive = !json_is_false(json_object_get(o, "inconclusive")) || isnan(c->lo) || isnan(c->hi);
}

static void get_balance(const json_t *a, struct impact_view_scheme *s)
{
    size_t i;
    const json_t *b;

    json_array_foreach(a, i, b) {
        if (s->n_bal == IMPACT_VIEW_COVS || !json_is_object(b))
            break;
        get_text(b, "covariate", s->bal[s->n_bal].cov, sizeof s->bal[0].cov);
        s->bal[s->n_bal].before = get_num(b, "smd_before");
        s->bal[s->n_bal].after = get_num(b, "smd_after");
        s->n_bal++;
    }
}

static void get_segments(const json_t *a, struct impact_view_scheme *s)
{
    size_t i;
    const json_t *g;

    json_array_foreach(a, i, g) {
        if (s->n_seg == IMPACT_VIEW_SEGMENTS || !json_is_object(g))
            break;
        get_text(g, "segment", s->seg[s->n_seg].name, sizeof s->seg[0].name);
        get_cell(g, &s->seg[s->n_seg].c);
        s->n_seg++;
    }
}

static void get_scheme(const json_t *o, struct impact_view_scheme *s)
{
    const json_t *pre = json_object_get(o, "pre_trend"), *passes;

    get_text(o, "id", s->id, sizeof s->id);
    get_cell(o, &s->att);
    s->n_control = get_long(o, "n_control");
    s->not_estimable = json_is_string(json_object_get(o, "not_estimable"));
    s->pre_passes = -1;
    if (json_is_object(pre)) {
        get_cell(pre, &s->pre);
        passes = json_object_get(pre, "passes");
        s->pre_passes = json_is_boolean(passes) ? json_is_true(passes) : -1;
    }
    get_balance(json_object_get(o, "balance"), s);
    get_segments(json_object_get(o, "by_segment"), s);
}

static void get_ttb(const json_t *a, struct impact_view_ttb *out, int *n)
{
    size_t i;
    const json_t *c;

    json_array_foreach(a, i, c) {
        if (*n == IMPACT_VIEW_SCHEMES || !json_is_object(c))
            break;
        struct impact_view_ttb *t = &out[(*n)++];
        get_text(c, "scheme", t->scheme, sizeof t->scheme);
        t->n = get_long(c, "n");
        t->suppressed = json_is_true(json_object_get(c, "suppressed"));
        t->median = get_num(c, "median_days");
        t->p90 = get_num(c, "p90_days");
    }
}

/* Rows of an array of schemes into out[], at most IMPACT_VIEW_SCHEMES. */
static void get_schemes(const json_t *a, struct impact_view_scheme *out, int *n)
{
    size_t i;
    const json_t *o;

    json_array_foreach(a, i, o) {
        if (*n == IMPACT_VIEW_SCHEMES)
            break;
        if (json_is_object(o))
            get_scheme(o, &out[(*n)++]);
    }
}

int impact_view_parse(const char *text, size_t len, struct impact_view *v, struct err *e)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je), *schemes, *method, *ttb, *emp;

    memset(v, 0, sizeof *v);
    schemes = json_object_get(root, "schemes");
    if (!json_is_object(root) || !json_is_array(schemes)) {
        json_decref(root);
        return err_set(e, "impact run: not an impact document");
    }
    method = json_object_get(root, "method");
    v->draws = (int)get_long(method, "draws");
    v->half_width = get_num(method, "inconclusive_half_width");
    get_schemes(schemes, v->s, &v->n);
    /* A run stored before the EPFO feed has {"measurable": false}, no rows. */
    emp = json_object_get(root, "employment");
    v->emp_measurable = json_is_true(json_object_get(emp, "measurable"));
    get_schemes(json_object_get(emp, "schemes"), v->emp, &v->n_emp);
    ttb = json_object_get(root, "time_to_benefit");
    get_ttb(json_object_get(ttb, "by_scheme"), v->ttb, &v->n_ttb);
    get_ttb(json_object_get(json_object_get(ttb, "applications"), "by_scheme"), v->app, &v->n_app);
    json_decref(root);
    return 0;
}
