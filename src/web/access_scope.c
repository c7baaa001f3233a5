/* access_scope.c: see access_scope.h. */
#include "web/access_scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool scope_is_official(const struct auth_user *u)
{
    return u->role == AUTH_ROLE_OFFICER || u->role == AUTH_ROLE_ADMIN;
}

bool scope_allows(const struct auth_user *u, int64_t enterprise_id, int gst_state,
                  const char *district)
{
    if (u->role == AUTH_ROLE_ENTREPRENEUR)
        return u->enterprise_id > 0 && u->enterprise_id == enterprise_id;
    if (!scope_is_official(u))
        return false;
    if (u->state[0] == '\0')
        return u->role == AUTH_ROLE_ADMIN; /* an officer without a state sees nothing */
    if (atoi(u->state) != gst_state)
        return false;
    return u->district[0] == '\0' || strcasecmp(u->district, district) == 0;
}

bool scope_filter(const struct auth_user *u, char gst_state[4], char district[64])
{
    gst_state[0] = district[0] = '\0';
    if (!scope_is_official(u) || (u->state[0] == '\0' && u->role != AUTH_ROLE_ADMIN))
        return false;
    if (u->state[0] != '\0')
        snprintf(gst_state, 4, "%02d", atoi(u->state));
    snprintf(district, 64, "%s", u->district);
    return true;
}

enum scope_area scope_area_of(const struct auth_user *u, const char *narrow, char gst_state[4],
                              char district[64])
{
    gst_state[0] = district[0] = '\0';
    if (u->role == AUTH_ROLE_POLICYMAKER) {
        if (u->state[0] != '\0')
            snprintf(gst_state, 4, "%02d", atoi(u->state));
    } else if (!scope_filter(u, gst_state, district)) {
        return SCOPE_AREA_NONE;
    }
    if (narrow[0] == '\0')
        return SCOPE_AREA_OK;
    if (gst_state[0] != '\0' && strcmp(gst_state, narrow) != 0)
        return SCOPE_AREA_OUTSIDE;
    snprintf(gst_state, 4, "%s", narrow);
    return SCOPE_AREA_OK;
}
