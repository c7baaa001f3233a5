/* link_pass.c: record linkage of beneficiary list rows (link_pass.h).
 *
 * The pass reads what is unlinked, links it in memory, then writes every
 * verdict in one transaction: a kill before the commit leaves the rows
 * unlinked, and the next load links them. */
#include "ingest/link_pass.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/embedded.h"
#include "core/enterprise.h"
#include "link/link.h"
#include "store/store_beneficiary.h"

#define CONFIG_FILE "data/link/beneficiary.yaml"

/* The fields the configuration must have, in the order values are given. */
enum pass_field { P_OWNER, P_FIRM, P_STATE, P_DISTRICT, P_PINCODE, P_NFIELDS };
static const char *const pass_field_names[P_NFIELDS] = {
    "owner_name", "enterprise_name", "state", "district", "pincode"};

/* One left record: a list row as written, or with its names swapped. */
struct left_ref {
    int64_t row_id;
    bool swapped;
};

struct pass {
    struct store *s;
    const struct link_config *cfg;
    int slot[P_NFIELDS];            /* config field index of each pass field */
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
        fprintf(stderr, "samanvay: beneficiary: %s\n", what);
}

static void stage_hook(void *ctx, const char *what)
{
    char line[96];

    snprintf(line, sizeof line, "linking: %s", what);
    say(ctx, line);
}

static int load_config(struct link_config **out, int slot[P_NFIELDS], struct err *e)
{
    const struct embedded_file *f = embedded_find(CONFIG_FILE);
    struct link_config *c;

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", CONFIG_FILE);
    if ((c = link_config_load(CONFIG_FILE, f->data, f->len, e)) == NULL)
        return -1;
    if (c->mode != LINK_MODE_LINK) {
        link_config_free(c);
        return err_set(e, "%s: the pass needs mode link", CONFIG_FILE);
    }
    for (int k = 0; k < P_NFIELDS; k++)
        if ((slot[k] = link_config_field(c, pass_field_names[k])) < 0) {
            link_config_free(c);
            return err_set(e, "%s: needs a field named %s", CONFIG_FILE, pass_field_names[k]);
        }
    if (c->n_fields != P_NFIELDS) {
        link_config_free(c);
        return err_set(e, "%s: has fields the pass cannot fill", CONFIG_FILE);
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

/* Values in config order from the pass fields' values. */
static int add_record(struct link_records *set, const struct pass *p, const char *id,
                      const char *const v[P_NFIELDS], struct err *e)
{
    const char *values[LINK_MAX_FIELDS] = {0};

    for (int k = 0; k < P_NFIELDS; k++)
        values[p->slot[k]] = v[k];
    return records_add(set, id, values, NULL, e);
}

static int add_left(struct pass *p, int64_t row_id, bool swapped, const char *const v[P_NFIELDS],
                    struct err *e)
{
    char id[32];
    struct left_ref *l = grow(p->lref, &p->lcap, p->left->n + 1, sizeof *l);

    if (l == NULL)
        return err_set(e, "out of memory");
    p->lref = l;
    l[p->left->n] = (struct left_ref){row_id, swapped};
    snprintf(id, sizeof id, "%lld%s", (long long)row_id, swapped ? "~swapped" : "");
    return add_record(p->left, p, id, v, e);
}

static int take_row(void *ctx, const struct beneficiary_row *r)
{
    struct pass *p = ctx;
    struct err e;
    char state[4] = "";
    const char *v[P_NFIELDS] = {r->beneficiary_name, r->enterprise_name, state, r->district,
                                r->pincode};

    if (r->state > 0)
        snprintf(state, sizeof state, "%02d", r->state);
    if (add_left(p, r->id, false, v, &e) != 0)
        return -1;
    /* Lists swap the person's and the firm's names now and then. */
    if (!r->enterprise_name[0])
        return 0;
    v[P_OWNER] = r->enterprise_name;
    v[P_FIRM] = r->beneficiary_name;
    return add_left(p, r->id, true, v, &e) != 0 ? -1 : 0;
}

static int take_enterprise(void *ctx, const struct enterprise *ent)
{
    struct pass *p = ctx;
    struct err e;
    char state[4], id[24];
    const char *v[P_NFIELDS] = {ent->owner_name, ent->name, state, ent->district, ent->pincode};
    int64_t *ids = grow(p->enterprise, &p->rcap, p->right->n + 1, sizeof *ids);

    if (ids == NULL)
        return -1;
    p->enterprise = ids;
    ids[p->right->n] = ent->id;
    snprintf(state, sizeof state, "%02d", ent->state);
    snprintf(id, sizeof id, "%lld", (long long)ent->id);
    return add_record(p->right, p, id, v, &e) != 0 ? -1 : 0;
}

/* --- verdicts --------------------------------------------------------------- */

/* Each row's best match over its two readings. */
struct verdict {
    const struct link_match *m;     /* NULL: none at or above the threshold */
};

static json_t *explanation(const struct pass *p, const struct link_result *res,
                           const struct link_match *m, const struct fs_explain *x)
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
                     x->probability, "prior", x->prior, "names_swapped",
                     p->lref[m->a].swapped, "fields", fields, "threshold", res->cfg->threshold);
}

static int write_verdict(struct pass *p, const struct link_result *res, int64_t row_id,
                         const struct link_match *m, struct feed_finish_result *r, struct err *e)
{
    struct fs_explain x;
    json_t *why;
    char *text;
    int rc;

    if (m == NULL) {
        r->unmatched++;
        return store_beneficiary_link(p->s, row_id, LINK_NONE, 0, 0, 0, NULL, e);
    }
    fs_explain_pair(p->cfg, &res->params, p->left, m->a, p->right, m->b, m->vector, &x);
    why = explanation(p, res, m, &x);
    text = why ? json_dumps(why, JSON_COMPACT | JSON_REAL_PRECISION(5)) : NULL;
    json_decref(why);
    if (text == NULL)
        return err_set(e, "out of memory");
    rc = store_beneficiary_link(p->s, row_id, LINK_PROBABILISTIC, p->enterprise[m->b], x.total,
                                x.probability, text, e);
    free(text);
    r->by_linker += rc == 0;
    return rc;
}

/* Left records come in row order, a row's readings next to each other. */
static int write_verdicts(struct pass *p, const struct link_result *res,
                          struct feed_finish_result *r, struct err *e)
{
    const struct link_match **best = mem_calloc(p->left->n + 1, sizeof *best);
    int rc = 0;

    if (best == NULL)
        return err_set(e, "out of memory");
    for (size_t k = 0; k < res->n_match; k++)
        best[res->match[k].a] = &res->match[k];
    for (size_t i = 0; i < p->left->n && rc == 0;) {
        const struct link_match *m = best[i];
        size_t j = i + 1;
        for (; j < p->left->n && p->lref[j].row_id == p->lref[i].row_id; j++)
            if (best[j] != NULL && (m == NULL || best[j]->weight > m->weight))
                m = best[j];
        rc = write_verdict(p, res, p->lref[i].row_id, m, r, e);
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
    int threads = p->o->threads;

    if (store_beneficiary_unlinked(p->s, take_row, p, e) != 0)
        return -1;
    if (p->left->n == 0)
        return 0;
    say(p, "reading the enterprises on file");
    if (store_enterprise_each(p->s, take_enterprise, p, e) != 0)
        return -1;
    if (records_finish(p->left, threads, e) != 0 || records_finish(p->right, threads, e) != 0)
        return -1;
    if (p->right->n == 0) {
        /* Nothing to link to: every row stays unlinked, as "none". */
        struct link_result empty = {.cfg = p->cfg};
        return write_verdicts(p, &empty, r, e);
    }
    if (link_run(p->cfg, p->left, p->right, &hooks, &res, e) != 0)
        return -1;
    if ((p->o->report != NULL && link_write_report(res, p->o->report, NULL, e) != 0)
        || write_verdicts(p, res, r, e) != 0) {
        link_result_free(res);
        return -1;
    }
    link_result_free(res);
    return 0;
}

static int run(struct pass *p, int64_t file_id, struct feed_finish_result *r, struct err *e)
{
    if (store_begin(p->s, e) != 0)
        return -1;
    if (store_beneficiary_relink_identifiers(p->s, e) != 0 || link_unlinked(p, r, e) != 0
        || store_beneficiary_file_linked(p->s, file_id, &r->linked, e) != 0
        || store_commit(p->s, e) != 0) {
        store_rollback(p->s);
        return -1;
    }
    return 0;
}

int link_pass_beneficiary(struct store *s, int64_t file_id, const struct feed_finish_opts *o,
                          struct feed_finish_result *r, struct err *e)
{
    struct link_config *cfg = NULL;
    struct pass p;
    int rc = -1;

    memset(r, 0, sizeof *r);
    memset(&p, 0, sizeof p);
    p.s = s;
    p.o = o;
    if (load_config(&cfg, p.slot, e) != 0)
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
