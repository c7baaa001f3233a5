#include "core/buf.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

static size_t buf_limit(const struct buf *b)
{
    return b->limit ? b->limit : BUF_DEFAULT_LIMIT;
}

int buf_reserve(struct buf *b, size_t extra)
{
    size_t need, cap;
    char *grown;

    if (extra > buf_limit(b) || b->len > buf_limit(b) - extra)
        return -1;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    grown = mem_realloc(b->data, cap);
    if (grown == NULL)
        return -1;
    b->data = grown;
    b->cap = cap;
    return 0;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return -1;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n < 0 || buf_reserve(b, (size_t)n) != 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int buf_put_html(struct buf *b, const char *s)
{
    const char *run = s;

    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        if (buf_append(b, run, (size_t)(s - run)) != 0 || buf_puts(b, rep) != 0)
            return -1;
        run = s + 1;
    }
    return buf_append(b, run, (size_t)(s - run));
}

const char *buf_cstr(const struct buf *b)
{
    return b->data ? b->data : "";
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_release(struct buf *b)
{
    size_t limit = b->limit;

    mem_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->limit = limit;
}

char *buf_detach(struct buf *b)
{
    char *p = b->data;

    if (p == NULL)
        p = mem_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
