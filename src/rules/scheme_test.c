#include "rules/scheme_test.h"

#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "rules/eligibility.h"
#include "rules/facts.h"
#include "rules/num.h"
#include "rules/render.h"

/* YAML 1.2 core schema for plain scalars; quoted and block scalars are strings. */
static json_t *scalar_json(const struct ynode *n)
{
    char *end;
    long long i;
    double d;

    if (!n->plain)
        return json_string(n->text);
    if (yscalar_is_null(n))
        return json_null();
    if (strcmp(n->text, "true") == 0 || strcmp(n->text, "True") == 0)
        return json_true();
    if (strcmp(n->text, "false") == 0 || strcmp(n->text, "False") == 0)
        return json_false();
    errno = 0;
    i = strtoll(n->text, &end, 10);
    if (*end == '\0' && errno == 0 && end != n->text)
        return json_integer(i);
    d = strtod(n->text, &end);
    if (*end == '\0' && end != n->text && strspn(n->text, "+-0123456789.eE") == n->len)
        return json_real(d);
    return json_string(n->text);
}

json_t *scheme_test_profile_json(const struct ynode *n)
{
    json_t *out;

    switch (n->kind) {
    case Y_SCALAR: return scalar_json(n);
    case Y_SEQ:
        out = json_array();
        for (size_t i = 0; out && i < n->n; i++)
            json_array_append_new(out, scheme_test_profile_json(n->items[i]));
        return out;
    case Y_MAP:
        out = json_object();
        for (size_t i = 0; out && i < n->n; i++)
            json_object_set_new(out, ymap_key(n, i)->text, scheme_test_profile_json(ymap_value(n, i)));
        return out;
    }
    return NULL;
}

static void set_detail(struct test_outcome *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_detail(struct test_outcome *out, const char *fmt, ...)
{
    va_list ap;
    size_t used = strlen(out->detail);

    if (used >= sizeof out->detail - 1)
        return;
    va_start(ap, fmt);
    vsnprintf(out->detail + used, sizeof out->detail - used, fmt, ap);
    va_end(ap);
    out->passed = false;
}

static int load_profile(const struct scheme_test *t, struct profile *p, struct test_outcome *out)
{
    struct profile_issues is = {0};
    json_t *j = scheme_test_profile_json(t->profile);
    int rc = j ? profile_from_json(j, p, &is) : -1;

    json_decref(j);
    /* Warnings (an unknown key) fail a test too: a misspelt key would
     * otherwise silently test an unknown fact. */
    for (size_t i = 0; i < is.n; i++)
        set_detail(out, "profile: %s: %s; ", is.items[i].path, is.items[i].msg);
    if (is.n > 0)
        rc = -1;
    profile_issues_free(&is);
    if (rc == 0 && p->f[PF_AS_OF].state != FACT_KNOWN) {
        set_detail(out, "the test profile needs as_of");
        rc = -1;
    }
    return rc;
}

static void compare_number(struct test_outcome *out, const char *what, bool want_null, int64_t want,
                           bool known, int64_t got, bool money)
{
    struct buf g = BUF_INIT, w = BUF_INIT;
    struct value gv = value_num(got), wv = value_num(want);
    int64_t a = got, b = want;

    /* Amounts are compared to the paisa, rates exactly. */
    if (money) {
        num_to_paise(got, &a);
        num_to_paise(want, &b);
    }
    if (want_null ? !known : known && a == b)
        return;
    render_value(&g, known ? &gv : &(struct value){V_UNKNOWN, {0}}, money ? UNIT_MONEY : UNIT_FRACTION, false);
    render_value(&w, want_null ? &(struct value){V_UNKNOWN, {0}} : &wv, money ? UNIT_MONEY : UNIT_FRACTION, false);
    set_detail(out, "%s: got %s, want %s; ", what, known ? buf_cstr(&g) : "null",
               want_null ? "null" : buf_cstr(&w));
    buf_release(&g);
    buf_release(&w);
}

static bool name_in(const char *name, const char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return true;
    return false;
}

static void compare_missing(const struct scheme_test *t, const struct scheme_result *r,
                            struct test_outcome *out)
{
    /* As reported: an ineligible scheme lists nothing missing. */
    uint64_t missing = r->status == ST_INELIGIBLE ? 0 : r->missing;

    for (int bit = 0; bit < PF_COUNT; bit++) {
        bool got = missing & ((uint64_t)1 << bit);
        bool want = name_in(facts_missing_name(bit), t->missing, t->n_missing);
        if (got != want)
            set_detail(out, "missing: %s %s; ", facts_missing_name(bit), got ? "reported but not expected" : "expected but not reported");
    }
    for (size_t i = 0; i < t->n_missing; i++)
        if (slot_find(t->missing[i]) < 0 || slot_find(t->missing[i]) >= PF_COUNT)
            set_detail(out, "missing: '%s' is not a profile field; ", t->missing[i]);
}

static void compare_fails(const struct scheme *s, const struct scheme_test *t,
                          const struct scheme_result *r, struct test_outcome *out)
{
    for (size_t c = 0; c < s->n_criteria; c++) {
        bool got = r->in_force && r->crit[c].result == 0;
        bool want = name_in(s->criteria[c].id, t->fails, t->n_fails);
        if (got != want)
            set_detail(out, "criterion %s %s; ", s->criteria[c].id, got ? "fails but was not expected to" : "was expected to fail");
    }
}

void scheme_test_run(const struct refdata *ref, const struct scheme *s, const struct scheme_test *t,
                     struct test_outcome *out)
{
    struct profile p;
    struct facts f;
    struct scheme_result r;

    memset(out, 0, sizeof *out);
    out->passed = true;
    profile_init(&p);
    if (load_profile(t, &p, out) != 0) {
        out->passed = false;
        profile_clear(&p);
        return;
    }
    facts_build(ref, &p, (int32_t)p.f[PF_AS_OF].i, &f);
    eligibility_scheme(s, &f, &r);
    if (r.error[0])
        set_detail(out, "formula error: %s; ", r.error);
    if (r.status != t->status)
        set_detail(out, "status: got %s, want %s; ", status_name(r.status), status_name(t->status));
    if (t->check_amount)
        compare_number(out, "benefit.amount", t->amount_null, t->amount, r.amount_known, r.amount, true);
    if (t->check_rate)
        compare_number(out, "benefit.rate", t->rate_null, t->rate, r.rate_known, r.rate, false);
    if (t->check_missing)
        compare_missing(t, &r, out);
    if (t->check_fails)
        compare_fails(s, t, &r, out);
    profile_clear(&p);
}
