/* The portal's storage on a real SQLite file: self-registered units, facts
 * with their corrections, bundles and applications with their events and
 * SLA clock, compare-and-set moves, notifications, the worklist's scope
 * and order, grievances with escalation by deadline, claims, and
 * delayed-payment claims. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "temp_store.h"

#include "core/date.h"
#include "core/money.h"
#include "store/store.h"
#include "store/store_application.h"
#include "store/store_auth.h"
#include "store/store_grievance.h"
#include "store/store_profile.h"

struct fixture {
    char path[256];
    struct store *s;
    int64_t file;
    int64_t entrepreneur, officer, other;       /* accounts */
    int64_t pune, nashik, lucknow;              /* enterprises */
    struct enterprise pune_ent, nashik_ent, lucknow_ent;
};

static int32_t day(const char *iso)
{
    int32_t d;

    if (date_parse(iso, strlen(iso), &d, NULL) != 0)
        fail_msg("bad date %s", iso);
    return d;
}

static int64_t add_user(struct fixture *f, const char *name, enum auth_role role,
                        const char *state, const char *district)
{
    struct auth_user u = {0};
    struct err e;
    int64_t id = 0;
    bool created;

    snprintf(u.username, sizeof u.username, "%s", name);
    u.role = role;
    snprintf(u.state, sizeof u.state, "%s", state);
    snprintf(u.district, sizeof u.district, "%s", district);
    if (store_user_add(f->s, &u, "not-a-real-hash", &id, &created, &e) != 0 || !created)
        fail_msg("user %s: %s", name, e.msg);
    return id;
}

static int64_t add_enterprise(struct fixture *f, struct enterprise *x, const char *udyam,
                              const char *pan, int state, const char *district, int64_t row)
{
    struct upsert_result r;
    struct err e;

    enterprise_init(x);
    snprintf(x->udyam, sizeof x->udyam, "%s", udyam);
    snprintf(x->pan, sizeof x->pan, "%s", pan);
    snprintf(x->name, sizeof x->name, "Unit %s", district);
    x->n_gstins = 1;
    snprintf(x->gstins[0], sizeof x->gstins[0], "%02d%sZZ1", state, pan);
    x->activity = profile_enum_index(PF_ACTIVITY, "manufacturing");
    x->state = state;
    snprintf(x->district, sizeof x->district, "%s", district);
    x->investment = 10 * MONEY_LAKH;
    x->turnover = 50 * MONEY_LAKH;
    x->content_hash = enterprise_content_hash(x);
    snprintf(x->src_feed, sizeof x->src_feed, "udyam");
    x->src_file = f->file;
    x->src_row = row;
    if (store_enterprise_upsert(f->s, x, &r, &e) != 0 || r.outcome != UPSERT_INSERTED)
        fail_msg("enterprise %s: %s", udyam, e.msg);
    x->id = r.id;
    return r.id;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e;
    bool complete;

    if (temp_store_open("samanvay-test-portal", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (store_ingest_file_open(f->s, "udyam", "a.csv", "digest-a", 10, &f->file, &complete, &e))
        return -1;
    f->pune = add_enterprise(f, &f->pune_ent, "UDYAM-MH-26-0000001", "AAAPS0001F", 27, "PUNE", 1);
    f->nashik = add_enterprise(f, &f->nashik_ent, "UDYAM-MH-20-0000002", "AAAPS0002F", 27,
                               "NASHIK", 2);
    f->lucknow = add_enterprise(f, &f->lucknow_ent, "UDYAM-UP-50-0000003", "AAAPS0003F", 9,
                                "LUCKNOW", 3);
    f->entrepreneur = add_user(f, "asha", AUTH_ROLE_ENTREPRENEUR, "", "");
    f->officer = add_user(f, "officer.pune", AUTH_ROLE_OFFICER, "27", "Pune");
    f->other = add_user(f, "ravi", AUTH_ROLE_ENTREPRENEUR, "", "");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    temp_store_remove(f->s, f->path);
    free(f);
    return 0;
}

/* --- collecting callbacks ------------------------------------------------ */

#define MAX_ROWS 16

struct facts { size_t n; struct profile_fact_row r[MAX_ROWS]; };
struct apps { size_t n; struct app_row r[MAX_ROWS]; };
struct app_events { size_t n; struct app_event_row r[MAX_ROWS]; };
struct notes { size_t n; struct notification_row r[MAX_ROWS]; };
struct grievs { size_t n; struct grievance_row r[MAX_ROWS]; };
struct griev_events { size_t n; struct grievance_event_row r[MAX_ROWS]; };
struct claims { size_t n; struct enterprise_claim_row r[MAX_ROWS]; };
struct payments { size_t n; struct payment_claim_row r[MAX_ROWS]; };
struct ids { size_t n; int64_t r[MAX_ROWS]; };

#define COLLECTOR(name, list, row)                       \
    static int name(void *ctx, const row *x)             \
    {                                                    \
        list *l = ctx;                                   \
        assert_true(l->n < MAX_ROWS);                    \
        l->r[l->n++] = *x;                               \
        return 0;                                        \
    }

COLLECTOR(collect_fact, struct facts, struct profile_fact_row)
COLLECTOR(collect_app, struct apps, struct app_row)
COLLECTOR(collect_app_event, struct app_events, struct app_event_row)
COLLECTOR(collect_note, struct notes, struct notification_row)
COLLECTOR(collect_grievance, struct grievs, struct grievance_row)
COLLECTOR(collect_griev_event, struct griev_events, struct grievance_event_row)
COLLECTOR(collect_claim, struct claims, struct enterprise_claim_row)
COLLECTOR(collect_payment, struct payments, struct payment_claim_row)

static int collect_enterprise(void *ctx, const struct enterprise *x)
{
    struct ids *l = ctx;

    assert_true(l->n < MAX_ROWS);
    l->r[l->n++] = x->id;
    return 0;
}

static int count_scheme(void *ctx, const char *scheme_id)
{
    (void)scheme_id;
    ++*(int *)ctx;
    return 0;
}

/* A bundle of schemes for `ent` by the entrepreneur on `on`. */
static int64_t apply(struct fixture *f, const struct enterprise *ent, const struct app_new *apps,
                     size_t n, int32_t on, int64_t *ids)
{
    struct err e;
    int64_t bundle = 0;

    if (store_bundle_create(f->s, ent, f->entrepreneur, "entrepreneur", "{\"q\":\"a\"}", apps, n,
                            on, &bundle, ids, &e) != 0)
        fail_msg("bundle: %s", e.msg);
    return bundle;
}

static bool move(struct fixture *f, int64_t id, enum app_state from, enum app_action action,
                 enum app_state to, const char *reason, int32_t on)
{
    struct err e;
    bool moved = false;

    if (store_app_move(f->s, id, from, action, to, reason, f->officer, "officer", on, &moved, &e))
        fail_msg("move: %s", e.msg);
    return moved;
}

static struct app_row get_app(struct fixture *f, int64_t id, int32_t today)
{
    struct app_row a;
    struct err e;
    bool found = false;

    if (store_app_get(f->s, id, today, &a, &found, &e) != 0 || !found)
        fail_msg("application %lld: %s", (long long)id, e.msg);
    return a;
}

/* --- profile ------------------------------------------------------------- */

static void test_register_reads_back(void **state)
{
    struct fixture *f = *state;
    struct enterprise in, out, out2;
    struct err e;
    int64_t id, id2, found_id;
    bool found, claimed;

    enterprise_init(&in);
    snprintf(in.name, sizeof in.name, "आशा Foods");
    snprintf(in.udyam, sizeof in.udyam, "UDYAM-XX-00-9999999");   /* not taken */
    in.state = 9;
    snprintf(in.district, sizeof in.district, "Lucknow");
    in.activity = profile_enum_index(PF_ACTIVITY, "services");
    in.turnover = 5 * MONEY_LAKH;                                    /* not taken */
    assert_int_equal(store_enterprise_register(f->s, &in, f->entrepreneur, &id, &e), 0);
    assert_int_equal(store_enterprise_get(f->s, id, &out, &found, &e), 0);
    assert_true(found);
    assert_string_equal(out.name, "आशा Foods");
    assert_string_equal(out.udyam, "");
    assert_string_equal(out.pan, "");
    assert_int_equal(out.state, 9);
    assert_string_equal(out.district, "Lucknow");
    assert_int_equal(out.activity, in.activity);
    assert_int_equal(out.turnover, -1);
    assert_int_equal(out.investment, -1);
    assert_string_equal(out.src_feed, "portal");
    assert_int_equal(out.src_row, f->entrepreneur);
    /* a second unit reuses the portal's file row */
    assert_int_equal(store_enterprise_register(f->s, &in, f->other, &id2, &e), 0);
    assert_int_not_equal(id, id2);
    assert_int_equal(store_enterprise_get(f->s, id2, &out2, &found, &e), 0);
    assert_int_equal(out2.src_file, out.src_file);
    assert_int_equal(out2.src_row, f->other);

    assert_int_equal(store_enterprise_find_pan(f->s, "AAAPS0002F", &found_id, &found, &e), 0);
    assert_true(found);
    assert_int_equal(found_id, f->nashik);
    assert_int_equal(store_enterprise_find_gstin(f->s, f->lucknow_ent.gstins[0], &found_id, &found,
                                                 &e), 0);
    assert_true(found);
    assert_int_equal(found_id, f->lucknow);
    assert_int_equal(store_enterprise_find_pan(f->s, "ZZZPS0009Z", &found_id, &found, &e), 0);
    assert_false(found);

    assert_int_equal(store_enterprise_claimed(f->s, id, &claimed, &e), 0);
    assert_false(claimed);
    assert_int_equal(store_user_set_enterprise(f->s, f->entrepreneur, id, &e), 0);
    assert_int_equal(store_enterprise_claimed(f->s, id, &claimed, &e), 0);
    assert_true(claimed);
    assert_int_equal(store_user_set_enterprise(f->s, 424242, id, &e), -1);
}

static struct profile_fact_row fact(int64_t ent, int64_t user, const char *path, const char *value,
                                    const char *replaced)
{
    struct profile_fact_row r = {.enterprise_id = ent, .user_id = user};

    snprintf(r.path, sizeof r.path, "%s", path);
    snprintf(r.value, sizeof r.value, "%s", value);
    snprintf(r.source, sizeof r.source, "self");
    snprintf(r.replaced, sizeof r.replaced, "%s", replaced);
    if (*replaced)
        snprintf(r.replaced_source, sizeof r.replaced_source, "udyam file 1 row 1");
    return r;
}

static void test_facts_current_and_history(void **state)
{
    struct fixture *f = *state;
    struct profile_fact_row r;
    struct facts cur = {0}, hist = {0}, none = {0};
    struct err e;

    r = fact(f->pune, f->entrepreneur, "enterprise.turnover", "5000000", "");
    assert_int_equal(store_profile_fact_add(f->s, &r, &e), 0);
    r = fact(f->pune, f->entrepreneur, "enterprise.activity", "\"services\"", "\"manufacturing\"");
    assert_int_equal(store_profile_fact_add(f->s, &r, &e), 0);
    r = fact(f->pune, f->entrepreneur, "enterprise.turnover", "6500000", "5000000");
    assert_int_equal(store_profile_fact_add(f->s, &r, &e), 0);
    r = fact(f->nashik, f->other, "enterprise.turnover", "100", "");
    assert_int_equal(store_profile_fact_add(f->s, &r, &e), 0);

    assert_int_equal(store_profile_facts_current(f->s, f->pune, collect_fact, &cur, &e), 0);
    assert_int_equal(cur.n, 2);
    assert_string_equal(cur.r[0].path, "enterprise.activity");   /* path order */
    assert_string_equal(cur.r[0].value, "\"services\"");
    assert_string_equal(cur.r[0].replaced, "\"manufacturing\"");
    assert_string_equal(cur.r[0].replaced_source, "udyam file 1 row 1");
    assert_string_equal(cur.r[1].path, "enterprise.turnover");
    assert_string_equal(cur.r[1].value, "6500000");              /* the newest wins */
    assert_int_equal(cur.r[1].user_id, f->entrepreneur);
    assert_int_equal(strlen(cur.r[1].at), 20);

    assert_int_equal(store_profile_fact_history(f->s, f->pune, "enterprise.turnover", collect_fact,
                                                &hist, &e), 0);
    assert_int_equal(hist.n, 2);                                 /* the correction is kept */
    assert_string_equal(hist.r[0].value, "6500000");
    assert_string_equal(hist.r[0].replaced, "5000000");
    assert_string_equal(hist.r[1].value, "5000000");
    assert_string_equal(hist.r[1].replaced, "");
    assert_true(hist.r[0].id > hist.r[1].id);

    assert_int_equal(store_profile_facts_current(f->s, f->lucknow, collect_fact, &none, &e), 0);
    assert_int_equal(none.n, 0);
    r = fact(f->pune, f->entrepreneur, "", "1", "");
    assert_int_equal(store_profile_fact_add(f->s, &r, &e), -1);
}

/* --- applications ---------------------------------------------------------- */

static const struct app_new two_schemes[] = {
    {"pmegp", 30, "eligible", 25 * MONEY_LAKH},
    {"cgtmse", 10, "unknown", -1},
};

static void test_bundle_creates_submitted_applications(void **state)
{
    struct fixture *f = *state;
    int32_t d = day("2026-01-10");
    int64_t ids[2], bundle;
    struct apps apps = {0};
    struct app_events evs = {0};
    struct app_row a;
    struct err e;
    int schemes = 0;

    bundle = apply(f, &f->pune_ent, two_schemes, 2, d, ids);
    assert_true(bundle > 0);
    assert_int_not_equal(ids[0], ids[1]);
    assert_int_equal(store_apps_of_bundle(f->s, bundle, d + 5, collect_app, &apps, &e), 0);
    assert_int_equal(apps.n, 2);
    for (size_t i = 0; i < 2; i++) {
        a = apps.r[i];
        assert_int_equal(a.id, ids[i]);
        assert_int_equal(a.bundle_id, bundle);
        assert_int_equal(a.enterprise_id, f->pune);
        assert_string_equal(a.scheme_id, two_schemes[i].scheme_id);
        assert_int_equal(a.state, APP_SUBMITTED);
        assert_string_equal(a.gst_state, "27");
        assert_string_equal(a.district, "PUNE");
        assert_int_equal(a.sla_days, two_schemes[i].sla_days);
        assert_string_equal(a.eligibility, two_schemes[i].eligibility);
        assert_int_equal(a.benefit_paise, two_schemes[i].benefit_paise);
        assert_int_equal(a.created_on, d);
        assert_int_equal(a.days_with_government, 5);
        assert_int_equal(a.last_on, d);
        assert_string_equal(a.last_reason, "");
        assert_string_equal(a.enterprise_name, "Unit PUNE");

        evs.n = 0;
        assert_int_equal(store_app_events(f->s, ids[i], collect_app_event, &evs, &e), 0);
        assert_int_equal(evs.n, 2);
        assert_string_equal(evs.r[0].action, "create");
        assert_string_equal(evs.r[0].from_state, "");
        assert_int_equal(evs.r[0].to_state, APP_DRAFT);
        assert_string_equal(evs.r[1].action, "submit");
        assert_string_equal(evs.r[1].from_state, "draft");
        assert_int_equal(evs.r[1].to_state, APP_SUBMITTED);
        assert_string_equal(evs.r[1].username, "asha");
        assert_string_equal(evs.r[1].role, "entrepreneur");
        assert_int_equal(evs.r[1].on, d);
    }
    a = get_app(f, ids[0], d + 12);
    assert_int_equal(a.days_with_government, 12);

    apps.n = 0;
    assert_int_equal(store_apps_of_enterprise(f->s, f->pune, d, collect_app, &apps, &e), 0);
    assert_int_equal(apps.n, 2);
    assert_int_equal(apps.r[0].id, ids[1]);                      /* newest first */
    assert_int_equal(store_app_schemes_of(f->s, f->pune, count_scheme, &schemes, &e), 0);
    assert_int_equal(schemes, 2);

    /* a failure part-way (no such account) leaves nothing behind */
    assert_int_equal(store_bundle_create(f->s, &f->nashik_ent, 424242, "entrepreneur", "{}",
                                         two_schemes, 2, d, &bundle, ids, &e), -1);
    apps.n = 0;
    assert_int_equal(store_apps_of_enterprise(f->s, f->nashik, d, collect_app, &apps, &e), 0);
    assert_int_equal(apps.n, 0);
    assert_int_equal(store_bundle_create(f->s, &f->nashik_ent, f->entrepreneur, "entrepreneur",
                                         "{}", two_schemes, 0, d, &bundle, ids, &e), -1);
}

static void test_move_is_compare_and_set(void **state)
{
    struct fixture *f = *state;
    int32_t d = day("2026-02-01");
    int64_t ids[2];
    struct app_events evs = {0};
    struct notes notes = {0};
    struct app_row a;
    struct err e;

    apply(f, &f->pune_ent, two_schemes, 2, d, ids);
    assert_true(move(f, ids[0], APP_SUBMITTED, APP_START_REVIEW, APP_UNDER_REVIEW, NULL, d + 2));
    /* a second officer acting on the same page: stale, nothing written */
    assert_false(move(f, ids[0], APP_SUBMITTED, APP_START_REVIEW, APP_UNDER_REVIEW, NULL, d + 2));
    assert_int_equal(store_app_events(f->s, ids[0], collect_app_event, &evs, &e), 0);
    assert_int_equal(evs.n, 3);
    assert_string_equal(evs.r[2].action, "start_review");
    assert_string_equal(evs.r[2].from_state, "submitted");
    assert_string_equal(evs.r[2].username, "officer.pune");
    assert_string_equal(evs.r[2].role, "officer");
    assert_int_equal(store_notifications(f->s, f->pune, 10, collect_note, &notes, &e), 0);
    assert_int_equal(notes.n, 1);
    assert_string_equal(notes.r[0].kind, "application.under_review");
    assert_int_equal(notes.r[0].application_id, ids[0]);
    assert_string_equal(notes.r[0].scheme_id, "pmegp");
    assert_false(notes.r[0].read);

    /* the clock pauses while returned: 4 days, then 2 more after resubmission */
    assert_true(move(f, ids[0], APP_UNDER_REVIEW, APP_RETURN, APP_RETURNED, "Bank statement missing",
                     d + 4));
    assert_true(move(f, ids[0], APP_RETURNED, APP_RESUBMIT, APP_RESUBMITTED, NULL, d + 10));
    a = get_app(f, ids[0], d + 12);
    assert_int_equal(a.state, APP_RESUBMITTED);
    assert_int_equal(a.days_with_government, 6);
    assert_int_equal(a.last_on, d + 10);
    assert_string_equal(a.last_reason, "");
    a = get_app(f, ids[0], d + 8);
    assert_int_equal(a.days_with_government, 4);

    notes.n = 0;
    assert_int_equal(store_notifications(f->s, f->pune, 2, collect_note, &notes, &e), 0);
    assert_int_equal(notes.n, 2);                                /* the limit */
    assert_string_equal(notes.r[0].kind, "application.resubmitted");
    assert_string_equal(notes.r[1].kind, "application.returned");
    assert_string_equal(notes.r[1].detail, "Bank statement missing");

    assert_true(move(f, ids[1], APP_SUBMITTED, APP_START_REVIEW, APP_UNDER_REVIEW, NULL, d + 1));
    assert_true(move(f, ids[1], APP_UNDER_REVIEW, APP_REJECT, APP_REJECTED, "Not eligible", d + 3));
    a = get_app(f, ids[1], d + 30);
    assert_int_equal(a.days_with_government, 3);                 /* stopped for good */
    assert_string_equal(a.last_reason, "Not eligible");
}

static void test_open_exists_and_notifications(void **state)
{
    struct fixture *f = *state;
    int32_t d = day("2026-03-01");
    int64_t ids[2];
    struct notification_row n = {.enterprise_id = 0};
    struct notes notes = {0};
    struct err e;
    bool exists;

    assert_int_equal(store_app_open_exists(f->s, f->pune, "pmegp", &exists, &e), 0);
    assert_false(exists);
    apply(f, &f->pune_ent, two_schemes, 2, d, ids);
    assert_int_equal(store_app_open_exists(f->s, f->pune, "pmegp", &exists, &e), 0);
    assert_true(exists);
    assert_int_equal(store_app_open_exists(f->s, f->nashik, "pmegp", &exists, &e), 0);
    assert_false(exists);
    assert_true(move(f, ids[0], APP_SUBMITTED, APP_WITHDRAW, APP_WITHDRAWN, "Changed my mind", d));
    assert_int_equal(store_app_open_exists(f->s, f->pune, "pmegp", &exists, &e), 0);
    assert_false(exists);
    assert_int_equal(store_app_open_exists(f->s, f->pune, "cgtmse", &exists, &e), 0);
    assert_true(exists);

    n.enterprise_id = f->pune;
    snprintf(n.kind, sizeof n.kind, "scheme.deadline");
    snprintf(n.scheme_id, sizeof n.scheme_id, "cgtmse");
    snprintf(n.detail, sizeof n.detail, "अंतिम तिथि");
    assert_int_equal(store_notify(f->s, &n, &e), 0);
    assert_int_equal(store_notifications(f->s, f->pune, 10, collect_note, &notes, &e), 0);
    assert_int_equal(notes.n, 2);
    assert_string_equal(notes.r[0].kind, "scheme.deadline");
    assert_int_equal(notes.r[0].application_id, 0);
    assert_int_equal(notes.r[0].grievance_id, 0);
    assert_string_equal(notes.r[0].detail, "अंतिम तिथि");
    assert_string_equal(notes.r[1].kind, "application.withdrawn");
    assert_int_equal(store_notifications_mark_read(f->s, f->pune, &e), 0);
    notes.n = 0;
    assert_int_equal(store_notifications(f->s, f->pune, 10, collect_note, &notes, &e), 0);
    assert_true(notes.r[0].read && notes.r[1].read);
}

static void test_worklist_scope_and_order(void **state)
{
    struct fixture *f = *state;
    int32_t d = day("2026-04-01"), today = d + 10;
    const struct app_new slow[] = {{"pmegp", 30, "eligible", -1}};
    const struct app_new fast[] = {{"cgtmse", 10, "eligible", -1}};
    int64_t pune_slow, pune_fast, pune_returned, nashik_fast, lucknow_slow;
    struct apps w = {0};
    struct err e;

    apply(f, &f->pune_ent, slow, 1, d, &pune_slow);              /* 10/30 */
    apply(f, &f->pune_ent, fast, 1, d + 5, &pune_fast);          /* 5/10  */
    apply(f, &f->nashik_ent, fast, 1, d + 2, &nashik_fast);      /* 8/10  */
    apply(f, &f->lucknow_ent, slow, 1, d, &lucknow_slow);        /* 10/30 */
    apply(f, &f->pune_ent, (const struct app_new[]){{"zed", 10, "eligible", -1}}, 1, d,
          &pune_returned);
    assert_true(move(f, pune_returned, APP_SUBMITTED, APP_START_REVIEW, APP_UNDER_REVIEW, NULL, d));
    assert_true(move(f, pune_returned, APP_UNDER_REVIEW, APP_RETURN, APP_RETURNED, "why", d + 1));

    /* the officer's district, case-insensitively; a returned one waits on the applicant */
    assert_int_equal(store_worklist(f->s, "27", "Pune", today, 50, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.r[0].id, pune_fast);
    assert_int_equal(w.r[0].days_with_government, 5);
    assert_int_equal(w.r[1].id, pune_slow);
    assert_int_equal(w.r[1].days_with_government, 10);

    w.n = 0;
    assert_int_equal(store_worklist(f->s, "27", "", today, 50, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 3);
    assert_int_equal(w.r[0].id, nashik_fast);
    assert_int_equal(w.r[1].id, pune_fast);
    assert_int_equal(w.r[2].id, pune_slow);

    w.n = 0;
    assert_int_equal(store_worklist(f->s, "9", "lucknow", today, 50, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 1);                                    /* "9" is "09" */
    assert_int_equal(w.r[0].id, lucknow_slow);
    assert_string_equal(w.r[0].gst_state, "09");

    w.n = 0;
    assert_int_equal(store_worklist(f->s, "", "", today, 50, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 4);
    assert_int_equal(w.r[0].id, nashik_fast);
    assert_int_equal(w.r[2].id, pune_slow);                      /* a tie at 1/3: by id */
    assert_int_equal(w.r[3].id, lucknow_slow);

    w.n = 0;
    assert_int_equal(store_worklist(f->s, "", "", today, 2, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 2);
    w.n = 0;
    assert_int_equal(store_worklist(f->s, "10", "", today, 50, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 0);

    /* a sanctioned application still waits on the government (disbursal) */
    assert_true(move(f, nashik_fast, APP_SUBMITTED, APP_START_REVIEW, APP_UNDER_REVIEW, NULL, d + 3));
    assert_true(move(f, nashik_fast, APP_UNDER_REVIEW, APP_SANCTION, APP_SANCTIONED, "ok", d + 4));
    w.n = 0;
    assert_int_equal(store_worklist(f->s, "27", "nashik", today, 50, collect_app, &w, &e), 0);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.r[0].state, APP_SANCTIONED);
    assert_int_equal(w.r[0].days_with_government, 2);
}

static void test_enterprises_in_scope(void **state)
{
    struct fixture *f = *state;
    struct ids ids = {0};
    struct err e;

    assert_int_equal(store_enterprises_in_scope(f->s, "27", "", collect_enterprise, &ids, &e), 0);
    assert_int_equal(ids.n, 2);
    assert_int_equal(ids.r[0], f->pune);
    assert_int_equal(ids.r[1], f->nashik);
    ids.n = 0;
    assert_int_equal(store_enterprises_in_scope(f->s, "27", "nashik", collect_enterprise, &ids, &e), 0);
    assert_int_equal(ids.n, 1);
    assert_int_equal(ids.r[0], f->nashik);
    ids.n = 0;
    assert_int_equal(store_enterprises_in_scope(f->s, "", "", collect_enterprise, &ids, &e), 0);
    assert_int_equal(ids.n, 3);
}

/* --- grievances ------------------------------------------------------------- */

static struct grievance_row file_grievance(struct fixture *f, const struct enterprise *ent,
                                           int32_t on)
{
    struct grievance_row g = {.user_id = f->entrepreneur, .subject = GRIEVANCE_ON_SCHEME};
    struct err e;

    snprintf(g.scheme_id, sizeof g.scheme_id, "pmegp");
    snprintf(g.category, sizeof g.category, "delay");
    snprintf(g.body, sizeof g.body, "No reply for a month");
    if (store_grievance_file(f->s, ent, &g, "entrepreneur", on, &e) != 0)
        fail_msg("file: %s", e.msg);
    return g;
}

static void test_grievance_file_move_events(void **state)
{
    struct fixture *f = *state;
    int32_t d = day("2026-05-01");
    struct grievance_row g = file_grievance(f, &f->pune_ent, d), got;
    struct grievance before, after;
    struct griev_events evs = {0};
    struct grievs list = {0};
    struct notes notes = {0};
    struct err e;
    bool found, moved;

    assert_true(g.id > 0);
    assert_int_equal(store_grievance_get(f->s, g.id, &got, &found, &e), 0);
    assert_true(found);
    assert_int_equal(got.enterprise_id, f->pune);
    assert_int_equal(got.subject, GRIEVANCE_ON_SCHEME);
    assert_string_equal(got.scheme_id, "pmegp");
    assert_int_equal(got.application_id, 0);
    assert_string_equal(got.body, "No reply for a month");
    assert_int_equal(got.g.state, GRIEVANCE_OPEN);
    assert_int_equal(got.g.level, GRIEVANCE_DISTRICT);
    assert_int_equal(got.g.level_since, d);
    assert_int_equal(got.g.rating, 0);
    assert_string_equal(got.gst_state, "27");
    assert_string_equal(got.district, "PUNE");
    assert_int_equal(got.filed_on, d);
    assert_string_equal(got.enterprise_name, "Unit PUNE");

    before = got.g;
    after = before;
    assert_int_equal(grievance_acknowledge(&after), 0);
    assert_int_equal(store_grievance_move(f->s, g.id, &before, &after, "acknowledge", NULL,
                                          f->officer, "officer", d + 1, &moved, &e), 0);
    assert_true(moved);
    /* the same move from the stale grievance: nothing written */
    assert_int_equal(store_grievance_move(f->s, g.id, &before, &after, "acknowledge", NULL,
                                          f->officer, "officer", d + 1, &moved, &e), 0);
    assert_false(moved);
    before = after;
    assert_int_equal(grievance_resolve(&after, true), 0);
    assert_int_equal(store_grievance_move(f->s, g.id, &before, &after, "resolve",
                                          "Released on 3 May", f->officer, "officer", d + 2,
                                          &moved, &e), 0);
    assert_true(moved);
    before = after;
    assert_int_equal(grievance_rate(&after, 2), 0);
    assert_int_equal(store_grievance_move(f->s, g.id, &before, &after, "rate", "2",
                                          f->entrepreneur, "entrepreneur", d + 3, &moved, &e), 0);
    assert_int_equal(store_grievance_get(f->s, g.id, &got, &found, &e), 0);
    assert_int_equal(got.g.state, GRIEVANCE_CLOSED);
    assert_int_equal(got.g.rating, 2);

    assert_int_equal(store_grievance_events(f->s, g.id, collect_griev_event, &evs, &e), 0);
    assert_int_equal(evs.n, 4);
    assert_string_equal(evs.r[0].action, "file");
    assert_string_equal(evs.r[0].username, "asha");
    assert_string_equal(evs.r[1].action, "acknowledge");
    assert_string_equal(evs.r[1].username, "officer.pune");
    assert_string_equal(evs.r[2].body, "Released on 3 May");
    assert_int_equal(evs.r[2].on, d + 2);
    assert_string_equal(evs.r[3].body, "2");

    assert_int_equal(store_notifications(f->s, f->pune, 10, collect_note, &notes, &e), 0);
    assert_int_equal(notes.n, 3);
    assert_string_equal(notes.r[0].kind, "grievance.rate");
    assert_string_equal(notes.r[1].kind, "grievance.resolve");
    assert_string_equal(notes.r[1].detail, "Released on 3 May");
    assert_int_equal(notes.r[1].grievance_id, g.id);

    /* closed: out of the officers' list */
    assert_int_equal(store_grievances_in_scope(f->s, "27", "pune", 50, collect_grievance, &list,
                                               &e), 0);
    assert_int_equal(list.n, 0);
    assert_int_equal(store_grievances_of_enterprise(f->s, f->pune, collect_grievance, &list, &e), 0);
    assert_int_equal(list.n, 1);
}

static void test_escalation_once_by_the_system(void **state)
{
    struct fixture *f = *state;
    const struct grievance_sla sla = {.ack_days = {3, 3, 5}, .resolve_days = {30, 30, 45}};
    int32_t d = day("2026-06-01");
    struct grievance_row late = file_grievance(f, &f->pune_ent, d);
    struct grievance_row fresh = file_grievance(f, &f->lucknow_ent, d + 3);
    struct grievance_row got;
    struct griev_events evs = {0};
    struct grievs list = {0};
    struct err e;
    int64_t n = -1;
    bool found;

    /* day 4: the Pune one missed its acknowledgement; Lucknow's is on time */
    assert_int_equal(store_grievances_escalate_due(f->s, &sla, d + 4, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_grievances_escalate_due(f->s, &sla, d + 4, &n, &e), 0);
    assert_int_equal(n, 0);                                      /* exactly once */
    assert_int_equal(store_grievance_get(f->s, late.id, &got, &found, &e), 0);
    assert_int_equal(got.g.level, GRIEVANCE_STATE);
    assert_int_equal(got.g.state, GRIEVANCE_OPEN);
    assert_int_equal(got.g.level_since, d + 4);
    assert_int_equal(store_grievance_get(f->s, fresh.id, &got, &found, &e), 0);
    assert_int_equal(got.g.level, GRIEVANCE_DISTRICT);

    assert_int_equal(store_grievance_events(f->s, late.id, collect_griev_event, &evs, &e), 0);
    assert_int_equal(evs.n, 2);
    assert_string_equal(evs.r[1].action, "escalate");
    assert_int_equal(evs.r[1].level, GRIEVANCE_STATE);
    assert_string_equal(evs.r[1].username, "");
    assert_string_equal(evs.r[1].role, "system");
    assert_int_equal(evs.r[1].on, d + 4);

    /* scope: a state's desk sees both of its levels, another state none */
    assert_int_equal(store_grievances_in_scope(f->s, "27", "", 50, collect_grievance, &list, &e), 0);
    assert_int_equal(list.n, 1);
    assert_int_equal(list.r[0].id, late.id);
    list.n = 0;
    assert_int_equal(store_grievances_in_scope(f->s, "", "", 50, collect_grievance, &list, &e), 0);
    assert_int_equal(list.n, 2);
    assert_int_equal(list.r[0].id, fresh.id);                    /* oldest level_since first */
    list.n = 0;
    assert_int_equal(store_grievances_in_scope(f->s, "09", "LUCKNOW", 50, collect_grievance, &list,
                                               &e), 0);
    assert_int_equal(list.n, 1);
    assert_int_equal(list.r[0].id, fresh.id);

    /* much later both are overdue at their levels: one step each */
    assert_int_equal(store_grievances_escalate_due(f->s, &sla, d + 100, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(store_grievance_get(f->s, late.id, &got, &found, &e), 0);
    assert_int_equal(got.g.level, GRIEVANCE_MINISTRY);
}

/* --- claims ------------------------------------------------------------------ */

static void test_claims(void **state)
{
    struct fixture *f = *state;
    struct claims pending = {0};
    struct enterprise_claim_row c;
    struct auth_user u;
    struct err e;
    bool found, changed, claimed;
    int64_t third = add_user(f, "meena", AUTH_ROLE_ENTREPRENEUR, "", "");

    assert_int_equal(store_claim_add(f->s, f->other, f->pune, &e), 0);
    assert_int_equal(store_claim_add(f->s, third, f->lucknow, &e), 0);
    assert_int_equal(store_claim_add(f->s, third, 424242, &e), -1);
    assert_int_equal(store_claims_pending(f->s, "27", "Pune", collect_claim, &pending, &e), 0);
    assert_int_equal(pending.n, 1);
    assert_string_equal(pending.r[0].username, "ravi");
    assert_string_equal(pending.r[0].udyam, "UDYAM-MH-26-0000001");
    assert_string_equal(pending.r[0].enterprise_name, "Unit PUNE");
    assert_string_equal(pending.r[0].state, "pending");
    pending.n = 0;
    assert_int_equal(store_claims_pending(f->s, "27", "Nashik", collect_claim, &pending, &e), 0);
    assert_int_equal(pending.n, 0);
    assert_int_equal(store_claims_pending(f->s, "", "", collect_claim, &pending, &e), 0);
    assert_int_equal(pending.n, 2);

    assert_int_equal(store_claim_of_user(f->s, f->other, &c, &found, &e), 0);
    assert_true(found);
    assert_int_equal(c.enterprise_id, f->pune);
    assert_int_equal(store_claim_decide(f->s, c.id, true, f->officer, "Udyam certificate seen",
                                        &changed, &e), 0);
    assert_true(changed);
    assert_int_equal(store_user_get(f->s, f->other, &u, &found, &e), 0);
    assert_int_equal(u.enterprise_id, f->pune);
    assert_int_equal(store_enterprise_claimed(f->s, f->pune, &claimed, &e), 0);
    assert_true(claimed);
    /* decided already: a second decision changes nothing */
    assert_int_equal(store_claim_decide(f->s, c.id, false, f->officer, "late", &changed, &e), 0);
    assert_false(changed);
    assert_int_equal(store_claim_get(f->s, c.id, &c, &found, &e), 0);
    assert_string_equal(c.state, "approved");
    assert_string_equal(c.reason, "Udyam certificate seen");

    assert_int_equal(store_claim_of_user(f->s, third, &c, &found, &e), 0);
    assert_int_equal(store_claim_decide(f->s, c.id, false, f->officer, "Not the owner", &changed,
                                        &e), 0);
    assert_true(changed);
    assert_int_equal(store_user_get(f->s, third, &u, &found, &e), 0);
    assert_int_equal(u.enterprise_id, 0);
    pending.n = 0;
    assert_int_equal(store_claims_pending(f->s, "", "", collect_claim, &pending, &e), 0);
    assert_int_equal(pending.n, 0);
    assert_int_equal(store_claim_of_user(f->s, f->entrepreneur, &c, &found, &e), 0);
    assert_false(found);
}

static void test_payment_claims(void **state)
{
    struct fixture *f = *state;
    struct payment_claim_row c = {.enterprise_id = f->pune, .user_id = f->entrepreneur};
    struct payments list = {0};
    struct payment_claim_row got;
    struct err e;
    int64_t first;
    bool found;

    snprintf(c.buyer, sizeof c.buyer, "Big Motors Ltd");
    snprintf(c.invoice_no, sizeof c.invoice_no, "INV-1");
    c.amount_paise = 250000 * PAISE_PER_RUPEE;
    c.accepted_on = day("2026-01-05");
    c.filed_on = day("2026-03-01");
    c.invoice_date = DATE_UNKNOWN;     /* a claim as recorded before migration 0011 */
    if (store_payment_claim_add(f->s, &c, &e) != 0)
        fail_msg("%s", e.msg);
    assert_true(c.id > 0);
    assert_string_equal(c.state, "filed");
    first = c.id;
    snprintf(c.invoice_no, sizeof c.invoice_no, "INV-2");
    c.state[0] = '\0';
    assert_int_equal(store_payment_claim_add(f->s, &c, &e), 0);
    c.amount_paise = 0;
    assert_int_equal(store_payment_claim_add(f->s, &c, &e), -1);

    assert_int_equal(store_payment_claims_of_enterprise(f->s, f->pune, collect_payment, &list, &e), 0);
    assert_int_equal(list.n, 2);
    assert_string_equal(list.r[0].invoice_no, "INV-2");          /* newest first */
    assert_string_equal(list.r[1].invoice_no, "INV-1");
    assert_int_equal(store_payment_claim_get(f->s, first, &got, &found, &e), 0);
    assert_true(found);
    assert_string_equal(got.buyer, "Big Motors Ltd");
    assert_int_equal(got.amount_paise, 250000 * PAISE_PER_RUPEE);
    assert_int_equal(got.accepted_on, day("2026-01-05"));
    assert_int_equal(got.filed_on, day("2026-03-01"));
    assert_string_equal(got.state, "filed");
    assert_int_equal(store_payment_claim_get(f->s, 424242, &got, &found, &e), 0);
    assert_false(found);
}

/* Migration 0011: the engine's fields, part payments, and one referral to
 * the Facilitation Council per claim. */
static void test_payment_claim_msmed(void **state)
{
    struct fixture *f = *state;
    struct payment_claim_row c = {.enterprise_id = f->pune, .user_id = f->entrepreneur};
    struct payment_claim_row got;
    struct payment_receipt_row r1 = {0}, r2 = {0}, bad = {0}, list[PAYMENT_RECEIPTS_MAX];
    struct grievance_row g = {0};
    struct err e;
    size_t n;
    bool found;

    snprintf(c.buyer, sizeof c.buyer, "Big Motors Ltd");
    snprintf(c.invoice_no, sizeof c.invoice_no, "INV-9");
    snprintf(c.buyer_pan, sizeof c.buyer_pan, "AAACB1234F");
    snprintf(c.buyer_state, sizeof c.buyer_state, "27");
    c.amount_paise = 100000 * PAISE_PER_RUPEE;
    c.invoice_date = day("2024-01-01");
    c.accepted_on = day("2024-01-03");
    c.agreed = true;
    c.agreed_days = 30;
    c.filed_on = day("2024-06-01");
    if (store_payment_claim_add(f->s, &c, &e) != 0)
        fail_msg("%s", e.msg);
    r2 = (struct payment_receipt_row){.claim_id = c.id, .received_on = day("2024-04-01"),
                                      .amount_paise = 500000};
    r1 = (struct payment_receipt_row){.claim_id = c.id, .received_on = day("2024-03-15"),
                                      .amount_paise = 2000000};
    assert_int_equal(store_payment_receipt_add(f->s, &r2, &e), 0);
    assert_int_equal(store_payment_receipt_add(f->s, &r1, &e), 0);
    bad = r1;
    bad.amount_paise = 0;
    assert_int_equal(store_payment_receipt_add(f->s, &bad, &e), -1);   /* above zero */
    assert_int_equal(store_payment_receipts(f->s, c.id, list, PAYMENT_RECEIPTS_MAX, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].received_on, day("2024-03-15"));           /* oldest first */
    assert_int_equal(list[0].amount_paise, 2000000);
    assert_int_equal(list[1].received_on, day("2024-04-01"));
    assert_int_equal(store_payment_receipts(f->s, c.id, list, 1, &n, &e), 0);
    assert_int_equal(n, 1);                                             /* bounded by cap */

    assert_int_equal(store_payment_claim_get(f->s, c.id, &got, &found, &e), 0);
    assert_true(found);
    assert_int_equal(got.invoice_date, day("2024-01-01"));
    assert_true(got.agreed);
    assert_int_equal(got.agreed_days, 30);
    assert_string_equal(got.buyer_pan, "AAACB1234F");
    assert_string_equal(got.buyer_gstin, "");
    assert_string_equal(got.buyer_state, "27");
    assert_int_equal(got.msefc_grievance_id, 0);

    g.user_id = f->entrepreneur;
    g.subject = GRIEVANCE_ON_PAYMENT;
    g.payment_claim_id = c.id;
    snprintf(g.category, sizeof g.category, "msefc");
    snprintf(g.body, sizeof g.body, "Reference to the Facilitation Council");
    assert_int_equal(store_grievance_file(f->s, &f->pune_ent, &g, "entrepreneur", day("2024-06-01"), &e), 0);
    assert_int_equal(store_payment_claim_get(f->s, c.id, &got, &found, &e), 0);
    assert_int_equal(got.msefc_grievance_id, g.id);
    g.id = 0;
    assert_int_equal(store_grievance_file(f->s, &f->pune_ent, &g, "entrepreneur", day("2024-06-02"), &e), -1);
    snprintf(g.category, sizeof g.category, "money_not_received");      /* another kind is fine */
    assert_int_equal(store_grievance_file(f->s, &f->pune_ent, &g, "entrepreneur", day("2024-06-02"), &e), 0);

    c.agreed_days = -1;
    assert_int_equal(store_payment_claim_add(f->s, &c, &e), -1);
}

static void test_subject_names(void **state)
{
    enum grievance_subject s;

    (void)state;
    assert_string_equal(grievance_subject_name(GRIEVANCE_ON_PAYMENT), "payment");
    assert_int_equal(grievance_subject_parse("application", &s), 0);
    assert_int_equal(s, GRIEVANCE_ON_APPLICATION);
    assert_int_equal(grievance_subject_parse("Payment", &s), -1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_register_reads_back),
        T(test_facts_current_and_history),
        T(test_bundle_creates_submitted_applications),
        T(test_move_is_compare_and_set),
        T(test_open_exists_and_notifications),
        T(test_worklist_scope_and_order),
        T(test_enterprises_in_scope),
        T(test_grievance_file_move_events),
        T(test_escalation_once_by_the_system),
        T(test_claims),
        T(test_payment_claims),
        T(test_payment_claim_msmed),
        cmocka_unit_test(test_subject_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
