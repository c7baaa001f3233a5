/* search_query.h: what a person types into the scheme search, turned into
 * FTS5 query expressions that cannot fail to parse.
 *
 * User text never reaches FTS5 as syntax. It is normalised (NFC), split
 * into words exactly as the index's tokenizer splits them, and every word
 * goes into an expression as a double-quoted string, so `AND`, `NEAR`,
 * `*`, `"`, `:`, `^`, `{`, parentheses and column names typed by a user
 * are only words. The operators in an expression are ours:
 *
 *   - every word must match (AND), each as itself OR any term of its
 *     synonym group (synonyms.h); stop words are dropped;
 *   - the last word, when the text ends inside it, also matches as a
 *     prefix ("mudr" finds MUDRA while it is being typed);
 *   - search.c may add more terms to a word (spelling corrections found
 *     through the trigram index); they are quoted the same way.
 *
 * fuzz/fuzz_search_query.c runs every expression this produces against
 * the real index and fails on any FTS5 error. */
#ifndef SAMANVAY_SEARCH_QUERY_H
#define SAMANVAY_SEARCH_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "rules/synonyms.h"

#define SEARCH_QUERY_MAX 200          /* bytes of user text */
#define SEARCH_MAX_WORDS 12           /* after stop words are dropped */
#define SEARCH_WORD_MAX 256           /* bytes of one word, lower-cased, with NUL */
#define SEARCH_EXPR_MAX (32 * 1024)   /* bytes of one FTS5 expression */
#define SEARCH_TRIGRAM_MAX 16         /* one quoted trigram: 3 code points, 2 quotes, NUL */

struct search_word {
    char text[SEARCH_WORD_MAX];       /* NFC, lower case */
    size_t n_chars;                   /* code points */
    bool prefix;                      /* the text ended inside this word */
};

struct search_query {
    struct search_word words[SEARCH_MAX_WORDS];
    size_t n_words;
    bool devanagari;                  /* the text has Devanagari (show Hindi) */
    struct buf match;                 /* every word, ANDed: the first query run */
};

void search_query_init(struct search_query *q);
void search_query_release(struct search_query *q);

/* Parse text[0..len). -1 with a message for people in e when the text is
 * empty, longer than SEARCH_QUERY_MAX bytes, not UTF-8, has no letters or
 * digits, or more than SEARCH_MAX_WORDS words. */
int search_query_parse(const struct synonyms *syn, const char *text, size_t len,
                       struct search_query *q, struct err *e);

/* Append word w as an expression: ("w" OR synonyms…), "w"* when it is a
 * prefix, plus each of also[0..n_also) with its own synonyms. */
int search_query_put_word(struct buf *out, const struct synonyms *syn, const struct search_word *w,
                          const char *const *also, size_t n_also);

/* The distinct trigrams of a word (by code point), each quoted for an
 * FTS5 trigram table, into out[0..max). Returns how many. */
size_t search_query_trigrams(const char *word, char (*out)[SEARCH_TRIGRAM_MAX], size_t max);

#endif
