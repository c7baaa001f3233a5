#include "rules/scheme_json.h"

#include <stdio.h>

#include "core/date.h"

static json_t *string_array(const char **items, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(items[i]));
    return a;
}

static json_t *date_or_null(int32_t d)
{
    char s[DATE_STR_LEN];

    if (d == INT32_MAX)
        return json_null();
    date_format(d, s);
    return json_string(s);
}

json_t *scheme_summary_json(const struct scheme *s)
{
    json_t *o = json_object(), *obj = json_array();

    for (int i = 0; i < OBJ_COUNT; i++)
        if (s->objectives & (1u << i))
            json_array_append_new(obj, json_string(objective_name((enum objective)i)));
    json_object_set_new(o, "id", json_string(s->id));
    json_object_set_new(o, "version", json_integer(s->version));
    json_object_set_new(o, "name", json_string(s->name));
    json_object_set_new(o, "name_hi", json_string(s->name_hi));
    json_object_set_new(o, "summary", json_string(s->summary));
    json_object_set_new(o, "summary_hi", json_string(s->summary_hi));
    json_object_set_new(o, "ministry", json_string(s->ministry));
    json_object_set_new(o, "agency", json_string(s->agency));
    json_object_set_new(o, "level", json_string(s->state ? "state" : "central"));
    if (s->state) {
        char st[4];
        snprintf(st, sizeof st, "%02d", s->state);
        json_object_set_new(o, "state", json_string(st));
    }
    json_object_set_new(o, "objectives", obj);
    json_object_set_new(o, "target_groups", string_array(s->target_groups, s->n_target_groups));
    json_object_set_new(o, "valid_from", date_or_null(s->valid_from));
    json_object_set_new(o, "valid_to", date_or_null(s->valid_to));
    json_object_set_new(o, "sources", string_array(s->sources, s->n_sources));
    json_object_set_new(o, "sources_read", string_array(s->sources_read, s->n_sources_read));
    json_object_set_new(o, "benefit_kind", json_string(benefit_kind_name(s->benefit.kind)));
    json_object_set_new(o, "sla_days", json_integer(s->sla_days));
    json_object_set_new(o, "documents", string_array(s->documents, s->n_documents));
    json_object_set_new(o, "fields", string_array(s->fields, s->n_fields));
    return o;
}

int scheme_text_source(struct buf *out, const struct text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct text_part *p = &t->parts[i];
        int rc = p->literal ? buf_puts(out, p->literal)
                            : buf_printf(out, "{%.*s}", (int)p->expr->src->len, p->expr->src->text);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static json_t *text_json(const struct text *t)
{
    struct buf b = BUF_INIT;
    json_t *j = scheme_text_source(&b, t) == 0 ? json_string(buf_cstr(&b)) : NULL;

    buf_release(&b);
    return j;
}

static json_t *criterion_json(const struct criterion *c)
{
    return json_pack("{s:s, s:s%, s:o, s:o, s:o, s:o, s:s?}", "id", c->id, "when",
                     c->when->src->text, c->when->src->len, "pass", text_json(&c->pass), "pass_hi",
                     text_json(&c->pass_hi), "fail", text_json(&c->fail), "fail_hi",
                     text_json(&c->fail_hi), "source", c->source);
}

static json_t *documents_json(const struct vocabularies *v, const struct scheme *s)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < s->n_documents; i++) {
        const struct vocab_entry *d = vocab_document(v, s->documents[i]);
        json_array_append_new(a, json_pack("{s:s, s:s?, s:s?}", "id", s->documents[i], "name",
                                           d ? d->name : NULL, "name_hi", d ? d->name_hi : NULL));
    }
    return a;
}

static json_t *fields_json(const struct vocabularies *v, const struct scheme *s)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < s->n_fields; i++) {
        const struct vocab_entry *f = vocab_field(v, s->fields[i]);
        json_array_append_new(a, json_pack("{s:s, s:s?, s:s?, s:s?}", "id", s->fields[i], "type",
                                           f ? f->type : NULL, "label", f ? f->name : NULL,
                                           "label_hi", f ? f->name_hi : NULL));
    }
    return a;
}

json_t *scheme_detail_json(const struct vocabularies *v, const struct scheme *s)
{
    json_t *o = scheme_summary_json(s), *crit = json_array(), *decl = json_array();

    for (size_t i = 0; crit && i < s->n_criteria; i++)
        json_array_append_new(crit, criterion_json(&s->criteria[i]));
    for (size_t i = 0; decl && i < s->n_declarations; i++)
        json_array_append_new(decl, json_pack("{s:s, s:s}", "text", s->declarations[i].text,
                                              "text_hi", s->declarations[i].text_hi));
    json_object_set_new(o, "criteria", crit);
    json_object_set_new(o, "benefit",
                        json_pack("{s:s, s:o, s:o}", "kind", benefit_kind_name(s->benefit.kind),
                                  "text", text_json(&s->benefit.text), "text_hi",
                                  text_json(&s->benefit.text_hi)));
    json_object_set_new(o, "declarations", decl);
    json_object_set_new(o, "document_details", documents_json(v, s));
    json_object_set_new(o, "field_details", fields_json(v, s));
    json_object_set_new(o, "tests", json_integer((json_int_t)s->n_tests));
    return o;
}
