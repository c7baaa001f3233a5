/* Fuzz the reading of what people type into the profile form (and the
 * scheme finder's short form): every editable field, any bytes. A value
 * accepted must be one the profile reader accepts, and must read back the
 * same through the profile's JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/profile_view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[512], msg[128];
    size_t n;
    const enum profile_field *fields = profile_view_editable(&n);

    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (strlen(text) != size)
        return 0; /* a form field cannot hold a NUL (form.c refuses it) */
    for (size_t i = 0; i < n; i++) {
        char *dumped;
        json_t *again, *v;
        msg[0] = '\0';
        v = profile_view_parse_input(fields[i], text, msg, sizeof msg);
        if (v == NULL) {
            if (msg[0] == '\0')
                abort(); /* a refusal always says why */
            continue;
        }
        dumped = json_dumps(v, JSON_ENCODE_ANY);
        again = dumped ? json_loads(dumped, JSON_DECODE_ANY, NULL) : NULL;
        if (again == NULL || !json_equal(v, again))
            abort();
        free(dumped);
        json_decref(again);
        json_decref(v);
    }
    return 0;
}
