/* scheme_test.h: the tests embedded in scheme files (docs/rules.md §1):
 * a profile fragment in, the expected status, benefit, missing facts and
 * failing criteria out. `samanvay schemes test` runs them all. */
#ifndef SAMANVAY_SCHEME_TEST_H
#define SAMANVAY_SCHEME_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/refdata.h"
#include "rules/catalog.h"

struct test_outcome {
    bool passed;
    char detail[512];           /* why it failed */
};

/* Run one test of scheme s. */
void scheme_test_run(const struct refdata *ref, const struct scheme *s, const struct scheme_test *t,
                     struct test_outcome *out);

/* The YAML profile fragment as JSON (YAML core schema for plain scalars). */
struct json_t;
struct json_t *scheme_test_profile_json(const struct ynode *n);

#endif
