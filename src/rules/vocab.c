#include "rules/vocab.h"

#include <string.h>

#include "core/csv.h"
#include "core/embedded.h"

static const char *const target_groups[] = {
    "micro", "small", "medium", "women", "sc", "st", "scst", "obc", "minorities", "pwd",
    "ex_servicemen", "transgender", "youth", "ner", "hill", "island", "lwe", "aspirational",
    "rural", "traditional", "artisans", "exporters", "new_units", "existing_units", "clusters",
    "startups", "all", NULL};

bool vocab_target_group(const char *name)
{
    for (size_t i = 0; target_groups[i]; i++)
        if (strcmp(target_groups[i], name) == 0)
            return true;
    return false;
}

/* Read id and label columns of one vocabulary CSV into the arena. */
static int load_table(struct arena *a, const char *file, bool fields, struct vocab_entry **out,
                      size_t *n, struct err *e)
{
    const struct embedded_file *f = embedded_find(file);
    struct csv_reader *r;
    struct csv_record rec;
    int col_id, col_name, col_hi, col_type = -1;
    size_t cap = 64;
    enum csv_status st;

    if (f == NULL)
        return err_set(e, "%s: not built into this binary", file);
    r = csv_reader_new_mem(f->data, f->len, NULL);
    *out = arena_alloc(a, cap * sizeof **out);
    if (r == NULL || *out == NULL || csv_next(r, &rec, e) != CSV_RECORD) {
        csv_reader_free(r);
        return err_set(e, "%s: no header", file);
    }
    col_id = csv_header_index(&rec, "id");
    col_name = csv_header_index(&rec, fields ? "label_en" : "name_en");
    col_hi = csv_header_index(&rec, fields ? "label_hi" : "name_hi");
    if (fields)
        col_type = csv_header_index(&rec, "type");
    if (col_id < 0 || col_name < 0 || col_hi < 0 || (fields && col_type < 0)) {
        csv_reader_free(r);
        return err_set(e, "%s: missing columns", file);
    }
    *n = 0;
    while ((st = csv_next(r, &rec, e)) == CSV_RECORD) {
        struct vocab_entry *v;
        if ((size_t)col_hi >= rec.nfields || (fields && (size_t)col_type >= rec.nfields)) {
            csv_reader_free(r);
            return err_set(e, "%s:%llu: too few fields", file, (unsigned long long)rec.line);
        }
        if (*n == cap) {
            struct vocab_entry *grown = arena_alloc(a, 2 * cap * sizeof *grown);
            if (grown == NULL)
                break;
            memcpy(grown, *out, cap * sizeof *grown);
            *out = grown;
            cap *= 2;
        }
        v = &(*out)[(*n)++];
        v->id = arena_strdup(a, rec.field[col_id]);
        v->name = arena_strdup(a, rec.field[col_name]);
        v->name_hi = arena_strdup(a, rec.field[col_hi]);
        v->type = fields ? arena_strdup(a, rec.field[col_type]) : NULL;
    }
    csv_reader_free(r);
    if (st != CSV_END)
        return err_set(e, "%s: unreadable row", file);
    return 0;
}

int vocab_load(struct arena *a, struct vocabularies *v, struct err *e)
{
    memset(v, 0, sizeof *v);
    if (load_table(a, "data/documents.csv", false, &v->documents, &v->n_documents, e) != 0
        || load_table(a, "data/application_fields.csv", true, &v->fields, &v->n_fields, e) != 0)
        return -1;
    return 0;
}

static const struct vocab_entry *find(const struct vocab_entry *t, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, id) == 0)
            return &t[i];
    return NULL;
}

const struct vocab_entry *vocab_document(const struct vocabularies *v, const char *id)
{
    return find(v->documents, v->n_documents, id);
}

const struct vocab_entry *vocab_field(const struct vocabularies *v, const char *id)
{
    return find(v->fields, v->n_fields, id);
}
