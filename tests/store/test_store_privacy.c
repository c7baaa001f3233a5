/* Privacy in the store (issue 9; docs/privacy.md): the export's JSON
 * strings (escapes, invalid UTF-8 replaced, Devanagari kept), a whole
 * export on a real SQLite file that parses with every section present, a
 * stored JSON column that is not JSON exported as a string, a sink fault
 * passed on without breaking the next export; correction requests filed,
 * listed by scope (district case-insensitive) and decided once only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "temp_store.h"

#include "core/buf.h"
#include "store/store.h"
#include "store/store_auth.h"
#include "store/store_privacy_correction.h"
#include "store/store_privacy_export.h"
#include "store/store_profile.h"

struct fixture {
    char path[256];
    struct store *s;
    int64_t user, ent;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct auth_user u = {0};
    struct enterprise in = {0};
    struct err e;
    bool created;

    if (f == NULL || temp_store_open("samanvay-test-privacy", f->path, sizeof f->path, &f->s) != 0)
        return -1;
    snprintf(u.username, sizeof u.username, "asha");
    u.role = AUTH_ROLE_ENTREPRENEUR;
    snprintf(in.name, sizeof in.name, "शक्ति \"Textiles\"");
    in.state = 27;
    snprintf(in.district, sizeof in.district, "Pune");
    if (store_user_add(f->s, &u, "$argon2id$secret", &f->user, &created, &e) != 0
        || store_enterprise_register(f->s, &in, f->user, &f->ent, &e) != 0
        || store_user_set_enterprise(f->s, f->user, f->ent, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
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

struct collect {
    struct buf b;
    size_t fail_after;   /* 0: never */
};

static int collect_write(void *ctx, const char *p, size_t n, struct err *e)
{
    struct collect *c = ctx;

    if (c->fail_after > 0 && c->b.len + n > c->fail_after)
        return err_set(e, "sink full");
    return buf_append(&c->b, p, n) == 0 ? 0 : err_set(e, "out of memory");
}

static void escapes_strings(void **state)
{
    struct collect c = {BUF_INIT, 0};
    struct export_sink out = {collect_write, &c};
    struct err e;
    const char in[] = "a\"b\\c\n\x01 \xE0\xA4\xB6 \xFF \xC0\xAF end";

    (void)state;
    assert_int_equal(export_put_string(&out, in, sizeof in - 1, &e), 0);
    assert_string_equal(buf_cstr(&c.b),
                        "\"a\\\"b\\\\c\\u000a\\u0001 \xE0\xA4\xB6 \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD end\"");
    buf_release(&c.b);
}

/* The export as one JSON document: a head, the sections, a tail. */
static json_t *export_doc(struct fixture *f, struct collect *c)
{
    struct export_sink out = {collect_write, c};
    struct err e;
    json_error_t je;
    json_t *doc;

    buf_reset(&c->b);
    if (buf_puts(&c->b, "{\"head\":1") != 0 || store_privacy_export(f->s, f->ent, &out, &e) != 0
        || buf_puts(&c->b, "}") != 0)
        return NULL;
    doc = json_loads(buf_cstr(&c->b), 0, &je);
    if (doc == NULL)
        fprintf(stderr, "%s at %d: %s\n", je.text, je.position, buf_cstr(&c->b));
    return doc;
}

static void exports_every_section(void **state)
{
    struct fixture *f = *state;
    struct collect c = {BUF_INIT, 0};
    struct profile_fact_row fact = {.enterprise_id = f->ent, .user_id = f->user};
    struct err e;
    json_t *doc;

    snprintf(fact.path, sizeof fact.path, "enterprise.turnover");
    snprintf(fact.value, sizeof fact.value, "{not json");
    snprintf(fact.source, sizeof fact.source, "self");
    assert_int_equal(store_profile_fact_add(f->s, &fact, &e), 0);
    assert_non_null(doc = export_doc(f, &c));
    for (size_t i = 0; store_privacy_section(i) != NULL; i++)
        assert_true(json_is_array(json_object_get(doc, store_privacy_section(i))));
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(doc, "enterprise_row"), 0), "name")),
                        "शक्ति \"Textiles\"");
    /* a value column that is not JSON is kept, as a string, under its field's name */
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(doc, "profile_facts"), 0), "value")),
                        "{not json");
    assert_int_equal(json_array_size(json_object_get(doc, "accounts")), 1);
    assert_null(strstr(buf_cstr(&c.b), "argon2"));
    json_decref(doc);

    /* a sink that fails mid-way fails the export, and the next one works */
    c.fail_after = 200;
    buf_reset(&c.b);
    assert_int_equal(store_privacy_export(f->s, f->ent,
                                          &(struct export_sink){collect_write, &c}, &e), -1);
    assert_string_equal(e.msg, "sink full");
    c.fail_after = 0;
    assert_non_null(doc = export_doc(f, &c));
    json_decref(doc);
    buf_release(&c.b);
}

static int count_row(void *ctx, const struct correction_row *r)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

static void corrections_decided_once(void **state)
{
    struct fixture *f = *state;
    struct enterprise ent;
    struct correction_row r = {.user_id = f->user}, got;
    bool found, changed;
    struct err e;
    int n = 0;

    assert_int_equal(store_enterprise_get(f->s, f->ent, &ent, &found, &e), 0);
    snprintf(r.path, sizeof r.path, "enterprise.turnover");
    snprintf(r.value, sizeof r.value, "1500000");
    snprintf(r.reason, sizeof r.reason, "ITR 2024-25");
    assert_int_equal(store_correction_add(f->s, &ent, &r, &e), 0);
    assert_true(r.id > 0);
    assert_int_equal(store_corrections_pending(f->s, "27", "PUNE", count_row, &n, &e), 0);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(store_corrections_pending(f->s, "27", "Mumbai", count_row, &n, &e), 0);
    assert_int_equal(store_corrections_pending(f->s, "29", "", count_row, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_correction_decide(f->s, r.id, CORRECTION_REJECTED, f->user, "no", 0,
                                             &changed, &e), 0);
    assert_true(changed);
    assert_int_equal(store_correction_decide(f->s, r.id, CORRECTION_ACCEPTED, f->user, "", 0,
                                             &changed, &e), 0);
    assert_false(changed);
    assert_int_equal(store_correction_get(f->s, r.id, &got, &found, &e), 0);
    assert_true(found);
    assert_int_equal(got.state, CORRECTION_REJECTED);
    assert_string_equal(got.decision_reason, "no");
    assert_string_equal(got.decider, "asha");
    assert_int_equal(store_corrections_pending(f->s, "", "", count_row, &n, &e), 0);
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_strings),
        cmocka_unit_test_setup_teardown(exports_every_section, setup, teardown),
        cmocka_unit_test_setup_teardown(corrections_decided_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
