/* html.h: the frame every page shares (head, skip link, header with the
 * language switch and sign-in state, footer) and the error pages.
 *
 * All text goes out through buf_put_html (element content and quoted
 * attributes) or html_put_url_component (inside an href); raw output is
 * only for our own literal markup. */
#ifndef SAMANVAY_HTML_H
#define SAMANVAY_HTML_H

#include <stdbool.h>

#include "core/buf.h"
#include "web/request.h"

#define HTML_PAGE_LIMIT ((size_t)50 * 1024)  /* every page stays under 50 KB */

/* Start a page: sets the content type and writes up to <main>. */
int html_begin(struct web_response *rs, const struct web_request *rq, const char *title);
/* Close <main> and the page. */
int html_end(struct web_response *rs, const struct web_request *rq);

/* A path of ours inside an href: bytes other than unreserved and '/' are
 * percent-encoded, so a strange request path cannot break out. */
int html_put_url_path(struct buf *b, const char *path);
/* Percent-encode every byte but the RFC 3986 unreserved ones. */
int html_put_url_component(struct buf *b, const char *s);
/* A translated sentence holding one "%s": the text around it as is, the
 * value HTML-escaped (a translator may move the %s anywhere). */
int html_put_sentence(struct buf *b, const char *fmt, const char *value);
/* <input type="hidden" name="csrf" value="..."> for the caller's session. */
int html_put_csrf(struct buf *b, const struct web_request *rq);

/* A whole error page. `sign_in` adds a link to /login (for 401). */
int html_error_page(struct web_response *rs, const struct web_request *rq, int status,
                    const char *title, const char *message, bool sign_in);

#endif
