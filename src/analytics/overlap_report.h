/* overlap_report.h: the overlap report (issue 8, parts 1 and 2) built from
 * what the store reads (store_overlap.h) by the pure computations of
 * overlap.h, and its JSON (docs/overlap.md has the shape).
 *
 * Awareness gap: an enterprise eligible for a scheme (batch evaluation,
 * status eligible) that never applied for it (no application past draft)
 * and is not on its beneficiary list. Counted by district, by segment and
 * by scheme. Published aggregates pass the small-cell rule (suppress.h):
 * a count below SUPPRESS_MIN_ENTERPRISES is withheld, and so is the rate
 * built on it. */
#ifndef SAMANVAY_OVERLAP_REPORT_H
#define SAMANVAY_OVERLAP_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/overlap.h"
#include "core/err.h"
#include "core/refdata.h"
#include "rules/batch.h"
#include "rules/catalog.h"

/* An application as the overlap needs it. */
struct overlap_application {
    int64_t enterprise_id;
    uint16_t scheme;        /* catalogue index */
    bool applied;           /* past draft */
    bool availed;           /* sanctioned or disbursed */
};

/* Segments: women-owned and SC/ST-owned (the owner on the Udyam record),
 * rural (its area), North-East (its state), and traditional industry: a
 * member of a registered cluster marked traditional (the cluster feed;
 * the Udyam record itself carries no such flag). */
enum overlap_segment { SEG_WOMEN, SEG_SC_ST, SEG_RURAL, SEG_NER, SEG_TRADITIONAL, SEG_COUNT };
const char *overlap_segment_code(enum overlap_segment s);

/* Which counts of a cell the small-cell rule withholds (awareness_cell.hide).
 * A withheld `eligible` withholds its pair count and both rates with it; a
 * withheld `gap` its pair count and both rates. */
enum { AW_HIDE_ENTERPRISES = 1, AW_HIDE_ELIGIBLE = 2, AW_HIDE_GAP = 4 };

struct awareness_cell {
    int64_t enterprises;    /* in the population */
    int64_t eligible;       /* eligible for at least one scheme */
    int64_t gap;            /* eligible for at least one scheme never applied for */
    int64_t eligible_pairs; /* (enterprise, scheme) pairs eligible */
    int64_t gap_pairs;      /* of them never applied for */
    uint8_t hide;           /* AW_HIDE_* bits, set by overlap_awareness_suppress */
};

/* One scheme in one district. */
struct awareness_count {
    int64_t eligible, gap;
    bool hide_eligible, hide_gap;   /* set by overlap_awareness_suppress */
};

struct awareness_district {
    int state;              /* GST code */
    char district[64];      /* LGD name when found, else as on file (upper case) */
    struct awareness_cell c;
};

struct overlap_input {
    const struct catalog *cat;
    const struct refdata *ref;
    const struct batch_columns *cols;   /* sorted by id, as store_enterprise_each reads them */
    const uint8_t *status;              /* cols->n × cat->n, batch_evaluate's */
    struct overlap_funding *funding;    /* linked list rows; the report takes them */
    size_t n_funding;
    const struct overlap_application *apps;
    size_t n_apps;
    int32_t as_of;
    int window_days;
    const char *need_purpose;           /* the need assumed of everyone; NULL = unknown */
    int64_t need_amount;                /* paise, -1 = unknown */
    const int64_t *traditional;         /* enterprises in a traditional cluster, any order */
    size_t n_traditional;
};

struct overlap_report {
    const struct catalog *cat;          /* borrowed */
    int32_t as_of;
    int window_days;
    char need_purpose[24];              /* "" = unknown */
    int64_t need_amount;
    size_t population, n_schemes, n_pairs;
    struct overlap_pair *eligibility;   /* eligible sets (status eligible) */
    struct overlap_pair *possible;      /* not ruled out (eligible or unknown) */
    struct overlap_pair *beneficiary;   /* availed */
    struct overlap_objective *objective;
    int64_t *eligible, *possible_count, *availed; /* per scheme */
    struct awareness_cell *by_scheme;   /* per scheme: eligible, gap */
    struct overlap_funding *funding;
    size_t n_funding;
    struct overlap_alert *alerts;
    size_t n_alerts;
    struct awareness_district *districts; /* sorted by (state, district) */
    size_t n_districts;
    struct awareness_count *district_scheme; /* n_districts × n_schemes */
    struct awareness_cell segment[SEG_COUNT], total;
    uint64_t *eligible_mask, *applied_mask; /* per enterprise, bit per scheme */
};

/* Build; in->funding is taken whatever happens. 0 or -1 with e. The
 * awareness counts come out with their hide flags set
 * (overlap_awareness_suppress). */
int overlap_report_build(const struct overlap_input *in, struct overlap_report *r, struct err *e);

/* The small-cell rule over the awareness tables, decided once here so the
 * pages, the API, the spreadsheet and the CLI withhold the same cells
 * (docs/overlap.md, "Small cells"). Every count of 1 to 4 is withheld;
 * and where a line of cells is published beside its total, a line with a
 * single withheld cell also withholds its smallest shown non-empty cell
 * (suppress_row), so that no cell comes back by subtraction:
 *   - the districts, for enterprises, eligible and gap: their total is the
 *     report's total, and each state's districts add up to that state's
 *     total (a state reader's view);
 *   - district × scheme (eligible, gap): each district's row adds up to
 *     its pair counts, each scheme's column to the scheme's count, per
 *     state and overall; rows and columns are completed in turn until
 *     nothing changes;
 *   - the schemes (eligible, gap): they add up to the total's pair counts.
 * Segments overlap (a woman-owned rural unit is in two) and add up to no
 * published figure, so they take the cell rule only. Sets the flags of
 * r->total, r->segment, r->by_scheme, r->districts and r->district_scheme.
 * 0, or -1 when memory runs out. */
int overlap_awareness_suppress(struct overlap_report *r);
void overlap_report_free(struct overlap_report *r);

/* The report as docs/overlap.md describes it; NULL when out of memory.
 * awareness = false leaves the awareness part out. */
json_t *overlap_report_json(const struct overlap_report *r, bool awareness);
/* The same for readers who may see aggregates only (GET /api/v1/overlap):
 * every count of 1 to 4 withheld (null), with the Jaccard built on it, and
 * double funding as {"a","b","alerts","amount"} by pair of schemes, never
 * an enterprise or a list reference; awareness included. */
json_t *overlap_report_public_json(const struct overlap_report *r);

/* One enterprise on a district's outreach list. */
struct outreach_row {
    size_t index;           /* into the batch columns */
    uint64_t gap;           /* schemes eligible, never applied */
    int64_t benefit;        /* paise: sum of the known benefit amounts; filled by the caller */
};

/* The enterprises of (state, district) with a gap, restricted to one
 * scheme when scheme >= 0, in column order; the caller frees *out. */
int overlap_outreach_list(const struct overlap_report *r, const struct batch_columns *cols, int state,
                          const char *district, int scheme, struct outreach_row **out, size_t *n_out);
/* Sort by benefit, largest first, ties by column order. */
void overlap_outreach_rank(struct outreach_row *rows, size_t n);

#endif
