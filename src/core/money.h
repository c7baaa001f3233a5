/* money.h: amounts in int64 paise (1 rupee = 100 paise).
 *
 * Every operation checks overflow and reports it; none wraps silently.
 * The parser reads what people type: `1234.50`, `12,34,567` (Indian
 * grouping), `1,234,567` (international grouping), `12.5 lakh`,
 * `1.2 crore`, `₹ 5,000`, `Rs. 5000`, `50 हज़ार`, `2 करोड़`. */
#ifndef SAMANVAY_MONEY_H
#define SAMANVAY_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define PAISE_PER_RUPEE 100
#define MONEY_LAKH ((int64_t)100000 * PAISE_PER_RUPEE)
#define MONEY_CRORE ((int64_t)10000000 * PAISE_PER_RUPEE)
/* Largest amount we accept from input: about 9 lakh crore crore rupees is
 * far beyond any real figure, and keeps every value exact in a double too
 * (2^53 paise), which JSON numbers need. */
#define MONEY_INPUT_MAX ((int64_t)9007199254740991)

/* Parse s[0..n). Negative amounts are accepted only when allow_negative. */
int money_parse(const char *s, size_t n, bool allow_negative, int64_t *paise, struct err *e);

/* Checked arithmetic: 0 and *out set, or -1 on overflow (out unchanged). */
int money_add(int64_t a, int64_t b, int64_t *out);
int money_sub(int64_t a, int64_t b, int64_t *out);
int money_mul(int64_t a, int64_t factor, int64_t *out);
/* a * num / den rounded half away from zero; den > 0. */
int money_mul_ratio(int64_t a, int64_t num, int64_t den, int64_t *out);

#define MONEY_STR_MAX 40
/* Plain decimal rupees, "1234.50", or "1234" when whole ("-" if negative). */
void money_format(int64_t paise, char out[MONEY_STR_MAX]);
/* Indian grouping with the rupee sign, "₹12,34,567.50". */
void money_format_inr(int64_t paise, char out[MONEY_STR_MAX]);

/* Rupees as a double, for JSON output and statistics. Exact up to 2^53 paise. */
double money_to_rupees(int64_t paise);
/* Rupees as a JSON number: an integer when whole, else a real with the
 * paise (dump with JSON_REAL_PRECISION(15) or more to keep them exact). */
struct json_t;
struct json_t *money_to_json(int64_t paise);
/* From a rupee value with at most two decimals (JSON numbers). */
int money_from_rupees(double rupees, int64_t *paise, struct err *e);

#endif
