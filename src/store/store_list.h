/* store_list.h: what the store's list and scope functions share (for
 * store_*.c only; callers never see it).
 *
 * Rows are copied out of a statement into a growing array, and the
 * statement reset, before any callback runs. A callback may use the store:
 * had it been called mid-step, a nested call of the same function would
 * reset the very cached statement being stepped under it. The arrays are
 * bounded by each list's cap (the SQL says LIMIT too). */
#ifndef SAMANVAY_STORE_LIST_H
#define SAMANVAY_STORE_LIST_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/err.h"
#include "store/db.h"

struct row_list {
    void *items;
    size_t n, cap;
    size_t size;   /* bytes per row */
    size_t max;    /* most rows it may hold */
};

#define ROW_LIST(type, most) {NULL, 0, 0, sizeof(type), (most)}

/* A new zeroed row at the end, or NULL with e set. */
static inline void *row_list_push(struct row_list *l, struct err *e)
{
    void *row;

    if (l->n == l->max) {
        err_set(e, "more than %zu rows", l->max);
        return NULL;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        void *p;
        if (cap > l->max)
            cap = l->max;
        p = mem_realloc(l->items, cap * l->size);
        if (p == NULL) {
            err_set(e, "out of memory");
            return NULL;
        }
        l->items = p;
        l->cap = cap;
    }
    row = (char *)l->items + l->n++ * l->size;
    memset(row, 0, l->size);
    return row;
}

/* Whether a list function stops after its callback answered r: a
 * negative answer is the callback's fault (*rc becomes -1 and is passed
 * on), a positive one asks to stop (the list still succeeds). */
static inline bool row_callback_stops(int r, int *rc)
{
    if (r < 0)
        *rc = -1;
    return r != 0;
}

static inline void *row_list_at(const struct row_list *l, size_t i)
{
    return (char *)l->items + i * l->size;
}

/* Empty, keeping the storage for the next rows. */
static inline void row_list_clear(struct row_list *l)
{
    l->n = 0;
}

static inline void row_list_free(struct row_list *l)
{
    mem_free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* Step st to the end, reading each row with `read` into a new row of l;
 * the statement is reset whatever happens. */
static inline int row_list_fill(struct row_list *l, struct db_stmt *st,
                                int (*read)(struct db_stmt *st, void *row, struct err *e),
                                struct err *e)
{
    int rc;

    while ((rc = db_step(st, e)) == DB_ROW) {
        void *row = row_list_push(l, e);
        if (row == NULL || read(st, row, e) != 0) {
            rc = -1;
            break;
        }
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* --- columns ----------------------------------------------------------- */

/* Text into a fixed field; a value too long is cut at a character
 * boundary, so what is shown stays valid UTF-8. */
static inline void col_text(struct db_stmt *st, int col, char *dst, size_t cap)
{
    const char *t = db_column_text(st, col);
    size_t n = strlen(t);

    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, t, n);
    dst[n] = '\0';
}

/* 0 for NULL: the structs' "none" for ids. */
static inline int64_t col_id(struct db_stmt *st, int col)
{
    return db_column_is_null(st, col) ? 0 : db_column_int64(st, col);
}

/* An ISO date column as date.h days; DATE_UNKNOWN for NULL or bad text. */
static inline int32_t col_day(struct db_stmt *st, int col)
{
    const char *t = db_column_text(st, col);
    int32_t d;

    if (db_column_is_null(st, col) || date_parse(t, strlen(t), &d, NULL) != 0)
        return DATE_UNKNOWN;
    return d;
}

/* An id bound as NULL when it is 0 ("none"). */
static inline int bind_id(struct db_stmt *st, int idx, int64_t id)
{
    return id > 0 ? db_bind_int64(st, idx, id) : db_bind_null(st, idx);
}

/* Run a statement with one id parameter that returns no rows (an UPDATE);
 * `sql` is a literal (db_cached). */
static inline int exec_by_id(struct db *db, const char *sql, int64_t id, struct err *e)
{
    struct db_stmt *st = db_cached(db, sql, e);

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "cannot bind an id");
    return db_step(st, e) < 0 ? -1 : 0;
}

/* Step a query with one id parameter (a literal, db_cached) to its first
 * row: returns the statement on that row, for the caller to read and then
 * db_reset; or NULL with *rc 0 when there is no row, or with *rc -1 (e
 * set) on an error. */
static inline struct db_stmt *first_row_by_id(struct db *db, const char *sql, int64_t id, int *rc,
                                              struct err *e)
{
    struct db_stmt *st = db_cached(db, sql, e);
    int step;

    *rc = -1;
    if (st == NULL)
        return NULL;
    if (db_bind_int64(st, 1, id) != 0) {
        err_set(e, "cannot bind an id");
        return NULL;
    }
    step = db_step(st, e);
    *rc = step < 0 ? -1 : 0;
    if (step == DB_ROW)
        return st;
    db_reset(st);
    return NULL;
}

/* The one integer a query with one id parameter answers (COUNT, MAX), or
 * 0 when it answers no row. */
static inline int int64_by_id(struct db *db, const char *sql, int64_t id, int64_t *out,
                              struct err *e)
{
    int rc;
    struct db_stmt *st = first_row_by_id(db, sql, id, &rc, e);

    *out = 0;
    if (st != NULL) {
        *out = db_column_int64(st, 0);
        db_reset(st);
    }
    return rc;
}

static inline int bind_day(struct db_stmt *st, int idx, int32_t day)
{
    char s[DATE_STR_LEN];

    if (day == DATE_UNKNOWN)
        return db_bind_null(st, idx);
    date_format(day, s);
    return db_bind_text(st, idx, s, strlen(s));
}

static inline int bind_str(struct db_stmt *st, int idx, const char *s)
{
    return db_bind_text(st, idx, s, strlen(s));
}

/* --- an officer's scope ------------------------------------------------ */

/* Each scoped list has three statements, one per kind, rather than one
 * with "$1 = '' OR state = $1": a bound "match anything" hides the
 * condition from the planner, which then cannot use the scope index. */
enum scope_kind { SCOPE_ALL, SCOPE_STATE, SCOPE_DISTRICT };

struct store_scope {
    enum scope_kind kind;
    char state[4];           /* "%02d", so "9" and "09" are one state */
    const char *district;    /* compared case-insensitively in SQL */
};

/* gst_state "" = every state (the district is then ignored); district ""
 * = the whole state. A state code that is not a number 0..99 matches
 * nothing. */
static inline void store_scope_of(const char *gst_state, const char *district,
                                  struct store_scope *sc)
{
    char *end;
    long code;

    sc->district = district ? district : "";
    sc->state[0] = '\0';
    if (gst_state == NULL || *gst_state == '\0') {
        sc->kind = SCOPE_ALL;
        return;
    }
    errno = 0;
    code = strtol(gst_state, &end, 10);
    if (errno != 0 || *end != '\0' || code < 0 || code > 99)
        snprintf(sc->state, sizeof sc->state, "--");
    else
        snprintf(sc->state, sizeof sc->state, "%02ld", code);
    sc->kind = *sc->district ? SCOPE_DISTRICT : SCOPE_STATE;
}

/* Bind the scope's values at $first (state) and $first+1 (district). */
static inline int store_scope_bind(struct db_stmt *st, int first, const struct store_scope *sc)
{
    if (sc->kind != SCOPE_ALL && bind_str(st, first, sc->state) != 0)
        return -1;
    if (sc->kind == SCOPE_DISTRICT && bind_str(st, first + 1, sc->district) != 0)
        return -1;
    return 0;
}

#endif
