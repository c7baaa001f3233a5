/* cluster_view.c: see cluster_view.h. */
#include "web/cluster_view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "store/store_cluster_stats.h"
#include "web/access_scope.h"
#include "web/i18n.h"

/* ?state=NN: one or two digits, a state code 1-99. */
static int state_param(const struct web_request *rq, char out[4])
{
    const char *q = web_query(rq, "state");
    size_t n;

    out[0] = '\0';
    if (q == NULL || *q == '\0')
        return 0;
    n = strlen(q);
    if (n > 2 || q[0] < '0' || q[0] > '9' || (n == 2 && (q[1] < '0' || q[1] > '9')) || atoi(q) < 1)
        return -1;
    snprintf(out, 4, "%02d", atoi(q));
    return 0;
}

int cluster_scope_of(const struct web_request *rq, struct cluster_scope *sc)
{
    const struct auth_user *u = &rq->session->user;
    char narrow[4];

    memset(sc, 0, sizeof *sc);
    if (state_param(rq, narrow) != 0)
        return -1;
    if (u->role == AUTH_ROLE_POLICYMAKER) {
        if (u->state[0] != '\0')
            snprintf(sc->state, sizeof sc->state, "%02d", atoi(u->state));
    } else if (!scope_filter(u, sc->state, sc->district)) {
        return 1;
    }
    /* Narrowing never widens: a state reader asking for another state sees nothing. */
    if (narrow[0] != '\0') {
        if (sc->state[0] != '\0' && strcmp(sc->state, narrow) != 0)
            snprintf(sc->state, sizeof sc->state, "--");
        else
            snprintf(sc->state, sizeof sc->state, "%s", narrow);
    }
    return 0;
}

bool cluster_scope_has(const struct cluster_scope *sc, const char *state, const char *district)
{
    if (sc->state[0] == '\0')
        return true;
    if (strcmp(sc->state, state) != 0)
        return false;
    return sc->district[0] == '\0' || strcasecmp(sc->district, district) == 0;
}

int cluster_view_health(struct web_request *rq, struct cluster_reg **regs,
                        struct cluster_health_report *r, struct err *e)
{
    struct cluster_health_input *in = NULL;
    enum cluster_stress_basis basis = STRESS_BASIS_SMA1;
    size_t n = 0;
    int as_of = -1;

    *regs = NULL;
    if (store_begin_read(rq->store, e) != 0)
        return -1;
    if (store_clusters_registered(rq->store, regs, &n, e) != 0
        || store_cluster_as_of(rq->store, &as_of, e) != 0)
        goto fail;
    if ((in = mem_calloc(n ? n : 1, sizeof *in)) == NULL) {
        err_set(e, "out of memory");
        goto fail;
    }
    if (as_of >= 0 && store_cluster_health_inputs(rq->store, *regs, n, as_of, in, &basis, e) != 0)
        goto fail;
    store_rollback(rq->store);
    if (cluster_health_report_build(*regs, n, in, basis, as_of, r, e) != 0) {
        mem_free(*regs);
        *regs = NULL;
        return -1;
    }
    return 0;
fail:
    store_rollback(rq->store);
    mem_free(in);
    mem_free(*regs);
    *regs = NULL;
    return -1;
}

static long pct(double x)
{
    return lround(100.0 * x);
}

int cluster_view_reason(const struct cluster_health *h, enum cluster_sign sign, struct buf *out)
{
    switch (sign) {
    case SIGN_TURNOVER_DOWN:
        return buf_printf(out, _("Members' GST turnover down %ld%% on the year before"),
                          -pct(h->turnover_growth));
    case SIGN_STRESS_HIGH:
        return buf_printf(out, _("%ld%% of members in stress"), pct(h->stress_share));
    case SIGN_CFC_UNDERUSED:
        return buf_printf(out, _("CFC used %ld%% of capacity over %d months"), pct(h->cfc_utilisation),
                          h->cfc_months);
    case SIGN_INDEX_LOW:
        return buf_printf(out, _("Health index %.1f of 100"), h->index);
    }
    return -1;
}

int cluster_view_reasons(const struct cluster_health *h, struct buf *out)
{
    static const enum cluster_sign signs[] = {SIGN_TURNOVER_DOWN, SIGN_STRESS_HIGH, SIGN_CFC_UNDERUSED,
                                              SIGN_INDEX_LOW};
    int k = 0;

    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++) {
        if (!(h->signs & signs[i]))
            continue;
        if ((k++ > 0 && buf_puts(out, "; ")) || cluster_view_reason(h, signs[i], out))
            return -1;
    }
    return 0;
}

const char *cluster_view_scheme(const char *scheme)
{
    if (strcmp(scheme, "mse_cdp") == 0)
        return "MSE-CDP";
    if (strcmp(scheme, "sfurti") == 0)
        return "SFURTI";
    return _("other");
}

const char *cluster_view_status(const char *status)
{
    if (strcmp(status, "proposed") == 0)
        return _("proposed");
    if (strcmp(status, "approved") == 0)
        return _("approved");
    if (strcmp(status, "functional") == 0)
        return _("functional");
    if (strcmp(status, "closed") == 0)
        return _("closed");
    return status;
}

const char *cluster_view_sector(bool manufacturing)
{
    return manufacturing ? _("manufacturing") : _("services");
}

const char *cluster_view_state(const struct web_request *rq, const char *gst_state)
{
    const struct state_info *s = refdata_state_by_gst(rq->app->ref, atoi(gst_state));

    if (s == NULL)
        return gst_state;
    return rq->lang == LANG_HI && s->name_hi[0] ? s->name_hi : s->name;
}

int cluster_view_pct(struct buf *b, bool has, double v, bool sign)
{
    if (!has)
        return buf_puts(b, "—");
    return buf_printf(b, sign ? "%+ld%%" : "%ld%%", pct(v));
}
