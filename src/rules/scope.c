#include "rules/scope.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int expr_src_error(const struct expr_src *src, size_t offset, struct err *e, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    int line = src->line, col = src->col;
    va_list ap;

    for (size_t i = 0; i < offset && i < src->len; i++) {
        if (src->text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)src->text[i] & 0xC0) != 0x80) {
            col++; /* count characters, not UTF-8 continuation bytes */
        }
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(e, "%s:%d:%d: %s", src->file, line, col, msg);
}

int scope_find_param(const struct scope *s, const char *name)
{
    for (size_t i = 0; i < s->n_params; i++)
        if (strcmp(s->params[i].name, name) == 0)
            return (int)i;
    return -1;
}

int scope_find_definition(const struct scope *s, const char *name)
{
    for (size_t i = 0; i < s->n_defs; i++)
        if (strcmp(s->defs[i].name, name) == 0)
            return (int)i;
    return -1;
}

const struct param_entry *param_at(const struct param *p, int32_t on)
{
    const struct param_entry *best = NULL;

    for (size_t i = 0; i < p->n; i++)
        if (p->entries[i].from <= on)
            best = &p->entries[i];
    return best;
}
