/* market.c: see market.h. */
#include "analytics/market.h"

#include <string.h>

#include "analytics/percentile.h"
#include "core/refdata.h"

static bool metric_of(const struct market_peer *p, enum market_metric_id m, double *v)
{
    if (m == METRIC_GROWTH) {
        *v = p->growth;
        return p->has_growth;
    }
    *v = p->export_share;
    return p->has_export;
}

static bool in_level(const struct market_peer *p, const struct market_peer *self,
                     enum peer_level l)
{
    switch (l) {
    case PEER_DISTRICT: return p->state == self->state && strcmp(p->district, self->district) == 0
                               && self->district[0] != '\0';
    case PEER_STATE: return p->state == self->state;
    default: return true;
    }
}

void market_metric_compute(const struct market_peer *peers, size_t n, const struct market_peer *self,
                           enum market_metric_id m, double *scratch, struct market_metric *out)
{
    size_t k = 0;
    double v;

    memset(out, 0, sizeof *out);
    out->level = PEER_NONE;
    out->known = metric_of(self, m, &out->value);
    for (size_t i = 0; i < n; i++) {
        if (peers[i].id == self->id || !metric_of(&peers[i], m, &v))
            continue;
        for (int l = PEER_DISTRICT; l < PEER_LEVELS; l++)
            out->peers[l] += in_level(&peers[i], self, (enum peer_level)l);
    }
    out->level = peer_group_choose(out->peers);
    if (out->level == PEER_NONE)
        return;
    for (size_t i = 0; i < n; i++)
        if (peers[i].id != self->id && metric_of(&peers[i], m, &v)
            && in_level(&peers[i], self, out->level))
            scratch[k++] = v;
    percentile_sort(scratch, k);
    out->peer_median = percentile_quantile(scratch, k, 0.5);
    if (out->known)
        out->percentile = percentile_rank(scratch, k, out->value);
}

/* Micro or small: the policy is for MSEs; medium units are outside it. */
static int is_mse(const struct market_subject *s)
{
    if (s->cls < 0)
        return -1;
    return s->cls == CLASS_MICRO || s->cls == CLASS_SMALL;
}

/* a and b, three-valued. */
static int and3(int a, int b)
{
    if (a == 0 || b == 0)
        return 0;
    return a < 0 || b < 0 ? -1 : 1;
}

static int or3(int a, int b)
{
    if (a == 1 || b == 1)
        return 1;
    return a < 0 || b < 0 ? -1 : 0;
}

int market_qualifies(const struct market_subject *s, enum insight_who who)
{
    int mse = is_mse(s), act = s->activity < 0 ? -1 : 1;

    switch (who) {
    case WHO_MSME: return s->cls < 0 ? -1 : s->cls != CLASS_LARGE;
    case WHO_MSE: return mse;
    case WHO_MSE_MANUFACTURING: return and3(mse, act < 0 ? -1 : s->manufacturing);
    case WHO_MSE_NOT_TRADING: return and3(mse, act < 0 ? -1 : !s->trading);
    case WHO_MSE_SPECIAL:
        return and3(mse, or3(or3(s->scst_owned, s->women_owned), or3(s->disabled_owner, s->ner)));
    case WHO_SCST_OWNED_MSE: return and3(mse, s->scst_owned);
    case WHO_WOMEN_OWNED_MSE: return and3(mse, s->women_owned);
    case WHO_ORGANISATION: return 0; /* an enterprise joins through an organiser */
    default: return -1;
    }
}

const char *market_metric_code(enum market_metric_id m)
{
    return m == METRIC_GROWTH ? "turnover_growth" : "export_share";
}
