/* logit.c: L2-regularised logistic regression by Newton's method
 * (iteratively reweighted least squares), the linear baseline (logit.h).
 *
 * The design row of an input row is
 *   [1, z_1 .. z_cols, m_j for each column j with missing training values]
 * where z_j = (x_j - mean_j) / sd_j over the training rows (0 when x_j is
 * NAN: the mean imputed) and m_j = 1 when x_j is NAN. A column missing on
 * every training row gets no indicator (it would copy the intercept).
 *
 * The objective is the summed log-loss plus (l2 / 2) times the squared
 * coefficients, the intercept excepted. l2 > 0 keeps the Hessian positive
 * definite and the coefficients finite even when a column separates the
 * classes perfectly (an unpenalised fit would run them to infinity). With
 * ~20-40 features the (d × d) Newton system is tiny; each iteration is one
 * pass over the rows, and the fit is deterministic (no randomness, fixed
 * summation order). A step that does not lower the objective is halved. */
#include "analytics/logit.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

#define LOGIT_MAX_ITER 100
#define LOGIT_TOL 1e-10

struct logit {
    size_t cols, d;
    double *mean, *sd;
    size_t *ind;                /* design column of column j's indicator; 0: none */
    double *w;                  /* d coefficients; w[0] the intercept */
};

void logit_free(struct logit *m)
{
    if (m == NULL)
        return;
    mem_free(m->mean);
    mem_free(m->sd);
    mem_free(m->ind);
    mem_free(m->w);
    mem_free(m);
}

static struct logit *logit_alloc(size_t cols)
{
    struct logit *m = mem_calloc(1, sizeof *m);

    if (m == NULL)
        return NULL;
    m->cols = cols;
    m->mean = mem_calloc(cols, sizeof *m->mean);
    m->sd = mem_calloc(cols, sizeof *m->sd);
    m->ind = mem_calloc(cols, sizeof *m->ind);
    m->w = mem_calloc(1 + 2 * cols, sizeof *m->w);
    if (m->mean == NULL || m->sd == NULL || m->ind == NULL || m->w == NULL) {
        logit_free(m);
        return NULL;
    }
    return m;
}

/* Mean and standard deviation of each column over its present (finite)
 * values, an infinity counting as missing;
 * an indicator column for each column with some, not all, missing. */
static void standardise(struct logit *m, const float *x, size_t rows)
{
    m->d = 1 + m->cols;
    for (size_t j = 0; j < m->cols; j++) {
        double sum = 0, ss = 0;
        size_t n = 0;
        for (size_t i = 0; i < rows; i++) {
            float v = x[i * m->cols + j];
            if (isfinite(v)) {
                sum += v;
                n++;
            }
        }
        m->mean[j] = n > 0 ? sum / (double)n : 0;
        for (size_t i = 0; i < rows; i++) {
            float v = x[i * m->cols + j];
            if (isfinite(v))
                ss += (v - m->mean[j]) * (v - m->mean[j]);
        }
        m->sd[j] = n > 1 ? sqrt(ss / (double)n) : 0;
        /* A constant column standardises to 0, not to a division by zero. */
        if (!(m->sd[j] > 1e-12))
            m->sd[j] = 1;
        m->ind[j] = (n > 0 && n < rows) ? m->d++ : 0;
    }
}

static void design_row(const struct logit *m, const float *row, double *z)
{
    memset(z, 0, m->d * sizeof *z);
    z[0] = 1;
    for (size_t j = 0; j < m->cols; j++) {
        if (!isfinite(row[j])) {
            if (m->ind[j])
                z[m->ind[j]] = 1;
        } else {
            z[1 + j] = (row[j] - m->mean[j]) / m->sd[j];
        }
    }
}

/* The linear predictor w · design_row(row), without building the row. */
static double linear(const struct logit *m, const double *w, const float *row)
{
    double t = w[0];

    for (size_t j = 0; j < m->cols; j++) {
        if (!isfinite(row[j])) {
            if (m->ind[j])
                t += w[m->ind[j]];
        } else {
            t += w[1 + j] * ((row[j] - m->mean[j]) / m->sd[j]);
        }
    }
    return t;
}

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0;

    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* log(1 + e^t) without overflow. */
static double softplus(double t)
{
    return t > 0 ? t + log1p(exp(-t)) : log1p(exp(t));
}

static double sigmoid(double t)
{
    return t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t));
}

static double penalty(const double *w, size_t d, double l2)
{
    return 0.5 * l2 * (dot(w, w, d) - w[0] * w[0]);
}

/* The objective at w. */
static double objective(const struct logit *m, const double *w, const float *x, const float *y,
                        size_t rows, double l2)
{
    double f = penalty(w, m->d, l2);

    for (size_t i = 0; i < rows; i++) {
        double t = linear(m, w, x + i * m->cols);
        f += softplus(t) - y[i] * t;
    }
    return f;
}

/* Gradient g and Hessian h (d × d, full) at m->w. */
static void grad_hess(const struct logit *m, const float *x, const float *y, size_t rows, double l2,
                      double *g, double *h, double *z)
{
    size_t d = m->d;

    memset(g, 0, d * sizeof *g);
    memset(h, 0, d * d * sizeof *h);
    for (size_t i = 0; i < rows; i++) {
        double p, wt;
        design_row(m, x + i * m->cols, z);
        p = sigmoid(dot(m->w, z, d));
        wt = p * (1 - p);
        for (size_t a = 0; a < d; a++) {
            double za = z[a];
            if (za == 0)
                continue;
            g[a] += (p - y[i]) * za;
            for (size_t b = a; b < d; b++)
                h[a * d + b] += wt * za * z[b];
        }
    }
    for (size_t a = 0; a < d; a++) {
        if (a > 0) {
            g[a] += l2 * m->w[a];
            h[a * d + a] += l2;
        }
        for (size_t b = 0; b < a; b++)
            h[a * d + b] = h[b * d + a];
    }
}

/* Solve h s = g in place (s overwrites g) by Cholesky. -1 when h is not
 * positive definite. */
static int cholesky_solve(double *h, double *g, size_t d)
{
    for (size_t j = 0; j < d; j++) {
        double s = h[j * d + j];
        for (size_t k = 0; k < j; k++)
            s -= h[j * d + k] * h[j * d + k];
        if (!(s > 0))
            return -1;
        h[j * d + j] = sqrt(s);
        for (size_t i = j + 1; i < d; i++) {
            double t = h[i * d + j];
            for (size_t k = 0; k < j; k++)
                t -= h[i * d + k] * h[j * d + k];
            h[i * d + j] = t / h[j * d + j];
        }
    }
    for (size_t i = 0; i < d; i++) {
        for (size_t k = 0; k < i; k++)
            g[i] -= h[i * d + k] * g[k];
        g[i] /= h[i * d + i];
    }
    for (size_t i = d; i-- > 0;) {
        for (size_t k = i + 1; k < d; k++)
            g[i] -= h[k * d + i] * g[k];
        g[i] /= h[i * d + i];
    }
    return 0;
}

static int check_input(const float *y, size_t rows, size_t cols, double l2, struct err *e)
{
    double pos = 0;

    if (rows == 0 || cols == 0)
        return err_set(e, "logit: empty matrix (%zu rows, %zu columns)", rows, cols);
    if (!(l2 > 0) || isinf(l2))
        return err_set(e, "logit: l2 %g must be positive and finite", l2);
    for (size_t i = 0; i < rows; i++) {
        if (y[i] != 0.0f && y[i] != 1.0f)
            return err_set(e, "logit: label of row %zu is %g, not 0 or 1", i, (double)y[i]);
        pos += y[i];
    }
    if (pos == 0 || pos == (double)rows)
        return err_set(e, "logit: every label is %d; both classes are needed", pos > 0);
    return 0;
}

/* Newton with step halving, from w = 0. */
static int newton(struct logit *m, const float *x, const float *y, size_t rows, double l2,
                  struct err *e)
{
    size_t d = m->d;
    double *g = mem_alloc(d * sizeof *g), *h = mem_alloc(d * d * sizeof *h);
    double *z = mem_alloc(d * sizeof *z), *w_new = mem_alloc(d * sizeof *w_new);
    double f;
    int rc = -1;

    if (g == NULL || h == NULL || z == NULL || w_new == NULL) {
        err_set(e, "logit: out of memory");
        goto done;
    }
    f = objective(m, m->w, x, y, rows, l2);
    for (int it = 0; it < LOGIT_MAX_ITER; it++) {
        double step = 1, f_new = f;
        grad_hess(m, x, y, rows, l2, g, h, z);
        if (cholesky_solve(h, g, d) != 0) {
            err_set(e, "logit: the Newton system is singular at iteration %d", it);
            goto done;
        }
        for (int half = 0; half < 40; half++, step *= 0.5) {
            for (size_t a = 0; a < d; a++)
                w_new[a] = m->w[a] - step * g[a];
            f_new = objective(m, w_new, x, y, rows, l2);
            if (f_new <= f)
                break;
        }
        if (!(f_new <= f)) {
            rc = 0; /* no descent left: at the optimum to rounding */
            goto done;
        }
        memcpy(m->w, w_new, d * sizeof *w_new);
        if (f - f_new <= LOGIT_TOL * (1 + fabs(f_new))) {
            rc = 0;
            goto done;
        }
        f = f_new;
    }
    err_set(e, "logit: no convergence in %d iterations", LOGIT_MAX_ITER);
done:
    mem_free(g);
    mem_free(h);
    mem_free(z);
    mem_free(w_new);
    return rc;
}

int logit_train(const float *x, const float *y, size_t rows, size_t cols, double l2,
                struct logit **out, struct err *e)
{
    struct logit *m;

    if (check_input(y, rows, cols, l2, e))
        return -1;
    m = logit_alloc(cols);
    if (m == NULL)
        return err_set(e, "logit: out of memory");
    standardise(m, x, rows);
    if (newton(m, x, y, rows, l2, e) != 0) {
        logit_free(m);
        return -1;
    }
    *out = m;
    return 0;
}

double logit_predict(const struct logit *m, const float *row)
{
    return sigmoid(linear(m, m->w, row));
}

double logit_margin(const struct logit *m, const float *row)
{
    return linear(m, m->w, row);
}

size_t logit_cols(const struct logit *m)
{
    return m->cols;
}

void logit_contributions(const struct logit *m, const float *row, double *contrib)
{
    for (size_t j = 0; j < m->cols; j++) {
        if (!isfinite(row[j]))
            contrib[j] = m->ind[j] ? m->w[m->ind[j]] : 0;
        else
            contrib[j] = m->w[1 + j] * ((row[j] - m->mean[j]) / m->sd[j]);
    }
    contrib[m->cols] = m->w[0];
}

/* --- as JSON ------------------------------------------------------------- */

/* %.17g: a double survives the text round trip bit for bit; except -0,
 * which jansson reads back as the integer 0 (found by fuzz_logit), so it
 * is written -0.0. */
static const char *num(double x, char out[32])
{
    if (x == 0 && signbit(x))
        snprintf(out, 32, "-0.0");
    else
        snprintf(out, 32, "%.17g", x);
    return out;
}

int logit_to_json(const struct logit *m, struct buf *out)
{
    char a[32], b[32], c[32];
    int rc = buf_printf(out, "{\"method\": \"logit_l2\", \"intercept\": %s, \"columns\": [",
                        num(m->w[0], a));

    for (size_t j = 0; rc == 0 && j < m->cols; j++) {
        rc = buf_printf(out, "%s{\"mean\": %s, \"sd\": %s, \"weight\": %s, ", j ? ", " : "",
                        num(m->mean[j], a), num(m->sd[j], b), num(m->w[1 + j], c));
        if (rc == 0)
            rc = m->ind[j] ? buf_printf(out, "\"missing_weight\": %s}", num(m->w[m->ind[j]], a))
                           : buf_puts(out, "\"missing_weight\": null}");
    }
    return rc != 0 ? rc : buf_puts(out, "]}");
}

static int only_keys(json_t *o, const char *const *known, size_t n, const char *where,
                     struct err *e)
{
    const char *key;
    json_t *v;

    json_object_foreach(o, key, v) {
        size_t i = 0;
        while (i < n && strcmp(key, known[i]) != 0)
            i++;
        if (i == n)
            return err_set(e, "logit: unknown field '%.64s' in %s", key, where);
    }
    return 0;
}

static int get_finite(json_t *o, const char *key, const char *where, double *v, struct err *e)
{
    json_t *j = json_object_get(o, key);

    if (j == NULL)
        return err_set(e, "logit: '%s' is missing in %s", key, where);
    if (!json_is_number(j) || !isfinite(json_number_value(j)))
        return err_set(e, "logit: '%s' in %s must be a finite number", key, where);
    *v = json_number_value(j);
    return 0;
}

/* Column j of the "columns" array into m; the indicator, when present,
 * takes the next design column (the order the trainer gives them). */
static int parse_column(json_t *c, size_t j, struct logit *m, struct err *e)
{
    static const char *const known[] = {"mean", "sd", "weight", "missing_weight"};
    char where[32];
    json_t *mw;

    snprintf(where, sizeof where, "column %zu", j);
    if (!json_is_object(c))
        return err_set(e, "logit: %s must be an object", where);
    if (only_keys(c, known, sizeof known / sizeof *known, where, e)
        || get_finite(c, "mean", where, &m->mean[j], e) || get_finite(c, "sd", where, &m->sd[j], e)
        || get_finite(c, "weight", where, &m->w[1 + j], e))
        return -1;
    if (!(m->sd[j] > 0))
        return err_set(e, "logit: 'sd' in %s is %g; it must be positive", where, m->sd[j]);
    mw = json_object_get(c, "missing_weight");
    if (mw == NULL)
        return err_set(e, "logit: 'missing_weight' is missing in %s", where);
    if (json_is_null(mw))
        return 0;
    if (get_finite(c, "missing_weight", where, &m->w[m->d], e))
        return -1;
    m->ind[j] = m->d++;
    return 0;
}

static int parse_model(json_t *root, struct logit **out, struct err *e)
{
    static const char *const known[] = {"method", "intercept", "columns"};
    json_t *method, *cols = json_object_get(root, "columns");
    struct logit *m;
    size_t n;

    if (!json_is_object(root))
        return err_set(e, "logit: expected a JSON object");
    if (only_keys(root, known, sizeof known / sizeof *known, "the model", e))
        return -1;
    method = json_object_get(root, "method");
    if (!json_is_string(method) || strcmp(json_string_value(method), "logit_l2") != 0)
        return err_set(e, "logit: 'method' must be \"logit_l2\"");
    if (!json_is_array(cols) || (n = json_array_size(cols)) == 0)
        return err_set(e, "logit: 'columns' must be a non-empty array");
    m = logit_alloc(n);
    if (m == NULL)
        return err_set(e, "logit: out of memory");
    m->d = 1 + n;
    if (get_finite(root, "intercept", "the model", &m->w[0], e) != 0)
        goto fail;
    for (size_t j = 0; j < n; j++)
        if (parse_column(json_array_get(cols, j), j, m, e) != 0)
            goto fail;
    *out = m;
    return 0;
fail:
    logit_free(m);
    return -1;
}

int logit_from_json(const char *text, struct logit **out, struct err *e)
{
    json_error_t je;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    int rc;

    *out = NULL;
    if (root == NULL)
        return err_set(e, "logit: invalid JSON at line %d, column %d: %s", je.line, je.column,
                       je.text);
    rc = parse_model(root, out, e);
    json_decref(root);
    return rc;
}
