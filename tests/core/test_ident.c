/* Identifiers: every rule of GSTIN, PAN, Udyam and IFSC, with the fault
 * each invalid case must report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/ident.h"
#include "core/refdata.h"

struct id_case {
    enum id_kind kind;
    const char *id;
    enum id_fault want;
};

static const struct id_case cases[] = {
    /* GSTIN: valid examples verified in domain.md §2.3 */
    {ID_GSTIN, "27AAPFU0939F1ZV", ID_OK},
    {ID_GSTIN, "24AAATT6829N1ZY", ID_OK},
    {ID_GSTIN, "27AAACR5055K1Z7", ID_OK},
    {ID_GSTIN, "29AAACI1195H1ZI", ID_OK},
    {ID_GSTIN, "33AACCM9093R1ZP", ID_OK},
    {ID_GSTIN, "07AAGFF2194N1Z1", ID_OK},
    /* commonly quoted examples that fail */
    {ID_GSTIN, "22AAAAA0000A1Z5", ID_EMBEDDED_PAN},
    {ID_GSTIN, "29ABCDE1234F1Z5", ID_EMBEDDED_PAN},
    {ID_GSTIN, "27AAECS1234M1Z5", ID_CHECKSUM},
    {ID_GSTIN, "29AABCT1332L1Z5", ID_CHECKSUM},
    {ID_GSTIN, "24AAKCS9119K1Z1", ID_CHECKSUM},
    {ID_GSTIN, "09AAACR5055K1Z4", ID_CHECKSUM},
    {ID_GSTIN, "19AAACG2562Q1ZY", ID_CHECKSUM},
    /* each rule */
    {ID_GSTIN, "", ID_EMPTY},
    {ID_GSTIN, "27AAPFU0939F1Z", ID_LENGTH},
    {ID_GSTIN, "27AAPFU0939F1ZVX", ID_LENGTH},
    {ID_GSTIN, "27aapfu0939f1zv", ID_FORMAT},
    {ID_GSTIN, "27AAPFU0939F1Z-", ID_FORMAT},
    {ID_GSTIN, "00AAPFU0939F1ZV", ID_STATE},
    {ID_GSTIN, "39AAPFU0939F1ZV", ID_STATE},
    {ID_GSTIN, "96AAPFU0939F1ZV", ID_STATE},
    {ID_GSTIN, "A7AAPFU0939F1ZV", ID_FORMAT},
    {ID_GSTIN, "27AAPFU0939F0ZV", ID_ENTITY},
    {ID_GSTIN, "27AAPFU0939F1YV", ID_DEFAULT_Z},
    {ID_GSTIN, "27AAPFU0939F1ZA", ID_CHECKSUM},
    /* special registrations */
    {ID_GSTIN, "07DELA12345B1D5", ID_UNSUPPORTED},   /* TDS deductor (14th D) */
    {ID_GSTIN, "27AAPFU0939F1C5", ID_UNSUPPORTED},   /* TCS collector (14th C) */
    {ID_GSTIN, "9917USA29001OSX", ID_UNSUPPORTED},   /* OIDAR */
    {ID_GSTIN, "2717USA12345NR1", ID_UNSUPPORTED},   /* non-resident */
    {ID_GSTIN, "0717UNO00001UNA", ID_UNSUPPORTED},   /* UN body */
    {ID_GSTIN, "07ABCD12345E1Z3", ID_UNSUPPORTED},   /* government department */
    /* PAN */
    {ID_PAN, "AAAPL1234C", ID_OK},
    {ID_PAN, "ABCPE1234F", ID_OK},
    {ID_PAN, "AAAKL1234C", ID_OK},
    {ID_PAN, "AAAEL1234C", ID_HOLDER},
    {ID_PAN, "AAAZL1234C", ID_HOLDER},
    {ID_PAN, "AAAPL0000C", ID_SERIAL},
    {ID_PAN, "AAAPL123C", ID_LENGTH},
    {ID_PAN, "AAAPL12345", ID_FORMAT},
    {ID_PAN, "1AAPL1234C", ID_FORMAT},
    {ID_PAN, "aaapl1234c", ID_FORMAT},
    /* Udyam */
    {ID_UDYAM, "UDYAM-MH-26-0012345", ID_OK},
    {ID_UDYAM, "UDYAM-KR-03-0093853", ID_OK},
    {ID_UDYAM, "UDYAM-TS-20-0013532", ID_OK},
    {ID_UDYAM, "UDYAM-UP-00-0123456", ID_OK},
    {ID_UDYAM, "UDYAM-KA-01-0000001", ID_STATE},
    {ID_UDYAM, "UDYAM-XX-01-0000001", ID_STATE},
    {ID_UDYAM, "UDYAM-MH-26-001234", ID_LENGTH},
    {ID_UDYAM, "UDYAN-MH-26-0012345", ID_FORMAT},
    {ID_UDYAM, "UDYAM-MH-2A-0012345", ID_FORMAT},
    {ID_UDYAM, "UDYAM-M1-26-0012345", ID_FORMAT},
    {ID_UDYAM, "UDYAM-MH_26-0012345", ID_FORMAT},
    {ID_UDYAM, "udyam-mh-26-0012345", ID_FORMAT},
    /* IFSC */
    {ID_IFSC, "SBIN0001234", ID_OK},
    {ID_IFSC, "IBKL0070T16", ID_OK},
    {ID_IFSC, "SBIN1001234", ID_FORMAT},
    {ID_IFSC, "SB1N0001234", ID_FORMAT},
    {ID_IFSC, "SBIN000123", ID_LENGTH},
    {ID_IFSC, "SBIN000123$", ID_FORMAT},
};

static void test_table(void **state)
{
    const struct refdata *ref = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct id_verdict v;
        bool ok = id_validate(cases[i].kind, ref, cases[i].id, strlen(cases[i].id), &v);
        if (v.fault != cases[i].want)
            fail_msg("%s %s: got %s (%s), want %s", id_kind_name(cases[i].kind), cases[i].id,
                     id_fault_code(v.fault), v.reason, id_fault_code(cases[i].want));
        assert_int_equal(ok, cases[i].want == ID_OK);
        assert_true(ok ? v.reason[0] == '\0' : v.reason[0] != '\0');
    }
}

static void test_check_char_worked_example(void **state)
{
    (void)state;
    assert_int_equal(gstin_check_char("27AAPFU0939F1Z"), 'V');
}

/* Every single-character substitution of a valid GSTIN's check
 * character is caught. */
static void test_checksum_catches_substitution(void **state)
{
    const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    char g[16] = "27AAPFU0939F1ZV";
    (void)state;
    for (size_t i = 0; i < 36; i++) {
        struct id_verdict v;
        g[14] = alphabet[i];
        assert_int_equal(gstin_validate(g, 15, &v), alphabet[i] == 'V');
    }
}

static void test_state_codes(void **state)
{
    (void)state;
    for (int c = 0; c < 100; c++)
        assert_int_equal(gstin_state_code_ok(c), (c >= 1 && c <= 38) || c == 97 || c == 99);
}

static void test_not_nul_terminated(void **state)
{
    const char buf[] = "27AAPFU0939F1ZVjunk";
    (void)state;
    assert_true(gstin_validate(buf, 15, NULL));
    assert_false(gstin_validate(buf, 16, NULL));
}

static int setup(void **state)
{
    struct refdata *ref;
    if (refdata_load(&ref, NULL) != 0)
        return -1;
    *state = ref;
    return 0;
}

static int teardown(void **state)
{
    refdata_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table), cmocka_unit_test(test_check_char_worked_example),
        cmocka_unit_test(test_checksum_catches_substitution), cmocka_unit_test(test_state_codes),
        cmocka_unit_test(test_not_nul_terminated),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
