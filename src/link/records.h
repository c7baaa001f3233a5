/* records.h: one side of a linkage run, in memory.
 *
 * A record set holds, per record, its id (verbatim), its true-entity label
 * when the config has an evaluation section, and per configured field one
 * cell: the normalized value, a phonetic skeleton for names, a parsed date
 * or number, and the value's term frequency. Values are normalized once,
 * in records_finish, on several threads; comparisons only read cells.
 *
 * Records arrive from a CSV file (records_load_csv) or from code
 * (records_add: the store's enterprises, an ingest pipeline's rows), and
 * both paths go through the same normalization. */
#ifndef SAMANVAY_LINK_RECORDS_H
#define SAMANVAY_LINK_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "link/config.h"

struct link_cell {
    const char *s;     /* normalized value; NULL when missing */
    const char *phon;  /* phonetic skeleton (name kinds), else NULL */
    float tf;          /* share of all records with this value (records_tf), 0 unknown */
    union {
        int32_t days;  /* KIND_DATE: DATE_UNKNOWN when it does not parse */
        float num;     /* KIND_NUMERIC: NAN when it does not parse */
    } x;
};

struct link_records {
    const struct link_config *cfg;
    int side;                  /* 0 left, 1 right */
    size_t n;
    const char **id;           /* [n] */
    const char **truth;        /* [n] entity labels, or NULL without evaluation */
    int32_t *entity;           /* [n] dense entity ids (link_eval), or NULL */
    struct link_cell *cell;    /* [n * cfg->n_fields] */
    bool finished;
    /* private */
    const char **raw;          /* [n * n_fields] until finished */
    size_t cap;
    struct arena *arena;       /* ids, labels, raw values */
    struct arena **norm;       /* one per normalizing thread */
    int n_norm;
};

static inline const struct link_cell *records_cell(const struct link_records *r, size_t i, int f)
{
    return &r->cell[i * (size_t)r->cfg->n_fields + (size_t)f];
}

struct link_records *records_new(const struct link_config *cfg, int side, struct err *e);
void records_free(struct link_records *r);

/* Add one record: its id, one value per configured field (in config
 * order; NULL or "" is missing) and its entity label (NULL when there is
 * no evaluation). Values are copied. */
int records_add(struct link_records *r, const char *id, const char *const *values, const char *truth,
                struct err *e);

/* Read a CSV file with a header, mapping columns by the config's names
 * for this side. Errors name file, line and column. */
int records_load_csv(struct link_records *r, const char *path, struct err *e);

/* Normalize every value on `threads` threads (0: one per core). */
int records_finish(struct link_records *r, int threads, struct err *e);

/* Term frequencies of the fields with tf on, over every given set together
 * (both sides of a link). sum_sq[f] receives the sum over values of their
 * squared share: the chance two random records agree exactly. */
int records_tf(struct link_records *const *sets, int n_sets, double sum_sq[LINK_MAX_FIELDS], struct err *e);

/* Bytes held by the set (for memory per record). */
size_t records_bytes(const struct link_records *r);

#endif
