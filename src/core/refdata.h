/* refdata.h: the reference tables Samanvay ships in data/ (states with GST
 * and Udyam codes, LGD districts, aspirational districts, NIC-2008
 * divisions, classification limits). Loaded once, read-only afterwards, so
 * one instance can be shared by every thread. Sources: data/SOURCES.md. */
#ifndef SAMANVAY_REFDATA_H
#define SAMANVAY_REFDATA_H

#include "core/grievance.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum hill_status { HILL_NO = 0, HILL_YES, HILL_PARTIAL };

struct state_info {
    char key[3];             /* "MH" (states.csv state_key) */
    int gst_code;            /* 27 */
    int gst_code_historical; /* 25 for DNHDD, 28 for AP, else 0 */
    char name[64];
    char name_hi[128];
    char udyam_codes[3][3];  /* letters seen in Udyam numbers: confirmed, then candidates */
    int n_udyam_codes;
    bool udyam_code_unconfirmed; /* no Udyam example seen; state_key assumed */
    bool is_ut, ner, gst_special_category;
    bool island;             /* Andaman and Nicobar, Lakshadweep */
    enum hill_status hill;
    int qrmp_gstr3b_day;     /* 22 or 24 */
    int gst_reg_goods_lakh, gst_reg_services_lakh, gst_composition_lakh;
};

struct district_info {
    int gst_state;           /* GST state code */
    char name[64];           /* LGD name, upper case */
    int lgd_code;
    bool aspirational;
    bool lwe;                /* in data/lwe_districts.csv */
    bool hill;               /* in data/hill_districts.csv (partly-hill states only) */
};

enum nic_sector {
    NIC_AGRICULTURE, NIC_MINING, NIC_MANUFACTURING, NIC_UTILITIES, NIC_CONSTRUCTION,
    NIC_TRADING, NIC_SERVICES, NIC_OTHER
};

struct nic_division {
    char code[3];            /* "13" */
    char section;            /* 'C' */
    char title[160];
    enum nic_sector sector;
};

enum msme_class { CLASS_MICRO = 0, CLASS_SMALL, CLASS_MEDIUM, CLASS_LARGE };
enum limit_activity { LIMIT_ANY = 0, LIMIT_MANUFACTURING, LIMIT_SERVICES };

struct class_limit {
    char regime[16];         /* "so1364" */
    int32_t from, to;        /* dates; to = INT32_MAX when open-ended */
    enum limit_activity activity;
    enum msme_class cls;
    int64_t investment_max;  /* paise, inclusive */
    int64_t turnover_max;    /* paise, inclusive; -1 when turnover is not a criterion */
    char notification[160];
    char source[200];
};

/* Grievance deadlines in force from a date (data/grievance_sla.csv). */
struct grievance_sla_period {
    int32_t from;
    struct grievance_sla sla;
};

struct refdata {
    struct state_info *states;
    size_t n_states;
    struct district_info *districts;
    size_t n_districts;
    struct nic_division *nic;
    size_t n_nic;
    struct class_limit *limits;
    size_t n_limits;
    struct grievance_sla_period *grievance_sla;   /* ascending by from */
    size_t n_grievance_sla;
    /* Indexes built at load: state by GST code (current and historical), and
     * districts sorted by (GST state, upper-case name) for binary search. */
    const struct state_info *by_gst[100];
    size_t *district_order;
    bool has_lwe_list;       /* data/lwe_districts.csv was built in */
};

/* Load every table from the embedded copies of data/. */
int refdata_load(struct refdata **out, struct err *e);
void refdata_free(struct refdata *r);

/* GST state code to state; accepts the historical codes 25 and 28. */
const struct state_info *refdata_state_by_gst(const struct refdata *r, int gst_code);
const struct state_info *refdata_state_by_key(const struct refdata *r, const char *key);
/* Two letters from a Udyam number ("MH", "KR"), or NULL. */
const struct state_info *refdata_state_by_udyam(const struct refdata *r, const char *letters);
/* District by name within a state, ignoring case and surrounding spaces. */
const struct district_info *refdata_district(const struct refdata *r, int gst_state,
                                             const char *name);
const struct nic_division *refdata_nic_division(const struct refdata *r, const char *two_digits);
/* The grievance deadlines in force on `on`: 0, or -1 before the first. */
int refdata_grievance_sla(const struct refdata *r, int32_t on, struct grievance_sla *out);

const char *msme_class_name(enum msme_class c);

#endif
