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
#include "core/json_path.h"
#include "core/money.h"
#include "store/store_profile.h"
#include "web/i18n.h"

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

void profile_view_source_of(const struct golden_value *w, struct fact_source *src)
{
    memset(src, 0, sizeof *src);
    if (w == NULL)
        return;
    switch (w->key.source) {
    case GS_REGISTERED:
        src->origin = ORIGIN_REGISTERED;
        return;
    case GS_SELF:
    case GS_OFFICER:
        src->origin = w->key.source == GS_SELF ? ORIGIN_SELF : ORIGIN_OFFICER;
        snprintf(src->at, sizeof src->at, "%.10s", w->at);
        src->corrected = w->corrected;
        snprintf(src->replaced, sizeof src->replaced, "%s", w->replaced);
        return;
    default:
        src->origin = ORIGIN_RECORD;
        snprintf(src->feed, sizeof src->feed, "%s", w->feed);
        snprintf(src->file, sizeof src->file, "%s", w->file);
        src->detail = w->detail;
        src->row = w->row;
        return;
    }
}

int profile_view_load(struct store *s, const struct survivorship *rules, int64_t id,
                      int32_t today, struct profile_view *v, bool *found, struct err *e)
{
    memset(v, 0, sizeof *v);
    profile_init(&v->profile);
    if (golden_record_load(s, rules, id, today, &v->golden, found, e) != 0 || !*found)
        return *found ? -1 : 0;
    v->ent = v->golden.ent;
    /* the profile moves to the view; the golden record keeps the candidates */
    v->profile = v->golden.profile;
    profile_init(&v->golden.profile);
    for (int f = 0; f < PF_COUNT; f++)
        profile_view_source_of(golden_winner(&v->golden, (enum profile_field)f), &v->source[f]);
    return 0;
}

void profile_view_free(struct profile_view *v)
{
    profile_clear(&v->profile);
    golden_record_free(&v->golden);
}

/* The msgid when not translating: the API and stored notes are English
 * whatever the request's language. */
__attribute__((format_arg(2))) static const char *tr(bool translate, const char *msgid)
{
    return translate ? _(msgid) : msgid;
}

static const char *role_words(const char *role, bool translate)
{
    if (strcmp(role, "anchor") == 0)
        return tr(translate, N_("the anchor unit"));
    if (strcmp(role, "spv_member") == 0)
        return tr(translate, N_("a member of its SPV"));
    return tr(translate, N_("a member"));
}

/* How a list row was tied to the unit: an officer must see a name match
 * for what it is. */
static const char *link_words(const char *method, bool translate)
{
    if (strcmp(method, "udyam") == 0)
        return tr(translate, N_("matched by its Udyam number"));
    if (strcmp(method, "pan") == 0)
        return tr(translate, N_("matched by its PAN"));
    return tr(translate, N_("matched by name and place (record linkage)"));
}

int profile_view_put_detail(struct buf *b, const struct golden_detail *d, bool translate)
{
    switch (d->kind) {
    case GD_NONE:
        return 0;
    case GD_GST_RETURNS:
        return buf_printf(b, tr(translate, N_("%" PRId64 " returns filed for the 12 months to %s")),
                          d->n[0], d->s[0]);
    case GD_GST_OVERDUE:
        if (d->n[0] == 0)
            return buf_printf(b, tr(translate, N_("none of %" PRId64 " returns on file is overdue")),
                              d->n[1]);
        return buf_printf(b, tr(translate, N_("%" PRId64 " of %" PRId64 " returns on file not filed "
                                              "after the due date; the oldest for %s, due %s")),
                          d->n[0], d->n[1], d->s[0], d->s[1]);
    case GD_CLUSTER_MEMBER:
        return buf_printf(b, tr(translate, N_("in cluster %s as %s")), d->s[0],
                          role_words(d->s[1], translate));
    case GD_CREDIT_NPA:
        return buf_printf(b, tr(translate, N_("facility %s was a non-performing asset in %s, "
                                              "%" PRId64 " days past due")),
                          d->s[0], d->s[1], d->n[0]);
    case GD_CREDIT_NEVER_NPA:
        return buf_printf(b, tr(translate, N_("no non-performing asset in %" PRId64 " monthly "
                                              "reports to %s; facilities: %" PRId64)),
                          d->n[1], d->s[0], d->n[0]);
    case GD_CREDIT_SCHEMES:
        return buf_printf(b, tr(translate, N_("facilities under a scheme: %" PRId64 "; the latest, "
                                              "%s, sanctioned on %s")),
                          d->n[0], d->s[0], d->s[1]);
    case GD_SKILLING:
        return buf_printf(b, tr(translate, N_("training record %s (%s), started on %s")), d->s[0],
                          d->s[1], d->s[2]);
    case GD_SKILLING_AGE:
        return buf_printf(b, tr(translate, N_("born in %" PRId64 ", by training record %s")),
                          d->n[0], d->s[0]);
    case GD_BENEFICIARY:
        return buf_printf(b, tr(translate, N_("rows of schemes' beneficiary lists: %" PRId64 "; the "
                                              "latest, %s of %s, %s")),
                          d->n[0], d->s[1], d->s[0], link_words(d->s[2], translate));
    }
    return 0;
}

/* The detail, escaped for HTML, after `lead`; nothing when there is none. */
static int put_detail_html(struct buf *b, const char *lead, const struct golden_detail *d,
                           bool translate)
{
    struct buf text = BUF_INIT;
    int rc;

    if (d->kind == GD_NONE)
        return 0;
    rc = profile_view_put_detail(&text, d, translate) || buf_puts(b, lead)
         || buf_put_html(b, buf_cstr(&text));
    buf_release(&text);
    return rc ? -1 : 0;
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
        if (src->file[0] == '\0')
            return src->detail.kind != GD_NONE
                       ? put_detail_html(b, " (", &src->detail, hindi) || buf_puts(b, ")")
                       : 0;
        if (buf_puts(b, " (") || buf_put_html(b, src->file))
            return -1;
        if (buf_printf(b, hindi ? ", पंक्ति %" PRId64 : ", row %" PRId64, src->row))
            return -1;
        if (put_detail_html(b, "; ", &src->detail, hindi))
            return -1;
        return buf_puts(b, ")");
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
    if (root != NULL && json_path_set(root, d->path, json_incref((json_t *)value)) == 0) {
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
                      const char *text, int64_t user_id, const char *source, const char *note,
                      char *msg, size_t msg_cap, struct err *e)
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
    current = now_json == NULL ? NULL : json_path_get(now_json, d->path);
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
    snprintf(row.note, sizeof row.note, "%s", note ? note : "");
    row.user_id = user_id;
    /* An entrepreneur revising their own word is no correction; an
     * officer replacing anyone's value is. */
    if (current != NULL && v->source[f].origin != ORIGIN_NONE
        && (v->source[f].origin == ORIGIN_RECORD || strcmp(source, "officer") == 0)) {
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
