/* Fuzz the overlap pages' query parser (web/overlap_view.c): ?purpose and
 * ?amount from a query string. A good answer is a purpose of the
 * vocabulary (or none) and an amount in whole rupees within the limit (or
 * unknown); anything else is refused, never half-read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/profile.h"
#include "web/form.h"
#include "web/overlap_view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct query {
    const char *text;
    size_t len;
    char value[2][256];
};

static const char *get(void *ctx, const char *name)
{
    struct query *q = ctx;
    int k = strcmp(name, "purpose") == 0 ? 0 : strcmp(name, "amount") == 0 ? 1 : -1;

    if (k < 0 || form_get(q->text, q->len, name, q->value[k], sizeof q->value[k]) != 0)
        return NULL;
    return q->value[k];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[1024];
    struct query q;
    struct web_request rq;
    struct overlap_options o;

    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&q, 0, sizeof q);
    memset(&rq, 0, sizeof rq);
    q.text = text;
    q.len = size;
    rq.query = get;
    rq.query_ctx = &q;
    rq.today = 20000;
    if (overlap_view_options(&rq, &o) != OVERLAP_OK)
        return 0;
    if (o.need_purpose != NULL && profile_enum_index(PF_NEED_PURPOSE, o.need_purpose) < 0)
        abort();
    if (o.need_amount != -1 && (o.need_amount < 0 || o.need_amount % PAISE_PER_RUPEE != 0
                                || o.need_amount > (int64_t)1000000000 * PAISE_PER_RUPEE))
        abort();
    if (o.as_of != 20000 || o.window_days != OVERLAP_DEFAULT_WINDOW_DAYS)
        abort();
    return 0;
}
