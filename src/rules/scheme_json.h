/* scheme_json.h: a scheme as JSON, the same for the command line and the
 * API, so `samanvay schemes list --json` and GET /api/v1/schemes can never
 * drift apart (DESIGN.md §5: id, name, name_hi, objectives, valid_from,
 * valid_to, sources as URL strings, sources_read). */
#ifndef SAMANVAY_SCHEME_JSON_H
#define SAMANVAY_SCHEME_JSON_H

#include <jansson.h>

#include "core/buf.h"
#include "rules/scheme.h"
#include "rules/vocab.h"

/* The catalogue entry: identity, texts in both languages, ministry and
 * agency, level and state, objectives, target groups, dates, sources,
 * benefit kind, SLA, document and field ids. */
json_t *scheme_summary_json(const struct scheme *s);

/* The summary plus everything a reader needs before applying: criteria
 * (id, the rule as written, pass/fail texts in both languages, source),
 * the benefit's texts, declarations, document names and field labels
 * from the vocabularies (document_details, field_details) and the number
 * of embedded tests. */
json_t *scheme_detail_json(const struct vocabularies *v, const struct scheme *s);

/* A rule text as written: literal parts as they are, expressions as
 * {expression}. */
int scheme_text_source(struct buf *out, const struct text *t);

#endif
