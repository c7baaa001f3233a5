/* gen_model.c: the default parameters. Sources and assumptions for every
 * number are in docs/generator.md; keep the two in step. */
#include "gen/gen_model.h"

#include <stddef.h>

#define LAKH 1e5
#define CRORE 1e7

static const struct gen_model model = {
    /* population: NSS 73rd round (2015-16) shares where the brief cites them */
    .activity_share = {0.30, 0.45, 0.25},
    .female_share = 0.2037,
    .transgender_share = 0.001,
    .category_share = {0.337, 0.497, 0.125, 0.041},
    .rural_share = 0.51,
    .disabled_share = 0.012,
    .owner_age_mean = 42,
    .owner_age_sd = 10,
    /* proprietorship, partnership, llp, private_company, public_company,
     * cooperative, shg, trust, society, huf */
    .constitution_small = {0.890, 0.035, 0.005, 0.022, 0.0005, 0.006, 0.022, 0.003, 0.0065, 0.010},
    .constitution_large = {0.300, 0.150, 0.080, 0.430, 0.020, 0.010, 0.0, 0.002, 0.003, 0.005},
    .large_turnover_rs = 5 * CRORE,
    .name_region_match = 0.8,
    .commenced_before_2015 = 0.40,
    .commenced_2015_2020 = 0.25,
    .commenced_earliest_year = 1980,
    .registration_skew = 0.6,
    .new_unit_registration_lag_days = 180,
    /* size: a lognormal bulk plus a small formal component, so that more
     * than 98% are micro under S.O. 1364(E) like Udyam's own counts */
    .turnover_median_rs = {15 * LAKH, 7 * LAKH, 14 * LAKH},
    .turnover_sigma = 1.25,
    .formal_share = 0.03,
    .formal_median_rs = 5 * CRORE,
    .formal_sigma = 1.0,
    .young_unit_turnover_factor = 0.6,
    .investment_ratio = {0.45, 0.30, 0.12},
    .investment_sigma = 0.7,
    .exporter_share = {0.04, 0.02, 0.01},
    .export_fraction_min = 0.05,
    .export_fraction_max = 0.60,
    .employees_base = 1.0,
    .employees_per_sqrt_10lakh = 1.4,
    .employees_sigma = 0.4,
    .employees_manufacturing_factor = 1.5,
    .female_employee_share_female_owner = 0.55,
    .female_employee_share_male_owner = 0.20,
    .transgender_employee_share = 0.001,
    .growth_base = 0.05,
    .growth_young = 0.15,
    .growth_services = 0.03,
    .growth_trading = -0.02,
    .growth_rural = -0.03,
    .growth_sd = 0.10,
    .growth_large = -0.05,
    .growth_female = -0.03,
    .large_unit_rs = 50 * LAKH,
    .young_unit_years = 3,
    .monthly_noise_sd = 0.18,
    .seasonality = {0.97, 0.95, 1.15, 0.92, 0.95, 0.95, 0.92, 0.94, 1.00, 1.08, 1.07, 1.10},
    /* GST: thresholds come from data/states.csv per state */
    .gst_compliance = 0.95,
    .gst_voluntary = 0.25,
    .gst_voluntary_corporate = 0.70,
    .composition_take_goods = 0.30,
    .composition_take_services = 0.10,
    .composition_services_limit_rs = 50 * LAKH,
    .qrmp_take = 0.65,
    .qrmp_limit_rs = 5 * CRORE,
    .second_gstin_share = 0.04,
    .gstins_without_udyam_share = 0.05,
    .pan_share_without_gst = 0.75,
    .tax_rate_weights = {{0.30, 0.30, 0.40}, {0.20, 0.0, 0.80}, {0.40, 0.30, 0.30}},
    .composition_rate_goods = 0.01,
    .composition_rate_services = 0.06,
    .file_on_time = 0.70,
    .file_late = 0.22,
    .file_very_late = 0.06,
    .gst_registration_lag_max_days = 180,
    /* stress */
    .shock_share = 0.10,
    .shock_months_before_window = 6,
    .shock_depth_min = 0.25,
    .shock_depth_max = 0.85,
    .shock_ramp_min = 2,
    .shock_ramp_max = 4,
    .npa_depth_midpoint = 0.55,
    .npa_depth_slope = 10,
    .dpd_lag_min = 2,
    .dpd_lag_max = 4,
    .recovery_months = 6,
    .background_npa_share = 0.012,
    .sma0_blip_rate = 0.015,
    .stressed_missing = 0.5,
    .stressed_late = 0.5,
    /* credit */
    .borrower_share = 0.18,
    .borrower_large_factor = 1.5,
    .borrower_tiny_factor = 0.7,
    .second_facility_share = 0.25,
    .facility_type_share = {0.50, 0.35, 0.15},
    .working_capital_share_of_turnover = 0.20,
    .term_loan_share_of_investment_min = 0.5,
    .term_loan_share_of_investment_max = 1.0,
    .term_tenure_min = 36,
    .term_tenure_max = 84,
    .moratorium_max = 6,
    .cc_utilisation_min = 0.50,
    .cc_utilisation_max = 0.90,
    .cc_utilisation_sd = 0.08,
    .sanction_lookback_months = 36,
    .borrower_udyam_omitted = 0.15,
    /* schemes: {prefix, att, base, female, scst, obc, rural, new, large, gst,
     * {mfg, services, trading}, launched, purpose, loan_share, amount} */
    .scheme = {
        [SCH_PMEGP] = {"PMEGP", 0.10, 0.12, 1.2, 1.2, 1.1, 1.3, 1.0, 1.0, 1.0, {1.2, 1.0, 0.0},
                       "2008-08-15", PUR_NEW_UNIT, 1.0, {8 * LAKH, 0.6, 1 * LAKH, 50 * LAKH}},
        [SCH_PMMY] = {"MUDRA", 0.07, 0.16, 1.6, 1.2, 1.1, 1.1, 1.3, 0.4, 1.0, {0.9, 1.0, 1.2},
                      "2015-04-08", PUR_WORKING_CAPITAL, 1.0, {0, 0, 10000, 20 * LAKH}},
        [SCH_CGTMSE] = {"CGTMSE", 0.11, 0.07, 1.2, 1.1, 1.0, 0.8, 0.8, 2.2, 1.8, {1.5, 1.0, 0.7},
                        "2000-08-01", PUR_MACHINERY, 1.0, {15 * LAKH, 0.9, 1 * LAKH, 5 * CRORE}},
        [SCH_STANDUP_INDIA] = {"SUI", 0.16, 0.06, 1.0, 1.0, 1.0, 0.8, 1.0, 1.5, 1.0,
                               {1.2, 1.0, 0.9}, "2016-04-05", PUR_NEW_UNIT, 1.0,
                               {25 * LAKH, 0.6, 10 * LAKH, 1 * CRORE}},
        [SCH_ZED] = {"ZED", 0.05, 0.14, 1.0, 1.0, 1.0, 0.9, 0.7, 1.8, 3.0, {1.0, 0.0, 0.0},
                     "2022-04-28", PUR_CERTIFICATION, 0.0, {0, 0, 0, 0}},
        [SCH_PM_VISHWAKARMA] = {"PMV", 0.06, 0.20, 1.0, 1.1, 1.3, 1.3, 1.0, 1.0, 1.0,
                                {1.0, 1.0, 0.0}, "2023-09-17", PUR_MACHINERY, 0.6,
                                {1 * LAKH, 0, 15000, 1 * LAKH}},
        [SCH_ESDP] = {"ESDP", 0.03, 0.16, 1.5, 1.4, 1.1, 1.0, 2.0, 0.6, 1.0, {1.0, 1.0, 1.0},
                      "2016-01-01", PUR_SKILLING, 0.0, {0, 0, 0, 0}},
    },
    .pmmy_category_share = {0.45, 0.40, 0.13, 0.02},
    .zed_level_share = {0.80, 0.15, 0.05},
    .zed_fee_rs = {10000, 40000, 90000},
    .zed_subsidy_micro = 0.80,
    .zed_subsidy_small = 0.60,
    .double_funding_share = 0.025,
    .dirty_devanagari = 0.30,
    .dirty_typo = 0.15,
    .dirty_pan_missing = 0.60,
    .dirty_udyam_missing = 0.50,
    .dirty_name_swap = 0.05,
    .dirty_district_misspelt = 0.05,
    .dirty_mobile_missing = 0.25,
    .dirty_pincode_missing = 0.40,
    .unregistered_beneficiary_share = 0.05,
    .owner_trained_share = 0.015,
    .unregistered_trainee_rate = 0.03,
    .trainee_devanagari = 0.30,
    .certified_share = 0.85,
    .enterprises_per_cluster = 400,
    .cluster_scheme_share = {0.45, 0.45, 0.10},
    .cluster_status_share = {0.10, 0.25, 0.55, 0.10},
    .cluster_members_median = 25,
    .cluster_members_sigma = 0.6,
    .cluster_adoption_max = 0.5,
    .cluster_membership = 0.70,
    .cluster_anchor_share = 0.03,
    .cluster_spv_share = 0.30,
    .cfc_underused_share = 0.25,
    .cfc_utilisation_low_min = 0.05,
    .cfc_utilisation_low_max = 0.30,
    .cfc_utilisation_min = 0.45,
    .cfc_utilisation_max = 0.90,
    .cfc_capacity_min = 200,
    .cfc_capacity_max = 1200,
    .cfc_rate_min = 150,
    .cfc_rate_max = 600,
    /* EPFO: credit that buys capacity hires most, certification and
     * training least (assumptions, docs/generator.md "EPFO"). */
    .att_employment = {[SCH_PMEGP] = 0.08, [SCH_PMMY] = 0.03, [SCH_CGTMSE] = 0.06,
                       [SCH_STANDUP_INDIA] = 0.09, [SCH_ZED] = 0.02, [SCH_PM_VISHWAKARMA] = 0.04,
                       [SCH_ESDP] = 0.015},
    .epfo_mandatory_employees = 20,
    .epfo_mandatory_share = 0.9,
    .epfo_voluntary_employees = 10,
    .epfo_voluntary_share = 0.35,
    .employment_elasticity = 0.5,
    .employment_noise_sd = 0.03,
    .epfo_month_missing = 0.01,
    .epfo_wage_median_rs = 13000,
    .epfo_wage_sigma = 0.25,
    .errors = {
        [OUT_UDYAM] = {{{R_GSTIN_CHECKSUM, 0.010}, {R_PAN_INVALID, 0.006}, {R_BAD_DATE, 0.004},
                        {R_CSV_QUOTING, 0.002}, {R_BAD_AMOUNT, 0.003},
                        {R_UNKNOWN_DISTRICT, 0.003}, {R_DUPLICATE_ROW, 0.005}}, 7},
        [OUT_GST] = {{{R_GSTIN_CHECKSUM, 0.001}, {R_BAD_DATE, 0.001}, {R_BAD_AMOUNT, 0.001},
                      {R_DUPLICATE_ROW, 0.001}}, 4},
        [OUT_CREDIT] = {{{R_IFSC_INVALID, 0.0005}, {R_BAD_NUMBER, 0.0005},
                         {R_DUPLICATE_ROW, 0.0005}}, 3},
        [OUT_SKILLING] = {{{R_BAD_DATE, 0.004}, {R_BAD_ENUM, 0.003}, {R_DUPLICATE_ROW, 0.004}}, 3},
        [OUT_CLUSTER] = {{{R_UNKNOWN_DISTRICT, 0.01}, {R_DUPLICATE_ROW, 0.01}}, 2},
        [OUT_CLUSTER_MEMBER] = {{{R_UDYAM_INVALID, 0.003}, {R_DUPLICATE_ROW, 0.004}}, 2},
        [OUT_CFC_USAGE] = {{{R_BAD_NUMBER, 0.003}, {R_DUPLICATE_ROW, 0.003}}, 2},
        [OUT_BENEFICIARY] = {{{R_BAD_DATE, 0.003}, {R_BAD_AMOUNT, 0.003},
                              {R_DUPLICATE_ROW, 0.004}}, 3},
        [OUT_ENERGY] = {{{R_BAD_NUMBER, 0.003}, {R_BAD_ENUM, 0.002}, {R_DUPLICATE_ROW, 0.003}}, 3},
        [OUT_EPFO] = {{{R_BAD_NUMBER, 0.001}, {R_BAD_ENUM, 0.0005}, {R_PAN_INVALID, 0.0005},
                       {R_DUPLICATE_ROW, 0.001}}, 4},
    },
};

const struct gen_model *gen_model_default(void)
{
    return &model;
}

/* --- JSON ------------------------------------------------------------- */

static json_t *array_of(const double *v, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_real(v[i]));
    return a;
}

/* {"name": value, ...} from a vocabulary. */
static json_t *named(const double *v, size_t n, const char *(*name)(int))
{
    json_t *o = json_object();

    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, name((int)i), json_real(v[i]));
    return o;
}

static const char *activity_name(int i) { return gen_activity_name((enum gen_activity)i); }
static const char *constitution_name(int i) { return gen_constitution_name((enum gen_constitution)i); }
static const char *category_name(int i) { return gen_category_name((enum gen_category)i); }
static const char *facility_name(int i) { return gen_facility_type_name((enum gen_facility_type)i); }
static const char *cluster_scheme_name(int i) { return gen_cluster_scheme_name((enum gen_cluster_scheme)i); }
static const char *cluster_status_name(int i) { return gen_cluster_status_name((enum gen_cluster_status)i); }

static json_t *lognormal_json(const struct gen_lognormal *l)
{
    return json_pack("{s:f, s:f, s:f, s:f}", "median_rs", l->median, "sigma", l->sigma,
                     "min_rs", l->min, "max_rs", l->max);
}

static json_t *population_json(const struct gen_model *m)
{
    return json_pack("{s:o, s:f, s:f, s:o, s:f, s:f, s:f, s:f, s:o, s:o, s:f, s:f, s:f, s:f, s:i, s:f, s:i}",
        "activity_share", named(m->activity_share, ACT_COUNT, activity_name),
        "female_share", m->female_share, "transgender_share", m->transgender_share,
        "category_share", named(m->category_share, CAT_COUNT, category_name),
        "rural_share", m->rural_share, "disabled_share", m->disabled_share,
        "owner_age_mean", m->owner_age_mean, "owner_age_sd", m->owner_age_sd,
        "constitution_small", named(m->constitution_small, CON_COUNT, constitution_name),
        "constitution_large", named(m->constitution_large, CON_COUNT, constitution_name),
        "large_turnover_rs", m->large_turnover_rs, "name_region_match", m->name_region_match,
        "commenced_before_2015", m->commenced_before_2015,
        "commenced_2015_2020", m->commenced_2015_2020,
        "commenced_earliest_year", m->commenced_earliest_year,
        "registration_skew", m->registration_skew,
        "new_unit_registration_lag_days", m->new_unit_registration_lag_days);
}

static json_t *size_json(const struct gen_model *m)
{
    return json_pack("{s:o, s:f, s:f, s:f, s:f, s:f, s:o, s:f, s:o, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}",
        "turnover_median_rs", named(m->turnover_median_rs, ACT_COUNT, activity_name),
        "turnover_sigma", m->turnover_sigma, "formal_share", m->formal_share,
        "formal_median_rs", m->formal_median_rs, "formal_sigma", m->formal_sigma,
        "young_unit_turnover_factor", m->young_unit_turnover_factor,
        "investment_ratio", named(m->investment_ratio, ACT_COUNT, activity_name),
        "investment_sigma", m->investment_sigma,
        "exporter_share", named(m->exporter_share, ACT_COUNT, activity_name),
        "export_fraction_min", m->export_fraction_min,
        "export_fraction_max", m->export_fraction_max,
        "employees_base", m->employees_base,
        "employees_per_sqrt_10lakh", m->employees_per_sqrt_10lakh,
        "employees_sigma", m->employees_sigma,
        "employees_manufacturing_factor", m->employees_manufacturing_factor,
        "female_employee_share_female_owner", m->female_employee_share_female_owner,
        "female_employee_share_male_owner", m->female_employee_share_male_owner,
        "transgender_employee_share", m->transgender_employee_share);
}

static json_t *dynamics_json(const struct gen_model *m)
{
    return json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:i, s:f, s:o}",
        "growth_base", m->growth_base, "growth_young", m->growth_young,
        "growth_services", m->growth_services, "growth_trading", m->growth_trading,
        "growth_rural", m->growth_rural, "growth_large", m->growth_large,
        "growth_female", m->growth_female, "large_unit_rs", m->large_unit_rs,
        "growth_sd", m->growth_sd,
        "young_unit_years", m->young_unit_years, "monthly_noise_sd", m->monthly_noise_sd,
        "seasonality_jan_dec", array_of(m->seasonality, 12));
}

static json_t *tax_rates_json(const struct gen_model *m)
{
    json_t *o = json_object();

    for (int a = 0; a < ACT_COUNT; a++)
        json_object_set_new(o, gen_activity_name((enum gen_activity)a),
                            json_pack("{s:f, s:f, s:f}", "0.05", m->tax_rate_weights[a][0],
                                      "0.12", m->tax_rate_weights[a][1], "0.18",
                                      m->tax_rate_weights[a][2]));
    return o;
}

static json_t *gst_json(const struct gen_model *m)
{
    json_t *o = json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:o}",
        "compliance_above_threshold", m->gst_compliance, "voluntary_below", m->gst_voluntary,
        "voluntary_below_corporate", m->gst_voluntary_corporate,
        "composition_take_goods", m->composition_take_goods,
        "composition_take_services", m->composition_take_services,
        "composition_services_limit_rs", m->composition_services_limit_rs,
        "qrmp_take", m->qrmp_take, "qrmp_limit_rs", m->qrmp_limit_rs,
        "second_gstin_share", m->second_gstin_share,
        "gstins_without_udyam_share", m->gstins_without_udyam_share,
        "pan_share_without_gst", m->pan_share_without_gst,
        "tax_rate_weights", tax_rates_json(m));

    json_object_set_new(o, "composition_rate_goods", json_real(m->composition_rate_goods));
    json_object_set_new(o, "composition_rate_services", json_real(m->composition_rate_services));
    json_object_set_new(o, "filing", json_pack("{s:f, s:f, s:f, s:f}",
        "on_time", m->file_on_time, "late_1_30_days", m->file_late,
        "late_31_120_days", m->file_very_late,
        "not_filed", 1.0 - m->file_on_time - m->file_late - m->file_very_late));
    json_object_set_new(o, "registration_lag_max_days", json_real(m->gst_registration_lag_max_days));
    return o;
}

static json_t *stress_json(const struct gen_model *m)
{
    return json_pack("{s:f, s:i, s:f, s:f, s:i, s:i, s:f, s:f, s:i, s:i, s:i, s:f, s:f, s:f, s:f}",
        "shock_share", m->shock_share,
        "shock_months_before_window", m->shock_months_before_window,
        "shock_depth_min", m->shock_depth_min, "shock_depth_max", m->shock_depth_max,
        "shock_ramp_min_months", m->shock_ramp_min, "shock_ramp_max_months", m->shock_ramp_max,
        "npa_depth_midpoint", m->npa_depth_midpoint, "npa_depth_slope", m->npa_depth_slope,
        "dpd_lag_min_months", m->dpd_lag_min, "dpd_lag_max_months", m->dpd_lag_max,
        "recovery_months", m->recovery_months,
        "background_npa_share", m->background_npa_share, "sma0_blip_rate", m->sma0_blip_rate,
        "stressed_missing", m->stressed_missing, "stressed_late", m->stressed_late);
}

static json_t *credit_json(const struct gen_model *m)
{
    return json_pack("{s:f, s:f, s:f, s:f, s:o, s:f, s:f, s:f, s:i, s:i, s:i, s:f, s:f, s:f, s:i, s:f}",
        "borrower_share", m->borrower_share, "borrower_large_factor", m->borrower_large_factor,
        "borrower_tiny_factor", m->borrower_tiny_factor,
        "second_facility_share", m->second_facility_share,
        "facility_type_share", named(m->facility_type_share, FAC_COUNT, facility_name),
        "working_capital_share_of_turnover", m->working_capital_share_of_turnover,
        "term_loan_share_of_investment_min", m->term_loan_share_of_investment_min,
        "term_loan_share_of_investment_max", m->term_loan_share_of_investment_max,
        "term_tenure_min_months", m->term_tenure_min, "term_tenure_max_months", m->term_tenure_max,
        "moratorium_max_months", m->moratorium_max,
        "cc_utilisation_min", m->cc_utilisation_min, "cc_utilisation_max", m->cc_utilisation_max,
        "cc_utilisation_sd", m->cc_utilisation_sd,
        "sanction_lookback_months", m->sanction_lookback_months,
        "borrower_udyam_omitted", m->borrower_udyam_omitted);
}

static json_t *scheme_json(const struct gen_scheme_model *s)
{
    json_t *o = json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}",
        "list_prefix", s->list_prefix, "att", s->att, "base_rate", s->base_rate,
        "m_female", s->m_female, "m_sc_st", s->m_scst, "m_obc", s->m_obc,
        "m_rural", s->m_rural, "m_new_unit", s->m_new_unit, "m_large", s->m_large,
        "m_gst", s->m_gst);

    json_object_set_new(o, "m_activity", named(s->m_activity, ACT_COUNT, activity_name));
    json_object_set_new(o, "launched", json_string(s->launched));
    json_object_set_new(o, "purpose", json_string(gen_purpose_name(s->purpose)));
    json_object_set_new(o, "loan_share", json_real(s->loan_share));
    json_object_set_new(o, "amount", lognormal_json(&s->amount));
    return o;
}

static json_t *schemes_json(const struct gen_model *m)
{
    json_t *o = json_object();

    for (int s = 0; s < SCH_COUNT; s++)
        json_object_set_new(o, gen_scheme_id((enum gen_scheme)s), scheme_json(&m->scheme[s]));
    json_object_set_new(o, "pmmy_category_share", json_pack("{s:f, s:f, s:f, s:f}",
        "shishu", m->pmmy_category_share[0], "kishore", m->pmmy_category_share[1],
        "tarun", m->pmmy_category_share[2], "tarun_plus", m->pmmy_category_share[3]));
    json_object_set_new(o, "zed", json_pack("{s:o, s:o, s:f, s:f}",
        "level_share_bronze_silver_gold", array_of(m->zed_level_share, 3),
        "fee_rs_bronze_silver_gold", array_of(m->zed_fee_rs, 3),
        "subsidy_micro", m->zed_subsidy_micro, "subsidy_small", m->zed_subsidy_small));
    json_object_set_new(o, "double_funding_share", json_real(m->double_funding_share));
    return o;
}

static json_t *dirty_json(const struct gen_model *m)
{
    return json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f}",
        "devanagari", m->dirty_devanagari, "typo", m->dirty_typo,
        "pan_missing", m->dirty_pan_missing, "udyam_missing", m->dirty_udyam_missing,
        "name_swap", m->dirty_name_swap, "district_misspelt", m->dirty_district_misspelt,
        "mobile_missing", m->dirty_mobile_missing, "pincode_missing", m->dirty_pincode_missing,
        "unregistered_beneficiary_share", m->unregistered_beneficiary_share);
}

static json_t *clusters_json(const struct gen_model *m)
{
    json_t *o = json_pack("{s:f, s:o, s:o, s:f, s:f, s:f, s:f, s:f, s:f, s:f}",
        "enterprises_per_cluster", m->enterprises_per_cluster,
        "scheme_share", named(m->cluster_scheme_share, CLS_COUNT, cluster_scheme_name),
        "status_share", named(m->cluster_status_share, CST_COUNT, cluster_status_name),
        "members_median", m->cluster_members_median, "members_sigma", m->cluster_members_sigma,
        "adoption_max", m->cluster_adoption_max, "membership", m->cluster_membership,
        "anchor_share", m->cluster_anchor_share, "spv_share", m->cluster_spv_share,
        "cfc_underused_share", m->cfc_underused_share);

    json_object_set_new(o, "cfc", json_pack("{s:[f,f], s:[f,f], s:[f,f], s:[f,f]}",
        "utilisation_underused", m->cfc_utilisation_low_min, m->cfc_utilisation_low_max,
        "utilisation", m->cfc_utilisation_min, m->cfc_utilisation_max,
        "capacity_hours", m->cfc_capacity_min, m->cfc_capacity_max,
        "rate_rs_per_hour", m->cfc_rate_min, m->cfc_rate_max));
    return o;
}

static json_t *errors_json(const struct gen_model *m)
{
    json_t *o = json_object();

    for (int f = 0; f < OUT_FEED_COUNT; f++) {
        json_t *rates = json_object();
        for (int i = 0; i < m->errors[f].n; i++)
            json_object_set_new(rates, reason_code(m->errors[f].e[i].reason),
                                json_real(m->errors[f].e[i].rate));
        json_object_set_new(o, gen_out_name((enum gen_out)f), rates);
    }
    return o;
}

static json_t *skilling_json(const struct gen_model *m)
{
    return json_pack("{s:f, s:f, s:f, s:f}", "owner_trained_share", m->owner_trained_share,
                     "unregistered_trainee_rate", m->unregistered_trainee_rate,
                     "trainee_devanagari", m->trainee_devanagari,
                     "certified_share", m->certified_share);
}

static json_t *epfo_json(const struct gen_model *m)
{
    json_t *att = json_object();

    for (int s = 0; s < SCH_COUNT; s++)
        json_object_set_new(att, gen_scheme_id((enum gen_scheme)s), json_real(m->att_employment[s]));
    return json_pack("{s:o, s:i, s:f, s:i, s:f, s:f, s:f, s:f, s:f, s:f}", "att_employment", att,
                     "mandatory_employees", m->epfo_mandatory_employees, "mandatory_share",
                     m->epfo_mandatory_share, "voluntary_employees", m->epfo_voluntary_employees,
                     "voluntary_share", m->epfo_voluntary_share, "employment_elasticity",
                     m->employment_elasticity, "employment_noise_sd", m->employment_noise_sd,
                     "month_missing", m->epfo_month_missing, "wage_median_rs", m->epfo_wage_median_rs,
                     "wage_sigma", m->epfo_wage_sigma);
}

json_t *gen_model_json(const struct gen_model *m)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
        "population", population_json(m), "size", size_json(m),
        "turnover_dynamics", dynamics_json(m), "gst", gst_json(m), "stress", stress_json(m),
        "credit", credit_json(m), "schemes", schemes_json(m),
        "beneficiary_dirty_identities", dirty_json(m), "skilling", skilling_json(m),
        "clusters", clusters_json(m), "epfo", epfo_json(m), "error_rates", errors_json(m));
}
