/* Scheme search: text normalisation and word splitting, the synonym
 * table, the query builder (quoting, prefix, stop words, limits), and the
 * index over the built-in catalogue (Hindi, synonyms, spelling fallback,
 * names first, threads). Only schemes the catalogue has had from the start
 * are named (pmmy, pmegp, cgtmse), so these hold as scheme files are added. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "rules/catalog.h"
#include "rules/scheme_json.h"
#include "rules/search.h"
#include "rules/search_query.h"
#include "rules/search_text.h"
#include "rules/synonyms.h"

/* --- text ----------------------------------------------------------------- */

static void test_nfc(void **state)
{
    /* क़ as one code point (U+0958) and as क + nukta: one NFC form */
    const char composed[] = "\xe0\xa5\x98", decomposed[] = "\xe0\xa4\x95\xe0\xa4\xbc";
    struct buf a = BUF_INIT, b = BUF_INIT;
    struct err e;

    (void)state;
    assert_int_equal(search_text_nfc(&a, composed, strlen(composed), &e), 0);
    assert_int_equal(search_text_nfc(&b, decomposed, strlen(decomposed), &e), 0);
    assert_string_equal(buf_cstr(&a), buf_cstr(&b));
    buf_reset(&a);
    assert_int_equal(search_text_nfc(&a, "e\xcc\x81", 3, &e), 0); /* e + acute → é */
    assert_string_equal(buf_cstr(&a), "\xc3\xa9");
    assert_int_equal(search_text_nfc(&a, "ab\xff", 3, &e), -1);
    assert_non_null(strstr(e.msg, "UTF-8"));
    buf_release(&a);
    buf_release(&b);
}

static void test_words(void **state)
{
    const char *s = "प्रधानमंत्री मुद्रा-योजना (PMMY), CGTMSE's 2nd_loan";
    const char *want[] = {"प्रधानमंत्री", "मुद्रा", "योजना", "pmmy", "cgtmse", "s", "2nd", "loan"};
    char word[SEARCH_WORD_MAX];
    size_t pos = 0, n = 0;
    int len;

    (void)state;
    /* matras and virama (M*) stay inside the word; punctuation splits */
    while ((len = search_text_word(s, strlen(s), &pos, word, sizeof word)) > 0) {
        assert_true(n < sizeof want / sizeof want[0]);
        assert_string_equal(word, want[n++]);
    }
    assert_int_equal(len, 0);
    assert_int_equal(n, sizeof want / sizeof want[0]);
    pos = 0;
    assert_int_equal(search_text_word("abcdef", 6, &pos, word, 4), -1); /* does not fit */
    assert_true(search_text_has_devanagari("loan ऋण", strlen("loan ऋण")));
    assert_false(search_text_has_devanagari("loan", 4));
}

static void test_distance(void **state)
{
    (void)state;
    assert_int_equal(search_text_distance("mudra", "mudra", 2), 0);
    assert_int_equal(search_text_distance("mudar", "mudra", 2), 1);    /* a swap is one */
    assert_int_equal(search_text_distance("cgtmes", "cgtmse", 2), 1);
    assert_int_equal(search_text_distance("laon", "loan", 1), 1);
    assert_int_equal(search_text_distance("subsidey", "subsidy", 2), 1);
    assert_int_equal(search_text_distance("kitten", "sitting", 5), 3);
    assert_int_equal(search_text_distance("kitten", "sitting", 2), 3); /* max + 1 */
    assert_int_equal(search_text_distance("मुदरा", "मुद्रा", 1), 1);  /* by code point */
    assert_int_equal(search_text_distance("", "abc", 3), 3);
    assert_int_equal(search_text_distance("a", "abcdef", 2), 3);       /* lengths too far apart */
}

/* --- synonyms --------------------------------------------------------------- */

static void test_synonyms_builtin(void **state)
{
    struct synonyms *s;
    struct err e;
    int loan;

    (void)state;
    assert_int_equal(synonyms_load(&s, &e), 0);
    assert_true(synonyms_group_count(s) >= 15);
    loan = synonyms_group(s, "loan");
    assert_true(loan >= 0);
    /* Hindi, romanised Hindi and English in one group; both Unicode forms of क़र्ज़ */
    assert_int_equal(synonyms_group(s, "credit"), loan);
    assert_int_equal(synonyms_group(s, "ऋण"), loan);
    assert_int_equal(synonyms_group(s, "karz"), loan);
    assert_int_equal(synonyms_group(s, "कर्ज"), loan);
    assert_int_equal(synonyms_group(s, "\xe0\xa4\x95\xe0\xa4\xbc\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\x9c\xe0\xa4\xbc"), loan);
    assert_int_equal(synonyms_group(s, "सब्सिडी"), synonyms_group(s, "subsidy"));
    assert_int_equal(synonyms_group(s, "अनुदान"), synonyms_group(s, "subsidy"));
    assert_int_equal(synonyms_group(s, "कौशल"), synonyms_group(s, "training"));
    assert_int_equal(synonyms_group(s, "निर्यात"), synonyms_group(s, "export"));
    assert_int_equal(synonyms_group(s, "mahila"), synonyms_group(s, "women"));
    assert_int_equal(synonyms_group(s, "nonexistentword"), -1);
    assert_true(synonyms_is_stopword(s, "for"));
    assert_true(synonyms_is_stopword(s, "के"));
    assert_false(synonyms_is_stopword(s, "loan"));
    synonyms_free(s);
}

static void test_synonyms_errors(void **state)
{
    static const char two_groups[] = "term,group\nloan,loan\nLoan,credit\n";
    static const char bad_group[] = "term,group\nloan,Loan Group\n";
    static const char no_header[] = "word,set\nloan,loan\n";
    static const char no_letters[] = "term,group\n--,loan\n";
    static const char repeat[] = "term,group\nloan,loan\nLOAN,loan\ncredit,loan\n";
    struct synonyms *s;
    struct err e;
    size_t n;

    (void)state;
    assert_int_equal(synonyms_load_text("t.csv", two_groups, strlen(two_groups), &s, &e), -1);
    assert_non_null(strstr(e.msg, "two groups"));
    assert_true(strncmp(e.msg, "t.csv: ", 7) == 0);   /* names the file, as every refusal */
    assert_int_equal(synonyms_load_text("t.csv", bad_group, strlen(bad_group), &s, &e), -1);
    assert_non_null(strstr(e.msg, "t.csv:2:"));
    assert_int_equal(synonyms_load_text("t.csv", no_header, strlen(no_header), &s, &e), -1);
    assert_int_equal(synonyms_load_text("t.csv", no_letters, strlen(no_letters), &s, &e), -1);
    /* the same term twice in one group is one term */
    assert_int_equal(synonyms_load_text("t.csv", repeat, strlen(repeat), &s, &e), 0);
    synonyms_terms(s, synonyms_group(s, "loan"), &n);
    assert_int_equal(n, 2);
    synonyms_free(s);
}

/* --- queries ------------------------------------------------------------------ */

static struct synonyms *syn;

static int setup_synonyms(void **state)
{
    struct err e;

    (void)state;
    return synonyms_load(&syn, &e);
}

static int teardown_synonyms(void **state)
{
    (void)state;
    synonyms_free(syn);
    return 0;
}

static int parse(const char *text, struct search_query *q, struct err *e)
{
    return search_query_parse(syn, text, strlen(text), q, e);
}

static void test_query_errors(void **state)
{
    char long_text[SEARCH_QUERY_MAX + 2];
    struct search_query q;
    struct err e;

    (void)state;
    search_query_init(&q);
    assert_int_equal(parse("", &q, &e), -1);
    assert_non_null(strstr(e.msg, "empty"));
    assert_int_equal(parse("  !!! -- ...", &q, &e), -1);
    assert_non_null(strstr(e.msg, "no letters"));
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_int_equal(parse(long_text, &q, &e), -1);
    assert_non_null(strstr(e.msg, "longer than"));
    long_text[SEARCH_QUERY_MAX] = '\0';
    assert_int_equal(parse(long_text, &q, &e), 0); /* exactly the limit */
    assert_int_equal(parse("a1 b2 c3 d4 e5 f6 g7 h8 j9 k10 l11 m12 n13", &q, &e), -1);
    assert_non_null(strstr(e.msg, "more than"));
    assert_int_equal(parse("bad \xc3\x28 utf8", &q, &e), -1);
    assert_non_null(strstr(e.msg, "UTF-8"));
    search_query_release(&q);
}

static void test_query_quoting(void **state)
{
    struct search_query q;
    struct err e;

    (void)state;
    search_query_init(&q);
    /* every operator a user could type becomes a quoted word or vanishes
     * (and, or: stop words) */
    assert_int_equal(parse("\"AND( NEAR/3 x* {name}: ^y OR NOT", &q, &e), 0);
    assert_string_equal(buf_cstr(&q.match),
                        "(\"near\") AND (\"3\") AND (\"x\") AND (\"name\") AND (\"y\") AND (\"not\"*)");
    /* stop words dropped; the last word typed is a prefix */
    assert_int_equal(parse("scheme for artisn", &q, &e), 0);
    assert_string_equal(buf_cstr(&q.match), "(\"scheme\") AND (\"artisn\"*)");
    assert_true(q.words[1].prefix);
    /* ... but not when the text ends after it */
    assert_int_equal(parse("mudr ", &q, &e), 0);
    assert_false(q.words[0].prefix);
    assert_string_equal(buf_cstr(&q.match), "(\"mudr\")");
    /* only stop words: they are the query */
    assert_int_equal(parse("for the", &q, &e), 0);
    assert_int_equal(q.n_words, 2);
    search_query_release(&q);
}

static void test_query_synonyms(void **state)
{
    struct search_query q;
    struct err e;

    (void)state;
    search_query_init(&q);
    assert_int_equal(parse("Loan ", &q, &e), 0);
    assert_non_null(strstr(buf_cstr(&q.match), "\"credit\""));
    assert_non_null(strstr(buf_cstr(&q.match), "\"ऋण\""));
    assert_non_null(strstr(buf_cstr(&q.match), "\"karz\""));
    assert_int_equal(parse("महिला ऋण", &q, &e), 0);
    assert_true(q.devanagari);
    assert_non_null(strstr(buf_cstr(&q.match), "\"women\""));
    assert_non_null(strstr(buf_cstr(&q.match), ") AND ("));
    search_query_release(&q);
}

static void test_trigrams(void **state)
{
    char t[8][SEARCH_TRIGRAM_MAX];

    (void)state;
    assert_int_equal(search_query_trigrams("cgtmes", t, 8), 4);
    assert_string_equal(t[0], "\"cgt\"");
    assert_string_equal(t[3], "\"mes\"");
    assert_int_equal(search_query_trigrams("aaaa", t, 8), 1); /* each once */
    assert_int_equal(search_query_trigrams("ab", t, 8), 0);
    assert_int_equal(search_query_trigrams("मुद्रा", t, 8), 4); /* by code point */
}

static void test_query_allocation_failures(void **state)
{
    struct search_query q;
    struct err e;

    (void)state;
    search_query_init(&q);
    for (long n = 1; n < 200; n++) {
        mem_fail_after(n);
        parse("महिला loan for training mudr", &q, &e);
        mem_fail_after(0);
        search_query_release(&q);
    }
}

/* --- the index over the built-in catalogue ----------------------------------- */

struct fixture {
    struct catalog *catalog;
    struct search_index *index;
};

static int setup_index(void **state)
{
    static struct fixture fx;
    struct err e;

    if (catalog_load(NULL, &fx.catalog, &e) != 0) {
        fprintf(stderr, "catalogue: %s\n", e.msg);
        return -1;
    }
    if (search_index_new(fx.catalog, 4, &fx.index, &e) != 0) {
        fprintf(stderr, "index: %s\n", e.msg);
        catalog_free(fx.catalog);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int teardown_index(void **state)
{
    struct fixture *fx = *state;

    search_index_free(fx->index);
    catalog_free(fx->catalog);
    return 0;
}

/* Run text; the results are in *r (allocated by the caller). */
static void run(struct fixture *fx, const char *text, struct search_results *r)
{
    struct search_query q;
    struct err e;

    search_query_init(&q);
    assert_int_equal(search_query_parse(search_index_synonyms(fx->index), text, strlen(text), &q, &e), 0);
    assert_int_equal(search_index_run(fx->index, &q, SEARCH_MAX_RESULTS, r, &e), 0);
    search_query_release(&q);
}

static int rank_of(const struct search_results *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->hits[i].scheme->id, id) == 0)
            return (int)i;
    return -1;
}

static void test_hindi(void **state)
{
    struct search_results *r = mem_calloc(1, sizeof *r);

    run(*state, "मुद्रा", r);
    assert_int_equal(r->match, SEARCH_EXACT);
    assert_int_equal(rank_of(r, "pmmy"), 0);
    assert_int_equal(r->hits[0].where, SEARCH_IN_NAME);
    assert_non_null(strstr(r->hits[0].snippet, "[मुद्रा]"));
    /* the full Hindi name, with क़-style variants normalised, finds it too */
    run(*state, "प्रधानमंत्री मुद्रा योजना", r);
    assert_int_equal(rank_of(r, "pmmy"), 0);
    mem_free(r);
}

static void test_synonym_search(void **state)
{
    static const char *const queries[] = {"loan", "loans", "ऋण", "karz", "कर्ज़"};
    struct search_results *r = mem_calloc(1, sizeof *r);

    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        run(*state, queries[i], r);
        assert_int_equal(r->match, SEARCH_EXACT);
        assert_true(rank_of(r, "pmmy") >= 0);
        assert_true(rank_of(r, "pmegp") >= 0);
        assert_true(rank_of(r, "cgtmse") >= 0);
    }
    mem_free(r);
}

static void test_misspellings(void **state)
{
    static const struct {
        const char *typed, *want, *fix;
    } cases[] = {
        {"cgtmes", "cgtmse", "cgtmse"},  /* swapped letters */
        {"cgtmsee", "cgtmse", "cgtmse"}, /* one letter too many */
        {"mudar", "pmmy", "mudra"},
        {"मुदरा", "pmmy", "मुद्रा"},     /* a virama left out */
    };
    struct search_results *r = mem_calloc(1, sizeof *r);

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(*state, cases[i].typed, r);
        assert_int_equal(r->match, SEARCH_FUZZY);
        assert_int_equal(rank_of(r, cases[i].want), 0);
        assert_int_equal(r->n_fixes, 1);
        assert_string_equal(r->fixes[0].terms[0], cases[i].fix);
    }
    /* the word being typed is a prefix, not a misspelling */
    run(*state, "mudr", r);
    assert_int_equal(r->match, SEARCH_EXACT);
    assert_int_equal(rank_of(r, "pmmy"), 0);
    /* a word no scheme has is left out when others remain */
    run(*state, "mudra qqqzzzxx", r);
    assert_int_equal(r->match, SEARCH_FUZZY);
    assert_int_equal(rank_of(r, "pmmy"), 0);
    assert_false(r->dropped[0]);
    assert_true(r->dropped[1]);
    /* and nothing is found when nothing remains */
    run(*state, "qqqzzzxx", r);
    assert_int_equal(r->match, SEARCH_NONE);
    assert_int_equal(r->n, 0);
    mem_free(r);
}

static void test_names_first(void **state)
{
    static const char *const queries[] = {"guarantee", "mudra", "credit", "training", "export",
                                          "subsidy", "women", "योजना", "loan"};
    struct search_results *r = mem_calloc(1, sizeof *r);

    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        run(*state, queries[i], r);
        assert_true(r->n > 0);
        for (size_t k = 1; k < r->n; k++)
            assert_true(r->hits[k - 1].where <= r->hits[k].where);
    }
    run(*state, "guarantee", r);
    assert_int_equal(r->hits[0].where, SEARCH_IN_NAME);
    assert_non_null(strstr(r->hits[0].scheme->name, "Guarantee"));
    mem_free(r);
}

static void test_limit_and_json(void **state)
{
    struct fixture *fx = *state;
    struct search_results *r = mem_calloc(1, sizeof *r);
    struct search_query q;
    struct err e;
    json_t *j;

    search_query_init(&q);
    assert_int_equal(search_query_parse(search_index_synonyms(fx->index), "cgtmes", 6, &q, &e), 0);
    assert_int_equal(search_index_run(fx->index, &q, 1, r, &e), 0);
    assert_int_equal(r->n, 1);
    j = search_results_json("cgtmes", &q, r);
    assert_string_equal(json_string_value(json_object_get(j, "match")), "fuzzy");
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "results"), 0), "id")),
                        "cgtmse");
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "similar"), 0), "word")),
                        "cgtmes");
    json_decref(j);
    search_query_release(&q);
    mem_free(r);
}

/* Eight threads on an index of four connections: each search borrows a
 * connection of its own and gets the same answer. */
static void *search_thread(void *arg)
{
    struct fixture *fx = arg;
    struct search_results *r = mem_calloc(1, sizeof *r);
    long bad = 0;

    for (int i = 0; i < 50; i++) {
        struct search_query q;
        struct err e;
        search_query_init(&q);
        if (search_query_parse(search_index_synonyms(fx->index), i % 2 ? "ऋण" : "mudar", i % 2 ? 6 : 5,
                               &q, &e) != 0
            || search_index_run(fx->index, &q, SEARCH_MAX_RESULTS, r, &e) != 0
            || rank_of(r, i % 2 ? "cgtmse" : "pmmy") < 0)
            bad++;
        search_query_release(&q);
    }
    mem_free(r);
    return (void *)bad;
}

static void test_threads(void **state)
{
    pthread_t t[8];

    for (int i = 0; i < 8; i++)
        assert_int_equal(pthread_create(&t[i], NULL, search_thread, *state), 0);
    for (int i = 0; i < 8; i++) {
        void *bad;
        pthread_join(t[i], &bad);
        assert_int_equal((long)bad, 0);
    }
}

static void test_scheme_json(void **state)
{
    struct fixture *fx = *state;
    const struct scheme *s = catalog_find(fx->catalog, "pmmy");
    json_t *sum, *det;

    assert_non_null(s);
    sum = scheme_summary_json(s);
    det = scheme_detail_json(&fx->catalog->vocab, s);
    assert_string_equal(json_string_value(json_object_get(sum, "id")), "pmmy");
    assert_true(json_is_array(json_object_get(sum, "sources")));
    assert_true(json_is_array(json_object_get(sum, "sources_read")));
    assert_null(json_object_get(sum, "criteria"));
    /* the detail is the summary and more */
    assert_true(json_array_size(json_object_get(det, "criteria")) == s->n_criteria);
    assert_true(json_array_size(json_object_get(det, "document_details")) == s->n_documents);
    assert_true(json_equal(json_object_get(sum, "sources"), json_object_get(det, "sources")));
    json_decref(sum);
    json_decref(det);
}

int main(void)
{
    const struct CMUnitTest text[] = {
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_synonyms_builtin),
        cmocka_unit_test(test_synonyms_errors),
    };
    const struct CMUnitTest queries[] = {
        cmocka_unit_test(test_query_errors),
        cmocka_unit_test(test_query_quoting),
        cmocka_unit_test(test_query_synonyms),
        cmocka_unit_test(test_trigrams),
        cmocka_unit_test(test_query_allocation_failures),
    };
    const struct CMUnitTest index[] = {
        cmocka_unit_test(test_hindi),
        cmocka_unit_test(test_synonym_search),
        cmocka_unit_test(test_misspellings),
        cmocka_unit_test(test_names_first),
        cmocka_unit_test(test_limit_and_json),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_scheme_json),
    };
    int failed = cmocka_run_group_tests_name("search text", text, NULL, NULL);

    failed += cmocka_run_group_tests_name("search queries", queries, setup_synonyms, teardown_synonyms);
    failed += cmocka_run_group_tests_name("search index", index, setup_index, teardown_index);
    return failed;
}
