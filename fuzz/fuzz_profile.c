/* Fuzz the profile JSON reader: any bytes; a profile that parses must
 * write out and parse back to the same JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct profile p, q;
    struct profile_issues is = {0};
    struct err e;
    json_t *a, *b;
    char *text;

    profile_init(&p);
    profile_init(&q);
    if (profile_parse((const char *)data, size, &p, &is, &e) == 0) {
        a = profile_to_json(&p);
        text = json_dumps(a, 0);
        if (text == NULL || profile_parse(text, strlen(text), &q, &is, &e) != 0)
            abort();
        b = profile_to_json(&q);
        if (!json_equal(a, b))
            abort();
        json_decref(a);
        json_decref(b);
        free(text);
    }
    profile_clear(&p);
    profile_clear(&q);
    profile_issues_free(&is);
    return 0;
}
