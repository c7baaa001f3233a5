/* gen_ent.h: one synthetic entity while it is being generated: an
 * enterprise on Udyam, a GST filer with no Udyam registration, or a
 * person who appears only in a scheme or training list. It lives on the
 * stack of the block that generates it and is never shared. */
#ifndef SAMANVAY_GEN_ENT_H
#define SAMANVAY_GEN_ENT_H

#include <stdbool.h>
#include <stdint.h>

#include "gen/gen_names.h"
#include "gen/gen_vocab.h"
#include "ingest/reason.h"

#define GEN_MAX_GSTINS 2
#define GEN_MAX_RECEIPTS 4
#define GEN_MAX_FACILITIES 3
#define GEN_NO_MONTH (-1)
#define GEN_NO_DATE INT32_MIN

enum gen_ent_kind {
    ENT_UDYAM,       /* registered on Udyam: a row in udyam.csv */
    ENT_GST_ONLY,    /* files GST returns, not (yet) on Udyam */
    ENT_PERSON,      /* a list beneficiary or trainee without a registered unit */
};

/* A scheme benefit received: one row in that scheme's beneficiary list. */
struct gen_receipt {
    enum gen_scheme scheme;
    enum gen_purpose purpose;
    int32_t sanctioned_on, disbursed_on;
    int64_t amount;              /* paise; 0 when the list states none */
    bool loan;                   /* a facility in credit.csv too */
    bool double_funded;          /* the second list for one purpose */
};

/* The latent stress process (docs/generator.md, "Stress"). Months are
 * month indexes (year * 12 + month - 1). */
struct gen_stress {
    int shock_month;             /* GEN_NO_MONTH when none */
    double depth;                /* turnover lost at full stress, 0..1 */
    int ramp;                    /* months to full stress */
    int recover_from;            /* month turnover starts to recover, or GEN_NO_MONTH */
    bool npa_path;               /* borrowers: arrears run on to NPA */
    int dpd_start;               /* first month in arrears, or GEN_NO_MONTH */
    int dpd_base;                /* days past due at the end of that month, 1-28 */
    int cure_after;              /* cure path: months in arrears before the arrears are paid */
    int npa_month;               /* first month DPD > 90, within the window, or GEN_NO_MONTH */
    bool background;             /* an NPA with no GST warning */
};

struct gen_ent {
    uint64_t index;
    enum gen_ent_kind kind;
    int state;                   /* index into gen_ctx.states */
    int district;                /* index into refdata.districts */
    bool rural;
    enum gen_activity activity;
    int nic;                     /* index into gen_nic_table(), or -1 for a cluster product */
    char nic_code[6];
    int cluster;                 /* gen_ctx cluster index, or -1 */
    bool cluster_member;
    enum gen_constitution con;
    enum gen_gender gender;
    enum gen_category category;
    bool disabled;
    int owner_age;
    int mobile_last4;
    struct gen_name owner, firm;
    int32_t commenced_on, registered_on;
    bool young;                  /* commenced within the model's young_unit_years */
    int64_t turnover, investment, exports;   /* paise; turnover includes exports */
    int employees[GENDER_COUNT];
    double growth;               /* annual log growth of turnover */
    double tax_rate;
    double monthly_rs;           /* mean monthly turnover at as_of, rupees */
    char pincode[7];
    bool has_pan;
    char pan[11];
    enum gen_gst_scheme gst;
    int n_gstins;
    char gstin[GEN_MAX_GSTINS][16];
    int gstin_state[GEN_MAX_GSTINS];         /* gen_ctx state index */
    int32_t gst_since[GEN_MAX_GSTINS];
    char udyam[20];
    enum reason udyam_error;     /* injected into its Udyam row, or R_NONE */
    bool udyam_duplicate;        /* its clean row is repeated later */
    bool borrower;
    struct gen_receipt receipt[GEN_MAX_RECEIPTS];
    int n_receipts;
    struct gen_stress stress;
    uint64_t filed_months;       /* bit k: window month k is covered by a clean filed return */
};

/* Loaded without errors into the enterprise table: other feeds may refer to it. */
static inline bool gen_ent_on_file(const struct gen_ent *e)
{
    return e->kind == ENT_UDYAM && e->udyam_error == R_NONE;
}

#endif
