/* stress_sector.c: NIC divisions grouped into heatmap sectors (stress_sector.h). */
#include "analytics/stress_sector.h"

#include <stdbool.h>
#include <stddef.h>

#define N_(s) s

static const struct {
    int last_division;     /* the sector runs up to this division */
    const char *id;
    const char *label;
} sectors[SECTOR_COUNT] = {
    [SECTOR_AGRI_MINING] = {9, "agri_mining", N_("Farming and mining")},
    [SECTOR_FOOD] = {12, "food", N_("Food")},
    [SECTOR_TEXTILES] = {15, "textiles", N_("Textiles and leather")},
    [SECTOR_MATERIALS] = {23, "materials", N_("Wood, paper and chemicals")},
    [SECTOR_METALS_MACHINES] = {30, "metals_machines", N_("Metals and machines")},
    [SECTOR_OTHER_MFG] = {33, "other_mfg", N_("Other making and repair")},
    [SECTOR_UTILITIES_BUILD] = {43, "utilities_construction", N_("Utilities and construction")},
    [SECTOR_TRADE] = {47, "trade", N_("Trade")},
    [SECTOR_TRANSPORT_HOTELS] = {56, "transport_hotels", N_("Transport and hotels")},
    [SECTOR_SERVICES] = {99, "services", N_("Other services")},
    [SECTOR_UNKNOWN] = {0, "unknown", N_("Activity not known")},
};

/* NIC-2008 leaves these two-digit numbers unused (data/nic2008.csv). */
static bool division_exists(int d)
{
    static const int gaps[] = {0, 4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89};

    for (size_t i = 0; i < sizeof gaps / sizeof gaps[0]; i++)
        if (d == gaps[i])
            return false;
    return true;
}

enum stress_sector stress_sector_of_nic(const char *nic)
{
    int division;

    if (!nic || nic[0] < '0' || nic[0] > '9' || nic[1] < '0' || nic[1] > '9')
        return SECTOR_UNKNOWN;
    division = (nic[0] - '0') * 10 + (nic[1] - '0');
    if (!division_exists(division))
        return SECTOR_UNKNOWN;
    for (int s = 0; s < SECTOR_UNKNOWN; s++)
        if (division <= sectors[s].last_division)
            return (enum stress_sector)s;
    return SECTOR_UNKNOWN;
}

const char *stress_sector_id(enum stress_sector s)
{
    return (unsigned)s < SECTOR_COUNT ? sectors[s].id : "unknown";
}

const char *stress_sector_label(enum stress_sector s)
{
    return (unsigned)s < SECTOR_COUNT ? sectors[s].label : sectors[SECTOR_UNKNOWN].label;
}
