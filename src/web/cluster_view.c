/* cluster_view.c: see cluster_view.h. */
#include "web/cluster_view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "store/store_cluster_stats.h"
#include "web/html.h"
#include "web/i18n.h"

void cluster_scope_of(const struct web_request *rq, struct cluster_scope *sc)
{
    /* The router resolved the reader's area, narrowed by ?state=
     * (SCOPE_AREA_AGGREGATE, authz.c). */
    memset(sc, 0, sizeof *sc);
    snprintf(sc->state, sizeof sc->state, "%s", rq->grant.gst_state);
    snprintf(sc->district, sizeof sc->district, "%s", rq->grant.district);
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
    return store_cluster_health_load(rq->store, regs, r, e);
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
    return buf_printf(b, sign ? "%+ld%%" : "%ld%%", cluster_health_pct(v));
}
