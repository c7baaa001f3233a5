/* profile_view.c: the record overlaid with the facts given on the portal.
 *
 * The overlay goes through the profile's own JSON reader: the record is
 * written out as profile JSON, each given fact is set at its path, and the
 * result is read back. So a stored fact is validated by exactly the rules
 * that validate the API's profiles, and a fact that no longer validates
 * (a vocabulary changed) is skipped rather than trusted. */
#include "web/profile_view.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "store/store_profile.h"

static const enum profile_field editable[] = {
    PF_NAME, PF_STATUS, PF_CONSTITUTION, PF_ACTIVITY, PF_NIC, PF_DISTRICT, PF_AREA,
    PF_COMMENCED_ON, PF_INVESTMENT, PF_TURNOVER, PF_EXPORTS, PF_EMPLOYEES, PF_GST_SCHEME,
    PF_TRADITIONAL, PF_OWNER_GENDER, PF_OWNER_CATEGORY, PF_OWNER_AGE, PF_OWNER_EDUCATION,
    PF_OWNER_DISABLED, PF_OWNER_EX_SERVICEMAN, PF_OWNER_MINORITY, PF_NEED_PURPOSE,
    PF_NEED_AMOUNT, PF_HIST_LOAN_DEFAULT,
};

static const struct profile_field_desc *field_desc(enum profile_field f)
{
    size_t n;

    return &profile_fields(&n)[f];
}

const enum profile_field *profile_view_editable(size_t *n)
{
    *n = sizeof editable / sizeof editable[0];
    return editable;
}

/* Set `value` (stolen) at a dotted path, creating the objects on the way. */
static int json_set_path(json_t *root, const char *path, json_t *value)
{
    char key[64];
    const char *dot;
    json_t *obj = root;

    while ((dot = strchr(path, '.')) != NULL) {
        size_t n = (size_t)(dot - path);
        json_t *next;
        if (n >= sizeof key) {
            json_decref(value);
            return -1;
        }
        memcpy(key, path, n);
        key[n] = '\0';
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

static json_t *json_get_path(json_t *root, const char *path)
{
    char key[64];
    const char *dot;

    while (root != NULL && (dot = strchr(path, '.')) != NULL) {
        size_t n = (size_t)(dot - path);
        if (n >= sizeof key)
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        root = json_object_get(root, key);
        path = dot + 1;
    }
    return root == NULL ? NULL : json_object_get(root, path);
}

struct overlay {
    json_t *root;
    struct fact_source *source;
};

static int overlay_fact(void *ctx, const struct profile_fact_row *f)
{
    struct overlay *o = ctx;
    const struct profile_field_desc *d = profile_field_by_path(f->path);
    json_t *value = json_loads(f->value, JSON_DECODE_ANY, NULL);
    struct fact_source *src;

    if (d == NULL || value == NULL) {
        json_decref(value);
        return 0;
    }
    if (json_set_path(o->root, f->path, value) != 0)
        return -1;
    src = &o->source[d->id];
    memset(src, 0, sizeof *src);
    src->origin = strcmp(f->source, "officer") == 0 ? ORIGIN_OFFICER : ORIGIN_SELF;
    snprintf(src->at, sizeof src->at, "%.10s", f->at);
    src->corrected = f->replaced[0] != '\0';
    snprintf(src->replaced, sizeof src->replaced, "%s", f->replaced);
    return 0;
}

static int record_sources(struct store *s, struct profile_view *v, struct err *e)
{
    struct fact_source rec = {.origin = ORIGIN_RECORD};
    bool found = false;

    if (strcmp(v->ent.src_feed, "portal") == 0) {
        rec.origin = ORIGIN_REGISTERED;
    } else {
        snprintf(rec.feed, sizeof rec.feed, "%s", v->ent.src_feed);
        rec.row = v->ent.src_row;
        if (store_ingest_file_name(s, v->ent.src_file, rec.file, sizeof rec.file, &found, e) != 0)
            return -1;
    }
    for (int i = 0; i < PF_COUNT; i++)
        v->source[i] = v->profile.f[i].state != FACT_UNKNOWN ? rec : (struct fact_source){0};
    return 0;
}

int profile_view_load(struct store *s, int64_t id, int32_t today, struct profile_view *v,
                      bool *found, struct err *e)
{
    struct profile_issues is = {0};
    struct overlay o;
    int rc = 0;

    memset(v, 0, sizeof *v);
    profile_init(&v->profile);
    if (store_enterprise_get(s, id, &v->ent, found, e) != 0 || !*found)
        return *found ? -1 : 0;
    if (enterprise_to_profile(&v->ent, &v->profile) != 0)
        return err_set(e, "profile: out of memory");
    profile_set_int(&v->profile, PF_AS_OF, today);
    if (record_sources(s, v, e) != 0)
        return -1;
    o.root = profile_to_json(&v->profile);
    o.source = v->source;
    if (o.root == NULL)
        return err_set(e, "profile: out of memory");
    if (store_profile_facts_current(s, id, overlay_fact, &o, e) != 0) {
        rc = -1;
    } else {
        profile_clear(&v->profile);
        /* Facts that no longer validate leave their field unknown; the
         * rest of the profile still loads. */
        (void)profile_from_json(o.root, &v->profile, &is);
        for (size_t i = 0; i < is.n; i++) {
            const struct profile_field_desc *d = profile_field_by_path(is.items[i].path);
            if (d != NULL && !is.items[i].warning)
                v->source[d->id].origin = ORIGIN_NONE;
        }
    }
    profile_issues_free(&is);
    json_decref(o.root);
    return rc;
}

void profile_view_free(struct profile_view *v)
{
    profile_clear(&v->profile);
}

int profile_view_put_source(struct buf *b, const struct fact_source *src, bool hindi)
{
    switch (src->origin) {
    case ORIGIN_NONE:
        return buf_puts(b, hindi ? "अभी नहीं पता" : "not known yet");
    case ORIGIN_RECORD:
        if (strcmp(src->feed, "udyam") == 0 && buf_puts(b, hindi ? "उद्यम पंजीकरण से" : "from the Udyam registration"))
            return -1;
        if (strcmp(src->feed, "udyam") != 0
            && (buf_puts(b, hindi ? "सरकारी रिकॉर्ड से: " : "from the government record: ")
                || buf_put_html(b, src->feed)))
            return -1;
        if (buf_puts(b, " (") || buf_put_html(b, src->file))
            return -1;
        return buf_printf(b, hindi ? ", पंक्ति %" PRId64 ")" : ", row %" PRId64 ")", src->row);
    case ORIGIN_REGISTERED:
        return buf_puts(b, hindi ? "पंजीकरण के समय आपने बताया" : "given by you when registering");
    case ORIGIN_SELF:
    case ORIGIN_OFFICER:
        break;
    }
    if (buf_puts(b, src->origin == ORIGIN_SELF
                        ? (src->corrected ? (hindi ? "आपने सुधारा, " : "corrected by you on ")
                                          : (hindi ? "आपने बताया, " : "given by you on "))
                        : (src->corrected ? (hindi ? "अधिकारी ने सुधारा, " : "corrected by an officer on ")
                                          : (hindi ? "अधिकारी ने बताया, " : "given by an officer on ")))
        || buf_put_html(b, src->at))
        return -1;
    if (src->corrected
        && (buf_puts(b, hindi ? " (पहले: " : " (was ") || buf_put_html(b, src->replaced)
            || buf_puts(b, ")")))
        return -1;
    return 0;
}

int profile_view_put_value(struct buf *b, const struct profile *p, enum profile_field f,
                           bool hindi)
{
    const struct fact *x = &p->f[f];
    const struct profile_field_desc *d = field_desc(f);
    char text[MONEY_STR_MAX > DATE_STR_LEN ? MONEY_STR_MAX : DATE_STR_LEN];

    if (x->state == FACT_UNKNOWN)
        return buf_puts(b, "—");
    if (x->state == FACT_ABSENT)
        return buf_puts(b, hindi ? "नहीं है" : "none");
    switch (d->type) {
    case PF_MONEY:
        money_format_inr(x->i, text);
        return buf_put_html(b, text);
    case PF_DATE:
        date_format((int32_t)x->i, text);
        return buf_puts(b, text);
    case PF_BOOL:
        return buf_puts(b, x->i ? (hindi ? "हाँ" : "yes") : (hindi ? "नहीं" : "no"));
    case PF_ENUM:
        return buf_put_html(b, profile_value_label(f, x->i, hindi));
    case PF_INT:
        return buf_printf(b, "%" PRId64, x->i);
    case PF_STRING:
        return buf_put_html(b, x->s);
    case PF_STRLIST:
        for (size_t i = 0; i < x->n; i++)
            if ((i > 0 && buf_puts(b, ", ")) || buf_put_html(b, x->list[i]))
                return -1;
        return 0;
    }
    return 0;
}

int profile_view_put_input(struct buf *b, const struct profile *p, enum profile_field f)
{
    const struct fact *x = &p->f[f];
    const struct profile_field_desc *d = field_desc(f);
    char text[MONEY_STR_MAX > DATE_STR_LEN ? MONEY_STR_MAX : DATE_STR_LEN];

    if (x->state != FACT_KNOWN)
        return 0;
    switch (d->type) {
    case PF_MONEY:
        money_format(x->i, text);
        return buf_put_html(b, text);
    case PF_DATE:
        date_format((int32_t)x->i, text);
        return buf_puts(b, text);
    case PF_BOOL:
        return buf_puts(b, x->i ? "yes" : "no");
    case PF_ENUM:
        return buf_put_html(b, profile_enum_name(f, x->i));
    case PF_INT:
        return buf_printf(b, "%" PRId64, x->i);
    case PF_STRING:
        return buf_put_html(b, x->s);
    case PF_STRLIST:
        return 0;
    }
    return 0;
}

/* Form text to the JSON value the profile reader expects; NULL with msg. */
static json_t *text_to_json(const struct profile_field_desc *d, const char *text, char *msg,
                            size_t cap)
{
    size_t n = strlen(text);
    struct err why;

    switch (d->type) {
    case PF_MONEY: {
        int64_t paise;
        if (money_parse(text, n, false, &paise, &why) != 0) {
            snprintf(msg, cap, "not an amount in rupees: %s", why.msg);
            return NULL;
        }
        return money_to_json(paise);
    }
    case PF_INT: {
        char *end;
        long long v;
        errno = 0;
        v = strtoll(text, &end, 10);
        if (errno != 0 || end == text || *end != '\0') {
            snprintf(msg, cap, "not a whole number");
            return NULL;
        }
        return json_integer(v);
    }
    case PF_BOOL:
        if (strcmp(text, "yes") == 0 || strcmp(text, "no") == 0)
            return json_boolean(text[0] == 'y');
        snprintf(msg, cap, "answer yes or no");
        return NULL;
    case PF_DATE: {
        int32_t day;
        if (date_parse(text, n, &day, &why) != 0) {
            snprintf(msg, cap, "not a date (YYYY-MM-DD): %s", why.msg);
            return NULL;
        }
        return json_string(text);
    }
    case PF_ENUM:
    case PF_STRING: {
        json_t *s = n > 200 ? NULL : json_string(text);
        if (s == NULL)
            snprintf(msg, cap, n > 200 ? "longer than 200 bytes" : "not valid UTF-8 text");
        return s;
    }
    case PF_STRLIST:
        break;
    }
    snprintf(msg, cap, "this field cannot be given here");
    return NULL;
}

/* Whether `value` is valid for the field by the profile reader's rules. */
static bool valid_for_field(const struct profile_field_desc *d, const json_t *value, char *msg,
                            size_t cap)
{
    struct profile_issues is = {0};
    struct profile p;
    json_t *root = json_object();
    bool ok = false;

    snprintf(msg, cap, "not a valid value for this field");
    profile_init(&p);
    if (root != NULL && json_set_path(root, d->path, json_incref((json_t *)value)) == 0) {
        ok = profile_from_json(root, &p, &is) == 0;
        for (size_t i = 0; !ok && i < is.n; i++)
            if (!is.items[i].warning) {
                snprintf(msg, cap, "%s", is.items[i].msg);
                break;
            }
    }
    profile_issues_free(&is);
    profile_clear(&p);
    json_decref(root);
    return ok;
}

json_t *profile_view_parse_input(enum profile_field f, const char *text, char *msg, size_t cap)
{
    const struct profile_field_desc *d = field_desc(f);
    json_t *value = text_to_json(d, text, msg, cap);

    if (value != NULL && !valid_for_field(d, value, msg, cap)) {
        json_decref(value);
        return NULL;
    }
    return value;
}

int profile_view_give(struct store *s, struct profile_view *v, enum profile_field f,
                      const char *text, int64_t user_id, const char *source, char *msg,
                      size_t msg_cap, struct err *e)
{
    const struct profile_field_desc *d = field_desc(f);
    struct profile_fact_row row = {0};
    json_t *value, *now_json = NULL, *current;
    char *dumped = NULL;
    int rc = 1;

    if (*text == '\0')
        return 0; /* left empty: nothing given */
    if ((value = profile_view_parse_input(f, text, msg, msg_cap)) == NULL)
        return 1;
    now_json = profile_to_json(&v->profile);
    current = now_json == NULL ? NULL : json_get_path(now_json, d->path);
    rc = 0;
    if (current != NULL && json_equal(current, value))
        goto done; /* confirmed as it is */
    dumped = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);
    if (dumped == NULL || strlen(dumped) >= sizeof row.value) {
        snprintf(msg, msg_cap, "too long");
        rc = 1;
        goto done;
    }
    row.enterprise_id = v->ent.id;
    snprintf(row.path, sizeof row.path, "%s", d->path);
    snprintf(row.value, sizeof row.value, "%s", dumped);
    snprintf(row.source, sizeof row.source, "%s", source);
    row.user_id = user_id;
    if (current != NULL && v->source[f].origin == ORIGIN_RECORD) {
        char *was = json_dumps(current, JSON_ENCODE_ANY | JSON_COMPACT);
        struct buf from = BUF_INIT;
        if (was != NULL)
            snprintf(row.replaced, sizeof row.replaced, "%s", was);
        free(was);
        if (profile_view_put_source(&from, &v->source[f], false) == 0)
            snprintf(row.replaced_source, sizeof row.replaced_source, "%s", buf_cstr(&from));
        buf_release(&from);
    }
    rc = store_profile_fact_add(s, &row, e);
done:
    free(dumped);
    json_decref(now_json);
    json_decref(value);
    return rc;
}
