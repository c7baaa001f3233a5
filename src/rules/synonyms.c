#include "rules/synonyms.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "rules/search_text.h"

#define MAX_GROUPS 256

struct entry {
    const char *term;
    int group;
};

struct group {
    const char *name;
    const char **terms;
    size_t n;
};

struct synonyms {
    struct arena *arena;
    struct entry *entries;        /* sorted by term, unique */
    size_t n_entries;
    struct group *groups;
    size_t n_groups;
    int stop_group;               /* -1 when the table has none */
};

static int by_term(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->term, ((const struct entry *)b)->term);
}

/* A term as queries will see it: NFC, lower case, words joined by one space. */
static char *normalise(struct arena *a, const char *raw, size_t len, struct err *e)
{
    struct buf nfc = BUF_INIT, out = BUF_INIT;
    char word[SYNONYMS_TERM_MAX + 1];
    size_t pos = 0;
    char *term = NULL;
    int n = 0;

    if (search_text_nfc(&nfc, raw, len, e) != 0)
        goto done;
    while ((n = search_text_word(buf_cstr(&nfc), nfc.len, &pos, word, sizeof word)) > 0)
        if ((out.len > 0 && buf_putc(&out, ' ') != 0) || buf_puts(&out, word) != 0)
            break;
    if (n < 0 || out.len > SYNONYMS_TERM_MAX)
        err_set(e, "term longer than %d bytes", SYNONYMS_TERM_MAX);
    else if (out.len == 0)
        err_set(e, "term has no letters or digits");
    else if ((term = arena_strdup(a, buf_cstr(&out))) == NULL)
        err_set(e, "out of memory");
done:
    buf_release(&nfc);
    buf_release(&out);
    return term;
}

static bool valid_group_name(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

static int group_index(struct synonyms *s, const char *name, struct err *e)
{
    for (size_t i = 0; i < s->n_groups; i++)
        if (strcmp(s->groups[i].name, name) == 0)
            return (int)i;
    if (!valid_group_name(name))
        return err_set(e, "group '%.40s' is not lower-case letters, digits and _", name);
    if (s->n_groups == MAX_GROUPS)
        return err_set(e, "more than %d groups", MAX_GROUPS);
    s->groups[s->n_groups].name = arena_strdup(s->arena, name);
    if (s->groups[s->n_groups].name == NULL)
        return err_set(e, "out of memory");
    if (strcmp(name, SYNONYMS_STOPWORD) == 0)
        s->stop_group = (int)s->n_groups;
    return (int)s->n_groups++;
}

static int read_rows(struct synonyms *s, const char *name, const char *text, size_t len,
                     struct err *e)
{
    struct csv_reader *r = csv_reader_new_mem(text, len, NULL);
    struct csv_record rec;
    enum csv_status st;
    int col_term, col_group, rc = -1;

    if (r == NULL)
        return err_set(e, "out of memory");
    if (csv_next(r, &rec, e) != CSV_RECORD) {
        err_set(e, "%s: no header", name);
        goto done;
    }
    col_term = csv_header_index(&rec, "term");
    col_group = csv_header_index(&rec, "group");
    if (col_term < 0 || col_group < 0) {
        err_set(e, "%s: the header must name the columns term and group", name);
        goto done;
    }
    while ((st = csv_next(r, &rec, e)) == CSV_RECORD) {
        struct entry *en = &s->entries[s->n_entries];
        if ((size_t)col_term >= rec.nfields || (size_t)col_group >= rec.nfields) {
            err_set(e, "%s:%llu: too few fields", name, (unsigned long long)rec.line);
            goto done;
        }
        if (s->n_entries == SYNONYMS_MAX_TERMS) {
            err_set(e, "%s: more than %d terms", name, SYNONYMS_MAX_TERMS);
            goto done;
        }
        if ((en->term = normalise(s->arena, rec.field[col_term], rec.len[col_term], e)) == NULL
            || (en->group = group_index(s, rec.field[col_group], e)) < 0) {
            err_prefix(e, "%s:%llu: ", name, (unsigned long long)rec.line);
            goto done;
        }
        s->n_entries++;
    }
    if (st != CSV_END) {
        err_set(e, "%s:%llu: unreadable row", name, (unsigned long long)rec.line);
        goto done;
    }
    rc = 0;
done:
    csv_reader_free(r);
    return rc;
}

/* Sort the terms, drop repeats within a group, refuse a term in two
 * (naming the file, as every other refusal does). */
static int dedupe(struct synonyms *s, const char *name, struct err *e)
{
    size_t out = 0;

    qsort(s->entries, s->n_entries, sizeof *s->entries, by_term);
    for (size_t i = 0; i < s->n_entries; i++) {
        if (out > 0 && strcmp(s->entries[out - 1].term, s->entries[i].term) == 0) {
            if (s->entries[out - 1].group != s->entries[i].group)
                return err_set(e, "%s: term '%s' is in two groups, %s and %s", name, s->entries[i].term,
                               s->groups[s->entries[out - 1].group].name,
                               s->groups[s->entries[i].group].name);
            continue;
        }
        s->entries[out++] = s->entries[i];
    }
    s->n_entries = out;
    return 0;
}

static int build_groups(struct synonyms *s, struct err *e)
{
    for (size_t i = 0; i < s->n_entries; i++)
        s->groups[s->entries[i].group].n++;
    for (size_t g = 0; g < s->n_groups; g++) {
        s->groups[g].terms = arena_alloc(s->arena, s->groups[g].n * sizeof(char *) + 1);
        if (s->groups[g].terms == NULL)
            return err_set(e, "out of memory");
        s->groups[g].n = 0;
    }
    for (size_t i = 0; i < s->n_entries; i++) {
        struct group *g = &s->groups[s->entries[i].group];
        g->terms[g->n++] = s->entries[i].term;
    }
    return 0;
}

int synonyms_load_text(const char *name, const char *text, size_t len, struct synonyms **out,
                       struct err *e)
{
    struct arena *a = arena_new(64 * 1024);
    struct synonyms *s = a ? arena_alloc(a, sizeof *s) : NULL;

    if (s == NULL) {
        arena_free(a);
        return err_set(e, "out of memory");
    }
    s->arena = a;
    s->stop_group = -1;
    s->entries = arena_alloc(a, SYNONYMS_MAX_TERMS * sizeof *s->entries);
    s->groups = arena_alloc(a, MAX_GROUPS * sizeof *s->groups);
    if (s->entries == NULL || s->groups == NULL) {
        arena_free(a);
        return err_set(e, "out of memory");
    }
    if (read_rows(s, name, text, len, e) != 0 || dedupe(s, name, e) != 0 || build_groups(s, e) != 0) {
        arena_free(a);
        return -1;
    }
    *out = s;
    return 0;
}

int synonyms_load(struct synonyms **out, struct err *e)
{
    const struct embedded_file *f = embedded_find(SYNONYMS_FILE);

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", SYNONYMS_FILE);
    return synonyms_load_text(SYNONYMS_FILE, f->data, f->len, out, e);
}

void synonyms_free(struct synonyms *s)
{
    if (s != NULL)
        arena_free(s->arena);
}

int synonyms_group(const struct synonyms *s, const char *word)
{
    struct entry key = {word, 0};
    const struct entry *hit = bsearch(&key, s->entries, s->n_entries, sizeof key, by_term);

    return hit ? hit->group : -1;
}

bool synonyms_is_stopword(const struct synonyms *s, const char *word)
{
    return s->stop_group >= 0 && synonyms_group(s, word) == s->stop_group;
}

const char *const *synonyms_terms(const struct synonyms *s, int g, size_t *n)
{
    *n = s->groups[g].n;
    return s->groups[g].terms;
}

size_t synonyms_group_count(const struct synonyms *s)
{
    return s->n_groups - (s->stop_group >= 0);
}

size_t synonyms_term_count(const struct synonyms *s)
{
    return s->n_entries;
}

const char *synonyms_term(const struct synonyms *s, size_t i)
{
    return s->entries[i].group == s->stop_group ? NULL : s->entries[i].term;
}
