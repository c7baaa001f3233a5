/* Fuzz the CSV reader (with small limits, so long and multi-line records
 * are reached) and the Udyam row validator on every record it returns. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "ingest/feed_udyam.h"
#include "fuzz_refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_options opt = {.max_record_bytes = 256, .max_fields = 32, .max_lines_per_record = 4,
                              .validate_utf8 = true};
    struct csv_reader *r = csv_reader_new_mem((const char *)data, size, &opt);
    int index[U_NCOLS];
    struct csv_record rec;
    enum csv_status st;
    uint64_t last_line = 0;
    int32_t today;

    if (r == NULL)
        return 0;
    date_from_ymd(2026, 1, 1, &today);
    for (int i = 0; i < U_NCOLS; i++)
        index[i] = i;
    csv_reader_expect_fields(r, U_NCOLS);
    while ((st = csv_next(r, &rec, NULL)) != CSV_END) {
        if (st == CSV_IO_ERROR || rec.line <= last_line || rec.raw_len > size)
            abort();
        last_line = rec.line;
        if (st == CSV_BAD) {
            if (rec.error == NULL || rec.fault == CSV_FAULT_NONE)
                abort();
            continue;
        }
        for (size_t i = 0; i < rec.nfields; i++)
            if (strlen(rec.field[i]) != rec.len[i])
                abort();
        if (rec.nfields == U_NCOLS) {
            struct enterprise e;
            struct row_error why;
            char warning[200];
            if (!udyam_row_parse(fuzz_refdata(), today, index, &rec, &e, &why, warning, sizeof warning)
                && why.reason == R_NONE)
                abort();
        }
    }
    csv_reader_free(r);
    return 0;
}
