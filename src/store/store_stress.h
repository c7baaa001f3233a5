/* store_stress.h: what the stress early-warning reads from the store and
 * writes back (migration 0014, docs/stress.md).
 *
 * Reading: every enterprise's monthly history (GST returns, credit
 * facilities and their months, delayed-payment claims) streamed in
 * enterprise order by three ordered queries merged in C, never a query per
 * enterprise, so a million enterprises take one pass. Writing: a model row,
 * and a month's scores, each in one transaction (a kill mid-write leaves
 * the previous state whole). */
#ifndef SAMANVAY_STORE_STRESS_H
#define SAMANVAY_STORE_STRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/stress_features.h"
#include "analytics/stress_matrix.h"
#include "core/err.h"
#include "store/store.h"

/* Call fn for the history of every enterprise with a GST return, a credit
 * facility or a claim, in enterprise id order; h is valid during the call
 * only. fn returning non-zero stops the scan and is returned. Runs in one
 * read snapshot unless the caller has a transaction open (`in_txn`). */
int store_stress_each(struct store *s, bool in_txn,
                      int (*fn)(void *ctx, const struct stress_history *h), void *ctx,
                      struct err *e);

/* The latest month any facility is reported for (date_month_index), or -1
 * when the credit feed is empty. */
int store_stress_last_month(struct store *s, int32_t *month, struct err *e);

/* The panel for the scoring months from..to: one row for each enterprise
 * with a facility reported at the month and not NPA then (the model's
 * population), its features and its label (stress_history_label against
 * last_month). */
int store_stress_panel(struct store *s, int32_t from, int32_t to, int32_t last_month,
                       struct stress_matrix **out, struct err *e);

/* --- models ------------------------------------------------------------ */

struct stress_model_row {
    int64_t id;
    char trained_at[32];
    char train_from[8], train_to[8];     /* 'YYYY-MM' */
    char *features;                      /* JSON array of names */
    unsigned char *booster;
    size_t booster_len;
    char *calibration;                   /* JSON */
    char *backtest;                      /* JSON, or NULL */
    char *linear;                        /* JSON (logit.h), or NULL: trees alone */
};

/* Insert a model (its id into m->id); one statement, so all or nothing. */
int store_stress_model_put(struct store *s, struct stress_model_row *m, struct err *e);
/* The latest model (highest id); *found false on none. Free with
 * store_stress_model_row_free. */
int store_stress_model_latest(struct store *s, struct stress_model_row *m, bool *found,
                              struct err *e);
int store_stress_model_set_backtest(struct store *s, int64_t id, const char *json, struct err *e);
void store_stress_model_row_free(struct stress_model_row *m);

/* --- scores ------------------------------------------------------------ */

/* Inside the caller's transaction: forget the scores of `month` ('YYYY-MM')
 * before writing it again, so a re-run replaces rather than adds. */
int store_stress_scores_clear(struct store *s, const char *month, struct err *e);
int store_stress_score_put(struct store *s, int64_t enterprise_id, const char *month,
                           int64_t model_id, double probability, const char *reasons,
                           struct err *e);

/* 'YYYY-MM' for a month index, and back (-1 on a malformed month). */
void store_stress_month_text(int32_t month, char out[8]);
int32_t store_stress_month_parse(const char *s);

#endif
