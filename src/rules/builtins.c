#include "rules/builtins.h"

#include <string.h>

static const struct builtin_desc table[B_COUNT_BUILTINS] = {
    [B_MIN] = {"min", 2, -1},
    [B_MAX] = {"max", 2, -1},
    [B_ROUND] = {"round", 1, 2},
    [B_FLOOR] = {"floor", 1, 1},
    [B_CEIL] = {"ceil", 1, 1},
    [B_YEARS_BETWEEN] = {"years_between", 2, 2},
    [B_MONTHS_BETWEEN] = {"months_between", 2, 2},
    [B_DAYS_BETWEEN] = {"days_between", 2, 2},
    [B_DATE] = {"date", 3, 3},
    [B_PRESENT] = {"present", 1, 1},
    [B_KNOWN] = {"known", 1, 1},
    [B_OR_ELSE] = {"or_else", 2, 2},
    [B_COUNT] = {"count", 1, 1},
    [B_STARTS_WITH] = {"starts_with", 2, 2},
};

int builtin_find(const char *name)
{
    for (int i = 0; i < B_COUNT_BUILTINS; i++)
        if (strcmp(table[i].name, name) == 0)
            return i;
    return -1;
}

const struct builtin_desc *builtin_get(int b)
{
    return &table[b];
}
