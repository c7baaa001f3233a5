/* vm.h: the interpreter. It runs a program against one enterprise's facts
 * in three-valued logic and records, as it goes, which facts it read,
 * which unknown profile facts it needed, and which unconfirmed parameters
 * or derivations it relied on. */
#ifndef SAMANVAY_VM_H
#define SAMANVAY_VM_H

#include <stdint.h>

#include "core/err.h"
#include "rules/facts.h"
#include "rules/program.h"

struct vm_state {
    const struct facts *facts;
    const struct value *params;         /* the scheme's parameters on as_of */
    uint64_t params_unconfirmed;        /* bit k: parameter k's value on as_of is unconfirmed */
    /* gathered while running (callers reset them per question) */
    uint64_t missing;                   /* profile fields read while unknown */
    uint64_t slots_read;                /* slots read */
    uint64_t unconfirmed_used;          /* unconfirmed parameters read */
    uint64_t caveats_used;              /* slots read whose derivation is unconfirmed */
};

/* Run p; 0 and *out, or -1 with e naming file:line:col (division by zero,
 * overflow). */
int vm_run(const struct program *p, struct vm_state *st, struct value *out, struct err *e);

/* Truth of a boolean result: 1 true, 0 false, -1 unknown (NONE is false). */
int vm_truth(const struct value *v);

#endif
