/* store_consent.c: consent artefacts, revocations and the rule's checks
 * (store_consent.h, store_consent_sql.h). */
#include "store/store_consent.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_consent_sql.h"
#include "store/store_list.h"

int store_consent_bind(struct store *s, struct db_stmt *st, int idx, enum consent_source src,
                       enum consent_purpose p)
{
    const struct consent_policy *pol = store_consent_policy(s);
    char day[DATE_STR_LEN];

    date_format(store_consent_day(s), day);
    if (bind_str(st, idx, consent_purpose_name(p)) || bind_str(st, idx + 1, day)
        || db_bind_int64(st, idx + 2, pol->granted[src][p] ? 1 : 0))
        return -1;
    return 0;
}

int store_consent_allows(struct store *s, int64_t enterprise_id, enum consent_source src,
                         enum consent_purpose p, bool *allowed, struct err *e)
{
    static const char sql[] = "SELECT " CONSENT_OK("$1", "$5", "$2", "$3", "$4");
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *allowed = false;
    if (st == NULL)
        return -1;
    if (src < 0 || src >= CONSENT_SOURCES || p < 0 || p >= CONSENT_PURPOSES)
        return err_set(e, "no such consent source or purpose");
    if (db_bind_int64(st, 1, enterprise_id) || store_consent_bind(s, st, 2, src, p)
        || bind_str(st, 5, consent_source_name(src)))
        return err_set(e, "cannot bind a consent check");
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *allowed = db_column_int64(st, 0) == 1;
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

int store_consent_allows_here(struct store *s, int64_t enterprise_id, enum consent_source src,
                              bool *allowed, struct err *e)
{
    return store_consent_allows(s, enterprise_id, src, store_consent_purpose(s), allowed, e);
}

int store_consent_effective(struct store *s, int64_t enterprise_id,
                            struct consent_effective *out, struct err *e)
{
    static const char newest[] =
        "SELECT COUNT(*) FROM consent_artefact WHERE enterprise_id = $1 AND source = $2"
        " AND purpose = $3";

    memset(out, 0, sizeof *out);
    for (int src = 0; src < CONSENT_SOURCES; src++)
        for (int p = 0; p < CONSENT_PURPOSES; p++) {
            struct db_stmt *st = db_cached(store_db(s), newest, e);
            int rc;
            if (st == NULL)
                return -1;
            if (db_bind_int64(st, 1, enterprise_id)
                || bind_str(st, 2, consent_source_name((enum consent_source)src))
                || bind_str(st, 3, consent_purpose_name((enum consent_purpose)p)))
                return err_set(e, "cannot bind a consent check");
            rc = db_step(st, e);
            if (rc == DB_ROW)
                out->by_artefact[src][p] = db_column_int64(st, 0) > 0;
            db_reset(st);
            if (rc < 0
                || store_consent_allows(s, enterprise_id, (enum consent_source)src,
                                        (enum consent_purpose)p, &out->allowed[src][p], e) != 0)
                return -1;
        }
    return 0;
}

/* 'CA-' and 16 hex digits of 8 random bytes: unguessable, so an artefact's
 * id in a URL or form tells nothing about its neighbours. */
static void new_consent_id(char out[CONSENT_ID_LEN])
{
    unsigned char raw[8];

    randombytes_buf(raw, sizeof raw);
    memcpy(out, "CA-", 3);
    sodium_bin2hex(out + 3, CONSENT_ID_LEN - 3, raw, sizeof raw);
}

static bool origin_known(const char *origin)
{
    return origin != NULL
           && (strcmp(origin, "portal") == 0 || strcmp(origin, "api") == 0
               || strcmp(origin, "feed") == 0);
}

/* Where a feed's artefact came from; NULL for the portal's and the API's. */
struct feed_ref {
    int64_t file, row;
};

static int insert_artefact_from(struct store *s, int64_t enterprise_id, enum consent_source src,
                                enum consent_purpose p, int32_t valid_from, int32_t valid_to,
                                int64_t user_id, const char *origin, bool deemed,
                                const struct feed_ref *ref, struct consent_artefact *out,
                                struct err *e)
{
    static const char sql[] =
        "INSERT INTO consent_artefact(consent_id, enterprise_id, consumer, source, purpose,"
        " valid_from, valid_to, created_at, created_by, origin, basis, src_file, src_row)"
        " VALUES ($1, $2, '" CONSENT_CONSUMER "', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        " {{RETURNING_ID}}";
    struct consent_artefact a;
    struct db_stmt *st;
    bool inserted;

    if (src < 0 || src >= CONSENT_SOURCES || p < 0 || p >= CONSENT_PURPOSES)
        return err_set(e, "no such consent source or purpose");
    if (!origin_known(origin))
        return err_set(e, "unknown consent origin");
    if (consent_period_check(valid_from, valid_to, e) != 0)
        return -1;
    memset(&a, 0, sizeof a);
    new_consent_id(a.consent_id);
    a.enterprise_id = enterprise_id;
    snprintf(a.consumer, sizeof a.consumer, "%s", CONSENT_CONSUMER);
    a.source = src;
    a.purpose = p;
    a.valid_from = valid_from;
    a.valid_to = valid_to;
    snprintf(a.created_at, sizeof a.created_at, "%s", store_now(s));
    a.created_by = user_id;
    snprintf(a.origin, sizeof a.origin, "%s", origin);
    a.deemed = deemed;
    st = db_cached(store_db(s), sql, e);
    if (st == NULL)
        return -1;
    if (bind_str(st, 1, a.consent_id) || db_bind_int64(st, 2, enterprise_id)
        || bind_str(st, 3, consent_source_name(src)) || bind_str(st, 4, consent_purpose_name(p))
        || bind_day(st, 5, valid_from) || bind_day(st, 6, valid_to)
        || bind_str(st, 7, a.created_at) || bind_id(st, 8, user_id) || bind_str(st, 9, origin)
        || bind_str(st, 10, deemed ? "deemed" : "explicit")
        || (ref ? db_bind_int64(st, 11, ref->file) : db_bind_null(st, 11))
        || (ref ? db_bind_int64(st, 12, ref->row) : db_bind_null(st, 12)))
        return err_set(e, "cannot bind a consent artefact");
    if (db_insert(st, &a.id, &inserted, e) != 0)
        return -1;
    a.status = consent_status_on(valid_from, valid_to, false, store_consent_day(s));
    if (out != NULL)
        *out = a;
    return 0;
}

static int insert_artefact(struct store *s, int64_t enterprise_id, enum consent_source src,
                           enum consent_purpose p, int32_t valid_from, int32_t valid_to,
                           int64_t user_id, const char *origin, bool deemed,
                           struct consent_artefact *out, struct err *e)
{
    return insert_artefact_from(s, enterprise_id, src, p, valid_from, valid_to, user_id, origin,
                                deemed, NULL, out, e);
}

int store_consent_grant(struct store *s, int64_t enterprise_id, enum consent_source src,
                        enum consent_purpose p, int32_t valid_from, int32_t valid_to,
                        int64_t user_id, const char *origin, struct consent_artefact *out,
                        struct err *e)
{
    return insert_artefact(s, enterprise_id, src, p, valid_from, valid_to, user_id, origin, false,
                           out, e);
}

int store_consent_revoke(struct store *s, int64_t enterprise_id, const char *consent_id,
                         int64_t user_id, const char *origin, bool *found, bool *revoked,
                         struct err *e)
{
    static const char find[] =
        "SELECT id FROM consent_artefact WHERE consent_id = $1 AND enterprise_id = $2";
    static const char insert[] =
        "INSERT INTO consent_revocation(artefact_id, revoked_at, revoked_by, origin)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
    struct db_stmt *st = db_cached(store_db(s), find, e);
    int64_t id = 0;
    int rc;

    *found = *revoked = false;
    if (!origin_known(origin))
        return err_set(e, "unknown consent origin");
    if (st == NULL)
        return -1;
    if (bind_str(st, 1, consent_id) || db_bind_int64(st, 2, enterprise_id))
        return err_set(e, "cannot bind a consent id");
    rc = db_step(st, e);
    if (rc == DB_ROW)
        id = db_column_int64(st, 0);
    db_reset(st);
    if (rc < 0)
        return -1;
    if (id == 0)
        return 0;
    *found = true;
    st = db_cached(store_db(s), insert, e);
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, id) || bind_str(st, 2, store_now(s)) || bind_id(st, 3, user_id)
        || bind_str(st, 4, origin))
        return err_set(e, "cannot bind a revocation");
    if (db_step(st, e) < 0)
        return -1;
    *revoked = db_changes(store_db(s)) > 0;
    return 0;
}

#define ARTEFACT_SELECT                                                                     \
    "SELECT a.id, a.consent_id, a.enterprise_id, a.consumer, a.source, a.purpose,"        \
    " a.valid_from, a.valid_to, a.created_at, a.created_by, a.origin, r.revoked_at,"      \
    " r.revoked_by, a.basis FROM consent_artefact a"                                       \
    " LEFT JOIN consent_revocation r ON r.artefact_id = a.id"

static int read_artefact(struct db_stmt *st, void *row, struct err *e)
{
    struct consent_artefact *a = row;
    enum consent_source src;
    enum consent_purpose p;

    a->id = db_column_int64(st, 0);
    col_text(st, 1, a->consent_id, sizeof a->consent_id);
    a->enterprise_id = db_column_int64(st, 2);
    col_text(st, 3, a->consumer, sizeof a->consumer);
    if (consent_source_parse(db_column_text(st, 4), &src) != 0
        || consent_purpose_parse(db_column_text(st, 5), &p) != 0)
        return err_set(e, "consent artefact %lld: unknown source or purpose", (long long)a->id);
    a->source = src;
    a->purpose = p;
    a->valid_from = col_day(st, 6);
    a->valid_to = col_day(st, 7);
    col_text(st, 8, a->created_at, sizeof a->created_at);
    a->created_by = col_id(st, 9);
    col_text(st, 10, a->origin, sizeof a->origin);
    a->revoked = !db_column_is_null(st, 11);
    col_text(st, 11, a->revoked_at, sizeof a->revoked_at);
    a->revoked_by = col_id(st, 12);
    a->deemed = strcmp(db_column_text(st, 13), "deemed") == 0;
    return 0;
}

int store_consent_list(struct store *s, int64_t enterprise_id, struct consent_artefact **out,
                       size_t *n, struct err *e)
{
    static const char sql[] = ARTEFACT_SELECT " WHERE a.enterprise_id = $1 ORDER BY a.id DESC LIMIT $2";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    struct row_list l = ROW_LIST(struct consent_artefact, CONSENT_LIST_MAX);
    int32_t today = store_consent_day(s);

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || db_bind_int64(st, 2, CONSENT_LIST_MAX))
        return err_set(e, "cannot bind the enterprise id");
    if (row_list_fill(&l, st, read_artefact, e) != 0) {
        row_list_free(&l);
        return -1;
    }
    for (size_t i = 0; i < l.n; i++) {
        struct consent_artefact *a = row_list_at(&l, i);
        a->status = consent_status_on(a->valid_from, a->valid_to, a->revoked, today);
    }
    *out = l.items;
    *n = l.n;
    return 0;
}

int store_consent_version(struct store *s, int64_t *version, struct err *e)
{
    /* Each term only grows: rows are never deleted, and a period that has
     * begun or ended stays so as the day moves on. */
    static const char sql[] =
        "SELECT (SELECT COUNT(*) FROM consent_artefact)"
        " + (SELECT COUNT(*) FROM consent_revocation)"
        " + (SELECT COUNT(*) FROM consent_artefact WHERE valid_from <= $1)"
        " + (SELECT COUNT(*) FROM consent_artefact WHERE valid_to < $1)";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char day[DATE_STR_LEN];
    int rc;

    *version = 0;
    if (st == NULL)
        return -1;
    date_format(store_consent_day(s), day);
    if (bind_str(st, 1, day))
        return err_set(e, "cannot bind the consent day");
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *version = db_column_int64(st, 0);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

/* The newest artefact for (enterprise, source, purpose), as the rule reads it. */
static int newest_artefact(struct store *s, int64_t enterprise_id, enum consent_source src,
                           enum consent_purpose p, struct consent_artefact *a, bool *found,
                           struct err *e)
{
    static const char sql[] = ARTEFACT_SELECT
        " WHERE a.enterprise_id = $1 AND a.source = $2 AND a.purpose = $3"
        " ORDER BY a.id DESC LIMIT 1";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    int rc;

    *found = false;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, consent_source_name(src))
        || bind_str(st, 3, consent_purpose_name(p)))
        return err_set(e, "cannot bind a consent lookup");
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        memset(a, 0, sizeof *a);
        rc = read_artefact(st, a, e) == 0 ? DB_ROW : -1;
        *found = rc == DB_ROW;
    }
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static int withdraw_in_txn(struct store *s, int64_t enterprise_id, enum consent_source src,
                           enum consent_purpose p, int64_t user_id, const char *origin,
                           struct consent_artefact *a, struct err *e)
{
    bool found, revoked;
    int32_t today = store_consent_day(s);

    if (newest_artefact(s, enterprise_id, src, p, a, &found, e) != 0)
        return -1;
    /* Allowed with no artefact: the policy's deemed grant, written down. */
    if (!found
        && insert_artefact(s, enterprise_id, src, p, today, today + CONSENT_MAX_DAYS - 1,
                           user_id, origin, true, a, e) != 0)
        return -1;
    if (store_consent_revoke(s, enterprise_id, a->consent_id, user_id, origin, &found, &revoked,
                             e) != 0)
        return -1;
    if (!found || !revoked)
        return err_set(e, "consent %s could not be revoked", a->consent_id);
    a->revoked = true;
    snprintf(a->revoked_at, sizeof a->revoked_at, "%s", store_now(s));
    a->revoked_by = user_id;
    a->status = CONSENT_REVOKED;
    return 0;
}

int store_consent_withdraw(struct store *s, int64_t enterprise_id, enum consent_source src,
                           enum consent_purpose p, int64_t user_id, const char *origin,
                           bool *changed, struct consent_artefact *out, struct err *e)
{
    struct consent_artefact a;
    bool allowed, own_txn = !db_in_transaction(store_db(s));

    *changed = false;
    if (own_txn && db_begin(store_db(s), e) != 0)
        return -1;
    if (store_consent_allows(s, enterprise_id, src, p, &allowed, e) != 0)
        goto fail;
    if (allowed) {
        if (withdraw_in_txn(s, enterprise_id, src, p, user_id, origin, &a, e) != 0)
            goto fail;
        *changed = true;
        if (out != NULL)
            *out = a;
    }
    if (own_txn && db_commit(store_db(s), e) != 0)
        goto fail;
    return 0;
fail:
    if (own_txn)
        db_rollback(store_db(s));
    *changed = false;
    return -1;
}

int store_consent_feed_put(struct store *s, int64_t enterprise_id, const struct consent_feed_row *r,
                           bool *inserted, struct err *e)
{
    static const char seen[] =
        "SELECT COUNT(*) FROM consent_artefact WHERE src_file = $1 AND src_row = $2";
    static const char revoke[] =
        "INSERT INTO consent_revocation(artefact_id, revoked_at, revoked_by, origin)"
        " VALUES ($1, $2, NULL, 'feed')";
    struct feed_ref ref = {r->src_file, r->src_row};
    struct consent_artefact a;
    struct db_stmt *st = db_cached(store_db(s), seen, e);
    char at[DATE_STR_LEN + 10];
    bool loaded;
    int rc;

    *inserted = false;
    if (st == NULL)
        return -1;
    if (db_bind_int64(st, 1, r->src_file) || db_bind_int64(st, 2, r->src_row))
        return err_set(e, "cannot bind a feed row");
    rc = db_step(st, e);
    loaded = rc == DB_ROW && db_column_int64(st, 0) > 0;
    db_reset(st);
    if (rc < 0)
        return -1;
    if (loaded)
        return 0;   /* a reload or a resumed load: unchanged */
    if (insert_artefact_from(s, enterprise_id, r->source, r->purpose, r->valid_from, r->valid_to,
                             0, "feed", false, &ref, &a, e) != 0)
        return -1;
    *inserted = true;
    if (r->revoked_on == DATE_UNKNOWN)
        return 0;
    date_format(r->revoked_on, at);
    snprintf(at + strlen(at), sizeof at - strlen(at), "T00:00:00Z");
    if ((st = db_cached(store_db(s), revoke, e)) == NULL)
        return -1;
    if (db_bind_int64(st, 1, a.id) || bind_str(st, 2, at))
        return err_set(e, "cannot bind a revocation");
    return db_step(st, e) < 0 ? -1 : 0;
}
