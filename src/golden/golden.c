/* golden.c: candidates from every source, then survivorship (golden.h).
 *
 * Values travel as profile JSON, and the survivors are read back through
 * the profile's own JSON reader, so a stored value is checked by exactly
 * the rules that check the API's profiles: a value that no longer
 * validates (a vocabulary changed) leaves its field unknown rather than
 * being trusted. */
#include "golden/golden.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/json_path.h"
#include "core/cluster.h"
#include "core/money.h"
#include "store/store_beneficiary.h"
#include "store/store_cluster.h"
#include "store/store_consent.h"
#include "store/store_credit.h"
#include "store/store_gst.h"
#include "store/store_profile.h"
#include "store/store_skilling.h"

static struct golden_value *add_value(struct golden_record *g, enum profile_field f,
                                      enum golden_source src, json_t *value, struct err *e)
{
    struct golden_value *v;

    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        void *p = g->n < GOLDEN_VALUES_MAX ? mem_realloc(g->values, cap * sizeof *g->values) : NULL;
        if (p == NULL) {
            json_decref(value);
            err_set(e, g->n < GOLDEN_VALUES_MAX ? "golden record: out of memory"
                                                : "golden record: more than %d values", GOLDEN_VALUES_MAX);
            return NULL;
        }
        g->values = p;
        g->cap = cap;
    }
    v = &g->values[g->n++];
    memset(v, 0, sizeof *v);
    v->field = f;
    v->key.source = src;
    v->key.as_of = DATE_UNKNOWN;
    v->value = value;
    return v;
}

static int32_t day_of(const char *iso)
{
    int32_t d;

    return strlen(iso) >= 10 && date_parse(iso, 10, &d, NULL) == 0 ? d : DATE_UNKNOWN;
}

/* --- the enterprise row -------------------------------------------------- */

/* Which source the enterprise row speaks for: the feed that made it. */
static enum golden_source record_source(const char *feed)
{
    if (strcmp(feed, "portal") == 0)
        return GS_REGISTERED;
    if (strcmp(feed, "gst") == 0)
        return GS_GST;
    return GS_UDYAM;
}

static int record_values(struct store *s, struct golden_record *g, struct err *e)
{
    struct ingest_file_info file;
    struct profile p;
    json_t *root;
    size_t nf;
    const struct profile_field_desc *fields = profile_fields(&nf);
    enum golden_source src = record_source(g->ent.src_feed);
    bool found, allowed = true;
    int rc = 0;

    /* A GST filer not on Udyam: its row is the GST feed's, and speaks only
     * as far as consent to GST allows (docs/consent.md). */
    if (src == GS_GST
        && store_consent_allows_here(s, g->ent.id, CONSENT_GST, &allowed, e) != 0)
        return -1;
    if (!allowed)
        return 0;
    if (store_ingest_file_get(s, g->ent.src_file, &file, &found, e) != 0)
        return -1;
    profile_init(&p);
    root = enterprise_to_profile(&g->ent, &p) == 0 ? profile_to_json(&p) : NULL;
    profile_clear(&p);
    if (root == NULL)
        return err_set(e, "golden record: out of memory");
    for (size_t i = 0; i < nf && rc == 0; i++) {
        json_t *value = json_path_get(root, fields[i].path);
        struct golden_value *v;
        if (value == NULL || fields[i].id == PF_AS_OF)
            continue;
        if ((v = add_value(g, fields[i].id, src, json_incref(value), e)) == NULL) {
            rc = -1;
            break;
        }
        v->key.as_of = day_of(file.started_at);
        snprintf(v->feed, sizeof v->feed, "%s", g->ent.src_feed);
        v->file_id = g->ent.src_file;
        v->row = g->ent.src_row;
        snprintf(v->file, sizeof v->file, "%s", file.name);
    }
    json_decref(root);
    return rc;
}

/* --- what people said on the portal ---------------------------------------- */

static int fact_value(void *ctx, const struct profile_fact_row *f)
{
    struct golden_record *g = ((void **)ctx)[0];
    struct err *e = ((void **)ctx)[1];
    const struct profile_field_desc *d = profile_field_by_path(f->path);
    json_t *value = json_loads(f->value, JSON_DECODE_ANY, NULL);
    struct golden_value *v;

    if (d == NULL || value == NULL) {
        json_decref(value); /* a field since removed from the profile: kept in the store, unused */
        return 0;
    }
    v = add_value(g, d->id, strcmp(f->source, "officer") == 0 ? GS_OFFICER : GS_SELF, value, e);
    if (v == NULL)
        return -1;
    v->key.as_of = day_of(f->at);
    v->key.seq = f->id;
    v->user_id = f->user_id;
    snprintf(v->at, sizeof v->at, "%s", f->at);
    snprintf(v->note, sizeof v->note, "%s", f->note);
    v->corrected = f->replaced[0] != '\0';
    snprintf(v->replaced, sizeof v->replaced, "%s", f->replaced);
    return 0;
}

static int portal_values(struct store *s, struct golden_record *g, struct err *e)
{
    void *ctx[2] = {g, e};

    return store_profile_facts_by_source(s, g->ent.id, fact_value, ctx, e);
}

/* --- what several feeds share --------------------------------------------- */

/* A feed row as a value's provenance: the feed, the file by name, the row. */
static int set_feed_row(struct store *s, struct golden_value *v, const char *feed,
                        int64_t file_id, int64_t row, struct err *e)
{
    struct ingest_file_info file;
    bool found;

    if (store_ingest_file_get(s, file_id, &file, &found, e) != 0)
        return -1;
    snprintf(v->feed, sizeof v->feed, "%s", feed);
    v->file_id = file_id;
    v->row = row;
    snprintf(v->file, sizeof v->file, "%s", found ? file.name : "");
    return 0;
}

static void detail_text(struct golden_detail *d, int i, const char *text)
{
    snprintf(d->s[i], sizeof d->s[i], "%s", text);
}

/* A date.h month index as 'YYYY-MM'; "" when unknown. */
static void detail_month(struct golden_detail *d, int i, int month_index)
{
    char day[DATE_STR_LEN];

    d->s[i][0] = '\0';
    if (month_index < 0)
        return;
    date_format(date_month_first(month_index), day);
    snprintf(d->s[i], sizeof d->s[i], "%.7s", day);
}

static void detail_day(struct golden_detail *d, int i, int32_t day)
{
    char text[DATE_STR_LEN] = "";

    if (day != DATE_UNKNOWN)
        date_format(day, text);
    detail_text(d, i, text);
}

/* --- GST returns ------------------------------------------------------------- */

static int add_gst_value(struct store *s, struct golden_record *g, enum profile_field f,
                         json_t *value, const struct gst_turnover *t, struct err *e)
{
    struct golden_value *v = add_value(g, f, GS_GST, value, e);

    if (v == NULL || set_feed_row(s, v, "gst", t->src_file, t->src_row, e) != 0)
        return -1;
    v->key.as_of = date_month_last(t->last_month);
    v->detail.kind = GD_GST_RETURNS;
    v->detail.n[0] = t->returns;
    detail_month(&v->detail, 0, t->last_month);
    return 0;
}

/* How many of its returns on file are overdue on `today`: its good
 * standing (history.gst_returns_overdue). No returns on file: the feed
 * says nothing, so the fact stays unknown. */
static int gst_overdue(struct store *s, struct golden_record *g, int32_t today, struct err *e)
{
    struct gst_overdue o;
    struct golden_value *v;

    if (store_gst_overdue(s, g->ent.id, today, &o, e) != 0)
        return -1;
    if (o.on_file == 0)
        return 0;
    v = add_value(g, PF_HIST_GST_OVERDUE, GS_GST, json_integer(o.overdue), e);
    if (v == NULL || set_feed_row(s, v, "gst", o.src_file, o.src_row, e) != 0)
        return -1;
    v->key.as_of = today;
    v->detail.kind = GD_GST_OVERDUE;
    v->detail.n[0] = o.overdue;
    v->detail.n[1] = o.on_file;
    detail_text(&v->detail, 0, o.oldest_period);
    detail_day(&v->detail, 1, o.oldest_due);
    return 0;
}

/* What the returns show: the scheme the unit files under, its turnover
 * when the last twelve months were all filed (store_gst.h), and how many
 * are overdue. */
static int gst_values(struct store *s, struct golden_record *g, int32_t today, struct err *e)
{
    struct gst_turnover t;
    const char *scheme;

    if (gst_overdue(s, g, today, e) != 0 || store_gst_turnover(s, g->ent.id, &t, e) != 0)
        return -1;
    if (!t.filed)
        return 0;
    scheme = strcmp(t.return_type, "CMP08") == 0 ? "composition" : t.quarterly ? "qrmp" : "regular";
    if (add_gst_value(s, g, PF_GST_SCHEME, json_string(scheme), &t, e) != 0)
        return -1;
    return t.complete ? add_gst_value(s, g, PF_TURNOVER, money_to_json(t.turnover), &t, e) : 0;
}

/* --- cluster membership ----------------------------------------------------- */

/* Which membership speaks for the enterprise when it is in several: the
 * anchor's role first, then the SPV's, then the latest joined; a closed
 * cluster only when there is no other. */
static int role_rank(const struct cluster_membership *m)
{
    int r = m->role == CLUSTER_ROLE_ANCHOR ? 3 : m->role == CLUSTER_ROLE_SPV_MEMBER ? 2 : 1;
    return m->status == CLUSTER_CLOSED ? r : r + 10;
}

static int pick_membership(void *ctx, const struct cluster_membership *m)
{
    struct cluster_membership *best = ctx;

    if (best->cluster_id[0] == '\0' || role_rank(m) > role_rank(best)
        || (role_rank(m) == role_rank(best) && m->joined_on > best->joined_on))
        *best = *m;
    return 0;
}

static int add_cluster_value(struct golden_record *g, enum profile_field f, json_t *value,
                             const struct cluster_membership *m, struct err *e)
{
    struct golden_value *v = add_value(g, f, GS_CLUSTER, value, e);

    if (v == NULL)
        return -1;
    v->key.as_of = m->joined_on;
    snprintf(v->feed, sizeof v->feed, "cluster_member");
    v->detail.kind = GD_CLUSTER_MEMBER;
    detail_text(&v->detail, 0, m->cluster_id);
    detail_text(&v->detail, 1, cluster_roles[m->role]);
    return 0;
}

/* The cluster feed says which cluster the unit is in and under which
 * scheme; a member of a traditional-craft cluster is in a traditional
 * industry (the feed says nothing of the others, so they stay unknown). */
static int cluster_values(struct store *s, struct golden_record *g, struct err *e)
{
    struct cluster_membership m;
    const char *scheme;

    memset(&m, 0, sizeof m);
    if (store_cluster_memberships(s, g->ent.id, pick_membership, &m, e) != 0)
        return -1;
    if (m.cluster_id[0] == '\0')
        return 0;
    scheme = profile_enum_name(PF_CLUSTER_SCHEME, m.scheme);
    if (add_cluster_value(g, PF_CLUSTER_ID, json_string(m.cluster_id), &m, e) != 0
        || (scheme && add_cluster_value(g, PF_CLUSTER_SCHEME, json_string(scheme), &m, e) != 0)
        || (m.traditional == 1 && add_cluster_value(g, PF_TRADITIONAL, json_true(), &m, e) != 0))
        return -1;
    return 0;
}

/* --- credit reporting ----------------------------------------------------------- */

/* Whether a loan was ever in default: the lenders' monthly reports say it
 * of every facility they hold, so with none on file credit says nothing. */
static int credit_default(struct store *s, struct golden_record *g, struct err *e)
{
    struct credit_history h;
    struct golden_value *v;

    if (store_credit_history(s, g->ent.id, &h, e) != 0)
        return -1;
    if (h.facilities == 0)
        return 0;
    v = add_value(g, PF_HIST_LOAN_DEFAULT, GS_CREDIT, json_boolean(h.npa_ever), e);
    if (v == NULL || set_feed_row(s, v, "credit", h.src_file, h.src_row, e) != 0)
        return -1;
    v->key.as_of = h.latest_month >= 0 ? date_month_last(h.latest_month) : DATE_UNKNOWN;
    if (h.npa_ever) {
        v->detail.kind = GD_CREDIT_NPA;
        detail_text(&v->detail, 0, h.facility_id);
        detail_month(&v->detail, 1, h.month);
        v->detail.n[0] = h.dpd;
    } else {
        v->detail.kind = GD_CREDIT_NEVER_NPA;
        v->detail.n[0] = h.facilities;
        v->detail.n[1] = h.months;
        detail_month(&v->detail, 0, h.latest_month);
    }
    return 0;
}

struct scheme_loans {
    json_t *schemes;                  /* each scheme once, latest sanctioned first */
    struct credit_scheme_loan latest;
    int64_t n;
};

static int collect_scheme_loan(void *ctx, const struct credit_scheme_loan *l)
{
    struct scheme_loans *c = ctx;
    size_t i;
    json_t *seen;

    if (c->n++ == 0)
        c->latest = *l;
    json_array_foreach(c->schemes, i, seen)
        if (strcmp(json_string_value(seen), l->scheme) == 0)
            return 0;
    return json_array_append_new(c->schemes, json_string(l->scheme)) == 0 ? 0 : -1;
}

/* Schemes the unit had loans under. Credit never says a unit availed no
 * scheme: a scheme's benefit need not be a loan (data/survivorship.csv
 * ranks the beneficiary lists first for that). */
static int credit_schemes(struct store *s, struct golden_record *g, struct err *e)
{
    struct scheme_loans c;
    struct golden_value *v;

    memset(&c, 0, sizeof c);
    if ((c.schemes = json_array()) == NULL)
        return err_set(e, "golden record: out of memory");
    if (store_credit_scheme_loans(s, g->ent.id, collect_scheme_loan, &c, e) != 0) {
        json_decref(c.schemes);
        return -1;
    }
    if (c.n == 0) {
        json_decref(c.schemes);
        return 0;
    }
    v = add_value(g, PF_HIST_SCHEMES, GS_CREDIT, c.schemes, e);
    if (v == NULL || set_feed_row(s, v, "credit", c.latest.src_file, c.latest.src_row, e) != 0)
        return -1;
    v->key.as_of = c.latest.sanctioned_on;
    v->detail.kind = GD_CREDIT_SCHEMES;
    v->detail.n[0] = c.n;
    detail_text(&v->detail, 0, c.latest.facility_id);
    detail_day(&v->detail, 1, c.latest.sanctioned_on);
    return 0;
}

static int credit_values(struct store *s, struct golden_record *g, struct err *e)
{
    return credit_default(s, g, e) != 0 ? -1 : credit_schemes(s, g, e);
}

/* --- training records --------------------------------------------------------- */

static struct golden_value *add_skilling_value(struct store *s, struct golden_record *g,
                                               enum profile_field f, json_t *value,
                                               const struct skilling_record *r, struct err *e)
{
    struct golden_value *v = add_value(g, f, GS_SKILLING, value, e);

    if (v == NULL || set_feed_row(s, v, "skilling", r->src_file, r->src_row, e) != 0)
        return NULL;
    v->key.as_of = r->started_on;
    v->detail.kind = GD_SKILLING;
    detail_text(&v->detail, 0, r->record_id);
    detail_text(&v->detail, 1, r->programme);
    detail_day(&v->detail, 2, r->started_on);
    return v;
}

/* The age the owner reaches in today's year: a training record gives
 * only the year of birth, so the age may be one year more than the
 * owner's until the birthday. It is as of today, not of the record. */
static int add_skilling_age(struct store *s, struct golden_record *g,
                            const struct skilling_record *r, int32_t today, struct err *e)
{
    struct golden_value *v;
    int year, month, day, age;

    date_to_ymd(today, &year, &month, &day);
    age = year - r->birth_year;
    if (r->birth_year <= 0 || age < 0 || age > 130)
        return 0;
    if ((v = add_skilling_value(s, g, PF_OWNER_AGE, json_integer(age), r, e)) == NULL)
        return -1;
    v->key.as_of = today;
    v->detail.kind = GD_SKILLING_AGE;
    v->detail.n[0] = r->birth_year;
    return 0;
}

/* The owner as the most recent training record attached to the unit
 * describes them (one record, so the facts are of one person); a value
 * the provider left empty says nothing. */
static int skilling_values(struct store *s, struct golden_record *g, int32_t today,
                           struct err *e)
{
    struct skilling_record r;
    bool found;

    if (store_skilling_latest(s, g->ent.id, &r, &found, e) != 0)
        return -1;
    if (!found)
        return 0;
    if (r.gender[0]
        && add_skilling_value(s, g, PF_OWNER_GENDER, json_string(r.gender), &r, e) == NULL)
        return -1;
    if (r.social_category[0]
        && add_skilling_value(s, g, PF_OWNER_CATEGORY, json_string(r.social_category), &r, e)
               == NULL)
        return -1;
    return add_skilling_age(s, g, &r, today, e);
}

/* --- schemes' beneficiary lists ------------------------------------------------ */

struct list_rows {
    json_t *schemes;                  /* each scheme once, latest disbursal first */
    struct beneficiary_row latest;    /* the newest row: the schemes' provenance */
    struct beneficiary_row named;     /* the newest row linked by an identifier with a firm name */
    int64_t n;
};

static int collect_list_row(void *ctx, const struct beneficiary_row *r)
{
    struct list_rows *c = ctx;
    size_t i;
    json_t *seen;

    if (c->n++ == 0)
        c->latest = *r;
    /* A name that linked a row by the linker would be proving itself. */
    if (!c->named.id && r->enterprise_name[0] && (r->method == LINK_UDYAM || r->method == LINK_PAN))
        c->named = *r;
    json_array_foreach(c->schemes, i, seen)
        if (strcmp(json_string_value(seen), r->scheme) == 0)
            return 0;
    return json_array_append_new(c->schemes, json_string(r->scheme)) == 0 ? 0 : -1;
}

static struct golden_value *add_list_value(struct store *s, struct golden_record *g,
                                           enum profile_field f, json_t *value,
                                           const struct beneficiary_row *r, int64_t n,
                                           struct err *e)
{
    struct golden_value *v = add_value(g, f, GS_BENEFICIARY, value, e);

    if (v == NULL || set_feed_row(s, v, "beneficiary", r->src_file, r->src_row, e) != 0)
        return NULL;
    v->key.as_of = r->disbursed_on != DATE_UNKNOWN ? r->disbursed_on : r->sanctioned_on;
    v->detail.kind = GD_BENEFICIARY;
    v->detail.n[0] = n;
    detail_text(&v->detail, 0, r->scheme);
    detail_text(&v->detail, 1, r->list_ref);
    detail_text(&v->detail, 2, link_method_name(r->method) ? link_method_name(r->method) : "");
    return v;
}

/* The schemes whose lists name the unit, and, for a unit we know no name
 * of (one made from GST returns), the name a list gave it beside its
 * Udyam number or PAN. */
static int list_values(struct store *s, struct golden_record *g, struct err *e)
{
    struct list_rows c;

    memset(&c, 0, sizeof c);
    if ((c.schemes = json_array()) == NULL)
        return err_set(e, "golden record: out of memory");
    if (store_beneficiary_of_enterprise(s, g->ent.id, collect_list_row, &c, e) != 0) {
        json_decref(c.schemes);
        return -1;
    }
    if (c.n == 0) {
        json_decref(c.schemes);
        return 0;
    }
    if (add_list_value(s, g, PF_HIST_SCHEMES, c.schemes, &c.latest, c.n, e) == NULL)
        return -1;
    if (c.named.id
        && add_list_value(s, g, PF_NAME, json_string(c.named.enterprise_name), &c.named, c.n, e)
               == NULL)
        return -1;
    return 0;
}

/* --- survivorship ------------------------------------------------------------ */

static void choose_winners(const struct survivorship *rules, struct golden_record *g)
{
    struct golden_candidate keys[GS_COUNT * 2];
    int index[GS_COUNT * 2];

    for (int f = 0; f < PF_COUNT; f++) {
        size_t n = 0;
        int w;
        for (size_t i = 0; i < g->n && n < sizeof keys / sizeof keys[0]; i++)
            if (g->values[i].field == (enum profile_field)f) {
                keys[n] = g->values[i].key;
                index[n++] = (int)i;
            }
        w = survivorship_choose(rules, (enum profile_field)f, keys, n);
        g->winner[f] = w < 0 ? -1 : index[w];
    }
}

/* Read the survivors into the profile; a value the reader refuses leaves
 * its field unknown. */
static int read_survivors(struct golden_record *g, int32_t today, struct err *e)
{
    struct profile_issues is = {0};
    json_t *root = json_object();
    size_t nf;
    const struct profile_field_desc *fields = profile_fields(&nf);

    if (root == NULL)
        return err_set(e, "golden record: out of memory");
    for (size_t i = 0; i < nf; i++) {
        int w = g->winner[fields[i].id];
        if (w >= 0 && json_path_set(root, fields[i].path, json_incref(g->values[w].value)) != 0) {
            json_decref(root);
            return err_set(e, "golden record: out of memory");
        }
    }
    (void)profile_from_json(root, &g->profile, &is);
    for (size_t i = 0; i < is.n; i++) {
        const struct profile_field_desc *d = profile_field_by_path(is.items[i].path);
        if (d != NULL && !is.items[i].warning)
            g->winner[d->id] = -1;
    }
    profile_issues_free(&is);
    json_decref(root);
    profile_set_int(&g->profile, PF_AS_OF, today);
    return 0;
}

int golden_record_load(struct store *s, const struct survivorship *rules, int64_t id,
                       int32_t today, struct golden_record *g, bool *found, struct err *e)
{
    memset(g, 0, sizeof *g);
    profile_init(&g->profile);
    for (int f = 0; f < PF_COUNT; f++)
        g->winner[f] = -1;
    if (store_enterprise_get(s, id, &g->ent, found, e) != 0)
        return -1;
    if (!*found)
        return 0;
    if (record_values(s, g, e) != 0 || portal_values(s, g, e) != 0 || cluster_values(s, g, e) != 0
        || gst_values(s, g, today, e) != 0 || credit_values(s, g, e) != 0
        || skilling_values(s, g, today, e) != 0 || list_values(s, g, e) != 0)
        return -1;
    choose_winners(rules, g);
    return read_survivors(g, today, e);
}

void golden_record_free(struct golden_record *g)
{
    for (size_t i = 0; i < g->n; i++)
        json_decref(g->values[i].value);
    mem_free(g->values);
    profile_clear(&g->profile);
    memset(g, 0, sizeof *g);
}

const struct golden_value *golden_winner(const struct golden_record *g, enum profile_field f)
{
    return f >= 0 && f < PF_COUNT && g->winner[f] >= 0 ? &g->values[g->winner[f]] : NULL;
}
