/* static_css.c: GET /static/site.css, the one style sheet.
 *
 * Mobile first: one column that reads on a 320 px screen, widening to a
 * 44 rem measure. Text is #1a1a1a on white and links #0b4fb3 (contrast
 * 15.9:1 and 7.3:1, WCAG AAA); focus is a thick outline that is never
 * removed; the line height leaves room for Devanagari vowel signs. It is
 * served, not inlined, so the Content-Security-Policy can forbid inline
 * styles and a slow link fetches it once (a day's cache, ETag after). */
#include <stdio.h>
#include <string.h>

#include "web/request.h"
#include "web/routes.h"

static const char css[] =
    "*,*::before,*::after{box-sizing:border-box}\n"
    "html{font-size:100%;-webkit-text-size-adjust:100%}\n"
    "body{margin:0;font-family:system-ui,\"Noto Sans\",\"Noto Sans Devanagari\",\"Lohit Devanagari\","
    "sans-serif;font-size:1.125rem;line-height:1.6;color:#1a1a1a;background:#fff}\n"
    "a{color:#0b4fb3;text-decoration:underline;text-underline-offset:.15em}\n"
    "a:visited{color:#5a2d91}\n"
    "a:focus,button:focus,input:focus{outline:3px solid #1a1a1a;outline-offset:2px;"
    "background:#ffdd00;color:#1a1a1a}\n"
    ".skip{position:absolute;left:-999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#1a1a1a}\n"
    ".skip:focus{left:0;z-index:1}\n"
    "header.site{background:#0b3d7a;color:#fff}\n"
    "header.site .bar{max-width:44rem;margin:0 auto;padding:.5rem 1rem}\n"
    "header.site a,header.site a:visited{color:#fff}\n"
    "header.site a:focus{color:#1a1a1a}\n"
    ".brand{font-weight:700;font-size:1.25rem;text-decoration:none}\n"
    "nav ul{list-style:none;margin:.25rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;"
    "align-items:center}\n"
    "nav form{margin:0}\n"
    "nav button{font:inherit;color:#fff;background:none;border:0;padding:0;text-decoration:underline;"
    "cursor:pointer}\n"
    "main{display:block;max-width:44rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.75rem;line-height:1.3;margin:.5rem 0 1rem}\n"
    "h2{font-size:1.375rem;line-height:1.3;margin:1.5rem 0 .5rem}\n"
    "p,ul{margin:0 0 1rem}\n"
    "section.user{border-left:5px solid #0b3d7a;padding:.25rem 0 .25rem 1rem;margin:0 0 1.5rem}\n"
    "label{display:block;font-weight:700;margin:1rem 0 .25rem}\n"
    "input[type=text],input[type=password]{display:block;width:100%;max-width:24rem;font:inherit;"
    "padding:.5rem;border:2px solid #1a1a1a;border-radius:0}\n"
    "button,.button{display:inline-block;font:inherit;font-weight:700;margin:1.25rem 0 0;"
    "padding:.5rem 1.25rem;color:#fff;background:#00703c;border:2px solid #00703c;"
    "text-decoration:none;cursor:pointer}\n"
    ".button:visited{color:#fff}\n"
    ".error{border-left:5px solid #b00020;padding:.25rem 0 .25rem 1rem;color:#b00020;font-weight:700}\n"
    "dl{margin:0 0 1rem}\n"
    "dt{font-weight:700}\n"
    "dd{margin:0 0 .5rem}\n"
    "select,textarea{display:block;width:100%;max-width:24rem;font:inherit;padding:.5rem;"
    "border:2px solid #1a1a1a;border-radius:0;background:#fff;color:#1a1a1a}\n"
    "input[type=search]{display:block;width:100%;max-width:24rem;font:inherit;padding:.5rem;"
    "border:2px solid #1a1a1a;border-radius:0}\n"
    "select:focus,textarea:focus{outline:3px solid #1a1a1a;outline-offset:2px}\n"
    "fieldset{border:1px solid #6b6b6b;margin:1rem 0;padding:.5rem 1rem 1rem}\n"
    "legend{font-weight:700;padding:0 .25rem}\n"
    ".hint{color:#4a4a4a;font-size:1rem;margin:0 0 .25rem}\n"
    ".pick label,label.inline{display:inline;font-weight:400;margin:0 1rem 0 .25rem}\n"
    "input[type=checkbox],input[type=radio]{width:1.4rem;height:1.4rem;vertical-align:middle}\n"
    ".fact{border-bottom:1px solid #d0d0d0;padding:0 0 .75rem}\n"
    ".source{font-size:1rem;color:#4a4a4a;margin:.25rem 0 0}\n"
    "ol.schemes{list-style:none;padding:0}\n"
    "li.scheme{border:2px solid #6b6b6b;padding:.5rem 1rem;margin:0 0 1rem}\n"
    "li.scheme.eligible{border-color:#00703c}\n"
    "li.scheme h3{margin:.25rem 0;font-size:1.2rem}\n"
    ".status{margin:0 0 .5rem}\n"
    "ul.why{padding-left:1.25rem;font-size:1rem}\n"
    ".ask{background:#f3f2f1;padding:.5rem 1rem;margin:0 0 1.5rem}\n"
    ".done{border-left:5px solid #00703c;padding:.25rem 0 .25rem 1rem;font-weight:700}\n"
    ".wide{overflow-x:auto}\n"
    /* A long URL (a scheme's source) must wrap on a 360 px phone, not widen the page. */
    "li a{overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;width:100%;font-size:1rem}\n"
    "caption{text-align:left;font-weight:700;padding:.25rem 0}\n"
    "th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .5rem .4rem 0;text-align:left;vertical-align:top}\n"
    "tr.late td,tr.new td{font-weight:700}\n"
    "footer.site{max-width:44rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #6b6b6b;"
    "font-size:1rem}\n"
    /* The stress heatmap (svg_heatmap.c): cell size, the five colour steps
     * and the text colour on each (contrast checked in test_svg_heatmap.c). */
    "svg.heatmap{display:block;max-width:none;margin:0 0 1rem}\n"
    "svg.heatmap rect.c{width:52px;height:22px}\n"
    "svg.heatmap text{font:11px sans-serif;fill:#000}\n"
    "svg.heatmap text.v{text-anchor:middle}svg.heatmap text.r{text-anchor:end}\n"
    ".h0{fill:#ffffcc}.h1{fill:#fed976}.h2{fill:#fd8d3c}.h3{fill:#e31a1c}.h4{fill:#800026}\n"
    "svg.heatmap .h3+text,svg.heatmap .h4+text{fill:#fff}\n"
    "svg.heatmap .hw+text{font-weight:700}svg.heatmap .he{fill:#fff;stroke:#bbb}\n"
    "ol.watch{padding-left:1.5rem}ol.watch li{margin:0 0 1rem}\n"
    ".prob{font-weight:700}\n";

/* FNV-1a of the sheet: changes whenever the text does. */
static unsigned long long css_etag(void)
{
    unsigned long long h = 0xcbf29ce484222325ULL;

    for (const unsigned char *p = (const unsigned char *)css; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}

int static_css(struct web_request *rq, struct web_response *rs, struct err *e)
{
    char etag[24];

    (void)rq;
    snprintf(etag, sizeof etag, "\"%016llx\"", css_etag());
    rs->cache_control = "public, max-age=86400";
    rs->content_type = "text/css; charset=utf-8";
    if (web_response_header(rs, "ETag", "%s", etag) != 0)
        return err_set(e, "cannot set ETag");
    if (rq->if_none_match != NULL && strcmp(rq->if_none_match, etag) == 0) {
        rs->status = 304;
        return 0;
    }
    if (buf_append(&rs->body, css, sizeof css - 1) != 0)
        return err_set(e, "out of memory");
    return 0;
}
