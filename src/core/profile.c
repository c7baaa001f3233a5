#include "core/profile.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/money.h"

static const char *const constitutions[] = {
    "proprietorship", "partnership", "llp", "private_company", "public_company",
    "cooperative", "shg", "trust", "society", "huf", NULL};
static const char *const statuses[] = {"proposed", "existing", NULL};
static const char *const activities[] = {"manufacturing", "services", "trading", NULL};
static const char *const areas[] = {"rural", "urban", NULL};
static const char *const gst_schemes[] = {"regular", "qrmp", "composition", "none", NULL};
static const char *const cluster_schemes[] = {"mse_cdp", "sfurti", "other", NULL};
static const char *const zed_levels[] = {"bronze", "silver", "gold", NULL};
static const char *const genders[] = {"female", "male", "transgender", NULL};
static const char *const categories[] = {"general", "obc", "sc", "st", NULL};
static const char *const educations[] = {
    "none", "below_8", "8", "10", "12", "graduate", "postgraduate", NULL};
static const char *const purposes[] = {
    "new_unit", "machinery", "working_capital", "export", "certification", "skilling",
    "marketing", "technology", "infrastructure", NULL};

#define FIELD(id, path, type) {id, path, type, NULL, 0, 0}
#define ENUMF(id, path, vocab) {id, path, PF_ENUM, vocab, 0, 0}
#define INTF(id, path, lo, hi) {id, path, PF_INT, NULL, lo, hi}

static const struct profile_field_desc fields[PF_COUNT] = {
    FIELD(PF_AS_OF, "as_of", PF_DATE),
    FIELD(PF_NAME, "enterprise.name", PF_STRING),
    FIELD(PF_UDYAM, "enterprise.udyam", PF_STRING),
    FIELD(PF_PAN, "enterprise.pan", PF_STRING),
    FIELD(PF_GSTINS, "enterprise.gstins", PF_STRLIST),
    ENUMF(PF_CONSTITUTION, "enterprise.constitution", constitutions),
    ENUMF(PF_STATUS, "enterprise.status", statuses),
    FIELD(PF_COMMENCED_ON, "enterprise.commenced_on", PF_DATE),
    ENUMF(PF_ACTIVITY, "enterprise.activity", activities),
    FIELD(PF_NIC, "enterprise.nic", PF_STRING),
    FIELD(PF_STATE, "enterprise.state", PF_STRING),
    FIELD(PF_DISTRICT, "enterprise.district", PF_STRING),
    ENUMF(PF_AREA, "enterprise.area", areas),
    FIELD(PF_INVESTMENT, "enterprise.investment", PF_MONEY),
    FIELD(PF_TURNOVER, "enterprise.turnover", PF_MONEY),
    FIELD(PF_EXPORTS, "enterprise.exports", PF_MONEY),
    INTF(PF_EMPLOYEES, "enterprise.employees", 0, 10000000),
    ENUMF(PF_GST_SCHEME, "enterprise.gst_scheme", gst_schemes),
    FIELD(PF_CLUSTER_ID, "enterprise.cluster.id", PF_STRING),
    ENUMF(PF_CLUSTER_SCHEME, "enterprise.cluster.scheme", cluster_schemes),
    FIELD(PF_TRADITIONAL, "enterprise.traditional_industry", PF_BOOL),
    FIELD(PF_ASPIRATIONAL, "enterprise.aspirational_district", PF_BOOL),
    FIELD(PF_NER, "enterprise.ner", PF_BOOL),
    ENUMF(PF_ZED_LEVEL, "enterprise.zed_level", zed_levels),
    ENUMF(PF_OWNER_GENDER, "owner.gender", genders),
    ENUMF(PF_OWNER_CATEGORY, "owner.category", categories),
    INTF(PF_OWNER_AGE, "owner.age", 0, 130),
    ENUMF(PF_OWNER_EDUCATION, "owner.education", educations),
    FIELD(PF_OWNER_DISABLED, "owner.disabled", PF_BOOL),
    FIELD(PF_OWNER_EX_SERVICEMAN, "owner.ex_serviceman", PF_BOOL),
    FIELD(PF_OWNER_MINORITY, "owner.minority", PF_BOOL),
    INTF(PF_OWNER_SHARE, "owner.ownership_share", 0, 100),
    ENUMF(PF_NEED_PURPOSE, "need.purpose", purposes),
    FIELD(PF_NEED_AMOUNT, "need.amount", PF_MONEY),
    FIELD(PF_HIST_SCHEMES, "history.schemes_availed", PF_STRLIST),
    FIELD(PF_HIST_LOAN_DEFAULT, "history.loan_default", PF_BOOL),
    FIELD(PF_HIST_TARUN_REPAID, "history.mudra_tarun_repaid", PF_BOOL),
    /* GST returns on file as not filed past their due date (the compliance
     * calendar's "overdue"): the good standing some schemes ask for */
    INTF(PF_HIST_GST_OVERDUE, "history.gst_returns_overdue", 0, 100000),
};

/* Objects that may appear in the JSON, so unknown keys can be reported. */
static const char *const objects[] = {"enterprise", "enterprise.cluster", "owner", "need",
                                      "history", NULL};

#define PATH_MAX_DEPTH 4
#define MAX_LIST_ITEMS 64
#define MAX_STRING_BYTES 512

const struct profile_field_desc *profile_fields(size_t *count)
{
    *count = PF_COUNT;
    return fields;
}

const struct profile_field_desc *profile_field_by_path(const char *path)
{
    for (size_t i = 0; i < PF_COUNT; i++)
        if (strcmp(fields[i].path, path) == 0)
            return &fields[i];
    return NULL;
}

const char *profile_enum_name(enum profile_field id, int64_t index)
{
    const char *const *v = fields[id].values;

    if (v == NULL || index < 0)
        return NULL;
    for (int64_t i = 0; v[i] != NULL; i++)
        if (i == index)
            return v[i];
    return NULL;
}

int profile_enum_index(enum profile_field id, const char *name)
{
    const char *const *v = fields[id].values;

    for (int i = 0; v != NULL && v[i] != NULL; i++)
        if (strcmp(v[i], name) == 0)
            return i;
    return -1;
}

/* --- facts ----------------------------------------------------------- */

static void fact_clear(struct fact *f)
{
    mem_free(f->s);
    for (size_t i = 0; i < f->n; i++)
        mem_free(f->list[i]);
    mem_free(f->list);
    memset(f, 0, sizeof *f);
}

void profile_init(struct profile *p)
{
    memset(p, 0, sizeof *p);
}

void profile_clear(struct profile *p)
{
    for (size_t i = 0; i < PF_COUNT; i++)
        fact_clear(&p->f[i]);
}

int profile_set_string(struct profile *p, enum profile_field id, const char *s)
{
    char *copy = mem_strdup(s);

    if (copy == NULL)
        return -1;
    fact_clear(&p->f[id]);
    p->f[id].state = FACT_KNOWN;
    p->f[id].s = copy;
    return 0;
}

void profile_set_int(struct profile *p, enum profile_field id, int64_t v)
{
    fact_clear(&p->f[id]);
    p->f[id].state = FACT_KNOWN;
    p->f[id].i = v;
}

void profile_set_absent(struct profile *p, enum profile_field id)
{
    fact_clear(&p->f[id]);
    p->f[id].state = FACT_ABSENT;
}

int profile_add_list_item(struct profile *p, enum profile_field id, const char *s)
{
    struct fact *f = &p->f[id];
    char **grown, *copy = mem_strdup(s);

    if (copy == NULL)
        return -1;
    grown = mem_realloc(f->list, (f->n + 1) * sizeof *f->list);
    if (grown == NULL) {
        mem_free(copy);
        return -1;
    }
    f->list = grown;
    f->list[f->n++] = copy;
    f->state = FACT_KNOWN;
    return 0;
}

/* --- issues ---------------------------------------------------------- */

int profile_issue_add(struct profile_issues *is, bool warning, const char *path, const char *fmt,
                      ...)
{
    struct profile_issue *it;
    va_list ap;

    if (is->n == is->cap) {
        size_t cap = is->cap ? is->cap * 2 : 8;
        struct profile_issue *grown = mem_realloc(is->items, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        is->items = grown;
        is->cap = cap;
    }
    it = &is->items[is->n++];
    it->warning = warning;
    snprintf(it->path, sizeof it->path, "%s", path);
    va_start(ap, fmt);
    vsnprintf(it->msg, sizeof it->msg, fmt, ap);
    va_end(ap);
    return 0;
}

void profile_issues_free(struct profile_issues *is)
{
    mem_free(is->items);
    memset(is, 0, sizeof *is);
}

size_t profile_issues_errors(const struct profile_issues *is)
{
    size_t n = 0;

    for (size_t i = 0; i < is->n; i++)
        n += !is->items[i].warning;
    return n;
}

/* --- JSON in ------------------------------------------------------------ */

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "?";
}

/* Walk `path` from root. Returns the value, or NULL when a key is missing.
 * *null_parent is set when an enclosing object is JSON null (so the field
 * is known absent); *bad_parent names a non-object on the way. */
static const json_t *lookup(const json_t *root, const char *path, bool *null_parent,
                            const char **bad_parent)
{
    char part[64];
    const json_t *cur = root;
    const char *p = path;

    *null_parent = false;
    *bad_parent = NULL;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n >= sizeof part)
            return NULL;
        memcpy(part, p, n);
        part[n] = '\0';
        cur = json_object_get(cur, part);
        if (cur == NULL || dot == NULL)
            return cur;
        if (json_is_null(cur)) {
            *null_parent = true;
            return NULL;
        }
        if (!json_is_object(cur)) {
            *bad_parent = p;
            return NULL;
        }
        p = dot + 1;
    }
}

static int read_string(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                       struct profile_issues *is)
{
    const char *s;

    if (!json_is_string(v))
        return profile_issue_add(is, false, d->path, "expected a string, got %s",
                                 json_type_name(v)), -1;
    s = json_string_value(v);
    if (json_string_length(v) > MAX_STRING_BYTES)
        return profile_issue_add(is, false, d->path, "longer than %d bytes", MAX_STRING_BYTES), -1;
    if (strlen(s) != json_string_length(v))
        return profile_issue_add(is, false, d->path, "contains a NUL character"), -1;
    if (*s == '\0')
        return profile_issue_add(is, false, d->path, "empty; use null if there is none"), -1;
    f->s = mem_strdup(s);
    return f->s ? 0 : -1;
}

static int read_money(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                      struct profile_issues *is)
{
    struct err e;

    if (!json_is_number(v))
        return profile_issue_add(is, false, d->path, "expected an amount in rupees (a number), got %s",
                                 json_type_name(v)), -1;
    if (money_from_rupees(json_number_value(v), &f->i, &e) != 0)
        return profile_issue_add(is, false, d->path, "%s", e.msg), -1;
    if (f->i < 0)
        return profile_issue_add(is, false, d->path, "must not be negative"), -1;
    return 0;
}

static int read_int(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                    struct profile_issues *is)
{
    double x = json_is_real(v) ? json_real_value(v) : 0.5;

    if (json_is_integer(v)) {
        f->i = json_integer_value(v);
    } else if (json_is_real(v) && x == floor(x) && fabs(x) < 1e15) {
        f->i = (int64_t)x;
    } else {
        return profile_issue_add(is, false, d->path, "expected a whole number, got %s",
                                 json_type_name(v)), -1;
    }
    if (f->i < d->min || f->i > d->max)
        return profile_issue_add(is, false, d->path, "%lld is outside %lld-%lld", (long long)f->i,
                                 (long long)d->min, (long long)d->max), -1;
    return 0;
}

static int read_bool(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                     struct profile_issues *is)
{
    if (!json_is_boolean(v))
        return profile_issue_add(is, false, d->path, "expected true or false, got %s",
                                 json_type_name(v)), -1;
    f->i = json_is_true(v);
    return 0;
}

static int read_date(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                     struct profile_issues *is)
{
    struct err e;
    int32_t day;

    if (!json_is_string(v))
        return profile_issue_add(is, false, d->path, "expected a date string YYYY-MM-DD, got %s",
                                 json_type_name(v)), -1;
    if (date_parse(json_string_value(v), json_string_length(v), &day, &e) != 0)
        return profile_issue_add(is, false, d->path, "%s", e.msg), -1;
    f->i = day;
    return 0;
}

static int read_enum(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                     struct profile_issues *is)
{
    int k;

    if (!json_is_string(v))
        return profile_issue_add(is, false, d->path, "expected a string, got %s",
                                 json_type_name(v)), -1;
    k = profile_enum_index(d->id, json_string_value(v));
    if (k < 0) {
        char allowed[200] = "";
        size_t used = 0;
        for (int i = 0; d->values[i] && used < sizeof allowed; i++)
            used += (size_t)snprintf(allowed + used, sizeof allowed - used, "%s%s", i ? "|" : "",
                                     d->values[i]);
        return profile_issue_add(is, false, d->path, "unknown value '%.60s' (expected %s)",
                                 json_string_value(v), allowed), -1;
    }
    f->i = k;
    return 0;
}

static int read_list(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                     struct profile_issues *is)
{
    size_t i;
    const json_t *item;

    if (!json_is_array(v))
        return profile_issue_add(is, false, d->path, "expected an array of strings, got %s",
                                 json_type_name(v)), -1;
    if (json_array_size(v) > MAX_LIST_ITEMS)
        return profile_issue_add(is, false, d->path, "more than %d items", MAX_LIST_ITEMS), -1;
    f->list = mem_calloc(json_array_size(v), sizeof *f->list);
    if (f->list == NULL)
        return -1;
    json_array_foreach(v, i, item) {
        if (!json_is_string(item) || json_string_length(item) == 0
            || json_string_length(item) > MAX_STRING_BYTES
            || strlen(json_string_value(item)) != json_string_length(item))
            return profile_issue_add(is, false, d->path, "item %zu is not a non-empty string", i), -1;
        f->list[f->n] = mem_strdup(json_string_value(item));
        if (f->list[f->n] == NULL)
            return -1;
        f->n++;
    }
    return 0;
}

static int read_value(const json_t *v, const struct profile_field_desc *d, struct fact *f,
                      struct profile_issues *is)
{
    switch (d->type) {
    case PF_STRING: return read_string(v, d, f, is);
    case PF_MONEY: return read_money(v, d, f, is);
    case PF_INT: return read_int(v, d, f, is);
    case PF_BOOL: return read_bool(v, d, f, is);
    case PF_DATE: return read_date(v, d, f, is);
    case PF_ENUM: return read_enum(v, d, f, is);
    case PF_STRLIST: return read_list(v, d, f, is);
    }
    return -1;
}

static bool known_key(const char *prefix, const char *key)
{
    char path[128];

    snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", key);
    if (profile_field_by_path(path) != NULL)
        return true;
    for (size_t i = 0; objects[i]; i++)
        if (strcmp(objects[i], path) == 0)
            return true;
    return false;
}

/* Report keys the schema does not know, as warnings, one level at a time. */
static void warn_unknown_keys(const json_t *obj, const char *prefix, int depth,
                              struct profile_issues *is)
{
    const char *key;
    const json_t *v;

    if (depth > PATH_MAX_DEPTH)
        return;
    json_object_foreach((json_t *)obj, key, v) {
        char path[128];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", key);
        if (!known_key(prefix, key))
            profile_issue_add(is, true, path, "unknown field; ignored");
        else if (json_is_object(v))
            warn_unknown_keys(v, path, depth + 1, is);
    }
}

static int check_objects(const json_t *root, struct profile_issues *is)
{
    int bad = 0;

    for (size_t i = 0; objects[i]; i++) {
        bool null_parent;
        const char *bad_parent;
        const json_t *v = lookup(root, objects[i], &null_parent, &bad_parent);
        if (v != NULL && !json_is_object(v) && !json_is_null(v)) {
            profile_issue_add(is, false, objects[i], "expected an object or null, got %s",
                              json_type_name(v));
            bad = -1;
        }
    }
    return bad;
}

int profile_from_json(const json_t *root, struct profile *p, struct profile_issues *is)
{
    struct profile out;
    size_t errors_before = profile_issues_errors(is);

    if (!json_is_object(root)) {
        profile_issue_add(is, false, "", "the profile must be a JSON object");
        return -1;
    }
    profile_init(&out);
    check_objects(root, is);
    for (size_t i = 0; i < PF_COUNT; i++) {
        const struct profile_field_desc *d = &fields[i];
        bool null_parent;
        const char *bad_parent;
        const json_t *v = lookup(root, d->path, &null_parent, &bad_parent);
        struct fact *f = &out.f[d->id];
        if (bad_parent != NULL)
            continue; /* reported by check_objects */
        if (null_parent || (v != NULL && json_is_null(v))) {
            f->state = FACT_ABSENT;
            continue;
        }
        if (v == NULL)
            continue;
        if (read_value(v, d, f, is) != 0) {
            fact_clear(f);
            continue;
        }
        f->state = FACT_KNOWN;
    }
    warn_unknown_keys(root, "", 0, is);
    if (profile_issues_errors(is) > errors_before) {
        profile_clear(&out);
        return -1;
    }
    profile_clear(p);
    *p = out;
    return 0;
}

int profile_parse(const char *text, size_t len, struct profile *p, struct profile_issues *is,
                  struct err *e)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    int rc;

    if (root == NULL)
        return err_set(e, "%d:%d: %s", je.line, je.column, je.text);
    rc = profile_from_json(root, p, is);
    json_decref(root);
    if (rc != 0)
        return err_set(e, "the profile has %zu error(s)", profile_issues_errors(is));
    return 0;
}

/* --- JSON out ------------------------------------------------------------ */

static json_t *fact_to_json(const struct profile_field_desc *d, const struct fact *f)
{
    char date[DATE_STR_LEN];
    json_t *arr;

    if (f->state == FACT_ABSENT)
        return json_null();
    switch (d->type) {
    case PF_STRING: return json_string(f->s);
    case PF_MONEY: return money_to_json(f->i);
    case PF_INT: return json_integer(f->i);
    case PF_BOOL: return json_boolean(f->i);
    case PF_DATE:
        date_format((int32_t)f->i, date);
        return json_string(date);
    case PF_ENUM: return json_string(profile_enum_name(d->id, f->i));
    case PF_STRLIST:
        arr = json_array();
        for (size_t i = 0; arr && i < f->n; i++)
            json_array_append_new(arr, json_string(f->list[i]));
        return arr;
    }
    return NULL;
}

/* The object at `path`'s parent, creating objects on the way. */
static json_t *parent_object(json_t *root, const char *path, const char **leaf)
{
    char part[64];
    json_t *cur = root;
    const char *p = path;

    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n;
        json_t *next;
        if (dot == NULL) {
            *leaf = p;
            return cur;
        }
        n = (size_t)(dot - p);
        if (n >= sizeof part)
            return NULL;
        memcpy(part, p, n);
        part[n] = '\0';
        next = json_object_get(cur, part);
        if (next == NULL || !json_is_object(next)) {
            next = json_object();
            if (next == NULL || json_object_set_new(cur, part, next) != 0)
                return NULL;
        }
        cur = next;
        p = dot + 1;
    }
}

json_t *profile_to_json(const struct profile *p)
{
    json_t *root = json_object();
    json_t *ent;

    if (root == NULL)
        return NULL;
    for (size_t i = 0; i < PF_COUNT; i++) {
        const struct profile_field_desc *d = &fields[i];
        const struct fact *f = &p->f[d->id];
        const char *leaf = NULL;
        json_t *parent, *v;
        if (f->state == FACT_UNKNOWN)
            continue;
        parent = parent_object(root, d->path, &leaf);
        v = fact_to_json(d, f);
        if (parent == NULL || v == NULL || json_object_set_new(parent, leaf, v) != 0) {
            json_decref(root);
            return NULL;
        }
    }
    /* A cluster known to be absent is written as "cluster": null. */
    ent = json_object_get(root, "enterprise");
    if (ent != NULL && p->f[PF_CLUSTER_ID].state == FACT_ABSENT
        && p->f[PF_CLUSTER_SCHEME].state != FACT_KNOWN)
        json_object_set_new(ent, "cluster", json_null());
    return root;
}
