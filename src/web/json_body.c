/* json_body.c: strict JSON request bodies (json_body.h). */
#include "web/json_body.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"

static bool is_known(const char *key, const char *const *known, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, known[i]) == 0)
            return true;
    return false;
}

static void unknown_field(const char *key, const char *const *known, size_t n, char *msg,
                          size_t cap)
{
    struct buf b = BUF_INIT;
    int bad = buf_printf(&b, "unknown field '%.64s' (expected ", key);

    for (size_t i = 0; bad == 0 && i < n; i++)
        bad = buf_printf(&b, "%s%s", i ? ", " : "", known[i]);
    if (bad == 0)
        bad = buf_puts(&b, ")");
    snprintf(msg, cap, "%s", bad == 0 ? b.data : "unknown field");
    buf_release(&b);
}

int json_body_check(const json_t *root, const char *const *known, size_t n_known, char *msg,
                    size_t cap)
{
    const char *key;
    json_t *v;

    if (!json_is_object(root)) {
        snprintf(msg, cap, "the body must be a JSON object");
        return -1;
    }
    json_object_foreach((json_t *)root, key, v) {
        if (!is_known(key, known, n_known)) {
            unknown_field(key, known, n_known, msg, cap);
            return -1;
        }
    }
    return 0;
}

json_t *json_body_load(const char *body, size_t len, char *msg, size_t cap)
{
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);

    if (root == NULL)
        snprintf(msg, cap, "invalid JSON at line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
    return root;
}

json_t *json_body_load_object(const char *body, size_t len, char *msg, size_t cap)
{
    json_t *root = json_body_load(body, len, msg, cap);

    if (root != NULL && !json_is_object(root)) {
        json_decref(root);
        snprintf(msg, cap, "the body must be a JSON object");
        return NULL;
    }
    return root;
}
