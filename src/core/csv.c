#include "core/csv.h"

#include <errno.h>
#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/buf.h"

#define READ_CHUNK ((size_t)1 << 20)

struct csv_reader {
    FILE *f;                /* NULL in memory mode */
    char *in;               /* input window; in memory mode points at caller data */
    size_t cap, pos, end;
    bool owns_in, at_eof, started;
    uint64_t consumed;      /* bytes before in[0] */
    uint64_t line;          /* physical lines consumed */
    uint64_t number;        /* records returned */
    size_t expected;
    struct csv_options opt;
    struct buf fields;      /* unescaped fields, NUL-separated */
    size_t *offsets;
    char **ptrs;
    size_t *lens;
    size_t slots;
    char error[160];
    enum csv_fault fault;
};

static void options_fill(struct csv_options *o, const struct csv_options *in)
{
    o->max_record_bytes = 64 * 1024;
    o->max_fields = 256;
    o->max_lines_per_record = 8;
    o->validate_utf8 = true;
    if (in == NULL)
        return;
    if (in->max_record_bytes)
        o->max_record_bytes = in->max_record_bytes;
    if (in->max_fields)
        o->max_fields = in->max_fields;
    if (in->max_lines_per_record)
        o->max_lines_per_record = in->max_lines_per_record;
    o->validate_utf8 = in->validate_utf8;
}

static struct csv_reader *reader_new(const struct csv_options *opt)
{
    struct csv_reader *r = mem_calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    options_fill(&r->opt, opt);
    r->fields.limit = r->opt.max_record_bytes * 2 + 1024;
    r->slots = r->opt.max_fields;
    r->offsets = mem_calloc(r->slots, sizeof *r->offsets);
    r->ptrs = mem_calloc(r->slots, sizeof *r->ptrs);
    r->lens = mem_calloc(r->slots, sizeof *r->lens);
    if (r->offsets == NULL || r->ptrs == NULL || r->lens == NULL) {
        csv_reader_free(r);
        return NULL;
    }
    return r;
}

struct csv_reader *csv_reader_new_file(FILE *f, const struct csv_options *opt)
{
    struct csv_reader *r = reader_new(opt);

    if (r == NULL)
        return NULL;
    r->f = f;
    r->cap = r->opt.max_record_bytes + READ_CHUNK;
    r->in = mem_alloc(r->cap);
    r->owns_in = true;
    if (r->in == NULL) {
        csv_reader_free(r);
        return NULL;
    }
    return r;
}

struct csv_reader *csv_reader_new_mem(const char *data, size_t len, const struct csv_options *opt)
{
    struct csv_reader *r = reader_new(opt);

    if (r == NULL)
        return NULL;
    /* Memory mode never writes to the window, so casting away const is safe. */
    r->in = (char *)data;
    r->cap = r->end = len;
    r->at_eof = true;
    return r;
}

void csv_reader_free(struct csv_reader *r)
{
    if (r == NULL)
        return;
    if (r->owns_in)
        mem_free(r->in);
    buf_release(&r->fields);
    mem_free(r->offsets);
    mem_free(r->ptrs);
    mem_free(r->lens);
    mem_free(r);
}

void csv_reader_expect_fields(struct csv_reader *r, size_t n)
{
    r->expected = n;
}

uint64_t csv_reader_offset(const struct csv_reader *r)
{
    return r->consumed + r->pos;
}

/* Make more input available after r->end. Returns 0, or -1 on a read error. */
static int refill(struct csv_reader *r, struct err *e)
{
    size_t got;

    if (r->at_eof)
        return 0;
    if (r->pos > 0) {
        memmove(r->in, r->in + r->pos, r->end - r->pos);
        r->consumed += r->pos;
        r->end -= r->pos;
        r->pos = 0;
    }
    if (r->end == r->cap)
        return 0;
    got = fread(r->in + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got == 0) {
        if (ferror(r->f))
            return err_set(e, "read error: %s", strerror(errno));
        r->at_eof = true;
    }
    return 0;
}

/* Offset just past the line starting at `from` (past its '\n', or the end of
 * input). Sets *complete = false when the window is full without a line end.
 * May move the window, so offsets are relative to r->pos on return. */
static int line_end(struct csv_reader *r, size_t from_rel, size_t *end_rel, bool *complete,
                    struct err *e)
{
    for (;;) {
        size_t from = r->pos + from_rel;
        char *nl = memchr(r->in + from, '\n', r->end - from);
        if (nl != NULL) {
            *end_rel = (size_t)(nl + 1 - r->in) - r->pos;
            *complete = true;
            return 0;
        }
        if (r->at_eof) {
            *end_rel = r->end - r->pos;
            *complete = true;
            return 0;
        }
        if (r->pos == 0 && r->end == r->cap) {
            *end_rel = r->end - r->pos;
            *complete = false;
            return 0;
        }
        if (refill(r, e) != 0)
            return -1;
    }
}

enum scan { SCAN_OK, SCAN_MORE, SCAN_BAD };

static int field_push(struct csv_reader *r, size_t *n, size_t start)
{
    if (*n >= r->slots)
        return -1;
    r->offsets[*n] = start;
    r->lens[*n] = r->fields.len - start;
    (*n)++;
    return buf_putc(&r->fields, '\0');
}

/* Split in[s..e) (one record, line end excluded) into fields. */
static enum scan scan_record(struct csv_reader *r, const char *s, size_t len, size_t *nfields)
{
    size_t i = 0, n = 0;

    buf_reset(&r->fields);
    for (;;) {
        size_t start = r->fields.len;
        if (i < len && s[i] == '"') {
            i++;
            for (;;) {
                const char *q = memchr(s + i, '"', len - i);
                if (q == NULL)
                    return SCAN_MORE;
                if (buf_append(&r->fields, s + i, (size_t)(q - (s + i))) != 0)
                    goto too_long;
                i = (size_t)(q - s) + 1;
                if (i < len && s[i] == '"') {
                    if (buf_putc(&r->fields, '"') != 0)
                        goto too_long;
                    i++;
                    continue;
                }
                break;
            }
            if (i < len && s[i] != ',') {
                r->fault = CSV_FAULT_QUOTE;
                snprintf(r->error, sizeof r->error,
                         "unexpected character after a closing quote at byte %zu", i + 1);
                return SCAN_BAD;
            }
        } else {
            const char *comma = memchr(s + i, ',', len - i);
            size_t stop = comma ? (size_t)(comma - s) : len;
            if (memchr(s + i, '"', stop - i) != NULL) {
                r->fault = CSV_FAULT_QUOTE;
                snprintf(r->error, sizeof r->error,
                         "quote inside an unquoted field at byte %zu",
                         (size_t)((const char *)memchr(s + i, '"', stop - i) - s) + 1);
                return SCAN_BAD;
            }
            if (buf_append(&r->fields, s + i, stop - i) != 0)
                goto too_long;
            i = stop;
        }
        if (field_push(r, &n, start) != 0) {
            r->fault = CSV_FAULT_TOO_MANY_FIELDS;
            snprintf(r->error, sizeof r->error, "more than %zu fields", r->slots);
            return SCAN_BAD;
        }
        if (i >= len)
            break;
        i++; /* the comma */
        if (i == len) {
            /* trailing comma: one more empty field */
            if (field_push(r, &n, r->fields.len) != 0) {
                r->fault = CSV_FAULT_TOO_MANY_FIELDS;
                snprintf(r->error, sizeof r->error, "more than %zu fields", r->slots);
                return SCAN_BAD;
            }
            break;
        }
    }
    *nfields = n;
    return SCAN_OK;
too_long:
    r->fault = CSV_FAULT_TOO_LONG;
    snprintf(r->error, sizeof r->error, "record longer than %zu bytes", r->opt.max_record_bytes);
    return SCAN_BAD;
}

static bool utf8_ok(const char *s, size_t n, size_t *bad_at)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == 0) {
                *bad_at = i;
                return false;
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            *bad_at = i;
            return false;
        }
        i += (size_t)k;
    }
    return true;
}

static size_t trim_eol(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '\n')
        n--;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    return n;
}

static void fill_record(struct csv_reader *r, struct csv_record *rec, size_t nfields,
                        const char *raw, size_t raw_len, uint64_t line)
{
    for (size_t k = 0; k < nfields; k++)
        r->ptrs[k] = r->fields.data + r->offsets[k];
    rec->nfields = nfields;
    rec->field = r->ptrs;
    rec->len = r->lens;
    rec->line = line;
    rec->number = ++r->number;
    rec->raw = raw;
    rec->raw_len = raw_len;
    rec->error = NULL;
    rec->fault = CSV_FAULT_NONE;
}

/* Report in[pos..pos+span) as one bad record covering `lines` lines. */
static enum csv_status bad_span(struct csv_reader *r, struct csv_record *rec, size_t span,
                                uint64_t line, int lines)
{
    const char *raw = r->in + r->pos;

    fill_record(r, rec, 0, raw, trim_eol(raw, span), line);
    rec->error = r->error;
    rec->fault = r->fault;
    r->pos += span;
    r->line = line + (uint64_t)lines - 1;
    return CSV_BAD;
}

static enum csv_status bad_line(struct csv_reader *r, struct csv_record *rec, size_t first_end,
                                uint64_t line)
{
    return bad_span(r, rec, first_end, line, 1);
}

static enum csv_status unterminated(struct csv_reader *r, struct csv_record *rec,
                                    size_t first_end, uint64_t line)
{
    r->fault = CSV_FAULT_QUOTE;
    snprintf(r->error, sizeof r->error, "unterminated quoted field");
    return bad_line(r, rec, first_end, line);
}

/* Skip an over-long line; report it as bad. `end`/`complete` describe the
 * line end as line_end found it: either past the limit, or not found
 * because the line fills the whole window. */
static enum csv_status skip_long_line(struct csv_reader *r, struct csv_record *rec, size_t end,
                                      bool complete, struct err *e)
{
    uint64_t line = r->line + 1;

    r->fault = CSV_FAULT_TOO_LONG;
    snprintf(r->error, sizeof r->error, "record longer than %zu bytes", r->opt.max_record_bytes);
    while (!complete) {
        r->pos = r->end; /* drop the window and look further */
        if (refill(r, e) != 0 || line_end(r, 0, &end, &complete, e) != 0)
            return CSV_IO_ERROR;
    }
    r->pos += end;
    r->line = line;
    buf_reset(&r->fields);
    fill_record(r, rec, 0, "", 0, line);
    rec->error = r->error;
    rec->fault = r->fault;
    return CSV_BAD;
}

enum csv_status csv_next(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
    for (;;) {
        size_t first_end, end, nfields = 0, raw_len, bad_at;
        bool complete;
        int lines = 1;
        uint64_t line = r->line + 1;
        enum scan sc;

        if (r->pos == r->end && refill(r, e) != 0)
            return CSV_IO_ERROR;
        if (r->pos == r->end)
            return CSV_END;
        if (!r->started) {
            r->started = true;
            if (r->end - r->pos < 3 && refill(r, e) != 0)
                return CSV_IO_ERROR;
            if (r->end - r->pos >= 3 && memcmp(r->in + r->pos, "\xEF\xBB\xBF", 3) == 0)
                r->pos += 3;
            continue;
        }
        if (line_end(r, 0, &first_end, &complete, e) != 0)
            return CSV_IO_ERROR;
        if (!complete || first_end > r->opt.max_record_bytes)
            return skip_long_line(r, rec, first_end, complete, e);
        raw_len = trim_eol(r->in + r->pos, first_end);
        if (raw_len == 0) { /* blank line */
            r->pos += first_end;
            r->line = line;
            continue;
        }
        end = first_end;
        for (;;) {
            raw_len = trim_eol(r->in + r->pos, end);
            sc = scan_record(r, r->in + r->pos, raw_len, &nfields);
            if (sc != SCAN_MORE)
                break;
            size_t next_end;
            if (lines >= r->opt.max_lines_per_record)
                return unterminated(r, rec, first_end, line);
            if (line_end(r, end, &next_end, &complete, e) != 0)
                return CSV_IO_ERROR;
            if (next_end == end || !complete || next_end > r->opt.max_record_bytes)
                return unterminated(r, rec, first_end, line);
            end = next_end;
            lines++;
        }
        if (sc == SCAN_BAD)
            return bad_line(r, rec, first_end, line);
        if (lines > 1 && r->expected && nfields != r->expected) {
            r->fault = CSV_FAULT_QUOTE;
            snprintf(r->error, sizeof r->error,
                     "unterminated quoted field (a quote opened here runs into the next lines)");
            return bad_line(r, rec, first_end, line);
        }
        if (r->opt.validate_utf8 && !utf8_ok(r->in + r->pos, raw_len, &bad_at)) {
            r->fault = CSV_FAULT_ENCODING;
            snprintf(r->error, sizeof r->error, "%s at byte %zu",
                     r->in[r->pos + bad_at] == 0 ? "NUL byte" : "invalid UTF-8", bad_at + 1);
            return bad_span(r, rec, end, line, lines);
        }
        fill_record(r, rec, nfields, r->in + r->pos, raw_len, line);
        r->pos += end;
        r->line = line + (uint64_t)lines - 1;
        return CSV_RECORD;
    }
}

int csv_header_index(const struct csv_record *header, const char *name)
{
    for (size_t i = 0; i < header->nfields; i++)
        if (strcmp(header->field[i], name) == 0)
            return (int)i;
    return -1;
}

int csv_put_field(struct buf *out, const char *s, size_t n)
{
    bool quote = false;

    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote)
        return buf_append(out, s, n);
    if (buf_putc(out, '"') != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' && buf_putc(out, '"') != 0)
            return -1;
        if (buf_putc(out, s[i]) != 0)
            return -1;
    }
    return buf_putc(out, '"');
}
