/* emission.h: energy and CO2 from declared electricity and fuel use.
 *
 * Factors are data, with their sources, from the two tables Samanvay ships:
 *   electricity (kWh)   CEA CO2 Baseline Database, all-India weighted average
 *                       including RES and captive (V21.0), tCO2/MWh of the
 *                       declared financial year, else the latest earlier year,
 *                       else the latest year (said in `year_note`);
 *                       data/grid_emission_factor.csv. 1 tCO2/MWh = 1 kgCO2/kWh.
 *   diesel (kg)         IPCC 2006 Vol.2 Ch.1 Tier 1: kgCO2 per kg of fuel
 *                       (74,100 kgCO2/TJ x NCV 43.0 TJ/Gg); data/fuel_emission_factors.csv.
 *   lpg, natural_gas,   IPCC 2006 default CO2 factor per TJ; declared as energy
 *   coal (GJ)           content (GJ) because no cited net calorific value turns
 *                       their kilograms into energy (data/SOURCES.md 14).
 * Lignite has no confirmed factor and is not accepted. CO2 only: CH4 and N2O
 * are not in the cited tables, so figures are tCO2, reported as such.
 *
 * Quantities are integers in thousandths of the unit (exact, portable). */
#ifndef SAMANVAY_EMISSION_H
#define SAMANVAY_EMISSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum energy_source { ES_ELECTRICITY = 0, ES_DIESEL, ES_LPG, ES_NATURAL_GAS, ES_COAL, ES_COUNT };

#define EMISSION_GRID_MAX 64

struct grid_factor {
    int fy;                 /* first calendar year of the financial year: 2024 for 2024-25 */
    double tco2_per_mwh;
    char version[8];
    char source[240];
};

struct fuel_factor {
    bool known;
    double kgco2_per_tj;    /* IPCC default CO2 factor */
    double kgco2_per_kg;    /* diesel only; 0 when not given */
    double ncv_tj_per_gg;   /* diesel only */
    char basis[200];
};

struct emission_factors {
    struct grid_factor grid[EMISSION_GRID_MAX];
    size_t n_grid;
    struct fuel_factor fuel[ES_COUNT];   /* index by source; electricity unused */
};

/* One source's factor as applied to a year's declaration. */
struct emission_factor {
    enum energy_source source;
    double kgco2_per_unit;
    double gj_per_unit;     /* energy content; 0 when not known */
    int year_used;          /* electricity: the factor's financial year; else 0 */
    char unit[8];           /* kWh | kg | GJ */
    char source_text[300];  /* where the factor comes from */
};

/* The embedded tables. */
int emission_factors_load(struct emission_factors *f, struct err *e);
/* The same from CSV text (tests, fuzzer). */
int emission_factors_parse(const char *grid_csv, size_t grid_len, const char *fuel_csv,
                           size_t fuel_len, struct emission_factors *f, struct err *e);

/* The factor for source s declared for financial year fy (2024 = 2024-25);
 * -1 when the tables have none. */
int emission_factor_for(const struct emission_factors *f, enum energy_source s, int fy,
                        struct emission_factor *out, struct err *e);

/* "electricity" ... "coal", and back (-1 when unknown). */
const char *energy_source_code(enum energy_source s);
int energy_source_from_code(const char *code);
/* The unit a source is declared in: "kWh", "kg", "GJ". */
const char *energy_source_unit(enum energy_source s);

/* "2024-25" -> 2024; -1 when not a financial year. */
int emission_fy_parse(const char *s);
/* 2024 -> "2024-25" */
void emission_fy_format(int fy, char out[8]);

/* A declared quantity: digits with at most 3 decimals, at most 10^12 of
 * the unit, into thousandths. False when it is anything else. Shared by
 * the energy feed and the portal's form. */
bool emission_quantity_parse(const char *s, int64_t *milli);

/* kgCO2 of quantity_milli thousandths of the unit. */
double emission_kgco2(const struct emission_factor *f, int64_t quantity_milli);
/* GJ of the same; 0 when the energy content is not known. */
double emission_gj(const struct emission_factor *f, int64_t quantity_milli);

#endif
