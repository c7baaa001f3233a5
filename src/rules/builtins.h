/* builtins.h: the functions of the rule language (docs/rules.md §2). */
#ifndef SAMANVAY_BUILTINS_H
#define SAMANVAY_BUILTINS_H

enum builtin {
    B_MIN, B_MAX, B_ROUND, B_FLOOR, B_CEIL, B_YEARS_BETWEEN, B_MONTHS_BETWEEN, B_DAYS_BETWEEN,
    B_DATE, B_PRESENT, B_KNOWN, B_OR_ELSE, B_COUNT, B_STARTS_WITH, B_COUNT_BUILTINS
};

struct builtin_desc {
    const char *name;
    int min_args, max_args;     /* max_args -1: any number from min_args */
};

/* The builtin with this name, or -1. */
int builtin_find(const char *name);
const struct builtin_desc *builtin_get(int b);

#endif
