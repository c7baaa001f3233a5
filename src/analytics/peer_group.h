/* peer_group.h: which peers an enterprise is compared with.
 *
 * The first choice is its district and NIC group (3-digit NIC-2008: firms
 * that make the same kind of thing in the same place). When that group has
 * fewer than SUPPRESS_MIN_ENTERPRISES other members with the figure, a
 * median or percentile could expose one of them, so the group widens to
 * the state and NIC group, then to the NIC group nationally; when even
 * that is too small, nothing is compared. The level used is always said. */
#ifndef SAMANVAY_PEER_GROUP_H
#define SAMANVAY_PEER_GROUP_H

#include <stdint.h>

enum peer_level { PEER_DISTRICT = 0, PEER_STATE, PEER_NATIONAL, PEER_LEVELS, PEER_NONE = PEER_LEVELS };

/* The narrowest level whose count of other members (n[level]) is at least
 * the small-cell threshold, or PEER_NONE. */
enum peer_level peer_group_choose(const int64_t n[PEER_LEVELS]);

/* "district_nic_group", "state_nic_group", "national_nic_group", "none"
 * (the JSON contract). */
const char *peer_level_code(enum peer_level l);

#endif
