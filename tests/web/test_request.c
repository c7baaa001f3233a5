/* Query values (request.c): digits only, in range; GST state codes of
 * exactly two digits. strtol would take " 9", "+9" and "-0". And API
 * errors (response.c) that quote what the client sent stay JSON. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
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

/* An error that quotes bytes which are not UTF-8 (found by fuzz_routes:
 * ?from=2025-01\xff... on the calendar API) is still answered, its status
 * kept and the bad bytes shown as '?'; a message cut inside a character
 * too. Before, jansson refused the message and the client got a 500. */
static void test_error_not_utf8(void **state)
{
    struct web_response rs;
    json_t *root;
    char long_hindi[600] = "xy";

    (void)state;
    web_response_init(&rs);
    assert_int_equal(web_response_error(&rs, 400, "bad_field", "from: '%s' is not a date",
                                        "2025-01\xff\xfe-01"), 0);
    assert_int_equal(rs.status, 400);
    root = json_loadb(rs.body.data, rs.body.len, 0, NULL);
    assert_non_null(root);
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "error"), "message")),
                        "from: '2025-01?" "?-01' is not a date");
    json_decref(root);
    web_response_release(&rs);
    /* "xy" then 3-byte characters: the 512-byte message ends inside one */
    for (size_t i = 2; i + 3 < sizeof long_hindi; i += 3)
        memcpy(long_hindi + i, "\xe0\xa4\x8b", 3);
    web_response_init(&rs);
    assert_int_equal(web_response_error(&rs, 422, "bad", "%s", long_hindi), 0);
    assert_int_equal(rs.status, 422);
    root = json_loadb(rs.body.data, rs.body.len, 0, NULL);
    assert_non_null(root);
    json_decref(root);
    web_response_release(&rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long),
        cmocka_unit_test(test_state),
        cmocka_unit_test(test_error_not_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
