/* stress_matrix.h: the training and scoring panel of the stress
 * early-warning, one row per enterprise and scoring month.
 *
 * The features are built by stress_features.c from the store; the models
 * (stress_booster.h, logit.h) and the measures (metrics.h) see only this
 * matrix, so they can be tested on hand-made numbers. Missing values are
 * NAN: the trees learn where to send them, and the linear baseline imputes.
 *
 * Ownership: stress_matrix_new allocates every array; stress_matrix_free
 * frees them and the struct. */
#ifndef SAMANVAY_STRESS_MATRIX_H
#define SAMANVAY_STRESS_MATRIX_H

#include <stddef.h>
#include <stdint.h>

struct stress_matrix {
    size_t rows, cols, cap;     /* cap: rows allocated */
    float *x;                   /* rows × cols, row-major; NAN = missing */
    float *label;               /* 1: NPA within 12 months; 0: not; NAN: not yet observable */
    int64_t *enterprise_id;
    int32_t *month;             /* month index (date_month_index) of the scoring month */
};

/* An empty matrix of `cols` columns with room for `cap` rows (grows). */
struct stress_matrix *stress_matrix_new(size_t cols, size_t cap);
void stress_matrix_free(struct stress_matrix *m);
/* Append one row; x has m->cols values. 0, or -1 when memory runs out. */
int stress_matrix_push(struct stress_matrix *m, int64_t enterprise_id, int32_t month,
                       const float *x, float label);

#endif
