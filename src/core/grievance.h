/* grievance.h: a complaint's life, escalation and appeal.
 *
 *   open → acknowledged → resolved → closed (rated 1–5)
 *   open or acknowledged past its deadline → escalated: open again one
 *   level up (district → state → ministry)
 *   closed with a poor rating (1 or 2) → appealed: open again one level up
 *
 * The deadlines per level are data (struct grievance_sla, loaded by the
 * caller), not constants here. Pure: the store keeps the events. */
#ifndef SAMANVAY_GRIEVANCE_H
#define SAMANVAY_GRIEVANCE_H

#include <stdbool.h>
#include <stdint.h>

enum grievance_level { GRIEVANCE_DISTRICT, GRIEVANCE_STATE, GRIEVANCE_MINISTRY, GRIEVANCE_LEVEL_COUNT };
enum grievance_state { GRIEVANCE_OPEN, GRIEVANCE_ACKNOWLEDGED, GRIEVANCE_RESOLVED, GRIEVANCE_CLOSED,
                       GRIEVANCE_STATE_COUNT };

#define GRIEVANCE_POOR_RATING 2     /* a rating at or below this may be appealed */

struct grievance {
    enum grievance_state state;
    enum grievance_level level;
    int32_t level_since;            /* date.h days: when it reached this level */
    int rating;                     /* 1–5 once closed, else 0 */
};

/* Days allowed at each level, from reaching it. */
struct grievance_sla {
    int ack_days[GRIEVANCE_LEVEL_COUNT];
    int resolve_days[GRIEVANCE_LEVEL_COUNT];
};

const char *grievance_state_name(enum grievance_state s);   /* "acknowledged" */
const char *grievance_level_name(enum grievance_level l);   /* "district" */

/* The officer's moves; each 0, or -1 leaving g unchanged when the state
 * does not allow it. Resolving needs a resolution text (has_text). */
int grievance_acknowledge(struct grievance *g);
int grievance_resolve(struct grievance *g, bool has_text);

/* The complainant's: rate a resolution (1–5), closing it; appeal a poor
 * rating on `today`, opening it one level up. Appeal fails at the top
 * level. */
int grievance_rate(struct grievance *g, int rating);
int grievance_appeal(struct grievance *g, int32_t today);

enum grievance_due { GRIEVANCE_ON_TIME, GRIEVANCE_ACK_OVERDUE, GRIEVANCE_RESOLUTION_OVERDUE };

/* Which deadline an open grievance has missed on `today`. */
enum grievance_due grievance_overdue(const struct grievance *g, const struct grievance_sla *sla, int32_t today);

/* Escalate an overdue grievance one level up on `today`: 1 when it moved,
 * 0 when nothing was due or it is already at the top. */
int grievance_escalate(struct grievance *g, const struct grievance_sla *sla, int32_t today);

#endif
