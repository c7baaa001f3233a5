/* value.h: values of the rule language, at run time and as constants.
 *
 * Besides its own kind, every value may be UNKNOWN (the profile lacks the
 * fact) or NONE (the profile says the fact is absent, JSON null). Strings
 * are borrowed: constants live in the compiled catalogue's arena, enum
 * values are the profile vocabulary's own pointers (so comparing them is
 * a pointer test), and other profile strings live in the profile. */
#ifndef SAMANVAY_VALUE_H
#define SAMANVAY_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vtag { V_UNKNOWN = 0, V_NONE, V_BOOL, V_NUM, V_STR, V_DATE, V_SET };

struct strset {
    size_t n;
    const char *const *items;
};

struct value {
    uint8_t tag;                /* enum vtag */
    union {
        bool b;
        int64_t n;              /* num.h fixed point */
        int32_t d;              /* date.h days */
        const char *s;
        const struct strset *set;
    } u;
};

/* Static types, for the checker. */
enum vtype { TY_ERROR = 0, TY_BOOL, TY_NUM, TY_STR, TY_DATE, TY_SET };

/* What a number means, so texts can print ₹12,34,567 or 85%. */
enum vunit { UNIT_PLAIN = 0, UNIT_MONEY, UNIT_FRACTION };

static inline struct value value_unknown(void) { struct value v = {V_UNKNOWN, {0}}; return v; }
static inline struct value value_none(void) { struct value v = {V_NONE, {0}}; return v; }
static inline struct value value_bool(bool b) { struct value v = {V_BOOL, {.b = b}}; return v; }
static inline struct value value_num(int64_t n) { struct value v = {V_NUM, {.n = n}}; return v; }
static inline struct value value_date(int32_t d) { struct value v = {V_DATE, {.d = d}}; return v; }
static inline struct value value_str(const char *s) { struct value v = {V_STR, {.s = s}}; return v; }
static inline struct value value_set(const struct strset *s) { struct value v = {V_SET, {.set = s}}; return v; }

const char *vtype_name(enum vtype t);
bool value_equal(const struct value *a, const struct value *b);
bool strset_has(const struct strset *s, const char *x);

#endif
