/* Fuzz the scheme search's query builder: whatever a person types, the
 * FTS5 expressions built from it must parse. Each accepted input runs
 * against a real index (a small catalogue made here, so the target does
 * not change as scheme files do), where an FTS5 syntax error would make
 * search_index_run fail; and each word is also built with the others as
 * extra terms (the spelling path) and run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "rules/catalog.h"
#include "rules/search.h"
#include "rules/search_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *groups_a[] = {"micro", "women"};
static const char *groups_b[] = {"artisans", "traditional"};

static struct scheme schemes[] = {
    {.id = "pmmy", .name = "Pradhan Mantri MUDRA Yojana (PMMY)",
     .name_hi = "प्रधानमंत्री मुद्रा योजना (पीएमएमवाई)",
     .summary = "Collateral-free loans for micro businesses.",
     .summary_hi = "सूक्ष्म व्यवसायों को बिना गिरवी ऋण।", .ministry = "Ministry of Finance",
     .agency = "MUDRA", .objectives = 1u << OBJ_CREDIT, .target_groups = groups_a,
     .n_target_groups = 2},
    {.id = "pm_vishwakarma", .name = "PM Vishwakarma", .name_hi = "पीएम विश्वकर्मा",
     .summary = "Training, toolkits and credit for artisans.",
     .summary_hi = "कारीगरों को प्रशिक्षण, टूलकिट और ऋण।", .ministry = "Ministry of MSME",
     .agency = "DC-MSME", .objectives = 1u << OBJ_SKILLING, .target_groups = groups_b,
     .n_target_groups = 2},
};

/* Built once per process: libFuzzer calls the target millions of times. */
static struct search_index *fuzz_index(void)
{
    static struct catalog c = {.schemes = schemes, .n = sizeof schemes / sizeof schemes[0]};
    static struct search_index *ix;
    struct err e;

    if (ix == NULL && search_index_new(&c, 1, &ix, &e) != 0)
        abort();
    return ix;
}

/* Every word with all the others as extra terms, ANDed, then run. */
static void run_with_extras(struct search_index *ix, const struct search_query *q)
{
    const char *also[SEARCH_MAX_WORDS];
    struct search_query x;
    struct search_results *r = mem_calloc(1, sizeof *r);
    struct err e;

    if (r == NULL)
        abort();
    x = *q;
    x.match.data = NULL;
    x.match.len = x.match.cap = 0;
    for (size_t i = 0; i < q->n_words; i++)
        also[i] = q->words[i].text;
    for (size_t i = 0; i < q->n_words; i++)
        if ((i && buf_puts(&x.match, " AND ") != 0)
            || search_query_put_word(&x.match, search_index_synonyms(ix), &q->words[i], also,
                                     q->n_words < SEARCH_FIXES_PER_WORD ? q->n_words
                                                                        : SEARCH_FIXES_PER_WORD) != 0)
            abort();
    if (search_index_run(ix, &x, 5, r, &e) != 0)
        abort();
    buf_release(&x.match);
    mem_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct search_index *ix = fuzz_index();
    struct search_results *r;
    struct search_query q;
    struct err e;
    json_t *j;

    search_query_init(&q);
    if (search_query_parse(search_index_synonyms(ix), (const char *)data, size, &q, &e) != 0) {
        if (e.msg[0] == '\0' || q.n_words != 0 || q.match.len != 0)
            abort();
        return 0;
    }
    if (q.n_words == 0 || q.n_words > SEARCH_MAX_WORDS || q.match.len == 0)
        abort();
    r = mem_calloc(1, sizeof *r);
    if (r == NULL || search_index_run(ix, &q, SEARCH_MAX_RESULTS, r, &e) != 0)
        abort();
    if (r->n > SEARCH_MAX_RESULTS || (r->n > 0) != (r->match != SEARCH_NONE))
        abort();
    j = search_results_json("q", &q, r);
    if (j == NULL)
        abort();
    json_decref(j);
    run_with_extras(ix, &q);
    mem_free(r);
    search_query_release(&q);
    return 0;
}
