/* search_spell.h: the scheme search's spelling fallback (search.h): the
 * words of the index a word that matches nothing was probably meant to be.
 *
 * Candidates come from the index's trigram table (term_tri: every indexed
 * word and every synonym): the words sharing a trigram with the typed one,
 * or, for a word of up to five letters, every word (a short word's
 * misspelling may share no trigram with it: "laon", "loan"). A candidate
 * is kept when it is within the edit distance allowed for the word's
 * length (1 up to five letters, 2 beyond, a swap of neighbours counting 1;
 * words of three letters or fewer get none) or, from five letters, when it
 * contains the word ("karma" in "vishwakarma"). The nearest win; among
 * equally near ones those with the same first letter, since a misspelling
 * rarely changes it ("laon": loan, not gaon); containing words come after
 * every misspelling. */
#ifndef SAMANVAY_SEARCH_SPELL_H
#define SAMANVAY_SEARCH_SPELL_H

#include <sqlite3.h>

#include "core/err.h"
#include "rules/search.h"
#include "rules/search_query.h"

/* Fill f->terms[0..f->n) (f->word is the caller's) with w's corrections,
 * best first; f->n = 0 when there is none. `scan` is "SELECT DISTINCT term
 * FROM term_tri LIMIT ?1", `similar` "... WHERE term_tri MATCH ?1 LIMIT
 * ?2" on the caller's connection. -1 on a fault. */
int search_spell_fixes(sqlite3_stmt *scan, sqlite3_stmt *similar, const struct search_word *w,
                       struct search_fix *f, struct err *e);

#endif
