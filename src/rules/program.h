/* program.h: compiled expressions. A program is bytecode for a small
 * stack machine (vm.c) plus its constants, built by compile.c from a
 * checked tree. Jumps implement lazy `and`, `or` and `if`. */
#ifndef SAMANVAY_PROGRAM_H
#define SAMANVAY_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "rules/ast.h"
#include "rules/scope.h"
#include "rules/value.h"

enum opcode {
    OP_CONST,       /* push k[a] */
    OP_LOAD,        /* push facts slot a */
    OP_PARAM,       /* push parameter a (its value on as_of) */
    OP_NEG, OP_NOT,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV,
    OP_DATE_ADD, OP_DATE_SUB,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_IN,          /* a = 1: not in */
    OP_JF_KEEP,     /* top is false: jump to a, keeping it */
    OP_JT_KEEP,     /* top is true: jump to a, keeping it */
    OP_AND, OP_OR,  /* Kleene, on the top two */
    OP_BRANCH,      /* pop condition: true go on, false jump a, unknown jump b */
    OP_JUMP,        /* jump to a */
    OP_MERGE,       /* pop two: push one if they are equal, else unknown */
    OP_CALL,        /* builtin a with b arguments */
    OP_END,
};

struct insn {
    uint8_t op;
    uint32_t pos;           /* source offset, for run-time errors */
    int32_t a, b;
};

struct program {
    const struct insn *code;
    size_t n_code;
    const struct value *k;
    size_t n_k;
    int max_stack;
    enum vtype type;        /* of the result */
    int unit;
    const struct expr_src *src;
};

#define VM_STACK 64

/* Compile a checked tree. Definitions are compiled in line where used. */
struct program *compile_expr(struct arena *a, const struct scope *scope, const struct expr_src *src,
                             const struct node *n, struct err *e);

/* Bit per facts slot the program reads (OP_LOAD). */
uint64_t program_slots(const struct program *p);

/* Whether running p can fail (arithmetic, round(), date()): a program
 * that cannot need not be run only to learn that it does not. */
bool program_can_fail(const struct program *p);

#endif
