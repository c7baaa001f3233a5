/* Fuzz the strict JSON body reader every JSON route shares
 * (web/json_body.c): any bytes. A body it accepts is JSON without
 * repeated keys that writes out and reads back equal; an object is then
 * checked against a field list, which refuses exactly the bodies holding
 * a field not on it; every refusal has a message that fits its buffer. */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/json_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_fields(const json_t *root)
{
    static const char *const known[] = {"amount", "invoice_date", "payments", "on"};
    const size_t n_known = sizeof known / sizeof known[0];
    char msg[96];
    const char *key;
    json_t *v;
    bool unknown = false;

    json_object_foreach((json_t *)root, key, v) {
        bool found = false;
        for (size_t i = 0; i < n_known; i++)
            found |= strcmp(key, known[i]) == 0;
        unknown |= !found;
    }
    msg[0] = '\0';
    if ((json_body_check(root, known, n_known, msg, sizeof msg) != 0) != unknown)
        abort();
    if (unknown && (msg[0] == '\0' || strlen(msg) >= sizeof msg))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char msg[160];
    json_t *root, *again, *obj;
    char *text;

    msg[0] = '\0';
    root = json_body_load((const char *)data, size, msg, sizeof msg);
    obj = json_body_load_object((const char *)data, size, msg, sizeof msg);
    if (root == NULL) {
        if (obj != NULL || msg[0] == '\0' || strlen(msg) >= sizeof msg)
            abort();
        return 0;
    }
    if ((obj != NULL) != json_is_object(root))
        abort();
    text = json_dumps(root, JSON_ENCODE_ANY | JSON_COMPACT);
    again = text ? json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL) : NULL;
    if (text == NULL || again == NULL || !json_equal(root, again))
        abort();
    if (obj != NULL)
        check_fields(obj);
    free(text);
    json_decref(again);
    json_decref(obj);
    json_decref(root);
    return 0;
}
