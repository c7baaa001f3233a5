#include "core/grievance.h"

static const char *const state_names[GRIEVANCE_STATE_COUNT] = {"open", "acknowledged", "resolved", "closed"};
static const char *const level_names[GRIEVANCE_LEVEL_COUNT] = {"district", "state", "ministry"};

const char *grievance_state_name(enum grievance_state s)
{
    return (unsigned)s < GRIEVANCE_STATE_COUNT ? state_names[s] : "?";
}

const char *grievance_level_name(enum grievance_level l)
{
    return (unsigned)l < GRIEVANCE_LEVEL_COUNT ? level_names[l] : "?";
}

static bool pending(const struct grievance *g)
{
    return g->state == GRIEVANCE_OPEN || g->state == GRIEVANCE_ACKNOWLEDGED;
}

/* Open again one level up, its clock restarted. */
static int move_up(struct grievance *g, int32_t today)
{
    if (g->level + 1 >= GRIEVANCE_LEVEL_COUNT)
        return -1;
    g->level++;
    g->state = GRIEVANCE_OPEN;
    g->level_since = today;
    g->rating = 0;
    return 0;
}

int grievance_acknowledge(struct grievance *g)
{
    if (g->state != GRIEVANCE_OPEN)
        return -1;
    g->state = GRIEVANCE_ACKNOWLEDGED;
    return 0;
}

int grievance_resolve(struct grievance *g, bool has_text)
{
    if (!pending(g) || !has_text)
        return -1;
    g->state = GRIEVANCE_RESOLVED;
    return 0;
}

int grievance_rate(struct grievance *g, int rating)
{
    if (g->state != GRIEVANCE_RESOLVED || rating < 1 || rating > 5)
        return -1;
    g->state = GRIEVANCE_CLOSED;
    g->rating = rating;
    return 0;
}

int grievance_appeal(struct grievance *g, int32_t today)
{
    if (g->state != GRIEVANCE_CLOSED || g->rating > GRIEVANCE_POOR_RATING)
        return -1;
    return move_up(g, today);
}

enum grievance_due grievance_overdue(const struct grievance *g, const struct grievance_sla *sla, int32_t today)
{
    if (!pending(g) || (unsigned)g->level >= GRIEVANCE_LEVEL_COUNT)
        return GRIEVANCE_ON_TIME;
    if (today > g->level_since + sla->resolve_days[g->level])
        return GRIEVANCE_RESOLUTION_OVERDUE;
    if (g->state == GRIEVANCE_OPEN && today > g->level_since + sla->ack_days[g->level])
        return GRIEVANCE_ACK_OVERDUE;
    return GRIEVANCE_ON_TIME;
}

int grievance_escalate(struct grievance *g, const struct grievance_sla *sla, int32_t today)
{
    if (grievance_overdue(g, sla, today) == GRIEVANCE_ON_TIME)
        return 0;
    return move_up(g, today) == 0 ? 1 : 0;
}
