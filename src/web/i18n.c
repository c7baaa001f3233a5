#include "web/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

struct i18n {
    locale_t loc[LANG_COUNT];
};

static const char *const codes[LANG_COUNT] = {"en", "hi"};

int i18n_new(const char *localedir, struct i18n **out, struct err *e)
{
    struct i18n *t = mem_calloc(1, sizeof *t);
    locale_t base, hindi_base;

    if (t == NULL)
        return err_set(e, "out of memory");
    if (bindtextdomain(I18N_DOMAIN, localedir) == NULL
        || bind_textdomain_codeset(I18N_DOMAIN, "UTF-8") == NULL) {
        mem_free(t);
        return err_set(e, "gettext: cannot bind %s", localedir);
    }
    base = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
    if (base == (locale_t)0) {
        mem_free(t);
        return err_set(e, "the C.UTF-8 locale is missing");
    }
    /* newlocale() consumes its base, so Hindi gets a copy. */
    hindi_base = duplocale(base);
    t->loc[LANG_EN] = newlocale(LC_MESSAGES_MASK, "C", base);
    if (hindi_base != (locale_t)0) {
        t->loc[LANG_HI] = newlocale(LC_MESSAGES_MASK, "hi_IN.UTF-8", hindi_base);
        if (t->loc[LANG_HI] == (locale_t)0)
            freelocale(hindi_base);
    }
    if (t->loc[LANG_EN] == (locale_t)0) {
        i18n_free(t);
        return err_set(e, "cannot make the English locale");
    }
    *out = t;
    return 0;
}

void i18n_free(struct i18n *t)
{
    if (t == NULL)
        return;
    for (int i = 0; i < LANG_COUNT; i++)
        if (t->loc[i] != (locale_t)0)
            freelocale(t->loc[i]);
    mem_free(t);
}

bool i18n_has(const struct i18n *t, enum lang l)
{
    return (unsigned)l < LANG_COUNT && t->loc[l] != (locale_t)0;
}

locale_t i18n_begin(const struct i18n *t, enum lang l)
{
    locale_t use = i18n_has(t, l) ? t->loc[l] : t->loc[LANG_EN];
    return uselocale(use);
}

void i18n_end(locale_t previous)
{
    uselocale(previous);
}

const char *i18n_code(enum lang l)
{
    return (unsigned)l < LANG_COUNT ? codes[l] : codes[LANG_EN];
}

int i18n_parse(const char *code, enum lang *out)
{
    for (int i = 0; i < LANG_COUNT; i++) {
        if (code != NULL && strcmp(code, codes[i]) == 0) {
            *out = (enum lang)i;
            return 0;
        }
    }
    return -1;
}

/* "0.8" -> 800: qvalues in per mille, so no floating point (RFC 9110 12.4.2). */
static int qvalue(const char *p, const char *end)
{
    int value = 0, scale = 100;

    if (p < end && *p == '1')
        return 1000;
    if (p >= end || *p != '0')
        return 0;
    if (++p < end && *p == '.')
        p++;
    for (; p < end && scale > 0 && *p >= '0' && *p <= '9'; p++, scale /= 10)
        value += (*p - '0') * scale;
    return value;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* One Accept-Language entry, "hi-IN;q=0.8": its primary tag in lower case
 * (empty when longer than 3 letters) and its quality. */
static int range_quality(const char *p, size_t n, char tag[4])
{
    const char *end = p + n, *q;
    size_t t = 0;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (p + t < end && t < 3 && is_alpha(p[t])) {
        tag[t] = (char)(p[t] | 0x20);
        t++;
    }
    tag[p + t < end && is_alpha(p[t]) ? 0 : t] = '\0';
    for (q = p; q < end && *q != ';'; q++)
        ;
    while (q < end) {
        for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
            ;
        if (end - q >= 2 && (*q == 'q' || *q == 'Q') && q[1] == '=')
            return qvalue(q + 2, end);
        while (q < end && *q != ';')
            q++;
    }
    return 1000;
}

static enum lang from_accept_language(const char *h)
{
    int best_q = 0;
    enum lang best = LANG_EN;

    while (h != NULL && *h) {
        const char *comma = strchr(h, ',');
        size_t n = comma ? (size_t)(comma - h) : strlen(h);
        char tag[4];
        enum lang l;
        int q = range_quality(h, n, tag);
        h = comma ? comma + 1 : h + n;
        /* Ties keep the earlier entry: the header lists preference order. */
        if (i18n_parse(tag, &l) == 0 && q > best_q) {
            best_q = q;
            best = l;
        }
    }
    return best;
}

enum lang i18n_negotiate(const char *query, const char *cookie, const char *accept_language)
{
    enum lang l;

    if (i18n_parse(query, &l) == 0 || i18n_parse(cookie, &l) == 0)
        return l;
    return from_accept_language(accept_language);
}
