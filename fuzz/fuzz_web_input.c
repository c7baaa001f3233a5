/* Fuzz the parsers of what a browser sends: form bodies, the Cookie
 * header, request paths through the router's table, and query values
 * (web_parse_long, web_parse_state). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/cookie.h"
#include "web/request.h"
#include "web/form.h"
#include "web/router.h"
#include "web/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A good value is digits only and prints back as itself (no sign, space
 * or "+"; a state is two digits), in its range. */
static void check_query_values(const char *text)
{
    char back[32];
    long v = -1;
    int code = -1;

    if (web_parse_long(text, 1, 1000, &v) == 0) {
        if (v < 1 || v > 1000 || text[0] < '0' || text[0] > '9')
            abort();
        snprintf(back, sizeof back, "%ld", v);
        if (strcmp(back, text + strspn(text, "0")) != 0)
            abort();
    }
    if (web_parse_state(text, &code) == 0) {
        snprintf(back, sizeof back, "%02d", code);
        if (strcmp(back, text) != 0 || code < 1 || (code > 38 && code != 97 && code != 99))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"username", "password", "csrf", "lang", "a"};
    char text[4096], out[256];
    const struct route *table;
    struct router_match m;
    size_t n_routes;

    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (form_get(text, size, names[i], out, sizeof out) == 0 && strlen(out) >= sizeof out)
            abort();
        if (cookie_get(text, names[i], out, sizeof out) == 0 && strlen(out) >= sizeof out)
            abort();
        /* form_text: a present, good field is text; otherwise out is empty */
        enum form_text_result t = form_text(text, size, names[i], out, sizeof out);
        if (strlen(out) >= sizeof out || (t != FORM_OK && out[0] != '\0'))
            abort();
        for (const unsigned char *c = (const unsigned char *)out; t == FORM_OK && *c; c++)
            if (*c < 0x20 || *c == 0x7f)
                abort();
    }
    check_query_values(text);
    if (form_decode(text, size, out, sizeof out) == 0 && strlen(out) >= sizeof out)
        abort();
    table = web_routes(&n_routes);
    for (int k = 0; k < 2; k++) {
        enum router_result r = router_match(table, n_routes, k ? "POST" : "GET", text, &m);
        if (r == ROUTER_FOUND && (m.route == NULL || m.n_params > ROUTER_MAX_PARAMS))
            abort();
        for (int p = 0; r == ROUTER_FOUND && p < m.n_params; p++)
            if (strlen(m.params[p].value) >= ROUTER_PARAM_MAX)
                abort();
    }
    return 0;
}
