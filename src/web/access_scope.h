/* access_scope.h: what part of the country an account may see. An officer sees
 * their state, or one district of it; an admin their scope, or everything
 * when they have none; a policymaker only aggregates (never a record); an
 * entrepreneur only their own enterprise. One function decides, so pages,
 * the API and exports cannot disagree. */
#ifndef SAMANVAY_WEB_SCOPE_H
#define SAMANVAY_WEB_SCOPE_H

#include <stdbool.h>

#include "store/store_auth.h"

/* May `u` see a record of an enterprise (its id, GST state code and
 * district)? */
bool scope_allows(const struct auth_user *u, int64_t enterprise_id, int gst_state,
                  const char *district);
/* The account's scope as store filters: gst_state "%02d" or "" (all),
 * district or "" (whole state). False for roles that see no records. */
bool scope_filter(const struct auth_user *u, char gst_state[4], char district[64]);
/* The area whose aggregates (maps, cluster pages) the account may read,
 * narrowed by a requested state `narrow` ("%02d", or "" for none), as
 * gst_state "%02d" or "" (the country) and district or "" (whole state).
 * A policymaker reads their state when they have one, else the country;
 * officers and admins as scope_filter. Narrowing never widens: a reader
 * of one state asking for another gets SCOPE_AREA_OUTSIDE. */
enum scope_area { SCOPE_AREA_OK, SCOPE_AREA_NONE, SCOPE_AREA_OUTSIDE };
enum scope_area scope_area_of(const struct auth_user *u, const char *narrow, char gst_state[4],
                              char district[64]);
/* Whether the account acts as an officer on applications and grievances. */
bool scope_is_official(const struct auth_user *u);

#endif
