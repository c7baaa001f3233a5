/* facts.h: what a rule can read. Every name a rule may use is a *slot*:
 * the profile's fields (slot = enum profile_field) followed by facts
 * derived from them and from data/ (class, location.*, …). A struct facts
 * holds one enterprise's value for every slot, and for each unknown slot
 * the profile fields whose absence made it unknown, so evaluation can say
 * exactly which facts are missing. */
#ifndef SAMANVAY_FACTS_H
#define SAMANVAY_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/profile.h"
#include "core/refdata.h"
#include "rules/value.h"

enum derived_slot {
    SLOT_CLASS = PF_COUNT,
    SLOT_LOC_NER,
    SLOT_LOC_ASPIRATIONAL,
    SLOT_LOC_HILL,
    SLOT_LOC_ISLAND,
    SLOT_LOC_LWE,
    SLOT_LOC_SPECIAL_STATE,
    SLOT_AGE_YEARS,
    SLOT_TURNOVER_EX_EXPORTS,
    N_SLOTS
};

struct slot_desc {
    const char *name;            /* as written in rules */
    enum vtype type;
    enum vunit unit;
    const char *const *vocab;    /* strings from a closed vocabulary, else NULL */
};

/* The slot a name refers to, or -1. */
int slot_find(const char *name);
/* What slot `slot` (0 <= slot < N_SLOTS) holds. */
struct slot_desc slot_info(int slot);
/* The closest slot name to a misspelt one (for "did you mean"), or NULL. */
const char *slot_suggest(const char *name);

struct facts {
    struct value v[N_SLOTS];
    uint64_t missing[N_SLOTS];   /* bit f set: profile field f is why the slot is unknown */
    const char *caveat[N_SLOTS]; /* an unconfirmed derivation behind the value, or NULL */
    struct strset lists[2];      /* storage for the list-valued slots */
};

/* Fill `f` from profile `p` (borrowed: it must outlive f) evaluated on
 * `as_of`. Derived facts use the profile's own value when it gives one. */
void facts_build(const struct refdata *ref, const struct profile *p, int32_t as_of, struct facts *f);

/* The profile's state and district looked up in data/ (NULL when not
 * given or not found). Batch runs look each enterprise up once, when its
 * columns are loaded, and build facts with facts_build_at. */
struct facts_place {
    const struct state_info *state;
    const struct district_info *district;
};
struct facts_place facts_place_of(const struct refdata *ref, const struct profile *p);

/* Every slot, for facts_build_at's `want`. */
#define FACTS_ALL UINT64_MAX

/* facts_build with the place already looked up, filling only the slots
 * whose bit is set in `want` (others are left as they were: a batch run
 * builds just what its compiled rules read, program_slots()). */
void facts_build_at(const struct refdata *ref, const struct profile *p, int32_t as_of,
                    const struct facts_place *place, uint64_t want, struct facts *f);

/* Name of profile field `bit` of a missing mask. */
const char *facts_missing_name(int bit);

#endif
