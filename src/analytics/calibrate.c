/* calibrate.c: Platt scaling, p = 1 / (1 + exp(-(a·margin + b)))
 * (calibrate.h; why Platt and not isotonic regression: docs/stress-model.md).
 *
 * a and b minimise the log-loss on the calibration slice against Platt's
 * smoothed targets, (N+ + 1) / (N+ + 2) for a positive and 1 / (N- + 2)
 * for a negative: a slice with few positives cannot then claim
 * probabilities of exactly 0 or 1. The fit is Newton's method with
 * backtracking, as Lin, Lin and Weng (2007) give it for Platt's problem.
 *
 * The slope a is kept >= 0: a negative slope would turn the ranking
 * upside down, and the header promises the map never changes a ranking.
 * When the best slope is negative (a model worse than chance on the
 * slice), a = 0 and every score is the slice's base rate. */
#include "analytics/calibrate.h"

#include <jansson.h>
#include <stdbool.h>
#include <math.h>
#include <string.h>

#include "core/alloc.h"

#define PLATT_MAX_ITER 100
#define PLATT_MIN_STEP 1e-10
#define PLATT_EPS 1e-5          /* gradient norm at the optimum, as Lin et al. */
#define PLATT_RIDGE 1e-12       /* keeps the 2 × 2 Hessian invertible */

struct calibration {
    double a, b;
    long long rows, positives;
};

static double sigmoid(double t)
{
    return t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t));
}

double calibration_apply(const struct calibration *c, double margin)
{
    return sigmoid(c->a * margin + c->b);
}

void calibration_free(struct calibration *c)
{
    mem_free(c);
}

/* Smoothed log-loss of (a, b): sum of t·log(1+e^-f) + (1-t)·log(1+e^f), f = a·m + b. */
static double loss(const float *m, const double *t, size_t n, double a, double b)
{
    double f = 0;

    for (size_t i = 0; i < n; i++) {
        double z = a * m[i] + b;
        /* log(1 + e^z) - t·z, without overflow */
        f += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - t[i] * z;
    }
    return f;
}

/* Newton for (a, b), or for b alone when fix_a (a stays 0). */
static void platt_newton(const float *m, const double *t, size_t n, bool fix_a, double *pa,
                         double *pb)
{
    double a = *pa, b = *pb, f = loss(m, t, n, a, b);

    for (int it = 0; it < PLATT_MAX_ITER; it++) {
        double h11 = PLATT_RIDGE, h22 = PLATT_RIDGE, h21 = 0, g1 = 0, g2 = 0, det, da, db;
        double step;
        for (size_t i = 0; i < n; i++) {
            double p = sigmoid(a * m[i] + b), w = p * (1 - p), d = p - t[i];
            h11 += (double)m[i] * m[i] * w;
            h22 += w;
            h21 += m[i] * w;
            g1 += m[i] * d;
            g2 += d;
        }
        if (fix_a) {
            g1 = 0;
            h21 = 0;
        }
        if (fabs(g1) < PLATT_EPS && fabs(g2) < PLATT_EPS)
            break;
        det = h11 * h22 - h21 * h21;
        da = fix_a ? 0 : (h22 * g1 - h21 * g2) / det;
        db = fix_a ? g2 / h22 : (-h21 * g1 + h11 * g2) / det;
        for (step = 1; step >= PLATT_MIN_STEP; step /= 2) {
            double na = a - step * da, nb = b - step * db, nf = loss(m, t, n, na, nb);
            /* Armijo: a sufficient decrease along the Newton direction */
            if (nf < f + 1e-4 * step * -(g1 * da + g2 * db)) {
                a = na;
                b = nb;
                f = nf;
                break;
            }
        }
        if (step < PLATT_MIN_STEP)
            break;      /* no further decrease: at the optimum to rounding */
    }
    *pa = a;
    *pb = b;
}

int calibration_fit(const float *margin, const float *label, size_t n, struct calibration **out,
                    struct err *e)
{
    struct calibration *c;
    double *t, pos = 0, neg, hi, lo;

    if (n == 0)
        return err_set(e, "calibration: no rows to fit on");
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(margin[i]))
            return err_set(e, "calibration: margin of row %zu is %g", i, (double)margin[i]);
        if (label[i] != 0.0f && label[i] != 1.0f)
            return err_set(e, "calibration: label of row %zu is %g, not 0 or 1", i,
                           (double)label[i]);
        pos += label[i];
    }
    neg = (double)n - pos;
    t = mem_alloc(n * sizeof *t);
    c = mem_calloc(1, sizeof *c);
    if (t == NULL || c == NULL) {
        mem_free(t);
        mem_free(c);
        return err_set(e, "calibration: out of memory");
    }
    hi = (pos + 1) / (pos + 2);
    lo = 1 / (neg + 2);
    for (size_t i = 0; i < n; i++)
        t[i] = label[i] > 0.5f ? hi : lo;
    c->a = 0;
    c->b = log((pos + 1) / (neg + 1));
    platt_newton(margin, t, n, false, &c->a, &c->b);
    if (!(c->a >= 0)) {
        c->a = 0;
        c->b = log((pos + 1) / (neg + 1));
        platt_newton(margin, t, n, true, &c->a, &c->b);
    }
    c->rows = (long long)n;
    c->positives = (long long)pos;
    mem_free(t);
    *out = c;
    return 0;
}

int calibration_to_json(const struct calibration *c, struct buf *out)
{
    /* %.17g: a double survives the text round trip bit for bit. */
    return buf_printf(out,
                      "{\"method\": \"platt\", \"a\": %.17g, \"b\": %.17g, \"rows\": %lld, "
                      "\"positives\": %lld}",
                      c->a, c->b, c->rows, c->positives);
}

static int get_number(json_t *root, const char *key, double *v, struct err *e)
{
    json_t *j = json_object_get(root, key);

    if (j == NULL)
        return err_set(e, "calibration: '%s' is missing", key);
    if (!json_is_number(j))
        return err_set(e, "calibration: '%s' must be a number", key);
    *v = json_number_value(j);
    if (!isfinite(*v))
        return err_set(e, "calibration: '%s' must be finite", key);
    return 0;
}

static int get_count(json_t *root, const char *key, long long *v, struct err *e)
{
    json_t *j = json_object_get(root, key);

    if (j == NULL)
        return err_set(e, "calibration: '%s' is missing", key);
    if (!json_is_integer(j) || json_integer_value(j) < 0)
        return err_set(e, "calibration: '%s' must be a whole number >= 0", key);
    *v = json_integer_value(j);
    return 0;
}

static int check_keys(json_t *root, struct err *e)
{
    static const char *const known[] = {"method", "a", "b", "rows", "positives"};
    const char *key;
    json_t *v;

    json_object_foreach(root, key, v) {
        size_t i = 0;
        while (i < sizeof known / sizeof *known && strcmp(key, known[i]) != 0)
            i++;
        if (i == sizeof known / sizeof *known)
            return err_set(e, "calibration: unknown field '%.64s'", key);
    }
    return 0;
}

static int parse(json_t *root, struct calibration *c, struct err *e)
{
    json_t *method;

    if (!json_is_object(root))
        return err_set(e, "calibration: expected a JSON object");
    if (check_keys(root, e))
        return -1;
    method = json_object_get(root, "method");
    if (!json_is_string(method) || strcmp(json_string_value(method), "platt") != 0)
        return err_set(e, "calibration: 'method' must be \"platt\"");
    if (get_number(root, "a", &c->a, e) || get_number(root, "b", &c->b, e)
        || get_count(root, "rows", &c->rows, e) || get_count(root, "positives", &c->positives, e))
        return -1;
    if (c->a < 0)
        return err_set(e, "calibration: 'a' is %g; a negative slope would reverse the ranking",
                       c->a);
    if (c->positives > c->rows)
        return err_set(e, "calibration: %lld positives among %lld rows", c->positives, c->rows);
    return 0;
}

int calibration_from_json(const char *text, struct calibration **out, struct err *e)
{
    json_error_t je;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    struct calibration c, *copy;

    if (root == NULL)
        return err_set(e, "calibration: invalid JSON at line %d, column %d: %s", je.line,
                       je.column, je.text);
    if (parse(root, &c, e) != 0) {
        json_decref(root);
        return -1;
    }
    json_decref(root);
    copy = mem_alloc(sizeof *copy);
    if (copy == NULL)
        return err_set(e, "calibration: out of memory");
    *copy = c;
    *out = copy;
    return 0;
}
