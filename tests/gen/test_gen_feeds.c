/* Every generated row against the validation rules of docs/data-feeds.md,
 * checked with the core validators (udyam_validate, pan_validate,
 * gstin_validate, ifsc_validate, refdata_district, refdata_nic_division,
 * date_parse, money_parse). Each row gets the first reason it fails, as
 * ingest would quarantine it; per feed, the count of rows failing with
 * each reason must equal manifest.injected_errors exactly (clean rows pass
 * everything), and each failing row must be the one truth/injected_errors.csv
 * names, with the same reason. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "core/ident.h"
#include "core/money.h"
#include "gen/gen_vocab.h"
#include "ingest/reason.h"
#include "gen_fixture.h"

/* --- a set of 64-bit string hashes ------------------------------------- */

struct set {
    uint64_t *slot;
    size_t cap, n;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h | 1;   /* 0 marks an empty slot */
}

static bool set_has(const struct set *s, uint64_t h)
{
    for (size_t i = h & (s->cap - 1); s->cap && s->slot[i]; i = (i + 1) & (s->cap - 1))
        if (s->slot[i] == h)
            return true;
    return false;
}

/* true when h was not there yet */
static bool set_add(struct set *s, uint64_t h)
{
    if (set_has(s, h))
        return false;
    if ((s->n + 1) * 2 > s->cap) {
        struct set bigger = {calloc(s->cap ? s->cap * 2 : 1024, sizeof(uint64_t)),
                             s->cap ? s->cap * 2 : 1024, 0};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i])
                set_add(&bigger, s->slot[i]);
        free(s->slot);
        *s = bigger;
    }
    size_t i = h & (s->cap - 1);
    while (s->slot[i])
        i = (i + 1) & (s->cap - 1);
    s->slot[i] = h;
    s->n++;
    return true;
}

static void set_free(struct set *s)
{
    free(s->slot);
    memset(s, 0, sizeof *s);
}

/* --- the checker -------------------------------------------------------- */

struct checker {
    const struct refdata *ref;
    int32_t as_of, udyam_start;
    struct set on_file;       /* Udyam numbers of loaded enterprises */
    struct set pans;          /* PANs of loaded enterprises */
    struct set clusters;      /* loaded cluster ids */
    struct set keys;          /* keys of the current feed */
    const struct csv_record *header;
    char **names;             /* header names of the current feed */
    size_t n_names;
};

static const char *F(const struct checker *k, const struct csv_record *r, const char *name)
{
    for (size_t i = 0; i < k->n_names && i < r->nfields; i++)
        if (strcmp(k->names[i], name) == 0)
            return r->field[i];
    fail_msg("no column %s", name);
    return "";
}

static bool one_of(const char *s, const char *const *vocab)
{
    for (; *vocab; vocab++)
        if (strcmp(s, *vocab) == 0)
            return true;
    return false;
}

static bool digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);

    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool date_ok(const char *s, int32_t *d)
{
    return date_parse(s, strlen(s), d, NULL) == 0;
}

/* YYYY-MM; *m is the month index */
static bool month_ok(const char *s, int *m)
{
    int y, mo;

    if (strlen(s) != 7 || s[4] != '-' || !digits((char[5]){s[0], s[1], s[2], s[3], 0}, 4, 4)
        || !digits((char[3]){s[5], s[6], 0}, 2, 2))
        return false;
    y = atoi(s);
    mo = atoi(s + 5);
    if (mo < 1 || mo > 12)
        return false;
    *m = y * 12 + mo - 1;
    return true;
}

static bool amount_ok(const char *s, int64_t *p)
{
    return money_parse(s, strlen(s), false, p, NULL) == 0;
}

static bool required(const struct checker *k, const struct csv_record *r, const char *const *cols)
{
    for (; *cols; cols++)
        if (*F(k, r, *cols) == '\0')
            return false;
    return true;
}

static enum reason gstin_reason(const char *g, size_t n, const char *pan)
{
    struct id_verdict v;

    if (!gstin_validate(g, n, &v))
        return v.fault == ID_CHECKSUM ? R_GSTIN_CHECKSUM : R_GSTIN_INVALID;
    if (pan == NULL || strlen(pan) != 10 || memcmp(g + 2, pan, 10) != 0)
        return R_GSTIN_PAN_MISMATCH;
    return R_NONE;
}

static enum reason place_reason(const struct checker *k, const char *state, const char *district)
{
    if (!digits(state, 2, 2) || refdata_state_by_gst(k->ref, atoi(state)) == NULL)
        return R_UNKNOWN_STATE;
    if (district != NULL && refdata_district(k->ref, atoi(state), district) == NULL)
        return R_UNKNOWN_DISTRICT;
    return R_NONE;
}

static const char *const yn[] = {"Y", "N", NULL};
static const char *const genders[] = {"female", "male", "transgender", NULL};
static const char *const categories[] = {"general", "obc", "sc", "st", NULL};

/* --- udyam ------------------------------------------------------------- */

static enum reason udyam_ids(const struct checker *k, const struct csv_record *r)
{
    const char *u = F(k, r, "udyam_number"), *pan = F(k, r, "pan"), *g = F(k, r, "gstins");

    if (!udyam_validate(k->ref, u, strlen(u), NULL))
        return R_UDYAM_INVALID;
    if (*pan && !pan_validate(pan, strlen(pan), NULL))
        return R_PAN_INVALID;
    while (*g) {
        const char *end = strchr(g, ';');
        size_t n = end ? (size_t)(end - g) : strlen(g);
        enum reason why = gstin_reason(g, n, *pan ? pan : NULL);
        if (why != R_NONE)
            return why;
        g += n + (end != NULL);
    }
    return R_NONE;
}

static enum reason udyam_enums(const struct checker *k, const struct csv_record *r)
{
    static const char *const con[] = {"proprietorship", "partnership", "llp", "private_company",
                                      "public_company", "cooperative", "shg", "trust", "society",
                                      "huf", NULL};
    static const char *const act[] = {"manufacturing", "services", "trading", NULL};
    static const char *const area[] = {"rural", "urban", NULL};
    const char *dis = F(k, r, "owner_disabled");

    if (!one_of(F(k, r, "constitution"), con) || !one_of(F(k, r, "social_category"), categories)
        || !one_of(F(k, r, "owner_gender"), genders) || !one_of(F(k, r, "activity"), act)
        || !one_of(F(k, r, "area"), area) || (*dis && !one_of(dis, yn)))
        return R_BAD_ENUM;
    return R_NONE;
}

static enum reason udyam_dates(const struct checker *k, const struct csv_record *r)
{
    int32_t commenced, registered;

    if (!date_ok(F(k, r, "commenced_on"), &commenced) || !date_ok(F(k, r, "registered_on"), &registered))
        return R_BAD_DATE;
    if (commenced > registered || registered < k->udyam_start || registered > k->as_of)
        return R_DATE_ORDER;
    return R_NONE;
}

static enum reason nic_reason(const struct checker *k, const char *nic, const char *activity)
{
    const struct nic_division *d;
    enum nic_sector want;

    if (!digits(nic, 5, 5) || (d = refdata_nic_division(k->ref, nic)) == NULL)
        return R_BAD_NIC;
    if (activity == NULL)
        return R_NONE;
    want = strcmp(activity, "manufacturing") == 0 ? NIC_MANUFACTURING
           : strcmp(activity, "trading") == 0     ? NIC_TRADING : NIC_SERVICES;
    return d->sector == want ? R_NONE : R_BAD_NIC;
}

static enum reason udyam_numbers(const struct checker *k, const struct csv_record *r)
{
    static const char *const counts[] = {"employees_male", "employees_female", "employees_other", NULL};
    const char *pin = F(k, r, "pincode"), *ex = F(k, r, "exports_rs");
    int64_t inv, turn, exports = 0;

    if (*pin && (!digits(pin, 6, 6) || pin[0] == '0'))
        return R_BAD_PINCODE;
    if (!amount_ok(F(k, r, "investment_rs"), &inv) || !amount_ok(F(k, r, "turnover_rs"), &turn)
        || (*ex && !amount_ok(ex, &exports)) || exports > turn)
        return R_BAD_AMOUNT;
    for (const char *const *c = counts; *c; c++)
        if (*F(k, r, *c) && !digits(F(k, r, *c), 1, 9))
            return R_BAD_NUMBER;
    return R_NONE;
}

static enum reason check_udyam(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"udyam_number", "enterprise_name", "constitution",
                                      "social_category", "owner_gender", "commenced_on",
                                      "registered_on", "activity", "nic_code", "state_code",
                                      "district", "area", "investment_rs", "turnover_rs", NULL};
    const char *pan = F(k, r, "pan");
    enum reason why;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    /* names fit the 255-byte column limit */
    assert_true(strlen(F(k, r, "enterprise_name")) <= 255 && strlen(F(k, r, "owner_name")) <= 255);
    if ((why = udyam_ids(k, r)) || (why = udyam_enums(k, r)) || (why = udyam_dates(k, r))
        || (why = nic_reason(k, F(k, r, "nic_code"), F(k, r, "activity")))
        || (why = place_reason(k, F(k, r, "state_code"), F(k, r, "district")))
        || (why = udyam_numbers(k, r)))
        return why;
    if (*pan && set_has(&k->pans, hash(pan, strlen(pan))))
        return R_PAN_CONFLICT;
    return R_NONE;
}

static void loaded_udyam(struct checker *k, const struct csv_record *r)
{
    const char *u = F(k, r, "udyam_number"), *pan = F(k, r, "pan");
    const struct state_info *s = refdata_state_by_gst(k->ref, atoi(F(k, r, "state_code")));

    set_add(&k->on_file, hash(u, strlen(u)));
    if (*pan)
        set_add(&k->pans, hash(pan, strlen(pan)));
    /* not a quarantine reason, but the generator keeps them consistent */
    assert_memory_equal(u + 6, s->udyam_codes[0], 2);
}

/* --- gst ---------------------------------------------------------------- */

static enum reason check_gst(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"gstin", "return_type", "frequency", "period", "due_on", NULL};
    static const char *const types[] = {"GSTR3B", "CMP08", NULL};
    static const char *const freq[] = {"monthly", "quarterly", NULL};
    const char *g = F(k, r, "gstin"), *filed = F(k, r, "filed_on"), *tv = F(k, r, "taxable_value_rs"),
               *tax = F(k, r, "tax_rs");
    int32_t due, fd;
    int64_t a;
    int period;
    struct id_verdict v;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!gstin_validate(g, strlen(g), &v))
        return v.fault == ID_CHECKSUM ? R_GSTIN_CHECKSUM : R_GSTIN_INVALID;
    if (!one_of(F(k, r, "return_type"), types) || !one_of(F(k, r, "frequency"), freq)
        || (strcmp(F(k, r, "return_type"), "CMP08") == 0
            && strcmp(F(k, r, "frequency"), "quarterly") != 0))
        return R_BAD_ENUM;
    if (!month_ok(F(k, r, "period"), &period) || !date_ok(F(k, r, "due_on"), &due)
        || (*filed && !date_ok(filed, &fd)))
        return R_BAD_DATE;
    if (*filed && (fd <= date_month_last(period) || fd > k->as_of))
        return R_DATE_ORDER;
    if ((*tv && !amount_ok(tv, &a)) || (*tax && !amount_ok(tax, &a)))
        return R_BAD_AMOUNT;
    return R_NONE;
}

/* --- credit ------------------------------------------------------------- */

static const char *asset_class(long dpd)
{
    return dpd == 0 ? "STD" : dpd <= 30 ? "SMA0" : dpd <= 60 ? "SMA1" : dpd <= 90 ? "SMA2" : "NPA";
}

static enum reason check_credit(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"lender_ifsc", "facility_id", "facility_type", "sanctioned_on",
                                      "sanctioned_rs", "month", "outstanding_rs", "dpd",
                                      "asset_class", NULL};
    static const char *const types[] = {"term_loan", "cash_credit", "overdraft", NULL};
    static const char *const schemes[] = {"", "pmegp", "pmmy", "cgtmse", "standup_india",
                                          "pm_vishwakarma", NULL};
    const char *ifsc = F(k, r, "lender_ifsc"), *pan = F(k, r, "borrower_pan"),
               *u = F(k, r, "borrower_udyam"), *dpd = F(k, r, "dpd");
    int32_t d;
    int64_t a;
    int m;

    if (!required(k, r, req) || (!*pan && !*u))
        return R_MISSING_FIELD;
    if (!ifsc_validate(ifsc, strlen(ifsc), NULL))
        return R_IFSC_INVALID;
    if (*pan && !pan_validate(pan, strlen(pan), NULL))
        return R_PAN_INVALID;
    if (*u && !udyam_validate(k->ref, u, strlen(u), NULL))
        return R_UDYAM_INVALID;
    if (!one_of(F(k, r, "facility_type"), types) || !one_of(F(k, r, "scheme"), schemes))
        return R_BAD_ENUM;
    if (!date_ok(F(k, r, "sanctioned_on"), &d) || !month_ok(F(k, r, "month"), &m))
        return R_BAD_DATE;
    if (!amount_ok(F(k, r, "sanctioned_rs"), &a) || !amount_ok(F(k, r, "outstanding_rs"), &a))
        return R_BAD_AMOUNT;
    if (!digits(dpd, 1, 5))
        return R_BAD_NUMBER;
    if (strcmp(F(k, r, "asset_class"), asset_class(atol(dpd))) != 0)
        return R_BAD_ENUM;
    if ((*u && !set_has(&k->on_file, hash(u, strlen(u))))
        || (*pan && !set_has(&k->pans, hash(pan, strlen(pan)))))
        return R_UNKNOWN_REFERENCE;
    return R_NONE;
}

/* --- skilling ------------------------------------------------------------ */

static enum reason check_skilling(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"record_id", "programme", "trainee_name", "gender",
                                      "state_code", "district", "course", "started_on", NULL};
    static const char *const progs[] = {"esdp", "pmegp_edp", "pm_vishwakarma", "ati", NULL};
    const char *cat = F(k, r, "social_category"), *cert = F(k, r, "certified"),
               *by = F(k, r, "birth_year"), *mob = F(k, r, "mobile_last4"),
               *u = F(k, r, "udyam_number"), *done = F(k, r, "completed_on");
    int32_t start, end;
    enum reason why;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!one_of(F(k, r, "programme"), progs) || !one_of(F(k, r, "gender"), genders)
        || (*cat && !one_of(cat, categories)) || (*cert && !one_of(cert, yn)))
        return R_BAD_ENUM;
    if ((*by && !digits(by, 4, 4)) || (*mob && !digits(mob, 4, 4)))
        return R_BAD_NUMBER;
    if (*u && !udyam_validate(k->ref, u, strlen(u), NULL))
        return R_UDYAM_INVALID;
    if ((why = place_reason(k, F(k, r, "state_code"), F(k, r, "district"))))
        return why;
    if (!date_ok(F(k, r, "started_on"), &start) || (*done && !date_ok(done, &end)))
        return R_BAD_DATE;
    if (start > k->as_of || (*done && (end < start || end > k->as_of)))
        return R_DATE_ORDER;
    if (*u && !set_has(&k->on_file, hash(u, strlen(u))))
        return R_UNKNOWN_REFERENCE;
    return R_NONE;
}

/* --- clusters ------------------------------------------------------------ */

static enum reason check_cluster(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"cluster_id", "name", "scheme", "state_code", "district",
                                      "product", "nic_code", "traditional", "status", NULL};
    static const char *const schemes[] = {"mse_cdp", "sfurti", "other", NULL};
    static const char *const status[] = {"proposed", "approved", "functional", "closed", NULL};
    const char *ap = F(k, r, "approved_on"), *cost = F(k, r, "project_cost_rs"),
               *grant = F(k, r, "grant_rs"), *cap = F(k, r, "cfc_capacity_hours");
    int32_t d;
    int64_t a;
    enum reason why;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!one_of(F(k, r, "scheme"), schemes) || !one_of(F(k, r, "status"), status)
        || !one_of(F(k, r, "traditional"), yn))
        return R_BAD_ENUM;
    if ((why = place_reason(k, F(k, r, "state_code"), F(k, r, "district"))))
        return why;
    if ((why = nic_reason(k, F(k, r, "nic_code"), "manufacturing")))
        return why;
    if (*ap && !date_ok(ap, &d))
        return R_BAD_DATE;
    if ((*cost && !amount_ok(cost, &a)) || (*grant && !amount_ok(grant, &a)))
        return R_BAD_AMOUNT;
    if (*cap && !digits(cap, 1, 6))
        return R_BAD_NUMBER;
    return R_NONE;
}

static enum reason check_member(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"cluster_id", "udyam_number", "role", NULL};
    static const char *const roles[] = {"member", "anchor", "spv_member", NULL};
    const char *c = F(k, r, "cluster_id"), *u = F(k, r, "udyam_number"), *j = F(k, r, "joined_on");
    int32_t d;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!udyam_validate(k->ref, u, strlen(u), NULL))
        return R_UDYAM_INVALID;
    if (!one_of(F(k, r, "role"), roles))
        return R_BAD_ENUM;
    if (*j && !date_ok(j, &d))
        return R_BAD_DATE;
    if (*j && d > k->as_of)
        return R_DATE_ORDER;
    if (!set_has(&k->clusters, hash(c, strlen(c))) || !set_has(&k->on_file, hash(u, strlen(u))))
        return R_UNKNOWN_REFERENCE;
    return R_NONE;
}

static enum reason check_cfc(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"cluster_id", "month", "hours_used", "user_units", NULL};
    const char *c = F(k, r, "cluster_id"), *rev = F(k, r, "revenue_rs");
    int m;
    int64_t a;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!month_ok(F(k, r, "month"), &m))
        return R_BAD_DATE;
    if (!digits(F(k, r, "hours_used"), 1, 6) || !digits(F(k, r, "user_units"), 1, 9))
        return R_BAD_NUMBER;
    if (*rev && !amount_ok(rev, &a))
        return R_BAD_AMOUNT;
    if (!set_has(&k->clusters, hash(c, strlen(c))))
        return R_UNKNOWN_REFERENCE;
    return R_NONE;
}

/* --- beneficiary --------------------------------------------------------- */

static enum reason check_beneficiary(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"scheme", "list_ref", "beneficiary_name", NULL};
    static const char *const schemes[] = {"pmegp", "pmmy", "cgtmse", "standup_india", "zed",
                                          "pm_vishwakarma", "esdp", NULL};
    static const char *const purposes[] = {"", "new_unit", "machinery", "working_capital", "export",
                                           "certification", "skilling", "marketing", "technology",
                                           "infrastructure", NULL};
    const char *pan = F(k, r, "pan"), *u = F(k, r, "udyam_number"), *s = F(k, r, "sanctioned_on"),
               *d = F(k, r, "disbursed_on"), *amt = F(k, r, "amount_rs"), *st = F(k, r, "state_code");
    int32_t sd = 0, dd = 0;
    int64_t a;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!one_of(F(k, r, "scheme"), schemes) || !one_of(F(k, r, "purpose"), purposes))
        return R_BAD_ENUM;
    if (*pan && !pan_validate(pan, strlen(pan), NULL))
        return R_PAN_INVALID;
    if (*u && !udyam_validate(k->ref, u, strlen(u), NULL))
        return R_UDYAM_INVALID;
    if (*st && place_reason(k, st, NULL))
        return R_UNKNOWN_STATE;
    if ((*s && !date_ok(s, &sd)) || (*d && !date_ok(d, &dd)))
        return R_BAD_DATE;
    if ((*s && *d && sd > dd) || dd > k->as_of)
        return R_DATE_ORDER;
    if (*amt && !amount_ok(amt, &a))
        return R_BAD_AMOUNT;
    if (*u && !set_has(&k->on_file, hash(u, strlen(u))))
        return R_UNKNOWN_REFERENCE;
    return R_NONE;
}

/* --- energy --------------------------------------------------------------- */

/* "2024-25": four digits, a hyphen, the next year's last two. */
static bool fy_ok(const char *s)
{
    if (strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4
        || strspn(s + 5, "0123456789") != 2)
        return false;
    return (atoi(s) + 1) % 100 == atoi(s + 5);
}

/* Digits with at most three decimals. */
static bool quantity_ok(const char *s)
{
    const char *dot = strchr(s, '.');
    size_t n = strlen(s), whole = dot ? (size_t)(dot - s) : n;

    if (whole == 0 || strspn(s, "0123456789") != whole)
        return false;
    return !dot || (n - whole - 1 >= 1 && n - whole - 1 <= 3
                    && strspn(dot + 1, "0123456789") == n - whole - 1);
}

static enum reason check_energy(struct checker *k, const struct csv_record *r)
{
    static const char *const req[] = {"udyam_number", "fiscal_year", "source", "quantity", "unit",
                                      NULL};
    static const char *const sources[] = {"electricity", "diesel", "lpg", "natural_gas", "coal"};
    static const char *const units[] = {"kWh", "kg", "GJ", "GJ", "GJ"};
    const char *u = F(k, r, "udyam_number"), *src = F(k, r, "source");
    int which = -1;

    if (!required(k, r, req))
        return R_MISSING_FIELD;
    if (!fy_ok(F(k, r, "fiscal_year")))
        return R_BAD_DATE;
    for (int i = 0; i < 5; i++)
        if (strcmp(src, sources[i]) == 0)
            which = i;
    if (which < 0 || strcmp(F(k, r, "unit"), units[which]) != 0)
        return R_BAD_ENUM;
    if (!quantity_ok(F(k, r, "quantity")))
        return R_BAD_NUMBER;
    if (!set_has(&k->on_file, hash(u, strlen(u))))
        return R_UNKNOWN_REFERENCE;
    return R_NONE;
}

/* --- running a feed --------------------------------------------------------- */

struct feed {
    enum gen_out out;
    enum reason (*check)(struct checker *, const struct csv_record *);
    const char *key[3];          /* key columns (conflicting_duplicate) */
};

static const struct feed feeds[] = {
    {OUT_UDYAM, check_udyam, {"udyam_number"}},
    {OUT_GST, check_gst, {"gstin", "return_type", "period"}},
    {OUT_CREDIT, check_credit, {"facility_id", "month"}},
    {OUT_SKILLING, check_skilling, {"record_id"}},
    {OUT_CLUSTER, check_cluster, {"cluster_id"}},
    {OUT_CLUSTER_MEMBER, check_member, {"cluster_id", "udyam_number"}},
    {OUT_CFC_USAGE, check_cfc, {"cluster_id", "month"}},
    {OUT_BENEFICIARY, check_beneficiary, {"scheme", "list_ref"}},
    {OUT_ENERGY, check_energy, {"udyam_number", "fiscal_year", "source"}},
};

static uint64_t key_hash(const struct checker *k, const struct feed *f, const struct csv_record *r)
{
    char key[256];
    size_t n = 0;

    for (int i = 0; i < 3 && f->key[i]; i++)
        n += (size_t)snprintf(key + n, sizeof key - n, "%s|", F(k, r, f->key[i]));
    return hash(key, n < sizeof key ? n : sizeof key - 1);
}

/* truth/injected_errors.csv lines of one file: reason per physical line. */
static enum reason *expected_reasons(const struct gen_run_dir *d, const char *file, size_t lines)
{
    size_t len = 0;
    char *data = fixture_read(d, "truth/injected_errors.csv", &len);
    enum reason *want = calloc(lines + 2, sizeof *want);
    struct csv_reader *rd = csv_reader_new_mem(data, len, NULL);
    struct csv_record rec;
    struct err e;
    bool header = true;

    while (csv_next(rd, &rec, &e) == CSV_RECORD) {
        if (header) {
            header = false;
            continue;
        }
        if (strcmp(rec.field[0], file) == 0) {
            size_t line = (size_t)atoll(rec.field[1]);
            assert_true(line >= 2 && line <= lines + 1);
            want[line] = reason_from_code(rec.field[2]);
        }
    }
    csv_reader_free(rd);
    free(data);
    return want;
}

static enum reason classify_row(struct checker *k, const struct feed *f, enum csv_status st,
                                const struct csv_record *r, struct set *lines)
{
    enum reason why;

    if (st == CSV_BAD)
        return R_CSV_QUOTING;
    if (r->nfields != k->n_names)
        return R_FIELD_COUNT;
    if (!set_add(lines, hash(r->raw, r->raw_len)))
        return R_DUPLICATE_ROW;
    why = f->check(k, r);
    if (why == R_NONE && !set_add(&k->keys, key_hash(k, f, r)))
        return R_CONFLICTING_DUPLICATE;
    return why;
}

static void loaded(struct checker *k, const struct feed *f, const struct csv_record *r)
{
    if (f->out == OUT_UDYAM)
        loaded_udyam(k, r);
    else if (f->out == OUT_CLUSTER)
        set_add(&k->clusters, hash(F(k, r, "cluster_id"), strlen(F(k, r, "cluster_id"))));
}

static void take_header(struct checker *k, const struct csv_record *r)
{
    k->names = calloc(r->nfields, sizeof *k->names);
    for (size_t i = 0; i < r->nfields; i++)
        k->names[i] = strdup(r->field[i]);
    k->n_names = r->nfields;
}

static void drop_header(struct checker *k)
{
    for (size_t i = 0; i < k->n_names; i++)
        free(k->names[i]);
    free(k->names);
    k->names = NULL;
    k->n_names = 0;
}

/* Check one feed; compare per-reason counts with the manifest and every
 * failing line with the truth file. */
static void run_feed(struct checker *k, const struct gen_run_dir *d, json_t *m, const struct feed *f)
{
    const char *file = gen_out_path(f->out), *name = gen_out_name(f->out);
    long long rows = fixture_count(m, "rows", name), count[R_COUNT] = {0};
    enum reason *want = expected_reasons(d, file, (size_t)rows);
    size_t len = 0;
    char *data = fixture_read(d, file, &len);
    struct csv_reader *rd = csv_reader_new_mem(data, len, NULL);
    struct set lines = {0};
    struct csv_record rec;
    enum csv_status st;
    struct err e;
    json_t *injected = json_object_get(json_object_get(m, "injected_errors"), name);

    assert_int_equal(csv_next(rd, &rec, &e), CSV_RECORD);
    take_header(k, &rec);
    csv_reader_expect_fields(rd, k->n_names);
    while ((st = csv_next(rd, &rec, &e)) == CSV_RECORD || st == CSV_BAD) {
        enum reason why = classify_row(k, f, st, &rec, &lines);
        if (why != want[rec.line])
            fail_msg("%s:%llu: found %s, truth says %s", file, (unsigned long long)rec.line,
                     reason_code(why), reason_code(want[rec.line]));
        count[why]++;
        if (why == R_NONE)
            loaded(k, f, &rec);
    }
    assert_int_equal(st, CSV_END);
    for (int r = 1; r < R_COUNT; r++) {
        json_t *v = json_object_get(injected, reason_code((enum reason)r));
        if (count[r] != (v ? json_integer_value(v) : 0))
            fail_msg("%s: %lld rows fail with %s, manifest says %lld", file, count[r],
                     reason_code((enum reason)r), v ? (long long)json_integer_value(v) : 0LL);
    }
    assert_true(count[R_NONE] > 0);
    drop_header(k);
    set_free(&k->keys);
    set_free(&lines);
    csv_reader_free(rd);
    free(data);
    free(want);
}

static void check_all_feeds(uint64_t n, uint64_t seed, const char *as_of)
{
    struct gen_run_dir d = {0};
    struct checker k = {0};
    struct refdata *ref;
    struct err e;
    json_t *m;

    assert_int_equal(refdata_load(&ref, &e), 0);
    assert_int_equal(fixture_generate_on(ref, &d, n, seed, 2, 0, as_of), 0);
    m = fixture_manifest(&d);
    assert_non_null(m);
    k.ref = ref;
    k.as_of = fixture_date(as_of);
    k.udyam_start = fixture_date("2020-07-01");
    for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++)
        run_feed(&k, &d, m, &feeds[i]);
    set_free(&k.on_file);
    set_free(&k.pans);
    set_free(&k.clusters);
    json_decref(m);
    fixture_rm(&d);
    refdata_free(ref);
}

static void test_feeds_seed_1(void **state)
{
    (void)state;
    check_all_feeds(12000, 1, "2026-09-30");
}

static void test_feeds_seed_2(void **state)
{
    (void)state;
    check_all_feeds(6000, 2, "2026-09-30");
}

/* An early, mid-month as_of: the window starts before Udyam existed, the
 * last month has not ended, and the newest schemes have not launched. */
static void test_feeds_early_as_of(void **state)
{
    (void)state;
    check_all_feeds(6000, 3, "2021-08-17");
}

/* The fictional districts used for unknown_district exist nowhere. */
static void test_fault_districts_are_fictional(void **state)
{
    static const char *const places[] = {"MALGUDI", "GOTHAM", "ATLANTIS", "LILLIPUT", "SHANGRILA",
                                         "ELDORADO", "NARNIA", "ARKHAM"};
    struct refdata *ref;
    struct err e;

    (void)state;
    assert_int_equal(refdata_load(&ref, &e), 0);
    for (size_t p = 0; p < sizeof places / sizeof places[0]; p++)
        for (size_t s = 0; s < ref->n_states; s++)
            assert_null(refdata_district(ref, ref->states[s].gst_code, places[p]));
    refdata_free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feeds_seed_1),
        cmocka_unit_test(test_feeds_seed_2),
        cmocka_unit_test(test_feeds_early_as_of),
        cmocka_unit_test(test_fault_districts_are_fictional),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
