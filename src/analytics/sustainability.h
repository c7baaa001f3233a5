/* sustainability.h: an enterprise's energy and CO2 from its declarations,
 * its intensity, sector benchmarks and cluster totals. Pure: declarations
 * come in as rows; factors from emission.h.
 *
 * Which declaration counts: the latest financial year the enterprise has
 * declared anything for; within it, per source, its own declaration on the
 * portal before a feed's (the entrepreneur knows the bills), then the most
 * recent. Intensity = tCO2 / turnover in lakh rupees (Udyam turnover,
 * the store's enterprise row), so every firm is measured the same way. */
#ifndef SAMANVAY_SUSTAINABILITY_H
#define SAMANVAY_SUSTAINABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analytics/emission.h"
#include "analytics/percentile.h"

struct energy_decl {
    int64_t enterprise_id;
    int fy;                        /* 2024 = 2024-25 */
    enum energy_source source;
    int64_t quantity_milli;        /* thousandths of energy_source_unit(source) */
    bool portal;                   /* declared on the portal (else a feed) */
    char declared_at[24];          /* ISO 8601 */
};

struct footprint_line {
    struct energy_decl decl;
    struct emission_factor factor;
    double kgco2, gj;
};

struct footprint {
    bool declared;                 /* any usable declaration */
    int fy;
    struct footprint_line line[ES_COUNT];
    bool has[ES_COUNT];
    double tco2, gj;
    bool intensity_known;          /* turnover > 0 */
    double tco2_per_lakh;
};

/* The footprint of one enterprise's declarations d[0..n) (any order, any
 * years) with turnover in paise (<= 0: intensity unknown). A source the
 * factors do not cover makes the call fail (e says which). */
int footprint_compute(const struct emission_factors *f, const struct energy_decl *d, size_t n,
                      int64_t turnover_paise, struct footprint *out, struct err *e);

/* A NIC division's intensity quartiles (tCO2 per lakh rupees). */
struct sector_benchmark {
    char division[3];
    struct quartiles q;
};

/* One enterprise's part in the aggregates. */
struct sustain_unit {
    int64_t enterprise_id;
    char division[3];              /* NIC division, "" unknown */
    bool intensity_known;
    double tco2_per_lakh, tco2;
};

/* Benchmarks by division from units[0..n): out gets one row per division
 * with any unit (sorted by division), suppressed under 5 units. Caller
 * frees *out with mem_free. */
int sustainability_benchmarks(const struct sustain_unit *units, size_t n,
                              struct sector_benchmark **out, size_t *n_out, struct err *e);

/* The enterprise's percentile in its division's benchmark (lower = less
 * CO2 per rupee), or -1 when the benchmark is withheld or it has no
 * intensity. */
double sustainability_rank(const struct sustain_unit *units, size_t n, const struct sustain_unit *self);

/* A registered cluster's members' total. */
struct cluster_emissions {
    char cluster_id[48];
    char name[160];
    int64_t members, declared;     /* members on file; of which with a footprint */
    bool suppressed;               /* declared < 5 */
    double tco2;
};

#endif
