/* cluster_health.c: see cluster_health.h and docs/clusters.md. */
#include "analytics/cluster_health.h"

#include <libintl.h>
#include <math.h>
#include <string.h>

#include "analytics/suppress.h"

/* The web's catalogue (web/i18n.h), as stress_reason.c: the reasons read
 * in the reader's language on the pages, and in English where no
 * catalogue or locale applies (the command line's JSON). */
#define CH_DOMAIN "samanvay"
#define _(s) dgettext(CH_DOMAIN, s)

const enum cluster_sign cluster_health_signs[4] = {SIGN_TURNOVER_DOWN, SIGN_STRESS_HIGH, SIGN_CFC_UNDERUSED,
                                                   SIGN_INDEX_LOW};

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* -20% scores 0, flat 0.5, +20% or more 1: a year's nominal growth of
 * the order of inflation is middling, a fall of a fifth is failing. */
double cluster_health_score_turnover(double growth)
{
    return clamp01((growth + 0.20) / 0.40);
}

/* None in stress scores 1; 30% or more scores 0. */
double cluster_health_score_stress(double share)
{
    return clamp01(1.0 - share / 0.30);
}

/* No new members scores 0.5 (the feed records no leavers, so a flat
 * register is neutral, not bad); 10% more members in a year scores 1. */
double cluster_health_score_members(double growth)
{
    return clamp01(0.5 + growth / 0.20);
}

/* 60% of capacity or more scores 1: a shared facility rarely runs full
 * shifts every day; under that the score falls in a straight line. */
double cluster_health_score_cfc(double utilisation)
{
    return clamp01(utilisation / 0.60);
}

static void components(const struct cluster_health_input *in, struct cluster_health *h)
{
    /* A component rests on member enterprises: withheld when fewer than
     * the small-cell minimum stand behind it. */
    if (!suppress_cell(in->turnover_members) && in->turnover_prev > 0) {
        h->has_turnover = true;
        h->turnover_growth = (double)in->turnover_cur / (double)in->turnover_prev - 1.0;
    }
    if (!suppress_cell(in->stress_assessed)) {
        h->has_stress = true;
        h->stress_share = (double)in->stress_count / (double)in->stress_assessed;
    }
    if (!suppress_cell(in->members) && in->members_year_ago > 0) {
        h->has_members = true;
        h->member_growth = (double)(in->members - in->members_year_ago) / (double)in->members_year_ago;
    }
    /* The CFC is the cluster's own asset, not an enterprise's: shown
     * whenever it has a capacity and has been open. */
    if (in->cfc_capacity > 0 && in->cfc_months > 0) {
        h->has_cfc = true;
        h->cfc_months = in->cfc_months;
        h->cfc_utilisation = (double)in->cfc_hours / ((double)in->cfc_capacity * in->cfc_months);
    }
}

void cluster_health_compute(const struct cluster_health_input *in, struct cluster_health *h)
{
    double sum = 0, weight = 0;

    memset(h, 0, sizeof *h);
    components(in, h);
    if (h->has_turnover) {
        sum += CLUSTER_HEALTH_W_TURNOVER * cluster_health_score_turnover(h->turnover_growth);
        weight += CLUSTER_HEALTH_W_TURNOVER;
        if (h->turnover_growth <= CLUSTER_SICK_TURNOVER_DROP)
            h->signs |= SIGN_TURNOVER_DOWN;
    }
    if (h->has_stress) {
        sum += CLUSTER_HEALTH_W_STRESS * cluster_health_score_stress(h->stress_share);
        weight += CLUSTER_HEALTH_W_STRESS;
        if (h->stress_share >= CLUSTER_SICK_STRESS_SHARE)
            h->signs |= SIGN_STRESS_HIGH;
    }
    if (h->has_cfc) {
        sum += CLUSTER_HEALTH_W_CFC * cluster_health_score_cfc(h->cfc_utilisation);
        weight += CLUSTER_HEALTH_W_CFC;
        if (h->cfc_utilisation < CLUSTER_SICK_CFC_UTILISATION)
            h->signs |= SIGN_CFC_UNDERUSED;
    }
    if (h->has_members) {
        sum += CLUSTER_HEALTH_W_MEMBERS * cluster_health_score_members(h->member_growth);
        weight += CLUSTER_HEALTH_W_MEMBERS;
    }
    if (weight >= CLUSTER_HEALTH_MIN_WEIGHT) {
        h->has_index = true;
        /* Rounded to a tenth so the page, the sheet and the JSON agree. */
        h->index = round(1000.0 * sum / weight) / 10.0;
        if (h->index < CLUSTER_SICK_INDEX)
            h->signs |= SIGN_INDEX_LOW;
    }
    h->sick = h->signs != 0;
}

static bool same_group(const struct cluster_health_input *in, const char (*division)[3], size_t i,
                       size_t j, int level)
{
    if (in[i].manufacturing != in[j].manufacturing)
        return false;
    return level == 2 || strcmp(division[i], division[j]) == 0;
}

void cluster_health_benchmark(const struct cluster_health_input *in, const char (*division)[3],
                              struct cluster_health *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int level = 1, peers = 0;
        double lower = 0;

        out[i].peer_group = 0;
        out[i].peers = 0;
        out[i].has_percentile = false;
        if (!out[i].has_index)
            continue;
        for (;;) {
            peers = 0;
            for (size_t j = 0; j < n; j++)
                if (out[j].has_index && same_group(in, division, i, j, level))
                    peers++;
            if (peers >= CLUSTER_HEALTH_MIN_PEERS || level == 2)
                break;
            level = 2;
        }
        out[i].peer_group = level;
        out[i].peers = peers;
        if (peers < 2)
            continue;
        for (size_t j = 0; j < n; j++) {
            if (j == i || !out[j].has_index || !same_group(in, division, i, j, level))
                continue;
            if (out[j].index < out[i].index)
                lower += 1;
            else if (out[j].index == out[i].index)
                lower += 0.5;
        }
        out[i].has_percentile = true;
        out[i].percentile = round(1000.0 * lower / (peers - 1)) / 10.0;
    }
}

const char *cluster_health_sign_code(enum cluster_sign sign)
{
    switch (sign) {
    case SIGN_TURNOVER_DOWN: return "turnover_down";
    case SIGN_STRESS_HIGH: return "stress_high";
    case SIGN_CFC_UNDERUSED: return "cfc_underused";
    case SIGN_INDEX_LOW: return "index_low";
    }
    return "unknown";
}

long cluster_health_pct(double x)
{
    return lround(100.0 * x);
}

int cluster_health_reason_text(const struct cluster_health *h, enum cluster_sign sign,
                               struct buf *out)
{
    switch (sign) {
    case SIGN_TURNOVER_DOWN:
        return buf_printf(out, _("Members' GST turnover down %ld%% on the year before"),
                          -cluster_health_pct(h->turnover_growth));
    case SIGN_STRESS_HIGH:
        return buf_printf(out, _("%ld%% of members in stress"), cluster_health_pct(h->stress_share));
    case SIGN_CFC_UNDERUSED:
        return buf_printf(out, _("CFC used %ld%% of capacity over %d months"),
                          cluster_health_pct(h->cfc_utilisation), h->cfc_months);
    case SIGN_INDEX_LOW:
        return buf_printf(out, _("Health index %.1f of 100"), h->index);
    }
    return -1;
}

int cluster_health_reasons_text(const struct cluster_health *h, struct buf *out)
{
    int k = 0;

    for (size_t i = 0; i < sizeof cluster_health_signs / sizeof cluster_health_signs[0]; i++) {
        if (!(h->signs & cluster_health_signs[i]))
            continue;
        if ((k++ > 0 && buf_puts(out, "; ")) || cluster_health_reason_text(h, cluster_health_signs[i], out))
            return -1;
    }
    return 0;
}
