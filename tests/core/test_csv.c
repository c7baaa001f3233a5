/* The RFC 4180 reader: quoting, line ends, BOM, recovery from bad quotes,
 * encoding errors, limits, and records that cross read-buffer refills. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/csv.h"

/* Read everything; render as "a|b|c" per good record and "!line:error" per bad one. */
static void render(struct csv_reader *r, struct buf *out)
{
    struct csv_record rec;
    enum csv_status st;
    struct err e;

    while ((st = csv_next(r, &rec, &e)) != CSV_END) {
        assert_int_not_equal(st, CSV_IO_ERROR);
        if (st == CSV_BAD) {
            buf_printf(out, "!%llu\n", (unsigned long long)rec.line);
            continue;
        }
        for (size_t i = 0; i < rec.nfields; i++) {
            assert_int_equal(strlen(rec.field[i]), rec.len[i]);
            buf_printf(out, "%s%s", i ? "|" : "", rec.field[i]);
        }
        buf_putc(out, '\n');
    }
}

static void expect_mem(const char *in, size_t expected_fields, const char *want)
{
    struct csv_reader *r = csv_reader_new_mem(in, strlen(in), NULL);
    struct buf out = BUF_INIT;

    assert_non_null(r);
    csv_reader_expect_fields(r, expected_fields);
    render(r, &out);
    if (strcmp(buf_cstr(&out), want) != 0)
        fail_msg("input:\n%s\ngot:\n%s\nwant:\n%s", in, buf_cstr(&out), want);
    buf_release(&out);
    csv_reader_free(r);
}

static void test_basic(void **state)
{
    (void)state;
    expect_mem("a,b,c\n1,2,3\n", 0, "a|b|c\n1|2|3\n");
    expect_mem("a,b,c", 0, "a|b|c\n");                       /* no final newline */
    expect_mem("a,b,c\r\n1,2,3\r\n", 0, "a|b|c\n1|2|3\n");   /* CRLF */
    expect_mem("\xEF\xBB\xBF" "a,b\n", 0, "a|b\n");           /* BOM skipped */
    expect_mem("a,b\n\n\r\n1,2\n", 0, "a|b\n1|2\n");         /* blank lines skipped */
    expect_mem("a,,c,\n", 0, "a||c|\n");                     /* empty fields, trailing comma */
    expect_mem("", 0, "");
}

static void test_quoting(void **state)
{
    (void)state;
    expect_mem("\"a,b\",c\n", 0, "a,b|c\n");
    expect_mem("\"say \"\"hi\"\"\",x\n", 0, "say \"hi\"|x\n");
    expect_mem("\"\",x\n", 0, "|x\n");
    expect_mem("\"line1\nline2\",x\n1,2\n", 2, "line1\nline2|x\n1|2\n"); /* embedded newline */
    expect_mem("\"line1\r\nline2\",x\r\n", 2, "line1\r\nline2|x\n");
    expect_mem("\"लक्ष्मी, इंडस्ट्रीज\",x\n", 0, "लक्ष्मी, इंडस्ट्रीज|x\n");
}

static void test_recovery(void **state)
{
    (void)state;
    /* a stray quote inside an unquoted field costs that line only */
    expect_mem("a,b\nShree \"Ganesh,x\nc,d\n", 2, "a|b\n!2\nc|d\n");
    /* characters after a closing quote */
    expect_mem("a,b\n\"x\"y,z\nc,d\n", 2, "a|b\n!2\nc|d\n");
    /* an unterminated quote that would swallow the next lines: the field
     * count does not match, so only its own line is lost */
    expect_mem("a,b\n\"open,x\nc,d\ne,f\"\ng,h\n", 2, "a|b\n!2\nc|d\n!4\ng|h\n");
    /* unterminated at the end of input */
    expect_mem("a,b\n\"open,x\nc,d\n", 2, "a|b\n!2\nc|d\n");
}

static void test_encoding(void **state)
{
    (void)state;
    expect_mem("a,b\n\xff\xfe,x\nc,d\n", 2, "a|b\n!2\nc|d\n");
    expect_mem("a,b\nx\xe0\xa4,y\nc,d\n", 2, "a|b\n!2\nc|d\n"); /* truncated UTF-8 sequence */
    {
        const char with_nul[] = "a,b\nx\0y,z\nc,d\n";
        struct csv_reader *r = csv_reader_new_mem(with_nul, sizeof with_nul - 1, NULL);
        struct buf out = BUF_INIT;
        render(r, &out);
        assert_string_equal(buf_cstr(&out), "a|b\n!2\nc|d\n");
        buf_release(&out);
        csv_reader_free(r);
    }
}

static void test_limits(void **state)
{
    struct csv_options opt = {.max_record_bytes = 16, .max_fields = 3, .validate_utf8 = true};
    const char in[] = "a,b\n0123456789012345678901234567890,x\n1,2,3,4\nc,d\n";
    struct csv_reader *r = csv_reader_new_mem(in, sizeof in - 1, &opt);
    struct buf out = BUF_INIT;
    (void)state;
    render(r, &out);
    assert_string_equal(buf_cstr(&out), "a|b\n!2\n!3\nc|d\n");
    buf_release(&out);
    csv_reader_free(r);
}

/* Over 2 MiB through a FILE*, so records cross the reader's 1 MiB refills. */
static void test_file_refills(void **state)
{
    FILE *f = tmpfile();
    struct csv_reader *r;
    struct csv_record rec;
    struct err e;
    enum csv_status st;
    long good = 0, bad = 0, expect_good = 0;
    (void)state;

    assert_non_null(f);
    fputs("\xEF\xBB\xBFid,name,note\r\n", f);
    for (long i = 0; i < 40000; i++) {
        if (i % 1000 == 999) {
            fprintf(f, "%ld,broken \"quote,x\r\n", i);
            continue;
        }
        fprintf(f, "%ld,\"name, %ld padded to cross buffer edges\",\"multi\nline \"\"%ld\"\"\"\r\n",
                i, i, i);
        expect_good++;
    }
    rewind(f);
    r = csv_reader_new_file(f, NULL);
    assert_non_null(r);
    assert_int_equal(csv_next(r, &rec, &e), CSV_RECORD);
    csv_reader_expect_fields(r, 3);
    while ((st = csv_next(r, &rec, &e)) != CSV_END) {
        assert_int_not_equal(st, CSV_IO_ERROR);
        if (st == CSV_BAD) {
            bad++;
            assert_int_equal(rec.fault, CSV_FAULT_QUOTE);
            continue;
        }
        assert_int_equal(rec.nfields, 3);
        assert_non_null(strstr(rec.field[2], "\nline \""));
        good++;
    }
    assert_int_equal(good, expect_good);
    assert_int_equal(bad, 40);
    assert_true(csv_reader_offset(r) > (1 << 21));
    csv_reader_free(r);
    fclose(f);
}

static void test_header_index_and_writer(void **state)
{
    const char in[] = "udyam_number,name\n";
    struct csv_reader *r = csv_reader_new_mem(in, sizeof in - 1, NULL);
    struct csv_record rec;
    struct buf out = BUF_INIT;
    (void)state;
    assert_int_equal(csv_next(r, &rec, NULL), CSV_RECORD);
    assert_int_equal(csv_header_index(&rec, "name"), 1);
    assert_int_equal(csv_header_index(&rec, "nope"), -1);
    csv_reader_free(r);
    csv_put_field(&out, "plain", 5);
    buf_putc(&out, ',');
    csv_put_field(&out, "a,\"b\"", 5);
    assert_string_equal(buf_cstr(&out), "plain,\"a,\"\"b\"\"\"");
    buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic), cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_recovery), cmocka_unit_test(test_encoding),
        cmocka_unit_test(test_limits), cmocka_unit_test(test_file_refills),
        cmocka_unit_test(test_header_index_and_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
