/* xlsx.c: one table as an .xlsx workbook, through libxlsxwriter (xlsx.h).
 *
 * libxlsxwriter 1.1.4 writes only to a named file, at workbook_close. The
 * file is made with mkstemp (a private name, so threads never collide),
 * kept open, and read back through that descriptor after the close; it is
 * unlinked whatever happens. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>
#include <xlsxwriter.h>

#include "core/alloc.h"
#include "core/date.h"
#include "web/xlsx.h"

/* Column widths, in characters: wide enough for the longest cell seen,
 * within bounds so one long text does not push the rest off screen. */
#define MIN_WIDTH 8.0
#define MAX_WIDTH 60.0
#define WIDTH_PADDING 2.0
#define DATE_WIDTH 10.0

#define PATH_LEN 4096

struct xlsx_table {
    lxw_workbook *book;       /* NULL once closed (workbook_close frees it) */
    lxw_worksheet *sheet;
    lxw_format *date_format;
    int fd;                   /* the mkstemp file, -1 when none */
    char path[PATH_LEN];
    char tmpdir[PATH_LEN];    /* for libxlsxwriter's own temporary files */
    size_t n_cols;
    lxw_row_t row;            /* the row being written; 0 is the header */
    lxw_col_t col;            /* its next cell */
    double *widths;           /* widest cell per column, in characters */
    bool failed;
    struct err why;           /* the first failure */
};

static int fail(struct xlsx_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Remember the first failure; later cells are refused. */
static int fail(struct xlsx_table *t, const char *fmt, ...)
{
    va_list ap;

    if (!t->failed) {
        va_start(ap, fmt);
        vsnprintf(t->why.msg, sizeof t->why.msg, fmt, ap);
        va_end(ap);
        t->failed = true;
    }
    return -1;
}

static int check(struct xlsx_table *t, lxw_error rc, const char *what)
{
    if (rc == LXW_NO_ERROR)
        return 0;
    return fail(t, "%s: %s", what, lxw_strerror(rc));
}

/* Display width of UTF-8 text in characters, or -1 when it is not UTF-8
 * or longer than a cell may hold. Combining marks (Devanagari matras)
 * take no width of their own. */
static double text_width(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    long chars = 0, width = 0;

    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n < 0 || ++chars > XLSX_MAX_TEXT)
            return -1;
        width += utf8proc_charwidth(cp);
        p += n;
        left -= n;
    }
    return (double)width;
}

static void widen(struct xlsx_table *t, double width)
{
    if (width > t->widths[t->col])
        t->widths[t->col] = width;
}

/* The cell about to be written exists: the table has not failed, the row
 * has room and the sheet has rows left. */
static int next_cell(struct xlsx_table *t)
{
    if (t->failed)
        return -1;
    if (t->col >= t->n_cols)
        return fail(t, "row %u has more cells than the %zu headings", (unsigned)t->row, t->n_cols);
    if (t->row > XLSX_MAX_ROWS)
        return fail(t, "more than %d rows, Excel's limit", XLSX_MAX_ROWS);
    return 0;
}

/* worksheet_write_string stores a text cell, whatever the text starts
 * with; this module never calls worksheet_write_formula. */
static int write_text(struct xlsx_table *t, const char *s, lxw_format *format)
{
    double width;

    if (s == NULL)
        return fail(t, "row %u, column %u: no text (use xlsx_table_empty)", (unsigned)t->row,
                    (unsigned)t->col + 1);
    if ((width = text_width(s)) < 0)
        return fail(t, "row %u, column %u: text is not UTF-8 or longer than %d characters",
                    (unsigned)t->row, (unsigned)t->col + 1, XLSX_MAX_TEXT);
    if (check(t, worksheet_write_string(t->sheet, t->row, t->col, s, format), "text cell") != 0)
        return -1;
    widen(t, width);
    t->col++;
    return 0;
}

int xlsx_table_text(struct xlsx_table *t, const char *s)
{
    if (next_cell(t) != 0)
        return -1;
    return write_text(t, s, NULL);
}

int xlsx_table_number(struct xlsx_table *t, double v)
{
    char shown[32];

    if (next_cell(t) != 0)
        return -1;
    if (!isfinite(v))
        return fail(t, "row %u, column %u: a number that is not finite", (unsigned)t->row,
                    (unsigned)t->col + 1);
    if (check(t, worksheet_write_number(t->sheet, t->row, t->col, v, NULL), "number cell") != 0)
        return -1;
    widen(t, (double)snprintf(shown, sizeof shown, "%.15g", v));
    t->col++;
    return 0;
}

int xlsx_table_date(struct xlsx_table *t, int32_t days)
{
    lxw_datetime when = {0};

    if (next_cell(t) != 0)
        return -1;
    if (days != DATE_UNKNOWN)
        date_to_ymd(days, &when.year, &when.month, &when.day);
    if (days == DATE_UNKNOWN || when.year < 1900 || when.year > 9999)
        return fail(t, "row %u, column %u: not a date Excel can show (use xlsx_table_empty "
                    "for an unknown one)", (unsigned)t->row, (unsigned)t->col + 1);
    if (check(t, worksheet_write_datetime(t->sheet, t->row, t->col, &when, t->date_format),
              "date cell") != 0)
        return -1;
    widen(t, DATE_WIDTH);
    t->col++;
    return 0;
}

int xlsx_table_empty(struct xlsx_table *t)
{
    if (next_cell(t) != 0)
        return -1;
    t->col++;
    return 0;
}

int xlsx_table_end_row(struct xlsx_table *t)
{
    if (t->failed)
        return -1;
    t->row++;
    t->col = 0;
    return 0;
}

static void remove_file(struct xlsx_table *t)
{
    if (t->fd < 0)
        return;
    unlink(t->path);
    close(t->fd);
    t->fd = -1;
}

void xlsx_table_free(struct xlsx_table *t)
{
    if (t == NULL)
        return;
    if (t->book != NULL)
        lxw_workbook_free(t->book);
    remove_file(t);
    mem_free(t->widths);
    mem_free(t);
}

/* The private file the workbook will be written to, in $TMPDIR or /tmp. */
static int make_file(struct xlsx_table *t, struct err *e)
{
    const char *dir = getenv("TMPDIR");

    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    if ((size_t)snprintf(t->tmpdir, sizeof t->tmpdir, "%s", dir) >= sizeof t->tmpdir
        || (size_t)snprintf(t->path, sizeof t->path, "%s/samanvay-xlsx-XXXXXX", dir)
               >= sizeof t->path)
        return err_set(e, "xlsx: temporary directory name too long");
    if ((t->fd = mkstemp(t->path)) < 0)
        return err_set(e, "xlsx: cannot create a temporary file in %s: %m", dir);
    return 0;
}

/* Workbook, sheet and formats; the bold header row, frozen. */
static int open_sheet(struct xlsx_table *t, const char *sheet_name, const char *const *headings)
{
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = t->tmpdir,
                                    .use_zip64 = LXW_FALSE};
    lxw_format *bold;

    if ((t->book = workbook_new_opt(t->path, &options)) == NULL)
        return fail(t, "cannot start a workbook (out of memory)");
    if (check(t, workbook_validate_sheet_name(t->book, sheet_name), "sheet name") != 0)
        return -1;
    if ((t->sheet = workbook_add_worksheet(t->book, sheet_name)) == NULL
        || (bold = workbook_add_format(t->book)) == NULL
        || (t->date_format = workbook_add_format(t->book)) == NULL)
        return fail(t, "cannot add the sheet (out of memory or no temporary file)");
    format_set_bold(bold);
    format_set_num_format(t->date_format, "yyyy-mm-dd");
    for (size_t c = 0; c < t->n_cols; c++)
        if (write_text(t, headings[c], bold) != 0)
            return -1;
    worksheet_freeze_panes(t->sheet, 1, 0);
    return xlsx_table_end_row(t);
}

struct xlsx_table *xlsx_table_new(const char *sheet_name, const char *const *headings,
                                  size_t n_cols, struct err *e)
{
    struct xlsx_table *t;

    if (n_cols == 0 || n_cols > XLSX_MAX_COLS) {
        err_set(e, "xlsx: %zu columns; a table has 1 to %d", n_cols, XLSX_MAX_COLS);
        return NULL;
    }
    if ((t = mem_calloc(1, sizeof *t)) == NULL
        || (t->widths = mem_calloc(n_cols, sizeof *t->widths)) == NULL) {
        mem_free(t);
        err_set(e, "xlsx: out of memory");
        return NULL;
    }
    t->fd = -1;
    t->n_cols = n_cols;
    if (make_file(t, e) != 0) {
        xlsx_table_free(t);
        return NULL;
    }
    if (open_sheet(t, sheet_name, headings) != 0) {
        err_set(e, "xlsx: %s", t->why.msg);
        xlsx_table_free(t);
        return NULL;
    }
    return t;
}

/* Column widths and the header's autofilter over the rows written. */
static int lay_out(struct xlsx_table *t)
{
    lxw_row_t last = t->col > 0 ? t->row : t->row - 1;

    for (size_t c = 0; c < t->n_cols; c++) {
        double width = fmin(fmax(t->widths[c] + WIDTH_PADDING, MIN_WIDTH), MAX_WIDTH);
        if (check(t, worksheet_set_column(t->sheet, (lxw_col_t)c, (lxw_col_t)c, width, NULL),
                  "column width") != 0)
            return -1;
    }
    return check(t,
                 worksheet_autofilter(t->sheet, 0, 0, last, (lxw_col_t)(t->n_cols - 1)),
                 "autofilter");
}

/* The finished file, read through the descriptor mkstemp gave. */
static int read_back(struct xlsx_table *t, struct buf *out)
{
    struct buf bytes = BUF_INIT;
    char chunk[65536];
    off_t at = 0;
    ssize_t n;
    int rc;

    while ((n = pread(t->fd, chunk, sizeof chunk, at)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            buf_release(&bytes);
            errno = saved;
            return fail(t, "reading the workbook back: %m");
        }
        if (buf_append(&bytes, chunk, (size_t)n) != 0) {
            buf_release(&bytes);
            return fail(t, "out of memory");
        }
        at += n;
    }
    if (bytes.len == 0)
        return fail(t, "the workbook file is empty");
    rc = buf_append(out, bytes.data, bytes.len);
    buf_release(&bytes);
    return rc == 0 ? 0 : fail(t, "out of memory (or past the output's limit)");
}

int xlsx_table_finish(struct xlsx_table *t, struct buf *out, struct err *e)
{
    int rc = -1;

    if (t->book == NULL && !t->failed)
        fail(t, "the table was already finished");
    if (!t->failed && lay_out(t) == 0) {
        lxw_error closed = workbook_close(t->book);
        t->book = NULL;
        if (check(t, closed, "writing the workbook") == 0)
            rc = read_back(t, out);
    }
    remove_file(t);
    if (rc != 0)
        return err_set(e, "xlsx: %s", t->why.msg);
    return 0;
}
