/* svg_tilemap.h: India's states and union territories as a grid of equal
 * square tiles, each coloured by a share (the awareness gap's map).
 *
 * Why tiles and not boundaries: no boundary file ships with Samanvay
 * (and a district map at phone size would be unreadable); equal tiles
 * give every state the same weight, whatever its area, which is what a
 * rate per state needs. The layout (state_tile_position) keeps each state
 * near its neighbours; it is ours and approximate, not a projection.
 *
 * Every tile carries its state's two-letter key and its share as text, so
 * the map reads in greyscale; a withheld tile (small-cell rule) is hatched
 * and marked "x", a state with no one eligible is white and marked "–".
 * A tile with an href is a link (keyboard-focusable in the SVG), so the
 * picture is role="group" (an image's children would be hidden) with an
 * aria-label, a <title> per tile and a legend. The page puts the
 * same figures in a table. */
#ifndef SAMANVAY_SVG_TILEMAP_H
#define SAMANVAY_SVG_TILEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define SVG_TILEMAP_BINS 5

enum svg_tile_kind { SVG_TILE_EMPTY = 0, SVG_TILE_VALUE, SVG_TILE_WITHHELD };

struct svg_tile {
    int gst;               /* the state's GST code: where its tile goes */
    const char *key;       /* "MH", printed on the tile */
    const char *title;     /* the state's full name, in the page's language */
    const char *href;      /* or NULL; written as given: already escaped for an attribute */
    enum svg_tile_kind kind;
    double share;          /* 0..1 for SVG_TILE_VALUE */
};

struct svg_tilemap_bin {
    double from;
    const char *fill, *ink;
};

/* Row and column of a state's tile by its GST code; -1 for a code with no
 * tile (97, "other territory"). */
int state_tile_position(int gst, int *row, int *col);
/* Tiles whose state has no position are left out. -1 on out of memory. */
int svg_tilemap_put(struct buf *b, const char *aria_label, const char *legend_title,
                    const struct svg_tile *tiles, size_t n);
int svg_tilemap_bin_of(double share);
const struct svg_tilemap_bin *svg_tilemap_bin(int i);

#endif
