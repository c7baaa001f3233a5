/* config.h: what a linkage run compares, how it blocks, and how it decides.
 *
 * A link configuration is a YAML file (docs/linkage.md, "Configuration"):
 * the id column of each side, the fields with their comparator and level
 * thresholds, the blocking rules, the match threshold, EM and clustering
 * settings, CSV options and an optional evaluation section that names the
 * true entity of a record for scoring only. All memory comes from one arena
 * owned by the config. Errors name file:line:column and the key. */
#ifndef SAMANVAY_LINK_CONFIG_H
#define SAMANVAY_LINK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct arena;

/* A comparison pattern keeps 4 bits per field, so these are hard limits. */
#define LINK_MAX_FIELDS 16
#define LINK_MAX_THRESHOLDS 4
#define LINK_MAX_LEVELS (LINK_MAX_THRESHOLDS + 3) /* exact, phonetic, thresholds…, else */
#define LINK_MAX_RULES 16
#define LINK_MAX_KEYS 4

enum link_mode { LINK_MODE_LINK, LINK_MODE_DEDUP };

/* How link mode picks among a record's pairs above the threshold:
 * one_to_one (each record in at most one pair: two lists of the same
 * people) or best (each left record takes its best right one, and a right
 * record may take many: list rows about enterprises, several per firm). */
enum link_assign { LINK_ASSIGN_ONE_TO_ONE, LINK_ASSIGN_BEST };

enum link_kind {
    KIND_EXACT,          /* equal or not */
    KIND_PERSON_NAME,    /* folded name; Jaro-Winkler levels */
    KIND_BUSINESS_NAME,  /* folded firm name without suffixes; token-set levels */
    KIND_TEXT,           /* folded text; Jaro-Winkler (or edit distance) levels */
    KIND_NUMERIC,        /* relative difference levels */
    KIND_DATE,           /* exact, transposed/one digit, within near_days, else */
    KIND_POSTCODE,       /* exact, one digit, same first three, else */
};

enum link_similarity { SIM_JARO_WINKLER, SIM_TOKEN_SET, SIM_EDIT_DISTANCE, SIM_RELATIVE_DIFF, SIM_NONE };

struct link_field {
    const char *name;
    const char *column[2];         /* left, right */
    enum link_kind kind;
    enum link_similarity sim;
    double threshold[LINK_MAX_THRESHOLDS]; /* similarity >= t, or distance/difference <= t */
    int n_thresholds;
    int near_days;                 /* KIND_DATE */
    bool tf;                       /* term-frequency adjustment on exact agreement */
    bool phonetic;                 /* name kinds: a "phonetic" level (equal skeletons) after
                                      exact, and thresholds judged on the better of the folded
                                      and the skeleton similarity (names across scripts) */
    int n_levels;                  /* derived: levels 0 (best) .. n_levels-1 (else) */
};

enum link_transform {
    KEY_VALUE,     /* the normalized value */
    KEY_PHONETIC,  /* name_phonetic of a folded name */
    KEY_PREFIX,    /* first n characters of the normalized value */
    KEY_SUFFIX,    /* last n characters */
    KEY_YEAR,      /* year of a date */
};

struct link_key {
    int field;
    enum link_transform transform;
    int n;
};

struct link_rule {
    const char *name;              /* "surname:phonetic+postcode", as written */
    struct link_key key[LINK_MAX_KEYS];
    int n_keys;
};

struct link_config {
    const char *file;
    enum link_mode mode;
    enum link_assign assign;       /* link mode only */
    const char *id_column[2];
    struct link_field field[LINK_MAX_FIELDS];
    int n_fields;
    struct link_rule rule[LINK_MAX_RULES];
    int n_rules;
    size_t max_block;              /* skip blocks with more records than this (0: no cap) */
    size_t max_pairs;              /* refuse a run with more candidate pairs */
    double threshold;              /* match weight (log2 odds) at or above which a pair matches */
    /* EM */
    int em_max_iterations;
    double em_tolerance;
    bool em_fix_u;                 /* keep u from random pairs; estimate only m and the prior */
    size_t u_sample_pairs;
    unsigned long long seed;
    /* clustering (dedup mode) */
    double min_link_fraction;      /* of the cross pairs that must be links to merge */
    double veto_weight;            /* a scored cross pair below this refuses the merge */
    /* CSV */
    bool trim;                     /* strip spaces around fields (FEBRL writes ", ") */
    size_t max_field_bytes;
    /* threads for comparisons and normalization; 0 = one per core */
    int threads;
    /* evaluation: the true entity of a record, for scoring only */
    const char *truth_column[2];   /* NULL: no evaluation */
    const char *truth_split;       /* NULL: the whole value; else split on this... */
    int truth_part;                /* ...and take this part (0-based) */
    struct arena *arena;           /* owns every string above */
};

struct link_config *link_config_load(const char *file, const char *text, size_t len, struct err *e);
struct link_config *link_config_load_file(const char *path, struct err *e);
void link_config_free(struct link_config *c);

/* Index of a field by name, or -1. */
int link_config_field(const struct link_config *c, const char *name);

/* A short name for level `level` of field f ("exact", "jw>=0.92", "else"). */
const char *link_level_name(const struct link_field *f, int level, char *out, size_t cap);

const char *link_kind_name(enum link_kind k);

#endif
