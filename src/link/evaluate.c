/* evaluate.c: entity ids from labels, and precision/recall/F1. */
#include "link/evaluate.h"

#include <string.h>

#include "core/alloc.h"
#include "link/intern.h"

static int assign(struct intern *t, struct link_records *r, struct err *e)
{
    if (r->truth == NULL)
        return err_set(e, "no evaluation labels");
    mem_free(r->entity);
    if ((r->entity = mem_alloc((r->n + 1) * sizeof *r->entity)) == NULL)
        return err_set(e, "out of memory");
    for (size_t i = 0; i < r->n; i++) {
        size_t len = strlen(r->truth[i]);
        r->entity[i] = len == 0 ? -1 : intern_add(t, r->truth[i], len);
        if (len > 0 && r->entity[i] < 0)
            return err_set(e, "out of memory");
    }
    return 0;
}

int link_eval_assign(struct link_records *left, struct link_records *right, size_t *true_pairs, struct err *e)
{
    struct intern *t = intern_new();
    size_t *count_l = NULL, *count_r = NULL, ne;
    int rc = -1;

    if (t == NULL)
        return err_set(e, "out of memory");
    if (assign(t, left, e) != 0 || (right != NULL && assign(t, right, e) != 0))
        goto done;
    ne = intern_size(t);
    count_l = mem_calloc(ne + 1, sizeof *count_l);
    count_r = mem_calloc(ne + 1, sizeof *count_r);
    if (count_l == NULL || count_r == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < left->n; i++)
        if (left->entity[i] >= 0)
            count_l[left->entity[i]]++;
    for (size_t i = 0; right != NULL && i < right->n; i++)
        if (right->entity[i] >= 0)
            count_r[right->entity[i]]++;
    *true_pairs = 0;
    for (size_t k = 0; k < ne; k++)
        *true_pairs += right != NULL ? count_l[k] * count_r[k] : count_l[k] * (count_l[k] - (count_l[k] > 0)) / 2;
    rc = 0;
done:
    mem_free(count_l);
    mem_free(count_r);
    intern_free(t);
    return rc;
}

void link_scores_compute(struct link_scores *s)
{
    s->precision = s->found ? (double)s->correct / (double)s->found : 0;
    s->recall = s->true_pairs ? (double)s->correct / (double)s->true_pairs : 0;
    s->f1 = s->precision + s->recall > 0 ? 2 * s->precision * s->recall / (s->precision + s->recall) : 0;
}
