/* routes.h: the application's route table and its handlers. Adding a
 * page or an API call is one line in routes.c plus its handler. */
#ifndef SAMANVAY_ROUTES_H
#define SAMANVAY_ROUTES_H

#include <stddef.h>

#include "web/router.h"

const struct route *web_routes(size_t *n);

/* Handlers, one file each (page_*.c, api_*.c, static_css.c). */
int page_home(struct web_request *rq, struct web_response *rs, struct err *e);
int page_login_form(struct web_request *rq, struct web_response *rs, struct err *e);
int page_login_submit(struct web_request *rq, struct web_response *rs, struct err *e);
int page_logout(struct web_request *rq, struct web_response *rs, struct err *e);
int page_account(struct web_request *rq, struct web_response *rs, struct err *e);
int static_css(struct web_request *rq, struct web_response *rs, struct err *e);
int api_health(struct web_request *rq, struct web_response *rs, struct err *e);
int api_openapi(struct web_request *rq, struct web_response *rs, struct err *e);
int api_session(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_get(struct web_request *rq, struct web_response *rs, struct err *e);
int api_classify(struct web_request *rq, struct web_response *rs, struct err *e);
int api_schemes_list(struct web_request *rq, struct web_response *rs, struct err *e);
int api_scheme_get(struct web_request *rq, struct web_response *rs, struct err *e);
int api_schemes_search(struct web_request *rq, struct web_response *rs, struct err *e);
int api_eligibility_post(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_calendar(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_calendar_ics(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_eligibility(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_insights(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_consents(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_consents_change(struct web_request *rq, struct web_response *rs,
                                   struct err *e);
int page_consents(struct web_request *rq, struct web_response *rs, struct err *e);
int page_consents_change(struct web_request *rq, struct web_response *rs, struct err *e);

int page_register_form(struct web_request *rq, struct web_response *rs, struct err *e);
int page_register_submit(struct web_request *rq, struct web_response *rs, struct err *e);
int page_profile(struct web_request *rq, struct web_response *rs, struct err *e);
int page_profile_submit(struct web_request *rq, struct web_response *rs, struct err *e);
int page_schemes(struct web_request *rq, struct web_response *rs, struct err *e);
int page_apply_form(struct web_request *rq, struct web_response *rs, struct err *e);
int page_apply_submit(struct web_request *rq, struct web_response *rs, struct err *e);
int page_calendar(struct web_request *rq, struct web_response *rs, struct err *e);
int page_calendar_ics(struct web_request *rq, struct web_response *rs, struct err *e);
int page_calendar_subscribe(struct web_request *rq, struct web_response *rs, struct err *e);
int page_calendar_revoke(struct web_request *rq, struct web_response *rs, struct err *e);
int page_calendar_feed(struct web_request *rq, struct web_response *rs, struct err *e);
int page_dashboard(struct web_request *rq, struct web_response *rs, struct err *e);
int page_privacy(struct web_request *rq, struct web_response *rs, struct err *e);
/* Privacy (issue 9, docs/privacy.md): the data export and correction requests. */
int page_privacy_export(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_export(struct web_request *rq, struct web_response *rs, struct err *e);
int page_correction_request(struct web_request *rq, struct web_response *rs, struct err *e);
int page_correction(struct web_request *rq, struct web_response *rs, struct err *e);
int page_correction_decide(struct web_request *rq, struct web_response *rs, struct err *e);
int page_insights(struct web_request *rq, struct web_response *rs, struct err *e);
int page_insights_energy(struct web_request *rq, struct web_response *rs, struct err *e);
int page_sustainability(struct web_request *rq, struct web_response *rs, struct err *e);
int api_sustainability(struct web_request *rq, struct web_response *rs, struct err *e);
int page_dashboard_read(struct web_request *rq, struct web_response *rs, struct err *e);
int page_application(struct web_request *rq, struct web_response *rs, struct err *e);
int page_application_act(struct web_request *rq, struct web_response *rs, struct err *e);
int page_worklist(struct web_request *rq, struct web_response *rs, struct err *e);
int page_worklist_xlsx(struct web_request *rq, struct web_response *rs, struct err *e);
int page_outreach(struct web_request *rq, struct web_response *rs, struct err *e);
int page_claims(struct web_request *rq, struct web_response *rs, struct err *e);
int page_claim_decide(struct web_request *rq, struct web_response *rs, struct err *e);
int page_enterprise(struct web_request *rq, struct web_response *rs, struct err *e);
int page_enterprise_correct(struct web_request *rq, struct web_response *rs, struct err *e);
int page_grievance_new(struct web_request *rq, struct web_response *rs, struct err *e);
int page_grievance_file(struct web_request *rq, struct web_response *rs, struct err *e);
int page_grievance(struct web_request *rq, struct web_response *rs, struct err *e);
int page_grievance_act(struct web_request *rq, struct web_response *rs, struct err *e);
int page_payment_new(struct web_request *rq, struct web_response *rs, struct err *e);
int page_payment_file(struct web_request *rq, struct web_response *rs, struct err *e);
int page_payment_calculator(struct web_request *rq, struct web_response *rs, struct err *e);
int page_payments(struct web_request *rq, struct web_response *rs, struct err *e);
int page_payment_refer(struct web_request *rq, struct web_response *rs, struct err *e);
int api_msmed_interest(struct web_request *rq, struct web_response *rs, struct err *e);
int api_enterprise_payment_claims(struct web_request *rq, struct web_response *rs, struct err *e);
int api_applications_list(struct web_request *rq, struct web_response *rs, struct err *e);
int api_applications_create(struct web_request *rq, struct web_response *rs, struct err *e);
int api_application_get(struct web_request *rq, struct web_response *rs, struct err *e);
int api_application_act(struct web_request *rq, struct web_response *rs, struct err *e);
int api_bundle_get(struct web_request *rq, struct web_response *rs, struct err *e);
int api_grievances_list(struct web_request *rq, struct web_response *rs, struct err *e);
int api_grievances_create(struct web_request *rq, struct web_response *rs, struct err *e);
int api_grievance_get(struct web_request *rq, struct web_response *rs, struct err *e);
int api_grievance_act(struct web_request *rq, struct web_response *rs, struct err *e);
int page_clusters(struct web_request *rq, struct web_response *rs, struct err *e);
int page_cluster(struct web_request *rq, struct web_response *rs, struct err *e);
int page_cluster_health(struct web_request *rq, struct web_response *rs, struct err *e);
int page_impact(struct web_request *rq, struct web_response *rs, struct err *e);
int page_cluster_health_xlsx(struct web_request *rq, struct web_response *rs, struct err *e);
int page_scenarios(struct web_request *rq, struct web_response *rs, struct err *e);
int page_scenario(struct web_request *rq, struct web_response *rs, struct err *e);
int api_worklist(struct web_request *rq, struct web_response *rs, struct err *e);

/* Issue 7: stress views (page_watchlist.c, page_heatmap.c, api_stress.c). */
int page_watchlist(struct web_request *rq, struct web_response *rs, struct err *e);
int page_watchlist_xlsx(struct web_request *rq, struct web_response *rs, struct err *e);
int page_heatmap(struct web_request *rq, struct web_response *rs, struct err *e);
int api_stress_watchlist(struct web_request *rq, struct web_response *rs, struct err *e);

/* Issue 8: overlap and awareness (page_overlap.c, page_awareness.c). */
int page_overlap(struct web_request *rq, struct web_response *rs, struct err *e);
int page_overlap_xlsx(struct web_request *rq, struct web_response *rs, struct err *e);
int page_awareness(struct web_request *rq, struct web_response *rs, struct err *e);
int page_officer_awareness(struct web_request *rq, struct web_response *rs, struct err *e);
int page_officer_awareness_xlsx(struct web_request *rq, struct web_response *rs, struct err *e);
int page_officer_awareness_csv(struct web_request *rq, struct web_response *rs, struct err *e);
int api_overlap(struct web_request *rq, struct web_response *rs, struct err *e);

#endif
