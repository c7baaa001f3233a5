/* evaluation.c: see evaluation.h. */
#include "web/evaluation.h"

#include "core/alloc.h"
#include "rules/num.h"

int evaluation_run(const struct web_app *app, const struct profile *p, int32_t as_of,
                   struct evaluation *ev, struct err *e)
{
    ev->n = app->catalog->n;
    ev->f = mem_alloc(sizeof *ev->f);
    ev->results = mem_calloc(ev->n ? ev->n : 1, sizeof *ev->results);
    if (ev->f == NULL || ev->results == NULL) {
        evaluation_free(ev);
        return err_set(e, "evaluation: out of memory");
    }
    facts_build(app->ref, p, as_of, ev->f);
    eligibility_all(app->catalog, ev->f, NULL, ev->results);
    return 0;
}

void evaluation_free(struct evaluation *ev)
{
    mem_free(ev->f);
    mem_free(ev->results);
    ev->f = NULL;
    ev->results = NULL;
}

const struct scheme_result *evaluation_find(const struct evaluation *ev, const struct scheme *s)
{
    for (size_t i = 0; i < ev->n; i++)
        if (ev->results[i].scheme == s)
            return &ev->results[i];
    return NULL;
}

struct app_new evaluation_app_new(const struct scheme_result *r)
{
    int64_t paise = -1;

    if (!r->amount_known || num_to_paise(r->amount, &paise) != NUM_OK)
        paise = -1;
    return (struct app_new){.scheme_id = r->scheme->id, .sla_days = r->scheme->sla_days,
                            .eligibility = r->status == ST_ELIGIBLE ? "eligible" : "unknown",
                            .benefit_paise = paise};
}
