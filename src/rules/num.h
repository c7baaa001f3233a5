/* num.h: the rule language's numbers, exact decimals with four places
 * stored in an int64 (value × 10^4). Rupee amounts are exact to the
 * paisa and rates like 0.37% are exact; every operation checks overflow,
 * and division by zero is an error, never a made-up value. */
#ifndef SAMANVAY_NUM_H
#define SAMANVAY_NUM_H

#include <stdbool.h>
#include <stdint.h>

#define NUM_SCALE 10000
#define NUM_ONE ((int64_t)NUM_SCALE)

enum num_status { NUM_OK = 0, NUM_OVERFLOW, NUM_DIV_ZERO };

enum num_status num_add(int64_t a, int64_t b, int64_t *out);
enum num_status num_sub(int64_t a, int64_t b, int64_t *out);
enum num_status num_mul(int64_t a, int64_t b, int64_t *out);   /* rounded half away from zero */
enum num_status num_div(int64_t a, int64_t b, int64_t *out);   /* rounded half away from zero */
/* Round to `digits` decimal places (0..4; negative rounds to tens, hundreds…). */
enum num_status num_round(int64_t a, int digits, int64_t *out);
int64_t num_floor(int64_t a);
int64_t num_ceil(int64_t a);
enum num_status num_from_int(int64_t i, int64_t *out);
/* Paise (money) to and from numbers in rupees. */
int64_t num_from_paise(int64_t paise);           /* exact */
enum num_status num_to_paise(int64_t n, int64_t *paise); /* rounded to the paisa */
double num_to_double(int64_t n);
const char *num_status_text(enum num_status s);

#endif
