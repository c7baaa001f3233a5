/* stress_booster.h: gradient-boosted trees through the libxgboost C API,
 * and TreeSHAP contributions for the reasons behind each score.
 *
 * Deterministic: a fixed seed and a fixed thread count give the same model
 * for the same matrix. The booster's margin is a log-odds; calibrate.h
 * turns it into a probability.
 *
 * Ownership: stress_booster_train and stress_booster_load return a booster
 * the caller frees with stress_booster_free. */
#ifndef SAMANVAY_STRESS_BOOSTER_H
#define SAMANVAY_STRESS_BOOSTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct stress_booster;

struct stress_booster_params {
    int rounds;                 /* boosting rounds */
    int max_depth;
    double eta;                 /* learning rate */
    double min_child_weight;
    double subsample;
    int threads;                /* 0: every core */
    uint64_t seed;
    double scale_pos_weight;    /* weight of a positive row; 1: none (docs/stress-model.md) */
};

/* The parameters docs/stress-model.md justifies with measurements. */
void stress_booster_params_default(struct stress_booster_params *p);

/* Train a binary logistic model on rows × cols of x (row-major, NAN
 * missing) with labels y (0 or 1, none NAN). */
int stress_booster_train(const float *x, const float *y, size_t rows, size_t cols,
                         const struct stress_booster_params *p, struct stress_booster **out,
                         struct err *e);

/* Train trees on what an offset does not explain: each row's margin starts
 * at base_margin[row] (a log-odds, e.g. a linear model's) instead of the
 * base rate, so the trees learn the residual. The booster's own margin and
 * contributions are then the trees' part only; the caller adds the offset
 * back. base_margin NULL is stress_booster_train. */
int stress_booster_train_offset(const float *x, const float *y, const float *base_margin,
                                size_t rows, size_t cols, const struct stress_booster_params *p,
                                struct stress_booster **out, struct err *e);

/* The raw margin (log-odds) of each row into margin[0..rows); cols must be
 * the model's. rows == 0 does nothing. */
int stress_booster_margin(struct stress_booster *b, const float *x, size_t rows, size_t cols,
                          float *margin, struct err *e);

/* The margin of the first `rounds` rounds only (1 .. the model's rounds):
 * to choose how many rounds to keep on rows the trees did not train on. */
int stress_booster_margin_upto(struct stress_booster *b, const float *x, size_t rows,
                               size_t cols, int rounds, float *margin, struct err *e);
/* Rounds the model has. */
int stress_booster_rounds(struct stress_booster *b, int *rounds, struct err *e);
/* A new booster of the first `rounds` rounds of b (b is unchanged). */
int stress_booster_truncate(struct stress_booster *b, int rounds, struct stress_booster **out,
                            struct err *e);

/* TreeSHAP: contributions rows × (cols + 1), row-major; the last column of
 * each row is the bias. A row's contributions sum to its margin. */
int stress_booster_contributions(struct stress_booster *b, const float *x, size_t rows,
                                 size_t cols, float *contrib, struct err *e);

/* The model as bytes (the library's UBJSON), and back. */
int stress_booster_save(struct stress_booster *b, struct buf *out, struct err *e);
int stress_booster_load(const void *bytes, size_t len, struct stress_booster **out,
                        struct err *e);
void stress_booster_free(struct stress_booster *b);

#endif
