/* compile.c: checked tree to bytecode. */
#include "rules/program.h"

#include <string.h>

#include "core/alloc.h"
#include "rules/builtins.h"

struct emitter {
    struct insn *code;
    size_t n, cap;
    struct value *k;
    size_t nk, kcap;
    int depth, max_depth;
    const struct scope *scope;
    const struct expr_src *src;
    struct err *e;
    bool failed;
};

static int emit(struct emitter *em, enum opcode op, int32_t a, int32_t b, size_t pos, int stack_change)
{
    if (em->n == em->cap) {
        size_t cap = em->cap ? em->cap * 2 : 32;
        struct insn *grown = mem_realloc(em->code, cap * sizeof *grown);
        if (grown == NULL) {
            em->failed = true;
            return -1;
        }
        em->code = grown;
        em->cap = cap;
    }
    em->code[em->n] = (struct insn){(uint8_t)op, (uint32_t)pos, a, b};
    em->depth += stack_change;
    if (em->depth > em->max_depth)
        em->max_depth = em->depth;
    return (int)em->n++;
}

static int32_t constant(struct emitter *em, struct value v)
{
    if (em->nk == em->kcap) {
        size_t cap = em->kcap ? em->kcap * 2 : 8;
        struct value *grown = mem_realloc(em->k, cap * sizeof *grown);
        if (grown == NULL) {
            em->failed = true;
            return 0;
        }
        em->k = grown;
        em->kcap = cap;
    }
    em->k[em->nk] = v;
    return (int32_t)em->nk++;
}

static void patch(struct emitter *em, int at, int32_t target)
{
    if (at >= 0)
        em->code[at].a = target;
}

static void gen(struct emitter *em, const struct node *n);

static void gen_kids(struct emitter *em, const struct node *n)
{
    for (int i = 0; i < n->n_kids; i++)
        gen(em, n->kids[i]);
}

static enum opcode binary_op(const struct node *n)
{
    bool date = n->kids[0]->type == TY_DATE;

    switch (n->op) {
    case TK_PLUS: return date ? OP_DATE_ADD : OP_ADD;
    case TK_MINUS: return date ? OP_DATE_SUB : OP_SUB;
    case TK_STAR: return OP_MUL;
    case TK_SLASH: return OP_DIV;
    case TK_EQ: return OP_EQ;
    case TK_NE: return OP_NE;
    case TK_LT: return OP_LT;
    case TK_LE: return OP_LE;
    case TK_GT: return OP_GT;
    default: return OP_GE;
    }
}

/* a and b: [a] JF_KEEP end [b] AND end:   (or: JT_KEEP, OR) */
static void gen_logic(struct emitter *em, const struct node *n)
{
    bool is_and = n->kind == N_AND;
    int jump;

    gen(em, n->kids[0]);
    jump = emit(em, is_and ? OP_JF_KEEP : OP_JT_KEEP, 0, 0, n->pos, 0);
    gen(em, n->kids[1]);
    emit(em, is_and ? OP_AND : OP_OR, 0, 0, n->pos, -1);
    patch(em, jump, (int32_t)em->n);
}

/* [c] BRANCH else unknown [a] JUMP end  else: [b] JUMP end  unknown: [a] [b] MERGE  end: */
static void gen_if(struct emitter *em, const struct node *n)
{
    int branch, to_end1, to_end2;
    int base;

    gen(em, n->kids[0]);
    branch = emit(em, OP_BRANCH, 0, 0, n->pos, -1);
    base = em->depth;
    gen(em, n->kids[1]);
    to_end1 = emit(em, OP_JUMP, 0, 0, n->pos, 0);
    em->depth = base;
    patch(em, branch, (int32_t)em->n);
    gen(em, n->kids[2]);
    to_end2 = emit(em, OP_JUMP, 0, 0, n->pos, 0);
    em->depth = base;
    if (branch >= 0)
        em->code[branch].b = (int32_t)em->n;
    gen(em, n->kids[1]);
    gen(em, n->kids[2]);
    emit(em, OP_MERGE, 0, 0, n->pos, -1);
    patch(em, to_end1, (int32_t)em->n);
    patch(em, to_end2, (int32_t)em->n);
}

static void gen_name(struct emitter *em, const struct node *n)
{
    switch (n->ref) {
    case REF_SLOT: emit(em, OP_LOAD, n->index, 0, n->pos, 1); return;
    case REF_PARAM:
        if (n->constant)
            emit(em, OP_CONST, constant(em, n->v), 0, n->pos, 1);
        else
            emit(em, OP_PARAM, n->index, 0, n->pos, 1);
        return;
    case REF_DEFINITION: gen(em, em->scope->defs[n->index].ast); return;
    case REF_NONE: break;
    }
    em->failed = true;
}

static void gen(struct emitter *em, const struct node *n)
{
    if (em->failed)
        return;
    switch (n->kind) {
    case N_LITERAL:
    case N_SET: emit(em, OP_CONST, constant(em, n->v), 0, n->pos, 1); return;
    case N_NAME: gen_name(em, n); return;
    case N_NEG: gen_kids(em, n); emit(em, OP_NEG, 0, 0, n->pos, 0); return;
    case N_NOT: gen_kids(em, n); emit(em, OP_NOT, 0, 0, n->pos, 0); return;
    case N_BINARY: gen_kids(em, n); emit(em, binary_op(n), 0, 0, n->pos, -1); return;
    case N_IN: gen_kids(em, n); emit(em, OP_IN, n->negated, 0, n->pos, -1); return;
    case N_AND:
    case N_OR: gen_logic(em, n); return;
    case N_IF: gen_if(em, n); return;
    case N_CALL:
        gen_kids(em, n);
        emit(em, OP_CALL, n->builtin, n->n_kids, n->pos, 1 - n->n_kids);
        return;
    }
}

/* Copy the growable arrays into the arena so the program lives with it. */
static struct program *finish(struct arena *a, struct emitter *em, const struct node *n)
{
    struct program *p = arena_alloc(a, sizeof *p);
    struct insn *code = arena_alloc(a, em->n * sizeof *code);
    struct value *k = arena_alloc(a, (em->nk ? em->nk : 1) * sizeof *k);

    if (p == NULL || code == NULL || k == NULL)
        return NULL;
    memcpy(code, em->code, em->n * sizeof *code);
    if (em->nk)
        memcpy(k, em->k, em->nk * sizeof *k);
    p->code = code;
    p->n_code = em->n;
    p->k = k;
    p->n_k = em->nk;
    p->max_stack = em->max_depth;
    p->type = n->type;
    p->unit = n->unit;
    p->src = em->src;
    return p;
}

struct program *compile_expr(struct arena *a, const struct scope *scope, const struct expr_src *src,
                             const struct node *n, struct err *e)
{
    struct emitter em;
    struct program *p = NULL;

    memset(&em, 0, sizeof em);
    em.scope = scope;
    em.src = src;
    em.e = e;
    gen(&em, n);
    emit(&em, OP_END, 0, 0, n->pos, 0);
    if (em.failed)
        expr_src_error(src, n->pos, e, "out of memory while compiling");
    else if (em.max_depth > VM_STACK)
        expr_src_error(src, n->pos, e, "expression too deep to evaluate (stack of %d)", VM_STACK);
    else if ((p = finish(a, &em, n)) == NULL)
        expr_src_error(src, n->pos, e, "out of memory while compiling");
    mem_free(em.code);
    mem_free(em.k);
    return p;
}

uint64_t program_slots(const struct program *p)
{
    uint64_t m = 0;

    for (size_t i = 0; i < p->n_code; i++)
        if (p->code[i].op == OP_LOAD)
            m |= (uint64_t)1 << p->code[i].a;
    return m;
}

bool program_can_fail(const struct program *p)
{
    for (size_t i = 0; i < p->n_code; i++) {
        const struct insn *in = &p->code[i];
        switch ((enum opcode)in->op) {
        case OP_NEG: case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_DATE_ADD: case OP_DATE_SUB:
            return true;
        case OP_CALL:
            if (in->a == B_ROUND || in->a == B_DATE)
                return true;
            break;
        default: break;
        }
    }
    return false;
}
