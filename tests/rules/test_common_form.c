/* The common application form: the chosen schemes' fields and documents,
 * each once, each with the schemes that ask for it, over the real
 * catalogue. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "rules/catalog.h"
#include "rules/common_form.h"

static int setup(void **state)
{
    struct catalog *c;
    struct err e;

    if (catalog_load(NULL, &c, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    catalog_free(*state);
    return 0;
}

/* Whether scheme s asks for id among its fields (docs false) or documents. */
static int asks(const struct scheme *s, const char *id, int docs)
{
    const char **list = docs ? s->documents : s->fields;
    size_t n = docs ? s->n_documents : s->n_fields;
    for (size_t k = 0; k < n; k++)
        if (strcmp(list[k], id) == 0)
            return 1;
    return 0;
}

/* Every item once; its scheme bits exactly the schemes that ask for it;
 * every id each scheme asks for present. */
static void check_form(const struct common_form *f, const struct scheme *const *s, size_t n)
{
    size_t total = 0;

    for (int docs = 0; docs < 2; docs++) {
        const struct common_item *items = docs ? f->documents : f->fields;
        size_t m = docs ? f->n_documents : f->n_fields;
        for (size_t i = 0; i < m; i++) {
            for (size_t j = i + 1; j < m; j++)
                assert_ptr_not_equal(items[i].entry, items[j].entry);
            for (size_t k = 0; k < n; k++)
                assert_int_equal(!!(items[i].schemes & ((uint64_t)1 << k)), asks(s[k], items[i].entry->id, docs));
        }
        for (size_t k = 0; k < n; k++) {
            const char **list = docs ? s[k]->documents : s[k]->fields;
            size_t c = docs ? s[k]->n_documents : s[k]->n_fields;
            total += c;
            for (size_t q = 0; q < c; q++) {
                size_t found = 0;
                for (size_t i = 0; i < m; i++)
                    found += strcmp(items[i].entry->id, list[q]) == 0;
                assert_int_equal(found, 1);
            }
        }
    }
    assert_int_equal(f->asked_separately, total);
}

static void test_two_credit_schemes_share_documents(void **state)
{
    const struct catalog *c = *state;
    const struct scheme *s[2] = {catalog_find(c, "pmegp"), catalog_find(c, "cgtmse")};
    struct common_form f;
    struct err e;

    assert_non_null(s[0]);
    assert_non_null(s[1]);
    assert_int_equal(common_form_build(&c->vocab, s, 2, &f, &e), 0);
    check_form(&f, s, 2);
    /* Both want the Aadhaar and the project's papers: the merged form asks less. */
    assert_true(f.n_fields + f.n_documents < f.asked_separately);
}

static void test_whole_catalogue(void **state)
{
    const struct catalog *c = *state;
    const struct scheme *s[COMMON_FORM_MAX_SCHEMES];
    struct common_form f;
    struct err e;

    assert_true(c->n <= COMMON_FORM_MAX_SCHEMES);
    for (size_t i = 0; i < c->n; i++)
        s[i] = &c->schemes[i];
    assert_int_equal(common_form_build(&c->vocab, s, c->n, &f, &e), 0);
    check_form(&f, s, c->n);
}

static void test_nothing_chosen_and_too_many(void **state)
{
    const struct catalog *c = *state;
    const struct scheme *s[COMMON_FORM_MAX_SCHEMES + 1];
    struct common_form f;
    struct err e;

    for (size_t i = 0; i <= COMMON_FORM_MAX_SCHEMES; i++)
        s[i] = &c->schemes[0];
    assert_int_equal(common_form_build(&c->vocab, s, 0, &f, &e), 0);
    assert_int_equal(f.n_fields + f.n_documents + f.asked_separately, 0);
    f.n_fields = 99;
    assert_int_equal(common_form_build(&c->vocab, s, COMMON_FORM_MAX_SCHEMES + 1, &f, &e), -1);
    assert_int_equal(f.n_fields, 99);   /* unchanged on failure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_credit_schemes_share_documents),
        cmocka_unit_test(test_whole_catalogue),
        cmocka_unit_test(test_nothing_chosen_and_too_many),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
