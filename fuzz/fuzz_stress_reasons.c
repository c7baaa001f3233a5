/* Fuzz the stress reasons parser: what parses writes back to JSON that
 * parses to the same reasons, and every parsed reason has words. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/stress_reason.h"
#include "core/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct stress_reason r[STRESS_REASONS_MAX], back[STRESS_REASONS_MAX];
    struct buf b = BUF_INIT;
    char *text;
    int n, m;

    if (size > 4096)
        return 0;
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (stress_reasons_parse(text, r, &n) != 0)
        goto done;
    if (n < 0 || n > STRESS_REASONS_MAX)
        abort();
    for (int i = 0; i < n; i++)
        if (stress_reason_text(&r[i], &b) != 0)
            abort();
    buf_reset(&b);
    if (stress_reasons_to_json(r, n, &b) != 0 || stress_reasons_parse(buf_cstr(&b), back, &m) != 0 || m != n)
        abort();
    for (int i = 0; i < n; i++)
        if (strcmp(r[i].code, back[i].code) != 0 || r[i].value != back[i].value ||
            r[i].months != back[i].months || strcmp(r[i].since, back[i].since) != 0 ||
            r[i].contribution != back[i].contribution)
            abort();
done:
    buf_release(&b);
    free(text);
    return 0;
}
