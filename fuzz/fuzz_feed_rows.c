/* Fuzz every feed's row parser (ingest/feed.h): each CSV record the reader
 * returns is handed to each feed whose column count it has, columns in the
 * feed's own order. A parser must either accept the row or give a reason,
 * and a warning must stay a string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "ingest/feed.h"
#include "fuzz_refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_COLS 32

static const struct feed *const feeds[] = {&feed_udyam,   &feed_gst,           &feed_credit,
                                            &feed_skilling, &feed_cluster,       &feed_cluster_member,
                                            &feed_cfc_usage, &feed_beneficiary, &feed_energy,
                                            &feed_epfo, &feed_consent};

static void parse_with(const struct feed *f, const struct feed_parse_ctx *ctx,
                       const struct csv_record *rec)
{
    static _Alignas(max_align_t) unsigned char payload[1 << 16];
    struct row_error why;
    char warning[240];

    if (f->payload_size > sizeof payload)
        abort();
    memset(&why, 0, sizeof why);
    memset(warning, 'x', sizeof warning);
    if (!f->parse(ctx, rec, payload, &why, warning, sizeof warning) && why.reason == R_NONE)
        abort();
    if (memchr(why.msg, '\0', sizeof why.msg) == NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_options opt = {.max_record_bytes = 1024, .max_fields = MAX_COLS,
                              .max_lines_per_record = 4, .validate_utf8 = true};
    struct csv_reader *r = csv_reader_new_mem((const char *)data, size, &opt);
    int index[MAX_COLS];
    struct feed_parse_ctx ctx = {fuzz_refdata(), 0, index};
    struct csv_record rec;
    enum csv_status st;

    if (r == NULL)
        return 0;
    date_from_ymd(2026, 1, 1, &ctx.today);
    for (int i = 0; i < MAX_COLS; i++)
        index[i] = i;
    while ((st = csv_next(r, &rec, NULL)) != CSV_END) {
        if (st != CSV_RECORD)
            continue;
        for (size_t k = 0; k < sizeof feeds / sizeof feeds[0]; k++)
            if (rec.nfields == feeds[k]->n_columns)
                parse_with(feeds[k], &ctx, &rec);
    }
    csv_reader_free(r);
    return 0;
}
