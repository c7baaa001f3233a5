/* demo_portal.c: see demo_portal.h.
 *
 * Each enterprise of the demo district (after the first, which belongs to
 * the demo entrepreneur) applies to the scheme the rules engine ranks
 * first for it, on a date further back for each one, and the demo officer
 * has acted on some of them; so the worklist's order by SLA risk, the
 * overdue flags and the history pages all have something to show. The
 * applications are made by a disabled loader account, never by a person. */
#include "web/demo_portal.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "rules/catalog.h"
#include "rules/eligibility.h"
#include "store/store_application.h"
#include "store/store_auth.h"
#include "store/store_grievance.h"
#include "web/evaluation.h"
#include "web/password.h"

struct demo {
    struct store *s;
    const struct refdata *ref;
    const struct catalog *c;
    int32_t today;
    int64_t loader, officer, first;
    size_t made;
    struct err *e;
};

static int count_one(void *ctx, const struct app_row *a)
{
    (void)a;
    ++*(size_t *)ctx;
    return 1;
}

/* The officer's actions on the k-th application, on the days after it came. */
static int act(struct demo *d, int64_t id, size_t k, int32_t created)
{
    static const struct {
        enum app_action action;
        enum app_state from, to;
        const char *reason;
    } steps[] = {
        {APP_START_REVIEW, APP_SUBMITTED, APP_UNDER_REVIEW, NULL},
        {APP_RETURN, APP_UNDER_REVIEW, APP_RETURNED, "Attach the last six months' bank statement."},
        {APP_SANCTION, APP_UNDER_REVIEW, APP_SANCTIONED, "Documents verified; sanctioned as applied."},
    };
    size_t n = k % 4 == 0 ? 0 : k % 4 == 1 ? 1 : k % 4 == 2 ? 2 : 0;
    bool moved;

    if (k % 4 == 3) /* review then sanction */
        return store_app_move(d->s, id, steps[0].from, steps[0].action, steps[0].to, NULL, d->officer,
                              "officer", created + 2, &moved, d->e)
               || store_app_move(d->s, id, steps[2].from, steps[2].action, steps[2].to, steps[2].reason,
                                 d->officer, "officer", created + 9, &moved, d->e) ? -1 : 0;
    for (size_t i = 0; i < n; i++)
        if (store_app_move(d->s, id, steps[i].from, steps[i].action, steps[i].to, steps[i].reason,
                           d->officer, "officer", created + 3 + (int32_t)i * 4, &moved, d->e) != 0)
            return -1;
    return 0;
}

static int apply_for(void *ctx, const struct enterprise *ent)
{
    struct demo *d = ctx;
    struct scheme_result *r;
    struct facts *f;
    struct profile p;
    int rc = 0;

    if (ent->id == d->first)
        return 0;
    if (d->made >= DEMO_APPLICATIONS)
        return 1;
    r = mem_calloc(d->c->n, sizeof *r);
    f = mem_alloc(sizeof *f);
    profile_init(&p);
    if (r == NULL || f == NULL || enterprise_to_profile(ent, &p) != 0) {
        rc = err_set(d->e, "demo: out of memory");
    } else {
        int32_t created = d->today - 2 - (int32_t)d->made * 3;
        facts_build(d->ref, &p, created, f);
        size_t best = 0;
        eligibility_all(d->c, f, NULL, r);
        while (best < d->c->n && (r[best].status != ST_ELIGIBLE || !r[best].in_force))
            best++;
        if (best < d->c->n) {
            int64_t bundle, id;
            struct app_new a = evaluation_app_new(&r[best]);
            rc = store_bundle_create(d->s, ent, d->loader, "entrepreneur",
                                     "{\"documents\":[],\"fields\":{}}", &a, 1, created, &bundle, &id, d->e);
            if (rc == 0 && bundle > 0)
                rc = act(d, id, d->made++, created);
        }
    }
    profile_clear(&p);
    mem_free(f);
    mem_free(r);
    return rc;
}

static int loader_account(struct store *s, int64_t *id, struct err *e)
{
    struct auth_user u = {.role = AUTH_ROLE_ENTREPRENEUR, .disabled = true};
    char hash[AUTH_HASH_MAX];
    bool created, found;

    snprintf(u.username, sizeof u.username, "demo-loader");
    if (password_dummy_hash(hash, e) != 0 || store_user_add(s, &u, hash, id, &created, e) != 0)
        return -1;
    if (created)
        return 0;
    if (store_user_find(s, "demo-loader", &u, NULL, &found, e) != 0)
        return -1;
    *id = u.id;
    return 0;
}

int web_demo_portal_create(struct store *s, const struct refdata *ref, int32_t today,
                           struct err *e)
{
    struct demo d = {.s = s, .ref = ref, .today = today, .e = e};
    struct auth_user officer;
    struct catalog *c = NULL;
    char gst[4], district[64];
    size_t existing = 0;
    bool found = false;
    int rc;

    if (store_user_find(s, "officer", &officer, NULL, &found, e) != 0 || !found
        || store_enterprise_first(s, &d.first, &found, e) != 0)
        return found ? -1 : err_set(e, "demo: create the demo accounts first");
    d.officer = officer.id;
    snprintf(gst, sizeof gst, "%s", officer.state);
    snprintf(district, sizeof district, "%s", officer.district);
    if (store_worklist(s, gst, district, today, 1, count_one, &existing, e) != 0)
        return -1;
    if (existing > 0)
        return 0;
    if (loader_account(s, &d.loader, e) != 0 || catalog_load(NULL, &c, e) != 0)
        return -1;
    d.c = c;
    rc = store_enterprises_in_scope(s, gst, district, apply_for, &d, e);
    catalog_free(c);
    return rc;
}
