/* Query values (request.c): digits only, in range; GST state codes of
 * exactly two digits. strtol would take " 9", "+9" and "-0". */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/request.h"

static void test_long(void **state)
{
    long v = -7;

    (void)state;
    assert_int_equal(web_parse_long("1", 1, 1000, &v), 0);
    assert_int_equal(v, 1);
    assert_int_equal(web_parse_long("1000", 1, 1000, &v), 0);
    assert_int_equal(v, 1000);
    assert_int_equal(web_parse_long("007", 1, 1000, &v), 0);
    assert_int_equal(v, 7);
    assert_int_equal(web_parse_long("0", 0, 5, &v), 0);
    assert_int_equal(v, 0);
    v = -7;
    const char *const bad[] = {"", " 9", "9 ", "+9", "-0", "-1", "0x10", "1e3", "9.0", "1001", "0",
                               "999999999999999999999", "0000000000000000001"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(web_parse_long(bad[i], 1, 1000, &v), -1);
    assert_int_equal(v, -7);   /* untouched on failure */
    assert_int_equal(web_parse_long(NULL, 1, 1000, &v), -1);
    assert_int_equal(web_parse_long("5", -1, 10, &v), -1);   /* a negative range is refused */
}

static void test_state(void **state)
{
    int code = -1;

    (void)state;
    assert_int_equal(web_parse_state("09", &code), 0);
    assert_int_equal(code, 9);
    assert_int_equal(web_parse_state("38", &code), 0);
    assert_int_equal(web_parse_state("97", &code), 0);
    assert_int_equal(web_parse_state("99", &code), 0);
    assert_int_equal(code, 99);
    const char *const bad[] = {"", "9", "009", "00", "39", "96", "98", "+9", " 9", "9 ", "MH", "-9"};
    code = -1;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(web_parse_state(bad[i], &code), -1);
    assert_int_equal(code, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
