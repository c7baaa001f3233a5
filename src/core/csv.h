/* csv.h: a streaming RFC 4180 reader that survives bad input.
 *
 * It reads a FILE* (not owned) or a memory block in constant memory: a
 * record may span lines inside quotes, but never more than
 * max_record_bytes. It skips a UTF-8 byte-order mark, accepts CRLF or LF,
 * skips blank lines, and can reject invalid UTF-8.
 *
 * Recovery: when a record is malformed (a stray or unterminated quote), or
 * spans several lines yet has the wrong number of fields, the reader
 * reports only the *first physical line* as bad and resumes at the next
 * line. A broken quote costs one row, never the rest of the file. */
#ifndef SAMANVAY_CSV_H
#define SAMANVAY_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct csv_options {
    size_t max_record_bytes;   /* default 64 KiB */
    size_t max_fields;         /* default 256 */
    int max_lines_per_record;  /* default 8 */
    bool validate_utf8;        /* default true */
};

enum csv_status {
    CSV_RECORD = 0,   /* a good record */
    CSV_BAD,          /* a bad record: see csv_record.error; reading may continue */
    CSV_END,          /* end of input */
    CSV_IO_ERROR,     /* read failed; see err */
};

/* Why a record is bad (CSV_BAD). */
enum csv_fault {
    CSV_FAULT_NONE = 0,
    CSV_FAULT_QUOTE,          /* stray or unterminated quote, or a multi-line record gone wrong */
    CSV_FAULT_ENCODING,       /* invalid UTF-8 or a NUL byte */
    CSV_FAULT_TOO_LONG,       /* longer than max_record_bytes */
    CSV_FAULT_TOO_MANY_FIELDS,
};

struct csv_record {
    size_t nfields;
    char **field;        /* NUL-terminated, valid until the next csv_next */
    size_t *len;         /* byte length of each field */
    uint64_t line;       /* 1-based physical line where the record starts */
    uint64_t number;     /* 1-based record number (header is record 1) */
    const char *raw;     /* the record's bytes as read, without the line end */
    size_t raw_len;
    const char *error;   /* for CSV_BAD: what is wrong, with the byte position */
    enum csv_fault fault;
};

struct csv_reader;

/* Either constructor returns NULL only when memory runs out. opt may be NULL. */
struct csv_reader *csv_reader_new_file(FILE *f, const struct csv_options *opt);
struct csv_reader *csv_reader_new_mem(const char *data, size_t len, const struct csv_options *opt);
void csv_reader_free(struct csv_reader *r);

/* After the header is read, tell the reader how many fields a record has so
 * that multi-line records with the wrong count fall back to one bad line. */
void csv_reader_expect_fields(struct csv_reader *r, size_t n);

enum csv_status csv_next(struct csv_reader *r, struct csv_record *rec, struct err *e);

/* Bytes consumed so far (for progress bars). */
uint64_t csv_reader_offset(const struct csv_reader *r);

/* Field index of `name` in a header record, or -1. Exact match. */
int csv_header_index(const struct csv_record *header, const char *name);

/* Append one field to out, quoted when it needs to be (for writers). */
struct buf;
int csv_put_field(struct buf *out, const char *s, size_t n);

#endif
