/* i18n.h: English and Hindi pages through GNU gettext, chosen per request.
 *
 * Why uselocale(): the server answers requests for different languages at
 * the same time on its worker threads, and setlocale() is process-wide.
 * glibc's gettext reads the LC_MESSAGES of the *calling thread's* locale,
 * so each request installs a per-language locale_t with uselocale() for
 * the time it renders, and puts the old one back. The locale objects are
 * made once at start (newlocale) and only read afterwards. Hindi needs the
 * hi_IN.UTF-8 locale to be generated on the machine (scripts/ensure-deps
 * does it); without it Hindi requests get English and the server says so
 * at start and in /healthz. English uses the "C" LC_MESSAGES, for which
 * gettext returns the English msgid without a catalogue lookup.
 *
 * LANGUAGE in the environment overrides every locale in glibc's gettext,
 * so the server unsets it before its threads start (cmd_serve.c). */
#ifndef SAMANVAY_I18N_H
#define SAMANVAY_I18N_H

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>

#include "core/err.h"

#define I18N_DOMAIN "samanvay"
#define _(s) dgettext(I18N_DOMAIN, s)
#define N_(s) s   /* marks a string for xgettext; translate it later with _() */

enum lang { LANG_EN = 0, LANG_HI, LANG_COUNT };

struct i18n;

/* Bind the catalogue directory and make one locale per language. Fails
 * only when memory runs out or C.UTF-8 is missing; a missing Hindi locale
 * is reported by i18n_has(). */
int i18n_new(const char *localedir, struct i18n **out, struct err *e);
void i18n_free(struct i18n *t);
bool i18n_has(const struct i18n *t, enum lang l);

/* Make this thread translate into `l` until i18n_end(previous). */
locale_t i18n_begin(const struct i18n *t, enum lang l);
void i18n_end(locale_t previous);

const char *i18n_code(enum lang l);              /* "en" | "hi" */
int i18n_parse(const char *code, enum lang *out); /* 0, or -1 when not ours */

/* The language of one request: `?lang=` first, then the `lang` cookie,
 * then the best Accept-Language match; English when nothing decides.
 * Any of the three may be NULL. */
enum lang i18n_negotiate(const char *query, const char *cookie, const char *accept_language);

#endif
