/* ingest.c: the feed-independent load loop (see ingest.h for guarantees). */
#include "ingest/ingest.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csv.h"
#include "ingest/columns.h"
#include "ingest/feed_udyam.h"
#include "ingest/progress.h"

#define DEFAULT_BATCH 10000
#define MAX_COLUMNS 64
#define WARNINGS_SHOWN 10

struct loader;

/* One feed: its columns and what to do with a parsed row. */
struct feed {
    const char *name;
    const struct column_spec *columns;
    size_t n_columns;
    int (*load_row)(struct loader *l, const struct csv_record *rec, struct err *e);
};

struct loader {
    struct store *s;
    const struct refdata *ref;
    const struct ingest_options *opt;
    const struct feed *feed;
    int64_t file_id;
    int index[MAX_COLUMNS];
    int64_t row_no;
    struct ingest_counts counts;
    struct ingest_summary *sum;
};

static int load_udyam_row(struct loader *l, const struct csv_record *rec, struct err *e);

static const struct feed feeds[] = {
    {"udyam", udyam_columns, U_NCOLS, load_udyam_row},
};

static const char *const feed_names[] = {
    "udyam", "gst", "credit", "skilling", "cluster", "cluster_member", "cfc_usage", "beneficiary",
    NULL};

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
        if (strcmp(feeds[i].name, name) == 0)
            return &feeds[i];
    return NULL;
}

/* --- rows ---------------------------------------------------------------- */

static int quarantine(struct loader *l, const struct csv_record *rec, enum reason r,
                      const char *msg, struct err *e)
{
    struct quarantine_row q = {
        .file_id = l->file_id, .feed = l->feed->name, .row_no = l->row_no, .line_no = (int64_t)rec->line,
        .code = reason_code(r), .reason = msg, .raw = rec->raw, .raw_len = rec->raw_len,
    };

    l->counts.quarantined++;
    return store_quarantine_put(l->s, &q, e);
}

static void warn(struct loader *l, const char *msg)
{
    if (l->sum->warnings++ < WARNINGS_SHOWN)
        fprintf(stderr, "samanvay: ingest %s row %lld: warning: %s\n", l->feed->name,
                (long long)l->row_no, msg);
}

static int load_udyam_row(struct loader *l, const struct csv_record *rec, struct err *e)
{
    struct enterprise ent;
    struct row_error why;
    struct upsert_result r;
    char warning[200], msg[240];

    if (!udyam_row_parse(l->ref, l->opt->today, l->index, rec, &ent, &why, warning, sizeof warning))
        return quarantine(l, rec, why.reason, why.msg, e);
    if (warning[0])
        warn(l, warning);
    snprintf(ent.src_feed, sizeof ent.src_feed, "%s", l->feed->name);
    ent.src_file = l->file_id;
    ent.src_row = l->row_no;
    if (store_enterprise_upsert(l->s, &ent, &r, e) != 0)
        return -1;
    switch (r.outcome) {
    case UPSERT_INSERTED: l->counts.inserted++; return 0;
    case UPSERT_UPDATED: l->counts.updated++; return 0;
    case UPSERT_REFRESHED:
    case UPSERT_UNCHANGED: l->counts.unchanged++; return 0;
    case UPSERT_DUPLICATE:
        snprintf(msg, sizeof msg, "identical to row %lld of this file", (long long)r.other_row);
        return quarantine(l, rec, R_DUPLICATE_ROW, msg, e);
    case UPSERT_CONFLICT:
        snprintf(msg, sizeof msg, "udyam_number %s is also on row %lld of this file, with other values",
                 ent.udyam, (long long)r.other_row);
        return quarantine(l, rec, R_CONFLICTING_DUPLICATE, msg, e);
    case UPSERT_PAN_CONFLICT:
        snprintf(msg, sizeof msg, "pan %.5s***** already belongs to %s", ent.pan, r.other_udyam);
        return quarantine(l, rec, R_PAN_CONFLICT, msg, e);
    }
    return err_set(e, "unexpected upsert outcome %d", (int)r.outcome);
}

static int load_record(struct loader *l, enum csv_status st, const struct csv_record *rec,
                       size_t header_fields, struct err *e)
{
    char msg[240];

    if (st == CSV_BAD) {
        enum reason r = rec->fault == CSV_FAULT_ENCODING       ? R_INVALID_UTF8
                        : rec->fault == CSV_FAULT_TOO_LONG      ? R_RECORD_TOO_LONG
                        : rec->fault == CSV_FAULT_TOO_MANY_FIELDS ? R_FIELD_COUNT
                                                                : R_CSV_QUOTING;
        return quarantine(l, rec, r, rec->error, e);
    }
    if (rec->nfields != header_fields) {
        snprintf(msg, sizeof msg, "%zu fields, the header has %zu", rec->nfields, header_fields);
        return quarantine(l, rec, R_FIELD_COUNT, msg, e);
    }
    return l->feed->load_row(l, rec, e);
}

/* --- file ---------------------------------------------------------------- */

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

static int read_header(struct loader *l, struct csv_reader *r, size_t *nfields, struct err *e)
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
    if (columns_map(l->feed->columns, l->feed->n_columns, &rec, l->index, &warnings, e) != 0) {
        buf_release(&warnings);
        return -1;
    }
    if (warnings.len > 0)
        fprintf(stderr, "samanvay: ingest %s: %s", l->feed->name, buf_cstr(&warnings));
    buf_release(&warnings);
    *nfields = rec.nfields;
    csv_reader_expect_fields(r, rec.nfields);
    return 0;
}

static int commit_batch(struct loader *l, bool complete, struct err *e)
{
    l->counts.rows_committed = l->row_no;
    if (store_ingest_file_progress(l->s, l->file_id, &l->counts, complete, e) != 0
        || store_commit(l->s, e) != 0)
        return -1;
    return complete ? 0 : store_begin(l->s, e);
}

static int load_rows(struct loader *l, struct csv_reader *r, size_t header_fields,
                     struct progress *bar, struct err *e)
{
    int64_t resume_from = l->counts.rows_committed;
    int batch = l->opt->batch_rows > 0 ? l->opt->batch_rows : DEFAULT_BATCH;
    int in_batch = 0;
    struct csv_record rec;
    enum csv_status st;

    if (store_begin(l->s, e) != 0)
        return -1;
    while ((st = csv_next(r, &rec, e)) == CSV_RECORD || st == CSV_BAD) {
        l->row_no++;
        if (l->row_no <= resume_from)
            continue;
        if (load_record(l, st, &rec, header_fields, e) != 0)
            goto fail;
        if (++in_batch == batch) {
            in_batch = 0;
            if (commit_batch(l, false, e) != 0)
                goto fail;
            progress_update(bar, csv_reader_offset(r), (uint64_t)l->row_no);
        }
    }
    if (st == CSV_IO_ERROR || commit_batch(l, true, e) != 0)
        goto fail;
    return 0;
fail:
    store_rollback(l->s);
    return err_prefix(e, "%s row %lld: ", l->feed->name, (long long)l->row_no);
}

static int count_reason(void *ctx, const char *code, int64_t n)
{
    struct ingest_summary *sum = ctx;
    enum reason r = reason_from_code(code);

    sum->by_reason[r] += n;
    return 0;
}

static int start_file(struct loader *l, const char *digest, int64_t size, struct err *e)
{
    const char *name = strrchr(l->opt->path, '/') ? strrchr(l->opt->path, '/') + 1 : l->opt->path;
    bool complete;

    if (store_ingest_file_open(l->s, l->feed->name, name, digest, size, &l->file_id, &complete, e) != 0)
        return -1;
    memset(&l->counts, 0, sizeof l->counts);
    /* A completed file is read again from the top (every row is found
     * unchanged); an interrupted one resumes after its last commit. */
    if (!complete && store_ingest_file_counts(l->s, l->file_id, &l->counts, e) != 0)
        return -1;
    l->sum->resumed = !complete && l->counts.rows_committed > 0;
    return 0;
}

static int run(struct loader *l, FILE *f, int64_t size, struct err *e)
{
    struct csv_reader *r;
    struct progress bar;
    char digest[65];
    size_t header_fields = 0;
    int rc = -1;

    if (file_digest(f, digest, e) != 0 || start_file(l, digest, size, e) != 0)
        return -1;
    r = csv_reader_new_file(f, NULL);
    if (r == NULL)
        return err_set(e, "out of memory");
    if (read_header(l, r, &header_fields, e) == 0) {
        progress_start(&bar, l->feed->name, (uint64_t)size, l->opt->quiet);
        rc = load_rows(l, r, header_fields, &bar, e);
        progress_finish(&bar, (uint64_t)l->row_no);
    }
    csv_reader_free(r);
    return rc;
}

int ingest_file(struct store *s, const struct refdata *ref, const struct ingest_options *opt,
                struct ingest_summary *out, struct err *e)
{
    struct loader l;
    struct stat sb;
    double started = progress_now();
    FILE *f;
    int rc;

    memset(&l, 0, sizeof l);
    memset(out, 0, sizeof *out);
    l.s = s, l.ref = ref, l.opt = opt, l.sum = out;
    l.feed = feed_find(opt->feed);
    if (l.feed == NULL)
        return err_set(e, ingest_feed_known(opt->feed)
                              ? "feed '%s' is not loadable yet: only udyam loads today (the other feeds arrive with entity resolution)"
                              : "unknown feed '%s'", opt->feed);
    f = fopen(opt->path, "rb");
    if (f == NULL)
        return err_set(e, "%s: %s", opt->path, strerror(errno));
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return err_set(e, "%s: not a regular file", opt->path);
    }
    rc = run(&l, f, (int64_t)sb.st_size, e);
    fclose(f);
    if (rc != 0)
        return -1;
    snprintf(out->feed, sizeof out->feed, "%s", opt->feed);
    out->file_id = l.file_id;
    out->rows = l.row_no;
    out->inserted = l.counts.inserted;
    out->updated = l.counts.updated;
    out->unchanged = l.counts.unchanged;
    out->quarantined = l.counts.quarantined;
    out->loaded = out->inserted + out->updated + out->unchanged;
    out->seconds = progress_now() - started;
    return store_quarantine_counts(s, l.file_id, count_reason, out, e);
}
