#include "rules/eligibility.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "rules/num.h"
#include "rules/rank.h"
#include "rules/render.h"
#include "rules/vm.h"

void eligibility_params(const struct scheme *s, int32_t as_of, struct value *params,
                        uint64_t *unconfirmed)
{
    *unconfirmed = 0;
    for (size_t i = 0; i < s->scope.n_params; i++) {
        const struct param_entry *pe = param_at(&s->scope.params[i], as_of);
        params[i] = pe ? pe->v : value_unknown();
        if (pe != NULL && pe->unconfirmed)
            *unconfirmed |= (uint64_t)1 << i;
    }
}

static void vm_init(struct vm_state *st, const struct facts *f, const struct scheme_result *r)
{
    memset(st, 0, sizeof *st);
    st->facts = f;
    st->params = r->params;
    st->params_unconfirmed = r->params_unconfirmed;
}

/* Run p; on a formula error record it and return unknown. */
static struct value run(const struct program *p, struct vm_state *st, struct scheme_result *r)
{
    struct value v;
    struct err e;

    if (vm_run(p, st, &v, &e) != 0) {
        if (r->error[0] == '\0')
            snprintf(r->error, sizeof r->error, "%s", e.msg);
        return value_unknown();
    }
    return v;
}

static void gather(struct scheme_result *r, const struct vm_state *st)
{
    r->unconfirmed |= st->unconfirmed_used;
    r->caveats |= st->caveats_used;
}

static void eval_criteria(const struct scheme *s, const struct facts *f, struct scheme_result *r)
{
    bool any_false = false, any_unknown = false;

    for (size_t i = 0; i < s->n_criteria; i++) {
        struct vm_state st;
        struct value v;
        int t;
        vm_init(&st, f, r);
        v = run(s->criteria[i].when, &st, r);
        t = vm_truth(&v);
        r->crit[i].result = (int8_t)t;
        r->crit[i].slots_read = st.slots_read;
        r->crit[i].missing = t < 0 ? st.missing : 0;
        gather(r, &st);
        any_false |= t == 0;
        any_unknown |= t < 0;
        if (t < 0)
            r->missing |= st.missing;
    }
    r->status = any_false ? ST_INELIGIBLE : any_unknown ? ST_UNKNOWN : ST_ELIGIBLE;
}

/* rate × need.amount, when the benefit gives only a rate. */
static void eval_benefit(const struct scheme *s, const struct facts *f, struct scheme_result *r)
{
    const struct benefit *b = &s->benefit;
    struct vm_state st;
    struct value v;

    vm_init(&st, f, r);
    if (b->rate != NULL) {
        v = run(b->rate, &st, r);
        r->rate_known = v.tag == V_NUM;
        r->rate = r->rate_known ? v.u.n : 0;
    }
    if (b->amount != NULL) {
        v = run(b->amount, &st, r);
        r->amount_known = v.tag == V_NUM;
        r->amount = r->amount_known ? v.u.n : 0;
    } else if (r->rate_known) {
        const struct value *need = &f->v[PF_NEED_AMOUNT];
        st.slots_read |= (uint64_t)1 << PF_NEED_AMOUNT;
        if (need->tag == V_NUM && num_mul(r->rate, need->u.n, &r->amount) == NUM_OK)
            r->amount_known = true;
        else if (need->tag == V_UNKNOWN)
            st.missing |= f->missing[PF_NEED_AMOUNT];
    }
    gather(r, &st);
    /* Ask for facts only when the benefit could not be computed. */
    if ((b->rate != NULL && !r->rate_known) || !r->amount_known)
        r->missing |= st.missing;
}

void eligibility_scheme(const struct scheme *s, const struct facts *f, struct scheme_result *r)
{
    int32_t as_of = f->v[PF_AS_OF].u.d;

    memset(r, 0, sizeof *r);
    r->scheme = s;
    eligibility_params(s, as_of, r->params, &r->params_unconfirmed);
    r->in_force = as_of >= s->valid_from && as_of <= s->valid_to;
    if (!r->in_force) {
        r->status = ST_INELIGIBLE;
        return;
    }
    eval_criteria(s, f, r);
    if (r->status != ST_INELIGIBLE)
        eval_benefit(s, f, r);
    if (r->error[0] && r->status == ST_ELIGIBLE)
        r->status = ST_UNKNOWN; /* a formula failed: never claim what we could not compute */
}

/* By score; ineligible schemes (score 0) last; eligible before unknown on
 * equal scores; then by id, so the order is stable. */
static int by_rank(const void *pa, const void *pb)
{
    const struct scheme_result *a = pa, *b = pb;

    if ((a->status == ST_INELIGIBLE) != (b->status == ST_INELIGIBLE))
        return a->status == ST_INELIGIBLE ? 1 : -1;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->status != b->status)
        return a->status == ST_ELIGIBLE ? -1 : 1;
    return strcmp(a->scheme->id, b->scheme->id);
}

void eligibility_all(const struct catalog *c, const struct facts *f, const struct rank_history *h,
                     struct scheme_result *results)
{
    for (size_t i = 0; i < c->n; i++) {
        eligibility_scheme(&c->schemes[i], f, &results[i]);
        rank_score(&c->schemes[i], i, f, h, &results[i]);
    }
    qsort(results, c->n, sizeof *results, by_rank);
}

/* --- JSON ---------------------------------------------------------------- */

static json_t *num_json(int64_t n, bool money)
{
    int64_t paise;

    if (money && num_to_paise(n, &paise) == NUM_OK)
        return money_to_json(paise);
    return json_real(num_to_double(n));
}

static json_t *value_json(const struct value *v, int unit)
{
    char d[DATE_STR_LEN];

    switch (v->tag) {
    case V_UNKNOWN:
    case V_NONE: return json_null();
    case V_BOOL: return json_boolean(v->u.b);
    case V_NUM:
        if (v->u.n % NUM_SCALE == 0 && unit != UNIT_FRACTION)
            return json_integer(v->u.n / NUM_SCALE);
        return num_json(v->u.n, unit == UNIT_MONEY);
    case V_STR: return json_string(v->u.s);
    case V_DATE:
        date_format(v->u.d, d);
        return json_string(d);
    case V_SET: {
        json_t *a = json_array();
        for (size_t i = 0; a && i < v->u.set->n; i++)
            json_array_append_new(a, json_string(v->u.set->items[i]));
        return a;
    }
    }
    return json_null();
}

static json_t *missing_json(uint64_t mask)
{
    json_t *a = json_array();

    for (int bit = 0; a && bit < PF_COUNT; bit++)
        if (mask & ((uint64_t)1 << bit))
            json_array_append_new(a, json_string(facts_missing_name(bit)));
    return a;
}

static json_t *values_json(const struct facts *f, uint64_t slots)
{
    json_t *o = json_object();

    for (int s = 0; o && s < N_SLOTS; s++) {
        if (!(slots & ((uint64_t)1 << s)))
            continue;
        json_object_set_new(o, slot_info(s).name, value_json(&f->v[s], slot_info(s).unit));
    }
    return o;
}

static int missing_text(struct buf *out, uint64_t mask, bool hindi)
{
    int k = 0;

    for (int bit = 0; bit < PF_COUNT; bit++) {
        if (!(mask & ((uint64_t)1 << bit)))
            continue;
        if ((k++ && buf_puts(out, hindi ? "; " : "; ") != 0)
            || buf_puts(out, profile_field_label((enum profile_field)bit, hindi)) != 0)
            return -1;
    }
    return 0;
}

static json_t *reason(const char *criterion, const char *result, const char *text, const char *source)
{
    json_t *r = json_pack("{s:s, s:s, s:s}", "criterion", criterion, "result", result, "text", text);

    if (r != NULL && source != NULL)
        json_object_set_new(r, "source", json_string(source));
    return r;
}

/* The explanation of one criterion's result, in words. */
static int criterion_text(struct buf *text, const struct scheme *s, size_t i, const struct facts *f,
                          const struct scheme_result *r, bool hindi)
{
    const struct criterion *c = &s->criteria[i];
    const struct criterion_result *cr = &r->crit[i];
    struct vm_state st;

    vm_init(&st, f, r);
    if (cr->result >= 0)
        return render_text(text, cr->result ? (hindi ? &c->pass_hi : &c->pass) : (hindi ? &c->fail_hi : &c->fail),
                           &st, hindi);
    if (cr->missing == 0) {
        /* Nothing the user could add would settle it (no limits in force on
         * the date, or data the catalogue lacks). */
        if (buf_puts(text, hindi ? "उपलब्ध आंकड़ों से अभी तय नहीं हो सकता। (शर्त: "
                                 : "Cannot be decided from the data on record. (The rule: ") != 0)
            return -1;
    } else if (buf_puts(text, hindi ? "अभी तय नहीं हो सकता; इसके लिए चाहिए: " : "Cannot tell yet; this needs ") != 0
               || missing_text(text, cr->missing, hindi) != 0
               || buf_puts(text, hindi ? "। (शर्त: " : ". (The rule: ") != 0)
        return -1;
    if (render_text(text, hindi ? &c->pass_hi : &c->pass, &st, hindi) != 0)
        return -1;
    return buf_puts(text, ")");
}

static const char *result_name(int8_t result)
{
    return result > 0 ? "pass" : result == 0 ? "fail" : "unknown";
}

static json_t *criterion_reason(const struct scheme *s, size_t i, const struct facts *f,
                                const struct scheme_result *r, bool hindi)
{
    struct buf text = BUF_INIT;
    json_t *j;

    criterion_text(&text, s, i, f, r, hindi);
    j = reason(s->criteria[i].id, result_name(r->crit[i].result), buf_cstr(&text), s->criteria[i].source);
    if (j != NULL)
        json_object_set_new(j, "values", values_json(f, r->crit[i].slots_read));
    buf_release(&text);
    return j;
}

static json_t *not_in_force_reason(const struct scheme *s, int32_t as_of, bool hindi)
{
    struct buf text = BUF_INIT;
    json_t *j;

    buf_puts(&text, hindi ? "यह योजना " : "The scheme is not in force on ");
    render_date(&text, as_of, hindi);
    buf_puts(&text, hindi ? " को लागू नहीं है (लागू: " : " (in force from ");
    render_date(&text, s->valid_from, hindi);
    if (s->valid_to != INT32_MAX) {
        buf_puts(&text, hindi ? " से " : " to ");
        render_date(&text, s->valid_to, hindi);
    }
    buf_puts(&text, hindi ? " तक)।" : ").");
    j = reason("in_force", "fail", buf_cstr(&text), s->sources[0]);
    buf_release(&text);
    return j;
}

static void append_flag(json_t *reasons, const char *id, const char *note, bool hindi)
{
    struct buf text = BUF_INIT;
    json_t *j;

    buf_printf(&text, hindi ? "अपुष्ट: %s" : "Unconfirmed: %s", note);
    j = reason(id, "pass", buf_cstr(&text), NULL);
    if (j != NULL) {
        json_object_set_new(j, "unconfirmed", json_true());
        json_array_append_new(reasons, j);
    }
    buf_release(&text);
}

/* Every unconfirmed parameter the answer relied on, said plainly. */
static void add_unconfirmed(json_t *reasons, const struct scheme *s, const struct facts *f,
                            const struct scheme_result *r, bool hindi)
{
    int32_t as_of = f->v[PF_AS_OF].u.d;

    for (size_t i = 0; i < s->scope.n_params; i++) {
        const struct param *p = &s->scope.params[i];
        const struct param_entry *pe = param_at(p, as_of);
        struct buf text = BUF_INIT;
        json_t *j;
        char id[96];
        if (!(r->unconfirmed & ((uint64_t)1 << i)) || pe == NULL)
            continue;
        buf_printf(&text, hindi ? "अपुष्ट मान प्रयुक्त: %s = " : "Uses an unconfirmed value: %s = ", p->name);
        render_value(&text, &pe->v, pe->unit, hindi);
        buf_printf(&text, " (%s)", pe->note ? pe->note : "");
        snprintf(id, sizeof id, "unconfirmed:%s", p->name);
        j = reason(id, "pass", buf_cstr(&text), pe->source);
        if (j != NULL) {
            json_object_set_new(j, "unconfirmed", json_true());
            json_array_append_new(reasons, j);
        }
        buf_release(&text);
    }
    if (s->benefit.unconfirmed_note != NULL && r->status != ST_INELIGIBLE)
        append_flag(reasons, "unconfirmed:benefit", s->benefit.unconfirmed_note, hindi);
    if (s->validity_note != NULL)
        append_flag(reasons, "unconfirmed:validity", s->validity_note, hindi);
    for (int slot = 0; slot < N_SLOTS; slot++) {
        json_t *j;
        char id[96];
        if (!(r->caveats & ((uint64_t)1 << slot)))
            continue;
        snprintf(id, sizeof id, "unconfirmed:%s", slot_info(slot).name);
        j = reason(id, "pass", f->caveat[slot], NULL);
        if (j != NULL) {
            json_object_set_new(j, "unconfirmed", json_true());
            json_array_append_new(reasons, j);
        }
    }
}

static json_t *benefit_json(const struct scheme *s, const struct facts *f, const struct scheme_result *r,
                            bool hindi)
{
    json_t *b = json_object();
    struct buf text = BUF_INIT;
    struct vm_state st;

    json_object_set_new(b, "kind", json_string(benefit_kind_name(s->benefit.kind)));
    json_object_set_new(b, "amount", r->amount_known ? num_json(r->amount, true) : json_null());
    json_object_set_new(b, "rate", r->rate_known ? json_real(num_to_double(r->rate)) : json_null());
    vm_init(&st, f, r);
    /* For a scheme this enterprise cannot get, say what it offers instead
     * of a formula with no value. */
    if (r->status == ST_INELIGIBLE)
        buf_puts(&text, hindi ? s->summary_hi : s->summary);
    else
        render_text(&text, hindi ? &s->benefit.text_hi : &s->benefit.text, &st, hindi);
    json_object_set_new(b, "text", json_string(buf_cstr(&text)));
    buf_release(&text);
    return b;
}

static json_t *scheme_json(const struct scheme_result *r, const struct facts *f, bool hindi)
{
    const struct scheme *s = r->scheme;
    json_t *o = json_object(), *reasons = json_array(), *decl = json_array();
    struct buf why = BUF_INIT;

    json_object_set_new(o, "id", json_string(s->id));
    json_object_set_new(o, "name", json_string(hindi ? s->name_hi : s->name));
    json_object_set_new(o, "status", json_string(status_name(r->status)));
    json_object_set_new(o, "score", json_real((double)(int)(r->score * 1000 + 0.5) / 1000));
    rank_reason(&why, s, f, r, hindi);
    json_object_set_new(o, "rank_reason", json_string(buf_cstr(&why)));
    buf_release(&why);
    json_object_set_new(o, "benefit", benefit_json(s, f, r, hindi));
    if (!r->in_force) {
        json_array_append_new(reasons, not_in_force_reason(s, f->v[PF_AS_OF].u.d, hindi));
        if (s->validity_note != NULL)
            append_flag(reasons, "unconfirmed:validity", s->validity_note, hindi);
    } else {
        for (size_t i = 0; i < s->n_criteria; i++)
            json_array_append_new(reasons, criterion_reason(s, i, f, r, hindi));
        add_unconfirmed(reasons, s, f, r, hindi);
    }
    if (r->error[0]) {
        json_t *j = reason("formula_error", "unknown", r->error, NULL);
        json_object_set_new(j, "error", json_true());
        json_array_append_new(reasons, j);
    }
    json_object_set_new(o, "reasons", reasons);
    json_object_set_new(o, "missing", missing_json(r->status == ST_INELIGIBLE ? 0 : r->missing));
    for (size_t i = 0; i < s->n_declarations; i++)
        json_array_append_new(decl, json_string(hindi ? s->declarations[i].text_hi : s->declarations[i].text));
    json_object_set_new(o, "declarations", decl);
    return o;
}

json_t *eligibility_json(const struct catalog *c, const struct facts *f,
                         const struct scheme_result *results, bool hindi)
{
    json_t *root = json_object(), *schemes = json_array();
    char d[DATE_STR_LEN];

    date_format(f->v[PF_AS_OF].u.d, d);
    json_object_set_new(root, "as_of", json_string(d));
    json_object_set_new(root, "class", value_json(&f->v[SLOT_CLASS], UNIT_PLAIN));
    for (size_t i = 0; i < c->n; i++)
        json_array_append_new(schemes, scheme_json(&results[i], f, hindi));
    json_object_set_new(root, "schemes", schemes);
    return root;
}

/* --- text ---------------------------------------------------------------- */

/* The status as a reader says it. */
static const char *status_label(enum status st, bool hindi)
{
    switch (st) {
    case ST_ELIGIBLE: return hindi ? "पात्र" : "ELIGIBLE";
    case ST_INELIGIBLE: return hindi ? "पात्र नहीं" : "NOT ELIGIBLE";
    default: return hindi ? "अभी तय नहीं" : "CAN'T TELL YET";
    }
}

static int text_scheme(struct buf *out, const struct scheme_result *r, const struct facts *f, bool hindi)
{
    const struct scheme *s = r->scheme;
    struct vm_state st;

    if (buf_printf(out, "%s: %s (%s)\n", status_label(r->status, hindi), hindi ? s->name_hi : s->name, s->id) != 0)
        return -1;
    if (r->status != ST_INELIGIBLE) {
        vm_init(&st, f, r);
        if (buf_puts(out, "           ") != 0
            || render_text(out, hindi ? &s->benefit.text_hi : &s->benefit.text, &st, hindi) != 0
            || buf_putc(out, '\n') != 0)
            return -1;
    }
    if (!r->in_force)
        return buf_puts(out, hindi ? "           ✗ इस तिथि को लागू नहीं\n\n" : "           ✗ not in force on this date\n\n");
    for (size_t i = 0; i < s->n_criteria; i++) {
        int8_t res = r->crit[i].result;
        if (buf_printf(out, "           %s ", res > 0 ? "✓" : res == 0 ? "✗" : "?") != 0
            || criterion_text(out, s, i, f, r, hindi) != 0 || buf_putc(out, '\n') != 0)
            return -1;
    }
    return buf_putc(out, '\n');
}

int eligibility_text(struct buf *out, const struct catalog *c, const struct facts *f,
                     const struct scheme_result *results, bool hindi)
{
    struct buf d = BUF_INIT, cls = BUF_INIT;
    int rc = render_date(&d, f->v[PF_AS_OF].u.d, hindi) != 0
             || render_value(&cls, &f->v[SLOT_CLASS], UNIT_PLAIN, hindi) != 0
             || buf_printf(out, hindi ? "%s की स्थिति; उद्यम की श्रेणी: %s\n\n" : "As of %s; enterprise class: %s\n\n",
                           buf_cstr(&d), buf_cstr(&cls)) != 0;

    buf_release(&d);
    buf_release(&cls);
    if (rc)
        return -1;
    for (size_t i = 0; i < c->n; i++)
        if (text_scheme(out, &results[i], f, hindi) != 0)
            return -1;
    return 0;
}

int eligibility_criterion_text(struct buf *out, const struct scheme_result *r, size_t i,
                               const struct facts *f, bool hindi)
{
    return criterion_text(out, r->scheme, i, f, r, hindi);
}

int eligibility_benefit_text(struct buf *out, const struct scheme_result *r,
                             const struct facts *f, bool hindi)
{
    const struct scheme *s = r->scheme;
    struct vm_state st;

    vm_init(&st, f, r);
    return render_text(out, hindi ? &s->benefit.text_hi : &s->benefit.text, &st, hindi);
}
