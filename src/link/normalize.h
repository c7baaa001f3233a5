/* normalize.h: names made comparable across spellings and scripts.
 *
 * Legacy lists write the same unit as "M/s. Ram Traders", "RAM TRADERS"
 * and "राम ट्रेडर्स". A normalizer folds all three to the same key:
 * NFKC with case folding (utf8proc), Devanagari transliterated to plain
 * Latin (ICU "Devanagari-Latin; Latin-ASCII") with the inherent vowel
 * a word-final consonant carries in ICU's output removed, punctuation to
 * spaces, and, for business names, honorifics and legal or generic
 * suffixes removed ("M/s", "Pvt Ltd", "LLP", "Enterprises", "Traders",
 * "& Sons"; docs/linkage.md lists them).
 *
 * A normalizer owns an ICU transliterator, which is not safe to share
 * between threads: make one per thread. */
#ifndef SAMANVAY_LINK_NORMALIZE_H
#define SAMANVAY_LINK_NORMALIZE_H

#include <stddef.h>

#include "core/err.h"

enum name_kind {
    NAME_PERSON,     /* people: fold case and script, keep every word */
    NAME_BUSINESS,   /* firms: also drop honorifics and legal/generic suffixes */
    NAME_PLAIN,      /* places, streets, other text: fold case and script only */
};

struct normalizer;

struct normalizer *normalizer_new(struct err *e);
void normalizer_free(struct normalizer *n);

/* Write the folded form of in[0..len) to out[cap] as lower-case ASCII
 * words separated by single spaces, NUL-terminated. Returns its length,
 * or -1 when in is not valid UTF-8, longer than 2048 bytes or out is too
 * small (e says which). Spelling variants that Indian lists use freely
 * are made one: "shree", "sri", "shri" and श्री are "shri" (every kind;
 * the word stays), ee is i and oo is u ("Deepak" = दीपक = "dipak").
 * A business name made only of generic words ("Traders") keeps them, so
 * no name with a letter or digit folds to ""; punctuation alone does. */
int normalizer_name(struct normalizer *n, const char *in, size_t len, enum name_kind kind,
                    char *out, size_t cap, struct err *e);

/* A phonetic skeleton of a folded name (the output of normalizer_name):
 * per word, the consonants with vowels dropped after the first letter
 * (an initial vowel is kept as "a") and the sounds Indian spellings
 * confuse merged (v/w, ph/f, sh/s, z/j, x/ks, c/k, doubled letters, the
 * aspirate h after a consonant, y after the first letter, a final j/z as
 * s), so "Laxmi", "Lakshmi" and "लक्ष्मी" meet. Returns its length, or -1
 * when out is too small. */
int name_phonetic(const char *folded, char *out, size_t cap);

#endif
