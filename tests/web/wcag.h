/* wcag.h: WCAG 2 colour arithmetic for the chart tests (each test file
 * includes it once): relative luminance of "#rrggbb" and the contrast
 * ratio of two colours. */
#ifndef SAMANVAY_TESTS_WCAG_H
#define SAMANVAY_TESTS_WCAG_H

#include <math.h>
#include <stdlib.h>

static inline double wcag_luminance(const char *hex)
{
    double c[3];

    for (int i = 0; i < 3; i++) {
        char part[3] = {hex[1 + 2 * i], hex[2 + 2 * i], '\0'};
        double v = strtol(part, NULL, 16) / 255.0;
        c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static inline double wcag_contrast(const char *a, const char *b)
{
    double la = wcag_luminance(a), lb = wcag_luminance(b);

    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

#endif
