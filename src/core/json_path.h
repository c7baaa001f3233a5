/* json_path.h: a profile path ("enterprise.cluster.id") in a JSON object. */
#ifndef SAMANVAY_JSON_PATH_H
#define SAMANVAY_JSON_PATH_H

#include <jansson.h>

/* Set `value` (stolen, also on failure) at a dotted path, creating the
 * objects on the way. Returns 0 or -1. */
int json_path_set(json_t *root, const char *path, json_t *value);
/* The value at a dotted path (borrowed), or NULL. */
json_t *json_path_get(json_t *root, const char *path);

#endif
