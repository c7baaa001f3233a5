/* Fuzz the date parser: a date that parses formats back to the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int32_t d;
    char text[DATE_STR_LEN];

    if (date_parse((const char *)data, size, &d, NULL) != 0)
        return 0;
    date_format(d, text);
    if (size != 10 || memcmp(text, data, 10) != 0)
        abort();
    if (date_add_months(d, 1) <= d || date_fy_quarter(d) < 1 || date_fy_quarter(d) > 4)
        abort();
    return 0;
}
