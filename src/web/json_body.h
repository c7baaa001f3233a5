/* json_body.h: what every strict JSON request body shares: it is an
 * object, and it holds no field the route does not know (a misspelt
 * "turnvoer" must not be silently ignored and answered from defaults). */
#ifndef SAMANVAY_JSON_BODY_H
#define SAMANVAY_JSON_BODY_H

#include <jansson.h>
#include <stddef.h>

/* Parse body[0..len) as JSON, refusing duplicate keys: a new reference,
 * or NULL with msg ("invalid JSON at line L, column C: why"). */
json_t *json_body_load(const char *body, size_t len, char *msg, size_t cap);

/* json_body_load, and the value must be an object: a new reference, or
 * NULL with msg. */
json_t *json_body_load_object(const char *body, size_t len, char *msg, size_t cap);

/* 0, or -1 with msg ("the body must be a JSON object", or "unknown field
 * 'x' (expected a, b, c)" listing `known` in order). */
int json_body_check(const json_t *root, const char *const *known, size_t n_known, char *msg,
                    size_t cap);

#endif
