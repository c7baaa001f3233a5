/* gen_vocab.h: the closed vocabularies the synthetic feeds use
 * (docs/data-feeds.md), as enums with their exact CSV spellings, plus the
 * list of files the generator writes. One table per vocabulary, so a
 * spelling lives in exactly one place. */
#ifndef SAMANVAY_GEN_VOCAB_H
#define SAMANVAY_GEN_VOCAB_H

enum gen_activity { ACT_MANUFACTURING, ACT_SERVICES, ACT_TRADING, ACT_COUNT };

enum gen_constitution {
    CON_PROPRIETORSHIP, CON_PARTNERSHIP, CON_LLP, CON_PRIVATE_COMPANY, CON_PUBLIC_COMPANY,
    CON_COOPERATIVE, CON_SHG, CON_TRUST, CON_SOCIETY, CON_HUF, CON_COUNT
};

enum gen_gender { GENDER_FEMALE, GENDER_MALE, GENDER_TRANSGENDER, GENDER_COUNT };

enum gen_category { CAT_GENERAL, CAT_OBC, CAT_SC, CAT_ST, CAT_COUNT };

enum gen_gst_scheme { GSTS_NONE, GSTS_REGULAR, GSTS_QRMP, GSTS_COMPOSITION, GSTS_COUNT };

enum gen_facility_type { FAC_TERM_LOAN, FAC_CASH_CREDIT, FAC_OVERDRAFT, FAC_COUNT };

enum gen_purpose {
    PUR_NEW_UNIT, PUR_MACHINERY, PUR_WORKING_CAPITAL, PUR_EXPORT, PUR_CERTIFICATION,
    PUR_SKILLING, PUR_MARKETING, PUR_TECHNOLOGY, PUR_INFRASTRUCTURE, PUR_COUNT
};

/* Schemes with beneficiary lists (ids as in DESIGN.md §5). */
enum gen_scheme {
    SCH_PMEGP, SCH_PMMY, SCH_CGTMSE, SCH_STANDUP_INDIA, SCH_ZED, SCH_PM_VISHWAKARMA, SCH_ESDP,
    SCH_COUNT
};

enum gen_programme { PROG_ESDP, PROG_PMEGP_EDP, PROG_PM_VISHWAKARMA, PROG_ATI, PROG_COUNT };

enum gen_cluster_scheme { CLS_MSE_CDP, CLS_SFURTI, CLS_OTHER, CLS_COUNT };

enum gen_cluster_status {
    CST_PROPOSED, CST_APPROVED, CST_FUNCTIONAL, CST_CLOSED, CST_COUNT
};

enum gen_member_role { ROLE_MEMBER, ROLE_ANCHOR, ROLE_SPV_MEMBER, ROLE_COUNT };

/* Every file the generator writes: the nine feeds, then ground truth. */
enum gen_out {
    OUT_UDYAM, OUT_GST, OUT_CREDIT, OUT_SKILLING, OUT_CLUSTER, OUT_CLUSTER_MEMBER,
    OUT_CFC_USAGE, OUT_BENEFICIARY, OUT_ENERGY, OUT_EPFO, OUT_CONSENT,
    OUT_TRUTH_STRESS, OUT_TRUTH_LINKS, OUT_TRUTH_GST_ONLY, OUT_TRUTH_DOUBLE_FUNDING,
    OUT_TRUTH_SKILLING_LINKS, OUT_TRUTH_INJECTED,
    OUT_COUNT
};
#define OUT_FEED_COUNT (OUT_CONSENT + 1)

const char *gen_activity_name(enum gen_activity a);
const char *gen_constitution_name(enum gen_constitution c);
const char *gen_gender_name(enum gen_gender g);
const char *gen_category_name(enum gen_category c);
const char *gen_gst_scheme_name(enum gen_gst_scheme s);
const char *gen_facility_type_name(enum gen_facility_type t);
const char *gen_purpose_name(enum gen_purpose p);
const char *gen_scheme_id(enum gen_scheme s);
const char *gen_programme_name(enum gen_programme p);
const char *gen_cluster_scheme_name(enum gen_cluster_scheme s);
const char *gen_cluster_status_name(enum gen_cluster_status s);
const char *gen_member_role_name(enum gen_member_role r);

/* "udyam" for feeds, "truth/stress" for ground truth. */
const char *gen_out_name(enum gen_out o);
/* Path under the output directory: "udyam.csv", "truth/stress.csv". */
const char *gen_out_path(enum gen_out o);
/* The header row, without the line end. */
const char *gen_out_header(enum gen_out o);

#endif
