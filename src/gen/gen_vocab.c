#include "gen/gen_vocab.h"

static const char *const activity[ACT_COUNT] = {"manufacturing", "services", "trading"};

static const char *const constitution[CON_COUNT] = {
    "proprietorship", "partnership", "llp", "private_company", "public_company",
    "cooperative", "shg", "trust", "society", "huf",
};

static const char *const gender[GENDER_COUNT] = {"female", "male", "transgender"};
static const char *const category[CAT_COUNT] = {"general", "obc", "sc", "st"};
static const char *const gst_scheme[GSTS_COUNT] = {"none", "regular", "qrmp", "composition"};
static const char *const facility[FAC_COUNT] = {"term_loan", "cash_credit", "overdraft"};

static const char *const purpose[PUR_COUNT] = {
    "new_unit", "machinery", "working_capital", "export", "certification",
    "skilling", "marketing", "technology", "infrastructure",
};

static const char *const scheme[SCH_COUNT] = {
    "pmegp", "pmmy", "cgtmse", "standup_india", "zed", "pm_vishwakarma", "esdp",
};

static const char *const programme[PROG_COUNT] = {"esdp", "pmegp_edp", "pm_vishwakarma", "ati"};
static const char *const cluster_scheme[CLS_COUNT] = {"mse_cdp", "sfurti", "other"};
static const char *const cluster_status[CST_COUNT] = {"proposed", "approved", "functional", "closed"};
static const char *const member_role[ROLE_COUNT] = {"member", "anchor", "spv_member"};

struct out_desc {
    const char *name;
    const char *path;
    const char *header;
};

/* Column order follows docs/data-feeds.md. */
static const struct out_desc outs[OUT_COUNT] = {
    [OUT_UDYAM] = {"udyam", "udyam.csv",
        "udyam_number,enterprise_name,owner_name,pan,gstins,constitution,social_category,"
        "owner_gender,owner_disabled,commenced_on,registered_on,activity,nic_code,state_code,"
        "district,pincode,area,investment_rs,turnover_rs,exports_rs,employees_male,"
        "employees_female,employees_other"},
    [OUT_GST] = {"gst", "gst.csv",
        "gstin,return_type,frequency,period,due_on,filed_on,taxable_value_rs,tax_rs"},
    [OUT_CREDIT] = {"credit", "credit.csv",
        "lender_ifsc,facility_id,borrower_pan,borrower_udyam,facility_type,scheme,sanctioned_on,"
        "sanctioned_rs,month,outstanding_rs,dpd,asset_class"},
    [OUT_SKILLING] = {"skilling", "skilling.csv",
        "record_id,programme,trainee_name,gender,social_category,birth_year,mobile_last4,"
        "udyam_number,state_code,district,course,started_on,completed_on,certified"},
    [OUT_CLUSTER] = {"cluster", "cluster.csv",
        "cluster_id,name,scheme,state_code,district,product,nic_code,traditional,approved_on,"
        "project_cost_rs,grant_rs,cfc_capacity_hours,status"},
    [OUT_CLUSTER_MEMBER] = {"cluster_member", "cluster_member.csv",
        "cluster_id,udyam_number,joined_on,role"},
    [OUT_CFC_USAGE] = {"cfc_usage", "cfc_usage.csv",
        "cluster_id,month,hours_used,user_units,revenue_rs"},
    [OUT_BENEFICIARY] = {"beneficiary", "beneficiary.csv",
        "scheme,list_ref,beneficiary_name,enterprise_name,pan,udyam_number,mobile_last4,district,"
        "state_code,pincode,sanctioned_on,disbursed_on,amount_rs,purpose"},
    [OUT_ENERGY] = {"energy", "energy.csv", "udyam_number,fiscal_year,source,quantity,unit"},
    [OUT_EPFO] = {"epfo", "epfo.csv", "establishment_code,pan,gstin,wage_month,members,total_wages_rs"},
    [OUT_CONSENT] = {"consent", "consent.csv",
        "udyam_number,source,purpose,valid_from,valid_to,revoked_on"},
    [OUT_TRUTH_STRESS] = {"truth/stress", "truth/stress.csv",
        "udyam_number,shock_month,npa_month"},
    [OUT_TRUTH_LINKS] = {"truth/beneficiary_links", "truth/beneficiary_links.csv",
        "scheme,list_ref,udyam_number"},
    [OUT_TRUTH_GST_ONLY] = {"truth/gst_filers_without_udyam",
        "truth/gst_filers_without_udyam.csv",
        "gstin,pan,legal_name,state_code,gst_registered_on"},
    [OUT_TRUTH_DOUBLE_FUNDING] = {"truth/double_funding", "truth/double_funding.csv",
        "udyam_number,purpose,scheme_a,list_ref_a,disbursed_on_a,scheme_b,list_ref_b,"
        "disbursed_on_b"},
    [OUT_TRUTH_SKILLING_LINKS] = {"truth/skilling_links", "truth/skilling_links.csv",
        "record_id,udyam_number"},
    [OUT_TRUTH_INJECTED] = {"truth/injected_errors", "truth/injected_errors.csv",
        "file,line,reason"},
};

const char *gen_activity_name(enum gen_activity a) { return activity[a]; }
const char *gen_constitution_name(enum gen_constitution c) { return constitution[c]; }
const char *gen_gender_name(enum gen_gender g) { return gender[g]; }
const char *gen_category_name(enum gen_category c) { return category[c]; }
const char *gen_gst_scheme_name(enum gen_gst_scheme s) { return gst_scheme[s]; }
const char *gen_facility_type_name(enum gen_facility_type t) { return facility[t]; }
const char *gen_purpose_name(enum gen_purpose p) { return purpose[p]; }
const char *gen_scheme_id(enum gen_scheme s) { return scheme[s]; }
const char *gen_programme_name(enum gen_programme p) { return programme[p]; }
const char *gen_cluster_scheme_name(enum gen_cluster_scheme s) { return cluster_scheme[s]; }
const char *gen_cluster_status_name(enum gen_cluster_status s) { return cluster_status[s]; }
const char *gen_member_role_name(enum gen_member_role r) { return member_role[r]; }
const char *gen_out_name(enum gen_out o) { return outs[o].name; }
const char *gen_out_path(enum gen_out o) { return outs[o].path; }
const char *gen_out_header(enum gen_out o) { return outs[o].header; }
