#include "rules/search_query.h"

#include <string.h>
#include <utf8proc.h>

#include "rules/search_text.h"

void search_query_init(struct search_query *q)
{
    memset(q, 0, sizeof *q);
    q->match.limit = SEARCH_EXPR_MAX;
}

void search_query_release(struct search_query *q)
{
    buf_release(&q->match);
    search_query_init(q);
}

/* An FTS5 string: wrapped in double quotes, any double quote doubled.
 * Words hold no quote (it is punctuation), but this is what keeps user
 * text from ever being syntax, so it does not rely on that. */
static int put_quoted(struct buf *b, const char *s)
{
    if (buf_putc(b, '"') != 0)
        return -1;
    for (; *s; s++)
        if ((*s == '"' && buf_putc(b, '"') != 0) || buf_putc(b, *s) != 0)
            return -1;
    return buf_putc(b, '"');
}

static size_t count_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The words of the normalised text. Stop words are dropped unless the
 * query has nothing else, so the first pass only counts. */
static int split_words(const struct synonyms *syn, const char *s, size_t n, struct search_query *q,
                       struct err *e)
{
    char word[SEARCH_WORD_MAX];
    size_t pos = 0, total = 0, kept = 0;
    int len;

    while ((len = search_text_word(s, n, &pos, word, sizeof word)) > 0) {
        total++;
        kept += !synonyms_is_stopword(syn, word);
    }
    if (len < 0)
        return err_set(e, "the search has a word longer than %d bytes", SEARCH_WORD_MAX - 1);
    if (total == 0)
        return err_set(e, "the search has no letters or digits");
    if ((kept ? kept : total) > SEARCH_MAX_WORDS)
        return err_set(e, "the search has more than %d words", SEARCH_MAX_WORDS);
    pos = 0;
    while (search_text_word(s, n, &pos, word, sizeof word) > 0) {
        struct search_word *w = &q->words[q->n_words];
        if (kept > 0 && synonyms_is_stopword(syn, word))
            continue;
        memcpy(w->text, word, sizeof word);
        w->n_chars = count_chars(word);
        w->prefix = pos == n;
        q->n_words++;
    }
    for (size_t i = 0; i + 1 < q->n_words; i++)
        q->words[i].prefix = false; /* only the word being typed */
    return 0;
}

/* One term and the other terms of its synonym group, ORed. */
static int put_term(struct buf *b, const struct synonyms *syn, const char *term, bool prefix)
{
    int g = synonyms_is_stopword(syn, term) ? -1 : synonyms_group(syn, term);
    const char *const *terms = NULL;
    size_t n = 0;

    if (put_quoted(b, term) != 0 || (prefix && buf_putc(b, '*') != 0))
        return -1;
    if (g >= 0)
        terms = synonyms_terms(syn, g, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(terms[i], term) != 0 && (buf_puts(b, " OR ") != 0 || put_quoted(b, terms[i]) != 0))
            return -1;
    return 0;
}

int search_query_put_word(struct buf *out, const struct synonyms *syn, const struct search_word *w,
                          const char *const *also, size_t n_also)
{
    if (buf_putc(out, '(') != 0 || put_term(out, syn, w->text, w->prefix) != 0)
        return -1;
    for (size_t i = 0; i < n_also; i++)
        if (buf_puts(out, " OR ") != 0 || put_term(out, syn, also[i], false) != 0)
            return -1;
    return buf_putc(out, ')');
}

size_t search_query_trigrams(const char *word, char (*out)[SEARCH_TRIGRAM_MAX], size_t max)
{
    size_t starts[SEARCH_WORD_MAX + 1], n_cp = 0, len = strlen(word), pos = 0, n = 0;

    while (pos < len && n_cp < SEARCH_WORD_MAX) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)word + pos,
                                              (utf8proc_ssize_t)(len - pos), &c);
        starts[n_cp++] = pos;
        pos += k > 0 ? (size_t)k : 1;
    }
    starts[n_cp] = pos;
    for (size_t i = 0; i + 3 <= n_cp && n < max; i++) {
        size_t bytes = starts[i + 3] - starts[i];
        bool seen = false;
        if (bytes + 3 > SEARCH_TRIGRAM_MAX)
            continue;
        out[n][0] = '"';
        memcpy(out[n] + 1, word + starts[i], bytes);
        out[n][bytes + 1] = '"';
        out[n][bytes + 2] = '\0';
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(out[k], out[n]) == 0;
        n += !seen;
    }
    return n;
}

int search_query_parse(const struct synonyms *syn, const char *text, size_t len,
                       struct search_query *q, struct err *e)
{
    struct buf nfc = BUF_INIT;
    int rc = -1;

    search_query_release(q);
    if (len == 0)
        return err_set(e, "the search is empty");
    if (len > SEARCH_QUERY_MAX)
        return err_set(e, "the search is longer than %d bytes", SEARCH_QUERY_MAX);
    if (search_text_nfc(&nfc, text, len, e) != 0) {
        err_prefix(e, "the search is ");
        goto done;
    }
    if (split_words(syn, buf_cstr(&nfc), nfc.len, q, e) != 0)
        goto done;
    for (size_t i = 0; i < q->n_words; i++)
        if ((i > 0 && buf_puts(&q->match, " AND ") != 0)
            || search_query_put_word(&q->match, syn, &q->words[i], NULL, 0) != 0) {
            err_set(e, "the search is too long");
            goto done;
        }
    q->devanagari = search_text_has_devanagari(buf_cstr(&nfc), nfc.len);
    rc = 0;
done:
    buf_release(&nfc);
    if (rc != 0)
        search_query_release(q);
    return rc;
}
