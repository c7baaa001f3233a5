#include "rules/facts.h"

#include <string.h>

#include "core/classify.h"
#include "core/date.h"
#include "rules/num.h"

/* Slot masks (vm_state.slots_read, facts_build_at's want) are 64 bits. */
_Static_assert(N_SLOTS <= 64, "more slots than mask bits");

static const char *const class_vocab[] = {"micro", "small", "medium", "large", NULL};

static const struct slot_desc derived[N_SLOTS - PF_COUNT] = {
    [SLOT_CLASS - PF_COUNT] = {"class", TY_STR, UNIT_PLAIN, class_vocab},
    [SLOT_LOC_NER - PF_COUNT] = {"location.ner", TY_BOOL, UNIT_PLAIN, NULL},
    [SLOT_LOC_ASPIRATIONAL - PF_COUNT] = {"location.aspirational", TY_BOOL, UNIT_PLAIN, NULL},
    [SLOT_LOC_HILL - PF_COUNT] = {"location.hill", TY_BOOL, UNIT_PLAIN, NULL},
    [SLOT_LOC_ISLAND - PF_COUNT] = {"location.island", TY_BOOL, UNIT_PLAIN, NULL},
    [SLOT_LOC_LWE - PF_COUNT] = {"location.lwe", TY_BOOL, UNIT_PLAIN, NULL},
    [SLOT_LOC_SPECIAL_STATE - PF_COUNT] = {"location.special_category_state", TY_BOOL, UNIT_PLAIN, NULL},
    [SLOT_AGE_YEARS - PF_COUNT] = {"enterprise.age_years", TY_NUM, UNIT_PLAIN, NULL},
    [SLOT_TURNOVER_EX_EXPORTS - PF_COUNT] = {"turnover_excluding_exports", TY_NUM, UNIT_MONEY, NULL},
};

/* Profile fields as slots: their rule type follows the field type. */
static struct slot_desc profile_slot(const struct profile_field_desc *d)
{
    struct slot_desc s = {d->path, TY_STR, UNIT_PLAIN, NULL};

    switch (d->type) {
    case PF_STRING: s.type = TY_STR; break;
    case PF_MONEY: s.type = TY_NUM; s.unit = UNIT_MONEY; break;
    case PF_INT: s.type = TY_NUM; break;
    case PF_BOOL: s.type = TY_BOOL; break;
    case PF_DATE: s.type = TY_DATE; break;
    case PF_ENUM: s.type = TY_STR; s.vocab = d->values; break;
    case PF_STRLIST: s.type = TY_SET; break;
    }
    return s;
}

struct slot_desc slot_info(int slot)
{
    size_t n;

    if (slot >= PF_COUNT)
        return derived[slot - PF_COUNT];
    return profile_slot(&profile_fields(&n)[slot]);
}

int slot_find(const char *name)
{
    const struct profile_field_desc *d = profile_field_by_path(name);

    if (d != NULL)
        return (int)d->id;
    for (int i = 0; i < N_SLOTS - PF_COUNT; i++)
        if (strcmp(derived[i].name, name) == 0)
            return PF_COUNT + i;
    return -1;
}

/* Levenshtein distance, capped, for suggestions. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

const char *slot_suggest(const char *name)
{
    const char *best = NULL;
    size_t best_d = 4;

    for (int s = 0; s < N_SLOTS; s++) {
        const char *cand = slot_info(s).name;
        size_t d = distance(name, cand);
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    return best;
}

const char *facts_missing_name(int bit)
{
    size_t n;
    return bit >= 0 && bit < PF_COUNT ? profile_fields(&n)[bit].path : "?";
}

/* --- building ------------------------------------------------------------ */

#define BIT(f) ((uint64_t)1 << (f))

static void set_unknown(struct facts *f, int slot, uint64_t why)
{
    f->v[slot] = value_unknown();
    f->missing[slot] = why;
}

static void load_field(const struct profile_field_desc *desc, const struct fact *x, int i, int *list,
                       struct facts *f)
{
    if (x->state == FACT_UNKNOWN) {
        set_unknown(f, i, BIT(i));
        return;
    }
    f->missing[i] = 0;
    if (x->state == FACT_ABSENT) {
        f->v[i] = value_none();
        return;
    }
    switch (desc->type) {
    case PF_STRING: f->v[i] = value_str(x->s); break;
    case PF_MONEY: f->v[i] = value_num(num_from_paise(x->i)); break;
    case PF_INT: f->v[i] = value_num(x->i * NUM_SCALE); break;
    case PF_BOOL: f->v[i] = value_bool(x->i != 0); break;
    case PF_DATE: f->v[i] = value_date((int32_t)x->i); break;
    case PF_ENUM: f->v[i] = value_str(desc->values[x->i]); break;
    case PF_STRLIST:
        f->lists[*list].n = x->n;
        f->lists[*list].items = (const char *const *)x->list;
        f->v[i] = value_set(&f->lists[*list]);
        *list = (*list + 1) % 2;
        break;
    }
}

static void load_profile_fields(const struct profile *p, uint64_t want, struct facts *f)
{
    size_t n;
    const struct profile_field_desc *desc = profile_fields(&n);
    int list = 0;

    for (int i = 0; i < PF_COUNT; i++)
        if (want & BIT(i))
            load_field(&desc[i], &p->f[i], i, &list, f);
}

static bool known(const struct facts *f, int slot)
{
    return f->v[slot].tag != V_UNKNOWN;
}

/* Class under the limits of `as_of`. Unknown exports are tried at both
 * extremes (none, all of turnover): when both give one class it is known. */
static void derive_class(const struct refdata *ref, const struct profile *p, int32_t as_of,
                         struct facts *f)
{
    uint64_t why = 0;
    struct classify_input in = {0};
    struct classify_result lo, hi;
    const struct fact *act = &p->f[PF_ACTIVITY];

    if (p->f[PF_INVESTMENT].state != FACT_KNOWN)
        why |= BIT(PF_INVESTMENT);
    if (p->f[PF_TURNOVER].state != FACT_KNOWN)
        why |= BIT(PF_TURNOVER);
    if (why) {
        set_unknown(f, SLOT_CLASS, why);
        return;
    }
    in.investment = p->f[PF_INVESTMENT].i;
    in.turnover = p->f[PF_TURNOVER].i;
    in.on = as_of;
    if (act->state == FACT_KNOWN)
        classify_activity_parse(profile_enum_name(PF_ACTIVITY, act->i), &in.activity);
    in.exports = p->f[PF_EXPORTS].state == FACT_KNOWN ? p->f[PF_EXPORTS].i : 0;
    if (in.exports > in.turnover) {
        set_unknown(f, SLOT_CLASS, BIT(PF_EXPORTS)); /* inconsistent figures */
        return;
    }
    if (classify(ref, &in, &lo, NULL) != 0) {
        /* Before 1 July 2020 the class depends on the activity; before the
         * 2006 Act there are no limits at all, which no fact can fix. */
        set_unknown(f, SLOT_CLASS, act->state != FACT_KNOWN ? BIT(PF_ACTIVITY) : 0);
        return;
    }
    hi = lo;
    if (p->f[PF_EXPORTS].state == FACT_UNKNOWN) {
        in.exports = in.turnover;
        if (classify(ref, &in, &hi, NULL) != 0)
            hi.cls = (enum msme_class)-1;
    }
    if (lo.cls != hi.cls) {
        set_unknown(f, SLOT_CLASS, BIT(PF_EXPORTS));
        return;
    }
    f->v[SLOT_CLASS] = value_str(class_vocab[lo.cls]);
    f->missing[SLOT_CLASS] = 0;
}

static const struct district_info *district_of(const struct refdata *ref, const struct profile *p,
                                               const struct state_info *state)
{
    const struct fact *d = &p->f[PF_DISTRICT];
    return state != NULL && d->state == FACT_KNOWN ? refdata_district(ref, state->gst_code, d->s) : NULL;
}

static const struct state_info *state_of(const struct refdata *ref, const struct profile *p)
{
    const struct fact *st = &p->f[PF_STATE];

    if (st->state != FACT_KNOWN || strlen(st->s) != 2)
        return NULL;
    return refdata_state_by_gst(ref, (st->s[0] - '0') * 10 + (st->s[1] - '0'));
}

static void set_bool(struct facts *f, int slot, bool v)
{
    f->v[slot] = value_bool(v);
    f->missing[slot] = 0;
}

/* A profile flag given by the user wins over the derived one. */
static bool take_profile_flag(const struct profile *p, enum profile_field field, struct facts *f,
                              int slot)
{
    if (p->f[field].state != FACT_KNOWN)
        return false;
    set_bool(f, slot, p->f[field].i != 0);
    return true;
}

static void derive_location(const struct refdata *ref, const struct profile *p,
                            const struct facts_place *place, struct facts *f)
{
    const struct state_info *state = place->state;
    const struct district_info *dist = place->district;
    uint64_t need_state = BIT(PF_STATE), need_district = BIT(PF_DISTRICT);

    for (int s = SLOT_LOC_NER; s <= SLOT_LOC_SPECIAL_STATE; s++)
        set_unknown(f, s, need_state);
    take_profile_flag(p, PF_NER, f, SLOT_LOC_NER);
    take_profile_flag(p, PF_ASPIRATIONAL, f, SLOT_LOC_ASPIRATIONAL);
    if (state == NULL)
        return;
    if (!known(f, SLOT_LOC_NER))
        set_bool(f, SLOT_LOC_NER, state->ner);
    set_bool(f, SLOT_LOC_ISLAND, state->island);
    set_bool(f, SLOT_LOC_SPECIAL_STATE, state->gst_special_category);
    if (state->hill != HILL_PARTIAL)
        set_bool(f, SLOT_LOC_HILL, state->hill == HILL_YES);
    else if (dist != NULL) {
        set_bool(f, SLOT_LOC_HILL, dist->hill);
        f->caveat[SLOT_LOC_HILL] = "hill districts of Assam and West Bengal (data/hill_districts.csv)";
    } else
        set_unknown(f, SLOT_LOC_HILL, need_district);
    if (!known(f, SLOT_LOC_ASPIRATIONAL)) {
        if (dist != NULL)
            set_bool(f, SLOT_LOC_ASPIRATIONAL, dist->aspirational);
        else
            set_unknown(f, SLOT_LOC_ASPIRATIONAL, need_district);
    }
    if (!ref->has_lwe_list)
        set_unknown(f, SLOT_LOC_LWE, 0);
    else if (dist != NULL)
        set_bool(f, SLOT_LOC_LWE, dist->lwe);
    else
        set_unknown(f, SLOT_LOC_LWE, need_district);
}

static void derive_numbers(const struct profile *p, int32_t as_of, struct facts *f)
{
    const struct fact *c = &p->f[PF_COMMENCED_ON], *t = &p->f[PF_TURNOVER], *x = &p->f[PF_EXPORTS];

    if (c->state == FACT_KNOWN) {
        int y1, m1, d1, y2, m2, d2, years;
        date_to_ymd((int32_t)c->i, &y1, &m1, &d1);
        date_to_ymd(as_of, &y2, &m2, &d2);
        years = y2 - y1 - (m2 < m1 || (m2 == m1 && d2 < d1));
        f->v[SLOT_AGE_YEARS] = value_num((int64_t)years * NUM_SCALE);
        f->missing[SLOT_AGE_YEARS] = 0;
    } else if (c->state == FACT_ABSENT) {
        f->v[SLOT_AGE_YEARS] = value_none();
        f->missing[SLOT_AGE_YEARS] = 0;
    } else {
        set_unknown(f, SLOT_AGE_YEARS, BIT(PF_COMMENCED_ON));
    }
    if (t->state != FACT_KNOWN || x->state == FACT_UNKNOWN) {
        set_unknown(f, SLOT_TURNOVER_EX_EXPORTS,
                    (t->state != FACT_KNOWN ? BIT(PF_TURNOVER) : 0) | (x->state == FACT_UNKNOWN ? BIT(PF_EXPORTS) : 0));
        return;
    }
    f->v[SLOT_TURNOVER_EX_EXPORTS] = value_num(num_from_paise(t->i - (x->state == FACT_KNOWN ? x->i : 0)));
    f->missing[SLOT_TURNOVER_EX_EXPORTS] = 0;
}

struct facts_place facts_place_of(const struct refdata *ref, const struct profile *p)
{
    struct facts_place place = {state_of(ref, p), NULL};

    place.district = district_of(ref, p, place.state);
    return place;
}

#define LOCATION_SLOTS                                                                             \
    (BIT(SLOT_LOC_NER) | BIT(SLOT_LOC_ASPIRATIONAL) | BIT(SLOT_LOC_HILL) | BIT(SLOT_LOC_ISLAND)          \
     | BIT(SLOT_LOC_LWE) | BIT(SLOT_LOC_SPECIAL_STATE))

static void clear_slots(uint64_t want, struct facts *f)
{
    if (want == FACTS_ALL) {
        memset(f, 0, sizeof *f);
        return;
    }
    for (int s = 0; s < N_SLOTS; s++)
        if (want & BIT(s)) {
            f->v[s] = value_unknown();
            f->missing[s] = 0;
            f->caveat[s] = NULL;
        }
}

void facts_build_at(const struct refdata *ref, const struct profile *p, int32_t as_of,
                    const struct facts_place *place, uint64_t want, struct facts *f)
{
    clear_slots(want, f);
    load_profile_fields(p, want, f);
    f->v[PF_AS_OF] = value_date(as_of);
    f->missing[PF_AS_OF] = 0;
    if (want & BIT(SLOT_CLASS))
        derive_class(ref, p, as_of, f);
    if (want & LOCATION_SLOTS)
        derive_location(ref, p, place, f);
    if (want & (BIT(SLOT_AGE_YEARS) | BIT(SLOT_TURNOVER_EX_EXPORTS)))
        derive_numbers(p, as_of, f);
}

void facts_build(const struct refdata *ref, const struct profile *p, int32_t as_of, struct facts *f)
{
    struct facts_place place = facts_place_of(ref, p);

    facts_build_at(ref, p, as_of, &place, FACTS_ALL, f);
}
