/* link_pass.h: the record-linkage pass that follows a feed's load: rows
 * that named no enterprise by an identifier on file are linked by the
 * record linker (src/link/) against every enterprise on file, with the
 * configuration built into the binary (data/link/<feed>.yaml). Each link
 * is stored with its weight, probability and explanation; a row the
 * linker cannot place is marked "none" and tried again by the next pass. */
#ifndef SAMANVAY_LINK_PASS_H
#define SAMANVAY_LINK_PASS_H

#include <stdint.h>

#include "core/err.h"
#include "ingest/feed.h"
#include "store/store.h"

/* Every beneficiary row not linked yet (of any file: an interrupted pass
 * is finished by the next): first by an identifier that has come on file
 * since, then by the linker, which tries each row with the person's and
 * the firm's names as written and swapped. r->linked counts file_id's
 * rows that are linked after the pass. */
int link_pass_beneficiary(struct store *s, int64_t file_id, const struct feed_finish_opts *o,
                          struct feed_finish_result *r, struct err *e);

/* Every training record not attached to an enterprise, by the trainee's
 * name, gender, category, state and district against each enterprise's
 * owner. r->linked counts file_id's records attached after the pass. */
int link_pass_skilling(struct store *s, int64_t file_id, const struct feed_finish_opts *o,
                       struct feed_finish_result *r, struct err *e);

#endif
