/* ingest.c: the feed-independent load loop (guarantees in ingest.h).
 *
 * Two threads share the work: the parser thread reads and validates CSV
 * records into batches; the calling thread writes each batch in one
 * transaction together with the file's progress. Two batch buffers pass
 * between them, so memory stays bounded (2 x batch_rows rows) whatever
 * the file size, and validation overlaps with SQLite's writing. */
#include "ingest/ingest.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/csv.h"
#include "ingest/columns.h"
#include "ingest/feed.h"
#include "ingest/progress.h"

#define DEFAULT_BATCH 10000
#define MAX_COLUMNS 64
#define WARNINGS_SHOWN 10
#define N_BUFFERS 2

static const struct feed *const feeds[] = {&feed_udyam,   &feed_gst,           &feed_credit,
                                            &feed_skilling, &feed_cluster,       &feed_cluster_member,
                                            &feed_cfc_usage, &feed_beneficiary, &feed_energy,
                                            &feed_epfo, &feed_consent};

static const char *const feed_names[] = {
    "udyam", "gst", "credit", "skilling", "cluster", "cluster_member", "cfc_usage", "beneficiary",
    "energy", "epfo", "consent", NULL};

const char *const *ingest_feeds(void)
{
    return feed_names;
}

bool ingest_feed_known(const char *feed)
{
    for (size_t i = 0; feed_names[i]; i++)
        if (strcmp(feed_names[i], feed) == 0)
            return true;
    return false;
}

static const struct feed *feed_find(const char *name)
{
    for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++)
        if (strcmp(feeds[i]->name, name) == 0)
            return feeds[i];
    return NULL;
}

/* --- batches ------------------------------------------------------------- */

struct row {
    int64_t row_no;
    uint64_t line;
    enum reason reason;          /* R_NONE: parsed into the payload */
    char msg[240];               /* the reason, or a warning for a good row */
    size_t raw_at, raw_len;      /* the record's bytes in the batch's arena */
};

struct batch {
    struct row *rows;
    unsigned char *payloads;     /* cap payloads of the feed's payload_size */
    size_t n, cap;
    struct buf arena;
    uint64_t offset;             /* input bytes consumed when the batch closed */
    int64_t rows_through;        /* data rows read when the batch closed */
    bool last;                   /* the input ended with this batch */
    bool failed;                 /* reading failed: err says why */
    struct err err;
};

static int batch_init(struct batch *b, size_t cap, size_t payload_size)
{
    memset(b, 0, sizeof *b);
    b->rows = mem_calloc(cap, sizeof *b->rows);
    b->payloads = mem_calloc(cap, payload_size);
    b->cap = cap;
    return b->rows && b->payloads ? 0 : -1;
}

static void batch_free(struct batch *b)
{
    mem_free(b->rows);
    mem_free(b->payloads);
    buf_release(&b->arena);
}

static void batch_clear(struct batch *b)
{
    b->n = 0;
    b->last = b->failed = false;
    buf_reset(&b->arena);
}

/* A queue of batch pointers: `empty` buffers go to the parser, `full`
 * ones to the writer. Each queue holds at most N_BUFFERS. */
struct queue {
    struct batch *items[N_BUFFERS];
    int head, count;
};

struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct queue empty, full;
    bool stop;                   /* the writer gave up: the parser must quit */
};

static void queue_push(struct pipeline *p, struct queue *q, struct batch *b)
{
    pthread_mutex_lock(&p->lock);
    q->items[(q->head + q->count) % N_BUFFERS] = b;
    q->count++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

/* Waits for a batch; NULL when the pipeline is stopping. */
static struct batch *queue_pop(struct pipeline *p, struct queue *q)
{
    struct batch *b = NULL;

    pthread_mutex_lock(&p->lock);
    while (q->count == 0 && !p->stop)
        pthread_cond_wait(&p->changed, &p->lock);
    if (q->count > 0) {
        b = q->items[q->head];
        q->head = (q->head + 1) % N_BUFFERS;
        q->count--;
    }
    pthread_mutex_unlock(&p->lock);
    return b;
}

static void pipeline_stop(struct pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

/* --- the parser thread ------------------------------------------------- */

struct parser {
    const struct feed *feed;
    struct csv_reader *reader;
    struct feed_parse_ctx ctx;
    size_t header_fields;
    int64_t row_no;              /* data rows read so far */
    int64_t resume_from;         /* rows already committed by an earlier run */
    struct pipeline *pipe;
    size_t batch_rows;
};

static enum reason csv_reason(enum csv_fault f)
{
    switch (f) {
    case CSV_FAULT_ENCODING: return R_INVALID_UTF8;
    case CSV_FAULT_TOO_LONG: return R_RECORD_TOO_LONG;
    case CSV_FAULT_TOO_MANY_FIELDS: return R_FIELD_COUNT;
    default: return R_CSV_QUOTING;
    }
}

static void keep_raw(struct batch *b, struct row *r, const struct csv_record *rec)
{
    r->raw_at = b->arena.len;
    r->raw_len = buf_append(&b->arena, rec->raw, rec->raw_len) == 0 ? rec->raw_len : 0;
}

/* Validate one record into the next slot of b. */
static void parse_record(struct parser *ps, struct batch *b, enum csv_status st,
                         const struct csv_record *rec)
{
    struct row *r = &b->rows[b->n];
    void *payload = b->payloads + b->n * ps->feed->payload_size;
    struct row_error why;

    r->row_no = ps->row_no;
    r->line = rec->line;
    r->reason = R_NONE;
    r->msg[0] = '\0';
    b->n++;
    if (st == CSV_BAD) {
        r->reason = csv_reason(rec->fault);
        snprintf(r->msg, sizeof r->msg, "%s", rec->error);
    } else if (rec->nfields != ps->header_fields) {
        r->reason = R_FIELD_COUNT;
        snprintf(r->msg, sizeof r->msg, "%zu fields, the header has %zu", rec->nfields,
                 ps->header_fields);
    } else if (!ps->feed->parse(&ps->ctx, rec, payload, &why, r->msg, sizeof r->msg)) {
        r->reason = why.reason;
        snprintf(r->msg, sizeof r->msg, "%s", why.msg);
    }
    /* Kept for every row: the store may still refuse a good one (a
     * duplicate), and a quarantined row is kept whole. */
    keep_raw(b, r, rec);
}

/* Fill one batch; returns false when this was the last one. */
static bool fill_batch(struct parser *ps, struct batch *b)
{
    struct csv_record rec;
    enum csv_status st;

    batch_clear(b);
    while (b->n < ps->batch_rows) {
        st = csv_next(ps->reader, &rec, &b->err);
        if (st == CSV_END || st == CSV_IO_ERROR) {
            b->failed = st == CSV_IO_ERROR;
            b->last = true;
            break;
        }
        if (++ps->row_no <= ps->resume_from)
            continue;
        parse_record(ps, b, st, &rec);
    }
    b->offset = csv_reader_offset(ps->reader);
    b->rows_through = ps->row_no;
    return !b->last;
}

static void *parser_main(void *arg)
{
    struct parser *ps = arg;
    struct batch *b;
    bool more = true;

    while (more && (b = queue_pop(ps->pipe, &ps->pipe->empty)) != NULL) {
        more = fill_batch(ps, b);
        queue_push(ps->pipe, &ps->pipe->full, b);
    }
    return NULL;
}

/* --- the writer (calling thread) ----------------------------------------- */

struct writer {
    struct store *s;
    const struct feed *feed;
    int64_t file_id;
    struct ingest_counts counts;
    struct ingest_summary *sum;
};

static int quarantine(struct writer *w, const struct row *r, enum reason why, const char *msg,
                      const char *raw, size_t raw_len, struct err *e)
{
    struct quarantine_row q = {
        .file_id = w->file_id, .feed = w->feed->name, .row_no = r->row_no, .line_no = (int64_t)r->line,
        .code = reason_code(why), .reason = msg, .raw = raw, .raw_len = raw_len,
    };

    w->counts.quarantined++;
    return store_quarantine_put(w->s, &q, e);
}

static void warn(struct writer *w, const struct row *r, const char *msg)
{
    if (w->sum->warnings++ < WARNINGS_SHOWN)
        fprintf(stderr, "samanvay: ingest %s row %lld: warning: %s\n", w->feed->name,
                (long long)r->row_no, msg);
}

/* Row i of the batch: quarantined, or written (or, when `stored` is not
 * NULL, already written by the feed's store_batch with this result). */
static int write_row(struct writer *w, struct batch *b, size_t i, const struct feed_store_result *stored,
                     struct err *e)
{
    const struct row *r = &b->rows[i];
    void *payload = b->payloads + i * w->feed->payload_size;
    struct feed_store_result res = {0};

    if (r->reason != R_NONE)
        return quarantine(w, r, r->reason, r->msg, b->arena.data + r->raw_at, r->raw_len, e);
    if (r->msg[0])
        warn(w, r, r->msg);
    if (stored != NULL)
        res = *stored;
    else if (w->feed->store(w->s, w->file_id, r->row_no, payload, &res, e) != 0)
        return -1;
    switch (res.outcome) {
    case FEED_INSERTED: w->counts.inserted++; break;
    case FEED_UPDATED: w->counts.updated++; break;
    case FEED_UNCHANGED: w->counts.unchanged++; break;
    case FEED_QUARANTINE:
        return quarantine(w, r, res.reason, res.msg, b->arena.data + r->raw_at, r->raw_len, e);
    }
    /* A remark the store could only make against what is on file. */
    if (res.msg[0])
        warn(w, r, res.msg);
    w->counts.linked += res.linked;
    w->counts.new_entities += res.new_entity;
    return 0;
}

/* The feed writes the whole batch at once (feed.store_batch) where the
 * store prefers it; *out is then one result per row, else NULL. */
static int store_whole_batch(struct writer *w, struct batch *b, struct feed_store_result **out,
                             struct err *e)
{
    int64_t *row_no;
    bool *skip;
    int rc;

    *out = NULL;
    if (w->feed->store_batch == NULL || !store_batch_supported(w->s) || b->n == 0)
        return 0;
    *out = mem_calloc(b->n, sizeof **out);
    row_no = mem_calloc(b->n, sizeof *row_no);
    skip = mem_calloc(b->n, sizeof *skip);
    if (*out == NULL || row_no == NULL || skip == NULL) {
        rc = err_set(e, "out of memory for a batch of %zu rows", b->n);
    } else {
        for (size_t i = 0; i < b->n; i++) {
            row_no[i] = b->rows[i].row_no;
            skip[i] = b->rows[i].reason != R_NONE;
        }
        rc = w->feed->store_batch(w->s, w->file_id, row_no, b->payloads, skip, b->n, *out, e);
    }
    mem_free(row_no);
    mem_free(skip);
    if (rc != 0) {
        mem_free(*out);
        *out = NULL;
    }
    return rc;
}

static int write_batch(struct writer *w, struct batch *b, struct err *e)
{
    struct feed_store_result *stored = NULL;

    if (store_begin(w->s, e) != 0)
        return -1;
    /* A rerun rereads a completed file from the top: rows an earlier run
     * quarantined are judged afresh, and only this run's verdicts stay. */
    if (store_quarantine_clear(w->s, w->file_id, w->counts.rows_committed, b->rows_through, e)
        != 0) {
        store_rollback(w->s);
        return -1;
    }
    if (store_whole_batch(w, b, &stored, e) != 0) {
        store_rollback(w->s);
        return -1;
    }
    for (size_t i = 0; i < b->n; i++) {
        if (write_row(w, b, i, stored ? &stored[i] : NULL, e) != 0) {
            mem_free(stored);
            store_rollback(w->s);
            return err_prefix(e, "row %lld: ", (long long)b->rows[i].row_no);
        }
    }
    mem_free(stored);
    w->counts.rows_committed = b->rows_through;
    if (store_ingest_file_progress(w->s, w->file_id, &w->counts, b->last, e) != 0
        || store_commit(w->s, e) != 0) {
        store_rollback(w->s);
        return -1;
    }
    return 0;
}


/* Take batches from the parser and write them until the last one. */
static int write_all(struct writer *w, struct pipeline *pipe, struct progress *bar, struct err *e)
{
    for (;;) {
        struct batch *b = queue_pop(pipe, &pipe->full);
        bool last;
        if (b == NULL)
            return err_set(e, "the parser stopped unexpectedly");
        if (b->failed) {
            *e = b->err;
            return -1;
        }
        last = b->last;
        if (write_batch(w, b, e) != 0)
            return -1;
        progress_update(bar, b->offset, (uint64_t)b->rows_through);
        if (last)
            return 0;
        queue_push(pipe, &pipe->empty, b);
    }
}

static int run_pipeline(struct parser *ps, struct writer *w, struct progress *bar, struct err *e)
{
    struct batch buffers[N_BUFFERS];
    struct pipeline pipe;
    pthread_t thread;
    int rc = -1, made = 0;

    memset(&pipe, 0, sizeof pipe);
    pthread_mutex_init(&pipe.lock, NULL);
    pthread_cond_init(&pipe.changed, NULL);
    ps->pipe = &pipe;
    for (; made < N_BUFFERS; made++) {
        if (batch_init(&buffers[made], ps->batch_rows, ps->feed->payload_size) != 0) {
            batch_free(&buffers[made]);
            err_set(e, "out of memory for %zu-row batches", ps->batch_rows);
            goto out;
        }
        queue_push(&pipe, &pipe.empty, &buffers[made]);
    }
    if (pthread_create(&thread, NULL, parser_main, ps) != 0) {
        err_set(e, "cannot start the parser thread");
        goto out;
    }
    rc = write_all(w, &pipe, bar, e);
    pipeline_stop(&pipe);
    pthread_join(thread, NULL);
out:
    for (int i = 0; i < made; i++)
        batch_free(&buffers[i]);
    pthread_cond_destroy(&pipe.changed);
    pthread_mutex_destroy(&pipe.lock);
    return rc;
}

/* --- the file ------------------------------------------------------------ */

/* BLAKE2b-256 of the file, as hex: a file's identity across reloads. */
static int file_digest(FILE *f, char hex[65], struct err *e)
{
    crypto_generichash_state st;
    unsigned char buf[1 << 16], out[32];
    size_t n;

    crypto_generichash_init(&st, NULL, 0, sizeof out);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        crypto_generichash_update(&st, buf, n);
    if (ferror(f))
        return err_set(e, "read error: %s", strerror(errno));
    crypto_generichash_final(&st, out, sizeof out);
    sodium_bin2hex(hex, 65, out, sizeof out);
    rewind(f);
    return 0;
}

static int read_header(const struct feed *feed, struct csv_reader *r, int *index, size_t *nfields,
                       struct err *e)
{
    struct csv_record rec;
    struct buf warnings = BUF_INIT;
    enum csv_status st = csv_next(r, &rec, e);

    if (st == CSV_END)
        return err_set(e, "bad header: the file is empty");
    if (st == CSV_IO_ERROR)
        return -1;
    if (st == CSV_BAD)
        return err_set(e, "bad header: %s", rec.error);
    if (rec.nfields > MAX_COLUMNS)
        return err_set(e, "bad header: %zu columns, at most %d", rec.nfields, MAX_COLUMNS);
    if (columns_map(feed->columns, feed->n_columns, &rec, index, &warnings, e) != 0) {
        buf_release(&warnings);
        return -1;
    }
    if (warnings.len > 0)
        fprintf(stderr, "samanvay: ingest %s: %s", feed->name, buf_cstr(&warnings));
    buf_release(&warnings);
    *nfields = rec.nfields;
    csv_reader_expect_fields(r, rec.nfields);
    return 0;
}

/* Find or create the file's ingest_file row; an interrupted load resumes
 * after its last commit, a completed one is read again from the top (every
 * row is then found unchanged). */
static int start_file(struct writer *w, const char *path, const char *digest, int64_t size,
                      struct err *e)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    bool complete;

    if (store_ingest_file_open(w->s, w->feed->name, name, digest, size, &w->file_id, &complete, e)
        != 0)
        return -1;
    memset(&w->counts, 0, sizeof w->counts);
    if (!complete && store_ingest_file_counts(w->s, w->file_id, &w->counts, e) != 0)
        return -1;
    w->sum->resumed = !complete && w->counts.rows_committed > 0;
    return 0;
}

static int load(struct writer *w, const struct ingest_options *opt, const struct refdata *ref,
                FILE *f, int64_t size, struct err *e)
{
    int index[MAX_COLUMNS];
    struct parser ps;
    struct progress bar;
    char digest[65];
    int rc = -1;

    memset(&ps, 0, sizeof ps);
    if (file_digest(f, digest, e) != 0 || start_file(w, opt->path, digest, size, e) != 0)
        return -1;
    ps.feed = w->feed;
    ps.reader = csv_reader_new_file(f, NULL);
    if (ps.reader == NULL)
        return err_set(e, "out of memory");
    ps.ctx.ref = ref;
    ps.ctx.today = opt->today;
    ps.ctx.index = index;
    ps.resume_from = w->counts.rows_committed;
    ps.batch_rows = opt->batch_rows > 0 ? (size_t)opt->batch_rows : DEFAULT_BATCH;
    if (read_header(w->feed, ps.reader, index, &ps.header_fields, e) == 0) {
        progress_start(&bar, w->feed->name, (uint64_t)size, opt->quiet);
        rc = run_pipeline(&ps, w, &bar, e);
        progress_finish(&bar, (uint64_t)ps.row_no);
        w->sum->rows = ps.row_no;
    }
    csv_reader_free(ps.reader);
    return rc;
}

/* The feed's pass after the load (record linkage); the file's rows are
 * all committed by now, so a failure here loses none of them. */
static int finish(struct writer *w, const struct ingest_options *opt, struct err *e)
{
    struct feed_finish_opts o = {opt->quiet, 0, opt->link_report};
    struct feed_finish_result r;

    if (w->feed->finish == NULL)
        return 0;
    if (w->feed->finish(w->s, w->file_id, &o, &r, e) != 0)
        return err_prefix(e, "the rows are loaded, but linking them failed: ");
    w->counts.linked = r.linked;
    w->sum->link_pass = true;
    w->sum->by_linker = r.by_linker;
    w->sum->unmatched = r.unmatched;
    return 0;
}

static int count_reason(void *ctx, const char *code, int64_t n)
{
    struct ingest_summary *sum = ctx;

    sum->by_reason[reason_from_code(code)] += n;
    return 0;
}

int ingest_file(struct store *s, const struct refdata *ref, const struct ingest_options *opt,
                struct ingest_summary *out, struct err *e)
{
    struct writer w;
    struct stat sb;
    double started = progress_now();
    FILE *f;
    int rc;

    memset(&w, 0, sizeof w);
    memset(out, 0, sizeof *out);
    w.s = s;
    w.sum = out;
    w.feed = feed_find(opt->feed);
    if (w.feed == NULL)
        return err_set(e, "unknown feed '%s'", opt->feed);
    f = fopen(opt->path, "rb");
    if (f == NULL)
        return err_set(e, "%s: %s", opt->path, strerror(errno));
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return err_set(e, "%s: not a regular file", opt->path);
    }
    rc = load(&w, opt, ref, f, (int64_t)sb.st_size, e);
    fclose(f);
    if (rc != 0 || finish(&w, opt, e) != 0)
        return -1;
    snprintf(out->feed, sizeof out->feed, "%s", opt->feed);
    out->file_id = w.file_id;
    out->inserted = w.counts.inserted;
    out->updated = w.counts.updated;
    out->unchanged = w.counts.unchanged;
    out->quarantined = w.counts.quarantined;
    out->linked = w.counts.linked;
    out->new_entities = w.counts.new_entities;
    out->loaded = out->inserted + out->updated + out->unchanged;
    out->seconds = progress_now() - started;
    return store_quarantine_counts(s, w.file_id, count_reason, out, e);
}
