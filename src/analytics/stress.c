/* stress.c: train, backtest and score the stress early-warning (stress.h,
 * docs/stress.md). */
#include "analytics/stress.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "analytics/calibrate.h"
#include "analytics/logit.h"
#include "analytics/stress_features.h"
#include "analytics/stress_matrix.h"
#include "analytics/stress_reason.h"
#include "core/alloc.h"
#include "core/date.h"
#include "ingest/progress.h"
#include "store/store_stress.h"

#define TRAIN_MONTHS 8
#define CALIB_MONTHS 3
#define GAP_MONTHS 1
#define TEST_MONTHS 6
/* The linear baseline's ridge penalty: the features are standardised, so
 * 1.0 is a light touch on tens of thousands of rows. */
#define LOGIT_L2 1.0
/* Rows scored per call into the booster: large enough that the library's
 * per-call cost vanishes, small enough to stay in cache. */
#define SCORE_BATCH 8192

int stress_split_for(int32_t last_month, struct stress_split *sp, struct err *e)
{
    if (last_month < 0)
        return err_set(e, "stress: the credit feed is empty; load it with `samanvay ingest credit`");
    sp->test_to = last_month - STRESS_HORIZON_MONTHS;
    sp->test_from = sp->test_to - (TEST_MONTHS - 1);
    sp->calib_to = sp->test_from - GAP_MONTHS - 1;
    sp->calib_from = sp->calib_to - (CALIB_MONTHS - 1);
    sp->train_to = sp->calib_from - 1;
    sp->train_from = sp->train_to - (TRAIN_MONTHS - 1);
    return 0;
}

/* --- the panel, sliced ------------------------------------------------- */

/* The rows of m whose month lies in from..to and whose label is known. */
static struct stress_matrix *slice(const struct stress_matrix *m, int32_t from, int32_t to,
                                   size_t *positives, struct err *e)
{
    struct stress_matrix *out = stress_matrix_new(m->cols, 1024);

    *positives = 0;
    if (out == NULL) {
        err_set(e, "stress: out of memory");
        return NULL;
    }
    for (size_t i = 0; i < m->rows; i++) {
        if (m->month[i] < from || m->month[i] > to || isnan(m->label[i]))
            continue;
        if (stress_matrix_push(out, m->enterprise_id[i], m->month[i], m->x + i * m->cols,
                               m->label[i])
            != 0) {
            stress_matrix_free(out);
            err_set(e, "stress: out of memory");
            return NULL;
        }
        *positives += m->label[i] > 0.5f;
    }
    return out;
}

static int need_both_classes(const char *what, size_t rows, size_t positives, struct err *e)
{
    if (positives == 0 || positives == rows)
        return err_set(e,
                       "stress: the %s months have %zu rows and %zu NPAs; the model needs both "
                       "outcomes (load more months of the credit feed)",
                       what, rows, positives);
    return 0;
}

static int features_json(struct buf *out)
{
    int rc = buf_putc(out, '[');

    for (int f = 0; rc == 0 && f < SF_COUNT; f++)
        rc = buf_printf(out, "%s\"%s\"", f ? "," : "", stress_feature_name(f));
    return rc != 0 ? rc : buf_putc(out, ']');
}

/* --- train ------------------------------------------------------------- */

/* The model's margin of each row: the linear part's (when the model has
 * one) plus the trees'. */
static int model_margin(struct stress_booster *b, const struct logit *lin, const float *x,
                        size_t rows, size_t cols, float *margin, struct err *e)
{
    if (stress_booster_margin(b, x, rows, cols, margin, e) != 0)
        return -1;
    for (size_t i = 0; lin != NULL && i < rows; i++)
        margin[i] += (float)logit_margin(lin, x + i * cols);
    return 0;
}

/* Add the linear part's terms to a batch's tree margins and TreeSHAP
 * contributions, so that the reasons weigh both parts: each feature's
 * contribution is its trees' share plus its linear term. */
static void add_linear(const struct logit *lin, const float *x, size_t rows, float *margin,
                       float *contrib)
{
    double term[SF_COUNT + 1];

    for (size_t i = 0; i < rows; i++) {
        const float *row = x + i * SF_COUNT;
        float *c = contrib + i * (SF_COUNT + 1);
        logit_contributions(lin, row, term);
        for (size_t j = 0; j <= SF_COUNT; j++)
            c[j] += (float)term[j];
        margin[i] += (float)logit_margin(lin, row);
    }
}

static int train_store(struct store *s, const struct stress_split *sp, struct stress_booster *b,
                       const struct logit *lin, const struct calibration *cal, int64_t *id,
                       struct err *e)
{
    struct buf booster = BUF_INIT, features = BUF_INIT, calib = BUF_INIT, linear = BUF_INIT;
    struct stress_model_row row;
    int rc;

    memset(&row, 0, sizeof row);
    rc = stress_booster_save(b, &booster, e);
    if (rc == 0
        && (features_json(&features) != 0 || calibration_to_json(cal, &calib) != 0
            || logit_to_json(lin, &linear) != 0))
        rc = err_set(e, "stress: out of memory");
    if (rc == 0) {
        snprintf(row.trained_at, sizeof row.trained_at, "%s", store_now(s));
        store_stress_month_text(sp->train_from, row.train_from);
        store_stress_month_text(sp->train_to, row.train_to);
        row.features = (char *)buf_cstr(&features);
        row.booster = (unsigned char *)booster.data;
        row.booster_len = booster.len;
        row.calibration = (char *)buf_cstr(&calib);
        row.linear = (char *)buf_cstr(&linear);
        rc = store_stress_model_put(s, &row, e);
        *id = row.id;
    }
    buf_release(&booster);
    buf_release(&features);
    buf_release(&calib);
    buf_release(&linear);
    return rc;
}

static int calibrate_on(struct stress_booster *b, const struct logit *lin,
                        const struct stress_matrix *m, struct calibration **cal, struct err *e)
{
    float *margin = mem_alloc((m->rows ? m->rows : 1) * sizeof *margin);
    int rc;

    if (margin == NULL)
        return err_set(e, "stress: out of memory");
    rc = model_margin(b, lin, m->x, m->rows, m->cols, margin, e);
    if (rc == 0)
        rc = calibration_fit(margin, m->label, m->rows, cal, e);
    mem_free(margin);
    return rc;
}

/* Linear plus trees (docs/stress-model.md): the linear part first, then
 * trees started from its margin, so they learn only what it misses. */
static int train_parts(const struct stress_matrix *train, const struct stress_booster_params *p,
                       struct logit **lin, struct stress_booster **b, struct err *e)
{
    float *offset;
    int rc;

    if (logit_train(train->x, train->label, train->rows, train->cols, LOGIT_L2, lin, e) != 0)
        return -1;
    offset = mem_alloc(train->rows * sizeof *offset);
    if (offset == NULL)
        return err_set(e, "stress: out of memory");
    for (size_t i = 0; i < train->rows; i++)
        offset[i] = (float)logit_margin(*lin, train->x + i * train->cols);
    rc = stress_booster_train_offset(train->x, train->label, offset, train->rows, train->cols, p,
                                     b, e);
    mem_free(offset);
    return rc;
}

/* The calibration months' AUC of the linear part plus the first `rounds`
 * rounds of trees (0: the linear part alone). */
static int calib_auc(struct stress_booster *b, const struct logit *lin,
                     const struct stress_matrix *m, int rounds, float *margin, double *score,
                     double *auc, struct err *e)
{
    struct metrics mt;

    if (rounds > 0 && stress_booster_margin_upto(b, m->x, m->rows, m->cols, rounds, margin, e))
        return -1;
    for (size_t i = 0; i < m->rows; i++)
        score[i] = (rounds > 0 ? margin[i] : 0) + logit_margin(lin, m->x + i * m->cols);
    if (metrics_compute(score, score, m->label, m->rows, &mt) != 0)
        return err_set(e, "stress: cannot measure the calibration months");
    *auc = mt.auc;
    return 0;
}

/* How many rounds of trees to keep: the multiple of ROUND_STEP whose
 * linear-plus-trees margin ranks the calibration months best, a tie going
 * to fewer rounds. The trees must earn each step on months they did not
 * train on; where the linear part already says what the data can, few
 * rounds survive and the model stays close to it (docs/stress-model.md,
 * "Linear plus trees"). */
#define ROUND_STEP 5
static int choose_rounds(struct stress_booster *b, const struct logit *lin,
                         const struct stress_matrix *calib, struct stress_train_result *out,
                         struct err *e)
{
    float *margin = mem_alloc(calib->rows * sizeof *margin);
    double *score = mem_alloc(calib->rows * sizeof *score), auc;
    int have = 0, rc;

    if (margin == NULL || score == NULL)
        rc = err_set(e, "stress: out of memory");
    else
        rc = stress_booster_rounds(b, &have, e);
    if (rc == 0)
        rc = calib_auc(b, lin, calib, 0, margin, score, &out->calib_auc_linear, e);
    out->rounds = 0;
    out->calib_auc_model = -1;
    for (int k = ROUND_STEP < have ? ROUND_STEP : have; rc == 0 && k <= have; k += ROUND_STEP) {
        rc = calib_auc(b, lin, calib, k, margin, score, &auc, e);
        if (rc == 0 && auc > out->calib_auc_model) {
            out->rounds = k;
            out->calib_auc_model = auc;
        }
    }
    mem_free(margin);
    mem_free(score);
    return rc;
}

int stress_train(struct store *s, const struct stress_booster_params *p,
                 struct stress_train_result *out, struct err *e)
{
    struct stress_matrix *panel = NULL, *train = NULL, *calib = NULL;
    struct stress_booster *b = NULL, *kept = NULL;
    struct logit *lin = NULL;
    struct calibration *cal = NULL;
    int32_t last;
    int rc;

    memset(out, 0, sizeof *out);
    rc = store_stress_last_month(s, &last, e);
    if (rc == 0)
        rc = stress_split_for(last, &out->split, e);
    if (rc == 0)
        rc = store_stress_panel(s, out->split.train_from, out->split.calib_to, last, &panel, e);
    if (rc == 0 && ((train = slice(panel, out->split.train_from, out->split.train_to,
                                   &out->train_positives, e)) == NULL
                    || (calib = slice(panel, out->split.calib_from, out->split.calib_to,
                                      &out->calib_positives, e)) == NULL))
        rc = -1;
    if (rc == 0) {
        out->train_rows = train->rows;
        out->calib_rows = calib->rows;
        rc = need_both_classes("training", train->rows, out->train_positives, e);
    }
    if (rc == 0)
        rc = need_both_classes("calibration", calib->rows, out->calib_positives, e);
    if (rc == 0)
        rc = train_parts(train, p, &lin, &b, e);
    if (rc == 0)
        rc = choose_rounds(b, lin, calib, out, e);
    if (rc == 0)
        rc = stress_booster_truncate(b, out->rounds, &kept, e);
    if (rc == 0)
        rc = calibrate_on(kept, lin, calib, &cal, e);
    if (rc == 0)
        rc = train_store(s, &out->split, kept, lin, cal, &out->model_id, e);
    calibration_free(cal);
    logit_free(lin);
    stress_booster_free(kept);
    stress_booster_free(b);
    stress_matrix_free(calib);
    stress_matrix_free(train);
    stress_matrix_free(panel);
    return rc;
}

/* --- a stored model, loaded ---------------------------------------------- */

struct loaded_model {
    struct stress_model_row row;
    struct stress_booster *booster;
    struct logit *linear;        /* NULL: a model of trees alone (before migration 0015) */
    struct calibration *cal;
    int32_t train_from, train_to;
};

static void loaded_free(struct loaded_model *m)
{
    stress_booster_free(m->booster);
    logit_free(m->linear);
    calibration_free(m->cal);
    store_stress_model_row_free(&m->row);
}

static int model_load(struct store *s, struct loaded_model *m, struct err *e)
{
    struct buf names = BUF_INIT;
    bool found;
    int rc;

    memset(m, 0, sizeof *m);
    if (store_stress_model_latest(s, &m->row, &found, e) != 0)
        return -1;
    if (!found)
        return err_set(e, "stress: no model yet; run `samanvay stress train` first");
    rc = features_json(&names) != 0 ? err_set(e, "stress: out of memory") : 0;
    /* A model trained on other features cannot read this build's vectors. */
    if (rc == 0 && strcmp(buf_cstr(&names), m->row.features) != 0)
        rc = err_set(e, "stress: model %lld was trained on other features; run `samanvay stress "
                        "train` again",
                     (long long)m->row.id);
    buf_release(&names);
    m->train_from = store_stress_month_parse(m->row.train_from);
    m->train_to = store_stress_month_parse(m->row.train_to);
    if (rc == 0 && (m->train_from < 0 || m->train_to < m->train_from))
        rc = err_set(e, "stress: model %lld has a bad training period", (long long)m->row.id);
    if (rc == 0)
        rc = stress_booster_load(m->row.booster, m->row.booster_len, &m->booster, e);
    if (rc == 0)
        rc = calibration_from_json(m->row.calibration, &m->cal, e);
    if (rc == 0 && m->row.linear != NULL)
        rc = logit_from_json(m->row.linear, &m->linear, e);
    if (rc == 0 && m->linear != NULL && logit_cols(m->linear) != SF_COUNT)
        rc = err_set(e, "stress: model %lld's linear part reads %zu features, not %d",
                     (long long)m->row.id, logit_cols(m->linear), SF_COUNT);
    if (rc != 0)
        loaded_free(m);
    return rc;
}

/* --- backtest ------------------------------------------------------------ */

struct scored {
    double *model_score, *model_p, *sma2, *linear;
};

static void scored_free(struct scored *sc)
{
    mem_free(sc->model_score);
    mem_free(sc->model_p);
    mem_free(sc->sma2);
    mem_free(sc->linear);
}

static int score_test(const struct loaded_model *m, const struct logit *lin,
                      const struct stress_matrix *test, struct scored *sc, struct err *e)
{
    size_t n = test->rows ? test->rows : 1;
    float *margin = mem_alloc(n * sizeof *margin);
    int rc = 0;

    sc->model_score = mem_alloc(n * sizeof(double));
    sc->model_p = mem_alloc(n * sizeof(double));
    sc->sma2 = mem_alloc(n * sizeof(double));
    sc->linear = mem_alloc(n * sizeof(double));
    if (margin == NULL || sc->model_score == NULL || sc->model_p == NULL || sc->sma2 == NULL
        || sc->linear == NULL)
        rc = err_set(e, "stress: out of memory");
    if (rc == 0)
        rc = model_margin(m->booster, m->linear, test->x, test->rows, test->cols, margin, e);
    for (size_t i = 0; rc == 0 && i < test->rows; i++) {
        const float *x = test->x + i * test->cols;
        sc->model_score[i] = margin[i];
        sc->model_p[i] = calibration_apply(m->cal, margin[i]);
        /* The rule an officer applies today: flag an account at SMA-2 (or worse). */
        sc->sma2[i] = !isnan(x[SF_SMA_CLASS]) && x[SF_SMA_CLASS] >= 2 ? 1.0 : 0.0;
        sc->linear[i] = logit_predict(lin, x);
    }
    mem_free(margin);
    return rc;
}

static int backtest_measure(const struct stress_matrix *train, const struct stress_matrix *test,
                            const struct loaded_model *m, struct stress_backtest *out,
                            struct err *e)
{
    struct logit *lin = NULL;
    struct scored sc = {0};
    int rc = logit_train(train->x, train->label, train->rows, train->cols, LOGIT_L2, &lin, e);

    if (rc == 0)
        rc = score_test(m, lin, test, &sc, e);
    if (rc == 0
        && (metrics_compute(sc.model_score, sc.model_p, test->label, test->rows, &out->model) != 0
            || metrics_compute(sc.sma2, sc.sma2, test->label, test->rows, &out->sma2_rule) != 0
            || metrics_compute(sc.linear, sc.linear, test->label, test->rows, &out->linear)
                   != 0))
        rc = err_set(e, "stress: cannot compute the backtest measures");
    scored_free(&sc);
    logit_free(lin);
    return rc;
}

static int backtest_store(struct store *s, const struct stress_backtest *b, struct err *e)
{
    struct buf json = BUF_INIT;
    int rc = stress_backtest_json(b, &json) != 0 ? err_set(e, "stress: out of memory") : 0;

    if (rc == 0)
        rc = store_stress_model_set_backtest(s, b->model_id, buf_cstr(&json), e);
    buf_release(&json);
    return rc;
}

int stress_backtest_run(struct store *s, struct stress_backtest *out, struct err *e)
{
    struct stress_matrix *panel = NULL, *train = NULL, *test = NULL;
    struct loaded_model m;
    size_t train_pos;
    int32_t last;
    int rc;

    memset(out, 0, sizeof *out);
    if (model_load(s, &m, e) != 0)
        return -1;
    out->model_id = m.row.id;
    /* The test months follow the model's own calibration months and gap,
     * up to the last month whose 12 months after are reported. */
    out->test_from = m.train_to + CALIB_MONTHS + GAP_MONTHS + 1;
    rc = store_stress_last_month(s, &last, e);
    out->test_to = last - STRESS_HORIZON_MONTHS;
    if (rc == 0 && out->test_to < out->test_from)
        rc = err_set(e, "stress: no month after model %lld's calibration has 12 months of "
                        "outcomes yet",
                     (long long)m.row.id);
    if (rc == 0)
        rc = store_stress_panel(s, m.train_from, out->test_to, last, &panel, e);
    if (rc == 0
        && ((train = slice(panel, m.train_from, m.train_to, &train_pos, e)) == NULL
            || (test = slice(panel, out->test_from, out->test_to, &out->positives, e)) == NULL))
        rc = -1;
    if (rc == 0) {
        out->rows = test->rows;
        rc = need_both_classes("test", test->rows, out->positives, e);
    }
    if (rc == 0)
        rc = need_both_classes("training", train->rows, train_pos, e);
    if (rc == 0)
        rc = backtest_measure(train, test, &m, out, e);
    if (rc == 0)
        rc = backtest_store(s, out, e);
    stress_matrix_free(test);
    stress_matrix_free(train);
    stress_matrix_free(panel);
    loaded_free(&m);
    return rc;
}

static json_t *measure(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *metrics_json(const struct metrics *m)
{
    return json_pack("{s:o, s:o, s:o, s:o}", "auc", measure(m->auc), "pr_auc", measure(m->pr_auc),
                     "precision_at_1pct", measure(m->precision_at_1pct), "brier",
                     measure(m->brier));
}

int stress_backtest_json(const struct stress_backtest *b, struct buf *out)
{
    char from[8], to[8];
    json_t *root = metrics_json(&b->model);
    char *text;
    int rc;

    store_stress_month_text(b->test_from, from);
    store_stress_month_text(b->test_to, to);
    if (root == NULL
        || json_object_update_new(
               root, json_pack("{s:{s:o, s:o}, s:I, s:s, s:s, s:I, s:I}", "baselines", "sma2_rule",
                               metrics_json(&b->sma2_rule), "linear", metrics_json(&b->linear),
                               "model_id", (json_int_t)b->model_id, "test_from", from,
                               "test_to", to, "rows", (json_int_t)b->rows, "positives",
                               (json_int_t)b->positives))
               != 0) {
        json_decref(root);
        return -1;
    }
    text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    json_decref(root);
    if (text == NULL)
        return -1;
    rc = buf_puts(out, text);
    free(text);
    return rc;
}

/* --- score --------------------------------------------------------------- */

/* One batch of rows to score: features in, margins and contributions out. */
struct batch {
    size_t n;
    int64_t id[SCORE_BATCH];
    int32_t since[SCORE_BATCH];
    float *x, *margin, *contrib;
};

/* The booster runs on a worker thread while the main thread reads and
 * featurises the next batch and writes the rows of the last: the store
 * reads and the TreeSHAP contributions (each about half the work) then
 * overlap. Only the worker calls the booster; only the main thread the
 * store. */
struct scorer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct stress_booster *booster;
    const struct logit *linear;  /* or NULL */
    struct batch *job;           /* submitted, not yet done */
    bool busy, quit, failed;
    struct err err;
};

struct score_run {
    struct store *store;
    struct loaded_model *m;
    int32_t t;
    char month[8];
    struct stress_score_result *out;
    struct progress progress;
    int64_t seen;
    struct batch batch[2];
    int filling;                 /* the batch being filled */
    struct scorer sc;
    struct buf reasons;
    struct err *e;
};

/* Who is scored at t: an enterprise with a facility reported at t that is
 * not NPA already (the model's own population), and a GST filer with no
 * facility reported at t (a return due in the 12 months to t) that never
 * had an NPA account (docs/stress.md, "Who is scored"). */
static bool in_population(const struct stress_history *h, int32_t t, bool *borrower)
{
    int32_t end = date_month_last(t), start = date_month_last(t - 12);
    bool npa;

    *borrower = stress_history_active(h, t, &npa);
    if (*borrower)
        return !npa;
    for (size_t i = 0; i < h->n_credit; i++)
        if (h->credit[i].month <= t && h->credit[i].dpd > 90)
            return false;       /* an NPA account closed or no longer reported */
    for (size_t i = 0; i < h->n_gst; i++)
        if (h->gst[i].due_on > start && h->gst[i].due_on <= end)
            return true;
    return false;
}

/* A GST filer without a facility is scored as a borrower whose account is
 * standard and has been all year: every training row has a facility, so a
 * missing credit history is a state the trees never saw, and their default
 * branches would decide its score by accident. The probability is then
 * "of a borrower with these GST returns and a clean account". */
static void as_clean_borrower(float *x)
{
    if (isnan(x[SF_SMA_CLASS]))
        x[SF_SMA_CLASS] = -1;
    if (isnan(x[SF_DPD_NOW]))
        x[SF_DPD_NOW] = 0;
    if (isnan(x[SF_DPD_MAX_12]))
        x[SF_DPD_MAX_12] = 0;
    if (isnan(x[SF_ARREARS_MONTHS_12]))
        x[SF_ARREARS_MONTHS_12] = 0;
}

static void *scorer_main(void *arg)
{
    struct scorer *sc = arg;

    pthread_mutex_lock(&sc->lock);
    for (;;) {
        struct batch *b;
        while (!sc->busy && !sc->quit)
            pthread_cond_wait(&sc->cond, &sc->lock);
        if (sc->quit)
            break;
        b = sc->job;
        pthread_mutex_unlock(&sc->lock);
        bool failed =
            stress_booster_margin(sc->booster, b->x, b->n, SF_COUNT, b->margin, &sc->err) != 0
            || stress_booster_contributions(sc->booster, b->x, b->n, SF_COUNT, b->contrib,
                                            &sc->err)
                   != 0;
        if (!failed && sc->linear != NULL)
            add_linear(sc->linear, b->x, b->n, b->margin, b->contrib);
        pthread_mutex_lock(&sc->lock);
        sc->failed = sc->failed || failed;
        sc->busy = false;
        pthread_cond_broadcast(&sc->cond);
    }
    pthread_mutex_unlock(&sc->lock);
    return NULL;
}

/* Wait for the batch in flight, if any; *done gets it (or NULL). */
static int scorer_wait(struct scorer *sc, struct batch **done, struct err *e)
{
    bool failed;

    pthread_mutex_lock(&sc->lock);
    while (sc->busy)
        pthread_cond_wait(&sc->cond, &sc->lock);
    *done = sc->job;
    sc->job = NULL;
    failed = sc->failed;
    pthread_mutex_unlock(&sc->lock);
    if (failed) {
        *e = sc->err;
        return -1;
    }
    return 0;
}

static void scorer_submit(struct scorer *sc, struct batch *b)
{
    pthread_mutex_lock(&sc->lock);
    sc->job = b;
    sc->busy = true;
    pthread_cond_broadcast(&sc->cond);
    pthread_mutex_unlock(&sc->lock);
}

/* Write the scored rows of b (main thread: the store's connection). */
static int write_batch(struct score_run *r, struct batch *b)
{
    const size_t cols = SF_COUNT;

    for (size_t i = 0; i < b->n; i++) {
        struct stress_reason why[STRESS_REASONS_MAX];
        double p = calibration_apply(r->m->cal, b->margin[i]);
        int k = stress_features_reasons(b->since[i], b->x + i * cols,
                                        b->contrib + i * (cols + 1), why);

        buf_reset(&r->reasons);
        if (stress_reasons_to_json(why, k, &r->reasons) != 0)
            return err_set(r->e, "stress: cannot write the reasons of enterprise %lld",
                           (long long)b->id[i]);
        if (store_stress_score_put(r->store, b->id[i], r->month, r->m->row.id, p,
                                   buf_cstr(&r->reasons), r->e)
            != 0)
            return -1;
        r->out->alerts += p >= STRESS_ALERT_PROBABILITY;
    }
    r->out->scored += (int64_t)b->n;
    b->n = 0;
    return 0;
}

/* Hand the full batch to the worker, and write the one it finished. */
static int flush(struct score_run *r)
{
    struct batch *done;

    if (scorer_wait(&r->sc, &done, r->e) != 0 || (done != NULL && write_batch(r, done) != 0))
        return -1;
    if (r->batch[r->filling].n > 0) {
        scorer_submit(&r->sc, &r->batch[r->filling]);
        r->filling ^= 1;
    }
    return 0;
}

static int score_one(void *ctx, const struct stress_history *h)
{
    struct score_run *r = ctx;
    struct batch *b = &r->batch[r->filling];
    bool borrower;

    if (++r->seen % 4096 == 0)
        progress_update(&r->progress, 0, (uint64_t)r->seen);
    if (!in_population(h, r->t, &borrower))
        return 0;
    r->out->borrowers += borrower;
    r->out->gst_only += !borrower;
    b->id[b->n] = h->enterprise_id;
    b->since[b->n] = stress_history_arrears_since(h, r->t);
    stress_features(h, r->t, b->x + b->n * SF_COUNT);
    if (!borrower)
        as_clean_borrower(b->x + b->n * SF_COUNT);
    return ++b->n == SCORE_BATCH ? flush(r) : 0;
}

static int score_stream(struct score_run *r)
{
    struct batch *done;
    int rc;

    /* One transaction: the month's old scores go and the new ones come
     * together, or not at all. */
    rc = store_begin(r->store, r->e);
    if (rc != 0)
        return rc;
    rc = store_stress_scores_clear(r->store, r->month, r->e);
    if (rc == 0)
        rc = store_stress_each(r->store, true, score_one, r, r->e);
    if (rc == 0)
        rc = flush(r);          /* the last, partial batch */
    if (rc == 0 && (rc = scorer_wait(&r->sc, &done, r->e)) == 0 && done != NULL)
        rc = write_batch(r, done);
    else if (rc != 0)
        scorer_wait(&r->sc, &done, &r->sc.err);   /* let the worker finish before unwinding */
    if (rc == 0)
        rc = store_commit(r->store, r->e);
    else
        store_rollback(r->store);
    return rc;
}

static int score_all(struct score_run *r)
{
    int rc;

    for (int i = 0; i < 2; i++) {
        struct batch *b = &r->batch[i];
        b->x = mem_alloc(SCORE_BATCH * SF_COUNT * sizeof *b->x);
        b->margin = mem_alloc(SCORE_BATCH * sizeof *b->margin);
        b->contrib = mem_alloc(SCORE_BATCH * (SF_COUNT + 1) * sizeof *b->contrib);
        if (b->x == NULL || b->margin == NULL || b->contrib == NULL)
            return err_set(r->e, "stress: out of memory");
    }
    r->sc.booster = r->m->booster;
    r->sc.linear = r->m->linear;
    if (pthread_mutex_init(&r->sc.lock, NULL) != 0)
        return err_set(r->e, "stress: cannot make a lock");
    if (pthread_cond_init(&r->sc.cond, NULL) != 0) {
        pthread_mutex_destroy(&r->sc.lock);
        return err_set(r->e, "stress: cannot make a condition variable");
    }
    if (pthread_create(&r->sc.thread, NULL, scorer_main, &r->sc) != 0) {
        rc = err_set(r->e, "stress: cannot start the scoring thread");
    } else {
        rc = score_stream(r);
        pthread_mutex_lock(&r->sc.lock);
        r->sc.quit = true;
        pthread_cond_broadcast(&r->sc.cond);
        pthread_mutex_unlock(&r->sc.lock);
        pthread_join(r->sc.thread, NULL);
    }
    pthread_cond_destroy(&r->sc.cond);
    pthread_mutex_destroy(&r->sc.lock);
    return rc;
}

int stress_score_run(struct store *s, bool quiet, struct stress_score_result *out, struct err *e)
{
    static struct score_run zero;
    struct score_run *r;
    struct loaded_model m;
    int rc;

    memset(out, 0, sizeof *out);
    if (model_load(s, &m, e) != 0)
        return -1;
    /* The batch arrays are too large for the stack. */
    r = mem_alloc(sizeof *r);
    if (r == NULL) {
        loaded_free(&m);
        return err_set(e, "stress: out of memory");
    }
    *r = zero;
    r->store = s;
    r->m = &m;
    r->out = out;
    r->e = e;
    r->reasons = (struct buf)BUF_INIT;
    out->model_id = m.row.id;
    rc = store_stress_last_month(s, &r->t, e);
    if (rc == 0 && r->t < 0)
        rc = err_set(e, "stress: the credit feed is empty; nothing to score");
    if (rc == 0) {
        out->month = r->t;
        store_stress_month_text(r->t, r->month);
        progress_start(&r->progress, "stress score", 0, quiet);
        rc = score_all(r);
        progress_finish(&r->progress, (uint64_t)r->seen);
    }
    for (int i = 0; i < 2; i++) {
        mem_free(r->batch[i].x);
        mem_free(r->batch[i].margin);
        mem_free(r->batch[i].contrib);
    }
    buf_release(&r->reasons);
    mem_free(r);
    loaded_free(&m);
    return rc;
}
