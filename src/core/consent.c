/* consent.c: the consent model's names, statuses and policy table. */
#include "core/consent.h"

#include <string.h>

#include "core/csv.h"
#include "core/embedded.h"

#define POLICY_FILE "data/consent_policy.csv"

static const char *const source_names[CONSENT_SOURCES] = {"gst", "credit", "skilling", "epfo",
                                                          "energy"};
static const char *const purpose_names[CONSENT_PURPOSES] = {"eligibility", "officer_view",
                                                            "statistics"};

const char *consent_source_name(enum consent_source s)
{
    return s >= 0 && s < CONSENT_SOURCES ? source_names[s] : "?";
}

const char *consent_purpose_name(enum consent_purpose p)
{
    return p >= 0 && p < CONSENT_PURPOSES ? purpose_names[p] : "?";
}

const char *consent_status_name(enum consent_status st)
{
    switch (st) {
    case CONSENT_ACTIVE: return "ACTIVE";
    case CONSENT_PENDING: return "PENDING";
    case CONSENT_EXPIRED: return "EXPIRED";
    case CONSENT_REVOKED: return "REVOKED";
    }
    return "?";
}

int consent_source_parse(const char *name, enum consent_source *out)
{
    for (int i = 0; name != NULL && i < CONSENT_SOURCES; i++)
        if (strcmp(name, source_names[i]) == 0) {
            *out = (enum consent_source)i;
            return 0;
        }
    return -1;
}

int consent_purpose_parse(const char *name, enum consent_purpose *out)
{
    for (int i = 0; name != NULL && i < CONSENT_PURPOSES; i++)
        if (strcmp(name, purpose_names[i]) == 0) {
            *out = (enum consent_purpose)i;
            return 0;
        }
    return -1;
}

/* Revocation first: a revoked artefact stays revoked whatever its dates. */
enum consent_status consent_status_on(int32_t valid_from, int32_t valid_to, bool revoked,
                                      int32_t today)
{
    if (revoked)
        return CONSENT_REVOKED;
    if (today > valid_to)
        return CONSENT_EXPIRED;
    if (today < valid_from)
        return CONSENT_PENDING;
    return CONSENT_ACTIVE;
}

int consent_period_check(int32_t valid_from, int32_t valid_to, struct err *e)
{
    if (valid_to < valid_from)
        return err_set(e, "the period ends before it begins");
    if (valid_to - valid_from >= CONSENT_MAX_DAYS)
        return err_set(e, "a consent may run at most %d days", CONSENT_MAX_DAYS);
    return 0;
}

/* --- the policy table ---------------------------------------------------- */

struct policy_parse {
    struct consent_policy *p;
    bool named[CONSENT_SOURCES][CONSENT_PURPOSES];
};

static int policy_row(struct policy_parse *pp, const struct csv_record *rec, const char *name,
                      struct err *e)
{
    enum consent_source s;
    enum consent_purpose p;
    unsigned long long line = (unsigned long long)rec->line;

    if (rec->nfields != 4)
        return err_set(e, "%s line %llu: want 4 fields, found %zu", name, line, rec->nfields);
    if (consent_source_parse(rec->field[0], &s) != 0)
        return err_set(e, "%s line %llu: unknown source '%.40s'", name, line, rec->field[0]);
    if (consent_purpose_parse(rec->field[1], &p) != 0)
        return err_set(e, "%s line %llu: unknown purpose '%.40s'", name, line, rec->field[1]);
    if (pp->named[s][p])
        return err_set(e, "%s line %llu: %s for %s named twice", name, line, rec->field[0],
                       rec->field[1]);
    if (strcmp(rec->field[2], "granted") == 0)
        pp->p->granted[s][p] = true;
    else if (strcmp(rec->field[2], "denied") == 0)
        pp->p->granted[s][p] = false;
    else
        return err_set(e, "%s line %llu: default must be granted or denied", name, line);
    if (rec->len[3] == 0)
        return err_set(e, "%s line %llu: the basis is empty; every default needs one", name,
                       line);
    pp->named[s][p] = true;
    return 0;
}

static int policy_rows(struct policy_parse *pp, struct csv_reader *r, const char *name,
                       struct err *e)
{
    struct csv_record rec;
    enum csv_status st = csv_next(r, &rec, e);

    if (st != CSV_RECORD || rec.nfields != 4 || strcmp(rec.field[0], "source") != 0
        || strcmp(rec.field[1], "purpose") != 0 || strcmp(rec.field[2], "default") != 0
        || strcmp(rec.field[3], "basis") != 0)
        return err_set(e, "%s: the header must be source,purpose,default,basis", name);
    while ((st = csv_next(r, &rec, e)) == CSV_RECORD)
        if (policy_row(pp, &rec, name, e) != 0)
            return -1;
    if (st == CSV_BAD)
        return err_set(e, "%s line %llu: %s", name, (unsigned long long)rec.line, rec.error);
    if (st == CSV_IO_ERROR)
        return -1;
    for (int s = 0; s < CONSENT_SOURCES; s++)
        for (int p = 0; p < CONSENT_PURPOSES; p++)
            if (!pp->named[s][p])
                return err_set(e, "%s: no default for %s for %s", name, source_names[s],
                               purpose_names[p]);
    return 0;
}

int consent_policy_parse(const char *text, size_t len, const char *name,
                         struct consent_policy *out, struct err *e)
{
    struct consent_policy p;
    struct policy_parse pp;
    struct csv_reader *r = csv_reader_new_mem(text, len, NULL);
    int rc;

    if (r == NULL)
        return err_set(e, "%s: out of memory", name);
    memset(&p, 0, sizeof p);
    memset(&pp, 0, sizeof pp);
    pp.p = &p;
    rc = policy_rows(&pp, r, name, e);
    csv_reader_free(r);
    if (rc == 0)
        *out = p;   /* unchanged on failure */
    return rc;
}

int consent_policy_load(struct consent_policy *out, struct err *e)
{
    const struct embedded_file *f = embedded_find(POLICY_FILE);

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", POLICY_FILE);
    return consent_policy_parse(f->data, f->len, POLICY_FILE, out, e);
}

void consent_policy_opt_in(struct consent_policy *out)
{
    memset(out, 0, sizeof *out);
}
