/* grievance_act.h: filing, reading and moving grievances, the same way
 * for the pages and the API (as app_act.h does for applications).
 *
 * The complainant's account files, rates and appeals; an officer or admin
 * within scope acknowledges and resolves. Deadlines and escalation are
 * core/grievance.c with the dated table data/grievance_sla.csv. */
#ifndef SAMANVAY_GRIEVANCE_ACT_H
#define SAMANVAY_GRIEVANCE_ACT_H

#include "store/store_grievance.h"
#include "web/app_act.h"

#define GRIEVANCE_CATEGORY_COUNT 6
/* The categories a grievance is filed under ("delay", ...). */
const char *grievance_category(int i);
/* Its words for a reader. */
const char *grievance_category_label(int i);

struct grievance_filing {
    const char *subject;            /* application | scheme | payment */
    const char *application_id;     /* text, for subject application */
    const char *scheme_id;          /* for subject scheme */
    const char *payment_claim_id;   /* text, for subject payment */
    const char *category;
    const char *body;
};

/* File one for the caller's enterprise; out->status 200 with g filled, or
 * 400/403/404/422 with a code and message naming the bad field. */
int grievance_act_file(struct web_request *rq, const struct grievance_filing *f,
                       struct grievance_row *g, struct app_outcome *out, struct err *e);
int grievance_act_load(struct web_request *rq, const char *id_text, struct grievance_row *g,
                       struct app_outcome *out, struct err *e);
/* Whether an official answers grievances at level l: a district office
 * only at district level, a state office up to state level, the ministry
 * desk (an admin without a state) at every level. */
bool grievance_act_holds_level(const struct auth_user *u, enum grievance_level l);
/* acknowledge | resolve (text) | rate (rating 1-5) | appeal. */
int grievance_act_take(struct web_request *rq, const char *id_text, const char *action,
                       const char *text, int rating, struct grievance_row *g,
                       struct app_outcome *out, struct err *e);

#endif
