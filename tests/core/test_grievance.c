/* Grievances: the officer's and complainant's moves, deadlines per level,
 * escalation on timeout and appeal of a poor rating. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/grievance.h"
#include "core/refdata.h"

/* Test deadlines (the real ones are data): acknowledge in 3/2/2 days,
 * resolve in 21/15/30. */
static const struct grievance_sla sla = {{3, 2, 2}, {21, 15, 30}};

static struct grievance filed(int32_t on)
{
    struct grievance g = {GRIEVANCE_OPEN, GRIEVANCE_DISTRICT, on, 0};
    return g;
}

static void test_happy_path(void **state)
{
    struct grievance g = filed(100);

    (void)state;
    assert_int_equal(grievance_resolve(&g, false), -1);     /* a resolution says what was done */
    assert_int_equal(g.state, GRIEVANCE_OPEN);
    assert_int_equal(grievance_rate(&g, 5), -1);            /* nothing to rate yet */
    assert_int_equal(grievance_acknowledge(&g), 0);
    assert_int_equal(grievance_acknowledge(&g), -1);        /* only once */
    assert_int_equal(grievance_resolve(&g, true), 0);
    assert_int_equal(grievance_rate(&g, 0), -1);
    assert_int_equal(grievance_rate(&g, 6), -1);
    assert_int_equal(grievance_rate(&g, 4), 0);
    assert_int_equal(g.state, GRIEVANCE_CLOSED);
    assert_int_equal(grievance_appeal(&g, 130), -1);        /* a good rating is not appealed */
    assert_string_equal(grievance_state_name(g.state), "closed");
}

static void test_resolve_without_acknowledging(void **state)
{
    struct grievance g = filed(100);

    (void)state;
    assert_int_equal(grievance_resolve(&g, true), 0);
    assert_int_equal(grievance_acknowledge(&g), -1);
}

static void test_deadlines(void **state)
{
    struct grievance g = filed(100);

    (void)state;
    assert_int_equal(grievance_overdue(&g, &sla, 103), GRIEVANCE_ON_TIME);   /* day 3: still in time */
    assert_int_equal(grievance_overdue(&g, &sla, 104), GRIEVANCE_ACK_OVERDUE);
    assert_int_equal(grievance_acknowledge(&g), 0);
    assert_int_equal(grievance_overdue(&g, &sla, 104), GRIEVANCE_ON_TIME);
    assert_int_equal(grievance_overdue(&g, &sla, 121), GRIEVANCE_ON_TIME);
    assert_int_equal(grievance_overdue(&g, &sla, 122), GRIEVANCE_RESOLUTION_OVERDUE);
    assert_int_equal(grievance_resolve(&g, true), 0);
    assert_int_equal(grievance_overdue(&g, &sla, 500), GRIEVANCE_ON_TIME);   /* resolved: no clock */
}

static void test_escalation_climbs_and_stops(void **state)
{
    struct grievance g = filed(100);

    (void)state;
    assert_int_equal(grievance_escalate(&g, &sla, 103), 0);
    assert_int_equal(grievance_escalate(&g, &sla, 104), 1);
    assert_int_equal(g.level, GRIEVANCE_STATE);
    assert_int_equal(g.level_since, 104);
    assert_int_equal(g.state, GRIEVANCE_OPEN);
    assert_int_equal(grievance_escalate(&g, &sla, 106), 0);  /* the state level has 2 days */
    assert_int_equal(grievance_escalate(&g, &sla, 107), 1);
    assert_int_equal(g.level, GRIEVANCE_MINISTRY);
    assert_int_equal(grievance_escalate(&g, &sla, 200), 0);  /* nowhere above the ministry */
    assert_int_equal(grievance_overdue(&g, &sla, 200), GRIEVANCE_RESOLUTION_OVERDUE);
    assert_string_equal(grievance_level_name(g.level), "ministry");
}

static void test_appeal_of_a_poor_rating(void **state)
{
    struct grievance g = filed(100);

    (void)state;
    assert_int_equal(grievance_resolve(&g, true), 0);
    assert_int_equal(grievance_appeal(&g, 110), -1);         /* not rated yet */
    assert_int_equal(grievance_rate(&g, 2), 0);
    assert_int_equal(grievance_appeal(&g, 110), 0);
    assert_int_equal(g.level, GRIEVANCE_STATE);
    assert_int_equal(g.state, GRIEVANCE_OPEN);
    assert_int_equal(g.rating, 0);
    assert_int_equal(g.level_since, 110);
    /* Rated poorly again at the state: up to the ministry, and from there nowhere. */
    assert_int_equal(grievance_resolve(&g, true), 0);
    assert_int_equal(grievance_rate(&g, 1), 0);
    assert_int_equal(grievance_appeal(&g, 120), 0);
    assert_int_equal(g.level, GRIEVANCE_MINISTRY);
    assert_int_equal(grievance_resolve(&g, true), 0);
    assert_int_equal(grievance_rate(&g, 1), 0);
    assert_int_equal(grievance_appeal(&g, 130), -1);
    assert_int_equal(g.state, GRIEVANCE_CLOSED);
}

/* The shipped deadlines: CPGRAMS' 30 days from 27 Jul 2022, 21 from 23 Aug 2024. */
static void test_shipped_deadlines_by_date(void **state)
{
    struct refdata *ref;
    struct grievance_sla got;
    struct err e;
    int32_t d;

    (void)state;
    assert_int_equal(refdata_load(&ref, &e), 0);
    assert_int_equal(date_from_ymd(2022, 7, 26, &d), 0);
    assert_int_equal(refdata_grievance_sla(ref, d, &got), -1);
    assert_int_equal(date_from_ymd(2022, 7, 27, &d), 0);
    assert_int_equal(refdata_grievance_sla(ref, d, &got), 0);
    assert_int_equal(got.resolve_days[GRIEVANCE_DISTRICT], 30);
    assert_int_equal(date_from_ymd(2024, 8, 22, &d), 0);
    assert_int_equal(refdata_grievance_sla(ref, d, &got), 0);
    assert_int_equal(got.resolve_days[GRIEVANCE_MINISTRY], 30);
    assert_int_equal(date_from_ymd(2024, 8, 23, &d), 0);
    assert_int_equal(refdata_grievance_sla(ref, d, &got), 0);
    for (int l = 0; l < GRIEVANCE_LEVEL_COUNT; l++) {
        assert_int_equal(got.resolve_days[l], 21);
        assert_true(got.ack_days[l] > 0 && got.ack_days[l] <= got.resolve_days[l]);
    }
    refdata_free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_happy_path),
        cmocka_unit_test(test_resolve_without_acknowledging),
        cmocka_unit_test(test_deadlines),
        cmocka_unit_test(test_escalation_climbs_and_stops),
        cmocka_unit_test(test_appeal_of_a_poor_rating),
        cmocka_unit_test(test_shipped_deadlines_by_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
