#include "rules/yaml_tree.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 32
#define MAX_NODES 200000
#define MAX_ANCHORS 256

struct anchor {
    const char *name;
    struct ynode *node;
};

struct loader {
    struct arena *a;
    yaml_parser_t parser;
    const char *file;
    const char *text;
    size_t len;
    struct anchor anchors[MAX_ANCHORS];
    int n_anchors;
    size_t nodes;
    struct err *e;
};

static int fail_at(struct loader *l, int line, int col, const char *msg)
{
    return err_set(l->e, "%s:%d:%d: %s", l->file, line, col, msg);
}

static int next_event(struct loader *l, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&l->parser, ev)) {
        int line = (int)l->parser.problem_mark.line + 1, col = (int)l->parser.problem_mark.column + 1;
        return err_set(l->e, "%s:%d:%d: YAML: %s%s%s", l->file, line, col,
                       l->parser.problem ? l->parser.problem : "syntax error",
                       l->parser.context ? " " : "", l->parser.context ? l->parser.context : "");
    }
    return 0;
}

static struct ynode *new_node(struct loader *l, enum ynode_kind kind, const yaml_mark_t *m)
{
    struct ynode *n;

    if (++l->nodes > MAX_NODES) {
        fail_at(l, (int)m->line + 1, (int)m->column + 1, "document too large");
        return NULL;
    }
    n = arena_alloc(l->a, sizeof *n);
    if (n == NULL) {
        err_set(l->e, "%s: out of memory", l->file);
        return NULL;
    }
    n->kind = kind;
    n->line = n->text_line = (int)m->line + 1;
    n->col = n->text_col = (int)m->column + 1;
    return n;
}

static int remember_anchor(struct loader *l, const yaml_char_t *name, struct ynode *n)
{
    if (name == NULL)
        return 0;
    if (l->n_anchors == MAX_ANCHORS)
        return fail_at(l, n->line, n->col, "too many anchors");
    l->anchors[l->n_anchors].name = arena_strdup(l->a, (const char *)name);
    l->anchors[l->n_anchors++].node = n;
    return 0;
}

/* For a block scalar (| or >) the text starts on a later line: find it in
 * the source so positions inside it are right. */
static void locate_block_text(struct loader *l, struct ynode *n)
{
    size_t pos = 0;
    int line = 1;

    while (pos < l->len && line <= n->line) {
        if (l->text[pos++] == '\n')
            line++;
    }
    while (pos < l->len) {
        size_t start = pos;
        while (pos < l->len && l->text[pos] == ' ')
            pos++;
        if (pos < l->len && l->text[pos] != '\n') {
            n->text_line = line;
            n->text_col = (int)(pos - start) + 1;
            return;
        }
        pos++;
        line++;
    }
}

static struct ynode *parse_node(struct loader *l, yaml_event_t *ev, int depth);

static struct ynode *parse_scalar(struct loader *l, yaml_event_t *ev)
{
    struct ynode *n = new_node(l, Y_SCALAR, &ev->start_mark);
    yaml_scalar_style_t style = ev->data.scalar.style;

    if (n == NULL)
        return NULL;
    n->len = ev->data.scalar.length;
    n->text = arena_strndup(l->a, (const char *)ev->data.scalar.value, n->len);
    n->plain = style == YAML_PLAIN_SCALAR_STYLE;
    if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE)
        locate_block_text(l, n);
    else if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        n->text_col++;
    if (n->text == NULL || remember_anchor(l, ev->data.scalar.anchor, n) != 0)
        return NULL;
    return n;
}

/* Add an item to a sequence, growing its array in the arena. */
static int append(struct loader *l, struct ynode *seq, struct ynode *child, size_t *cap)
{
    if (seq->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct ynode **grown = arena_alloc(l->a, ncap * sizeof *grown);
        if (grown == NULL)
            return err_set(l->e, "%s: out of memory", l->file);
        if (*cap)
            memcpy(grown, seq->items, *cap * sizeof *grown);
        seq->items = grown;
        *cap = ncap;
    }
    seq->items[seq->n] = child;
    return 0;
}

static struct ynode *parse_sequence(struct loader *l, yaml_event_t *ev, int depth)
{
    struct ynode *n = new_node(l, Y_SEQ, &ev->start_mark);
    size_t cap = 0;

    if (n == NULL || remember_anchor(l, ev->data.sequence_start.anchor, n) != 0)
        return NULL;
    for (;;) {
        yaml_event_t item;
        struct ynode *child;
        if (next_event(l, &item) != 0)
            return NULL;
        if (item.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&item);
            return n;
        }
        child = parse_node(l, &item, depth + 1);
        yaml_event_delete(&item);
        if (child == NULL || append(l, n, child, &cap) != 0)
            return NULL;
        n->n++;
    }
}

static bool has_key(const struct ynode *map, size_t pairs, const char *key)
{
    for (size_t i = 0; i < pairs; i++)
        if (map->items[2 * i]->kind == Y_SCALAR && strcmp(map->items[2 * i]->text, key) == 0)
            return true;
    return false;
}

static struct ynode *parse_mapping(struct loader *l, yaml_event_t *ev, int depth)
{
    struct ynode *n = new_node(l, Y_MAP, &ev->start_mark);
    size_t cap = 0;

    if (n == NULL || remember_anchor(l, ev->data.mapping_start.anchor, n) != 0)
        return NULL;
    for (;;) {
        yaml_event_t kev, vev;
        struct ynode *key, *value;
        if (next_event(l, &kev) != 0)
            return NULL;
        if (kev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&kev);
            return n;
        }
        key = parse_node(l, &kev, depth + 1);
        yaml_event_delete(&kev);
        if (key == NULL)
            return NULL;
        if (key->kind != Y_SCALAR)
            return fail_at(l, key->line, key->col, "mapping keys must be plain text"), NULL;
        if (has_key(n, n->n, key->text))
            return fail_at(l, key->line, key->col, "duplicate key"), NULL;
        if (next_event(l, &vev) != 0)
            return NULL;
        value = parse_node(l, &vev, depth + 1);
        yaml_event_delete(&vev);
        if (value == NULL)
            return NULL;
        if (2 * n->n + 2 > cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct ynode **grown = arena_alloc(l->a, ncap * sizeof *grown);
            if (grown == NULL)
                return err_set(l->e, "%s: out of memory", l->file), NULL;
            if (cap)
                memcpy(grown, n->items, cap * sizeof *grown);
            n->items = grown;
            cap = ncap;
        }
        n->items[2 * n->n] = key;
        n->items[2 * n->n + 1] = value;
        n->n++;
    }
}

static struct ynode *resolve_alias(struct loader *l, yaml_event_t *ev)
{
    for (int i = 0; i < l->n_anchors; i++)
        if (strcmp(l->anchors[i].name, (const char *)ev->data.alias.anchor) == 0)
            return l->anchors[i].node;
    fail_at(l, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, "unknown alias");
    return NULL;
}

static struct ynode *parse_node(struct loader *l, yaml_event_t *ev, int depth)
{
    if (depth > MAX_DEPTH) {
        fail_at(l, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, "nested too deeply");
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return parse_scalar(l, ev);
    case YAML_SEQUENCE_START_EVENT: return parse_sequence(l, ev, depth);
    case YAML_MAPPING_START_EVENT: return parse_mapping(l, ev, depth);
    case YAML_ALIAS_EVENT: return resolve_alias(l, ev);
    default: break;
    }
    fail_at(l, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, "unexpected YAML event");
    return NULL;
}

/* Skip stream and document start; parse the single document. */
static struct ynode *parse_document(struct loader *l)
{
    yaml_event_t ev;
    struct ynode *root = NULL;

    for (;;) {
        if (next_event(l, &ev) != 0)
            return NULL;
        if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_START_EVENT) {
            yaml_event_delete(&ev);
            continue;
        }
        if (ev.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            err_set(l->e, "%s: empty document", l->file);
            return NULL;
        }
        root = parse_node(l, &ev, 0);
        yaml_event_delete(&ev);
        break;
    }
    if (root == NULL || next_event(l, &ev) != 0)
        return NULL;
    if (ev.type != YAML_DOCUMENT_END_EVENT) {
        fail_at(l, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1, "more than one document");
        yaml_event_delete(&ev);
        return NULL;
    }
    yaml_event_delete(&ev);
    return root;
}

int yaml_tree_load(struct arena *a, const char *file, const char *text, size_t len,
                   struct ynode **root, struct err *e)
{
    struct loader l;

    memset(&l, 0, sizeof l);
    l.a = a;
    l.file = file;
    l.text = text;
    l.len = len;
    l.e = e;
    if (!yaml_parser_initialize(&l.parser))
        return err_set(e, "%s: cannot start the YAML parser", file);
    yaml_parser_set_input_string(&l.parser, (const unsigned char *)text, len);
    *root = parse_document(&l);
    yaml_parser_delete(&l.parser);
    return *root != NULL ? 0 : -1;
}

const struct ynode *ymap_get(const struct ynode *map, const char *key)
{
    if (map == NULL || map->kind != Y_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->text, key) == 0)
            return map->items[2 * i + 1];
    return NULL;
}

bool yscalar_is_null(const struct ynode *n)
{
    return n->kind == Y_SCALAR && n->plain
           && (n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0
               || strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0);
}

int ynode_vfail(struct err *e, const char *file, const struct ynode *n, const char *fmt, va_list ap)
{
    char msg[ERR_MSG_MAX];

    vsnprintf(msg, sizeof msg, fmt, ap);
    return err_set(e, "%s:%d:%d: %s", file, n ? n->line : 1, n ? n->col : 1, msg);
}

int ynode_fail(struct err *e, const char *file, const struct ynode *n, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = ynode_vfail(e, file, n, fmt, ap);
    va_end(ap);
    return rc;
}

int ymap_only_keys(struct err *e, const char *file, const struct ynode *map,
                   const char *const *allowed)
{
    for (size_t i = 0; i < map->n; i++) {
        const char *k = ymap_key(map, i)->text;
        bool ok = false;
        for (size_t j = 0; allowed[j] && !ok; j++)
            ok = strcmp(allowed[j], k) == 0;
        if (!ok)
            return ynode_fail(e, file, ymap_key(map, i), "unknown key '%s'", k);
    }
    return 0;
}
