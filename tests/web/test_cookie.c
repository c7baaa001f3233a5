/* Cookies, form bodies and CSRF tokens: the parsing every request
 * depends on, with hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "web/cookie.h"
#include "web/form.h"
#include "web/session.h"

#define TOKEN_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define TOKEN_B "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdee"

static void test_cookie_get(void **state)
{
    char v[80];

    (void)state;
    assert_int_equal(cookie_get("a=1; samanvay_session=abc; lang=hi", "samanvay_session", v, sizeof v), 0);
    assert_string_equal(v, "abc");
    assert_int_equal(cookie_get("lang=hi", "lang", v, sizeof v), 0);
    assert_string_equal(v, "hi");
    assert_int_equal(cookie_get("  lang=\"en\"  ;x=y", "lang", v, sizeof v), 0);
    assert_string_equal(v, "en");
    /* first of two wins; names match whole */
    assert_int_equal(cookie_get("lang=hi; lang=en", "lang", v, sizeof v), 0);
    assert_string_equal(v, "hi");
    assert_int_equal(cookie_get("xlang=hi; langx=en", "lang", v, sizeof v), -1);
    assert_int_equal(cookie_get("lang=", "lang", v, sizeof v), -1);
    assert_int_equal(cookie_get("lang", "lang", v, sizeof v), -1);
    assert_int_equal(cookie_get("", "lang", v, sizeof v), -1);
    assert_int_equal(cookie_get(NULL, "lang", v, sizeof v), -1);
    assert_int_equal(cookie_get("lang=abcdefgh", "lang", v, 8), -1); /* does not fit */
    assert_int_equal(cookie_get("lang=abcdefg", "lang", v, 8), 0);
}

static void test_cookie_format(void **state)
{
    struct cookie_attrs a = {3600, true, false, "Strict"};
    char line[200];

    (void)state;
    assert_int_equal(cookie_format(line, sizeof line, "samanvay_session", "abc", &a), 0);
    assert_string_equal(line, "samanvay_session=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict");
    a.max_age = 0;
    a.secure = true;
    assert_int_equal(cookie_format(line, sizeof line, "s", "", &a), 0);
    assert_string_equal(line, "s=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
    /* no header injection, no attribute smuggling */
    assert_int_equal(cookie_format(line, sizeof line, "s", "a\r\nSet-Cookie: x=y", &a), -1);
    assert_int_equal(cookie_format(line, sizeof line, "s", "a; Domain=evil", &a), -1);
    assert_int_equal(cookie_format(line, 10, "s", "abcdefghijkl", &a), -1);
}

static void test_form(void **state)
{
    const char *body = "username=asha.patil&password=p%40ss+word%21&csrf=" TOKEN_A "&empty=&flag";
    char v[128];

    (void)state;
    assert_int_equal(form_get(body, strlen(body), "username", v, sizeof v), 0);
    assert_string_equal(v, "asha.patil");
    assert_int_equal(form_get(body, strlen(body), "password", v, sizeof v), 0);
    assert_string_equal(v, "p@ss word!");
    assert_int_equal(form_get(body, strlen(body), "csrf", v, sizeof v), 0);
    assert_string_equal(v, TOKEN_A);
    assert_int_equal(form_get(body, strlen(body), "empty", v, sizeof v), 0);
    assert_string_equal(v, "");
    assert_int_equal(form_get(body, strlen(body), "flag", v, sizeof v), 0);
    assert_int_equal(form_get(body, strlen(body), "user", v, sizeof v), -1);
    assert_int_equal(form_get(body, strlen(body), "missing", v, sizeof v), -1);
    /* only the given length is read: "csrf" lies past it */
    assert_int_equal(form_get(body, 19, "csrf", v, sizeof v), -1);
    assert_int_equal(form_decode("%E0%A4%B8", 9, v, sizeof v), 0);
    assert_string_equal(v, "स");
    assert_int_equal(form_decode("%zz", 3, v, sizeof v), -1);
    assert_int_equal(form_decode("%4", 2, v, sizeof v), -1);
    assert_int_equal(form_decode("a%00b", 5, v, sizeof v), -1); /* no NUL smuggling */
    assert_int_equal(form_decode("abcd", 4, v, 4), -1);
    assert_int_equal(form_decode("abc", 3, v, 4), 0);
}

static void test_session_id_hash(void **state)
{
    char h1[AUTH_HEX_TOKEN], h2[AUTH_HEX_TOKEN];

    (void)state;
    assert_int_equal(session_id_hash(TOKEN_A, h1), 0);
    assert_int_equal(strlen(h1), 64);
    assert_string_not_equal(h1, TOKEN_A);       /* the id itself is never what is stored */
    assert_int_equal(session_id_hash(TOKEN_A, h2), 0);
    assert_string_equal(h1, h2);
    assert_int_equal(session_id_hash(TOKEN_B, h2), 0);
    assert_string_not_equal(h1, h2);
    assert_int_equal(session_id_hash("abc", h1), -1);
    assert_int_equal(session_id_hash(TOKEN_A "0", h1), -1);
    assert_int_equal(session_id_hash("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", h1), -1);
    assert_int_equal(session_id_hash("' OR 1=1 --", h1), -1);
    assert_int_equal(session_id_hash(NULL, h1), -1);
}

static void test_csrf(void **state)
{
    struct session s;

    (void)state;
    memset(&s, 0, sizeof s);
    memcpy(s.row.csrf, TOKEN_A, sizeof TOKEN_A);
    assert_false(session_csrf_ok(&s, TOKEN_A));   /* not a live session */
    s.valid = true;
    assert_true(session_csrf_ok(&s, TOKEN_A));
    assert_false(session_csrf_ok(&s, TOKEN_B));
    assert_false(session_csrf_ok(&s, NULL));
    assert_false(session_csrf_ok(&s, ""));
    assert_false(session_csrf_ok(&s, "0123456789abcdef"));
    assert_false(session_csrf_ok(&s, TOKEN_A "00"));
    s.row.csrf[0] = '\0';                         /* a session without a token matches nothing */
    assert_false(session_csrf_ok(&s, ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cookie_get), cmocka_unit_test(test_cookie_format),
        cmocka_unit_test(test_form),       cmocka_unit_test(test_session_id_hash),
        cmocka_unit_test(test_csrf),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
