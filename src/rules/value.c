#include "rules/value.h"

#include <string.h>

const char *vtype_name(enum vtype t)
{
    switch (t) {
    case TY_BOOL: return "boolean";
    case TY_NUM: return "number";
    case TY_STR: return "string";
    case TY_DATE: return "date";
    case TY_SET: return "set";
    case TY_ERROR: break;
    }
    return "error";
}

bool strset_has(const struct strset *s, const char *x)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i] == x || (s->items[i][0] == x[0] && strcmp(s->items[i], x) == 0))
            return true;
    return false;
}

static bool set_equal(const struct strset *a, const struct strset *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!strset_has(b, a->items[i]))
            return false;
    return true;
}

bool value_equal(const struct value *a, const struct value *b)
{
    if (a->tag != b->tag)
        return false;
    switch (a->tag) {
    case V_UNKNOWN:
    case V_NONE: return true;
    case V_BOOL: return a->u.b == b->u.b;
    case V_NUM: return a->u.n == b->u.n;
    case V_DATE: return a->u.d == b->u.d;
    case V_STR: return a->u.s == b->u.s || strcmp(a->u.s, b->u.s) == 0;
    case V_SET: return set_equal(a->u.set, b->u.set);
    }
    return false;
}
