/* date.h: civil dates as a count of days since 1970-01-01 (proleptic
 * Gregorian), with Indian financial-year arithmetic (FY starts 1 April).
 *
 * A date is a plain int32_t. Parsing accepts only ISO 8601 `YYYY-MM-DD` in
 * years DATE_MIN_YEAR..DATE_MAX_YEAR; anything else is an input error. */
#ifndef SAMANVAY_DATE_H
#define SAMANVAY_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2199
#define DATE_STR_LEN 11 /* "YYYY-MM-DD" + NUL */
/* Marks an unknown date where a plain int32_t is stored (dates before 1970 are negative). */
#define DATE_UNKNOWN INT32_MIN

bool date_is_leap(int year);
int date_days_in_month(int year, int month);

/* 0 and *out set when y-m-d is a real date in range; -1 otherwise. */
int date_from_ymd(int year, int month, int day, int32_t *out);
/* The same for any year 1..9999 (record linkage meets people born in 1630);
 * such a date is outside the range the rest of date.h promises to handle. */
int date_from_ymd_any_year(int year, int month, int day, int32_t *out);
void date_to_ymd(int32_t date, int *year, int *month, int *day);

/* Strict `YYYY-MM-DD` (exactly 10 bytes of s[0..n)). The error names what
 * is wrong ("month 13", "2023-02-29 is not a date"). */
int date_parse(const char *s, size_t n, int32_t *out, struct err *e);
void date_format(int32_t date, char out[DATE_STR_LEN]);

/* Day of week, 0 = Monday .. 6 = Sunday. */
int date_weekday(int32_t date);
int32_t date_add_days(int32_t date, int32_t days);
/* Same day `months` later; clamps to the month's end (31 Jan + 1 = 28/29 Feb). */
int32_t date_add_months(int32_t date, int months);

/* Months counted from year 0, so two month indexes subtract cleanly. */
int date_month_index(int32_t date);
int32_t date_month_first(int month_index);
int32_t date_month_last(int month_index);

/* Financial year: FY 2025-26 runs 2025-04-01..2026-03-31; its start year is 2025. */
int date_fy_start_year(int32_t date);
int32_t date_fy_first(int start_year);
int32_t date_fy_last(int start_year);
void date_fy_label(int start_year, char out[8]); /* "2025-26" */
/* FY quarter 1..4: Q1 = Apr-Jun, Q4 = Jan-Mar. */
int date_fy_quarter(int32_t date);
int32_t date_fy_quarter_last(int start_year, int quarter);

/* Today in UTC+05:30 (IST), read from the clock. Only main/CLI code calls it;
 * engines take `as_of` as a parameter. */
int32_t date_today_ist(void);

#endif
