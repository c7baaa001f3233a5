/* suppress.c: the small-cell rule (suppress.h). */
#include "analytics/suppress.h"

static bool small(int64_t n)
{
    return n > 0 && suppress_cell(n);
}

/* The smallest shown, non-empty cell, or len when there is none. */
static size_t smallest_shown(const int64_t *n, size_t len, const bool *hide)
{
    size_t best = len;

    for (size_t i = 0; i < len; i++)
        if (!hide[i] && n[i] > 0 && (best == len || n[i] < n[best]))
            best = i;
    return best;
}

size_t suppress_row(const int64_t *n, size_t len, bool total_shown, bool *hide)
{
    size_t hidden = 0, extra;

    for (size_t i = 0; i < len; i++) {
        hide[i] = small(n[i]);
        hidden += hide[i];
    }
    if (total_shown && hidden == 1) {
        extra = smallest_shown(n, len, hide);
        if (extra < len) {
            hide[extra] = true;
            hidden++;
        }
    }
    return hidden;
}
