/* The .xlsx table writer: real workbooks, opened again by Python's zipfile
 * and XML parser (a reader independent of libxlsxwriter), which prints
 * every cell with its kind; the tests assert what a spreadsheet would
 * show. Also: formula injection stays text, over-wide rows and bad input
 * are errors, tables build on several threads at once, and no temporary
 * file outlives its table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/date.h"
#include "web/xlsx.h"

/* Prints one line per fact of the first sheet: "cell REF KIND VALUE"
 * (KIND text, number, date or formula; "+bold" when the font is bold),
 * "frozen TOPLEFT", "filter RANGE" and "width COL CHARS". */
static const char reader_py[] =
    "import sys, zipfile, datetime, xml.etree.ElementTree as ET\n"
    "N = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "assert z.testzip() is None\n"
    "shared = []\n"
    "if 'xl/sharedStrings.xml' in z.namelist():\n"
    "    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(N + 'si'):\n"
    "        shared.append(''.join(t.text or '' for t in si.iter(N + 't')))\n"
    "st = ET.fromstring(z.read('xl/styles.xml'))\n"
    "fmts = {int(f.get('numFmtId')): f.get('formatCode') for f in st.iter(N + 'numFmt')}\n"
    "fonts = [f.find(N + 'b') is not None for f in st.find(N + 'fonts')]\n"
    "xfs = [(int(x.get('numFmtId', 0)), int(x.get('fontId', 0))) for x in st.find(N + 'cellXfs')]\n"
    "ws = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))\n"
    "for pane in ws.iter(N + 'pane'):\n"
    "    print('frozen', pane.get('topLeftCell'), pane.get('state'))\n"
    "for af in ws.iter(N + 'autoFilter'):\n"
    "    print('filter', af.get('ref'))\n"
    "for col in ws.iter(N + 'col'):\n"
    "    print('width', col.get('min'), round(float(col.get('width'))))\n"
    "for c in ws.iter(N + 'c'):\n"
    "    num, font = xfs[int(c.get('s', 0))]\n"
    "    bold = '+bold' if fonts[font] else ''\n"
    "    t, v = c.get('t', 'n'), c.find(N + 'v')\n"
    "    if c.find(N + 'f') is not None:\n"
    "        kind, val = 'formula', c.find(N + 'f').text\n"
    "    elif t == 's':\n"
    "        kind, val = 'text', shared[int(v.text)]\n"
    "    elif t == 'inlineStr':\n"
    "        kind, val = 'text', ''.join(x.text or '' for x in c.iter(N + 't'))\n"
    "    elif 'yy' in fmts.get(num, ''):\n"
    "        d = datetime.date(1899, 12, 30) + datetime.timedelta(days=float(v.text))\n"
    "        kind, val = 'date', d.isoformat() + ' ' + fmts[num]\n"
    "    else:\n"
    "        kind, val = 'number', repr(float(v.text))\n"
    "    print('cell', c.get('r'), kind + bold, val)\n";

static char scratch[256];   /* this run's TMPDIR, made in main */
static char reader[300];

static int32_t ymd(int y, int m, int d)
{
    int32_t out;

    assert_int_equal(date_from_ymd(y, m, d, &out), 0);
    return out;
}

/* The workbook's bytes through the Python reader, as one string. */
static void read_back(const struct buf *xlsx, struct buf *out)
{
    char path[300], cmd[700], line[512];
    FILE *f, *p;

    snprintf(path, sizeof path, "%s/read-XXXXXX", scratch);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(xlsx->data, 1, xlsx->len, f), xlsx->len);
    assert_int_equal(fclose(f), 0);
    snprintf(cmd, sizeof cmd, "python3 '%s' '%s' 2>&1", reader, path);
    p = popen(cmd, "r");
    assert_non_null(p);
    while (fgets(line, sizeof line, p) != NULL)
        assert_int_equal(buf_puts(out, line), 0);
    assert_int_equal(pclose(p), 0);
    unlink(path);
}

static int files_in_scratch(void)
{
    DIR *d = opendir(scratch);
    struct dirent *ent;
    int n = 0;

    assert_non_null(d);
    while ((ent = readdir(d)) != NULL)
        n += ent->d_name[0] != '.';
    closedir(d);
    return n;
}

static const char *const headings[] = {"उद्यम का नाम", "Turnover (₹)", "Registered on", "Note"};

static void test_cells_as_a_spreadsheet_reads_them(void **state)
{
    struct err e = {""};
    struct buf xlsx = BUF_INIT, got = BUF_INIT;
    struct xlsx_table *t = xlsx_table_new("उद्यम", headings, 4, &e);

    (void)state;
    assert_non_null(t);
    assert_int_equal(xlsx_table_text(t, "शक्ति टेक्सटाइल्स"), 0);
    assert_int_equal(xlsx_table_number(t, 12000000.5), 0);
    assert_int_equal(xlsx_table_date(t, ymd(2021, 2, 10)), 0);
    assert_int_equal(xlsx_table_text(t, "=cmd()"), 0);
    assert_int_equal(xlsx_table_end_row(t), 0);
    /* Every formula-injection prefix stays text; an empty cell stays empty. */
    assert_int_equal(xlsx_table_text(t, "+SUM(A1:A9)"), 0);
    assert_int_equal(xlsx_table_number(t, -3), 0);
    assert_int_equal(xlsx_table_empty(t), 0);
    assert_int_equal(xlsx_table_text(t, "@HYPERLINK(\"http://x\")"), 0);
    assert_int_equal(xlsx_table_end_row(t), 0);
    assert_int_equal(xlsx_table_text(t, "-2+3"), 0);
    assert_int_equal(xlsx_table_number(t, 0), 0);
    assert_int_equal(xlsx_table_date(t, ymd(1999, 12, 31)), 0);
    /* The last row is left open: finish ends it. */
    assert_int_equal(xlsx_table_finish(t, &xlsx, &e), 0);
    xlsx_table_free(t);
    assert_true(xlsx.len > 1000);
    assert_memory_equal(xlsx.data, "PK\3\4", 4);
    assert_int_equal(files_in_scratch(), 0);

    /* Widths: the widest cell in characters, plus 2, plus the 0.71 that
     * libxlsxwriter adds for Excel's cell margins. Devanagari vowel signs
     * and viramas take no width of their own, so the name is 11 wide. */
    read_back(&xlsx, &got);
    assert_string_equal(got.data,
                        "frozen A2 frozen\n"
                        "filter A1:D4\n"
                        "width 1 14\n"
                        "width 2 15\n"
                        "width 3 16\n"
                        "width 4 25\n"
                        "cell A1 text+bold उद्यम का नाम\n"
                        "cell B1 text+bold Turnover (₹)\n"
                        "cell C1 text+bold Registered on\n"
                        "cell D1 text+bold Note\n"
                        "cell A2 text शक्ति टेक्सटाइल्स\n"
                        "cell B2 number 12000000.5\n"
                        "cell C2 date 2021-02-10 yyyy-mm-dd\n"
                        "cell D2 text =cmd()\n"
                        "cell A3 text +SUM(A1:A9)\n"
                        "cell B3 number -3.0\n"
                        "cell D3 text @HYPERLINK(\"http://x\")\n"
                        "cell A4 text -2+3\n"
                        "cell B4 number 0.0\n"
                        "cell C4 date 1999-12-31 yyyy-mm-dd\n");
    buf_release(&got);
    buf_release(&xlsx);
}

/* One long text does not push the other columns off screen. */
static void test_widths_are_capped(void **state)
{
    const char *const cols[] = {"long", "short"};
    char text[201];
    struct err e = {""};
    struct buf xlsx = BUF_INIT, got = BUF_INIT;
    struct xlsx_table *t = xlsx_table_new("Sheet", cols, 2, &e);

    (void)state;
    assert_non_null(t);
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    assert_int_equal(xlsx_table_text(t, text), 0);
    assert_int_equal(xlsx_table_text(t, "ok"), 0);
    assert_int_equal(xlsx_table_finish(t, &xlsx, &e), 0);
    xlsx_table_free(t);
    read_back(&xlsx, &got);
    assert_non_null(strstr(got.data, "width 1 61\nwidth 2 9\n"));
    buf_release(&got);
    buf_release(&xlsx);
}

static void test_over_wide_row_is_an_error(void **state)
{
    struct err e = {""};
    struct buf xlsx = BUF_INIT;
    struct xlsx_table *t = xlsx_table_new("Sheet", headings, 4, &e);

    (void)state;
    assert_non_null(t);
    for (int i = 0; i < 4; i++)
        assert_int_equal(xlsx_table_number(t, i), 0);
    assert_int_equal(xlsx_table_text(t, "a fifth cell"), -1);
    /* The table stays failed: later cells and rows are refused too. */
    assert_int_equal(xlsx_table_end_row(t), -1);
    assert_int_equal(xlsx_table_number(t, 1), -1);
    assert_int_equal(xlsx_table_finish(t, &xlsx, &e), -1);
    assert_non_null(strstr(e.msg, "row 1 has more cells than the 4 headings"));
    assert_int_equal(xlsx.len, 0);
    xlsx_table_free(t);
    assert_int_equal(files_in_scratch(), 0);
}

static void expect_cell_refused(int (*write)(struct xlsx_table *), const char *why)
{
    struct err e = {""};
    struct buf xlsx = BUF_INIT;
    struct xlsx_table *t = xlsx_table_new("Sheet", headings, 4, &e);

    assert_non_null(t);
    assert_int_equal(write(t), -1);
    assert_int_equal(xlsx_table_finish(t, &xlsx, &e), -1);
    if (strstr(e.msg, why) == NULL)
        fail_msg("error \"%s\" does not say \"%s\"", e.msg, why);
    assert_int_equal(xlsx.len, 0);
    xlsx_table_free(t);
}

static int write_bad_utf8(struct xlsx_table *t) { return xlsx_table_text(t, "caf\xc3"); }
static int write_null(struct xlsx_table *t) { return xlsx_table_text(t, NULL); }
static int write_nan(struct xlsx_table *t) { return xlsx_table_number(t, NAN); }
static int write_unknown_date(struct xlsx_table *t) { return xlsx_table_date(t, DATE_UNKNOWN); }

static int write_too_long(struct xlsx_table *t)
{
    char *s = mem_alloc(XLSX_MAX_TEXT + 2);
    int rc;

    assert_non_null(s);
    memset(s, 'x', XLSX_MAX_TEXT + 1);
    s[XLSX_MAX_TEXT + 1] = '\0';
    rc = xlsx_table_text(t, s);
    mem_free(s);
    return rc;
}

static void test_bad_cells_are_errors(void **state)
{
    (void)state;
    expect_cell_refused(write_bad_utf8, "not UTF-8");
    expect_cell_refused(write_too_long, "longer than 32767");
    expect_cell_refused(write_null, "no text");
    expect_cell_refused(write_nan, "not finite");
    expect_cell_refused(write_unknown_date, "not a date");
    assert_int_equal(files_in_scratch(), 0);
}

static void test_bad_tables_are_errors(void **state)
{
    struct err e = {""};
    const char *const bad_heading[] = {"ok", "\xff"};

    (void)state;
    assert_null(xlsx_table_new("a/b", headings, 4, &e));
    assert_non_null(strstr(e.msg, "sheet name"));
    assert_null(xlsx_table_new("this sheet name is longer than 31", headings, 4, &e));
    assert_non_null(strstr(e.msg, "sheet name"));
    assert_null(xlsx_table_new("Sheet", headings, 0, &e));
    assert_non_null(strstr(e.msg, "0 columns"));
    assert_null(xlsx_table_new("Sheet", bad_heading, 2, &e));
    assert_non_null(strstr(e.msg, "not UTF-8"));
    assert_int_equal(files_in_scratch(), 0);
}

static void test_free_without_finish_leaves_no_file(void **state)
{
    struct err e = {""};
    struct xlsx_table *t = xlsx_table_new("Sheet", headings, 4, &e);

    (void)state;
    assert_non_null(t);
    assert_int_equal(xlsx_table_text(t, "unsent"), 0);
    assert_true(files_in_scratch() >= 1);
    xlsx_table_free(t);
    assert_int_equal(files_in_scratch(), 0);
    xlsx_table_free(NULL);
}

static void test_allocation_failures_unwind(void **state)
{
    struct err e = {""};

    (void)state;
    for (long n = 1; n <= 2; n++) {
        mem_fail_after(n);
        assert_null(xlsx_table_new("Sheet", headings, 4, &e));
        assert_non_null(strstr(e.msg, "out of memory"));
    }
    mem_fail_after(0);
    assert_int_equal(files_in_scratch(), 0);
}

/* Several tables at once, one per thread, as a server's workers build them. */
#define THREADS 4
#define ROWS 2000

struct job {
    int id;
    struct buf xlsx;
    int rc;
};

static void *build(void *arg)
{
    struct job *j = arg;
    struct err e;
    const char *const cols[] = {"id", "who"};
    struct xlsx_table *t = xlsx_table_new("T", cols, 2, &e);
    char who[32];

    j->rc = t == NULL ? -1 : 0;
    for (int r = 0; j->rc == 0 && r < ROWS; r++) {
        snprintf(who, sizeof who, "thread %d", j->id);
        j->rc = xlsx_table_number(t, r) | xlsx_table_text(t, who) | xlsx_table_end_row(t);
    }
    if (j->rc == 0)
        j->rc = xlsx_table_finish(t, &j->xlsx, &e);
    xlsx_table_free(t);
    return NULL;
}

static void test_tables_on_threads(void **state)
{
    pthread_t th[THREADS];
    struct job jobs[THREADS];

    (void)state;
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (struct job){i, BUF_INIT, -1};
        assert_int_equal(pthread_create(&th[i], NULL, build, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < THREADS; i++) {
        struct buf got = BUF_INIT;
        char want[64];
        assert_int_equal(jobs[i].rc, 0);
        read_back(&jobs[i].xlsx, &got);
        snprintf(want, sizeof want, "cell B%d text thread %d\n", ROWS + 1, i);
        assert_non_null(strstr(got.data, want));
        for (int k = 0; k < THREADS; k++) {
            snprintf(want, sizeof want, "text thread %d\n", k);
            assert_true((k == i) == (strstr(got.data, want) != NULL));
        }
        buf_release(&got);
        buf_release(&jobs[i].xlsx);
    }
    assert_int_equal(files_in_scratch(), 0);
}

static int write_reader(void)
{
    FILE *f = fopen(reader, "w");

    if (f == NULL)
        return -1;
    fputs(reader_py, f);
    return fclose(f);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    char dir[300];
    int rc;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_as_a_spreadsheet_reads_them),
        cmocka_unit_test(test_widths_are_capped),
        cmocka_unit_test(test_over_wide_row_is_an_error),
        cmocka_unit_test(test_bad_cells_are_errors),
        cmocka_unit_test(test_bad_tables_are_errors),
        cmocka_unit_test(test_free_without_finish_leaves_no_file),
        cmocka_unit_test(test_allocation_failures_unwind),
        cmocka_unit_test(test_tables_on_threads),
    };

    /* The reader lives beside the scratch directory, which must stay
     * empty between tests: the tables' own files go there. */
    snprintf(dir, sizeof dir, "%s/test-xlsx-XXXXXX", base && *base ? base : "/tmp");
    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(scratch, sizeof scratch, "%s/tmp", dir);
    snprintf(reader, sizeof reader, "%s/read_xlsx.py", dir);
    if (mkdir(scratch, 0700) != 0 || write_reader() != 0 || setenv("TMPDIR", scratch, 1) != 0)
        return 1;
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(reader);
    rmdir(scratch);
    rmdir(dir);
    return rc;
}
