/* search.c: the scheme search index: building it, its readers, and
 * running a query (search.h says what and why; the spelling fallback is
 * search_spell.c). SQLite here is an in-process text index, not storage:
 * these two files are the one place outside src/store/ that speaks SQL,
 * because FTS5 is SQLite's alone and the index must not depend on which
 * store backend runs. Every statement is prepared once per reader, and
 * user text only ever arrives in bound parameters. */
#include "rules/search.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "rules/search_spell.h"
#include "rules/search_text.h"

#define TOKENIZE "\"unicode61 categories 'L* N* Co M*'\""
/* The id is last: snippet() shows the first of equally good columns, and
 * a name reads better than "pm_[vishwakarma]". */
#define COLUMNS "name, name_hi, summary, summary_hi, body, id"
/* bm25 weights per column, in COLUMNS order: names, summaries, the rest. */
#define WEIGHTS "20.0, 20.0, 5.0, 5.0, 1.0, 20.0"

static const char ddl[] =
    "CREATE VIRTUAL TABLE scheme_fts USING fts5(" COLUMNS ", tokenize=" TOKENIZE ");"
    "CREATE VIRTUAL TABLE term_tri USING fts5(term, tokenize=\"trigram\");";
static const char sql_insert[] =
    "INSERT INTO scheme_fts(rowid, " COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_term[] = "INSERT INTO term_tri(term) VALUES (?1)";
static const char sql_finish[] =
    "CREATE VIRTUAL TABLE temp.scheme_vocab USING fts5vocab(main, scheme_fts, row);"
    "INSERT INTO term_tri(term) SELECT term FROM temp.scheme_vocab;"
    "DROP TABLE temp.scheme_vocab;"
    "INSERT INTO scheme_fts(scheme_fts) VALUES ('optimize');"
    "INSERT INTO term_tri(term_tri) VALUES ('optimize');";

/* ?1 every word; ?2 and ?3 any word, in the names or in the summaries. */
static const char sql_search[] =
    "SELECT rowid, snippet(scheme_fts, -1, '[', ']', '…', 12),"
    " rowid IN (SELECT rowid FROM scheme_fts WHERE scheme_fts MATCH ?2),"
    " rowid IN (SELECT rowid FROM scheme_fts WHERE scheme_fts MATCH ?3)"
    " FROM scheme_fts WHERE scheme_fts MATCH ?1"
    " ORDER BY 3 DESC, 4 DESC, bm25(scheme_fts, " WEIGHTS "), rowid LIMIT ?4";
static const char sql_exists[] = "SELECT 1 FROM scheme_fts WHERE scheme_fts MATCH ?1 LIMIT 1";
/* The spelling fallback's two reads (search_spell.h). */
static const char sql_similar[] =
    "SELECT DISTINCT term FROM term_tri WHERE term_tri MATCH ?1 LIMIT ?2";
static const char sql_scan[] = "SELECT DISTINCT term FROM term_tri LIMIT ?1";

struct conn {
    sqlite3 *db;
    sqlite3_stmt *search, *exists, *similar, *scan;
};

struct search_index {
    const struct catalog *catalog;
    struct synonyms *syn;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    struct conn *conns;
    unsigned n_conns;
    struct conn **idle;           /* stack of the free ones */
    unsigned n_idle;
};

static int db_fault(sqlite3 *db, const char *what, struct err *e)
{
    return err_set(e, "search index: %s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

/* --- building ------------------------------------------------------------ */

/* A rule text with its {expressions} as "…": they are not words, and
 * the snippet should still read as a sentence. */
static int put_literals(struct buf *b, const struct text *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (buf_puts(b, t->parts[i].literal ? t->parts[i].literal : "…") != 0)
            return -1;
    return 0;
}

static int put_sep(struct buf *b)
{
    return b->len > 0 ? buf_puts(b, " · ") : 0;
}

/* The `body` column: everything but names and summaries. */
static int body_text(struct buf *b, const struct scheme *s)
{
    if (buf_puts(b, s->ministry) != 0 || put_sep(b) != 0 || buf_puts(b, s->agency) != 0)
        return -1;
    for (int i = 0; i < OBJ_COUNT; i++)
        if ((s->objectives & (1u << i))
            && (put_sep(b) != 0 || buf_puts(b, objective_name((enum objective)i)) != 0))
            return -1;
    for (size_t i = 0; i < s->n_target_groups; i++)
        if (put_sep(b) != 0 || buf_puts(b, s->target_groups[i]) != 0)
            return -1;
    for (size_t i = 0; i < s->n_criteria; i++)
        if (put_sep(b) != 0 || put_literals(b, &s->criteria[i].pass) != 0 || put_sep(b) != 0
            || put_literals(b, &s->criteria[i].pass_hi) != 0)
            return -1;
    return 0;
}

/* Bind the NFC form of s (tmp holds it until the step). */
static int bind_nfc(sqlite3_stmt *st, int idx, const char *s, struct buf *tmp, struct err *e)
{
    buf_reset(tmp);
    if (search_text_nfc(tmp, s, strlen(s), e) != 0)
        return err_prefix(e, "search index: ");
    /* TRANSIENT: SQLite copies, so tmp can take the next column. */
    if (sqlite3_bind_text(st, idx, buf_cstr(tmp), (int)tmp->len, SQLITE_TRANSIENT) != SQLITE_OK)
        return err_set(e, "search index: cannot bind text");
    return 0;
}

static int insert_scheme(sqlite3_stmt *st, const struct scheme *s, sqlite3_int64 rowid, struct err *e)
{
    struct buf tmp = BUF_INIT, body = BUF_INIT;
    const char *cols[6] = {s->name, s->name_hi, s->summary, s->summary_hi, NULL, s->id};
    int rc = -1;

    if (body_text(&body, s) != 0) {
        err_set(e, "search index: out of memory");
        goto done;
    }
    cols[4] = buf_cstr(&body);
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    for (int i = 0; i < 6; i++)
        if (bind_nfc(st, i + 2, cols[i], &tmp, e) != 0)
            goto done;
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fault(sqlite3_db_handle(st), s->id, e);
done:
    buf_release(&tmp);
    buf_release(&body);
    return rc;
}

/* Synonyms join the spelling table, so "karaz" can become "karz" and
 * through it every word for a loan. */
static int insert_synonyms(sqlite3_stmt *st, const struct synonyms *syn, struct err *e)
{
    for (size_t i = 0; i < synonyms_term_count(syn); i++) {
        const char *t = synonyms_term(syn, i);
        if (t == NULL || strchr(t, ' ') != NULL)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            return db_fault(sqlite3_db_handle(st), "synonyms", e);
    }
    return 0;
}

static int fill(sqlite3 *db, const struct catalog *c, const struct synonyms *syn, struct err *e)
{
    sqlite3_stmt *ins = NULL, *term = NULL;
    int rc = -1;

    if (sqlite3_exec(db, ddl, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, sql_insert, -1, &ins, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, sql_term, -1, &term, NULL) != SQLITE_OK) {
        db_fault(db, "create", e);
        goto done;
    }
    for (size_t i = 0; i < c->n; i++)
        if (insert_scheme(ins, &c->schemes[i], (sqlite3_int64)i + 1, e) != 0)
            goto done;
    if (insert_synonyms(term, syn, e) != 0)
        goto done;
    if (sqlite3_exec(db, sql_finish, NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        db_fault(db, "finish", e);
        goto done;
    }
    rc = 0;
done:
    sqlite3_finalize(ins);
    sqlite3_finalize(term);
    return rc;
}

static int open_memory(sqlite3 **db, struct err *e)
{
    int rc = sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

    if (rc != SQLITE_OK) {
        db_fault(*db, "open", e);
        sqlite3_close(*db);
        *db = NULL;
        return -1;
    }
    return 0;
}

/* Build the index on a private connection and keep its serialised image. */
static int build_image(const struct catalog *c, const struct synonyms *syn, unsigned char **image,
                       sqlite3_int64 *size, struct err *e)
{
    sqlite3 *db;
    int rc = -1;

    if (open_memory(&db, e) != 0)
        return -1;
    if (fill(db, c, syn, e) == 0) {
        *image = sqlite3_serialize(db, "main", size, 0);
        rc = *image ? 0 : db_fault(db, "serialise", e);
    }
    sqlite3_close(db);
    return rc;
}

/* --- readers -------------------------------------------------------------- */

static void conn_close(struct conn *c)
{
    sqlite3_finalize(c->search);
    sqlite3_finalize(c->exists);
    sqlite3_finalize(c->similar);
    sqlite3_finalize(c->scan);
    sqlite3_close(c->db);
    memset(c, 0, sizeof *c);
}

static int prepare(struct conn *c, const char *sql, sqlite3_stmt **st, struct err *e)
{
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
        return db_fault(c->db, "prepare", e);
    return 0;
}

/* A private read-only copy of the image: each reader owns its pages, so
 * readers on different threads share nothing. */
static int conn_open(const unsigned char *image, sqlite3_int64 size, struct conn *c, struct err *e)
{
    unsigned char *copy;

    memset(c, 0, sizeof *c);
    if (open_memory(&c->db, e) != 0)
        return -1;
    copy = sqlite3_malloc64((sqlite3_uint64)size);
    if (copy == NULL) {
        conn_close(c);
        return err_set(e, "search index: out of memory");
    }
    memcpy(copy, image, (size_t)size);
    /* FREEONCLOSE: SQLite frees copy, also when this call fails. */
    if (sqlite3_deserialize(c->db, "main", copy, size, size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
            != SQLITE_OK
        || prepare(c, sql_search, &c->search, e) != 0 || prepare(c, sql_exists, &c->exists, e) != 0
        || prepare(c, sql_similar, &c->similar, e) != 0 || prepare(c, sql_scan, &c->scan, e) != 0) {
        if (e->msg[0] == '\0')
            db_fault(c->db, "load", e);
        conn_close(c);
        return -1;
    }
    return 0;
}

static int open_readers(struct search_index *ix, unsigned n, const unsigned char *image,
                        sqlite3_int64 size, struct err *e)
{
    ix->conns = mem_calloc(n, sizeof *ix->conns);
    ix->idle = mem_calloc(n, sizeof *ix->idle);
    if (ix->conns == NULL || ix->idle == NULL)
        return err_set(e, "search index: out of memory");
    for (unsigned i = 0; i < n; i++) {
        err_clear(e);
        if (conn_open(image, size, &ix->conns[i], e) != 0)
            return -1;
        ix->n_conns++;
        ix->idle[ix->n_idle++] = &ix->conns[i];
    }
    return 0;
}

int search_index_new(const struct catalog *c, unsigned connections, struct search_index **out,
                     struct err *e)
{
    struct search_index *ix = mem_calloc(1, sizeof *ix);
    unsigned char *image = NULL;
    sqlite3_int64 size = 0;
    int rc = -1;

    if (ix == NULL)
        return err_set(e, "search index: out of memory");
    ix->catalog = c;
    pthread_mutex_init(&ix->lock, NULL);
    pthread_cond_init(&ix->freed, NULL);
    if (synonyms_load(&ix->syn, e) == 0 && build_image(c, ix->syn, &image, &size, e) == 0
        && open_readers(ix, connections ? connections : 1, image, size, e) == 0)
        rc = 0;
    sqlite3_free(image); /* every reader has its own copy */
    if (rc != 0) {
        search_index_free(ix);
        return -1;
    }
    *out = ix;
    return 0;
}

void search_index_free(struct search_index *ix)
{
    if (ix == NULL)
        return;
    for (unsigned i = 0; i < ix->n_conns; i++)
        conn_close(&ix->conns[i]);
    mem_free(ix->conns);
    mem_free(ix->idle);
    synonyms_free(ix->syn);
    pthread_cond_destroy(&ix->freed);
    pthread_mutex_destroy(&ix->lock);
    mem_free(ix);
}

const struct synonyms *search_index_synonyms(const struct search_index *ix)
{
    return ix->syn;
}

static struct conn *acquire(struct search_index *ix)
{
    struct conn *c;

    pthread_mutex_lock(&ix->lock);
    while (ix->n_idle == 0)
        pthread_cond_wait(&ix->freed, &ix->lock);
    c = ix->idle[--ix->n_idle];
    pthread_mutex_unlock(&ix->lock);
    return c;
}

static void release(struct search_index *ix, struct conn *c)
{
    pthread_mutex_lock(&ix->lock);
    ix->idle[ix->n_idle++] = c;
    pthread_cond_signal(&ix->freed);
    pthread_mutex_unlock(&ix->lock);
}

/* --- running a query -------------------------------------------------------- */

/* The three expressions of one run: every word; any word, in the names;
 * any word, in the summaries. */
struct plan {
    struct buf all, names, summaries;
};

static void plan_init(struct plan *p)
{
    memset(p, 0, sizeof *p);
    p->all.limit = p->names.limit = p->summaries.limit = 3 * SEARCH_EXPR_MAX;
}

static void plan_release(struct plan *p)
{
    buf_release(&p->all);
    buf_release(&p->names);
    buf_release(&p->summaries);
}

static const struct search_fix *fix_for(const struct search_results *r, size_t word)
{
    for (size_t i = 0; i < r->n_fixes; i++)
        if (r->fixes[i].word == word)
            return &r->fixes[i];
    return NULL;
}

/* Words (less the dropped ones, with their fixes) into the expressions. */
static int plan_build(struct plan *p, const struct synonyms *syn, const struct search_query *q,
                      const struct search_results *r)
{
    struct buf w = BUF_INIT;
    size_t used = 0;
    int rc = -1;

    w.limit = SEARCH_EXPR_MAX;
    for (size_t i = 0; i < q->n_words; i++) {
        const struct search_fix *f = fix_for(r, i);
        const char *also[SEARCH_FIXES_PER_WORD];
        if (r->dropped[i])
            continue;
        for (size_t k = 0; f && k < f->n; k++)
            also[k] = f->terms[k];
        buf_reset(&w);
        if (search_query_put_word(&w, syn, &q->words[i], also, f ? f->n : 0) != 0
            || (used && (buf_puts(&p->all, " AND ") != 0 || buf_puts(&p->names, " OR ") != 0
                         || buf_puts(&p->summaries, " OR ") != 0))
            || (!used && (buf_puts(&p->names, "{name name_hi id} : (") != 0
                          || buf_puts(&p->summaries, "{summary summary_hi} : (") != 0))
            || buf_puts(&p->all, buf_cstr(&w)) != 0 || buf_puts(&p->names, buf_cstr(&w)) != 0
            || buf_puts(&p->summaries, buf_cstr(&w)) != 0)
            goto done;
        used++;
    }
    rc = used && buf_putc(&p->names, ')') == 0 && buf_putc(&p->summaries, ')') == 0 ? 0 : -1;
done:
    buf_release(&w);
    return rc;
}

static void copy_snippet(char *dst, const char *src)
{
    size_t n = strlen(src);

    if (n >= SEARCH_SNIPPET_MAX) {
        n = SEARCH_SNIPPET_MAX - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--; /* do not cut a character in two */
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int run_plan(struct conn *c, const struct catalog *cat, const struct plan *p, size_t limit,
                    struct search_results *r, struct err *e)
{
    sqlite3_stmt *st = c->search;
    int step;

    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, buf_cstr(&p->all), (int)p->all.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, buf_cstr(&p->names), (int)p->names.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, buf_cstr(&p->summaries), (int)p->summaries.len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
    r->n = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
        struct search_hit *h = &r->hits[r->n];
        const unsigned char *snip = sqlite3_column_text(st, 1);
        if (rowid < 1 || (size_t)rowid > cat->n || r->n == SEARCH_MAX_RESULTS)
            continue;
        h->scheme = &cat->schemes[rowid - 1];
        h->where = sqlite3_column_int(st, 2) ? SEARCH_IN_NAME
                   : sqlite3_column_int(st, 3) ? SEARCH_IN_SUMMARY : SEARCH_IN_TEXT;
        copy_snippet(h->snippet, snip ? (const char *)snip : "");
        r->n++;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return step == SQLITE_DONE ? 0 : db_fault(c->db, "search", e);
}

/* Does the word alone (with its synonyms, as a prefix if typed so) match? */
static int word_matches(struct conn *c, const struct synonyms *syn, const struct search_word *w,
                        bool *yes, struct err *e)
{
    struct buf x = BUF_INIT;
    int step;

    x.limit = SEARCH_EXPR_MAX;
    if (search_query_put_word(&x, syn, w, NULL, 0) != 0) {
        buf_release(&x);
        return err_set(e, "search: expression too long");
    }
    sqlite3_reset(c->exists);
    sqlite3_bind_text(c->exists, 1, buf_cstr(&x), (int)x.len, SQLITE_STATIC);
    step = sqlite3_step(c->exists);
    *yes = step == SQLITE_ROW;
    sqlite3_reset(c->exists);
    sqlite3_clear_bindings(c->exists);
    buf_release(&x);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_fault(c->db, "search", e);
}

/* No scheme has every word: correct or drop the words that match nothing. */
static int plan_fuzzy(struct conn *c, const struct synonyms *syn, const struct search_query *q,
                      struct search_results *r, bool *changed, struct err *e)
{
    size_t kept = 0;

    *changed = false;
    for (size_t i = 0; i < q->n_words; i++) {
        struct search_fix *f = &r->fixes[r->n_fixes];
        bool matches = false;
        if (word_matches(c, syn, &q->words[i], &matches, e) != 0)
            return -1;
        if (matches) {
            kept++;
            continue;
        }
        if (search_spell_fixes(c->scan, c->similar, &q->words[i], f, e) != 0)
            return -1;
        *changed = true;
        if (f->n > 0) {
            f->word = i;
            r->n_fixes++;
            kept++;
        } else {
            r->dropped[i] = true;
        }
    }
    if (kept == 0)
        *changed = false; /* nothing left to search for */
    return 0;
}

static int run(struct search_index *ix, struct conn *c, const struct search_query *q, size_t limit,
               struct search_results *r, struct err *e)
{
    struct plan p;
    bool changed;
    int rc = -1;

    plan_init(&p);
    if (plan_build(&p, ix->syn, q, r) != 0) {
        err_set(e, "search: expression too long");
        goto done;
    }
    if (run_plan(c, ix->catalog, &p, limit, r, e) != 0)
        goto done;
    if (r->n > 0) {
        r->match = SEARCH_EXACT;
        rc = 0;
        goto done;
    }
    if (plan_fuzzy(c, ix->syn, q, r, &changed, e) != 0)
        goto done;
    rc = 0;
    if (!changed)
        goto done;
    plan_release(&p);
    plan_init(&p);
    if (plan_build(&p, ix->syn, q, r) != 0 || run_plan(c, ix->catalog, &p, limit, r, e) != 0) {
        rc = e->msg[0] ? -1 : err_set(e, "search: expression too long");
        goto done;
    }
    r->match = r->n > 0 ? SEARCH_FUZZY : SEARCH_NONE;
done:
    plan_release(&p);
    return rc;
}

int search_index_run(struct search_index *ix, const struct search_query *q, size_t limit,
                     struct search_results *out, struct err *e)
{
    struct conn *c;
    int rc;

    memset(out, 0, sizeof *out);
    if (q->n_words == 0)
        return 0;
    if (limit == 0 || limit > SEARCH_MAX_RESULTS)
        limit = SEARCH_MAX_RESULTS;
    err_clear(e);
    c = acquire(ix);
    rc = run(ix, c, q, limit, out, e);
    release(ix, c);
    return rc;
}

/* --- JSON ------------------------------------------------------------------- */

static const char *match_name(enum search_match m)
{
    return m == SEARCH_EXACT ? "exact" : m == SEARCH_FUZZY ? "fuzzy" : "none";
}

static const char *where_name(enum search_where w)
{
    return w == SEARCH_IN_NAME ? "name" : w == SEARCH_IN_SUMMARY ? "summary" : "text";
}

static json_t *hit_json(const struct search_hit *h, size_t rank)
{
    const struct scheme *s = h->scheme;

    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "rank", (json_int_t)rank, "id",
                     s->id, "name", s->name, "name_hi", s->name_hi, "summary", s->summary,
                     "summary_hi", s->summary_hi, "matched_in", where_name(h->where), "snippet",
                     h->snippet);
}

json_t *search_results_json(const char *query, const struct search_query *q,
                            const struct search_results *r)
{
    json_t *o = json_object(), *hits = json_array(), *similar = json_array(), *ignored = json_array();

    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(hits, hit_json(&r->hits[i], i + 1));
    for (size_t i = 0; i < r->n_fixes; i++) {
        const struct search_fix *f = &r->fixes[i];
        json_t *terms = json_array();
        for (size_t k = 0; k < f->n; k++)
            json_array_append_new(terms, json_string(f->terms[k]));
        json_array_append_new(similar, json_pack("{s:s, s:o}", "word", q->words[f->word].text,
                                                 "terms", terms));
    }
    for (size_t i = 0; i < q->n_words; i++)
        if (r->dropped[i])
            json_array_append_new(ignored, json_string(q->words[i].text));
    json_object_set_new(o, "query", json_string(query));
    json_object_set_new(o, "match", json_string(match_name(r->match)));
    json_object_set_new(o, "results", hits);
    json_object_set_new(o, "similar", similar);
    json_object_set_new(o, "ignored", ignored);
    return o;
}
