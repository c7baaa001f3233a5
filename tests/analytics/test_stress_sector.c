/* Heatmap sectors: every NIC-2008 division in data/nic2008.csv has one
 * known sector, manufacturing divisions fall in manufacturing sectors, and
 * what is not a division is "not known". */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "analytics/stress_sector.h"
#include "core/refdata.h"

static void test_examples(void **state)
{
    (void)state;
    assert_int_equal(stress_sector_of_nic("13111"), SECTOR_TEXTILES);
    assert_int_equal(stress_sector_of_nic("10712"), SECTOR_FOOD);
    assert_int_equal(stress_sector_of_nic("47110"), SECTOR_TRADE);
    assert_int_equal(stress_sector_of_nic("62"), SECTOR_SERVICES);
    assert_int_equal(stress_sector_of_nic("01"), SECTOR_AGRI_MINING);
    assert_int_equal(stress_sector_of_nic("33"), SECTOR_OTHER_MFG);
    assert_int_equal(stress_sector_of_nic("56"), SECTOR_TRANSPORT_HOTELS);
    assert_int_equal(stress_sector_of_nic(""), SECTOR_UNKNOWN);
    assert_int_equal(stress_sector_of_nic(NULL), SECTOR_UNKNOWN);
    assert_int_equal(stress_sector_of_nic("1"), SECTOR_UNKNOWN);
    assert_int_equal(stress_sector_of_nic("34"), SECTOR_UNKNOWN);   /* no such division */
    assert_int_equal(stress_sector_of_nic("00"), SECTOR_UNKNOWN);
    assert_int_equal(stress_sector_of_nic("x1"), SECTOR_UNKNOWN);
    assert_string_equal(stress_sector_id(SECTOR_TEXTILES), "textiles");
    assert_string_equal(stress_sector_label(SECTOR_TRADE), "Trade");
    assert_string_equal(stress_sector_id(SECTOR_COUNT), "unknown");
}

/* Against the shipped NIC table: every division has a sector, and a
 * manufacturing division (section C) one of the six making sectors. */
static void test_every_division(void **state)
{
    struct refdata *r = NULL;
    struct err e = {{0}};
    char code[3];
    size_t known = 0;

    (void)state;
    assert_int_equal(refdata_load(&r, &e), 0);
    for (size_t i = 0; i < r->n_nic; i++) {
        enum stress_sector s = stress_sector_of_nic(r->nic[i].code);
        assert_int_not_equal(s, SECTOR_UNKNOWN);
        if (r->nic[i].section == 'C')
            assert_true(s >= SECTOR_FOOD && s <= SECTOR_OTHER_MFG);
        else
            assert_false(s >= SECTOR_FOOD && s <= SECTOR_OTHER_MFG);
        known++;
    }
    assert_true(known >= 80);
    /* And a two-digit number that is no division is not known. */
    for (int d = 0; d < 100; d++) {
        bool listed = false;
        snprintf(code, sizeof code, "%02d", d);
        for (size_t i = 0; i < r->n_nic; i++)
            listed = listed || strcmp(r->nic[i].code, code) == 0;
        assert_int_equal(stress_sector_of_nic(code) != SECTOR_UNKNOWN, listed);
    }
    refdata_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_every_division),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
