/* emission.c: see emission.h. */
#include "analytics/emission.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/data_table.h"
#include "core/embedded.h"

/* The CEA variant for an end user's grid electricity: the weighted average
 * of all generation, renewables and captive plants included. */
#define GRID_VARIANT "weighted_average_incl_RES_and_captive"
#define GRID_FILE "data/grid_emission_factor.csv"
#define FUEL_FILE "data/fuel_emission_factors.csv"
#define KWH_GJ 0.0036       /* 1 kWh = 3.6 MJ, by definition */

static const char *const codes[ES_COUNT] = {"electricity", "diesel", "lpg", "natural_gas", "coal"};
static const char *const units[ES_COUNT] = {"kWh", "kg", "GJ", "GJ", "GJ"};
/* The row of fuel_emission_factors.csv for each fuel (its `fuel` column). */
static const char *const fuel_rows[ES_COUNT] = {
    NULL, "Diesel (IPCC: Gas/Diesel Oil)", "LPG (IPCC: Liquefied Petroleum Gases)",
    "Natural gas (dry)", "Other bituminous coal"};

const char *energy_source_code(enum energy_source s)
{
    return (unsigned)s < ES_COUNT ? codes[s] : "?";
}

int energy_source_from_code(const char *code)
{
    for (int i = 0; i < ES_COUNT; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}

const char *energy_source_unit(enum energy_source s)
{
    return (unsigned)s < ES_COUNT ? units[s] : "?";
}

int emission_fy_parse(const char *s)
{
    int y, next;

    if (strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = atoi(s);
    next = atoi(s + 5);
    if (y < 1990 || y > 2100 || next != (y + 1) % 100)
        return -1;
    return y;
}

void emission_fy_format(int fy, char out[8])
{
    snprintf(out, 8, "%04d-%02d", fy % 10000, (fy + 1) % 100);
}

static int parse_grid(const char *data, size_t len, struct emission_factors *f, struct err *e)
{
    static const char *const cols[] = {"fiscal_year", "variant", "cea_database_version",
                                       "tco2_per_mwh", "source", NULL};
    struct data_table t;
    int rc;

    if (data_table_open_mem(&t, GRID_FILE, data, len, cols, e) != 0)
        return -1;
    while ((rc = data_table_next(&t, e)) == 1) {
        struct grid_factor *g;
        double v;
        int fy = emission_fy_parse(data_table_get(&t, 0));
        if (strcmp(data_table_get(&t, 1), GRID_VARIANT) != 0)
            continue;
        if (fy < 0 || !data_table_number(data_table_get(&t, 3), &v) || v <= 0 || v > 5) {
            rc = err_set(e, "%s: line %llu: bad year or factor", GRID_FILE,
                         (unsigned long long)t.row.line);
            break;
        }
        if (f->n_grid == EMISSION_GRID_MAX) {
            rc = err_set(e, "%s: more than %d rows of %s", GRID_FILE, EMISSION_GRID_MAX,
                         GRID_VARIANT);
            break;
        }
        g = &f->grid[f->n_grid++];
        g->fy = fy;
        g->tco2_per_mwh = v;
        snprintf(g->version, sizeof g->version, "%s", data_table_get(&t, 2));
        snprintf(g->source, sizeof g->source, "%s", data_table_get(&t, 4));
    }
    data_table_close(&t);
    if (rc == 0 && f->n_grid == 0)
        rc = err_set(e, "%s: no %s rows", GRID_FILE, GRID_VARIANT);
    return rc < 0 ? -1 : 0;
}

static int parse_fuel(const char *data, size_t len, struct emission_factors *f, struct err *e)
{
    static const char *const cols[] = {"fuel", "ipcc_default_co2_ef_kgCO2_per_TJ",
                                       "ipcc_default_ncv_TJ_per_Gg", "kgCO2_per_kg_fuel", "basis",
                                       NULL};
    struct data_table t;
    int rc;

    if (data_table_open_mem(&t, FUEL_FILE, data, len, cols, e) != 0)
        return -1;
    while ((rc = data_table_next(&t, e)) == 1) {
        for (int s = ES_DIESEL; s < ES_COUNT; s++) {
            struct fuel_factor *x = &f->fuel[s];
            if (strcmp(data_table_get(&t, 0), fuel_rows[s]) != 0)
                continue;
            /* An empty CO2 factor (lignite) stays unknown: not accepted. */
            x->known = data_table_number(data_table_get(&t, 1), &x->kgco2_per_tj)
                       && x->kgco2_per_tj > 0;
            if (!data_table_number(data_table_get(&t, 2), &x->ncv_tj_per_gg))
                x->ncv_tj_per_gg = 0;
            if (!data_table_number(data_table_get(&t, 3), &x->kgco2_per_kg))
                x->kgco2_per_kg = 0;
            snprintf(x->basis, sizeof x->basis, "%s", data_table_get(&t, 4));
        }
    }
    data_table_close(&t);
    return rc < 0 ? -1 : 0;
}

int emission_factors_parse(const char *grid_csv, size_t grid_len, const char *fuel_csv,
                           size_t fuel_len, struct emission_factors *f, struct err *e)
{
    memset(f, 0, sizeof *f);
    if (parse_grid(grid_csv, grid_len, f, e) != 0 || parse_fuel(fuel_csv, fuel_len, f, e) != 0)
        return -1;
    return 0;
}

int emission_factors_load(struct emission_factors *f, struct err *e)
{
    const struct embedded_file *g = embedded_find(GRID_FILE), *u = embedded_find(FUEL_FILE);

    if (g == NULL || u == NULL)
        return err_set(e, "emission factor tables are not built into this binary");
    return emission_factors_parse(g->data, g->len, u->data, u->len, f, e);
}

/* The declared year's factor, else the latest earlier one, else the
 * latest: a factor for a year before the table starts would be a guess. */
static const struct grid_factor *grid_for(const struct emission_factors *f, int fy)
{
    const struct grid_factor *best = NULL, *latest = NULL;

    for (size_t i = 0; i < f->n_grid; i++) {
        const struct grid_factor *g = &f->grid[i];
        if (latest == NULL || g->fy > latest->fy)
            latest = g;
        if (g->fy <= fy && (best == NULL || g->fy > best->fy))
            best = g;
    }
    return best ? best : latest;
}

int emission_factor_for(const struct emission_factors *f, enum energy_source s, int fy,
                        struct emission_factor *out, struct err *e)
{
    const struct fuel_factor *x;
    char y[8];

    memset(out, 0, sizeof *out);
    if ((unsigned)s >= ES_COUNT)
        return err_set(e, "unknown energy source");
    out->source = s;
    snprintf(out->unit, sizeof out->unit, "%s", units[s]);
    if (s == ES_ELECTRICITY) {
        const struct grid_factor *g = grid_for(f, fy);
        if (g == NULL)
            return err_set(e, "no grid emission factor");
        out->kgco2_per_unit = g->tco2_per_mwh; /* t/MWh = kg/kWh */
        out->gj_per_unit = KWH_GJ;
        out->year_used = g->fy;
        emission_fy_format(g->fy, y);
        snprintf(out->source_text, sizeof out->source_text,
                 "CEA CO2 Baseline Database V%s, all-India weighted average incl. RES and captive, "
                 "FY %s: %.4f tCO2/MWh (%s)", g->version, y, g->tco2_per_mwh, g->source);
        return 0;
    }
    x = &f->fuel[s];
    if (!x->known)
        return err_set(e, "no confirmed emission factor for %s", codes[s]);
    if (s == ES_DIESEL) {
        if (x->kgco2_per_kg <= 0 || x->ncv_tj_per_gg <= 0)
            return err_set(e, "no per-kilogram factor for diesel");
        out->kgco2_per_unit = x->kgco2_per_kg;
        out->gj_per_unit = x->ncv_tj_per_gg / 1000.0; /* TJ/Gg = GJ/t */
        snprintf(out->source_text, sizeof out->source_text,
                 "%s: %.3f kgCO2/kg (%.0f kgCO2/TJ x NCV %.1f TJ/Gg)", x->basis, x->kgco2_per_kg,
                 x->kgco2_per_tj, x->ncv_tj_per_gg);
        return 0;
    }
    out->kgco2_per_unit = x->kgco2_per_tj / 1000.0; /* per GJ */
    out->gj_per_unit = 1.0;
    snprintf(out->source_text, sizeof out->source_text, "%s: %.0f kgCO2/TJ", x->basis,
             x->kgco2_per_tj);
    return 0;
}

double emission_kgco2(const struct emission_factor *f, int64_t quantity_milli)
{
    return (double)quantity_milli / 1000.0 * f->kgco2_per_unit;
}

double emission_gj(const struct emission_factor *f, int64_t quantity_milli)
{
    return (double)quantity_milli / 1000.0 * f->gj_per_unit;
}

bool emission_quantity_parse(const char *s, int64_t *milli)
{
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = -1;

    for (const char *p = s; *p; p++) {
        if (*p == '.' && decimals < 0 && digits > 0) {
            decimals = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || decimals == 3 || digits >= 13)
            return false;
        if (decimals >= 0) {
            frac = frac * 10 + (*p - '0');
            decimals++;
        } else {
            whole = whole * 10 + (*p - '0');
            digits++;
        }
    }
    if (digits == 0 || decimals == 0 || whole > 1000000000000LL)
        return false;
    for (int d = decimals < 0 ? 0 : decimals; d < 3; d++)
        frac *= 10;
    *milli = whole * 1000 + frac;
    return true;
}
