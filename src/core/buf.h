/* buf.h: a growable byte buffer with a hard size limit.
 *
 * The bytes are always NUL-terminated so a buf can be used as a C string.
 * The caller owns the struct; buf_release frees the storage. */
#ifndef SAMANVAY_BUF_H
#define SAMANVAY_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;     /* NUL-terminated; NULL until the first append */
    size_t len;     /* bytes used, not counting the NUL */
    size_t cap;     /* bytes allocated */
    size_t limit;   /* most bytes `len` may reach; 0 means BUF_DEFAULT_LIMIT */
};

#define BUF_DEFAULT_LIMIT ((size_t)1 << 30)
#define BUF_INIT {NULL, 0, 0, 0}

/* Each returns 0, or -1 when memory runs out or the limit would be passed;
 * on failure the buffer keeps its old contents. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int buf_reserve(struct buf *b, size_t extra);

/* Text as it must appear inside HTML element content or a quoted attribute. */
int buf_put_html(struct buf *b, const char *s);

const char *buf_cstr(const struct buf *b);  /* "" when empty */
void buf_reset(struct buf *b);               /* len = 0, keeps storage */
void buf_release(struct buf *b);             /* frees storage, back to BUF_INIT */
/* Hand the storage to the caller (who frees it with mem_free); b is reset. */
char *buf_detach(struct buf *b);

#endif
