/* common_form.h: one form for several schemes.
 *
 * The chosen schemes' extra application fields and documents, merged from
 * the shared vocabularies (vocab.h) so that each is asked once, each with
 * the schemes that need it, in the order the schemes first ask for them.
 * The web layer renders it and pre-fills what the profile already holds. */
#ifndef SAMANVAY_COMMON_FORM_H
#define SAMANVAY_COMMON_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "rules/scheme.h"
#include "rules/vocab.h"

#define COMMON_FORM_MAX_SCHEMES 64     /* one bit each in common_item.schemes */
#define COMMON_FORM_MAX_ITEMS 128

struct common_item {
    const struct vocab_entry *entry;
    uint64_t schemes;                  /* bit i: schemes[i] asks for it */
};

struct common_form {
    struct common_item fields[COMMON_FORM_MAX_ITEMS];
    struct common_item documents[COMMON_FORM_MAX_ITEMS];
    size_t n_fields, n_documents;
    size_t asked_separately;           /* fields + documents over all schemes, counted apart */
};

/* Merge schemes[0..n). Fails (form unchanged) on more than
 * COMMON_FORM_MAX_SCHEMES schemes, or an id missing from the vocabularies
 * (the catalogue loader already refuses those). */
int common_form_build(const struct vocabularies *v, const struct scheme *const *schemes, size_t n,
                      struct common_form *out, struct err *e);

#endif
