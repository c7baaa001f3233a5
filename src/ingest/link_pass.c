/* link_pass.c: record linkage of feed rows to enterprises (link_pass.h).
 *
 * One pass for every feed that needs one; what differs per feed (its
 * configuration, how its unlinked rows are read and its verdicts written,
 * what of an enterprise is compared) is a `source` at the end of the file.
 * The pass reads what is unlinked, links it in memory, then writes every
 * verdict in the same transaction: a kill before the commit leaves the
 * rows unlinked, and the next load of the feed links them. */
#include "ingest/link_pass.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/embedded.h"
#include "core/enterprise.h"
#include "core/profile.h"
#include "link/link.h"
#include "store/store_beneficiary.h"
#include "store/store_skilling.h"

#define PASS_FIELDS 5

/* Hands one unlinked row (its key and values in the source's field order) to the pass. */
typedef int (*row_fn)(void *pass, const char *key, const char *const values[PASS_FIELDS]);

struct source {
    const char *feed;
    const char *config;                       /* built into the binary */
    const char *fields[PASS_FIELDS];          /* the config's fields, in value order */
    bool try_swapped;                         /* also try fields 0 and 1 swapped */
    int (*relink)(struct store *s, struct err *e);  /* by identifiers now on file; may be NULL */
    int (*each_unlinked)(struct store *s, row_fn fn, void *pass, struct err *e);
    void (*enterprise_values)(const struct enterprise *ent, char state[4],
                              const char *values[PASS_FIELDS]);
    /* explanation NULL: no enterprise found */
    int (*write)(struct store *s, const char *key, int64_t enterprise_id, double weight,
                 double probability, const char *explanation, struct err *e);
    int (*file_linked)(struct store *s, int64_t file_id, int64_t *n, struct err *e);
};

/* One left record: a row as written, or with fields 0 and 1 swapped. */
struct left_ref {
    size_t first;                   /* index of the row's as-written record (its key is its id) */
    bool swapped;
};

struct pass {
    struct store *s;
    const struct source *src;
    const struct link_config *cfg;
    int slot[PASS_FIELDS];          /* config field index of each source field */
    struct link_records *left, *right;
    struct left_ref *lref;          /* [left->n] */
    size_t lcap;
    int64_t *enterprise;            /* [right->n] */
    size_t rcap;
    const struct feed_finish_opts *o;
};

static void say(const struct pass *p, const char *what)
{
    if (!p->o->quiet && isatty(STDERR_FILENO))
        fprintf(stderr, "samanvay: %s: %s\n", p->src->feed, what);
}

static void stage_hook(void *ctx, const char *what)
{
    char line[96];

    snprintf(line, sizeof line, "linking: %s", what);
    say(ctx, line);
}

static int load_config(const struct source *src, struct link_config **out, int slot[PASS_FIELDS],
                       struct err *e)
{
    const struct embedded_file *f = embedded_find(src->config);
    struct link_config *c;

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", src->config);
    if ((c = link_config_load(src->config, f->data, f->len, e)) == NULL)
        return -1;
    if (c->mode != LINK_MODE_LINK || c->n_fields != PASS_FIELDS) {
        link_config_free(c);
        return err_set(e, "%s: the pass needs mode link and the %d fields it fills", src->config,
                       PASS_FIELDS);
    }
    for (int k = 0; k < PASS_FIELDS; k++)
        if ((slot[k] = link_config_field(c, src->fields[k])) < 0) {
            link_config_free(c);
            return err_set(e, "%s: needs a field named %s", src->config, src->fields[k]);
        }
    *out = c;
    return 0;
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    size_t nc;
    void *q;

    if (need <= *cap)
        return p;
    nc = *cap ? *cap * 2 : 1024;
    while (nc < need)
        nc *= 2;
    if ((q = mem_realloc(p, nc * size)) == NULL)
        return NULL;
    *cap = nc;
    return q;
}

/* Values in config order from the source's values. */
static int add_record(struct link_records *set, const struct pass *p, const char *id,
                      const char *const v[PASS_FIELDS], struct err *e)
{
    const char *values[LINK_MAX_FIELDS] = {0};

    for (int k = 0; k < PASS_FIELDS; k++)
        values[p->slot[k]] = v[k];
    return records_add(set, id, values, NULL, e);
}

static int add_left(struct pass *p, const char *id, size_t first, bool swapped,
                    const char *const v[PASS_FIELDS], struct err *e)
{
    struct left_ref *l = grow(p->lref, &p->lcap, p->left->n + 1, sizeof *l);

    if (l == NULL)
        return err_set(e, "out of memory");
    p->lref = l;
    l[p->left->n] = (struct left_ref){first, swapped};
    return add_record(p->left, p, id, v, e);
}

static int take_row(void *ctx, const char *key, const char *const values[PASS_FIELDS])
{
    struct pass *p = ctx;
    size_t first = p->left->n;
    const char *v[PASS_FIELDS];
    char id[96];
    struct err e;

    if (add_left(p, key, first, false, values, &e) != 0)
        return -1;
    if (!p->src->try_swapped || values[1] == NULL || !values[1][0])
        return 0;
    memcpy(v, values, sizeof v);
    v[0] = values[1];
    v[1] = values[0];
    snprintf(id, sizeof id, "%s~swapped", key);
    return add_left(p, id, first, true, v, &e) != 0 ? -1 : 0;
}

static int take_enterprise(void *ctx, const struct enterprise *ent)
{
    struct pass *p = ctx;
    struct err e;
    char state[4], id[24];
    const char *v[PASS_FIELDS];
    int64_t *ids = grow(p->enterprise, &p->rcap, p->right->n + 1, sizeof *ids);

    if (ids == NULL)
        return -1;
    p->enterprise = ids;
    ids[p->right->n] = ent->id;
    p->src->enterprise_values(ent, state, v);
    snprintf(id, sizeof id, "%lld", (long long)ent->id);
    return add_record(p->right, p, id, v, &e) != 0 ? -1 : 0;
}

/* --- verdicts --------------------------------------------------------------- */

static json_t *explanation(const struct pass *p, const struct link_match *m,
                           const struct fs_explain *x)
{
    json_t *fields = json_array();
    char level[32];

    for (int f = 0; f < p->cfg->n_fields; f++) {
        const struct link_field *fd = &p->cfg->field[f];
        json_array_append_new(fields, json_pack("{s:s, s:s, s:f}", "field", fd->name, "level",
                                                link_level_name(fd, x->level[f], level, sizeof level),
                                                "weight", x->weight[f]));
    }
    return json_pack("{s:f, s:f, s:f, s:b, s:o, s:f}", "weight", x->total, "probability",
                     x->probability, "prior", x->prior, "names_swapped", p->lref[m->a].swapped,
                     "fields", fields, "threshold", p->cfg->threshold);
}

static int write_verdict(struct pass *p, const struct link_result *res, const char *key,
                         const struct link_match *m, struct feed_finish_result *r, struct err *e)
{
    struct fs_explain x;
    json_t *why;
    char *text;
    int rc;

    if (m == NULL) {
        r->unmatched++;
        return p->src->write(p->s, key, 0, 0, 0, NULL, e);
    }
    fs_explain_pair(p->cfg, &res->params, p->left, m->a, p->right, m->b, m->vector, &x);
    why = explanation(p, m, &x);
    text = why ? json_dumps(why, JSON_COMPACT | JSON_REAL_PRECISION(5)) : NULL;
    json_decref(why);
    if (text == NULL)
        return err_set(e, "out of memory");
    rc = p->src->write(p->s, key, p->enterprise[m->b], x.total, x.probability, text, e);
    free(text);
    r->by_linker += rc == 0;
    return rc;
}

/* Each row's best match over its readings (next to each other, first the as-written one). */
static int write_verdicts(struct pass *p, const struct link_result *res,
                          struct feed_finish_result *r, struct err *e)
{
    const struct link_match **best = mem_calloc(p->left->n + 1, sizeof *best);
    int rc = 0;

    if (best == NULL)
        return err_set(e, "out of memory");
    for (size_t k = 0; res != NULL && k < res->n_match; k++)
        best[res->match[k].a] = &res->match[k];
    for (size_t i = 0; i < p->left->n && rc == 0;) {
        const struct link_match *m = best[i];
        size_t j = i + 1;
        for (; j < p->left->n && p->lref[j].first == i; j++)
            if (best[j] != NULL && (m == NULL || best[j]->weight > m->weight))
                m = best[j];
        rc = write_verdict(p, res, p->left->id[i], m, r, e);
        i = j;
    }
    mem_free(best);
    return rc;
}

/* --- the pass --------------------------------------------------------------- */

static int link_unlinked(struct pass *p, struct feed_finish_result *r, struct err *e)
{
    struct link_hooks hooks = {stage_hook, p};
    struct link_result *res = NULL;
    int threads = p->o->threads, rc;

    if (p->src->each_unlinked(p->s, take_row, p, e) != 0)
        return -1;
    if (p->left->n == 0)
        return 0;
    say(p, "reading the enterprises on file");
    if (store_enterprise_each(p->s, take_enterprise, p, e) != 0)
        return -1;
    if (records_finish(p->left, threads, e) != 0 || records_finish(p->right, threads, e) != 0)
        return -1;
    /* With too little to estimate a model from, nothing is linked; the
     * rows stay "none" and the next load tries them again. */
    if (p->right->n >= 2 && p->left->n >= 2
        && link_run(p->cfg, p->left, p->right, &hooks, &res, e) != 0)
        return -1;
    rc = p->o->report != NULL && res != NULL ? link_write_report(res, p->o->report, NULL, e) : 0;
    if (rc == 0)
        rc = write_verdicts(p, res, r, e);
    link_result_free(res);
    return rc;
}

static int run(struct pass *p, int64_t file_id, struct feed_finish_result *r, struct err *e)
{
    if (store_begin(p->s, e) != 0)
        return -1;
    if ((p->src->relink != NULL && p->src->relink(p->s, e) != 0) || link_unlinked(p, r, e) != 0
        || p->src->file_linked(p->s, file_id, &r->linked, e) != 0
        || store_ingest_file_set_linked(p->s, file_id, r->linked, e) != 0
        || store_commit(p->s, e) != 0) {
        store_rollback(p->s);
        return -1;
    }
    return 0;
}

static int link_pass(const struct source *src, struct store *s, int64_t file_id,
                     const struct feed_finish_opts *o, struct feed_finish_result *r, struct err *e)
{
    struct link_config *cfg = NULL;
    struct pass p;
    int rc = -1;

    memset(r, 0, sizeof *r);
    memset(&p, 0, sizeof p);
    p.s = s;
    p.src = src;
    p.o = o;
    if (load_config(src, &cfg, p.slot, e) != 0)
        return -1;
    cfg->threads = o->threads;
    p.cfg = cfg;
    if ((p.left = records_new(cfg, 0, e)) != NULL && (p.right = records_new(cfg, 1, e)) != NULL)
        rc = run(&p, file_id, r, e);
    records_free(p.left);
    records_free(p.right);
    mem_free(p.lref);
    mem_free(p.enterprise);
    link_config_free(cfg);
    return rc;
}

/* --- beneficiary lists -------------------------------------------------------- */

struct row_bridge {
    row_fn fn;
    void *pass;
};

static int beneficiary_row(void *ctx, const struct beneficiary_row *r)
{
    struct row_bridge *b = ctx;
    char key[24], state[4] = "";
    const char *v[PASS_FIELDS] = {r->beneficiary_name, r->enterprise_name, state, r->district,
                                  r->pincode};

    if (r->state > 0)
        snprintf(state, sizeof state, "%02d", r->state);
    snprintf(key, sizeof key, "%lld", (long long)r->id);
    return b->fn(b->pass, key, v);
}

static int beneficiary_unlinked(struct store *s, row_fn fn, void *pass, struct err *e)
{
    struct row_bridge b = {fn, pass};

    return store_beneficiary_unlinked(s, beneficiary_row, &b, e);
}

static void beneficiary_enterprise(const struct enterprise *ent, char state[4],
                                   const char *v[PASS_FIELDS])
{
    snprintf(state, 4, "%02d", ent->state);
    v[0] = ent->owner_name;
    v[1] = ent->name;
    v[2] = state;
    v[3] = ent->district;
    v[4] = ent->pincode;
}

static int beneficiary_write(struct store *s, const char *key, int64_t enterprise_id,
                             double weight, double probability, const char *explanation,
                             struct err *e)
{
    int64_t id = strtoll(key, NULL, 10);

    if (explanation == NULL)
        return store_beneficiary_link(s, id, LINK_NONE, 0, 0, 0, NULL, e);
    return store_beneficiary_link(s, id, LINK_PROBABILISTIC, enterprise_id, weight, probability,
                                  explanation, e);
}

static const struct source beneficiary_source = {
    .feed = "beneficiary",
    .config = "data/link/beneficiary.yaml",
    .fields = {"owner_name", "enterprise_name", "state", "district", "pincode"},
    .try_swapped = true,   /* lists swap the person's and the firm's names now and then */
    .relink = store_beneficiary_relink_identifiers,
    .each_unlinked = beneficiary_unlinked,
    .enterprise_values = beneficiary_enterprise,
    .write = beneficiary_write,
    .file_linked = store_beneficiary_file_linked,
};

int link_pass_beneficiary(struct store *s, int64_t file_id, const struct feed_finish_opts *o,
                          struct feed_finish_result *r, struct err *e)
{
    return link_pass(&beneficiary_source, s, file_id, o, r, e);
}

/* --- training records ------------------------------------------------------------ */

static int skilling_row(void *ctx, const struct skilling_trainee *t)
{
    struct row_bridge *b = ctx;
    const char *v[PASS_FIELDS] = {t->trainee_name, t->gender, t->social_category, t->state,
                                  t->district};

    return b->fn(b->pass, t->record_id, v);
}

static int skilling_unlinked(struct store *s, row_fn fn, void *pass, struct err *e)
{
    struct row_bridge b = {fn, pass};

    return store_skilling_unlinked(s, skilling_row, &b, e);
}

static const char *vocabulary_word(enum profile_field f, int v)
{
    return v >= 0 ? profile_enum_name(f, v) : NULL;
}

static void skilling_enterprise(const struct enterprise *ent, char state[4],
                                const char *v[PASS_FIELDS])
{
    snprintf(state, 4, "%02d", ent->state);
    v[0] = ent->owner_name;
    v[1] = vocabulary_word(PF_OWNER_GENDER, ent->owner_gender);
    v[2] = vocabulary_word(PF_OWNER_CATEGORY, ent->social_category);
    v[3] = state;
    v[4] = ent->district;
}

static int skilling_write(struct store *s, const char *key, int64_t enterprise_id, double weight,
                          double probability, const char *explanation, struct err *e)
{
    return store_skilling_link(s, key, explanation ? "probabilistic" : "none", enterprise_id,
                               weight, probability, explanation, e);
}

static const struct source skilling_source = {
    .feed = "skilling",
    .config = "data/link/skilling.yaml",
    .fields = {"owner_name", "gender", "category", "state", "district"},
    .each_unlinked = skilling_unlinked,
    .enterprise_values = skilling_enterprise,
    .write = skilling_write,
    .file_linked = store_skilling_file_linked,
};

int link_pass_skilling(struct store *s, int64_t file_id, const struct feed_finish_opts *o,
                       struct feed_finish_result *r, struct err *e)
{
    return link_pass(&skilling_source, s, file_id, o, r, e);
}
