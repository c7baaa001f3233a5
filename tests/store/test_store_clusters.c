/* The cluster tables on SQLite (store_cluster.c): round trips of each row
 * kind, every keyed-row outcome, memberships as the profile will read
 * them, and the quarantine clearing a rerun relies on. */
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

#include "core/cluster.h"
#include "core/date.h"
#include "core/money.h"
#include "store/store.h"
#include "store/store_cluster.h"
#include "store/store_cluster_stats.h"
#include "core/alloc.h"

struct fixture {
    char path[256];
    struct store *s;
    int64_t file_a, file_b;
    int64_t ent;               /* an enterprise on file */
};

static int32_t day(const char *iso)
{
    int32_t d = DATE_UNKNOWN;

    date_parse(iso, strlen(iso), &d, NULL);
    return d;
}

static int add_enterprise(struct fixture *f)
{
    struct enterprise e;
    struct upsert_result r;
    struct err err;

    enterprise_init(&e);
    snprintf(e.udyam, sizeof e.udyam, "UDYAM-UP-17-0028662");
    snprintf(e.name, sizeof e.name, "लक्ष्मी Chikan Works");
    e.state = 9;
    e.investment = 2 * MONEY_LAKH;
    e.turnover = 8 * MONEY_LAKH;
    e.content_hash = enterprise_content_hash(&e);
    snprintf(e.src_feed, sizeof e.src_feed, "udyam");
    e.src_file = f->file_a;
    e.src_row = 1;
    if (store_enterprise_upsert(f->s, &e, &r, &err) != 0)
        return -1;
    f->ent = r.id;
    return 0;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e;
    bool complete;

    if (temp_store_open("samanvay-test-clusters", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    if (store_ingest_file_open(f->s, "cluster", "a.csv", "digest-a", 10, &f->file_a, &complete, &e)
        || store_ingest_file_open(f->s, "cluster", "b.csv", "digest-b", 10, &f->file_b, &complete,
                                  &e)
        || add_enterprise(f) != 0)
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

static void sample_cluster(struct cluster *c, const char *id, int64_t file, int64_t row)
{
    cluster_init(c);
    snprintf(c->id, sizeof c->id, "%s", id);
    snprintf(c->name, sizeof c->name, "लखनऊ Chikan Cluster");
    c->scheme = profile_enum_index(PF_CLUSTER_SCHEME, "sfurti");
    c->state = 9;
    snprintf(c->district, sizeof c->district, "LUCKNOW");
    snprintf(c->product, sizeof c->product, "Chikan embroidery");
    snprintf(c->nic, sizeof c->nic, "13992");
    c->traditional = 1;
    c->approved_on = day("2019-06-12");
    c->project_cost = 250 * MONEY_LAKH;
    c->grant = 225 * MONEY_LAKH;
    c->cfc_capacity_hours = 600;
    c->status = CLUSTER_FUNCTIONAL;
    c->content_hash = cluster_content_hash(c);
    c->src_file = file;
    c->src_row = row;
}

static enum upsert_outcome put_cluster(struct fixture *f, const struct cluster *c,
                                       struct upsert_result *r)
{
    struct err e;

    assert_int_equal(store_cluster_upsert(f->s, c, r, &e), 0);
    return r->outcome;
}

static void test_cluster_round_trip(void **state)
{
    struct fixture *f = *state;
    struct cluster in, out;
    struct upsert_result r;
    int64_t capacity;
    bool found;

    sample_cluster(&in, "UP-LKO-CHIKAN", f->file_a, 1);
    in.grant = -1;                          /* not given */
    in.approved_on = DATE_UNKNOWN;
    in.content_hash = cluster_content_hash(&in);
    assert_int_equal(put_cluster(f, &in, &r), UPSERT_INSERTED);
    assert_int_equal(store_cluster_get(f->s, "UP-LKO-CHIKAN", &out, &found, NULL), 0);
    assert_true(found);
    assert_string_equal(out.name, in.name);
    assert_string_equal(out.district, "LUCKNOW");
    assert_string_equal(out.nic, "13992");
    assert_int_equal(out.scheme, in.scheme);
    assert_int_equal(out.state, 9);
    assert_int_equal(out.traditional, 1);
    assert_int_equal(out.approved_on, DATE_UNKNOWN);
    assert_int_equal(out.project_cost, 250 * MONEY_LAKH);
    assert_int_equal(out.grant, -1);
    assert_int_equal(out.status, CLUSTER_FUNCTIONAL);
    assert_int_equal(out.src_file, f->file_a);
    assert_int_equal(out.src_row, 1);
    out.content_hash = 0;
    assert_int_equal(cluster_content_hash(&out), in.content_hash);
    assert_int_equal(store_cluster_find(f->s, "UP-LKO-CHIKAN", &found, &capacity, NULL), 0);
    assert_true(found);
    assert_int_equal(capacity, 600);
    assert_int_equal(store_cluster_find(f->s, "NO-SUCH", &found, &capacity, NULL), 0);
    assert_false(found);
    assert_int_equal(store_cluster_get(f->s, "NO-SUCH", &out, &found, NULL), 0);
    assert_false(found);
}

/* The keyed-row rule of store_keyed.h, through the cluster table. */
static void test_cluster_outcomes(void **state)
{
    struct fixture *f = *state;
    struct cluster c, out;
    struct upsert_result r;
    bool found;

    sample_cluster(&c, "UP-LKO-BRASS", f->file_a, 10);
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_INSERTED);
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_UNCHANGED);
    c.src_row = 11;
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_DUPLICATE);
    assert_int_equal(r.other_row, 10);
    c.status = CLUSTER_CLOSED;
    c.content_hash = cluster_content_hash(&c);
    c.src_row = 12;
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_CONFLICT);
    assert_int_equal(r.other_row, 10);
    /* nothing of the conflicting row was written */
    assert_int_equal(store_cluster_get(f->s, "UP-LKO-BRASS", &out, &found, NULL), 0);
    assert_int_equal(out.status, CLUSTER_FUNCTIONAL);
    /* the corrected row of another file replaces it */
    c.src_file = f->file_b;
    c.src_row = 3;
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_UPDATED);
    assert_int_equal(store_cluster_get(f->s, "UP-LKO-BRASS", &out, &found, NULL), 0);
    assert_int_equal(out.status, CLUSTER_CLOSED);
    assert_int_equal(out.src_file, f->file_b);
    /* the same content from yet another file moves the provenance only */
    c.src_file = f->file_a;
    c.src_row = 40;
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_REFRESHED);
    assert_int_equal(store_cluster_get(f->s, "UP-LKO-BRASS", &out, &found, NULL), 0);
    assert_int_equal(out.src_file, f->file_a);
    assert_int_equal(out.src_row, 40);
    assert_int_equal(out.status, CLUSTER_CLOSED);
}

static void sample_member(struct cluster_member *m, const char *cluster, int64_t file, int64_t row)
{
    cluster_member_init(m);
    snprintf(m->cluster_id, sizeof m->cluster_id, "%s", cluster);
    snprintf(m->udyam, sizeof m->udyam, "UDYAM-UP-17-0028662");
    m->joined_on = day("2020-01-15");
    m->role = CLUSTER_ROLE_SPV_MEMBER;
    m->content_hash = cluster_member_content_hash(m);
    m->src_file = file;
    m->src_row = row;
}

static int collect(void *ctx, const struct cluster_membership *m)
{
    struct cluster_membership *into = ctx;
    int i = 0;

    while (into[i].cluster_id[0])
        i++;
    into[i] = *m;
    return 0;
}

static void test_members(void **state)
{
    struct fixture *f = *state;
    struct cluster c;
    struct cluster_member m, out;
    struct cluster_membership seen[4];
    struct upsert_result r;
    int64_t ent;
    bool found;

    sample_cluster(&c, "UP-LKO-ZARI", f->file_a, 20);
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_INSERTED);
    sample_cluster(&c, "UP-LKO-AAA", f->file_a, 21);
    c.traditional = 0;
    c.scheme = profile_enum_index(PF_CLUSTER_SCHEME, "mse_cdp");
    c.content_hash = cluster_content_hash(&c);
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_INSERTED);

    sample_member(&m, "UP-LKO-ZARI", f->file_a, 1);
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_UNCHANGED);
    m.src_row = 2;
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_DUPLICATE);
    m.role = CLUSTER_ROLE_ANCHOR;
    m.content_hash = cluster_member_content_hash(&m);
    m.src_row = 3;
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_CONFLICT);
    m.src_file = f->file_b;
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_UPDATED);
    assert_int_equal(store_cluster_member_get(f->s, "UP-LKO-ZARI", m.udyam, &out, &ent, &found,
                                              NULL), 0);
    assert_true(found);
    assert_int_equal(ent, f->ent);
    assert_int_equal(out.role, CLUSTER_ROLE_ANCHOR);
    assert_int_equal(out.joined_on, day("2020-01-15"));
    assert_int_equal(out.content_hash, m.content_hash);

    sample_member(&m, "UP-LKO-AAA", f->file_a, 4);
    m.joined_on = DATE_UNKNOWN;
    m.content_hash = cluster_member_content_hash(&m);
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_INSERTED);

    memset(seen, 0, sizeof seen);
    assert_int_equal(store_cluster_memberships(f->s, f->ent, collect, seen, NULL), 0);
    assert_string_equal(seen[0].cluster_id, "UP-LKO-AAA");
    assert_int_equal(seen[0].traditional, 0);
    assert_int_equal(seen[0].scheme, profile_enum_index(PF_CLUSTER_SCHEME, "mse_cdp"));
    assert_int_equal(seen[0].joined_on, DATE_UNKNOWN);
    assert_int_equal(seen[0].role, CLUSTER_ROLE_SPV_MEMBER);
    assert_string_equal(seen[1].cluster_id, "UP-LKO-ZARI");
    assert_int_equal(seen[1].traditional, 1);
    assert_int_equal(seen[1].scheme, profile_enum_index(PF_CLUSTER_SCHEME, "sfurti"));
    assert_int_equal(seen[1].role, CLUSTER_ROLE_ANCHOR);
    assert_int_equal(seen[1].status, CLUSTER_FUNCTIONAL);
    assert_string_equal(seen[2].cluster_id, "");
}

static void test_usage(void **state)
{
    struct fixture *f = *state;
    struct cluster c;
    struct cfc_month u, out;
    struct upsert_result r;
    bool found;

    sample_cluster(&c, "UP-LKO-CFC", f->file_a, 30);
    assert_int_equal(put_cluster(f, &c, &r), UPSERT_INSERTED);
    cfc_month_init(&u);
    snprintf(u.cluster_id, sizeof u.cluster_id, "UP-LKO-CFC");
    u.month = date_month_index(day("2026-04-01"));
    u.hours_used = 512;
    u.user_units = 17;
    u.content_hash = cfc_month_content_hash(&u);
    u.src_file = f->file_a;
    u.src_row = 1;
    assert_int_equal(store_cfc_usage_upsert(f->s, &u, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    assert_int_equal(store_cfc_usage_upsert(f->s, &u, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_UNCHANGED);
    assert_int_equal(store_cfc_usage_get(f->s, "UP-LKO-CFC", u.month, &out, &found, NULL), 0);
    assert_true(found);
    assert_int_equal(out.month, u.month);
    assert_int_equal(out.hours_used, 512);
    assert_int_equal(out.user_units, 17);
    assert_int_equal(out.revenue, -1);
    assert_int_equal(out.content_hash, u.content_hash);
    /* another month is another key */
    u.month++;
    u.src_row = 2;
    u.revenue = 150000 * PAISE_PER_RUPEE;
    u.content_hash = cfc_month_content_hash(&u);
    assert_int_equal(store_cfc_usage_upsert(f->s, &u, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_INSERTED);
    u.hours_used = 600;
    u.content_hash = cfc_month_content_hash(&u);
    u.src_file = f->file_b;
    assert_int_equal(store_cfc_usage_upsert(f->s, &u, &r, NULL), 0);
    assert_int_equal(r.outcome, UPSERT_UPDATED);
    assert_int_equal(store_cfc_usage_get(f->s, "UP-LKO-CFC", u.month, &out, &found, NULL), 0);
    assert_int_equal(out.hours_used, 600);
    assert_int_equal(out.revenue, 150000 * PAISE_PER_RUPEE);
    assert_int_equal(store_cfc_usage_get(f->s, "UP-LKO-CFC", u.month + 1, &out, &found, NULL), 0);
    assert_false(found);
}

/* The foreign keys back the feeds' own reference checks. */
static void test_member_needs_cluster(void **state)
{
    struct fixture *f = *state;
    struct cluster_member m;
    struct upsert_result r;
    struct err e;

    sample_member(&m, "NOT-ON-FILE", f->file_a, 50);
    assert_int_equal(store_cluster_member_upsert(f->s, &m, f->ent, &r, &e), -1);
}

static int count_reasons(void *ctx, const char *code, int64_t n)
{
    (void)code;
    *(int64_t *)ctx += n;
    return 0;
}

static void test_quarantine_clear(void **state)
{
    struct fixture *f = *state;
    struct quarantine_row q = {f->file_b, "cluster_member", 0, 0, "unknown_reference", "x", "r", 1};
    int64_t n = 0;

    for (int64_t row = 1; row <= 5; row++) {
        q.row_no = q.line_no = row;
        assert_int_equal(store_quarantine_put(f->s, &q, NULL), 0);
    }
    /* rows 2..4 are cleared; 1 and 5 lie outside the range */
    assert_int_equal(store_quarantine_clear(f->s, f->file_b, 1, 4, NULL), 0);
    assert_int_equal(store_quarantine_counts(f->s, f->file_b, count_reasons, &n, NULL), 0);
    assert_int_equal(n, 2);
}

/* The register comes back in strcmp order whatever order the database
 * keeps (PostgreSQL locales ignore hyphens: "UP-LKO-Z" before "UP-LKOA"
 * by strcmp, after it under en_US): the lookups bsearch with strcmp. The
 * ids go in out of order, so SQLite's row order is not the answer. */
static void test_registered_strcmp_order(void **state)
{
    static const char *const ids[] = {"UP-LKOA", "UP-LKO-Z", "UP-LKO-A", "UP-LKO-B1"};
    struct fixture *f = *state;
    struct cluster_reg *regs = NULL;
    struct upsert_result r;
    struct cluster c;
    size_t n = 0, seen = 0;
    struct err e;

    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        sample_cluster(&c, ids[i], f->file_a, (int64_t)(100 + i));
        put_cluster(f, &c, &r);
    }
    assert_int_equal(store_clusters_registered(f->s, &regs, &n, &e), 0);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_true(strcmp(regs[i - 1].id, regs[i].id) < 0);
        for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
            seen += strcmp(regs[i].id, ids[k]) == 0;
        if (strcmp(regs[i].id, "UP-LKO-A") == 0)
            assert_int_equal(regs[i].approved_month, 2019 * 12 + 5);
    }
    assert_int_equal(seen, sizeof ids / sizeof ids[0]);
    mem_free(regs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cluster_round_trip), cmocka_unit_test(test_cluster_outcomes),
        cmocka_unit_test(test_members),            cmocka_unit_test(test_usage),
        cmocka_unit_test(test_member_needs_cluster), cmocka_unit_test(test_quarantine_clear),
        cmocka_unit_test(test_registered_strcmp_order),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
