/* stress_booster.c: gradient-boosted trees through libxgboost's C API
 * (stress_booster.h). Every call's result is checked; on failure the
 * library's own message goes into struct err. */
#include "analytics/stress_booster.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xgboost/c_api.h>

#include "core/alloc.h"

struct stress_booster {
    BoosterHandle h;
    size_t cols;                /* features the model was trained on */
};

/* Why the parameters are what they are: docs/stress-model.md. */
void stress_booster_params_default(struct stress_booster_params *p)
{
    p->rounds = 100;
    p->max_depth = 2;
    p->eta = 0.05;
    p->min_child_weight = 20.0;
    p->subsample = 0.8;
    p->threads = 0;
    p->seed = 20260701;
    p->scale_pos_weight = 1.0;
}

static int xgb_fail(struct err *e, const char *what)
{
    return err_set(e, "xgboost: %s: %s", what, XGBGetLastError());
}

/* The library prints warnings and progress to stdout/stderr by default;
 * a CLI whose output is JSON must stay silent. Global, idempotent. */
static int quiet(struct err *e)
{
    if (XGBSetGlobalConfig("{\"verbosity\":0}") != 0)
        return xgb_fail(e, "global config");
    return 0;
}

static int make_dmatrix(const float *x, size_t rows, size_t cols, DMatrixHandle *out,
                        struct err *e)
{
    if (rows == 0 || cols == 0)
        return err_set(e, "xgboost: empty matrix (%zu rows, %zu columns)", rows, cols);
    if (XGDMatrixCreateFromMat(x, (bst_ulong)rows, (bst_ulong)cols, NAN, out) != 0)
        return xgb_fail(e, "matrix");
    return 0;
}

static int check_params(const struct stress_booster_params *p, struct err *e)
{
    if (p->rounds < 1 || p->rounds > 100000)
        return err_set(e, "booster: rounds %d out of range 1..100000", p->rounds);
    if (p->max_depth < 1 || p->max_depth > 32)
        return err_set(e, "booster: max_depth %d out of range 1..32", p->max_depth);
    if (!(p->eta > 0 && p->eta <= 1))
        return err_set(e, "booster: eta %g out of range (0, 1]", p->eta);
    if (!(p->min_child_weight >= 0))
        return err_set(e, "booster: min_child_weight %g is negative", p->min_child_weight);
    if (!(p->subsample > 0 && p->subsample <= 1))
        return err_set(e, "booster: subsample %g out of range (0, 1]", p->subsample);
    if (p->threads < 0)
        return err_set(e, "booster: threads %d is negative", p->threads);
    if (!(p->scale_pos_weight > 0))
        return err_set(e, "booster: scale_pos_weight %g is not positive", p->scale_pos_weight);
    return 0;
}

static int check_labels(const float *y, size_t rows, struct err *e)
{
    for (size_t i = 0; i < rows; i++)
        if (y[i] != 0.0f && y[i] != 1.0f)
            return err_set(e, "booster: label of row %zu is %g, not 0 or 1", i, (double)y[i]);
    return 0;
}

static int set_param(BoosterHandle h, const char *name, const char *value, struct err *e)
{
    if (XGBoosterSetParam(h, name, value) != 0)
        return err_set(e, "xgboost: parameter %s=%s: %s", name, value, XGBGetLastError());
    return 0;
}

static int set_params(BoosterHandle h, const struct stress_booster_params *p, struct err *e)
{
    char v[64];

    if (set_param(h, "objective", "binary:logistic", e) || set_param(h, "tree_method", "hist", e)
        || set_param(h, "verbosity", "0", e) || set_param(h, "eval_metric", "logloss", e))
        return -1;
#define SETF(name, fmt, val) \
    (snprintf(v, sizeof v, fmt, val), set_param(h, name, v, e))
    if (SETF("max_depth", "%d", p->max_depth) || SETF("eta", "%.17g", p->eta)
        || SETF("min_child_weight", "%.17g", p->min_child_weight)
        || SETF("subsample", "%.17g", p->subsample) || SETF("nthread", "%d", p->threads)
        || SETF("seed", "%" PRIu64, p->seed)
        || SETF("scale_pos_weight", "%.17g", p->scale_pos_weight))
        return -1;
#undef SETF
    return 0;
}

static double base_score(const float *y, size_t rows)
{
    double pos = 0;

    for (size_t i = 0; i < rows; i++)
        pos += y[i];
    /* Kept off 0 and 1 so the log-odds stay finite. */
    return (pos + 0.5) / ((double)rows + 1.0);
}

static struct stress_booster *booster_wrap(BoosterHandle h, size_t cols)
{
    struct stress_booster *b = mem_calloc(1, sizeof *b);

    if (b != NULL) {
        b->h = h;
        b->cols = cols;
    }
    return b;
}

int stress_booster_train(const float *x, const float *y, size_t rows, size_t cols,
                         const struct stress_booster_params *p, struct stress_booster **out,
                         struct err *e)
{
    return stress_booster_train_offset(x, y, NULL, rows, cols, p, out, e);
}

/* The labels, and the offset when there is one. */
static int set_info(DMatrixHandle d, const float *y, const float *base_margin, size_t rows,
                    struct err *e)
{
    if (XGDMatrixSetFloatInfo(d, "label", y, (bst_ulong)rows) != 0)
        return xgb_fail(e, "labels");
    if (base_margin != NULL) {
        for (size_t i = 0; i < rows; i++)
            if (!isfinite(base_margin[i]))
                return err_set(e, "booster: the offset of row %zu is not finite", i);
        if (XGDMatrixSetFloatInfo(d, "base_margin", base_margin, (bst_ulong)rows) != 0)
            return xgb_fail(e, "offsets");
    }
    return 0;
}

int stress_booster_train_offset(const float *x, const float *y, const float *base_margin,
                                size_t rows, size_t cols, const struct stress_booster_params *p,
                                struct stress_booster **out, struct err *e)
{
    DMatrixHandle d = NULL;
    BoosterHandle h = NULL;
    char v[64];
    int rc = -1;

    if (check_params(p, e) || check_labels(y, rows, e) || quiet(e))
        return -1;
    if (make_dmatrix(x, rows, cols, &d, e))
        return -1;
    if (set_info(d, y, base_margin, rows, e) != 0)
        goto done;
    if (XGBoosterCreate(&d, 1, &h) != 0) {
        xgb_fail(e, "create");
        goto done;
    }
    /* Start from the base rate, not 0.5: with NPA rare, the first dozens
     * of rounds would otherwise only move every margin down together. With
     * an offset the offset is the start; base_score 0.5 is a margin of 0,
     * so a prediction (made without the offset) is the trees' sum alone. */
    snprintf(v, sizeof v, "%.17g", base_margin != NULL ? 0.5 : base_score(y, rows));
    if (set_params(h, p, e) || set_param(h, "base_score", v, e))
        goto done;
    for (int i = 0; i < p->rounds; i++)
        if (XGBoosterUpdateOneIter(h, i, d) != 0) {
            err_set(e, "xgboost: round %d: %s", i, XGBGetLastError());
            goto done;
        }
    *out = booster_wrap(h, cols);
    if (*out == NULL) {
        err_set(e, "booster: out of memory");
        goto done;
    }
    h = NULL;
    rc = 0;
done:
    if (h != NULL)
        XGBoosterFree(h);
    XGDMatrixFree(d);
    return rc;
}

/* Predict with `type` (1 margin, 2 contributions) from the first `end`
 * rounds (0: all); `want` values expected. */
static int predict(struct stress_booster *b, const float *x, size_t rows, size_t cols, int type,
                   int end, float *dst, size_t want, struct err *e)
{
    DMatrixHandle d = NULL;
    char config[160];
    bst_ulong const *shape;
    bst_ulong dim, total = 1;
    float const *res;
    int rc = -1;

    if (cols != b->cols)
        return err_set(e, "booster: %zu columns given, the model has %zu", cols, b->cols);
    if (rows == 0)
        return 0;
    if (make_dmatrix(x, rows, cols, &d, e))
        return -1;
    snprintf(config, sizeof config,
             "{\"type\": %d, \"training\": false, \"iteration_begin\": 0, "
             "\"iteration_end\": %d, \"strict_shape\": false}", type, end);
    if (XGBoosterPredictFromDMatrix(b->h, d, config, &shape, &dim, &res) != 0) {
        xgb_fail(e, "predict");
        goto done;
    }
    for (bst_ulong i = 0; i < dim; i++)
        total *= shape[i];
    if (total != (bst_ulong)want) {
        err_set(e, "xgboost: predict gave %llu values, expected %zu", (unsigned long long)total,
                want);
        goto done;
    }
    /* The library's buffer lives until its next call on this booster. */
    memcpy(dst, res, want * sizeof *dst);
    rc = 0;
done:
    XGDMatrixFree(d);
    return rc;
}

int stress_booster_margin(struct stress_booster *b, const float *x, size_t rows, size_t cols,
                          float *margin, struct err *e)
{
    return predict(b, x, rows, cols, 1, 0, margin, rows, e);
}

int stress_booster_rounds(struct stress_booster *b, int *rounds, struct err *e)
{
    if (XGBoosterBoostedRounds(b->h, rounds) != 0)
        return xgb_fail(e, "rounds");
    return 0;
}

int stress_booster_margin_upto(struct stress_booster *b, const float *x, size_t rows,
                               size_t cols, int rounds, float *margin, struct err *e)
{
    int have;

    if (stress_booster_rounds(b, &have, e) != 0)
        return -1;
    if (rounds < 1 || rounds > have)
        return err_set(e, "booster: %d rounds asked of a model of %d", rounds, have);
    return predict(b, x, rows, cols, 1, rounds, margin, rows, e);
}

int stress_booster_truncate(struct stress_booster *b, int rounds, struct stress_booster **out,
                            struct err *e)
{
    BoosterHandle h = NULL;
    int have;

    if (stress_booster_rounds(b, &have, e) != 0)
        return -1;
    if (rounds < 1 || rounds > have)
        return err_set(e, "booster: %d rounds asked of a model of %d", rounds, have);
    if (XGBoosterSlice(b->h, 0, rounds, 1, &h) != 0)
        return xgb_fail(e, "slice");
    *out = booster_wrap(h, b->cols);
    if (*out == NULL) {
        XGBoosterFree(h);
        return err_set(e, "booster: out of memory");
    }
    return 0;
}

int stress_booster_contributions(struct stress_booster *b, const float *x, size_t rows,
                                 size_t cols, float *contrib, struct err *e)
{
    if (rows > SIZE_MAX / (cols + 1))
        return err_set(e, "booster: %zu rows too many", rows);
    return predict(b, x, rows, cols, 2, 0, contrib, rows * (cols + 1), e);
}

int stress_booster_save(struct stress_booster *b, struct buf *out, struct err *e)
{
    bst_ulong len;
    const char *bytes;

    if (XGBoosterSaveModelToBuffer(b->h, "{\"format\": \"ubj\"}", &len, &bytes) != 0)
        return xgb_fail(e, "save");
    if (buf_append(out, bytes, (size_t)len) != 0)
        return err_set(e, "booster: model of %llu bytes does not fit in memory",
                       (unsigned long long)len);
    return 0;
}

int stress_booster_load(const void *bytes, size_t len, struct stress_booster **out,
                        struct err *e)
{
    BoosterHandle h = NULL;
    bst_ulong features;

    if (len == 0)
        return err_set(e, "booster: empty model");
    if (quiet(e))
        return -1;
    if (XGBoosterCreate(NULL, 0, &h) != 0)
        return xgb_fail(e, "create");
    if (XGBoosterLoadModelFromBuffer(h, bytes, (bst_ulong)len) != 0) {
        xgb_fail(e, "load");
        XGBoosterFree(h);
        return -1;
    }
    if (XGBoosterGetNumFeature(h, &features) != 0) {
        xgb_fail(e, "features");
        XGBoosterFree(h);
        return -1;
    }
    *out = booster_wrap(h, (size_t)features);
    if (*out == NULL) {
        XGBoosterFree(h);
        return err_set(e, "booster: out of memory");
    }
    return 0;
}

void stress_booster_free(struct stress_booster *b)
{
    if (b == NULL)
        return;
    XGBoosterFree(b->h);
    mem_free(b);
}
