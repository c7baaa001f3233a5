/* html_form.c: see html_form.h. */
#include "web/html_form.h"

#include <string.h>

#include "web/i18n.h"

const char *html_rupee_hint(void)
{
    return _("In rupees, digits only, for example 1250000 for ₹12.5 lakh.");
}

static int put_label_hint_error(struct buf *b, const char *name, const char *label,
                                const char *hint, const char *error)
{
    if (buf_puts(b, "<label for=\"") || buf_put_html(b, name) || buf_puts(b, "\">")
        || buf_put_html(b, label) || buf_puts(b, "</label>\n"))
        return -1;
    if (hint != NULL && *hint
        && (buf_puts(b, "<p class=\"hint\" id=\"") || buf_put_html(b, name)
            || buf_puts(b, "-hint\">") || buf_put_html(b, hint) || buf_puts(b, "</p>\n")))
        return -1;
    if (error != NULL && *error
        && (buf_puts(b, "<p class=\"error\" id=\"") || buf_put_html(b, name)
            || buf_puts(b, "-error\">") || buf_put_html(b, error) || buf_puts(b, "</p>\n")))
        return -1;
    return 0;
}

static int put_described(struct buf *b, const char *name, const char *hint, const char *error)
{
    bool h = hint != NULL && *hint, x = error != NULL && *error;

    if (!h && !x)
        return 0;
    if (buf_puts(b, " aria-describedby=\"")
        || (h && (buf_put_html(b, name) || buf_puts(b, "-hint")))
        || (x && ((h && buf_putc(b, ' ')) || buf_put_html(b, name) || buf_puts(b, "-error")))
        || buf_putc(b, '"'))
        return -1;
    return x ? buf_puts(b, " aria-invalid=\"true\"") : 0;
}

int html_input(struct buf *b, const char *name, const char *label, const char *type,
               const char *value, const char *hint, const char *error, bool required)
{
    if (put_label_hint_error(b, name, label, hint, error) || buf_puts(b, "<input type=\"")
        || buf_puts(b, type) || buf_puts(b, "\" id=\"") || buf_put_html(b, name)
        || buf_puts(b, "\" name=\"") || buf_put_html(b, name) || buf_puts(b, "\" value=\"")
        || buf_put_html(b, value ? value : "") || buf_putc(b, '"')
        || put_described(b, name, hint, error) || (required && buf_puts(b, " required"))
        || buf_puts(b, ">\n"))
        return -1;
    return 0;
}

int html_textarea(struct buf *b, const char *name, const char *label, const char *value,
                  const char *hint, const char *error, bool required)
{
    if (put_label_hint_error(b, name, label, hint, error) || buf_puts(b, "<textarea id=\"")
        || buf_put_html(b, name) || buf_puts(b, "\" name=\"") || buf_put_html(b, name)
        || buf_puts(b, "\" rows=\"5\"") || put_described(b, name, hint, error)
        || (required && buf_puts(b, " required")) || buf_putc(b, '>')
        || buf_put_html(b, value ? value : "") || buf_puts(b, "</textarea>\n"))
        return -1;
    return 0;
}

static int put_option(struct buf *b, const char *value, const char *label, bool selected)
{
    if (buf_puts(b, "<option value=\"") || buf_put_html(b, value) || buf_putc(b, '"')
        || (selected && buf_puts(b, " selected")) || buf_putc(b, '>') || buf_put_html(b, label)
        || buf_puts(b, "</option>\n"))
        return -1;
    return 0;
}

static int put_select(struct buf *b, const char *name, enum profile_field f, const char *value,
                      bool boolean, bool hindi)
{
    size_t n;
    const struct profile_field_desc *d = &profile_fields(&n)[f];

    if (buf_puts(b, "<select id=\"") || buf_put_html(b, name) || buf_puts(b, "\" name=\"")
        || buf_put_html(b, name) || buf_puts(b, "\">\n")
        || put_option(b, "", _("Choose one"), *value == '\0'))
        return -1;
    if (boolean)
        return put_option(b, "yes", _("Yes"), strcmp(value, "yes") == 0)
               || put_option(b, "no", _("No"), strcmp(value, "no") == 0)
               || buf_puts(b, "</select>\n") ? -1 : 0;
    for (int64_t i = 0; d->values[i] != NULL; i++)
        if (put_option(b, d->values[i], profile_value_label(f, i, hindi),
                       strcmp(value, d->values[i]) == 0))
            return -1;
    return buf_puts(b, "</select>\n");
}

int html_profile_control(struct buf *b, const char *name, enum profile_field f, const char *label,
                         const char *value, const char *error, bool hindi)
{
    size_t n;
    const struct profile_field_desc *d = &profile_fields(&n)[f];
    const char *hint = d->type == PF_MONEY  ? html_rupee_hint()
                       : d->type == PF_DATE ? _("As year-month-day, for example 2024-04-01.")
                                            : NULL;

    if (d->type == PF_ENUM || d->type == PF_BOOL) {
        if (put_label_hint_error(b, name, label, NULL, error))
            return -1;
        return put_select(b, name, f, value, d->type == PF_BOOL, hindi);
    }
    return html_input(b, name, label,
                      d->type == PF_MONEY || d->type == PF_INT ? "text"
                                                               : "text",
                      value, hint, error, false);
}
