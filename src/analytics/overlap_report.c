/* overlap_report.c: the overlap report and its JSON (overlap_report.h). */
#include "analytics/overlap_report.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics/suppress.h"
#include "core/alloc.h"
#include "core/date.h"
#include "core/money.h"
#include "core/profile.h"

const char *overlap_segment_code(enum overlap_segment s)
{
    static const char *const codes[SEG_COUNT] = {"women", "sc_st", "rural", "ner", "traditional"};
    return s < SEG_COUNT ? codes[s] : "";
}

void overlap_report_free(struct overlap_report *r)
{
    if (r == NULL)
        return;
    mem_free(r->eligibility);
    mem_free(r->possible);
    mem_free(r->possible_count);
    mem_free(r->beneficiary);
    mem_free(r->objective);
    mem_free(r->eligible);
    mem_free(r->availed);
    mem_free(r->by_scheme);
    mem_free(r->funding);
    mem_free(r->alerts);
    mem_free(r->districts);
    mem_free(r->district_scheme);
    mem_free(r->eligible_mask);
    mem_free(r->applied_mask);
    memset(r, 0, sizeof *r);
}

/* --- building --------------------------------------------------------------- */

/* The column index of enterprise `id`, or -1 (the columns are in id order). */
static long find_index(const struct batch_columns *c, int64_t id)
{
    size_t lo = 0, hi = c->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->id[lo] == id ? (long)lo : -1;
}

static bool columns_sorted(const struct batch_columns *c)
{
    for (size_t i = 1; i < c->n; i++)
        if (c->id[i - 1] >= c->id[i])
            return false;
    return true;
}

/* Eligible masks from the statuses, and the not-ruled-out ones (eligible
 * or unknown): the one pass over enterprises. */
static void eligible_masks(const struct overlap_input *in, uint64_t *mask, uint64_t *possible)
{
    size_t ns = in->cat->n;

    for (size_t i = 0; i < in->cols->n; i++) {
        uint64_t m = 0, p = 0;
        for (size_t s = 0; s < ns; s++) {
            uint8_t st = in->status[i * ns + s];
            m |= (uint64_t)(st == ST_ELIGIBLE) << s;
            p |= (uint64_t)(st != ST_INELIGIBLE) << s;
        }
        mask[i] = m;
        possible[i] = p;
    }
}

/* Applied (any uptake) and availed (a benefit received) masks. */
static void uptake_masks(const struct overlap_input *in, uint64_t *applied, uint64_t *availed)
{
    for (size_t k = 0; k < in->n_funding; k++) {
        long i = find_index(in->cols, in->funding[k].enterprise_id);
        if (i >= 0) {
            applied[i] |= (uint64_t)1 << in->funding[k].scheme;
            availed[i] |= (uint64_t)1 << in->funding[k].scheme;
        }
    }
    for (size_t k = 0; k < in->n_apps; k++) {
        long i = find_index(in->cols, in->apps[k].enterprise_id);
        if (i < 0)
            continue;
        if (in->apps[k].applied)
            applied[i] |= (uint64_t)1 << in->apps[k].scheme;
        if (in->apps[k].availed)
            availed[i] |= (uint64_t)1 << in->apps[k].scheme;
    }
}

/* Pairs of a mask family, and each scheme's count. */
static int pairs_of(const uint64_t *mask, size_t n, size_t ns, struct overlap_pair **pairs, size_t *n_pairs,
                    int64_t *count)
{
    struct overlap_sets s;
    int rc;

    if (overlap_sets_from_masks(&s, mask, n, ns) != 0)
        return -1;
    for (size_t k = 0; k < ns; k++)
        count[k] = (int64_t)overlap_sets_count(&s, k);
    rc = overlap_pairs(&s, pairs, n_pairs);
    overlap_sets_release(&s);
    return rc;
}

static void district_name(const struct batch_columns *c, size_t i, char out[64])
{
    const char *s = c->district[i] ? c->district[i]->name : c->pool.data + c->district_at[i];
    size_t k = 0;

    for (; s[k] && k < 63; k++)
        out[k] = (char)toupper((unsigned char)s[k]);
    out[k] = '\0';
}

/* The column values the segments test, looked up once per report. */
struct segment_codes {
    int8_t female, sc, st, rural;
    uint8_t *traditional;       /* per enterprise: 1 in a traditional cluster */
};

/* 0, or -1 when memory runs out. */
static int segment_codes_of(const struct overlap_input *in, struct segment_codes *k)
{
    k->traditional = mem_calloc(in->cols->n + 1, 1);
    if (k->traditional == NULL)
        return -1;
    for (size_t t = 0; t < in->n_traditional; t++) {
        long i = find_index(in->cols, in->traditional[t]);
        if (i >= 0)
            k->traditional[i] = 1;
    }
    k->female = (int8_t)profile_enum_index(PF_OWNER_GENDER, "female");
    k->sc = (int8_t)profile_enum_index(PF_OWNER_CATEGORY, "sc");
    k->st = (int8_t)profile_enum_index(PF_OWNER_CATEGORY, "st");
    k->rural = (int8_t)profile_enum_index(PF_AREA, "rural");
    return 0;
}

static bool in_segment(const struct overlap_input *in, const struct segment_codes *k, size_t i,
                       enum overlap_segment g)
{
    const struct batch_columns *c = in->cols;
    const struct state_info *st;

    switch (g) {
    case SEG_WOMEN: return c->gender[i] == k->female;
    case SEG_SC_ST: return c->category[i] == k->sc || c->category[i] == k->st;
    case SEG_RURAL: return c->area[i] == k->rural;
    case SEG_NER: st = refdata_state_by_gst(in->ref, c->state[i]); return st != NULL && st->ner;
    case SEG_TRADITIONAL: return k->traditional[i] != 0;
    default: return false;
    }
}

static void cell_add(struct awareness_cell *c, uint64_t eligible, uint64_t gap)
{
    c->enterprises++;
    c->eligible += eligible != 0;
    c->gap += gap != 0;
    c->eligible_pairs += __builtin_popcountll(eligible);
    c->gap_pairs += __builtin_popcountll(gap);
}

/* A district as the columns hold it: the reference district when the
 * name was found (compared by address, cheap), else the name on file. */
struct dkey {
    int state;
    const struct district_info *d;
    const char *raw;
    size_t index;
};

static int cmp_place(const struct dkey *a, const struct dkey *b)
{
    if (a->state != b->state)
        return a->state < b->state ? -1 : 1;
    if (a->d != b->d) {
        if (a->d == NULL || b->d == NULL)
            return a->d == NULL ? 1 : -1;
        return a->d < b->d ? -1 : 1;
    }
    return a->d == NULL ? strcasecmp(a->raw, b->raw) : 0;
}

static int cmp_dkey(const void *pa, const void *pb)
{
    const struct dkey *a = pa, *b = pb;
    int c = cmp_place(a, b);

    if (c != 0)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* One row per (state, district) present in the population. */
static int awareness_districts(const struct overlap_input *in, struct overlap_report *r)
{
    size_t n = in->cols->n;
    struct dkey *k = mem_calloc(n ? n : 1, sizeof *k);

    if (k == NULL || (r->districts = mem_calloc(n ? n : 1, sizeof *r->districts)) == NULL
        || (r->district_scheme = mem_calloc((n ? n : 1) * r->n_schemes, sizeof *r->district_scheme)) == NULL) {
        mem_free(k);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        k[i] = (struct dkey){in->cols->state[i], in->cols->district[i],
                             in->cols->pool.data + in->cols->district_at[i], i};
    qsort(k, n, sizeof *k, cmp_dkey);
    for (size_t i = 0; i < n; i++) {
        struct awareness_district *d;
        size_t x = k[i].index;
        uint64_t gap = r->eligible_mask[x] & ~r->applied_mask[x];
        if (i == 0 || cmp_place(&k[i], &k[i - 1]) != 0) {
            d = &r->districts[r->n_districts++];
            d->state = k[i].state;
            district_name(in->cols, x, d->district);
        }
        d = &r->districts[r->n_districts - 1];
        cell_add(&d->c, r->eligible_mask[x], gap);
        for (uint64_t m = r->eligible_mask[x]; m != 0; m &= m - 1) {
            struct awareness_count *c =
                &r->district_scheme[(r->n_districts - 1) * r->n_schemes + (size_t)__builtin_ctzll(m)];
            c->eligible++;
            c->gap += (gap & m & -m) != 0;
        }
    }
    mem_free(k);
    return 0;
}

static int awareness_totals(const struct overlap_input *in, struct overlap_report *r)
{
    struct segment_codes k;

    if (segment_codes_of(in, &k) != 0)
        return -1;
    for (size_t i = 0; i < in->cols->n; i++) {
        uint64_t el = r->eligible_mask[i], gap = el & ~r->applied_mask[i];
        cell_add(&r->total, el, gap);
        for (int g = 0; g < SEG_COUNT; g++)
            if (in_segment(in, &k, i, (enum overlap_segment)g))
                cell_add(&r->segment[g], el, gap);
        for (uint64_t m = el; m != 0; m &= m - 1) {
            struct awareness_cell *c = &r->by_scheme[__builtin_ctzll(m)];
            c->eligible++;
            c->eligible_pairs++;
        }
        for (uint64_t m = gap; m != 0; m &= m - 1) {
            struct awareness_cell *c = &r->by_scheme[__builtin_ctzll(m)];
            c->gap++;
            c->gap_pairs++;
        }
    }
    for (size_t s = 0; s < r->n_schemes; s++)
        r->by_scheme[s].enterprises = (int64_t)in->cols->n;
    mem_free(k.traditional);
    return 0;
}

/* --- the small-cell rule (overlap_awareness_suppress) ----------------------- */

static bool small_count(int64_t n)
{
    return n > 0 && suppress_cell(n);
}

/* One line of a table whose total is published (cells v[first + k·step],
 * k < count): when exactly one non-empty cell of it is withheld, withhold
 * the smallest shown non-empty one too. True when it withheld one. */
static bool complete_line(const int64_t *v, bool *hide, size_t first, size_t count, size_t step)
{
    size_t hidden = 0, best = SIZE_MAX;

    for (size_t k = 0, i = first; k < count; k++, i += step) {
        if (v[i] == 0)
            continue;
        if (hide[i])
            hidden++;
        else if (best == SIZE_MAX || v[i] < v[best])
            best = i;
    }
    if (hidden != 1 || best == SIZE_MAX)
        return false;
    hide[best] = true;
    return true;
}

/* The lines of a column over the districts (stride `step`, starting at
 * `first`): each state's districts (a state reader's view shows the state's
 * total) and all of them (the report's total). True when one was withheld. */
static bool complete_column(const struct overlap_report *r, const int64_t *v, bool *hide, size_t first, size_t step)
{
    bool changed = false;
    size_t n = r->n_districts;

    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && r->districts[b].state == r->districts[a].state; b++)
            ;
        changed |= complete_line(v, hide, first + a * step, b - a, step);
    }
    return complete_line(v, hide, first, n, step) || changed;
}

/* One measure of the districts' cells (which: 0 enterprises, 1 eligible,
 * 2 gap) into v. */
static void district_measure(const struct overlap_report *r, int which, int64_t *v)
{
    for (size_t d = 0; d < r->n_districts; d++) {
        const struct awareness_cell *c = &r->districts[d].c;
        v[d] = which == 0 ? c->enterprises : which == 1 ? c->eligible : c->gap;
    }
}

static void suppress_districts(struct overlap_report *r, int64_t *v, bool *hide)
{
    static const uint8_t bit[3] = {AW_HIDE_ENTERPRISES, AW_HIDE_ELIGIBLE, AW_HIDE_GAP};

    for (int which = 0; which < 3; which++) {
        district_measure(r, which, v);
        /* Each state's districts first, with the state's total: a small
         * district's complement is then found in its own state, and the
         * national line is usually complete already. */
        for (size_t a = 0, b; a < r->n_districts; a = b) {
            for (b = a + 1; b < r->n_districts && r->districts[b].state == r->districts[a].state; b++)
                ;
            suppress_row(&v[a], b - a, true, &hide[a]);
        }
        while (complete_column(r, v, hide, 0, 1))
            ;
        for (size_t d = 0; d < r->n_districts; d++)
            if (hide[d])
                r->districts[d].c.hide |= bit[which];
    }
}

/* District × scheme, for eligible (gap = false) or gap: rows add up to
 * the district's pair count, columns to the scheme's count. */
static void suppress_matrix(struct overlap_report *r, bool gap, int64_t *v, bool *hide)
{
    size_t nd = r->n_districts, ns = r->n_schemes;
    bool changed = true;

    for (size_t k = 0; k < nd * ns; k++)
        v[k] = gap ? r->district_scheme[k].gap : r->district_scheme[k].eligible;
    for (size_t d = 0; d < nd; d++)
        suppress_row(&v[d * ns], ns, true, &hide[d * ns]);
    while (changed) {
        changed = false;
        for (size_t d = 0; d < nd; d++)
            changed |= complete_line(v, hide, d * ns, ns, 1);
        for (size_t s = 0; s < ns; s++)
            changed |= complete_column(r, v, hide, s, ns);
    }
    for (size_t k = 0; k < nd * ns; k++) {
        if (gap)
            r->district_scheme[k].hide_gap = hide[k];
        else
            r->district_scheme[k].hide_eligible = hide[k];
    }
}

static uint8_t small_bits(const struct awareness_cell *c)
{
    return (uint8_t)((small_count(c->enterprises) ? AW_HIDE_ENTERPRISES : 0)
                     | (small_count(c->eligible) ? AW_HIDE_ELIGIBLE : 0) | (small_count(c->gap) ? AW_HIDE_GAP : 0));
}

/* The schemes' counts add up to the total's pair counts, shown. */
static void suppress_schemes(struct overlap_report *r, int64_t *v, bool *hide)
{
    for (int gap = 0; gap < 2; gap++) {
        for (size_t s = 0; s < r->n_schemes; s++)
            v[s] = gap ? r->by_scheme[s].gap : r->by_scheme[s].eligible;
        suppress_row(v, r->n_schemes, true, hide);
        for (size_t s = 0; s < r->n_schemes; s++)
            if (hide[s])
                r->by_scheme[s].hide |= gap ? AW_HIDE_GAP : AW_HIDE_ELIGIBLE;
    }
}

int overlap_awareness_suppress(struct overlap_report *r)
{
    size_t cells = r->n_districts * r->n_schemes;
    size_t len = cells > r->n_districts ? cells : r->n_districts;
    int64_t *v;
    bool *hide;

    len = (len > r->n_schemes ? len : r->n_schemes) + 1;
    v = mem_calloc(len, sizeof *v);
    hide = mem_calloc(len, sizeof *hide);
    if (v == NULL || hide == NULL) {
        mem_free(v);
        mem_free(hide);
        return -1;
    }
    r->total.hide = small_bits(&r->total);
    for (int g = 0; g < SEG_COUNT; g++)
        r->segment[g].hide = small_bits(&r->segment[g]);
    for (size_t s = 0; s < r->n_schemes; s++)
        r->by_scheme[s].hide = small_bits(&r->by_scheme[s]) & (uint8_t)~AW_HIDE_ENTERPRISES;
    for (size_t d = 0; d < r->n_districts; d++)
        r->districts[d].c.hide = 0;
    suppress_schemes(r, v, hide);
    suppress_districts(r, v, hide);
    suppress_matrix(r, false, v, hide);
    suppress_matrix(r, true, v, hide);
    mem_free(v);
    mem_free(hide);
    return 0;
}

static int alloc_report(struct overlap_report *r, size_t n, size_t ns)
{
    r->eligible = mem_calloc(ns, sizeof *r->eligible);
    r->availed = mem_calloc(ns, sizeof *r->availed);
    r->possible_count = mem_calloc(ns, sizeof *r->possible_count);
    r->by_scheme = mem_calloc(ns, sizeof *r->by_scheme);
    r->eligible_mask = mem_calloc(n ? n : 1, sizeof *r->eligible_mask);
    r->applied_mask = mem_calloc(n ? n : 1, sizeof *r->applied_mask);
    return r->eligible && r->availed && r->possible_count && r->by_scheme && r->eligible_mask && r->applied_mask
               ? 0 : -1;
}

static int objective_pairs(struct overlap_report *r)
{
    size_t k = 0;

    if (r->n_pairs == 0)
        return 0;
    if ((r->objective = mem_calloc(r->n_pairs, sizeof *r->objective)) == NULL)
        return -1;
    for (size_t a = 0; a < r->n_schemes; a++)
        for (size_t b = a + 1; b < r->n_schemes; b++)
            overlap_objective_pair(&r->cat->schemes[a], &r->cat->schemes[b], (uint16_t)a, (uint16_t)b,
                                   &r->objective[k++]);
    return 0;
}

int overlap_report_build(const struct overlap_input *in, struct overlap_report *r, struct err *e)
{
    size_t n = in->cols->n, ns = in->cat->n, np;
    uint64_t *availed = NULL, *possible = NULL;

    memset(r, 0, sizeof *r);
    r->cat = in->cat;
    r->as_of = in->as_of;
    r->window_days = in->window_days;
    snprintf(r->need_purpose, sizeof r->need_purpose, "%s", in->need_purpose ? in->need_purpose : "");
    r->need_amount = in->need_amount;
    r->population = n;
    r->n_schemes = ns;
    r->funding = in->funding;
    r->n_funding = in->n_funding;
    if (ns > OVERLAP_MAX_SCHEMES)
        return err_set(e, "the catalogue has %zu schemes, more than the %d the overlap counts", ns,
                       OVERLAP_MAX_SCHEMES);
    if (!columns_sorted(in->cols))
        return err_set(e, "the enterprises are not in id order");
    if (alloc_report(r, n, ns) != 0 || (availed = mem_calloc(n ? n : 1, sizeof *availed)) == NULL
        || (possible = mem_calloc(n ? n : 1, sizeof *possible)) == NULL)
        goto oom;
    eligible_masks(in, r->eligible_mask, possible);
    uptake_masks(in, r->applied_mask, availed);
    if (pairs_of(r->eligible_mask, n, ns, &r->eligibility, &r->n_pairs, r->eligible) != 0
        || pairs_of(possible, n, ns, &r->possible, &np, r->possible_count) != 0
        || pairs_of(availed, n, ns, &r->beneficiary, &np, r->availed) != 0 || objective_pairs(r) != 0
        || overlap_double_funding(r->funding, r->n_funding, in->window_days, &r->alerts, &r->n_alerts) != 0
        || awareness_districts(in, r) != 0 || awareness_totals(in, r) != 0 || overlap_awareness_suppress(r) != 0)
        goto oom;
    mem_free(availed);
    mem_free(possible);
    return 0;
oom:
    mem_free(availed);
    mem_free(possible);
    return err_set(e, "out of memory");
}

/* --- outreach --------------------------------------------------------------- */

int overlap_outreach_list(const struct overlap_report *r, const struct batch_columns *cols, int state,
                          const char *district, int scheme, struct outreach_row **out, size_t *n_out)
{
    size_t cap = 0, k = 0;
    char name[64], want[64];

    for (; district[k] && k < 63; k++)
        want[k] = (char)toupper((unsigned char)district[k]);
    want[k] = '\0';
    *out = NULL;
    *n_out = 0;
    for (size_t i = 0; i < cols->n; i++) {
        uint64_t gap = r->eligible_mask[i] & ~r->applied_mask[i];
        if (scheme >= 0)
            gap &= (uint64_t)1 << scheme;
        if (gap == 0 || cols->state[i] != state)
            continue;
        district_name(cols, i, name);
        if (strcmp(name, want) != 0)
            continue;
        if (*n_out == cap) {
            size_t c = cap ? cap * 2 : 64;
            struct outreach_row *p = mem_realloc(*out, c * sizeof *p);
            if (p == NULL) {
                mem_free(*out);
                *out = NULL;
                *n_out = 0;
                return -1;
            }
            *out = p;
            cap = c;
        }
        (*out)[*n_out] = (struct outreach_row){i, gap, 0};
        (*n_out)++;
    }
    return 0;
}

static int cmp_outreach(const void *pa, const void *pb)
{
    const struct outreach_row *a = pa, *b = pb;

    if (a->benefit != b->benefit)
        return a->benefit > b->benefit ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void overlap_outreach_rank(struct outreach_row *rows, size_t n)
{
    if (n > 1)
        qsort(rows, n, sizeof *rows, cmp_outreach);
}

/* --- JSON ------------------------------------------------------------------- */

static json_t *date_json(int32_t d)
{
    char s[DATE_STR_LEN];

    if (d == DATE_UNKNOWN)
        return json_null();
    date_format(d, s);
    return json_string(s);
}

/* A count, or null when the small-cell rule withholds it (forward). */
static json_t *count_json(int64_t n);

static json_t *pair_json(const struct overlap_report *r, const struct overlap_pair *p, bool withhold)
{
    bool hide = withhold && ((suppress_cell(p->both) && p->both > 0) || (suppress_cell(p->either) && p->either > 0));

    return json_pack("{s:s,s:s,s:o,s:o,s:o}", "a", r->cat->schemes[p->a].id, "b", r->cat->schemes[p->b].id,
                     "jaccard", hide ? json_null() : json_real(p->jaccard), "both",
                     withhold ? count_json(p->both) : json_integer((json_int_t)p->both), "either",
                     /* With `both` withheld, `either` would give it back by subtraction
                      * from the two schemes' eligible counts, shown elsewhere. */
                     hide ? json_null() : json_integer((json_int_t)p->either));
}

static json_t *pairs_json(const struct overlap_report *r, const struct overlap_pair *p, bool withhold)
{
    json_t *a = json_array();

    for (size_t k = 0; a != NULL && k < r->n_pairs; k++)
        if (json_array_append_new(a, pair_json(r, &p[k], withhold)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *objective_json(const struct overlap_report *r)
{
    json_t *a = json_array();

    for (size_t k = 0; a != NULL && k < r->n_pairs; k++) {
        const struct overlap_objective *o = &r->objective[k];
        json_t *objs = json_array(), *groups = json_array();
        for (int b = 0; objs != NULL && b < OBJ_COUNT; b++)
            if (o->shared_objectives & (1u << b))
                json_array_append_new(objs, json_string(objective_name((enum objective)b)));
        for (size_t g = 0; groups != NULL && g < o->n_shared_groups; g++)
            json_array_append_new(groups, json_string(o->shared_groups[g]));
        if (json_array_append_new(a, json_pack("{s:s,s:s,s:f,s:o,s:o}", "a", r->cat->schemes[o->a].id, "b",
                                               r->cat->schemes[o->b].id, "jaccard", o->jaccard,
                                               "objectives", objs, "target_groups", groups))
            != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *funding_json(const struct overlap_report *r, const struct overlap_funding *f)
{
    return json_pack("{s:s,s:o,s:o,s:s}", "scheme", r->cat->schemes[f->scheme].id, "amount",
                     f->amount >= 0 ? money_to_json(f->amount) : json_null(), "on", date_json(f->on), "ref",
                     f->ref);
}

static json_t *alerts_json(const struct overlap_report *r)
{
    json_t *a = json_array();

    for (size_t k = 0; a != NULL && k < r->n_alerts; k++) {
        const struct overlap_funding *x = &r->funding[r->alerts[k].first], *y = &r->funding[r->alerts[k].second];
        if (json_array_append_new(a, json_pack("{s:I,s:s,s:I,s:o,s:o}", "enterprise_id",
                                               (json_int_t)x->enterprise_id, "purpose", x->purpose, "days",
                                               (json_int_t)(y->on - x->on), "a", funding_json(r, x), "b",
                                               funding_json(r, y)))
            != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* A count, or null when the small-cell rule withholds it. */
static json_t *count_json(int64_t n)
{
    return suppress_cell(n) && n > 0 ? json_null() : json_integer((json_int_t)n);
}

/* A count of an awareness cell: null when its flag withholds it (the
 * small-cell rule and its complements, overlap_awareness_suppress). */
static json_t *flagged_json(int64_t n, bool hidden)
{
    return hidden ? json_null() : count_json(n);
}

/* gap / eligible, withheld when either count is. */
static json_t *rate_json(const struct awareness_cell *c)
{
    if (c->eligible == 0 || (c->hide & (AW_HIDE_ELIGIBLE | AW_HIDE_GAP)))
        return json_null();
    return json_real((double)c->gap / (double)c->eligible);
}

/* gap_pairs / eligible_pairs: the share of eligible (enterprise, scheme)
 * pairs never taken up; withheld with the enterprise counts. */
static json_t *pair_rate_json(const struct awareness_cell *c)
{
    if (c->eligible_pairs == 0 || (c->hide & (AW_HIDE_ELIGIBLE | AW_HIDE_GAP)))
        return json_null();
    return json_real((double)c->gap_pairs / (double)c->eligible_pairs);
}

static json_t *cell_json(const struct awareness_cell *c)
{
    bool hide = c->hide & AW_HIDE_ELIGIBLE, hide_gap = c->hide & AW_HIDE_GAP;

    return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "enterprises",
                     flagged_json(c->enterprises, c->hide & AW_HIDE_ENTERPRISES), "eligible",
                     flagged_json(c->eligible, hide), "gap", flagged_json(c->gap, hide_gap), "eligible_pairs",
                     flagged_json(c->eligible_pairs, hide), "gap_pairs",
                     flagged_json(c->gap_pairs, hide || hide_gap), "gap_rate", rate_json(c),
                     "pair_gap_rate", pair_rate_json(c));
}

static json_t *awareness_json(const struct overlap_report *r)
{
    json_t *o = json_object(), *d = json_array(), *seg = json_object(), *sch = json_array();

    for (size_t k = 0; d != NULL && k < r->n_districts; k++) {
        const struct awareness_district *x = &r->districts[k];
        char st[4];
        json_t *c = cell_json(&x->c);
        snprintf(st, sizeof st, "%02d", x->state);
        if (c != NULL) {
            json_object_set_new(c, "state", json_string(st));
            json_object_set_new(c, "district", json_string(x->district));
        }
        json_array_append_new(d, c);
    }
    for (int g = 0; seg != NULL && g < SEG_COUNT; g++)
        json_object_set_new(seg, overlap_segment_code((enum overlap_segment)g), cell_json(&r->segment[g]));
    for (size_t s = 0; sch != NULL && s < r->n_schemes; s++) {
        const struct awareness_cell *x = &r->by_scheme[s];
        json_t *c = json_pack("{s:s,s:o,s:o}", "id", r->cat->schemes[s].id, "eligible",
                              flagged_json(x->eligible, x->hide & AW_HIDE_ELIGIBLE), "gap",
                              flagged_json(x->gap, x->hide & AW_HIDE_GAP));
        json_array_append_new(sch, c);
    }
    if (o == NULL || d == NULL || seg == NULL || sch == NULL) {
        json_decref(o);
        json_decref(d);
        json_decref(seg);
        json_decref(sch);
        return NULL;
    }
    json_object_set_new(o, "min_cell", json_integer(SUPPRESS_MIN_ENTERPRISES));
    json_object_set_new(o, "total", cell_json(&r->total));
    json_object_set_new(o, "segments", seg);
    json_object_set_new(o, "schemes", sch);
    json_object_set_new(o, "districts", d);
    return o;
}

static json_t *scheme_ids(const struct overlap_report *r)
{
    json_t *a = json_array();

    for (size_t s = 0; a != NULL && s < r->n_schemes; s++)
        json_array_append_new(a, json_string(r->cat->schemes[s].id));
    return a;
}

static json_t *counts_json(const struct overlap_report *r, const int64_t *c, bool withhold)
{
    json_t *o = json_object();

    for (size_t s = 0; o != NULL && s < r->n_schemes; s++)
        json_object_set_new(o, r->cat->schemes[s].id,
                            withhold ? count_json(c[s]) : json_integer((json_int_t)c[s]));
    return o;
}

/* Double funding by pair of schemes (a < b): alerts and the amount of
 * both benefits, withheld under 5 alerts; only pairs with an alert. */
static json_t *df_pairs_json(const struct overlap_report *r)
{
    int64_t *alerts = mem_calloc(r->n_pairs + 1, sizeof *alerts), *amount = mem_calloc(r->n_pairs + 1, sizeof *amount);
    json_t *a = alerts && amount ? json_array() : NULL;
    size_t n = r->n_schemes;

    for (size_t k = 0; a != NULL && k < r->n_alerts; k++) {
        const struct overlap_funding *x = &r->funding[r->alerts[k].first], *y = &r->funding[r->alerts[k].second];
        size_t lo = x->scheme < y->scheme ? x->scheme : y->scheme, hi = x->scheme < y->scheme ? y->scheme : x->scheme;
        size_t i = lo * (2 * n - lo - 1) / 2 + (hi - lo - 1);
        alerts[i]++;
        amount[i] += (x->amount > 0 ? x->amount : 0) + (y->amount > 0 ? y->amount : 0);
    }
    for (size_t k = 0; a != NULL && k < r->n_pairs; k++) {
        bool hide = suppress_cell(alerts[k]);
        if (alerts[k] == 0)
            continue;
        if (json_array_append_new(a, json_pack("{s:s,s:s,s:o,s:o}", "a", r->cat->schemes[r->eligibility[k].a].id,
                                               "b", r->cat->schemes[r->eligibility[k].b].id, "alerts",
                                               count_json(alerts[k]), "amount",
                                               hide ? json_null() : money_to_json(amount[k])))
            != 0) {
            json_decref(a);
            a = NULL;
        }
    }
    mem_free(alerts);
    mem_free(amount);
    return a;
}

static json_t *report_json(const struct overlap_report *r, bool awareness, bool withhold)
{
    json_t *o = json_pack("{s:o,s:I,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "as_of", date_json(r->as_of),
                          "population", (json_int_t)r->population, "window_days", r->window_days, "schemes",
                          scheme_ids(r), "eligible", counts_json(r, r->eligible, withhold), "possible",
                          counts_json(r, r->possible_count, withhold), "availed",
                          counts_json(r, r->availed, withhold), "eligibility",
                          pairs_json(r, r->eligibility, withhold), "eligibility_possible",
                          pairs_json(r, r->possible, withhold), "objective", objective_json(r), "beneficiary",
                          pairs_json(r, r->beneficiary, withhold), "double_funding",
                          withhold ? df_pairs_json(r) : alerts_json(r));

    if (o != NULL
        && json_object_set_new(o, "need", json_pack("{s:o,s:o}", "purpose",
                                                     r->need_purpose[0] ? json_string(r->need_purpose) : json_null(),
                                                     "amount", r->need_amount >= 0 ? money_to_json(r->need_amount)
                                                                                   : json_null()))
               != 0) {
        json_decref(o);
        return NULL;
    }
    if (o != NULL && awareness) {
        json_t *a = awareness_json(r);
        if (a == NULL || json_object_set_new(o, "awareness", a) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

json_t *overlap_report_json(const struct overlap_report *r, bool awareness)
{
    return report_json(r, awareness, false);
}

json_t *overlap_report_public_json(const struct overlap_report *r)
{
    return report_json(r, true, true);
}
