/* The application state machine: every state × action × actor against a
 * table written out by hand from the process, the reasons, the
 * names, and the SLA clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/application.h"
#include "core/date.h"

#define A APP_ACTOR_APPLICANT
#define O APP_ACTOR_OFFICER

/* Every allowed move, and nothing else. */
static const struct move {
    enum app_state from;
    enum app_action action;
    enum app_actor who;
    enum app_state to;
} allowed[] = {
    {APP_DRAFT, APP_SUBMIT, A, APP_SUBMITTED},
    {APP_SUBMITTED, APP_START_REVIEW, O, APP_UNDER_REVIEW},
    {APP_RESUBMITTED, APP_START_REVIEW, O, APP_UNDER_REVIEW},
    {APP_UNDER_REVIEW, APP_RETURN, O, APP_RETURNED},
    {APP_RETURNED, APP_RESUBMIT, A, APP_RESUBMITTED},
    {APP_UNDER_REVIEW, APP_SANCTION, O, APP_SANCTIONED},
    {APP_UNDER_REVIEW, APP_REJECT, O, APP_REJECTED},
    {APP_SANCTIONED, APP_DISBURSE, O, APP_DISBURSED},
    {APP_DRAFT, APP_WITHDRAW, A, APP_WITHDRAWN},
    {APP_SUBMITTED, APP_WITHDRAW, A, APP_WITHDRAWN},
    {APP_UNDER_REVIEW, APP_WITHDRAW, A, APP_WITHDRAWN},
    {APP_RETURNED, APP_WITHDRAW, A, APP_WITHDRAWN},
    {APP_RESUBMITTED, APP_WITHDRAW, A, APP_WITHDRAWN},
};

/* Whose each action is, written out separately from the machine. */
static enum app_actor owner_of(enum app_action a)
{
    return a == APP_SUBMIT || a == APP_RESUBMIT || a == APP_WITHDRAW ? A : O;
}

static const struct move *find_allowed(enum app_state s, enum app_action a, enum app_actor who)
{
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (allowed[i].from == s && allowed[i].action == a && allowed[i].who == who)
            return &allowed[i];
    return NULL;
}

static void test_every_combination(void **state)
{
    (void)state;
    for (int s = 0; s < APP_STATE_COUNT; s++) {
        for (int a = 0; a < APP_ACTION_COUNT; a++) {
            for (int w = A; w <= O; w++) {
                const struct move *m = find_allowed((enum app_state)s, (enum app_action)a, (enum app_actor)w);
                enum app_state to = APP_STATE_COUNT;
                enum app_verdict v = app_transition((enum app_state)s, (enum app_action)a, (enum app_actor)w,
                                                    true, &to);
                if (m != NULL) {
                    assert_int_equal(v, APP_ALLOWED);
                    assert_int_equal(to, m->to);
                } else if (owner_of((enum app_action)a) != (enum app_actor)w) {
                    assert_int_equal(v, APP_WRONG_ACTOR);
                } else {
                    assert_int_equal(v, APP_WRONG_STATE);
                }
            }
        }
    }
}

static void test_reasons(void **state)
{
    enum app_state to;

    (void)state;
    assert_int_equal(app_transition(APP_UNDER_REVIEW, APP_RETURN, O, false, &to), APP_NEEDS_REASON);
    assert_int_equal(app_transition(APP_UNDER_REVIEW, APP_SANCTION, O, false, &to), APP_NEEDS_REASON);
    assert_int_equal(app_transition(APP_UNDER_REVIEW, APP_REJECT, O, false, &to), APP_NEEDS_REASON);
    assert_int_equal(app_transition(APP_SANCTIONED, APP_DISBURSE, O, false, &to), APP_NEEDS_REASON);
    assert_int_equal(app_transition(APP_SUBMITTED, APP_WITHDRAW, A, false, &to), APP_NEEDS_REASON);
    assert_int_equal(app_transition(APP_SUBMITTED, APP_START_REVIEW, O, false, &to), APP_ALLOWED);
    assert_int_equal(app_transition(APP_DRAFT, APP_SUBMIT, A, false, &to), APP_ALLOWED);
    assert_int_equal(app_transition(APP_RETURNED, APP_RESUBMIT, A, false, &to), APP_ALLOWED);
    /* A wrong actor without a reason is still forbidden, not "give a reason". */
    assert_int_equal(app_transition(APP_UNDER_REVIEW, APP_SANCTION, A, false, &to), APP_WRONG_ACTOR);
}

static void test_final_states_lead_nowhere(void **state)
{
    (void)state;
    for (int s = 0; s < APP_STATE_COUNT; s++) {
        bool any = false;
        for (int a = 0; a < APP_ACTION_COUNT; a++)
            for (int w = A; w <= O; w++) {
                enum app_state to;
                any |= app_transition((enum app_state)s, (enum app_action)a, (enum app_actor)w, true, &to)
                       == APP_ALLOWED;
            }
        assert_int_equal(!any, app_state_final((enum app_state)s));
    }
}

static void test_names_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < APP_STATE_COUNT; s++) {
        enum app_state back;
        assert_int_equal(app_state_parse(app_state_name((enum app_state)s), &back), 0);
        assert_int_equal(back, s);
    }
    for (int a = 0; a < APP_ACTION_COUNT; a++) {
        enum app_action back;
        assert_int_equal(app_action_parse(app_action_name((enum app_action)a), &back), 0);
        assert_int_equal(back, a);
    }
    assert_string_equal(app_state_name(APP_UNDER_REVIEW), "under_review");
    assert_int_equal(app_state_parse("Under_Review", &(enum app_state){0}), -1);
    assert_int_equal(app_action_parse("", &(enum app_action){0}), -1);
}

static int32_t day(int y, int m, int d)
{
    int32_t out;
    assert_int_equal(date_from_ymd(y, m, d, &out), 0);
    return out;
}

static void test_sla_clock(void **state)
{
    (void)state;
    /* A draft's clock has not started. */
    struct app_step draft[] = {{APP_DRAFT, day(2025, 6, 1)}};
    assert_int_equal(app_days_with_government(draft, 1, day(2025, 7, 1)), 0);

    /* Submitted 1 June, under review 5 June, still open on 1 July: 30 days. */
    struct app_step open[] = {{APP_DRAFT, day(2025, 5, 30)}, {APP_SUBMITTED, day(2025, 6, 1)},
                              {APP_UNDER_REVIEW, day(2025, 6, 5)}};
    assert_int_equal(app_days_with_government(open, 3, day(2025, 7, 1)), 30);

    /* Returned on 11 June (10 days held), with the applicant until the
     * 21st, resubmitted, sanctioned on 1 July (10 more): 20, however late
     * "today" is. */
    struct app_step paused[] = {{APP_DRAFT, day(2025, 6, 1)},     {APP_SUBMITTED, day(2025, 6, 1)},
                                {APP_UNDER_REVIEW, day(2025, 6, 2)}, {APP_RETURNED, day(2025, 6, 11)},
                                {APP_RESUBMITTED, day(2025, 6, 21)}, {APP_UNDER_REVIEW, day(2025, 6, 22)},
                                {APP_SANCTIONED, day(2025, 7, 1)}};
    assert_int_equal(app_days_with_government(paused, 7, day(2026, 1, 1)), 20);

    /* Withdrawn: the clock stops for good at the withdrawal. */
    struct app_step gone[] = {{APP_SUBMITTED, day(2025, 6, 1)}, {APP_WITHDRAWN, day(2025, 6, 4)}};
    assert_int_equal(app_days_with_government(gone, 2, day(2025, 12, 1)), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_combination),
        cmocka_unit_test(test_reasons),
        cmocka_unit_test(test_final_states_lead_nowhere),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_sla_clock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
