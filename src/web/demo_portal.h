/* demo_portal.h: applications and a grievance in the demo district, so
 * that `make run` shows the officer a real worklist (different ages, some
 * under review, returned or sanctioned) and shows the SLA clock at work.
 * The demo entrepreneur's own enterprise is left without applications,
 * so a visitor can walk the journey from the start (docs/demo.md). */
#ifndef SAMANVAY_DEMO_PORTAL_H
#define SAMANVAY_DEMO_PORTAL_H

#include "core/err.h"
#include "core/refdata.h"
#include "store/store.h"

#define DEMO_APPLICATIONS 40

/* Create them once: nothing happens when the district already has
 * applications. Needs the demo accounts (web_demo_accounts_create). */
int web_demo_portal_create(struct store *s, const struct refdata *ref, int32_t today,
                           struct err *e);

#endif
