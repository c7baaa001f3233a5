/* search.h: full-text search over the scheme catalogue, in Hindi and
 * English (docs/api.md, "Scheme search").
 *
 * The index holds, per scheme: its id, names and summaries in both
 * languages, and in one more column its ministry, agency, objectives,
 * target groups and every criterion's pass text in both languages. It is
 * an in-memory SQLite database with two FTS5 tables:
 *
 *   - scheme_fts over that text, tokenized `unicode61 categories 'L* N* Co
 *     M*'` so Devanagari words stay whole, ranked by bm25 with names
 *     weighted above summaries above the rest. A scheme with a query word
 *     in its name or id ranks above one with it only in its summary, which
 *     ranks above one with it only elsewhere: bm25 alone does not promise
 *     that, because a term's weight saturates with repetition;
 *   - term_tri, every distinct word of the index and every synonym,
 *     tokenized into trigrams: the spelling fallback. When no scheme has
 *     every word, each word that matches nothing is looked up there for
 *     words within a small edit distance (1 up to five letters, 2 beyond;
 *     swaps count 1) or, from five letters, words that contain it, and
 *     the query runs again with those ("cgtmes" finds CGTMSE, "mudar"
 *     MUDRA, "karma" Vishwakarma). A word with no such neighbour is
 *     dropped, and said so, if other words remain. Short words have too
 *     few trigrams to find a misspelling by, so words of up to five
 *     letters are compared with every indexed word instead (thousands of
 *     words, microseconds each).
 *
 * Text is NFC-normalised before it is indexed and before it is queried
 * (search_text.h); queries are built by search_query.h and never carry
 * user text as FTS5 syntax.
 *
 * Lifetime and threads: the index is built once from a loaded catalogue
 * (which must outlive it) on one private connection, serialised to an
 * image, and every connection of the index is a private read-only copy of
 * that image (sqlite3_deserialize). The index keeps `connections` of
 * them, one per thread that may search at once (the web server passes its
 * worker count); search_index_run borrows one, waiting if all are out, so
 * searches on different threads run in parallel and never share a
 * connection. Nothing is shared between index instances (no named
 * shared-cache database), and nothing touches the main store, so search
 * works the same whichever backend the store uses. */
#ifndef SAMANVAY_SEARCH_H
#define SAMANVAY_SEARCH_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "rules/catalog.h"
#include "rules/search_query.h"
#include "rules/synonyms.h"

#define SEARCH_MAX_RESULTS 50
#define SEARCH_DEFAULT_RESULTS 20
#define SEARCH_SNIPPET_MAX 768

enum search_match {
    SEARCH_NONE,        /* nothing found */
    SEARCH_EXACT,       /* every word (or a synonym, or the last as a prefix) */
    SEARCH_FUZZY,       /* after spelling corrections, or without unknown words */
};

/* Where a scheme matched, best first. */
enum search_where { SEARCH_IN_NAME, SEARCH_IN_SUMMARY, SEARCH_IN_TEXT };

struct search_hit {
    const struct scheme *scheme;
    enum search_where where;
    char snippet[SEARCH_SNIPPET_MAX]; /* the matching text, matches in [brackets] */
};

#define SEARCH_FIXES_PER_WORD 4
#define SEARCH_FIX_MAX 96

/* A word of the query that matched nothing, and what was searched instead. */
struct search_fix {
    size_t word;                      /* index into search_query.words */
    size_t n;
    char terms[SEARCH_FIXES_PER_WORD][SEARCH_FIX_MAX];
};

struct search_results {
    enum search_match match;
    size_t n;
    struct search_hit hits[SEARCH_MAX_RESULTS];
    struct search_fix fixes[SEARCH_MAX_WORDS];
    size_t n_fixes;
    bool dropped[SEARCH_MAX_WORDS];   /* words left out of the fuzzy search */
};

struct search_index;

/* Build the index of catalogue c with `connections` (at least 1) readers. */
int search_index_new(const struct catalog *c, unsigned connections, struct search_index **out,
                     struct err *e);
void search_index_free(struct search_index *ix);
/* The synonym table queries for this index are parsed with. */
const struct synonyms *search_index_synonyms(const struct search_index *ix);

/* Run a parsed query: up to `limit` (1..SEARCH_MAX_RESULTS) hits, best
 * first. -1 only for a fault of ours. Safe to call from any thread. */
int search_index_run(struct search_index *ix, const struct search_query *q, size_t limit,
                     struct search_results *out, struct err *e);

/* {"query", "match": "exact"|"fuzzy"|"none", "results": [{"rank", "id",
 * "name", "name_hi", "summary", "summary_hi", "matched_in":
 * "name"|"summary"|"text", "snippet"}], "similar": [{"word", "terms"}],
 * "ignored": [words]}. */
json_t *search_results_json(const char *query, const struct search_query *q,
                            const struct search_results *r);

#endif
