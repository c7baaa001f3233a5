/* compare.h: string and value similarities for record linkage.
 *
 * Each returns a similarity in [0, 1] (1 = identical) or a distance, and
 * never allocates. The Fellegi-Sunter model (fs_model.h) turns these into
 * agreement levels with thresholds from the link configuration. Strings
 * are compared as Unicode code points, so a Devanagari letter counts as
 * one character, not three bytes. Inputs must be valid UTF-8 (the
 * normalizer's output always is); other bytes are compared as they are,
 * safely. Strings are decoded into stack buffers of 256 code points: a
 * longer string is compared on its first 256 (names are far shorter). */
#ifndef SAMANVAY_LINK_COMPARE_H
#define SAMANVAY_LINK_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4). Two empty
 * strings are 1; one empty string is 0. */
double jaro_winkler(const char *a, size_t na, const char *b, size_t nb);

/* Levenshtein distance in code points, stopping early: returns max + 1
 * as soon as the distance is known to exceed max. */
int edit_distance_bounded(const char *a, size_t na, const char *b, size_t nb, int max);

/* Token-set similarity of two space-separated word lists: the best of
 * |A∩B| / min(|A|,|B|) and the Jaro-Winkler of the sorted
 * intersection-plus-rest strings, so word order and an extra word
 * ("Ram Traders" / "Traders Ram", "Shree Ram Traders") cost little.
 * Words are matched exactly; empty input gives 0. */
double token_set_similarity(const char *a, size_t na, const char *b, size_t nb);

/* |a - b| / max(|a|, |b|), 0 when both are 0 (2 for opposite signs);
 * HUGE_VAL when either is NaN or an infinity and they differ. */
double numeric_relative_difference(double a, double b);

enum date_agreement {
    DATE_EXACT,          /* same day */
    DATE_TRANSPOSED,     /* day and month swapped, or one digit mistyped */
    DATE_NEAR,           /* within the given number of days */
    DATE_DIFFERENT,
};
/* Dates as days since an epoch (core/date.h). The strongest level that
 * holds wins: 2024-03-04 / 2024-03-05 is one digit, so DATE_TRANSPOSED.
 * DATE_UNKNOWN on either side is DATE_DIFFERENT (the caller decides
 * what missing means); dates outside date.h's years compare by distance. */
enum date_agreement date_compare(int32_t a, int32_t b, int near_days);

enum postcode_agreement {
    POSTCODE_EXACT,
    POSTCODE_ONE_DIGIT,  /* same length, one digit different or two adjacent swapped */
    POSTCODE_PREFIX3,    /* same first three digits (India: same sorting district) */
    POSTCODE_DIFFERENT,
};
/* NUL-terminated; an empty postcode is POSTCODE_DIFFERENT. */
enum postcode_agreement postcode_compare(const char *a, const char *b);

#endif
