/* Fuzz the calibration reader (stress_model.calibration): any bytes as the
 * JSON text. A refusal says why, prefixed "calibration: "; an accepted
 * calibration is monotone, maps into [0, 1], and writes back to text that
 * reads as the same calibration. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/calibrate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const struct calibration *c)
{
    struct buf text = BUF_INIT;
    struct calibration *again = NULL;
    struct err e;

    if (calibration_to_json(c, &text) != 0 || calibration_from_json(text.data, &again, &e) != 0)
        abort();
    for (double m = -50; m <= 50; m += 12.5)
        if (calibration_apply(c, m) != calibration_apply(again, m))
            abort();
    calibration_free(again);
    buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const double margins[] = {-1e300, -1e6, -30, -1, 0, 1e-9, 1, 30, 1e6, 1e300};
    char *text = malloc(size + 1);
    struct calibration *c = NULL;
    struct err e;
    double prev = 0;

    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    e.msg[0] = '\0';
    if (calibration_from_json(text, &c, &e) != 0) {
        if (strncmp(e.msg, "calibration: ", 13) != 0 || c != NULL)
            abort();
        free(text);
        return 0;
    }
    for (size_t i = 0; i < sizeof margins / sizeof *margins; i++) {
        double p = calibration_apply(c, margins[i]);
        if (!(p >= 0 && p <= 1 && p >= prev))
            abort();
        prev = p;
    }
    check_round_trip(c);
    calibration_free(c);
    free(text);
    return 0;
}
