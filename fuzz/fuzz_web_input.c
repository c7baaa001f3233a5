/* Fuzz the parsers of what a browser sends: form bodies, the Cookie
 * header, and request paths through the router's table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/cookie.h"
#include "web/form.h"
#include "web/router.h"
#include "web/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
