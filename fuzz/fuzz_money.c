/* Fuzz the money parser: anything in, either an error or an amount that
 * formats and parses back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t paise, again;
    char text[MONEY_STR_MAX];
    struct err e;

    if (money_parse((const char *)data, size, true, &paise, &e) != 0)
        return 0;
    if (paise > MONEY_INPUT_MAX || paise < -MONEY_INPUT_MAX)
        abort();
    money_format(paise, text);
    if (money_parse(text, strlen(text), true, &again, &e) != 0 || again != paise)
        abort();
    money_format_inr(paise, text);
    if (money_parse(text, strlen(text), true, &again, &e) != 0 || again != paise)
        abort();
    return 0;
}
