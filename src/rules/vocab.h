/* vocab.h: the shared vocabularies rule files draw on: document ids
 * (data/documents.csv), application-field ids (data/application_fields.csv)
 * and target groups. One vocabulary lets the common application ask for
 * each document and field once, whichever schemes it covers. */
#ifndef SAMANVAY_VOCAB_H
#define SAMANVAY_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

struct vocab_entry {
    const char *id;
    const char *name, *name_hi;     /* label for fields */
    const char *type;               /* fields only: text number date choice */
};

struct vocabularies {
    struct vocab_entry *documents, *fields;
    size_t n_documents, n_fields;
};

int vocab_load(struct arena *a, struct vocabularies *v, struct err *e);
const struct vocab_entry *vocab_document(const struct vocabularies *v, const char *id);
const struct vocab_entry *vocab_field(const struct vocabularies *v, const char *id);
bool vocab_target_group(const char *name);

#endif
