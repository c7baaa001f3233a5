/* gen_model.h: every parameter of the synthetic data model in one
 * read-only struct. The generator draws only from these numbers, and the
 * manifest reports them ("model"), so what was generated can always be
 * traced back. Each value's basis (a source, or "assumption") is in
 * docs/generator.md. */
#ifndef SAMANVAY_GEN_MODEL_H
#define SAMANVAY_GEN_MODEL_H

#include <jansson.h>
#include <stdint.h>

#include "gen/gen_vocab.h"
#include "ingest/reason.h"

/* A lognormal amount in rupees, clamped to [min, max]. */
struct gen_lognormal {
    double median, sigma, min, max;
};

struct gen_scheme_model {
    const char *list_prefix;     /* list_ref prefix, "PMEGP" */
    double att;                  /* true effect on log GST turnover after disbursal */
    double base_rate;            /* P(receipt within the window) for an eligible unit */
    /* Multipliers on base_rate by observable (selection on observables). */
    double m_female, m_scst, m_obc, m_rural, m_new_unit, m_large, m_gst;
    double m_activity[ACT_COUNT];
    const char *launched;        /* no disbursal before this date */
    enum gen_purpose purpose;    /* the purpose recorded in the list */
    double loan_share;           /* share of receipts that are a bank loan (credit.csv) */
    struct gen_lognormal amount; /* rupees sanctioned */
};

struct gen_error_rate {
    enum reason reason;
    double rate;                 /* per eligible row (see docs/generator.md) */
};

#define GEN_MAX_ERRORS 8

struct gen_feed_errors {
    struct gen_error_rate e[GEN_MAX_ERRORS];
    int n;
};

struct gen_model {
    /* population */
    double activity_share[ACT_COUNT];
    double female_share, transgender_share;
    double category_share[CAT_COUNT];
    double rural_share;
    double disabled_share;
    double owner_age_mean, owner_age_sd;
    double constitution_small[CON_COUNT];   /* turnover below large_turnover_rs */
    double constitution_large[CON_COUNT];
    double large_turnover_rs;
    double name_region_match;               /* names drawn from the state's region */
    /* commencement and registration */
    double commenced_before_2015, commenced_2015_2020;  /* the rest start after 2020-07-01 */
    int commenced_earliest_year;
    double registration_skew;               /* registered_on = start + span * u^skew */
    int new_unit_registration_lag_days;
    /* size */
    double turnover_median_rs[ACT_COUNT];
    double turnover_sigma;
    double formal_share;                    /* a second, larger component */
    double formal_median_rs, formal_sigma;
    double young_unit_turnover_factor;      /* units under 2 years old */
    double investment_ratio[ACT_COUNT];     /* median investment / turnover */
    double investment_sigma;
    double exporter_share[ACT_COUNT];
    double export_fraction_min, export_fraction_max;
    double employees_base, employees_per_sqrt_10lakh, employees_sigma;
    double employees_manufacturing_factor;
    double female_employee_share_female_owner, female_employee_share_male_owner;
    double transgender_employee_share;
    /* turnover dynamics */
    double growth_base, growth_young, growth_services, growth_trading, growth_rural, growth_sd;
    double growth_large, growth_female;
    double large_unit_rs;                   /* "larger unit" for growth and scheme selection */
    int young_unit_years;
    double monthly_noise_sd;
    double seasonality[12];                 /* January first; mean 1 */
    /* GST */
    double gst_compliance, gst_voluntary, gst_voluntary_corporate;
    double composition_take_goods, composition_take_services;
    double composition_services_limit_rs;
    double qrmp_take, qrmp_limit_rs;
    double second_gstin_share;
    double gstins_without_udyam_share;
    double pan_share_without_gst;
    double tax_rate_weights[ACT_COUNT][3];  /* of 5%, 12%, 18% */
    double composition_rate_goods, composition_rate_services;
    double file_on_time, file_late, file_very_late;  /* the rest: not filed */
    double gst_registration_lag_max_days;
    /* stress */
    double shock_share;
    int shock_months_before_window;
    double shock_depth_min, shock_depth_max;
    int shock_ramp_min, shock_ramp_max;
    double npa_depth_midpoint, npa_depth_slope;     /* P(NPA | shock) = logistic */
    int dpd_lag_min, dpd_lag_max;
    int recovery_months;
    double background_npa_share;
    double sma0_blip_rate;
    double stressed_missing, stressed_late;
    /* credit */
    double borrower_share, borrower_large_factor, borrower_tiny_factor;
    double second_facility_share;
    double facility_type_share[FAC_COUNT];
    double working_capital_share_of_turnover;       /* Nayak committee norm */
    double term_loan_share_of_investment_min, term_loan_share_of_investment_max;
    int term_tenure_min, term_tenure_max, moratorium_max;
    double cc_utilisation_min, cc_utilisation_max, cc_utilisation_sd;
    int sanction_lookback_months;
    double borrower_udyam_omitted;
    /* schemes */
    struct gen_scheme_model scheme[SCH_COUNT];
    double pmmy_category_share[4];          /* Shishu, Kishore, Tarun, Tarun Plus */
    double zed_level_share[3];              /* Bronze, Silver, Gold */
    double zed_fee_rs[3];
    double zed_subsidy_micro, zed_subsidy_small;
    double double_funding_share;
    /* beneficiary lists: dirty identities */
    double dirty_devanagari, dirty_typo, dirty_pan_missing, dirty_udyam_missing;
    double dirty_name_swap, dirty_district_misspelt, dirty_mobile_missing, dirty_pincode_missing;
    double unregistered_beneficiary_share;
    /* skilling */
    double owner_trained_share, unregistered_trainee_rate;
    double trainee_devanagari, certified_share;
    /* clusters */
    double enterprises_per_cluster;
    double cluster_scheme_share[CLS_COUNT];
    double cluster_status_share[CST_COUNT];
    double cluster_members_median, cluster_members_sigma;   /* target size of a cluster */
    double cluster_adoption_max, cluster_membership;
    double cluster_anchor_share, cluster_spv_share;
    double cfc_underused_share;
    double cfc_utilisation_low_min, cfc_utilisation_low_max;
    double cfc_utilisation_min, cfc_utilisation_max;
    double cfc_capacity_min, cfc_capacity_max, cfc_rate_min, cfc_rate_max;
    /* EPFO (docs/generator.md "EPFO") */
    double att_employment[SCH_COUNT];       /* true effect on log EPFO members after disbursal */
    int epfo_mandatory_employees;           /* EPF applies from this headcount */
    double epfo_mandatory_share;            /* of those, the share that file */
    int epfo_voluntary_employees;           /* smaller units may opt in from this headcount */
    double epfo_voluntary_share;
    double employment_elasticity;           /* employment growth per unit of turnover growth */
    double employment_noise_sd;             /* month-to-month log noise of members */
    double epfo_month_missing;              /* a month's ECR not on file */
    double epfo_wage_median_rs, epfo_wage_sigma;   /* monthly EPF wage per member */
    /* injected errors, per feed */
    struct gen_feed_errors errors[OUT_FEED_COUNT];
};

/* The model every run uses. */
const struct gen_model *gen_model_default(void);

/* The model as JSON for the manifest (a new reference). */
json_t *gen_model_json(const struct gen_model *m);

#endif
