/* Fuzz the obligation file parser (calendar/obligation.c): any bytes as
 * obligations/fuzz.yaml. A file either loads with every rule consistent
 * and every due date computable, or fails with an error that names the
 * file; never a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/obligation.h"
#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct err e;
    struct obligation_set *set = obligation_set_new(&e);
    int32_t start;

    if (set == NULL)
        abort();
    if (obligation_set_add(set, "obligations/fuzz.yaml", (const char *)data, size, &e) != 0) {
        if (strstr(e.msg, "fuzz.yaml") == NULL && strcmp(e.msg, "out of memory") != 0)
            abort(); /* every error names the file */
        obligation_set_free(set);
        return 0;
    }
    if (set->n != 1 || set->o[0].n_rules < 1 || set->o[0].n_rules > OBLIGATION_RULES_MAX)
        abort();
    date_from_ymd(2025, 4, 1, &start);
    for (int k = 0; k < set->o[0].n_rules; k++) {
        const struct obligation_rule *r = &set->o[0].rule[k];
        int32_t due = obligation_rule_due(r, start);
        char label[16];
        if (r->applies == NULL || due < start)
            abort();
        obligation_period_label(r->every, start, r->instalment, label);
    }
    obligation_set_free(set);
    return 0;
}
