/* store_scenario.c: the enterprises and traditional-cluster members a
 * scenario simulation reads; one read transaction so both agree. */
#include "store/store_scenario.h"

#include <stdlib.h>

#include "analytics/simulate.h"
#include "analytics/simulate_input.h"
#include "core/alloc.h"
#include "store/db.h"

struct loading {
    struct batch_columns *cols;
    bool out_of_memory;     /* a refusing callback stops the scan without an error */
};

static int add_row(void *ctx, const struct enterprise *ent)
{
    struct loading *l = ctx;

    l->out_of_memory = batch_columns_add(l->cols, ent) != 0;
    return l->out_of_memory ? 1 : 0;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int push_id(int64_t **ids, size_t *len, size_t *cap, int64_t id)
{
    if (*len == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        int64_t *p = mem_realloc(*ids, nc * sizeof *p);
        if (p == NULL)
            return -1;
        *ids = p;
        *cap = nc;
    }
    (*ids)[(*len)++] = id;
    return 0;
}

/* Every cluster member's cluster facts into the columns (the rules of
 * SFURTI and MSE-CDP read enterprise.cluster.id and
 * enterprise.traditional_industry), as the golden record gives them: the
 * cluster's id (a traditional one first), traditional when any of its
 * clusters is; a unit in no traditional cluster stays unknown there, since
 * the feed marks traditional clusters, not non-traditional units. The
 * members of traditional clusters are also returned, by id. Columns are
 * in id order (store_enterprise_each reads by id). */
static int cluster_facts(struct store *s, struct batch_columns *c, int64_t **out, size_t *n, struct err *e)
{
    static const char sql[] =
        "SELECT m.enterprise_id, MAX(c.traditional),"
        " COALESCE(MIN(CASE WHEN c.traditional = 1 THEN m.cluster_id END), MIN(m.cluster_id))"
        " FROM cluster_member m JOIN cluster c ON c.cluster_id = m.cluster_id"
        " GROUP BY m.enterprise_id ORDER BY 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int64_t *ids = NULL;
    size_t len = 0, cap = 0;
    int rc;

    if (st == NULL)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t id = db_column_int64(st, 0);
        bool trad = db_column_int64(st, 1) == 1;
        const int64_t *row = c->n ? bsearch(&id, c->id, c->n, sizeof *c->id, cmp_id) : NULL;
        if (row != NULL
            && batch_columns_set_cluster(c, (size_t)(row - c->id), db_column_text(st, 2), trad ? 1 : -1) != 0) {
            rc = err_set(e, "out of memory");
            break;
        }
        if (trad && push_id(&ids, &len, &cap, id) != 0) {
            rc = err_set(e, "out of memory");
            break;
        }
    }
    db_reset(st);
    if (rc < 0) {
        mem_free(ids);
        return -1;
    }
    *out = ids;
    *n = len;
    return 0;
}

int store_scenario_load(struct store *s, const struct refdata *ref, struct batch_columns **cols,
                        int64_t **traditional, size_t *n_traditional, struct err *e)
{
    struct batch_columns *c = batch_columns_new(ref);
    struct loading l = {c, false};
    int64_t *ids = NULL;
    size_t n = 0;
    int rc;

    if (c == NULL)
        return err_set(e, "out of memory");
    if (store_begin_read(s, e) != 0) {
        batch_columns_free(c);
        return -1;
    }
    rc = store_enterprise_each_usable(s, add_row, &l, e);
    if (rc == 0 && l.out_of_memory)
        rc = err_set(e, "out of memory");
    if (rc == 0)
        rc = cluster_facts(s, c, &ids, &n, e);
    store_rollback(s);
    if (rc != 0) {
        batch_columns_free(c);
        return -1;
    }
    *cols = c;
    *traditional = ids;
    *n_traditional = n;
    return 0;
}

int store_scenario_simulate(struct store *s, const struct refdata *ref, const struct catalog *cat,
                            const struct scenario *sc, int threads, struct simulation *sim, struct err *e)
{
    struct batch_columns *cols = NULL;
    int64_t *trad = NULL;
    size_t n_trad = 0;
    struct sim_input in = {0};
    struct sim_population pop;
    int rc = -1;

    if (store_scenario_load(s, ref, &cols, &trad, &n_trad, e) != 0)
        return -1;
    if (simulate_input_build(cat, ref, cols, trad, n_trad, sc, threads, &in, e) != 0)
        goto out;
    pop = simulate_input_population(&in);
    if (simulate_run(sc, &pop, sim, e) == 0 && simulate_burden(cat, sim, e) == 0)
        rc = 0;
out:
    simulate_input_release(&in);
    batch_columns_free(cols);
    mem_free(trad);
    return rc;
}
