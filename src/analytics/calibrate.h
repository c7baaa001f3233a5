/* calibrate.h: from a model's margin to a probability that means what it
 * says (of enterprises scored 0.3, about 3 in 10 become NPA).
 *
 * Fitted on a calibration slice the model did not train on. The map is
 * monotone, so calibration never changes a ranking (AUC is unchanged). */
#ifndef SAMANVAY_CALIBRATE_H
#define SAMANVAY_CALIBRATE_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct calibration;

/* Fit on n (margin, label) pairs; labels are 0 or 1. */
int calibration_fit(const float *margin, const float *label, size_t n, struct calibration **out,
                    struct err *e);
double calibration_apply(const struct calibration *c, double margin);
/* As JSON text (stress_model.calibration) and back:
 *   {"method": "platt", "a": slope >= 0, "b": intercept, "rows": n, "positives": k}
 * The reader is strict: every field, of its type, and no other. */
int calibration_to_json(const struct calibration *c, struct buf *out);
int calibration_from_json(const char *text, struct calibration **out, struct err *e);
void calibration_free(struct calibration *c);

#endif
