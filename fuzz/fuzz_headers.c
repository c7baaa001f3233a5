/* Fuzz the readers of request headers (web/i18n.c, web/cookie.c,
 * web/session.c, web/response.c): the input is split at newlines into a
 * ?lang= value, a Cookie header and an Accept-Language header (the
 * Content-Type too). The language is always one of ours, a ?lang= or
 * cookie that names one wins, a session cookie is looked up only when it
 * is 64 lower-case hex digits, and cookie values fit their buffer. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/cookie.h"
#include "web/i18n.h"
#include "web/request.h"
#include "web/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_session_cookie(const char *value)
{
    char hash[AUTH_HEX_TOKEN];
    size_t n = strlen(value);
    bool hex = n == 64 && strspn(value, "0123456789abcdef") == 64;

    if ((session_id_hash(value, hash) == 0) != hex)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[2048], *part[3] = {text, "", ""}, lang_cookie[8], session[AUTH_HEX_TOKEN + 1];
    enum lang l, want;
    int n = 1;

    if (size >= sizeof text || memchr(data, '\0', size) != NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (char *p = text; n < 3 && (p = strchr(p, '\n')) != NULL; n++) {
        *p++ = '\0';
        part[n] = p;
    }
    if (cookie_get(part[1], "lang" /* server.c, LANG_COOKIE */, lang_cookie, sizeof lang_cookie) != 0)
        lang_cookie[0] = '\0';
    else if (strlen(lang_cookie) >= sizeof lang_cookie)
        abort();
    l = i18n_negotiate(part[0], lang_cookie, part[2]);
    if (l != LANG_EN && l != LANG_HI)
        abort();
    if ((i18n_parse(part[0], &want) == 0 || i18n_parse(lang_cookie, &want) == 0) && l != want)
        abort();
    if (cookie_get(part[1], SESSION_COOKIE, session, sizeof session) == 0) {
        if (strlen(session) >= sizeof session)
            abort();
        check_session_cookie(session);
    }
    check_session_cookie(part[0]);
    if (web_is_json(part[2]) && strncmp(part[2], "application/json", 16) != 0)
        abort();
    return 0;
}
