/* classify_request.c: reading the classify request body. Every fault
 * names the field, so a client can fix it without guessing. */
#include "web/classify_request.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "web/json_body.h"

static const char *const known_fields[] = {"investment", "turnover", "exports", "on", "activity"};
#define N_KNOWN (sizeof known_fields / sizeof known_fields[0])

/* A field's problem, for the 400 answer. */
struct fault {
    char msg[256];
};

static int fault(struct fault *f, const char *field, const char *what)
{
    snprintf(f->msg, sizeof f->msg, "field '%s' %s", field, what);
    return -1;
}

static int read_amount(const json_t *root, const char *field, bool required, int64_t *paise,
                       struct fault *f)
{
    const json_t *v = json_object_get(root, field);
    struct err e;

    if (v == NULL)
        return required ? fault(f, field, "is required (rupees)") : 0;
    if (json_is_integer(v)) {
        json_int_t r = json_integer_value(v);
        if (r < 0)
            return fault(f, field, "must not be negative");
        if (r > MONEY_INPUT_MAX / PAISE_PER_RUPEE)
            return fault(f, field, "is too large");
        *paise = (int64_t)r * PAISE_PER_RUPEE;
        return 0;
    }
    if (!json_is_real(v))
        return fault(f, field, "must be a number of rupees, like 2500000 or 1234.50");
    if (json_real_value(v) < 0)
        return fault(f, field, "must not be negative");
    if (money_from_rupees(json_real_value(v), paise, &e) != 0)
        return fault(f, field, e.msg);
    return 0;
}

static int read_on(const json_t *root, int32_t today, int32_t *on, struct fault *f)
{
    const json_t *v = json_object_get(root, "on");
    struct err e;

    *on = today;
    if (v == NULL)
        return 0;
    if (!json_is_string(v))
        return fault(f, "on", "must be a date string, YYYY-MM-DD");
    if (date_parse(json_string_value(v), json_string_length(v), on, &e) != 0)
        return fault(f, "on", e.msg);
    return 0;
}

static int read_activity(const json_t *root, enum limit_activity *act, struct fault *f)
{
    const json_t *v = json_object_get(root, "activity");
    const char *s;

    *act = LIMIT_ANY;
    if (v == NULL)
        return 0;
    s = json_string_value(v);
    if (s == NULL)
        return fault(f, "activity", "must be a string: manufacturing, services or trading");
    if (classify_activity_parse(s, act) != 0)
        return fault(f, "activity", "must be manufacturing, services or trading");
    return 0;
}

static int read_input(const json_t *root, int32_t today, struct classify_input *in,
                      struct fault *f)
{
    memset(in, 0, sizeof *in);
    if (json_body_check(root, known_fields, N_KNOWN, f->msg, sizeof f->msg)
        || read_amount(root, "investment", true, &in->investment, f)
        || read_amount(root, "turnover", true, &in->turnover, f)
        || read_amount(root, "exports", false, &in->exports, f)
        || read_on(root, today, &in->on, f) || read_activity(root, &in->activity, f))
        return -1;
    return 0;
}

int classify_request_parse(const char *body, size_t len, int32_t today, struct classify_input *in,
                           char *msg, size_t cap)
{
    struct fault f;
    json_t *root = json_body_load(body, len, msg, cap);
    int rc;

    if (root == NULL)
        return CLASSIFY_REQUEST_BAD_JSON;
    rc = read_input(root, today, in, &f);
    json_decref(root);
    if (rc != 0) {
        snprintf(msg, cap, "%s", f.msg);
        return CLASSIFY_REQUEST_BAD_FIELD;
    }
    return CLASSIFY_REQUEST_OK;
}
