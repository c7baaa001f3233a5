/* stress_matrix.c: the panel the stress models see (stress_matrix.h). */
#include "analytics/stress_matrix.h"

#include <stdint.h>
#include <string.h>

#include "core/alloc.h"

struct stress_matrix *stress_matrix_new(size_t cols, size_t cap)
{
    struct stress_matrix *m;

    if (cols == 0)
        return NULL;
    if (cap == 0)
        cap = 64;
    if (cap > SIZE_MAX / sizeof(float) / cols)
        return NULL;
    m = mem_calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->cols = cols;
    m->cap = cap;
    m->x = mem_alloc(cap * cols * sizeof *m->x);
    m->label = mem_alloc(cap * sizeof *m->label);
    m->enterprise_id = mem_alloc(cap * sizeof *m->enterprise_id);
    m->month = mem_alloc(cap * sizeof *m->month);
    if (m->x == NULL || m->label == NULL || m->enterprise_id == NULL || m->month == NULL) {
        stress_matrix_free(m);
        return NULL;
    }
    return m;
}

void stress_matrix_free(struct stress_matrix *m)
{
    if (m == NULL)
        return;
    mem_free(m->x);
    mem_free(m->label);
    mem_free(m->enterprise_id);
    mem_free(m->month);
    mem_free(m);
}

/* Grow every array to `cap` rows. Each realloc that succeeds is kept at
 * once, so a failure part way leaves a consistent (if larger) matrix. */
static int grow(struct stress_matrix *m, size_t cap)
{
    void *p;

    if (cap > SIZE_MAX / sizeof(float) / m->cols)
        return -1;
    if ((p = mem_realloc(m->x, cap * m->cols * sizeof *m->x)) == NULL)
        return -1;
    m->x = p;
    if ((p = mem_realloc(m->label, cap * sizeof *m->label)) == NULL)
        return -1;
    m->label = p;
    if ((p = mem_realloc(m->enterprise_id, cap * sizeof *m->enterprise_id)) == NULL)
        return -1;
    m->enterprise_id = p;
    if ((p = mem_realloc(m->month, cap * sizeof *m->month)) == NULL)
        return -1;
    m->month = p;
    m->cap = cap;
    return 0;
}

int stress_matrix_push(struct stress_matrix *m, int64_t enterprise_id, int32_t month,
                       const float *x, float label)
{
    if (m->rows == m->cap && (m->cap > SIZE_MAX / 2 || grow(m, m->cap * 2) != 0))
        return -1;
    memcpy(m->x + m->rows * m->cols, x, m->cols * sizeof *x);
    m->label[m->rows] = label;
    m->enterprise_id[m->rows] = enterprise_id;
    m->month[m->rows] = month;
    m->rows++;
    return 0;
}
