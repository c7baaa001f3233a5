/* Fuzz the search synonyms parser (rules/synonyms.c): any bytes as
 * data/search_synonyms.csv. A table it accepts has every term normalised
 * (no upper-case ASCII, no double or edge spaces, within the length
 * limit) and in one group, found again by synonyms_group; a refusal names
 * the file. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/synonyms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A kept term is normalised and listed among its own group's terms. */
static void check_term(const struct synonyms *s, const char *t)
{
    size_t n = strlen(t), k = 0;
    int g = synonyms_group(s, t);
    const char *const *terms;
    bool listed = false;

    if (n == 0 || n > SYNONYMS_TERM_MAX || t[0] == ' ' || t[n - 1] == ' ' || strstr(t, "  "))
        abort();
    for (const char *c = t; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            abort();
    if (g < 0 || synonyms_is_stopword(s, t))
        abort();
    terms = synonyms_terms(s, g, &k);
    for (size_t i = 0; i < k; i++)
        listed |= strcmp(terms[i], t) == 0;
    if (!listed)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct synonyms *s = NULL;
    struct err e;

    e.msg[0] = '\0';
    if (synonyms_load_text("fuzz.csv", (const char *)data, size, &s, &e) != 0) {
        if (strncmp(e.msg, "fuzz.csv", 8) != 0)
            abort();
        return 0;
    }
    if (synonyms_term_count(s) > SYNONYMS_MAX_TERMS)
        abort();
    for (size_t i = 0; i < synonyms_term_count(s); i++)
        if (synonyms_term(s, i) != NULL)
            check_term(s, synonyms_term(s, i));
    synonyms_free(s);
    return 0;
}
