#include "core/date.h"

#include <stdio.h>
#include <time.h>

bool date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 0;
    return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d. Counts in 400-year eras that start on
 * 1 March, so the leap day falls at the end of the counted year. */
static int32_t days_from_civil(int y, int m, int d)
{
    int era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

int date_from_ymd(int y, int m, int d, int32_t *out)
{
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12)
        return -1;
    if (d < 1 || d > date_days_in_month(y, m))
        return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

int date_from_ymd_any_year(int y, int m, int d, int32_t *out)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
        return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

void date_to_ymd(int32_t date, int *year, int *month, int *day)
{
    int32_t z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = (int)(z - era * 146097);
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;

    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse(const char *s, size_t n, int32_t *out, struct err *e)
{
    int y, m, d;

    if (n != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) != 0
        || digits(s + 5, 2, &m) != 0 || digits(s + 8, 2, &d) != 0)
        return err_set(e, "'%.*s' is not a date in YYYY-MM-DD form", (int)(n > 40 ? 40 : n), s);
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        return err_set(e, "year %d is outside %d-%d", y, DATE_MIN_YEAR, DATE_MAX_YEAR);
    if (m < 1 || m > 12)
        return err_set(e, "month %02d does not exist", m);
    if (date_from_ymd(y, m, d, out) != 0)
        return err_set(e, "%.10s is not a date (%d-%02d has %d days)", s, y, m,
                       date_days_in_month(y, m));
    return 0;
}

static void put_digits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

void date_format(int32_t date, char out[DATE_STR_LEN])
{
    int y, m, d;

    date_to_ymd(date, &y, &m, &d);
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

int date_weekday(int32_t date)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int w = (int)((date % 7 + 7) % 7);
    return (w + 3) % 7;
}

int32_t date_add_days(int32_t date, int32_t days)
{
    return date + days;
}

int date_month_index(int32_t date)
{
    int y, m, d;

    date_to_ymd(date, &y, &m, &d);
    return y * 12 + (m - 1);
}

int32_t date_month_first(int month_index)
{
    return days_from_civil(month_index / 12, month_index % 12 + 1, 1);
}

int32_t date_month_last(int month_index)
{
    int y = month_index / 12, m = month_index % 12 + 1;
    return days_from_civil(y, m, date_days_in_month(y, m));
}

int32_t date_add_months(int32_t date, int months)
{
    int y, m, d, dim;
    int idx;

    date_to_ymd(date, &y, &m, &d);
    idx = y * 12 + (m - 1) + months;
    y = idx / 12;
    m = idx % 12 + 1;
    dim = date_days_in_month(y, m);
    return days_from_civil(y, m, d > dim ? dim : d);
}

int date_fy_start_year(int32_t date)
{
    int y, m, d;

    date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? y : y - 1;
}

int32_t date_fy_first(int start_year)
{
    return days_from_civil(start_year, 4, 1);
}

int32_t date_fy_last(int start_year)
{
    return days_from_civil(start_year + 1, 3, 31);
}

void date_fy_label(int start_year, char out[8])
{
    put_digits(out, start_year, 4);
    out[4] = '-';
    put_digits(out + 5, (start_year + 1) % 100, 2);
    out[7] = '\0';
}

int date_fy_quarter(int32_t date)
{
    int y, m, d;

    date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? (m - 4) / 3 + 1 : 4;
}

int32_t date_fy_quarter_last(int start_year, int quarter)
{
    /* Q1 ends June, Q2 September, Q3 December (same calendar year), Q4 March (next). */
    static const int end_month[4] = {6, 9, 12, 3};
    int y = quarter == 4 ? start_year + 1 : start_year;
    int m = end_month[(quarter - 1) & 3];
    return days_from_civil(y, m, date_days_in_month(y, m));
}

int32_t date_today_ist(void)
{
    time_t now = time(NULL) + 19800; /* +05:30 */
    return (int32_t)(now / 86400);
}
