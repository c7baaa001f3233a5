/* consent.h: consent to use a data source for a purpose, in the manner of
 * the Account Aggregator consent artefact under India's DEPA
 * (docs/consent.md).
 *
 * An enterprise (the data principal) grants Samanvay (the data consumer)
 * the use of one source (≈ an AA "FI type": GST returns, credit reporting,
 * skilling records, EPFO returns, energy declarations) for one purpose
 * (eligibility and pre-fill, an officer's view, statistics) over a period
 * of days. An artefact is never changed: a revocation is a row of its own.
 * Where an enterprise has no artefact for a (source, purpose), the policy
 * (data/consent_policy.csv) decides: deemed granted, or denied (opt-in).
 *
 * This file is the model only, no I/O: the names, the policy table and
 * its parser (fuzzed: fuzz/fuzz_consent_policy.c), and an artefact's
 * status on a day. The store applies the rule in SQL (store_consent.h). */
#ifndef SAMANVAY_CONSENT_H
#define SAMANVAY_CONSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum consent_source {
    CONSENT_GST = 0,
    CONSENT_CREDIT,
    CONSENT_SKILLING,
    CONSENT_EPFO,
    CONSENT_ENERGY,
    CONSENT_SOURCES
};

enum consent_purpose {
    CONSENT_ELIGIBILITY = 0,  /* the enterprise's own profile, pre-fill, eligibility, calendar */
    CONSENT_OFFICER_VIEW,     /* an official reads or scores this one enterprise */
    CONSENT_STATISTICS,       /* aggregates only, small cells withheld */
    CONSENT_PURPOSES
};

enum consent_status {
    CONSENT_ACTIVE = 0,   /* in its period, not revoked */
    CONSENT_PENDING,      /* not revoked, its period not yet begun */
    CONSENT_EXPIRED,      /* not revoked, its period over */
    CONSENT_REVOKED,
};

#define CONSENT_ID_LEN 20       /* "CA-" + 16 hex digits + NUL */
#define CONSENT_CONSUMER "samanvay"
/* The longest period one artefact may run: five years, so no grant is
 * open-ended (AA artefacts carry an expiry too). */
#define CONSENT_MAX_DAYS 1827

const char *consent_source_name(enum consent_source s);      /* "gst" */
const char *consent_purpose_name(enum consent_purpose p);    /* "officer_view" */
const char *consent_status_name(enum consent_status st);     /* "ACTIVE" */
/* By exact name; -1 when unknown. */
int consent_source_parse(const char *name, enum consent_source *out);
int consent_purpose_parse(const char *name, enum consent_purpose *out);

/* The status on `today` (day numbers, core/date.h). */
enum consent_status consent_status_on(int32_t valid_from, int32_t valid_to, bool revoked,
                                      int32_t today);

/* A period's checks: from <= to, at most CONSENT_MAX_DAYS long. */
int consent_period_check(int32_t valid_from, int32_t valid_to, struct err *e);

/* The default for every (source, purpose) without an artefact. Every cell
 * must be named once, with its basis; immutable once parsed. */
struct consent_policy {
    bool granted[CONSENT_SOURCES][CONSENT_PURPOSES];
};

/* Parse the policy CSV: header source,purpose,default,basis; default is
 * granted|denied; basis is non-empty. */
int consent_policy_parse(const char *text, size_t len, const char *name,
                         struct consent_policy *out, struct err *e);
/* data/consent_policy.csv as built into the binary. */
int consent_policy_load(struct consent_policy *out, struct err *e);
/* Every cell denied: the opt-in mode, where only an artefact grants. */
void consent_policy_opt_in(struct consent_policy *out);

#endif
