/* Output escaping (HTML text and attributes, URLs, translated sentences),
 * log redaction, and choosing the page language. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/log.h"

static void test_html_text(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(buf_put_html(&b, "<script>alert('x') & \"y\"</script>"), 0);
    assert_string_equal(buf_cstr(&b), "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    buf_reset(&b);
    assert_int_equal(buf_put_html(&b, "समन्वय plain"), 0);
    assert_string_equal(buf_cstr(&b), "समन्वय plain");
    buf_release(&b);
}

/* Property: whatever goes in, no markup character comes out raw. */
static void test_html_never_leaks(void **state)
{
    struct buf b = BUF_INIT;
    char in[256];

    (void)state;
    for (int i = 0; i < 255; i++)
        in[i] = (char)(i + 1);
    in[255] = '\0';
    assert_int_equal(buf_put_html(&b, in), 0);
    assert_null(strpbrk(buf_cstr(&b), "<>\"'"));
    buf_release(&b);
}

static void test_url_component(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(html_put_url_component(&b, "a b&c=d/é\"<"), 0);
    assert_string_equal(buf_cstr(&b), "a%20b%26c%3Dd%2F%C3%A9%22%3C");
    buf_reset(&b);
    assert_int_equal(html_put_url_path(&b, "/api/v1/x y\"><script>"), 0);
    assert_string_equal(buf_cstr(&b), "/api/v1/x%20y%22%3E%3Cscript%3E");
    buf_release(&b);
}

static void test_sentence(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(html_put_sentence(&b, "You are signed in as %s.", "<b>asha</b>"), 0);
    assert_string_equal(buf_cstr(&b), "You are signed in as &lt;b&gt;asha&lt;/b&gt;.");
    buf_reset(&b);
    /* a translation may move the value, and its own text is escaped too */
    assert_int_equal(html_put_sentence(&b, "आप %s के रूप में <साइन इन> हैं।", "asha"), 0);
    assert_string_equal(buf_cstr(&b), "आप asha के रूप में &lt;साइन इन&gt; हैं।");
    buf_reset(&b);
    assert_int_equal(html_put_sentence(&b, "no value here", "x"), 0);
    assert_string_equal(buf_cstr(&b), "no value here");
    buf_release(&b);
}

static void test_log_redact(void **state)
{
    char out[128];
    struct buf line = BUF_INIT;

    (void)state;
    log_redact("/api/v1/enterprises/ABCPP1234K", out, sizeof out);
    assert_string_equal(out, "/api/v1/enterprises/XXXXXX234K");
    log_redact("gstin=27ABCPP1234K1Z5 next", out, sizeof out);
    assert_string_equal(out, "gstin=XXXXXXXXXXXK1Z5 next");
    log_redact("abcpp1234k", out, sizeof out);               /* shape, in any case */
    assert_string_equal(out, "XXXXXX234k");
    log_redact("UDYAM-MH-26-0012345 ABCPP12345K", out, sizeof out); /* not PAN-shaped */
    assert_string_equal(out, "UDYAM-MH-26-0012345 ABCPP12345K");
    log_redact("idABCPP1234Kx GSTIN27ABCPP1234K1ZP", out, sizeof out); /* glued to letters */
    assert_string_equal(out, "idXXXXXX234Kx GSTINXXXXXXXXXXXK1ZP");
    log_redact("ABCPP1234K", out, 5);                        /* truncation still masks */
    assert_string_equal(out, "XXXX");
    assert_int_equal(log_put(&line, "path", "/a b\"c\n"), 0);
    assert_string_equal(buf_cstr(&line), " path=\"/a b\\\"c\\x0a\"");
    buf_reset(&line);
    assert_int_equal(log_put(&line, "user", ""), 0);
    assert_string_equal(buf_cstr(&line), " user=\"\"");
    buf_release(&line);
}

static void test_negotiate(void **state)
{
    (void)state;
    assert_int_equal(i18n_negotiate(NULL, NULL, NULL), LANG_EN);
    assert_int_equal(i18n_negotiate("hi", NULL, NULL), LANG_HI);
    assert_int_equal(i18n_negotiate("hi", "en", "en"), LANG_HI);      /* query first */
    assert_int_equal(i18n_negotiate("xx", "hi", "en"), LANG_HI);      /* then the cookie */
    assert_int_equal(i18n_negotiate(NULL, "en", "hi"), LANG_EN);
    assert_int_equal(i18n_negotiate(NULL, NULL, "hi-IN,hi;q=0.9,en;q=0.8"), LANG_HI);
    assert_int_equal(i18n_negotiate(NULL, NULL, "en-IN, hi;q=0.9"), LANG_EN);
    assert_int_equal(i18n_negotiate(NULL, NULL, "en;q=0.3, hi;q=0.7"), LANG_HI);
    assert_int_equal(i18n_negotiate(NULL, NULL, "fr, HI;Q=0.5"), LANG_HI);
    assert_int_equal(i18n_negotiate(NULL, NULL, "hi;q=0, en;q=0.1"), LANG_EN);
    assert_int_equal(i18n_negotiate(NULL, NULL, "hin, hix"), LANG_EN);  /* not Hindi tags */
    assert_int_equal(i18n_negotiate(NULL, NULL, "*"), LANG_EN);
    assert_int_equal(i18n_negotiate(NULL, NULL, ";;;,,,q=1"), LANG_EN);
    assert_int_equal(i18n_negotiate(NULL, NULL, "hi;q=1.0"), LANG_HI);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_text),  cmocka_unit_test(test_html_never_leaks),
        cmocka_unit_test(test_url_component), cmocka_unit_test(test_sentence),
        cmocka_unit_test(test_log_redact), cmocka_unit_test(test_negotiate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
