/* The store on SQLite: migrations, enterprise round trips and every
 * upsert outcome, quarantine bookkeeping. */
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

struct fixture {
    char path[256];
    struct store *s;
    int64_t file_a, file_b;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e;
    bool complete;

    if (temp_store_open("samanvay-test-store", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (store_ingest_file_open(f->s, "udyam", "a.csv", "digest-a", 10, &f->file_a, &complete, &e)
        || store_ingest_file_open(f->s, "udyam", "b.csv", "digest-b", 10, &f->file_b, &complete, &e))
        return -1;
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

static void sample(struct enterprise *e, const char *udyam, const char *pan, int64_t file, int64_t row)
{
    enterprise_init(e);
    snprintf(e->udyam, sizeof e->udyam, "%s", udyam);
    snprintf(e->pan, sizeof e->pan, "%s", pan);
    snprintf(e->name, sizeof e->name, "लक्ष्मी Traders");
    snprintf(e->owner_name, sizeof e->owner_name, "Sita Devi");
    if (*pan) {
        e->n_gstins = 1;
        snprintf(e->gstins[0], sizeof e->gstins[0], "27%sZZZ", pan);
    }
    e->constitution = profile_enum_index(PF_CONSTITUTION, "proprietorship");
    e->social_category = profile_enum_index(PF_OWNER_CATEGORY, "sc");
    e->owner_gender = profile_enum_index(PF_OWNER_GENDER, "female");
    e->owner_disabled = 0;
    date_parse("2019-04-01", 10, &e->commenced_on, NULL);
    date_parse("2021-05-10", 10, &e->registered_on, NULL);
    e->activity = profile_enum_index(PF_ACTIVITY, "manufacturing");
    snprintf(e->nic, sizeof e->nic, "13111");
    e->state = 27;
    snprintf(e->district, sizeof e->district, "PUNE");
    snprintf(e->pincode, sizeof e->pincode, "411001");
    e->area = profile_enum_index(PF_AREA, "rural");
    e->investment = 45 * MONEY_LAKH;
    e->turnover = 120 * MONEY_LAKH + 50;
    e->exports = 0;
    e->employees_male = 3;
    e->employees_female = 9;
    e->content_hash = enterprise_content_hash(e);
    snprintf(e->src_feed, sizeof e->src_feed, "udyam");
    e->src_file = file;
    e->src_row = row;
}

static enum upsert_outcome upsert(struct fixture *f, const struct enterprise *e, struct upsert_result *r)
{
    struct err err;
    assert_int_equal(store_enterprise_upsert(f->s, e, r, &err), 0);
    return r->outcome;
}

static void test_migrate_is_idempotent(void **state)
{
    struct fixture *f = *state;
    int applied = -1, version = 0;

    assert_int_equal(store_migrate(f->s, &applied, NULL), 0);
    assert_int_equal(applied, 0);
    assert_int_equal(store_schema_version(f->s, &version, NULL), 0);
    assert_true(version >= 1);
}

static void test_round_trip(void **state)
{
    struct fixture *f = *state;
    struct enterprise in, out;
    struct upsert_result r;
    bool found;
    int64_t id;

    sample(&in, "UDYAM-MH-26-0000001", "AAAPS0001F", f->file_a, 1);
    assert_int_equal(upsert(f, &in, &r), UPSERT_INSERTED);
    assert_int_equal(store_enterprise_get(f->s, r.id, &out, &found, NULL), 0);
    assert_true(found);
    assert_string_equal(out.name, in.name);
    assert_string_equal(out.udyam, in.udyam);
    assert_int_equal(out.turnover, in.turnover);
    assert_int_equal(out.commenced_on, in.commenced_on);
    assert_int_equal(out.employees_other, -1);
    assert_int_equal(out.n_gstins, 1);
    assert_string_equal(out.gstins[0], in.gstins[0]);
    assert_int_equal(out.state, 27);
    out.id = 0;
    out.src_file = in.src_file;
    out.content_hash = 0;
    assert_int_equal(enterprise_content_hash(&out), in.content_hash);
    assert_int_equal(store_enterprise_find_udyam(f->s, in.udyam, &id, &found, NULL), 0);
    assert_true(found);
    assert_int_equal(id, r.id);
    assert_int_equal(store_enterprise_get(f->s, 999999, &out, &found, NULL), 0);
    assert_false(found);
}

static void test_outcomes(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result r;
    int64_t first;

    sample(&e, "UDYAM-MH-26-0000002", "AAAPS0002F", f->file_a, 10);
    assert_int_equal(upsert(f, &e, &r), UPSERT_INSERTED);
    first = r.id;
    /* the same row again (a rerun of the same file) */
    assert_int_equal(upsert(f, &e, &r), UPSERT_UNCHANGED);
    /* an identical row later in the same file */
    e.src_row = 11;
    assert_int_equal(upsert(f, &e, &r), UPSERT_DUPLICATE);
    assert_int_equal(r.other_row, 10);
    /* same Udyam, other content, same file */
    e.turnover += 100;
    e.content_hash = enterprise_content_hash(&e);
    e.src_row = 12;
    assert_int_equal(upsert(f, &e, &r), UPSERT_CONFLICT);
    /* the corrected row in another file replaces the old one */
    e.src_file = f->file_b;
    e.src_row = 3;
    assert_int_equal(upsert(f, &e, &r), UPSERT_UPDATED);
    assert_int_equal(r.id, first);
    /* and an identical row in yet another file only moves provenance */
    e.src_file = f->file_a;
    e.src_row = 99;
    assert_int_equal(upsert(f, &e, &r), UPSERT_REFRESHED);
    /* another Udyam number with a PAN already taken */
    sample(&e, "UDYAM-MH-26-0000003", "AAAPS0002F", f->file_b, 4);
    assert_int_equal(upsert(f, &e, &r), UPSERT_PAN_CONFLICT);
    assert_string_equal(r.other_udyam, "UDYAM-MH-26-0000002");
    /* units without PAN never conflict with each other */
    sample(&e, "UDYAM-MH-26-0000004", "", f->file_b, 5);
    assert_int_equal(upsert(f, &e, &r), UPSERT_INSERTED);
    sample(&e, "UDYAM-MH-26-0000005", "", f->file_b, 6);
    assert_int_equal(upsert(f, &e, &r), UPSERT_INSERTED);
}

static int count_cb(void *ctx, const char *code, int64_t n)
{
    if (strcmp(code, "bad_date") == 0)
        *(int64_t *)ctx += n;
    return 0;
}

static void test_quarantine_and_progress(void **state)
{
    struct fixture *f = *state;
    struct quarantine_row q = {f->file_a, "udyam", 7, 8, "bad_date", "commenced_on: no", "\xff raw", 5};
    struct ingest_counts c = {100, 90, 1, 2, 7, 60, 30}, back;
    int64_t n = 0, id;
    bool complete;

    assert_int_equal(store_quarantine_put(f->s, &q, NULL), 0);
    assert_int_equal(store_quarantine_put(f->s, &q, NULL), 0); /* idempotent */
    assert_int_equal(store_quarantine_counts(f->s, f->file_a, count_cb, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(store_begin(f->s, NULL), 0);
    assert_int_equal(store_ingest_file_progress(f->s, f->file_a, &c, false, NULL), 0);
    assert_int_equal(store_commit(f->s, NULL), 0);
    assert_int_equal(store_ingest_file_counts(f->s, f->file_a, &back, NULL), 0);
    assert_memory_equal(&back, &c, sizeof c);
    /* the same digest finds the same file */
    assert_int_equal(store_ingest_file_open(f->s, "udyam", "renamed.csv", "digest-a", 10, &id,
                                            &complete, NULL), 0);
    assert_int_equal(id, f->file_a);
    assert_false(complete);
}

static void test_rollback_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    struct enterprise e;
    struct upsert_result r;
    int64_t before, after;

    assert_int_equal(store_enterprise_count(f->s, &before, NULL), 0);
    assert_int_equal(store_begin(f->s, NULL), 0);
    sample(&e, "UDYAM-MH-26-0000009", "AAAPS0009F", f->file_b, 9);
    assert_int_equal(upsert(f, &e, &r), UPSERT_INSERTED);
    store_rollback(f->s);
    assert_int_equal(store_enterprise_count(f->s, &after, NULL), 0);
    assert_int_equal(after, before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_migrate_is_idempotent), cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_outcomes), cmocka_unit_test(test_quarantine_and_progress),
        cmocka_unit_test(test_rollback_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
