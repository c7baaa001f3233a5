/* Fuzz the Bank Rate table parser (calendar/bank_rate.c): any bytes as
 * data/bank_rate.csv. A table it accepts has strictly increasing dates and
 * positive rates, and answers every date from its first row on; a refusal
 * says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/bank_rate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bank_rates *t = NULL;
    struct err e;
    int bp;

    e.msg[0] = '\0';
    if (bank_rates_parse((const char *)data, size, "fuzz.csv", &t, &e) != 0) {
        if (e.msg[0] == '\0' || t != NULL)
            abort();
        return 0;
    }
    if (t == NULL || t->n == 0)
        abort();
    for (size_t i = 0; i < t->n; i++) {
        if (t->rows[i].bank_bp <= 0 || (i > 0 && t->rows[i].from <= t->rows[i - 1].from))
            abort();
        if (bank_rate_on(t, t->rows[i].from, &bp, &e) != 0 || bp != t->rows[i].bank_bp)
            abort();
    }
    if (bank_rate_on(t, t->rows[0].from - 1, &bp, &e) == 0)
        abort();
    bank_rates_free(t);
    return 0;
}
