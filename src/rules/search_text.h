/* search_text.h: text as the scheme search sees it.
 *
 * Two scripts arrive for the same word, and the same Devanagari word can
 * arrive in two byte sequences (क़ as one code point or as क + nukta), so
 * everything indexed and everything queried is first put in Unicode NFC.
 * Words are split exactly as the index's FTS5 tokenizer splits them
 * (`unicode61 categories 'L* N* Co M*'`): letters, digits, private-use
 * characters and combining marks make words, everything else separates
 * them. Keeping the marks (Devanagari vowel signs and virama are M*) is
 * what keeps a Hindi word whole instead of cut at every matra. */
#ifndef SAMANVAY_SEARCH_TEXT_H
#define SAMANVAY_SEARCH_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Append the NFC form of s[0..n) to out. -1 when s is not valid UTF-8
 * (e says so) or memory or out's limit runs out. */
int search_text_nfc(struct buf *out, const char *s, size_t n, struct err *e);

/* The next word of s[0..n) at or after *pos, lower-cased code point by
 * code point (the tokenizer's own simple folding), into word[0..cap) with
 * a NUL. *pos moves past the word. Returns the word's byte length, 0 when
 * no word is left, or -1 when the word does not fit in cap (s must be
 * valid UTF-8; run search_text_nfc first). */
int search_text_word(const char *s, size_t n, size_t *pos, char *word, size_t cap);

/* Edit distance between two words, counting code points: insertions,
 * deletions, substitutions and swaps of neighbours (optimal string
 * alignment), so "mudar" is 1 from "mudra". Returns max + 1 for anything
 * beyond max, or for words longer than SEARCH_TEXT_DISTANCE_CHARS. */
#define SEARCH_TEXT_DISTANCE_CHARS 64
int search_text_distance(const char *a, const char *b, int max);

/* Whether s[0..n) holds a Devanagari letter (the reader writes Hindi). */
bool search_text_has_devanagari(const char *s, size_t n);

#endif
