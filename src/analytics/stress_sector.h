/* stress_sector.h: the sectors a stress heatmap is drawn by.
 *
 * NIC-2008 sections would put nearly every MSME in one column (C,
 * manufacturing), so the heatmap groups the two-digit NIC divisions into
 * ten readable sectors instead, ten columns a phone can show: six
 * of manufacturing, following runs of divisions that belong together
 * (food 10-12, textiles and leather 13-15, ...), and four outside it. One enterprise has one sector, from the
 * first two digits of its NIC code; a code that is missing or not in
 * data/nic2008.csv is "not known" (an eleventh column, shown when used).
 * Documented in docs/stress-views.md. */
#ifndef SAMANVAY_STRESS_SECTOR_H
#define SAMANVAY_STRESS_SECTOR_H

enum stress_sector {
    SECTOR_AGRI_MINING = 0,   /* 01-09 farming, forestry, fishing, mining */
    SECTOR_FOOD,              /* 10-12 food, beverages, tobacco */
    SECTOR_TEXTILES,          /* 13-15 textiles, clothing, leather */
    SECTOR_MATERIALS,         /* 16-23 wood, paper, printing, chemicals, plastics, minerals */
    SECTOR_METALS_MACHINES,   /* 24-30 metals, metal products, machinery, electricals, vehicles */
    SECTOR_OTHER_MFG,         /* 31-33 furniture, other making, repair of machines */
    SECTOR_UTILITIES_BUILD,   /* 35-43 power, water, waste, construction */
    SECTOR_TRADE,             /* 45-47 wholesale, retail, motor repair */
    SECTOR_TRANSPORT_HOTELS,  /* 49-56 transport, storage, hotels, food service */
    SECTOR_SERVICES,          /* 58-99 every other service */
    SECTOR_UNKNOWN,
    SECTOR_COUNT
};

/* The sector of a NIC code ("13111", "13" or ""): by its first two digits. */
enum stress_sector stress_sector_of_nic(const char *nic);
/* A short stable id ("textiles") for JSON and XLSX. */
const char *stress_sector_id(enum stress_sector s);
/* The English label, marked for gettext: pass it through _() to show it. */
const char *stress_sector_label(enum stress_sector s);

#endif
