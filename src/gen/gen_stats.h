/* gen_stats.h: what a block (and then the run) generated: rows per file,
 * injected errors per file and reason, treated units per scheme, and
 * population counts for the manifest. Plain counters, so blocks add up in
 * any order to the same totals. */
#ifndef SAMANVAY_GEN_STATS_H
#define SAMANVAY_GEN_STATS_H

#include <jansson.h>
#include <stdint.h>

#include "gen/gen_vocab.h"
#include "ingest/reason.h"

enum gen_counter {
    C_ENTERPRISES, C_WITH_PAN, C_GST_REGISTERED, C_GSTINS, C_GST_ONLY_FILERS,
    C_GST_ROWS_WITHOUT_UDYAM, C_GST_ROWS_UDYAM_QUARANTINED,
    C_RURAL, C_WOMEN_OWNED, C_SC_ST_OWNED, C_YOUNG_UNITS, C_EXPORTERS,
    C_MICRO, C_SMALL, C_MEDIUM, C_LARGE,
    C_BORROWERS, C_FACILITIES, C_SCHEME_LOANS, C_CREDIT_ROWS_NPA,
    C_SHOCKED, C_SHOCKED_BORROWERS, C_NPA_AFTER_SHOCK, C_CURED_AFTER_SHOCK, C_BACKGROUND_NPA,
    C_CLUSTER_MEMBERS,
    C_TRAINEES_WITH_UDYAM, C_TRAINEES_UNREGISTERED,
    C_BENEFICIARY_ENTERPRISES, C_BENEFICIARY_UNREGISTERED_ROWS, C_DOUBLE_FUNDED,
    C_DIRTY_DEVANAGARI, C_DIRTY_TYPO, C_DIRTY_PAN_MISSING, C_DIRTY_UDYAM_MISSING,
    C_DIRTY_NAME_SWAP, C_DIRTY_DISTRICT_MISSPELT,
    C_COUNT
};

enum gen_treated { T_BENEFICIARIES, T_GST_FILERS, T_WITH_12M, T_EPFO, T_COUNT };

struct gen_stats {
    uint64_t c[C_COUNT];
    uint64_t activity[ACT_COUNT];
    uint64_t constitution[CON_COUNT];
    uint64_t gst_scheme[GSTS_COUNT];
    uint64_t rows[OUT_COUNT];
    uint64_t errors[OUT_COUNT][R_COUNT];
    uint64_t treated[SCH_COUNT][T_COUNT];
};

void gen_stats_add(struct gen_stats *to, const struct gen_stats *from);
const char *gen_counter_name(enum gen_counter c);

/* {"<file name>": {"<reason>": n}} for the feeds (every listed reason, 0 included). */
json_t *gen_stats_errors_json(const struct gen_stats *s);
/* The population summary object of the manifest. */
json_t *gen_stats_summary_json(const struct gen_stats *s);

#endif
