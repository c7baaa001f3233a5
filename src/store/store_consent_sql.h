/* store_consent_sql.h: the consent rule written once, in SQL, for every
 * store query that reads a consent-bound source (for store_*.c only).
 *
 * ENT must be qualified ("g.enterprise_id", "gst_return.enterprise_id"):
 * a bare "enterprise_id" would name the subquery's own consent_artefact
 * column, and every enterprise would follow whichever artefact is newest.
 *
 * CONSENT_OK(ENT, SRC, P, DAY, DEF) is true when the enterprise ENT (a
 * column or a parameter) may have its source SRC (an SQL expression: a
 * literal such as "'gst'" or a parameter) used for purpose P on day DAY
 * (ISO text): the newest artefact for (ENT, SRC, P) decides, granted when
 * it is not revoked and DAY is within its period; without one, DEF, the
 * policy's default, decides. A revocation therefore always wins over the
 * grant it revokes, and a re-grant (a newer artefact) wins over an older
 * revocation. P, DAY and DEF are bound by store_consent_bind.
 *
 * The probe is one seek of consent_artefact_key per enterprise row; with
 * no artefacts at all it costs one empty index lookup. */
#ifndef SAMANVAY_STORE_CONSENT_SQL_H
#define SAMANVAY_STORE_CONSENT_SQL_H

#include "core/consent.h"
#include "store/db.h"
#include "store/store.h"

#define CONSENT_OK(ENT, SRC, P, DAY, DEF)                                                     \
    "(COALESCE((SELECT CASE WHEN ca.valid_from <= " DAY " AND ca.valid_to >= " DAY            \
    " AND NOT EXISTS (SELECT 1 FROM consent_revocation cr WHERE cr.artefact_id = ca.id)"      \
    " THEN 1 ELSE 0 END FROM consent_artefact ca WHERE ca.enterprise_id = " ENT " AND ca.source = " SRC         \
    " AND ca.purpose = " P " ORDER BY ca.id DESC LIMIT 1), " DEF ") = 1)"

/* Bind the purpose at $idx, the store's consent day at $idx+1 and the
 * policy's default for (src, p) at $idx+2. */
int store_consent_bind(struct store *s, struct db_stmt *st, int idx, enum consent_source src,
                       enum consent_purpose p);

#endif
