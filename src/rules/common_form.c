#include "rules/common_form.h"

#include <string.h>

/* Add `entry` for scheme bit `bit`, once. */
static int add(struct common_item *items, size_t *n, const struct vocab_entry *entry, uint64_t bit)
{
    for (size_t i = 0; i < *n; i++) {
        if (items[i].entry == entry) {
            items[i].schemes |= bit;
            return 0;
        }
    }
    if (*n == COMMON_FORM_MAX_ITEMS)
        return -1;
    items[*n].entry = entry;
    items[*n].schemes = bit;
    (*n)++;
    return 0;
}

static int add_scheme(const struct vocabularies *v, const struct scheme *s, uint64_t bit, struct common_form *f,
                      struct err *e)
{
    for (size_t k = 0; k < s->n_fields; k++) {
        const struct vocab_entry *x = vocab_field(v, s->fields[k]);
        if (x == NULL)
            return err_set(e, "%s: field '%s' is not in data/application_fields.csv", s->id, s->fields[k]);
        if (add(f->fields, &f->n_fields, x, bit) != 0)
            return err_set(e, "common form: more than %d fields", COMMON_FORM_MAX_ITEMS);
    }
    for (size_t k = 0; k < s->n_documents; k++) {
        const struct vocab_entry *x = vocab_document(v, s->documents[k]);
        if (x == NULL)
            return err_set(e, "%s: document '%s' is not in data/documents.csv", s->id, s->documents[k]);
        if (add(f->documents, &f->n_documents, x, bit) != 0)
            return err_set(e, "common form: more than %d documents", COMMON_FORM_MAX_ITEMS);
    }
    f->asked_separately += s->n_fields + s->n_documents;
    return 0;
}

int common_form_build(const struct vocabularies *v, const struct scheme *const *schemes, size_t n,
                      struct common_form *out, struct err *e)
{
    static const struct common_form empty;
    struct common_form f = empty;

    if (n > COMMON_FORM_MAX_SCHEMES)
        return err_set(e, "common form: at most %d schemes at once", COMMON_FORM_MAX_SCHEMES);
    for (size_t i = 0; i < n; i++)
        if (add_scheme(v, schemes[i], (uint64_t)1 << i, &f, e) != 0)
            return -1;
    memcpy(out, &f, sizeof f);
    return 0;
}
