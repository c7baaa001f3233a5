/* gen_names.h: Indian person and business names for the synthetic feeds.
 *
 * A name is a short sequence of word references, not a string, so the same
 * name can be written in Latin or Devanagari script (every word carries
 * both forms: Ram/राम, Sharma/शर्मा, Traders/ट्रेडर्स). Legacy lists spell
 * names either way; the linker must see them as one person. Words also
 * carry the regions where they are common, so Tamil Nadu gets more Iyers
 * and Punjab more Sandhus. */
#ifndef SAMANVAY_GEN_NAMES_H
#define SAMANVAY_GEN_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"
#include "gen/gen_vocab.h"

enum gen_script { SCRIPT_LATIN, SCRIPT_DEVANAGARI };

/* Name regions, a bit mask per word. */
#define REGION_NORTH 1
#define REGION_WEST 2
#define REGION_SOUTH 4
#define REGION_EAST 8
#define REGION_ALL 15

enum gen_word_table { W_GIVEN_MALE, W_GIVEN_FEMALE, W_SURNAME, W_BUSINESS, W_PREFIX, W_DEITY, W_SUFFIX };

#define GEN_NAME_MAX_WORDS 6
/* Longest rendered name in bytes, NUL included (Devanagari is 3 bytes a letter). */
#define GEN_NAME_MAX 200

struct gen_name {
    uint8_t n;
    uint8_t table[GEN_NAME_MAX_WORDS];
    uint8_t index[GEN_NAME_MAX_WORDS];
};

/* Region bits for a state key ("MH"); REGION_ALL when unknown. */
int gen_names_region(const char *state_key);

/* Given name and surname for an owner of this gender in this region. */
void gen_names_person(struct rng *r, int region, enum gen_gender g, double region_match,
                      struct gen_name *out);

/* A business name in the styles Udyam shows ("Shree Ganesh Traders",
 * "Sharma Enterprises", "... Private Limited"). preferred_word is a
 * W_BUSINESS index that suits the NIC code, or -1. */
void gen_names_firm(struct rng *r, enum gen_constitution c, enum gen_activity a, int preferred_word,
                    const struct gen_name *owner, struct gen_name *out);

/* Write the name (NUL-terminated) and return its length. */
size_t gen_name_render(const struct gen_name *n, enum gen_script s, char *out, size_t cap);

/* Capital Latin initial of word `i` (PAN 5th character). */
char gen_name_initial(const struct gen_name *n, int i);

/* Index of a business word by its Latin form, or -1. */
int gen_names_business_index(const char *latin);

/* The vocabulary, for tests that hold the linker to it: the number of
 * words in table t, and the Latin and Devanagari forms of word i. */
size_t gen_names_count(enum gen_word_table t);
void gen_names_word(enum gen_word_table t, size_t i, const char **latin, const char **deva);

/* One typing slip in s[0..n): two adjacent letters swapped, one dropped or
 * one doubled. Works on UTF-8 code points so Devanagari stays valid, and
 * leaves spaces alone. Returns the new length (at most cap - 1, NUL-ended). */
size_t gen_typo(struct rng *r, char *s, size_t n, size_t cap);

#endif
