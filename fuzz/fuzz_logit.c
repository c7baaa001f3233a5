/* Fuzz the linear part's reader (stress_model.linear): any bytes as the
 * JSON text. A refusal says why, prefixed "logit: "; an accepted model
 * gives finite margins whose column terms add up to them, and writes back
 * to text that reads as the same model. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/logit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Rows of every column at one value: NAN (missing), 0, and a large one. */
static void check_rows(const struct logit *m)
{
    static const float values[] = {NAN, 0.0f, -1e30f, 3.5f};
    size_t cols = logit_cols(m);
    float *row = malloc(cols * sizeof *row);
    double *c = malloc((cols + 1) * sizeof *c);

    if (row == NULL || c == NULL)
        abort();
    for (size_t v = 0; v < sizeof values / sizeof *values; v++) {
        double sum = 0, size = 0, margin;
        for (size_t j = 0; j < cols; j++)
            row[j] = values[v];
        margin = logit_margin(m, row);
        logit_contributions(m, row, c);
        for (size_t j = 0; j <= cols; j++) {
            sum += c[j];
            size += fabs(c[j]);
        }
        /* An overflow to infinity is the text's doing (huge weights) and
         * allowed; a sum that disagrees with the margin is not. The margin
         * adds the same terms in another order, so the two may differ by
         * rounding relative to the terms' size, not the result's: terms of
         * +-1e29 that cancel leave any error of 1e13 (corpus:
         * regress-cancelling-terms). */
        if (isfinite(margin) && isfinite(sum) && isfinite(size)
            && fabs(sum - margin) > 1e-6 * (1 + fabs(margin)) + 1e-12 * size)
            abort();
    }
    free(row);
    free(c);
}

static void check_round_trip(const struct logit *m)
{
    struct buf text = BUF_INIT, again_text = BUF_INIT;
    struct logit *again = NULL;
    struct err e;

    if (logit_to_json(m, &text) != 0 || logit_from_json(text.data, &again, &e) != 0
        || logit_to_json(again, &again_text) != 0 || strcmp(text.data, again_text.data) != 0)
        abort();
    logit_free(again);
    buf_release(&text);
    buf_release(&again_text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    struct logit *m = NULL;
    struct err e;

    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    e.msg[0] = '\0';
    if (logit_from_json(text, &m, &e) != 0) {
        if (strncmp(e.msg, "logit: ", 7) != 0 || m != NULL)
            abort();
        free(text);
        return 0;
    }
    check_rows(m);
    check_round_trip(m);
    logit_free(m);
    free(text);
    return 0;
}
