/* store_privacy_export.c: one enterprise's rows, streamed as JSON
 * (store_privacy_export.h). Each section is one query with the enterprise
 * id as $1; the rows are written as they are stepped. The writer names no
 * column: it takes each row's shape from the statement, so adding a
 * column to a query is the only change a new field needs. */
#include "store/store_privacy_export.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"

#define FILE_NAME(t) " LEFT JOIN ingest_file f ON f.id = " t ".src_file"

static const struct section {
    const char *name;
    const char *sql;
} sections[] = {
    {"enterprise_row",
     "SELECT e.id, e.udyam, e.pan, e.name, e.owner_name, e.constitution, e.social_category,"
     " e.owner_gender, e.owner_disabled, e.commenced_on, e.registered_on, e.activity, e.nic,"
     " e.state, e.district, e.pincode, e.area, e.investment_paise, e.turnover_paise,"
     " e.exports_paise, e.employees_male, e.employees_female, e.employees_other, e.src_feed,"
     " f.name AS src_file_name, e.src_row, e.updated_at FROM enterprise e" FILE_NAME("e")
     " WHERE e.id = $1"},
    {"gstins",
     "SELECT gstin, state, src_feed FROM enterprise_gstin WHERE enterprise_id = $1 ORDER BY gstin"},
    {"gst_returns",
     "SELECT g.gstin, g.return_type, g.period, g.frequency, g.due_on, g.filed_on,"
     " g.taxable_value_paise, g.tax_paise, f.name AS src_file_name, g.src_row FROM gst_return g"
     FILE_NAME("g") " WHERE g.enterprise_id = $1 ORDER BY g.period, g.gstin, g.return_type"},
    {"credit_facilities",
     "SELECT c.facility_id, c.lender_ifsc, c.facility_type, c.scheme, c.sanctioned_on,"
     " c.sanctioned_paise, c.as_of_month, f.name AS src_file_name, c.src_row"
     " FROM credit_facility c" FILE_NAME("c") " WHERE c.enterprise_id = $1 ORDER BY c.facility_id"},
    {"credit_status",
     "SELECT s.facility_id, s.month, s.outstanding_paise, s.dpd, s.asset_class, s.borrower_pan,"
     " s.borrower_udyam, f.name AS src_file_name, s.src_row FROM credit_status s"
     " JOIN credit_facility c ON c.facility_id = s.facility_id" FILE_NAME("s")
     " WHERE c.enterprise_id = $1 ORDER BY s.facility_id, s.month"},
    {"skilling_records",
     "SELECT r.record_id, r.programme, r.trainee_name, r.gender, r.social_category, r.birth_year,"
     " r.mobile_last4, r.udyam_number, r.state, r.district, r.course, r.started_on,"
     " r.completed_on, r.certified, r.link_method, r.link_probability,"
     " f.name AS src_file_name, r.src_row FROM skilling_record r" FILE_NAME("r")
     " WHERE r.enterprise_id = $1 ORDER BY r.started_on, r.record_id"},
    {"epfo_returns",
     "SELECT r.establishment_code, r.wage_month, r.pan, r.gstin, r.members, r.wages_paise,"
     " f.name AS src_file_name, r.src_row FROM epfo_return r" FILE_NAME("r")
     " WHERE r.enterprise_id = $1 ORDER BY r.wage_month, r.establishment_code"},
    {"energy_declarations",
     "SELECT d.fiscal_year, d.source, d.quantity_milli, d.unit, d.origin, d.declared_at,"
     " f.name AS src_file_name, d.src_row FROM energy_declaration d" FILE_NAME("d")
     " WHERE d.enterprise_id = $1 ORDER BY d.fiscal_year, d.source, d.origin"},
    {"beneficiary_entries",
     "SELECT b.scheme, b.list_ref, b.beneficiary_name, b.enterprise_name, b.pan, b.udyam,"
     " b.mobile_last4, b.district, b.state, b.pincode, b.sanctioned_on, b.disbursed_on,"
     " b.amount_paise, b.purpose, b.link_method, b.link_probability,"
     " b.link_explanation AS link_explanation_json, f.name AS src_file_name, b.src_row"
     " FROM beneficiary b" FILE_NAME("b") " WHERE b.enterprise_id = $1 ORDER BY b.scheme, b.list_ref"},
    {"cluster_memberships",
     "SELECT m.cluster_id, c.name AS cluster_name, m.udyam, m.joined_on, m.role,"
     " f.name AS src_file_name, m.src_row FROM cluster_member m"
     " JOIN cluster c ON c.cluster_id = m.cluster_id" FILE_NAME("m")
     " WHERE m.enterprise_id = $1 ORDER BY m.cluster_id"},
    {"profile_facts",
     "SELECT p.id, p.path, p.value AS value_json, p.source, p.replaced AS replaced_json,"
     " p.replaced_source, u.username AS given_by, p.at, p.note FROM profile_fact p"
     " LEFT JOIN app_user u ON u.id = p.user_id WHERE p.enterprise_id = $1 ORDER BY p.id"},
    {"bundles",
     "SELECT b.id, u.username AS made_by, b.answers AS answers_json, b.created_at FROM bundle b"
     " LEFT JOIN app_user u ON u.id = b.user_id WHERE b.enterprise_id = $1 ORDER BY b.id"},
    {"applications",
     "SELECT id, bundle_id, scheme_id, state, gst_state, district, sla_days, eligibility,"
     " benefit_paise, created_on, updated_at FROM application WHERE enterprise_id = $1 ORDER BY id"},
    {"application_events",
     "SELECT ev.id, ev.application_id, ev.action, ev.from_state, ev.to_state, ev.reason,"
     " u.username AS by_user, ev.role, ev.on_date, ev.at FROM application_event ev"
     " JOIN application a ON a.id = ev.application_id LEFT JOIN app_user u ON u.id = ev.user_id"
     " WHERE a.enterprise_id = $1 ORDER BY ev.application_id, ev.id"},
    {"grievances",
     "SELECT id, subject, application_id, scheme_id, payment_claim_id, category, body, state,"
     " level, level_since, rating, filed_on, updated_at FROM grievance WHERE enterprise_id = $1"
     " ORDER BY id"},
    {"grievance_events",
     "SELECT ev.id, ev.grievance_id, ev.action, ev.level, ev.body, u.username AS by_user, ev.role,"
     " ev.on_date, ev.at FROM grievance_event ev JOIN grievance g ON g.id = ev.grievance_id"
     " LEFT JOIN app_user u ON u.id = ev.user_id WHERE g.enterprise_id = $1"
     " ORDER BY ev.grievance_id, ev.id"},
    {"payment_claims",
     "SELECT id, buyer, buyer_pan, buyer_gstin, buyer_state, invoice_no, invoice_date,"
     " amount_paise, accepted_on, agreed_days, state, filed_on FROM payment_claim"
     " WHERE enterprise_id = $1 ORDER BY id"},
    {"payment_claim_receipts",
     "SELECT r.id, r.claim_id, r.received_on, r.amount_paise FROM payment_claim_receipt r"
     " JOIN payment_claim c ON c.id = r.claim_id WHERE c.enterprise_id = $1"
     " ORDER BY r.claim_id, r.received_on, r.id"},
    {"notifications",
     "SELECT id, kind, application_id, grievance_id, scheme_id, detail, at, read_at"
     " FROM notification WHERE enterprise_id = $1 ORDER BY id"},
    {"accounts",
     "SELECT id, username, role, disabled, created_at FROM app_user WHERE enterprise_id = $1"
     " ORDER BY id"},
    {"account_claims",
     "SELECT c.id, u.username, c.state, c.reason, c.at FROM enterprise_claim c"
     " JOIN app_user u ON u.id = c.user_id WHERE c.enterprise_id = $1 ORDER BY c.id"},
    {"calendar_subscriptions",
     "SELECT id, lang, created_at, revoked_at, last_fetched_at FROM calendar_feed"
     " WHERE enterprise_id = $1 ORDER BY id"},
    {"calendar_reminders",
     "SELECT obligation, period, due_on, reminded_on FROM calendar_reminder"
     " WHERE enterprise_id = $1 ORDER BY due_on, obligation, period"},
    {"correction_requests",
     "SELECT c.id, c.path, c.value, c.current_value, c.reason, c.state, c.created_at,"
     " u.username AS decided_by, c.decision_reason, c.decided_at, c.fact_id"
     " FROM correction_request c LEFT JOIN app_user u ON u.id = c.decided_by"
     " WHERE c.enterprise_id = $1 ORDER BY c.id"},
    {"stress_scores",
     "SELECT month, probability, reasons AS reasons_json, model_id FROM stress_score"
     " WHERE enterprise_id = $1 ORDER BY month"},
    {"officials_access",
     "SELECT id, at, username, role, action, route, reason, hash FROM audit_log"
     " WHERE enterprise_id = $1 AND role <> 'entrepreneur' ORDER BY id"},
    {"own_access",
     "SELECT id, at, username, action, route, hash FROM audit_log"
     " WHERE enterprise_id = $1 AND role = 'entrepreneur' ORDER BY id"},
};

#define N_SECTIONS (sizeof sections / sizeof sections[0])

const char *store_privacy_section(size_t i)
{
    return i < N_SECTIONS ? sections[i].name : NULL;
}

static int put(const struct export_sink *out, const char *p, size_t n, struct err *e)
{
    return out->write(out->ctx, p, n, e);
}

static int puts_(const struct export_sink *out, const char *s, struct err *e)
{
    return put(out, s, strlen(s), e);
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t len;
    uint32_t c;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        len = 2, c = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        len = 3, c = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        len = 4, c = p[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3F);
    }
    /* overlong forms, surrogates and beyond U+10FFFF are not text */
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF))
        || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    return len;
}

int export_put_string(const struct export_sink *out, const char *s, size_t n, struct err *e)
{
    const unsigned char *p = (const unsigned char *)s;
    char chunk[512];
    size_t k = 0;

    chunk[k++] = '"';
    for (size_t i = 0; i < n;) {
        size_t len = utf8_len(p + i, n - i);
        if (k + 8 > sizeof chunk) {
            if (put(out, chunk, k, e) != 0)
                return -1;
            k = 0;
        }
        if (len == 0) {
            memcpy(chunk + k, "\xEF\xBF\xBD", 3); /* U+FFFD for a byte that is not text */
            k += 3;
            i++;
        } else if (p[i] == '"' || p[i] == '\\') {
            chunk[k++] = '\\';
            chunk[k++] = (char)p[i++];
        } else if (p[i] < 0x20 || p[i] == 0x7F) {
            k += (size_t)snprintf(chunk + k, 7, "\\u%04x", p[i]);
            i++;
        } else {
            memcpy(chunk + k, p + i, len);
            k += len;
            i += len;
        }
    }
    chunk[k++] = '"';
    return put(out, chunk, k, e);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A stored JSON text as itself when it parses (answers, reasons, values),
 * else as a string, so a damaged row cannot break the document. */
static int put_json_text(const struct export_sink *out, const char *t, size_t n, struct err *e)
{
    json_error_t je;
    json_t *v = json_loadb(t, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
    int rc;

    if (v == NULL)
        return export_put_string(out, t, n, e);
    json_decref(v);
    rc = put(out, t, n, e);
    return rc;
}

static int put_value(const struct export_sink *out, struct db_stmt *st, int col, struct err *e)
{
    char num[40];
    double d;

    switch (db_column_kind(st, col)) {
    case DB_KIND_INT:
        snprintf(num, sizeof num, "%lld", (long long)db_column_int64(st, col));
        return puts_(out, num, e);
    case DB_KIND_FLOAT:
        d = db_column_double(st, col);
        if (!isfinite(d))
            return puts_(out, "null", e);
        snprintf(num, sizeof num, "%.17g", d);
        return puts_(out, num, e);
    case DB_KIND_TEXT: {
        const char *t = db_column_text(st, col);
        size_t n = db_column_bytes(st, col);
        return ends_with(db_column_name(st, col), "_json") ? put_json_text(out, t, n, e)
                                                             : export_put_string(out, t, n, e);
    }
    default:
        return puts_(out, "null", e); /* NULL; no exported column is a blob */
    }
}

static int put_row(const struct export_sink *out, struct db_stmt *st, bool first, struct err *e)
{
    int cols = db_column_count(st);

    if (puts_(out, first ? "\n  {" : ",\n  {", e) != 0)
        return -1;
    for (int c = 0; c < cols; c++) {
        const char *name = db_column_name(st, c);
        size_t n = strlen(name);
        if (ends_with(name, "_json"))
            n -= 5; /* the key is the field's name; the suffix only tells the writer */
        if ((c > 0 && puts_(out, ",", e) != 0) || export_put_string(out, name, n, e) != 0
            || puts_(out, ":", e) != 0 || put_value(out, st, c, e) != 0)
            return -1;
    }
    return puts_(out, "}", e);
}

static int put_section(struct store *s, const struct section *sec, int64_t id,
                       const struct export_sink *out, struct err *e)
{
    struct db_stmt *st = db_cached(store_db(s), sec->sql, e);
    bool first = true;
    int rc;

    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) != 0)
        return err_set(e, "export: cannot bind the enterprise");
    if (puts_(out, ",\n\"", e) != 0 || puts_(out, sec->name, e) != 0 || puts_(out, "\":[", e) != 0) {
        db_reset(st);
        return -1;
    }
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (put_row(out, st, first, e) != 0) {
            rc = -1;
            break;
        }
        first = false;
    }
    db_reset(st);
    if (rc < 0)
        return -1;
    return puts_(out, "]", e);
}

int store_privacy_export(struct store *s, int64_t enterprise_id, const struct export_sink *out,
                         struct err *e)
{
    for (size_t i = 0; i < N_SECTIONS; i++)
        if (put_section(s, &sections[i], enterprise_id, out, e) != 0)
            return -1;
    return 0;
}
