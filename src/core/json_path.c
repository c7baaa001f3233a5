#include "core/json_path.h"

#include <string.h>

/* Copy the next path segment; NULL when it does not fit. */
static const char *segment(const char *path, size_t n, char key[64])
{
    if (n >= 64)
        return NULL;
    memcpy(key, path, n);
    key[n] = '\0';
    return key;
}

int json_path_set(json_t *root, const char *path, json_t *value)
{
    char key[64];
    const char *dot;
    json_t *obj = root;

    while ((dot = strchr(path, '.')) != NULL) {
        json_t *next;
        if (segment(path, (size_t)(dot - path), key) == NULL) {
            json_decref(value);
            return -1;
        }
        next = json_object_get(obj, key);
        if (!json_is_object(next)) {
            next = json_object();
            if (next == NULL || json_object_set_new(obj, key, next) != 0) {
                json_decref(value);
                return -1;
            }
        }
        obj = next;
        path = dot + 1;
    }
    return json_object_set_new(obj, path, value);
}

json_t *json_path_get(json_t *root, const char *path)
{
    char key[64];
    const char *dot;

    while (root != NULL && (dot = strchr(path, '.')) != NULL) {
        if (segment(path, (size_t)(dot - path), key) == NULL)
            return NULL;
        root = json_object_get(root, key);
        path = dot + 1;
    }
    return root == NULL ? NULL : json_object_get(root, path);
}
