/* svg_bars.c: see svg_bars.h. Colours: the heatmap palette's darkest step
 * for bars (#800026; white page, contrast well above 3:1 for a graphic). */
#include "web/svg_bars.h"

#include <stdio.h>

#include "web/i18n.h"
#include "web/svg_heatmap.h"

#define LABEL_W 200
#define BAR_W 260
#define ROW_H 20
#define LABEL_CHARS 30     /* 11 px text in LABEL_W */

int svg_put_short(struct buf *b, const char *s, int chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    char cut[512];

    for (int n = 0; p[i] && n < chars; n++)
        for (i++; (p[i] & 0xC0) == 0x80; i++)
            ;
    if (p[i] == '\0')
        return buf_put_html(b, s);
    snprintf(cut, sizeof cut, "%.*s", (int)(i < sizeof cut ? i : sizeof cut - 1), s);
    return buf_put_html(b, cut) || buf_puts(b, "…");
}

static int put_bar(struct buf *b, const struct svg_bar *bar, int y)
{
    char share[16];
    int w;

    if (buf_printf(b, "<g transform=\"translate(0,%d)\"><title>", y) || buf_put_html(b, bar->label))
        return -1;
    if (bar->withheld)
        return buf_printf(b, ": %s</title><text x=\"%d\" y=\"14\" text-anchor=\"end\">", _("withheld"),
                          LABEL_W - 6)
               || svg_put_short(b, bar->label, LABEL_CHARS)
               || buf_printf(b, "</text><rect x=\"%d\" y=\"3\" width=\"14\" height=\"14\" fill=\"url(#bar-w)\"/>"
                                "<text x=\"%d\" y=\"14\">x</text></g>\n",
                             LABEL_W, LABEL_W + 20);
    svg_heatmap_share_text(bar->value, share, sizeof share);
    w = (int)(bar->value * BAR_W + 0.5);
    return buf_printf(b, ": %s</title><text x=\"%d\" y=\"14\" text-anchor=\"end\">", share,
                      LABEL_W - 6)
           || svg_put_short(b, bar->label, LABEL_CHARS)
           || buf_printf(b, "</text><rect x=\"%d\" y=\"3\" width=\"%d\" height=\"14\" fill=\"#800026\"/>"
                            "<text x=\"%d\" y=\"14\">%s</text></g>\n",
                         LABEL_W, w, LABEL_W + w + 4, share);
}

int svg_bars_put(struct buf *b, const char *aria_label, const struct svg_bar *bars, size_t n)
{
    int width = LABEL_W + BAR_W + 50, height = (int)n * ROW_H + 8;

    if (buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" "
                      "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\" aria-label=\"",
                   width, height, width, height)
        || buf_put_html(b, aria_label)
        || buf_puts(b, "\"><defs><pattern id=\"bar-w\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                       "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/>"
                       "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\"/></pattern></defs>\n"))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_bar(b, &bars[i], 4 + (int)i * ROW_H))
            return -1;
    return buf_puts(b, "</svg>\n");
}
