#include "rules/vm.h"

#include <string.h>

#include "core/date.h"
#include "rules/builtins.h"
#include "rules/num.h"

int vm_truth(const struct value *v)
{
    if (v->tag == V_BOOL)
        return v->u.b;
    return v->tag == V_UNKNOWN ? -1 : 0;
}

static struct value truth_value(int t)
{
    return t < 0 ? value_unknown() : value_bool(t == 1);
}

static int num_fail(const struct program *p, const struct insn *i, enum num_status s, struct err *e)
{
    return expr_src_error(p->src, i->pos, e, "%s", num_status_text(s));
}

/* Unknown wins, then none: the result of an operation on them. */
static bool passthrough(const struct value *a, const struct value *b, struct value *out)
{
    if (a->tag == V_UNKNOWN || (b != NULL && b->tag == V_UNKNOWN)) {
        *out = value_unknown();
        return true;
    }
    if (a->tag == V_NONE || (b != NULL && b->tag == V_NONE)) {
        *out = value_none();
        return true;
    }
    return false;
}

static int arith(const struct program *p, const struct insn *i, struct value *a,
                 const struct value *b, struct err *e)
{
    enum num_status s = NUM_OK;
    int64_t r = 0;

    if (passthrough(a, b, a))
        return 0;
    switch (i->op) {
    case OP_ADD: s = num_add(a->u.n, b->u.n, &r); break;
    case OP_SUB: s = num_sub(a->u.n, b->u.n, &r); break;
    case OP_MUL: s = num_mul(a->u.n, b->u.n, &r); break;
    case OP_DIV: s = num_div(a->u.n, b->u.n, &r); break;
    case OP_DATE_ADD:
    case OP_DATE_SUB: {
        int64_t days = num_floor(b->u.n) / NUM_SCALE;
        int64_t d = i->op == OP_DATE_ADD ? a->u.d + days : a->u.d - days;
        if (d < INT32_MIN / 2 || d > INT32_MAX / 2)
            return num_fail(p, i, NUM_OVERFLOW, e);
        *a = value_date((int32_t)d);
        return 0;
    }
    default: break;
    }
    if (s != NUM_OK)
        return num_fail(p, i, s, e);
    *a = value_num(r);
    return 0;
}

static int compare_values(const struct value *a, const struct value *b)
{
    if (a->tag == V_NUM)
        return a->u.n < b->u.n ? -1 : a->u.n > b->u.n;
    if (a->tag == V_DATE)
        return a->u.d < b->u.d ? -1 : a->u.d > b->u.d;
    return value_equal(a, b) ? 0 : 1;
}

static struct value compare(enum opcode op, const struct value *a, const struct value *b)
{
    int c;

    if (a->tag == V_UNKNOWN || b->tag == V_UNKNOWN)
        return value_unknown();
    if (a->tag == V_NONE || b->tag == V_NONE) {
        bool both = a->tag == b->tag;
        return value_bool(op == OP_EQ ? both : op == OP_NE ? !both : false);
    }
    if (op == OP_EQ)
        return value_bool(value_equal(a, b));
    if (op == OP_NE)
        return value_bool(!value_equal(a, b));
    c = compare_values(a, b);
    switch (op) {
    case OP_LT: return value_bool(c < 0);
    case OP_LE: return value_bool(c <= 0);
    case OP_GT: return value_bool(c > 0);
    default: return value_bool(c >= 0);
    }
}

static struct value membership(const struct value *x, const struct value *set, bool negated)
{
    if (x->tag == V_UNKNOWN || set->tag == V_UNKNOWN)
        return value_unknown();
    if (x->tag == V_NONE || set->tag == V_NONE)
        return value_bool(negated);
    return value_bool(strset_has(set->u.set, x->u.s) != negated);
}

static struct value kleene(enum opcode op, const struct value *a, const struct value *b)
{
    int x = vm_truth(a), y = vm_truth(b);

    if (op == OP_AND)
        return x == 0 || y == 0 ? value_bool(false) : x == 1 && y == 1 ? value_bool(true) : value_unknown();
    return x == 1 || y == 1 ? value_bool(true) : x == 0 && y == 0 ? value_bool(false) : value_unknown();
}

/* --- builtins ------------------------------------------------------------ */

static int months_between(int32_t a, int32_t b)
{
    int y1, m1, d1, y2, m2, d2, months;

    date_to_ymd(a, &y1, &m1, &d1);
    date_to_ymd(b, &y2, &m2, &d2);
    months = (y2 - y1) * 12 + (m2 - m1);
    if (months > 0 && d2 < d1)
        months--;
    else if (months < 0 && d2 > d1)
        months++;
    return months;
}

static int call_dates(int b, const struct value *args, struct value *out)
{
    int32_t d1 = args[0].u.d, d2 = args[1].u.d;
    int64_t r;

    if (b == B_DAYS_BETWEEN)
        r = (int64_t)d2 - d1;
    else if (b == B_MONTHS_BETWEEN)
        r = months_between(d1, d2);
    else
        r = months_between(d1, d2) / 12;
    *out = value_num(r * NUM_SCALE);
    return 0;
}

static int call_numeric(const struct program *p, const struct insn *i, const struct value *args,
                        struct value *out, struct err *e)
{
    int n = i->b;
    int64_t r = args[0].u.n, places = 0;
    enum num_status s;
    int32_t d;

    switch (i->a) {
    case B_MIN:
    case B_MAX:
        for (int k = 1; k < n; k++)
            if (i->a == B_MIN ? args[k].u.n < r : args[k].u.n > r)
                r = args[k].u.n;
        break;
    case B_FLOOR: r = num_floor(r); break;
    case B_CEIL: r = num_ceil(r); break;
    case B_ROUND:
        places = n == 2 ? args[1].u.n / NUM_SCALE : 0;
        if ((s = num_round(r, (int)places, &r)) != NUM_OK)
            return num_fail(p, i, s, e);
        break;
    case B_DATE:
        if (date_from_ymd((int)(args[0].u.n / NUM_SCALE), (int)(args[1].u.n / NUM_SCALE),
                          (int)(args[2].u.n / NUM_SCALE), &d) != 0)
            return expr_src_error(p->src, i->pos, e, "date(): not a real date");
        *out = value_date(d);
        return 0;
    default: return call_dates(i->a, args, out);
    }
    *out = value_num(r);
    return 0;
}

static int call(const struct program *p, const struct insn *i, struct value *args, struct value *out,
                struct err *e)
{
    switch (i->a) {
    case B_PRESENT:
        *out = args[0].tag == V_UNKNOWN ? value_unknown() : value_bool(args[0].tag != V_NONE);
        return 0;
    case B_KNOWN: *out = value_bool(args[0].tag != V_UNKNOWN); return 0;
    case B_OR_ELSE: *out = args[0].tag == V_NONE ? args[1] : args[0]; return 0;
    case B_COUNT:
        *out = args[0].tag == V_UNKNOWN ? value_unknown()
               : args[0].tag == V_NONE  ? value_num(0)
                                        : value_num((int64_t)args[0].u.set->n * NUM_SCALE);
        return 0;
    default: break;
    }
    for (int k = 0; k < i->b; k++)
        if (passthrough(&args[k], NULL, out))
            return 0;
    if (i->a == B_STARTS_WITH) {
        *out = value_bool(strncmp(args[0].u.s, args[1].u.s, strlen(args[1].u.s)) == 0);
        return 0;
    }
    return call_numeric(p, i, args, out, e);
}

/* --- the loop ------------------------------------------------------------ */

static void load(struct vm_state *st, int slot, struct value *out)
{
    const struct facts *f = st->facts;

    *out = f->v[slot];
    st->slots_read |= (uint64_t)1 << slot;
    if (out->tag == V_UNKNOWN)
        st->missing |= f->missing[slot];
    if (f->caveat[slot] != NULL)
        st->caveats_used |= (uint64_t)1 << slot;
}

int vm_run(const struct program *p, struct vm_state *st, struct value *out, struct err *e)
{
    struct value stack[VM_STACK];
    int sp = 0;
    size_t pc = 0;

    for (;;) {
        const struct insn *i = &p->code[pc++];
        struct value *top = sp > 0 ? &stack[sp - 1] : NULL;
        int t;
        switch ((enum opcode)i->op) {
        case OP_CONST: stack[sp++] = p->k[i->a]; break;
        case OP_LOAD: load(st, i->a, &stack[sp++]); break;
        case OP_PARAM:
            stack[sp++] = st->params[i->a];
            if (st->params_unconfirmed & ((uint64_t)1 << i->a))
                st->unconfirmed_used |= (uint64_t)1 << i->a;
            break;
        case OP_NEG:
            if (!passthrough(top, NULL, top)) {
                if (top->u.n == INT64_MIN)
                    return num_fail(p, i, NUM_OVERFLOW, e);
                top->u.n = -top->u.n;
            }
            break;
        case OP_NOT:
            t = vm_truth(top);
            *top = truth_value(t < 0 ? -1 : !t);
            break;
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_DATE_ADD: case OP_DATE_SUB:
            if (arith(p, i, &stack[sp - 2], top, e) != 0)
                return -1;
            sp--;
            break;
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
            stack[sp - 2] = compare((enum opcode)i->op, &stack[sp - 2], top);
            sp--;
            break;
        case OP_IN:
            stack[sp - 2] = membership(&stack[sp - 2], top, i->a != 0);
            sp--;
            break;
        case OP_JF_KEEP:
            if (vm_truth(top) == 0) {
                *top = value_bool(false);
                pc = (size_t)i->a;
            }
            break;
        case OP_JT_KEEP:
            if (vm_truth(top) == 1)
                pc = (size_t)i->a;
            break;
        case OP_AND:
        case OP_OR:
            stack[sp - 2] = kleene((enum opcode)i->op, &stack[sp - 2], top);
            sp--;
            break;
        case OP_BRANCH:
            t = vm_truth(top);
            sp--;
            if (t == 0)
                pc = (size_t)i->a;
            else if (t < 0)
                pc = (size_t)i->b;
            break;
        case OP_JUMP: pc = (size_t)i->a; break;
        case OP_MERGE:
            if (!value_equal(&stack[sp - 2], top))
                stack[sp - 2] = value_unknown();
            sp--;
            break;
        case OP_CALL: {
            struct value r;
            if (call(p, i, &stack[sp - i->b], &r, e) != 0)
                return -1;
            sp -= i->b;
            stack[sp++] = r;
            break;
        }
        case OP_END:
            *out = stack[sp - 1];
            return 0;
        }
    }
}
