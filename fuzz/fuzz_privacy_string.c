/* Fuzz the privacy export's string writer (store_privacy_export.c): any
 * bytes, valid UTF-8 or not, become one JSON string that jansson reads
 * back; valid UTF-8 without control characters reads back unchanged. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/store_privacy_export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int collect(void *ctx, const char *p, size_t n, struct err *e)
{
    return buf_append(ctx, p, n) == 0 ? 0 : err_set(e, "out of memory");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf b = BUF_INIT;
    struct export_sink out = {collect, &b};
    struct err e;
    json_error_t je;
    json_t *back, *direct;

    if (size > 4096)
        return 0;
    if (export_put_string(&out, (const char *)data, size, &e) != 0)
        abort();
    back = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
    if (!json_is_string(back))
        abort();
    /* jansson accepts exactly valid UTF-8: then the text must survive */
    direct = json_stringn((const char *)data, size);
    if (direct != NULL && !json_equal(direct, back))
        abort();
    json_decref(direct);
    json_decref(back);
    buf_release(&b);
    return 0;
}
