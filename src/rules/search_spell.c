/* search_spell.c: what a word that matches nothing was probably meant to
 * be (search_spell.h). */
#include "rules/search_spell.h"

#include <string.h>

#include "core/buf.h"
#include "rules/search_text.h"

#define SHORT_WORD 5            /* up to this many letters: compare with every word */
#define SCAN_LIMIT 20000        /* indexed words looked at for one misspelling */
#define CONTAINS_KEY 100        /* candidate_key of a word that contains the query word */
#define CONTAINS_CHARS 5        /* shorter words are inside too many others ("laon", "mahilaon") */

/* How far a word may be from the one meant: 1 up to five letters, 2 beyond. */
static int budget(size_t n_chars)
{
    return n_chars < 4 ? 0 : n_chars <= SHORT_WORD ? 1 : 2;
}

/* Keep the best candidates (lowest key) for one word. A misspelling
 * rarely changes the first letter, so among equally near words those
 * starting alike come first ("laon": loan before gaon). Words that
 * contain the word (of five letters or more) come after every
 * misspelling. */
struct candidates {
    int key[SEARCH_FIXES_PER_WORD];
    struct search_fix *fix;
};

static int first_char_len(const char *s)
{
    int n = 1;

    while (s[n] != '\0' && ((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return n;
}

static int candidate_key(const struct search_word *w, const char *term)
{
    int max = budget(w->n_chars), d = search_text_distance(w->text, term, max);
    int n = first_char_len(w->text);

    if (d <= max)
        return 2 * d + (strncmp(w->text, term, (size_t)n) != 0);
    if (w->n_chars >= CONTAINS_CHARS && strstr(term, w->text) != NULL)
        return CONTAINS_KEY;
    return -1;
}

static void consider(struct candidates *cs, const struct search_word *w, const char *term)
{
    struct search_fix *f = cs->fix;
    size_t len = strlen(term), at;
    int key;

    if (len >= SEARCH_FIX_MAX || strcmp(term, w->text) == 0 || (key = candidate_key(w, term)) < 0)
        return;
    for (at = 0; at < f->n; at++)
        if (strcmp(f->terms[at], term) == 0)
            return;
    for (at = f->n; at > 0 && cs->key[at - 1] > key; at--)
        ;
    if (at == SEARCH_FIXES_PER_WORD)
        return;
    if (f->n < SEARCH_FIXES_PER_WORD)
        f->n++;
    memmove(&f->terms[at + 1], &f->terms[at], (f->n - 1 - at) * sizeof f->terms[0]);
    memmove(&cs->key[at + 1], &cs->key[at], (f->n - 1 - at) * sizeof cs->key[0]);
    memcpy(f->terms[at], term, len + 1);
    cs->key[at] = key;
}

/* Keep the nearest misspellings and every containing word. */
static void keep_best(struct candidates *cs)
{
    struct search_fix *f = cs->fix;
    size_t out = 0;

    for (size_t i = 0; i < f->n; i++) {
        if (cs->key[i] != cs->key[0] && cs->key[i] != CONTAINS_KEY)
            continue;
        if (out != i)
            memcpy(f->terms[out], f->terms[i], sizeof f->terms[0]);
        cs->key[out++] = cs->key[i];
    }
    f->n = out;
}

static int scan_terms(sqlite3_stmt *st, struct candidates *cs,
                      const struct search_word *w, struct err *e)
{
    int step;

    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (t != NULL)
            consider(cs, w, (const char *)t);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return step == SQLITE_DONE ? 0 : err_set(e, "search: spelling: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
}

/* Words of the index containing a trigram of w, as candidates. */
static int scan_similar(sqlite3_stmt *similar, struct candidates *cs, const struct search_word *w,
                        struct err *e)
{
    char tri[SEARCH_WORD_MAX][SEARCH_TRIGRAM_MAX];
    size_t n = search_query_trigrams(w->text, tri, SEARCH_WORD_MAX);
    struct buf x = BUF_INIT;
    int rc;

    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((i && buf_puts(&x, " OR ") != 0) || buf_puts(&x, tri[i]) != 0) {
            buf_release(&x);
            return err_set(e, "search: out of memory");
        }
    sqlite3_bind_text(similar, 1, buf_cstr(&x), (int)x.len, SQLITE_STATIC);
    sqlite3_bind_int(similar, 2, SCAN_LIMIT);
    rc = scan_terms(similar, cs, w, e);
    buf_release(&x);
    return rc;
}

int search_spell_fixes(sqlite3_stmt *scan, sqlite3_stmt *similar, const struct search_word *w,
                       struct search_fix *f, struct err *e)
{
    struct candidates cs = {{0}, f};
    int rc;

    f->n = 0;
    if (budget(w->n_chars) == 0)
        return 0;
    if (w->n_chars <= SHORT_WORD) {
        sqlite3_bind_int(scan, 1, SCAN_LIMIT);
        rc = scan_terms(scan, &cs, w, e);
    } else {
        rc = scan_similar(similar, &cs, w, e);
    }
    keep_best(&cs);
    return rc;
}

