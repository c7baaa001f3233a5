/* evaluation.h: one enterprise's profile against the whole catalogue, as
 * the pages need it (finder, common application, officer trace, outreach).
 * The facts borrow the profile: it must outlive the evaluation. */
#ifndef SAMANVAY_EVALUATION_H
#define SAMANVAY_EVALUATION_H

#include "core/profile.h"
#include "rules/eligibility.h"
#include "store/store_application.h"
#include "web/request.h"

struct evaluation {
    struct facts *f;
    struct scheme_result *results;     /* ranked, best first */
    size_t n;
};

int evaluation_run(const struct web_app *app, const struct profile *p, int32_t as_of,
                   struct evaluation *ev, struct err *e);
void evaluation_free(struct evaluation *ev);
/* The result for scheme s, or NULL. */
const struct scheme_result *evaluation_find(const struct evaluation *ev, const struct scheme *s);

/* The application to make for a scheme from its result: its SLA, the
 * status when applying and the benefit estimate shown (paise, -1 unknown). */
struct app_new evaluation_app_new(const struct scheme_result *r);

#endif
