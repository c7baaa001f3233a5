/* routes.c: every route Samanvay answers, with who may call it.
 *
 * The access column is checked by the router before the handler runs
 * and before any id in the path is parsed (DESIGN.md §5, Web); the scope
 * column next (web/authz.c), so handlers never decide whose data a caller
 * may see. The last four columns describe the route in
 * /api/v1/openapi.json. */
#include "web/routes.h"

#define JSON "application/json"
#define HTML "text/html"
#define ICS "text/calendar"

static const char classify_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"investment\",\"turnover\"],"
    "\"additionalProperties\":false,\"properties\":{"
    "\"investment\":{\"type\":\"number\",\"minimum\":0,\"description\":\"rupees, at most 2 decimals\"},"
    "\"turnover\":{\"type\":\"number\",\"minimum\":0,\"description\":\"rupees, including exports\"},"
    "\"exports\":{\"type\":\"number\",\"minimum\":0,\"description\":\"rupees; default 0\"},"
    "\"on\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"default today (IST)\"},"
    "\"activity\":{\"type\":\"string\",\"enum\":[\"manufacturing\",\"services\",\"trading\"],"
    "\"description\":\"needed before 2020-07-01\"}}}";

static const char login_body[] =
    "application/x-www-form-urlencoded {\"type\":\"object\","
    "\"required\":[\"username\",\"password\",\"csrf\"],\"properties\":{"
    "\"username\":{\"type\":\"string\"},\"password\":{\"type\":\"string\",\"format\":\"password\"},"
    "\"csrf\":{\"type\":\"string\",\"description\":\"token from the GET /login form\"}}}";

static const char csrf_body[] =
    "application/x-www-form-urlencoded {\"type\":\"object\",\"required\":[\"csrf\"],"
    "\"properties\":{\"csrf\":{\"type\":\"string\"}}}";

static const char profile_body[] =
    JSON " {\"type\":\"object\",\"description\":\"The enterprise profile of DESIGN.md section 5 "
    "(as_of, enterprise, owner, need, history); a missing key is unknown, null is known to be "
    "absent. Bad fields are all listed in the 422 answer's error.fields\"}";

#define Q_REASON "reason why an officer or admin reads it, for the audit log (printable, at most 200 bytes); " \
    "required outside the official's worklist (else 428 reason_required)"
#define Q_LANG "lang en (default) or hi: the language of names and reasons"
#define Q_NEED "purpose the need assumed of every enterprise (default working_capital; unknown for none)\n" \
    "amount its amount, whole rupees (default 500000; unknown for none)"
#define Q_ON "on evaluation date YYYY-MM-DD (default: the profile's as_of, else today in IST)"


#define ENT ACCESS_ENTREPRENEUR
#define OFF (ACCESS_OFFICER | ACCESS_ADMIN)
#define ENT_OFF (ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN)
#define CLUSTER_READERS (ACCESS_OFFICER | ACCESS_POLICYMAKER | ACCESS_ADMIN)
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define FORM "application/x-www-form-urlencoded {\"type\":\"object\",\"required\":[\"csrf\"]," \
    "\"properties\":{\"csrf\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"string\"}}"

static const char app_create_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"schemes\",\"fields\",\"declarations_accepted\"],"
    "\"properties\":{\"schemes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,"
    "\"description\":\"scheme ids, one application each, linked as one bundle\"},"
    "\"fields\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},"
    "\"description\":\"the common form's answers by field id (GET /api/v1/schemes/{id} lists them)\"},"
    "\"documents\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"document ids ready\"},"
    "\"declarations_accepted\":{\"type\":\"boolean\",\"description\":\"every declaration of every chosen scheme is made\"}}}";

static const char app_act_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"action\"],\"properties\":{"
    "\"action\":{\"type\":\"string\",\"enum\":[\"submit\",\"start_review\",\"return\",\"resubmit\","
    "\"sanction\",\"reject\",\"disburse\",\"withdraw\"]},"
    "\"reason\":{\"type\":\"string\",\"maxLength\":1023,\"description\":\"needed for return, sanction, "
    "reject, disburse and withdraw\"}}}";

static const char grievance_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"subject\",\"category\",\"body\"],\"properties\":{"
    "\"subject\":{\"type\":\"string\",\"enum\":[\"application\",\"scheme\",\"payment\"]},"
    "\"application_id\":{\"type\":\"integer\"},\"scheme_id\":{\"type\":\"string\"},"
    "\"payment_claim_id\":{\"type\":\"integer\"},"
    "\"category\":{\"type\":\"string\",\"enum\":[\"delay\",\"wrong_decision\",\"money_not_received\","
    "\"documents\",\"staff_conduct\",\"other\"]},\"body\":{\"type\":\"string\",\"minLength\":10,\"maxLength\":2000}}}";

static const char grievance_act_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"action\"],\"properties\":{"
    "\"action\":{\"type\":\"string\",\"enum\":[\"acknowledge\",\"resolve\",\"rate\",\"appeal\"]},"
    "\"text\":{\"type\":\"string\",\"description\":\"the resolution, for resolve\"},"
    "\"rating\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5,\"description\":\"for rate\"}}}";

static const char consent_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"action\"],\"additionalProperties\":false,"
    "\"properties\":{"
    "\"action\":{\"type\":\"string\",\"enum\":[\"grant\",\"revoke\",\"withdraw\"]},"
    "\"source\":{\"type\":\"string\",\"enum\":[\"gst\",\"credit\",\"skilling\",\"epfo\",\"energy\"],"
    "\"description\":\"grant and withdraw\"},"
    "\"purpose\":{\"type\":\"string\",\"enum\":[\"eligibility\",\"officer_view\",\"statistics\"],"
    "\"description\":\"grant and withdraw\"},"
    "\"valid_from\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"grant: default today; not before today\"},"
    "\"valid_to\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"grant: default a year on; at most five years after valid_from\"},"
    "\"consent_id\":{\"type\":\"string\",\"pattern\":\"^CA-[0-9a-f]{16}$\",\"description\":\"revoke\"}}}";

static const char msmed_body[] =
    JSON " {\"type\":\"object\",\"required\":[\"amount\",\"invoice_date\"],"
    "\"additionalProperties\":false,\"properties\":{"
    "\"amount\":{\"type\":\"number\",\"minimum\":0.01,\"description\":\"invoice amount, rupees, at most 2 decimals\"},"
    "\"invoice_date\":{\"type\":\"string\",\"format\":\"date\"},"
    "\"acceptance_date\":{\"type\":\"string\",\"nullable\":true,\"format\":\"date\",\"description\":\"default: deemed on the invoice date\"},"
    "\"agreed_days\":{\"type\":\"integer\",\"nullable\":true,\"minimum\":0,\"maximum\":3650,\"description\":\"days agreed in writing (capped at 45); null or absent: none (15 days)\"},"
    "\"as_of\":{\"type\":\"string\",\"format\":\"date\",\"description\":\"default today (IST)\"},"
    "\"payments\":{\"type\":\"array\",\"maxItems\":24,\"items\":{\"type\":\"object\",\"required\":[\"date\",\"amount\"],"
    "\"properties\":{\"date\":{\"type\":\"string\",\"format\":\"date\"},\"amount\":{\"type\":\"number\"}}}},"
    "\"buyer_fy_end\":{\"type\":\"string\",\"nullable\":true,\"format\":\"date\",\"description\":\"31 March ending the buyer's financial year, for s.43B(h)\"},"
    "\"buyer_paid_on\":{\"type\":\"string\",\"nullable\":true,\"format\":\"date\",\"description\":\"the day the buyer paid in full, for s.43B(h)\"}}}";

static const struct route routes[] = {
    {"GET", "/", ACCESS_PUBLIC, SCOPE_NONE, page_home,
     "Home page: what Samanvay is for entrepreneurs, officers and policymakers", HTML, NULL,
     "200", NULL},
    {"GET", "/login", ACCESS_PUBLIC, SCOPE_NONE, page_login_form,
     "Sign-in form (starts an anonymous session that carries its CSRF token)", HTML, NULL, "200",
     NULL},
    {"POST", "/login", ACCESS_PUBLIC, SCOPE_NONE, page_login_submit,
     "Sign in: on success a new session cookie and 303 to /; on failure the form again; 429 "
     "(with Retry-After) while the username or the client address is locked out after too many "
     "failures", HTML,
     login_body, "303 401 403 429", NULL},
    {"POST", "/logout", ACCESS_PUBLIC, SCOPE_NONE, page_logout, "Sign out and end the session", NULL, csrf_body,
     "303 403", NULL},
    {"GET", "/register", ACCESS_PUBLIC, SCOPE_NONE, page_register_form,
     "Create an entrepreneur's account: from a Udyam number with its PAN or GSTIN, or a proposed unit",
     HTML, NULL, "200 303", NULL},
    {"POST", "/register", ACCESS_PUBLIC, SCOPE_NONE, page_register_submit,
     "Create the account; on success signed in and 303 to /profile", HTML, FORM, "303 403 422", NULL},
    {"GET", "/profile", ENT, SCOPE_OWN, page_profile,
     "The enterprise's facts with where each came from, to confirm or correct", HTML, NULL,
     "200 401 403", NULL},
    {"POST", "/profile", ENT, SCOPE_OWN, page_profile_submit,
     "Give or correct facts (fields f<N>); corrections are kept beside what they replaced", HTML,
     FORM, "303 401 403 422", NULL},
    {"GET", "/schemes", ENT, SCOPE_OWN, page_schemes,
     "Scheme finder: every scheme for the enterprise, ranked, with reasons and benefit", HTML, NULL,
     "200 401 403", "q words to search for\nobjective one objective (credit, subsidy, ...)"},
    {"GET", "/apply", ENT, SCOPE_OWN, page_apply_form,
     "One common application form for the ticked schemes (apply_<scheme>=1)", HTML, NULL,
     "200 401 403 422", NULL},
    {"POST", "/apply", ENT, SCOPE_OWN, page_apply_submit,
     "Submit the common application: one application per scheme, as a bundle", HTML, FORM,
     "303 401 403 422", NULL},
    {"GET", "/dashboard", ENT, SCOPE_OWN, page_dashboard,
     "The enterprise's applications, grievances, payment claims and messages", HTML, NULL,
     "200 401 403", "bundle a bundle just submitted"},
    {"GET", "/privacy", ENT, SCOPE_OWN, page_privacy,
     "The enterprise's data: which officials looked at it or acted on it, when and why (from the "
     "hash-chained audit log)", HTML, NULL, "200 401 403", NULL},
    /* Privacy (issue 9, docs/privacy.md). */
    {"GET", "/privacy/export.json", ENT, SCOPE_OWN, page_privacy_export,
     "Download all the enterprise's data as JSON (docs/privacy.md): the golden record with every "
     "source's value, feed records, applications, grievances, claims, corrections and officials' "
     "accesses; audited as the owner's own read", JSON, NULL, "200 401 403 503", NULL},
    {"POST", "/privacy/corrections", ENT, SCOPE_OWN, page_correction_request,
     "Ask the district office to correct a field of the golden record (field, value, reason)",
     HTML, FORM, "303 401 403 422", NULL},
    /* Consent to the use of the enterprise's data (issue 9, docs/consent.md). */
    {"GET", "/consents", ENT, SCOPE_OWN, page_consents,
     "The enterprise's consents: what each source may be used for now and why, a form to give "
     "consent for a period, every consent with a button to revoke it", HTML, NULL,
     "200 401 403", "done granted, stopped or unchanged after a change"},
    {"POST", "/consents", ENT, SCOPE_OWN, page_consents_change,
     "Change a consent of the session's own enterprise (action grant with source, purpose, "
     "valid_from, valid_to; revoke with consent_id; withdraw with source, purpose)", HTML, FORM,
     "303 401 403 404 422", NULL},
    /* Market insights and sustainability (issue 8, docs/insights.md). */
    {"GET", "/insights", ENT, SCOPE_OWN, page_insights,
     "The enterprise's growth and export share among peers (aggregates only), procurement and "
     "trade-fair support it qualifies for, its energy and CO2, ESG readiness and green schemes",
     HTML, NULL, "200 401 403", "saved set after a declaration was saved"},
    {"POST", "/insights/energy", ENT, SCOPE_OWN, page_insights_energy,
     "Declare a financial year's electricity (kWh) and fuel use (fiscal_year, q_electricity, "
     "q_diesel, q_lpg, q_natural_gas, q_coal)", HTML, FORM, "303 401 403 422", NULL},
    {"GET", "/calendar", ENT, SCOPE_OWN, page_calendar,
     "The compliance calendar by month with each due date's status, the .ics download and the "
     "private subscription link (make, replace, revoke)", HTML, NULL, "200 401 403",
     "revoked set after a link was revoked"},
    {"GET", "/calendar.ics", ENT, SCOPE_OWN, page_calendar_ics,
     "The compliance calendar as iCalendar (all-day events with a reminder and a link back)",
     ICS, NULL, "200 401 403", NULL},
    {"POST", "/calendar/subscription", ENT, SCOPE_OWN, page_calendar_subscribe,
     "A new private subscription link (the old one stops working); the page shows its URL once",
     HTML, FORM, "200 401 403", NULL},
    {"POST", "/calendar/subscription/revoke", ENT, SCOPE_OWN, page_calendar_revoke,
     "Revoke the enterprise's subscription link `feed`", HTML, FORM, "303 401 403 404 422", NULL},
    /* After the POSTs under /calendar/: {feed} would take "subscription". */
    {"GET", "/calendar/{feed}", ACCESS_PUBLIC, SCOPE_TOKEN, page_calendar_feed,
     "The private subscription feed /calendar/{token}.ics: no session, the token is the "
     "credential; an unknown or revoked token is 404", ICS, NULL, "200 404", NULL},
    {"POST", "/dashboard/read", ENT, SCOPE_OWN, page_dashboard_read, "Mark the enterprise's messages as read",
     NULL, FORM, "303 401 403", NULL},
    {"GET", "/applications/{id}", ENT_OFF, SCOPE_APPLICATION, page_application,
     "One application with its history (and the eligibility trace for officers)", HTML, NULL,
     "200 400 401 403 404 428", Q_REASON},
    {"POST", "/applications/{id}", ENT_OFF, SCOPE_APPLICATION, page_application_act,
     "Act on an application (action, reason)", HTML, FORM, "303 400 401 403 404 409 422", NULL},
    {"GET", "/grievances/new", ENT, SCOPE_OWN, page_grievance_new, "The form to raise a grievance", HTML,
     NULL, "200 401 403", "application an application to pre-select"},
    {"POST", "/grievances", ENT, SCOPE_OWN, page_grievance_file, "Raise a grievance", HTML, FORM,
     "303 401 403 422", NULL},
    {"GET", "/grievances/{id}", ENT_OFF, SCOPE_GRIEVANCE, page_grievance, "One grievance with its history", HTML,
     NULL, "200 400 401 403 404 428", Q_REASON},
    {"POST", "/grievances/{id}", ENT_OFF, SCOPE_GRIEVANCE, page_grievance_act,
     "Acknowledge, resolve, rate or appeal a grievance", HTML, FORM, "303 400 401 403 404 409 422",
     NULL},
    {"GET", "/payments/calculator", ACCESS_PUBLIC, SCOPE_NONE, page_payment_calculator,
     "Delayed-payment calculator (MSMED Act ss.15-16): due date, interest month by month, "
     "outstanding; the buyer's Income-tax s.43B(h) year", HTML, NULL, "200 422",
     "amount invoice amount, rupees\ninvoice_date YYYY-MM-DD\nacceptance_date YYYY-MM-DD\n"
     "agreed_days days agreed in writing (empty: none)\nas_of YYYY-MM-DD (default today)\n"
     "paid_on_N, paid_amount_N part payments (N = 1..3)\nfy_end buyer's FY end, 31 March\n"
     "buyer_paid_on the day the buyer paid in full"},
    {"GET", "/payments", ENT, SCOPE_OWN, page_payments,
     "The enterprise's delayed-payment claims with interest and amount owed today, and their "
     "referral to the Facilitation Council", HTML, NULL, "200 401 403", NULL},
    {"POST", "/payments/{id}/refer", ENT, SCOPE_PAYMENT_CLAIM, page_payment_refer,
     "Refer a claim to the Micro and Small Enterprise Facilitation Council (MSMED s.18) as a "
     "grievance", HTML, FORM, "303 400 401 403 404 409 422", NULL},
    {"GET", "/payments/new", ENT, SCOPE_OWN, page_payment_new, "The form to record a delayed payment", HTML,
     NULL, "200 401 403", NULL},
    {"POST", "/payments", ENT, SCOPE_OWN, page_payment_file, "Record a delayed payment by a buyer", HTML,
     FORM, "303 401 403 422", NULL},
    {"GET", "/officer/worklist", OFF, SCOPE_AREA, page_worklist,
     "The officer's queue in scope, most at risk of missing the SLA first", HTML, NULL,
     "200 401 403", NULL},
    {"GET", "/officer/worklist.xlsx", OFF, SCOPE_AREA, page_worklist_xlsx, "The queue as a spreadsheet",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL, "200 401 403",
     NULL},
    {"GET", "/officer/outreach", OFF, SCOPE_AREA, page_outreach,
     "Enterprises in scope eligible for schemes they have not applied to", HTML, NULL,
     "200 401 403", NULL},
    /* Clusters (issue 7, docs/clusters.md): aggregates for officers (their
     * area) and policymakers; literal paths before /clusters/{id}. */
    {"GET", "/clusters", CLUSTER_READERS, SCOPE_AREA_AGGREGATE, page_clusters,
     "Cluster map: registered clusters, detected specialisations and candidate regions", HTML, NULL,
     "200 400 401 403", "state GST state code to narrow to (a national reader)"},
    {"GET", "/clusters/health", CLUSTER_READERS, SCOPE_AREA_AGGREGATE, page_cluster_health,
     "Health of registered clusters, sick ones first, with reasons", HTML, NULL, "200 400 401 403",
     "state GST state code to narrow to (a national reader)"},
    {"GET", "/clusters/health.xlsx", CLUSTER_READERS, SCOPE_AREA_AGGREGATE, page_cluster_health_xlsx,
     "Cluster health as a spreadsheet", XLSX_TYPE, NULL, "200 400 401 403",
     "state GST state code to narrow to (a national reader)"},
    /* Scheme outcomes (issue 8, docs/impact.md): policymakers and state
     * officers; the handler refuses a district officer (403). */
    {"GET", "/policy/impact", ACCESS_OFFICER | ACCESS_POLICYMAKER, SCOPE_NATIONAL, page_impact,
     "Scheme outcomes: matched difference-in-differences effects on GST turnover, forest plot, balance, "
     "time to benefit", HTML, NULL, "200 401 403", NULL},
    {"GET", "/sustainability", CLUSTER_READERS, SCOPE_NATIONAL, page_sustainability,
     "CO2 intensity benchmarks by NIC division and registered clusters' totals, cells under 5 withheld",
     HTML, NULL, "200 401 403", NULL},
    {"GET", "/clusters/{id}", CLUSTER_READERS, SCOPE_CLUSTER, page_cluster,
     "One registered cluster: health, reasons, peers and trends", HTML, NULL, "200 401 403 404", NULL},
    /* Merger what-ifs (issue 8, docs/scenarios.md): national aggregates for
     * policymakers and state officers (a district officer gets 403 from
     * the page). */
    {"GET", "/policy/scenarios", ACCESS_POLICYMAKER | ACCESS_OFFICER, SCOPE_NATIONAL, page_scenarios,
     "The merger what-if scenarios that ship (scenarios/*.yaml)", HTML, NULL, "200 401 403", NULL},
    {"GET", "/policy/scenarios/{id}", ACCESS_POLICYMAKER | ACCESS_OFFICER, SCOPE_NATIONAL, page_scenario,
     "One scenario before and after: reach, cost, protected groups' shares, burden removed", HTML, NULL,
     "200 401 403 404", NULL},
    {"GET", "/officer/claims", OFF, SCOPE_AREA, page_claims, "Requests to link an account to an enterprise",
     HTML, NULL, "200 401 403", NULL},
    {"POST", "/officer/claims/{id}", OFF, SCOPE_LINK_REQUEST, page_claim_decide,
     "Approve or refuse a request to link an enterprise", HTML, FORM, "303 401 403 404 409 422",
     NULL},
    {"GET", "/officer/corrections/{id}", OFF, SCOPE_CORRECTION, page_correction,
     "An entrepreneur's correction request beside the record's value and its source, with the "
     "forms to accept or reject it", HTML, NULL, "200 401 403 404", NULL},
    {"POST", "/officer/corrections/{id}", OFF, SCOPE_CORRECTION, page_correction_decide,
     "Accept a correction request (writes an officer's correction with its author and the "
     "request's reason) or reject it with a reason (decision, reason)", HTML, FORM,
     "303 401 403 404 409 422", NULL},
    {"GET", "/officer/enterprises/{id}", OFF, SCOPE_ENTERPRISE, page_enterprise,
     "An enterprise's golden record: each field's value kept, its source, and the other sources' "
     "values (?field=N adds the correction form)", HTML, NULL, "200 400 401 403 404 428", Q_REASON},
    {"POST", "/officer/enterprises/{id}", OFF, SCOPE_ENTERPRISE, page_enterprise_correct,
     "Correct one field of the golden record (field, value, reason); kept with its author", HTML,
     FORM, "303 400 401 403 404 422", NULL},
    {"GET", "/api/v1/applications", ENT_OFF, SCOPE_AREA, api_applications_list,
     "The caller's applications (entrepreneur) or the scope's worklist order (officer)", JSON, NULL,
     "200 401 403", NULL},
    {"POST", "/api/v1/applications", ENT, SCOPE_OWN, api_applications_create,
     "One common application: an application per scheme, linked as a bundle, submitted", JSON,
     app_create_body, "201 400 401 403 409 415 422", NULL},
    {"GET", "/api/v1/applications/{id}", ENT_OFF, SCOPE_APPLICATION, api_application_get,
     "One application with its events", JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"POST", "/api/v1/applications/{id}/actions", ENT_OFF, SCOPE_APPLICATION, api_application_act,
     "Move an application (only the actions its state and the caller's role allow)", JSON,
     app_act_body, "200 400 401 403 404 409 415 422", NULL},
    {"GET", "/api/v1/bundles/{id}", ENT_OFF, SCOPE_BUNDLE, api_bundle_get,
     "The applications of one common application", JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"GET", "/api/v1/grievances", ENT_OFF, SCOPE_AREA, api_grievances_list,
     "The caller's grievances (entrepreneur) or the scope's open ones (officer)", JSON, NULL,
     "200 401 403", NULL},
    {"POST", "/api/v1/grievances", ENT, SCOPE_OWN, api_grievances_create, "Raise a grievance", JSON,
     grievance_body, "201 400 401 403 415 422", NULL},
    {"GET", "/api/v1/grievances/{id}", ENT_OFF, SCOPE_GRIEVANCE, api_grievance_get,
     "One grievance with its events", JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"POST", "/api/v1/grievances/{id}/actions", ENT_OFF, SCOPE_GRIEVANCE, api_grievance_act,
     "Acknowledge or resolve (office), rate or appeal (complainant)", JSON, grievance_act_body,
     "200 400 401 403 404 409 415 422", NULL},
    {"GET", "/api/v1/worklist", OFF, SCOPE_AREA, api_worklist,
     "The officer's queue in scope, most at risk of missing the SLA first", JSON, NULL,
     "200 400 401 403", "limit rows to return, 1 to 1000 (default 200)"},
    /* Issue 7: stress views (docs/stress-views.md). */
    {"GET", "/officer/watchlist", OFF, SCOPE_AREA, page_watchlist,
     "Enterprises of the officer's area in stress (latest score at or above the alert "
     "probability), most likely first, with reasons in words and the help that fits; every "
     "enterprise shown is audited", HTML, NULL, "200 400 401 403", "page page number, from 1 (25 a page)"},
    {"GET", "/officer/watchlist.xlsx", OFF, SCOPE_AREA, page_watchlist_xlsx,
     "The watchlist as a spreadsheet (up to 5,000 rows, each audited)",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL, "200 401 403", NULL},
    {"GET", "/stress/heatmap", OFF | ACCESS_POLICYMAKER, SCOPE_STATE_AGGREGATE, page_heatmap,
     "Share of enterprises in stress by state and sector, or by district and sector for one "
     "state, as an SVG heatmap and a table; cells of fewer than 5 enterprises are withheld. "
     "Not for district officers", HTML, NULL, "200 400 401 403",
     "state GST state code (01-38, 97): its districts instead of the states\n"
     "page page of rows, from 1 (20 rows a page)"},
    {"GET", "/api/v1/stress/watchlist", OFF, SCOPE_AREA, api_stress_watchlist,
     "The watchlist as JSON: the caller's area, latest scoring month, enterprises at or above "
     "the alert probability with their reasons (code, value, words) and help; every enterprise "
     "listed is audited", JSON, NULL, "200 400 401 403",
     "limit rows to return, 1 to 500 (default 100)\noffset rows to skip (default 0)\n" Q_LANG},
    /* Issue 8: overlap and awareness (docs/overlap.md). Aggregates for
     * policymakers and state or national officers (a district officer is
     * refused there, 403); the outreach list is an officer's, audited. */
    {"GET", "/overlap", CLUSTER_READERS, SCOPE_STATE_AGGREGATE, page_overlap,
     "Overlap between schemes: the scheme x scheme Jaccard heat matrix of eligible sets, the pairs "
     "that overlap most, beneficiaries of both, shared objectives and target groups, double funding "
     "by pair of schemes; counts of 1-4 withheld. Not for district officers", HTML, NULL,
     "200 400 401 403", "state GST state code to narrow to (a national reader)\n"
     "basis eligible (default) or possible (not ruled out)\n" Q_NEED},
    {"GET", "/overlap.xlsx", CLUSTER_READERS, SCOPE_STATE_AGGREGATE, page_overlap_xlsx,
     "Every pair of schemes with every overlap measure, as a spreadsheet", XLSX_TYPE, NULL,
     "200 400 401 403", "state GST state code to narrow to (a national reader)\n" Q_NEED},
    {"GET", "/overlap/awareness", CLUSTER_READERS, SCOPE_STATE_AGGREGATE, page_awareness,
     "Awareness gap: eligible enterprises that never applied, by district (ranked SVG bar chart and "
     "table), segment and scheme; counts of 1-4 withheld. Not for district officers", HTML, NULL,
     "200 400 401 403", "state GST state code to narrow to (a national reader)\n"
     "scheme one scheme id (default every scheme)\n" Q_NEED},
    {"GET", "/officer/awareness", OFF, SCOPE_AREA, page_officer_awareness,
     "Outreach list: the district's enterprises eligible for a scheme they never applied for, largest "
     "benefit first; every enterprise shown is audited", HTML, NULL, "200 400 401 403",
     "district the district (an officer of a state or the country)\nstate GST state code (a national "
     "officer)\nscheme one scheme id\npage page number, from 1 (50 a page)\n" Q_NEED},
    {"GET", "/officer/awareness.xlsx", OFF, SCOPE_AREA, page_officer_awareness_xlsx,
     "The outreach list as a spreadsheet (up to 5,000 rows, each audited)", XLSX_TYPE, NULL,
     "200 400 401 403", "district, state, scheme as the page\n" Q_NEED},
    {"GET", "/officer/awareness.csv", OFF, SCOPE_AREA, page_officer_awareness_csv,
     "The outreach list as CSV (up to 5,000 rows, each audited)", "text/csv", NULL, "200 400 401 403",
     "district, state, scheme as the page\n" Q_NEED},
    {"GET", "/api/v1/overlap", CLUSTER_READERS, SCOPE_STATE_AGGREGATE, api_overlap,
     "The overlap report of the reader's area as samanvay overlap --json --awareness, for readers of "
     "aggregates: counts of 1-4 withheld (null), double funding by pair of schemes only. Not for "
     "district officers",
     JSON, NULL, "200 400 401 403", "state GST state code to narrow to (a national reader)\n" Q_NEED},
    {"GET", "/api/v1/sustainability", CLUSTER_READERS, SCOPE_NATIONAL, api_sustainability,
     "The /sustainability aggregates as samanvay sustainability --clusters --json: CO2 intensity "
     "benchmarks by NIC division and registered clusters' totals, figures and counts of 1-4 "
     "withheld; national. Not for district officers",
     JSON, NULL, "200 401 403", NULL},
    {"GET", "/account", ACCESS_SIGNED_IN, SCOPE_NONE, page_account, "The signed-in account: role and scope",
     HTML, NULL, "200 401", NULL},
    {"GET", "/static/site.css", ACCESS_PUBLIC, SCOPE_NONE, static_css, "The site's style sheet", "text/css",
     NULL, "200 304", NULL},
    {"GET", "/healthz", ACCESS_PUBLIC, SCOPE_NONE, api_health, "Liveness and database reachability", JSON,
     NULL, "200 503", NULL},
    {"GET", "/api/v1/openapi.json", ACCESS_PUBLIC, SCOPE_NONE, api_openapi, "This OpenAPI document", JSON,
     NULL, "200", NULL},
    {"GET", "/api/v1/session", ACCESS_SIGNED_IN, SCOPE_NONE, api_session,
     "The caller's account and the CSRF token for its POST requests", JSON, NULL, "200 401", NULL},
    {"GET", "/api/v1/enterprises/{id}", ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE,
     api_enterprise_get,
     "One enterprise's profile (DESIGN.md §5 shape) with id and sources; {id} is the store id "
     "or the Udyam number. Officers and admins see their scope and every read is audited; an "
     "entrepreneur sees only their own enterprise",
     JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"GET", "/api/v1/enterprises/{id}/eligibility",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, api_enterprise_eligibility,
     "Every scheme for one stored enterprise, as samanvay eligible --json; the same scope and "
     "audit as GET /api/v1/enterprises/{id}",
     JSON, NULL, "200 400 401 403 404 428", Q_REASON "\n" Q_LANG "\n" Q_ON},
    {"GET", "/api/v1/enterprises/{id}/calendar",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, api_enterprise_calendar,
     "One stored enterprise's compliance calendar, as samanvay calendar --json, with each "
     "item's status (upcoming, due soon, filed on time, filed late, overdue) from the GST returns "
     "on file and the GSTR-3B late fee and interest; the same scope and audit as GET "
     "/api/v1/enterprises/{id}",
     JSON, NULL, "200 400 401 403 404 428",
     Q_REASON "\nfrom first due date YYYY-MM-DD (default: 30 days before today)\n"
     "to last due date YYYY-MM-DD (default: 90 days after today; at most five years after from)"},
    {"GET", "/api/v1/enterprises/{id}/calendar.ics",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, api_enterprise_calendar_ics,
     "The same calendar as iCalendar (docs/calendar-ics.md); the same scope and audit as GET "
     "/api/v1/enterprises/{id}",
     ICS, NULL, "200 400 401 403 404 428",
     Q_REASON "\nfrom first due date YYYY-MM-DD (default: 30 days before today)\n"
     "to last due date YYYY-MM-DD (default: 90 days after today; at most five years after from)"},
    {"GET", "/api/v1/enterprises/{id}/payment-claims",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, api_enterprise_payment_claims,
     "One stored enterprise's delayed-payment claims, each with its MSMED s.15 term, s.16 "
     "interest schedule and amount owed today, and its Council referral; the same scope and "
     "audit as GET /api/v1/enterprises/{id}",
     JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"GET", "/api/v1/enterprises/{id}/insights",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, api_enterprise_insights,
     "One stored enterprise's market insights and sustainability, as samanvay insights --json "
     "(docs/insights.md): growth and export share among peers (percentile and median, never a "
     "peer's figure), procurement targets and trade-fair support it qualifies for, declared "
     "energy and CO2, its division's benchmark, ESG readiness, green schemes; the same scope and "
     "audit as GET /api/v1/enterprises/{id}",
     JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"GET", "/api/v1/enterprises/{id}/export", ACCESS_ENTREPRENEUR, SCOPE_ENTERPRISE, api_enterprise_export,
     "All of the caller's own enterprise's data as JSON, as /privacy/export.json "
     "(docs/privacy.md); any other id is 403; audited as the owner's own read",
     JSON, NULL, "200 400 401 403 503", NULL},
    {"GET", "/api/v1/enterprises/{id}/consents",
     ACCESS_ENTREPRENEUR | ACCESS_OFFICER | ACCESS_ADMIN, SCOPE_ENTERPRISE, api_enterprise_consents,
     "One stored enterprise's consents (docs/consent.md): for each source and purpose whether "
     "it may be used now, decided by an artefact or the policy's default, and every artefact "
     "newest first (consent id, source, purpose, period, status ACTIVE, PENDING, EXPIRED or "
     "REVOKED); the same scope and audit as GET /api/v1/enterprises/{id}",
     JSON, NULL, "200 400 401 403 404 428", Q_REASON},
    {"POST", "/api/v1/enterprises/{id}/consents", ACCESS_ENTREPRENEUR, SCOPE_ENTERPRISE,
     api_enterprise_consents_change,
     "Grant, revoke or withdraw a consent of the caller's own enterprise (only the enterprise "
     "may); 201 with the artefact granted, 200 with the artefact revoked or changed false",
     JSON, consent_body, "200 201 400 401 403 404 415 422", NULL},
    {"POST", "/api/v1/msmed/interest", ACCESS_PUBLIC | ACCESS_STATELESS, SCOPE_NONE, api_msmed_interest,
     "Delayed-payment interest (MSMED Act ss.15-16): the s.15 term, compound interest with "
     "monthly rests at three times the Bank Rate month by month, the amount outstanding, and "
     "the buyer's s.43B(h) verdict; public and stateless (no session, no CSRF token)",
     JSON, msmed_body, "200 400 415 422", NULL},
    {"POST", "/api/v1/classify", ACCESS_SIGNED_IN, SCOPE_NONE, api_classify,
     "Classify an enterprise as micro, small, medium or large (as samanvay classify --json)", JSON,
     classify_body, "200 400 401 403 415", NULL},
    {"POST", "/api/v1/eligibility", ACCESS_SIGNED_IN, SCOPE_NONE, api_eligibility_post,
     "Every scheme of the catalogue for a profile: eligible, ineligible or unknown, why, what is "
     "missing and the benefit, best first (as samanvay eligible --json)",
     JSON, profile_body, "200 400 401 403 415 422", Q_LANG "\n" Q_ON},
    /* Before /api/v1/schemes/{id}: the first matching route wins. */
    {"GET", "/api/v1/schemes/search", ACCESS_PUBLIC, SCOPE_NONE, api_schemes_search,
     "Search the schemes in Hindi or English: ranked matches with a snippet; synonyms (loan, "
     "karz, ऋण), the last word as a prefix, and similar spellings when nothing matches",
     JSON, NULL, "200 400",
     "q! the words to search for (1 to 200 bytes, at most 12 words)\n"
     "limit results to return, 1 to 50 (default 20)"},
    {"GET", "/api/v1/schemes", ACCESS_PUBLIC, SCOPE_NONE, api_schemes_list,
     "The scheme catalogue (as samanvay schemes list --json)", JSON, NULL, "200", NULL},
    {"GET", "/api/v1/schemes/{id}", ACCESS_PUBLIC, SCOPE_NONE, api_scheme_get,
     "One scheme in full: criteria with their texts and sources, benefit, declarations, "
     "documents and application fields with their names",
     JSON, NULL, "200 404", NULL},
};

const struct route *web_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}
