/* consent_request.c: reading a consent change (consent_request.h). */
#include "web/consent_request.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/date.h"
#include "web/json_body.h"

bool consent_id_valid(const char *s)
{
    if (s == NULL || strlen(s) != CONSENT_ID_LEN - 1 || strncmp(s, "CA-", 3) != 0)
        return false;
    for (const char *p = s + 3; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static int date_field(const char *text, const char *name, int32_t *out, char *msg, size_t cap)
{
    struct err e;

    if (date_parse(text, strlen(text), out, &e) != 0) {
        snprintf(msg, cap, "%s: %s", name, e.msg);
        return -1;
    }
    return 0;
}

int consent_request_period(const char *from, const char *to, int32_t today,
                           struct consent_request *out, char *msg, size_t cap)
{
    struct err e;

    out->valid_from = today;
    if (from != NULL && *from && date_field(from, "valid_from", &out->valid_from, msg, cap) != 0)
        return -1;
    out->valid_to = out->valid_from + CONSENT_DEFAULT_DAYS - 1;
    if (to != NULL && *to && date_field(to, "valid_to", &out->valid_to, msg, cap) != 0)
        return -1;
    /* A consent speaks for the future: one backdated would make uses
     * before it was given look consented. */
    if (out->valid_from < today) {
        snprintf(msg, cap, "valid_from: a consent cannot begin before today");
        return -1;
    }
    if (consent_period_check(out->valid_from, out->valid_to, &e) != 0) {
        snprintf(msg, cap, "valid_to: %s", e.msg);
        return -1;
    }
    return 0;
}

/* The string field `name`, or NULL when absent; -1 when not a string. */
static int string_field(const json_t *root, const char *name, const char **out, char *msg,
                        size_t cap)
{
    const json_t *v = json_object_get(root, name);

    *out = NULL;
    if (v == NULL)
        return 0;
    if (!json_is_string(v)) {
        snprintf(msg, cap, "%s: must be a string", name);
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

static int source_purpose(const json_t *root, struct consent_request *out, char *msg, size_t cap)
{
    const char *source, *purpose;
    enum consent_source s;
    enum consent_purpose p;

    if (string_field(root, "source", &source, msg, cap) != 0
        || string_field(root, "purpose", &purpose, msg, cap) != 0)
        return -1;
    if (source == NULL || consent_source_parse(source, &s) != 0) {
        snprintf(msg, cap, "source: one of gst, credit, skilling, epfo, energy");
        return -1;
    }
    if (purpose == NULL || consent_purpose_parse(purpose, &p) != 0) {
        snprintf(msg, cap, "purpose: one of eligibility, officer_view, statistics");
        return -1;
    }
    out->source = s;
    out->purpose = p;
    return 0;
}

static int parse_action(const json_t *root, int32_t today, struct consent_request *out,
                        char *msg, size_t cap)
{
    static const char *const grant_keys[] = {"action", "source", "purpose", "valid_from",
                                             "valid_to"};
    static const char *const revoke_keys[] = {"action", "consent_id"};
    static const char *const withdraw_keys[] = {"action", "source", "purpose"};
    const char *action, *from, *to, *id;

    if (string_field(root, "action", &action, msg, cap) != 0)
        return -1;
    if (action != NULL && strcmp(action, "grant") == 0) {
        out->action = CONSENT_GRANT;
        if (json_body_check(root, grant_keys, 5, msg, cap) != 0
            || source_purpose(root, out, msg, cap) != 0
            || string_field(root, "valid_from", &from, msg, cap) != 0
            || string_field(root, "valid_to", &to, msg, cap) != 0)
            return -1;
        return consent_request_period(from, to, today, out, msg, cap);
    }
    if (action != NULL && strcmp(action, "withdraw") == 0) {
        out->action = CONSENT_WITHDRAW;
        if (json_body_check(root, withdraw_keys, 3, msg, cap) != 0)
            return -1;
        return source_purpose(root, out, msg, cap);
    }
    if (action != NULL && strcmp(action, "revoke") == 0) {
        out->action = CONSENT_REVOKE;
        if (json_body_check(root, revoke_keys, 2, msg, cap) != 0
            || string_field(root, "consent_id", &id, msg, cap) != 0)
            return -1;
        if (!consent_id_valid(id)) {
            snprintf(msg, cap, "consent_id: \"CA-\" and 16 lower-case hex digits");
            return -1;
        }
        snprintf(out->consent_id, sizeof out->consent_id, "%s", id);
        return 0;
    }
    snprintf(msg, cap, "action: one of grant, revoke, withdraw");
    return -1;
}

int consent_request_parse(const char *body, size_t len, int32_t today,
                          struct consent_request *out, char *msg, size_t cap)
{
    struct consent_request r;
    json_t *root = json_body_load_object(body, len, msg, cap);
    int rc;

    if (root == NULL)
        return CONSENT_REQUEST_BAD_JSON;
    memset(&r, 0, sizeof r);
    msg[0] = '\0';
    rc = parse_action(root, today, &r, msg, cap) == 0 ? CONSENT_REQUEST_OK
                                                       : CONSENT_REQUEST_BAD_FIELD;
    json_decref(root);
    if (rc == CONSENT_REQUEST_OK)
        *out = r;
    return rc;
}
