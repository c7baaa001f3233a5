/* peer_group.c: see peer_group.h. */
#include "analytics/peer_group.h"

#include "analytics/suppress.h"

enum peer_level peer_group_choose(const int64_t n[PEER_LEVELS])
{
    for (int l = PEER_DISTRICT; l < PEER_LEVELS; l++)
        if (!suppress_cell(n[l]))
            return (enum peer_level)l;
    return PEER_NONE;
}

const char *peer_level_code(enum peer_level l)
{
    static const char *const codes[] = {"district_nic_group", "state_nic_group",
                                        "national_nic_group", "none"};

    return codes[l <= PEER_NONE ? l : PEER_NONE];
}
