/* synonyms.h: word groups for the scheme search, as data
 * (data/search_synonyms.csv: `term,group`).
 *
 * An entrepreneur asks for a "loan", "karz", "ऋण" or "कर्ज़"; a scheme
 * file says "credit". Each row puts a term in a named group, and a query
 * word that is a term of a group matches any term of it. Terms are in
 * Hindi, romanised Hindi and English, and are normalised as queries are
 * (NFC, lower case, words joined by one space), so a row may be typed in
 * either Unicode form. The reserved group `stopword` lists words that
 * carry no meaning in a query ("for", "के", "liye"); they are dropped,
 * unless a query has nothing else. A term belongs to one group only. */
#ifndef SAMANVAY_SYNONYMS_H
#define SAMANVAY_SYNONYMS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define SYNONYMS_FILE "data/search_synonyms.csv"
#define SYNONYMS_STOPWORD "stopword"
#define SYNONYMS_MAX_TERMS 4096
#define SYNONYMS_TERM_MAX 64          /* bytes, after normalisation */

struct synonyms;

/* Load the built-in table (SYNONYMS_FILE). */
int synonyms_load(struct synonyms **out, struct err *e);
/* Load a table from CSV text (for tests); errors name name:line. */
int synonyms_load_text(const char *name, const char *text, size_t len, struct synonyms **out,
                       struct err *e);
void synonyms_free(struct synonyms *s);

/* The group of a normalised word (search_text_word's output), or -1. */
int synonyms_group(const struct synonyms *s, const char *word);
/* Whether the word is a stop word. */
bool synonyms_is_stopword(const struct synonyms *s, const char *word);
/* The terms of group g, normalised; *n of them. */
const char *const *synonyms_terms(const struct synonyms *s, int g, size_t *n);
/* Groups other than `stopword` (for tests and the docs). */
size_t synonyms_group_count(const struct synonyms *s);
/* Every term, in byte order: term i of synonyms_term_count(s), or NULL
 * when term i is a stop word. */
size_t synonyms_term_count(const struct synonyms *s);
const char *synonyms_term(const struct synonyms *s, size_t i);

#endif
