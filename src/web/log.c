#include "web/log.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool is_alnum(char c)
{
    return isascii((unsigned char)c) && isalnum((unsigned char)c);
}

static bool letters(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isascii((unsigned char)s[i]) || !isalpha((unsigned char)s[i]))
            return false;
    return true;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool pan_shaped(const char *s)
{
    return letters(s, 5) && digits(s + 5, 4) && letters(s + 9, 1);
}

/* Mark what to mask in one run of letters and digits: every PAN-shaped
 * window wherever it sits in the run (a PAN glued to other letters, as in
 * "gstin27ABCDE1234F1Z5", is still a PAN), keeping its last four
 * characters; for a GSTIN (two digits, the PAN, three more) the same
 * four of the GSTIN. Shape, not validity: a mistyped PAN is still
 * someone's PAN. */
static void mark_run(const char *run, size_t n, bool *mask)
{
    for (size_t i = 0; i + 10 <= n; i++) {
        if (!pan_shaped(run + i))
            continue;
        bool gstin = i >= 2 && digits(run + i - 2, 2) && i + 13 <= n;
        size_t from = gstin ? i - 2 : i, to = gstin ? i + 9 : i + 6;
        for (size_t k = from; k < to; k++)
            mask[k] = true;
    }
}

void log_redact(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    bool mask[512];

    if (cap == 0)
        return;
    while (*s && o + 1 < cap) {
        size_t n = 0;
        while (is_alnum(s[n]))
            n++;
        if (n == 0) {
            out[o++] = *s++;
            continue;
        }
        /* A run longer than the mask table: every character masked, as a
         * log line never needs 512 letters of one word. */
        bool whole = n > sizeof mask;
        if (!whole) {
            memset(mask, 0, n);
            mark_run(s, n, mask);
        }
        for (size_t i = 0; i < n && o + 1 < cap; i++)
            out[o++] = whole || mask[i] ? 'X' : s[i];
        s += n;
    }
    out[o] = '\0';
}

static bool needs_quotes(const char *v)
{
    if (*v == '\0')
        return true;
    for (; *v; v++)
        if ((unsigned char)*v <= ' ' || *v == '"' || *v == '=' || *v == '\\' || *v == 0x7f)
            return true;
    return false;
}

int log_put(struct buf *line, const char *key, const char *value)
{
    char clean[512];

    log_redact(value ? value : "", clean, sizeof clean);
    if (buf_printf(line, " %s=", key) != 0)
        return -1;
    if (!needs_quotes(clean))
        return buf_puts(line, clean);
    if (buf_putc(line, '"') != 0)
        return -1;
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
        int rc = *p == '"' || *p == '\\' ? buf_printf(line, "\\%c", *p)
                 : *p < ' ' || *p == 0x7f ? buf_printf(line, "\\x%02x", *p)
                                          : buf_putc(line, (char)*p);
        if (rc != 0)
            return -1;
    }
    return buf_putc(line, '"');
}

void log_emit(struct buf *line)
{
    char ts[32], head[40];
    struct timespec now;
    struct tm tm;

    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(head, sizeof head, "ts=%s.%03ldZ", ts, now.tv_nsec / 1000000);
    /* stderr is unbuffered: one fwrite per part could interleave with
     * another thread's line, so the parts go out as one string. */
    fprintf(stderr, "%s%s\n", head, buf_cstr(line));
}
