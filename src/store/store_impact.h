/* store_impact.h: what impact estimation reads from the store
 * (analytics/impact_panel.h, analytics/impact_ttb.h; docs/impact.md).
 * Only reads; a few ordered scans, each bound and portable. */
#ifndef SAMANVAY_STORE_IMPACT_H
#define SAMANVAY_STORE_IMPACT_H

#include "analytics/impact_panel.h"
#include "analytics/impact_ttb.h"
#include "store/store.h"

/* The GST-filing enterprises with their covariates and quarterly
 * turnover, the linked scheme receipts, and the schemes on file. An empty
 * store gives an empty panel. *p: impact_panel_free. */
int store_impact_panel(struct store *s, struct impact_panel *p, struct err *e);

/* Every beneficiary row with both dates: its scheme, its enterprise's state
 * and district (the list's own when it is not linked) and the days from
 * sanction to disbursal. *out: mem_free. */
int store_impact_ttb_rows(struct store *s, struct impact_ttb_row **out, size_t *n, struct err *e);

/* Every portal application with a 'disburse' event: its scheme, the
 * applicant's state and district, and the days from its first 'submit'
 * event to the disbursal (application_event.on_date). *out: mem_free. */
int store_impact_ttb_app_rows(struct store *s, struct impact_ttb_row **out, size_t *n, struct err *e);

#endif
