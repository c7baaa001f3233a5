/* page_heatmap.c: GET /stress/heatmap, where stress is, for state and
 * national users.
 *
 * The share of scored enterprises in stress (latest score at or above
 * STRESS_ALERT_PROBABILITY) by state × sector, or with ?state=NN by
 * district × sector, as an SVG heatmap (svg_heatmap.c) and the same
 * figures as a table. A policymaker may open it, so nothing here names an
 * enterprise: every cell of fewer than SUPPRESS_MIN_ENTERPRISES is withheld,
 * and since each row shows its total, one more cell of a row with a single
 * withheld cell (suppress_row); in a state's view the columns get the same
 * (suppress_table). A shown cell's share is withheld too when 1 to 4 of
 * its enterprises are in stress, or 1 to 4 are not (share_withheld). Who
 * sees which state follows the cluster pages (scope_area_of: narrowing
 * never widens); anyone scoped to a district is refused: a district
 * row of their own state would be theirs alone to read at this grain, and
 * the watchlist is their view. Rows come 20 to a page, so a state of 75
 * districts stays under the 50 KB page limit. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics/stress_reason.h"
#include "analytics/stress_sector.h"
#include "analytics/suppress.h"
#include "core/alloc.h"
#include "store/store_stress_view.h"
#include "web/access_scope.h"
#include "web/html.h"
#include "web/routes.h"
#include "web/svg_heatmap.h"

#define HEATMAP_ROWS 20
#define HEATMAP_PLACES_MAX 2000   /* districts of one state, or states */

struct hm_row {
    char key[64];                /* GST state code or district as stored */
    char label[160];
    int64_t scored[SECTOR_COUNT], stressed[SECTOR_COUNT];
    double psum[SECTOR_COUNT];
};

struct hm {
    const struct web_request *rq;
    bool national;
    struct hm_row *rows;
    size_t n, cap;
    int cols[SECTOR_COUNT];      /* the sectors shown, in order */
    size_t n_cols;
    bool *hide;                  /* n × n_cols: the cells withheld */
    bool *hide_total;            /* n: the rows whose total is withheld */
};

static struct hm_row *row_for(struct hm *m, const char *key)
{
    /* Districts as the store groups them: one place whatever the case. */
    for (size_t i = 0; i < m->n; i++)
        if (m->national ? strcmp(m->rows[i].key, key) == 0 : strcasecmp(m->rows[i].key, key) == 0)
            return &m->rows[i];
    if (m->n == HEATMAP_PLACES_MAX)
        return NULL;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        void *p = mem_realloc(m->rows, cap * sizeof *m->rows);
        if (p == NULL)
            return NULL;
        m->rows = p;
        m->cap = cap;
    }
    memset(&m->rows[m->n], 0, sizeof m->rows[0]);
    snprintf(m->rows[m->n].key, sizeof m->rows[0].key, "%s", key);
    return &m->rows[m->n++];
}

static int add_group(void *ctx, const struct stress_group *g)
{
    struct hm *m = ctx;
    struct hm_row *r = row_for(m, m->national ? g->gst_state : g->district);
    enum stress_sector s = stress_sector_of_nic(g->division);

    if (r == NULL)
        return -1;
    r->scored[s] += g->scored;
    r->stressed[s] += g->stressed;
    r->psum[s] += g->probability_sum;
    return 0;
}

static int by_label(const void *a, const void *b)
{
    return strcmp(((const struct hm_row *)a)->label, ((const struct hm_row *)b)->label);
}

/* Names for rows, the sort, and the columns any row uses. */
static void finish(struct hm *m)
{
    const struct web_request *rq = m->rq;

    for (size_t i = 0; i < m->n; i++) {
        struct hm_row *r = &m->rows[i];
        const struct state_info *st = m->national ? refdata_state_by_gst(rq->app->ref, atoi(r->key)) : NULL;
        if (m->national)
            snprintf(r->label, sizeof r->label, "%s",
                     st == NULL ? r->key : rq->lang == LANG_HI && st->name_hi[0] ? st->name_hi : st->name);
        else
            snprintf(r->label, sizeof r->label, "%s", r->key[0] ? r->key : _("District not known"));
    }
    if (m->n > 1)
        qsort(m->rows, m->n, sizeof *m->rows, by_label);
    m->n_cols = 0;
    for (int s = 0; s < SECTOR_COUNT; s++)
        for (size_t i = 0; i < m->n; i++)
            if (m->rows[i].scored[s] > 0) {
                m->cols[m->n_cols++] = s;
                break;
            }
}

static int64_t cell_n(const struct hm *m, size_t r, size_t c)
{
    return m->rows[r].scored[m->cols[c]];
}

/* One line of cells (a row, or a column): when exactly one non-empty
 * cell of it is withheld, withhold the smallest shown non-empty one too.
 * True when it withheld one. */
static bool complete_line(const struct hm *m, size_t first, size_t count, size_t step)
{
    size_t hidden = 0, best = SIZE_MAX;

    for (size_t k = 0, i = first; k < count; k++, i += step) {
        int64_t n = cell_n(m, i / m->n_cols, i % m->n_cols);
        if (n == 0)
            continue;
        if (m->hide[i])
            hidden++;
        else if (best == SIZE_MAX || n < cell_n(m, best / m->n_cols, best % m->n_cols))
            best = i;
    }
    if (hidden != 1 || best == SIZE_MAX)
        return false;
    m->hide[best] = true;
    return true;
}

static int64_t row_total(const struct hm *m, size_t r)
{
    int64_t t = 0;

    for (size_t c = 0; c < m->n_cols; c++)
        t += cell_n(m, r, c);
    return t;
}

/* The totals column of a state's view adds up to the state's total in
 * the national view: when exactly one district's total is withheld, the
 * smallest other district is withheld whole (its total could otherwise
 * be summed from its cells). True when it withheld one. */
static bool complete_totals(const struct hm *m)
{
    size_t hidden = 0, best = SIZE_MAX;

    for (size_t r = 0; r < m->n; r++) {
        if (m->hide_total[r])
            hidden++;
        else if (best == SIZE_MAX || row_total(m, r) < row_total(m, best))
            best = r;
    }
    if (hidden != 1 || best == SIZE_MAX)
        return false;
    m->hide_total[best] = true;
    for (size_t c = 0; c < m->n_cols; c++)
        if (cell_n(m, best, c) > 0)
            m->hide[best * m->n_cols + c] = true;
    return true;
}

/* The small-cell rule over the whole table, not only the page shown: each
 * row with its total (suppress_row); and in a state's view also each
 * column, because the national view publishes the state's sector figures,
 * which are the columns' totals here: a column with one withheld cell
 * would give it away as that total minus the others. Withholding one cell
 * can expose another line, so rows and columns (and the totals column,
 * complete_totals) are completed in turn until nothing changes. */
static int suppress_table(struct hm *m)
{
    int64_t n[SECTOR_COUNT];
    bool changed = true;

    m->hide = mem_calloc(m->n * m->n_cols + 1, sizeof *m->hide);
    m->hide_total = mem_calloc(m->n + 1, sizeof *m->hide_total);
    if (m->hide == NULL || m->hide_total == NULL)
        return -1;
    for (size_t r = 0; r < m->n; r++) {
        int64_t total = 0;
        for (size_t c = 0; c < m->n_cols; c++)
            total += n[c] = cell_n(m, r, c);
        suppress_row(n, m->n_cols, true, &m->hide[r * m->n_cols]);
        m->hide_total[r] = suppress_cell(total);
    }
    while (changed && !m->national) {
        changed = complete_totals(m);
        for (size_t c = 0; c < m->n_cols; c++)
            changed |= complete_line(m, c, m->n, m->n_cols);
        for (size_t r = 0; r < m->n; r++)
            changed |= complete_line(m, r * m->n_cols, m->n_cols, 1);
    }
    return 0;
}

/* The attribute rule: a cell large enough to show may still tell that all,
 * or all but a few, of its enterprises are in stress (5 of 5), or that a
 * few named-by-elimination are (2 of 40 in a small district). Its share is
 * withheld when the stressed or the not-stressed count is 1 to
 * SUPPRESS_MIN_ENTERPRISES - 1; the number scored is still shown. */
static bool share_withheld(int64_t stressed, int64_t n)
{
    int64_t calm = n - stressed;

    return (stressed > 0 && stressed < SUPPRESS_MIN_ENTERPRISES) || (calm > 0 && calm < SUPPRESS_MIN_ENTERPRISES);
}

/* Whether row r's total share is withheld: by the rule on its own counts,
 * or because one of its cells' shares is, which the total and the other
 * cells' shares would give back by subtraction. */
static bool total_share_withheld(const struct hm *m, size_t r, int64_t stressed, int64_t total)
{
    if (share_withheld(stressed, total))
        return true;
    for (size_t c = 0; c < m->n_cols; c++) {
        int s = m->cols[c];
        if (!m->hide[r * m->n_cols + c] && share_withheld(m->rows[r].stressed[s], m->rows[r].scored[s]))
            return true;
    }
    return false;
}

/* Row r's cells as withheld or shown, and its total. */
static void row_cells(const struct hm *m, size_t r, struct svg_heatmap_cell *cells, int64_t *total,
                      int64_t *total_stressed, double *total_psum)
{
    const struct hm_row *row = &m->rows[r];

    *total = *total_stressed = 0;
    *total_psum = 0;
    for (size_t c = 0; c < m->n_cols; c++) {
        int s = m->cols[c];
        int64_t n = row->scored[s];
        *total += n;
        *total_stressed += row->stressed[s];
        *total_psum += row->psum[s];
        cells[c].n = n;
        cells[c].kind = n == 0 ? SVG_CELL_EMPTY
                        : m->hide[r * m->n_cols + c] ? SVG_CELL_WITHHELD
                        : share_withheld(row->stressed[s], n) ? SVG_CELL_WITHHELD_SHARE : SVG_CELL_VALUE;
        cells[c].share = n > 0 ? (double)row->stressed[s] / (double)n : 0;
    }
}

static int put_table_cell(struct buf *b, const struct svg_heatmap_cell *c)
{
    char share[16];

    if (c->kind == SVG_CELL_WITHHELD)
        return buf_printf(b, "<td>%s</td>", _("withheld"));
    if (c->kind == SVG_CELL_EMPTY)
        return buf_puts(b, "<td>–</td>");
    if (c->kind == SVG_CELL_WITHHELD_SHARE)
        return buf_printf(b, "<td>%s (%" PRId64 ")</td>", _("withheld"), c->n);
    svg_heatmap_share_text(c->share, share, sizeof share);
    return buf_printf(b, "<td>%s (%" PRId64 ")</td>", share, c->n);
}

static int put_table(struct buf *b, const struct hm *m, size_t from, size_t to,
                     const struct svg_heatmap_cell *cells)
{
    /* Focusable like the map: "withheld (12)" can make it wider than a phone. */
    if (buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n"
                      "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>",
                   _("Share in stress (enterprises scored)"), _("Share in stress (enterprises scored)"),
                   m->national ? _("State") : _("District")))
        return -1;
    for (size_t c = 0; c < m->n_cols; c++)
        if (buf_puts(b, "<th scope=\"col\">") || buf_put_html(b, _(stress_sector_label(m->cols[c])))
            || buf_puts(b, "</th>"))
            return -1;
    if (buf_printf(b, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("All sectors")))
        return -1;
    for (size_t i = from; i < to; i++) {
        const struct hm_row *r = &m->rows[i];
        int64_t total, stressed;
        double psum;
        char share[16], mean[16];
        struct svg_heatmap_cell scratch[SECTOR_COUNT];

        row_cells(m, i, scratch, &total, &stressed, &psum);
        if (buf_puts(b, "<tr><th scope=\"row\">")
            || (m->national && (buf_puts(b, "<a href=\"/stress/heatmap?state=")
                                || html_put_url_component(b, r->key) || buf_puts(b, "\">")))
            || buf_put_html(b, r->label) || (m->national && buf_puts(b, "</a>")) || buf_puts(b, "</th>"))
            return -1;
        for (size_t c = 0; c < m->n_cols; c++)
            if (put_table_cell(b, &cells[(i - from) * m->n_cols + c]))
                return -1;
        if (m->hide_total[i]) {
            if (buf_printf(b, "<td>%s</td></tr>\n", _("withheld")))
                return -1;
            continue;
        }
        svg_heatmap_share_text((double)stressed / (double)total, share, sizeof share);
        svg_heatmap_share_text(psum / (double)total, mean, sizeof mean);
        if (buf_printf(b, "<td>%s (%" PRId64 "); ",
                       total_share_withheld(m, i, stressed, total) ? _("withheld") : share, total)
            || html_put_sentence(b, _("mean chance %s"), mean) || buf_puts(b, "</td></tr>\n"))
            return -1;
    }
    return buf_puts(b, "</tbody>\n</table></div>\n");
}

static int put_map(struct buf *b, const struct hm *m, size_t from, size_t to,
                   struct svg_heatmap_cell *cells, const char *month)
{
    const char *row_labels[HEATMAP_ROWS], *col_labels[SECTOR_COUNT];
    char label[320];
    struct svg_heatmap h = {
        .legend_title = _("Share of scored enterprises in stress"),
        .rows = to - from, .cols = m->n_cols, .row_labels = row_labels, .col_labels = col_labels,
        .cells = cells, .label = label,
    };

    for (size_t i = from; i < to; i++) {
        int64_t t, st;
        double p;
        row_labels[i - from] = m->rows[i].label;
        row_cells(m, i, &cells[(i - from) * m->n_cols], &t, &st, &p);
    }
    for (size_t c = 0; c < m->n_cols; c++)
        col_labels[c] = _(stress_sector_label(m->cols[c]));
    snprintf(label, sizeof label, m->national ? _("Heatmap of the share of enterprises in stress by state and sector, %s; the table below gives the figures")
                                              : _("Heatmap of the share of enterprises in stress by district and sector, %s; the table below gives the figures"),
             month);
    /* Focusable, so a keyboard can scroll it on a narrow screen. */
    return buf_printf(b, "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"%s\">",
                      _("Heatmap, scrolls sideways"))
           || svg_heatmap_put(b, &h) || buf_puts(b, "</div>\n");
}

static int bad_request(struct web_request *rq, struct web_response *rs, const char *msg, struct err *e)
{
    return html_error_page(rs, rq, 400, _("Bad request"), msg, false) == 0 ? 0 : err_set(e, "out of memory");
}

/* Whether the reader may see every state (so "All states" leads somewhere). */
static bool national_reader(const struct web_request *rq)
{
    char gst[4], district[64];

    return scope_area_of(&rq->session->user, "", gst, district) == SCOPE_AREA_OK && gst[0] == '\0';
}

static int put_page(struct web_request *rq, struct web_response *rs, struct hm *m,
                    const struct state_info *st, const char *month, long page, struct err *e)
{
    struct buf *b = &rs->body;
    size_t from = (size_t)(page - 1) * HEATMAP_ROWS, to = from + HEATMAP_ROWS;
    struct svg_heatmap_cell *cells;
    char words[64], threshold[16], self[32];
    const char *place = st ? (rq->lang == LANG_HI && st->name_hi[0] ? st->name_hi : st->name) : "";
    int rc;

    if (to > m->n)
        to = m->n;
    stress_month_text(month, words, sizeof words);
    snprintf(threshold, sizeof threshold, "%.0f%%", STRESS_ALERT_PROBABILITY * 100);
    snprintf(self, sizeof self, st ? "?state=%02d&amp;" : "?", st ? st->gst_code : 0);
    if (html_begin(rs, rq, _("Stress by place and sector")) || buf_puts(b, "<h1>")
        || (st ? html_put_sentence(b, _("Stress in %s by district and sector"), place)
               : buf_puts(b, _("Stress by state and sector")))
        || buf_puts(b, "</h1>\n<p>")
        || (month[0] ? html_put_sentence(b, _("Scores of %s, the latest."), words)
                     : buf_puts(b, _("No stress scores are stored yet.")))
        || buf_puts(b, " ") || html_put_sentence(b, _("A cell is the share of the enterprises scored whose chance of NPA within 12 months is %s or more; the number scored is in brackets in the table."), threshold)
        || buf_printf(b, " %s", _("Cells of fewer than 5 enterprises are withheld, and one more cell of the row when a single withheld cell could be worked out from the row's total."))
        || buf_printf(b, " %s</p>\n", _("A share is also withheld, with the number scored still shown, when 1 to 4 of the cell's enterprises are in stress or 1 to 4 are not, as it would tell something of each of them; so is the row's total share then."))
        || (st && national_reader(rq) && buf_printf(b, "<p><a href=\"/stress/heatmap\">%s</a></p>\n", _("All states"))))
        return err_set(e, "out of memory");
    if (m->n == 0 || m->n_cols == 0)
        return buf_printf(b, "<p>%s</p>\n", _("No enterprise here is scored yet.")) || html_end(rs, rq)
                   ? err_set(e, "out of memory") : 0;
    if (from >= m->n)
        return bad_request(rq, rs, _("There is no such page."), e);
    cells = mem_calloc((to - from) * m->n_cols, sizeof *cells);
    if (cells == NULL)
        return err_set(e, "out of memory");
    rc = put_map(b, m, from, to, cells, words) || put_table(b, m, from, to, cells);
    mem_free(cells);
    if (rc == 0 && (page > 1 || to < m->n)) {
        rc = buf_puts(b, "<nav aria-label=\"pages\"><p>")
             || (page > 1 && buf_printf(b, "<a href=\"/stress/heatmap%spage=%ld\" rel=\"prev\">%s</a> ", self,
                                        page - 1, _("Previous page")))
             || (to < m->n && buf_printf(b, "<a href=\"/stress/heatmap%spage=%ld\" rel=\"next\">%s</a>", self,
                                         page + 1, _("Next page")))
             || buf_puts(b, "</p></nav>\n");
    }
    return rc || html_end(rs, rq) ? err_set(e, "heatmap: out of memory or over the page limit") : 0;
}

/* The state shown ("" for the national view) from ?state= and the
 * reader's area (the router's SCOPE_STATE_AGGREGATE, as the cluster pages): a state
 * reader sees their state only, and anyone scoped to a district is
 * refused, whatever their role: a district row of their state would be
 * theirs alone to read at this grain, and the watchlist is their view.
 * 0 with gst set, or 1 when the answer (400 or 403) is written. */
static int area_of(struct web_request *rq, struct web_response *rs, char gst[4], struct err *e)
{
    int code = 0, given = web_query_state(rq, "state", &code);

    /* The router resolved the area and refused district officers
     * (SCOPE_STATE_AGGREGATE, authz.c); a code it took may still name no state. */
    if (given > 0 && refdata_state_by_gst(rq->app->ref, code) == NULL)
        return bad_request(rq, rs, _("The state must be a GST state code of two digits, such as 09 or 27."), e)
                   ? -1 : 1;
    snprintf(gst, 4, "%s", rq->grant.gst_state);
    return 0;
}

int page_heatmap(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct hm m = {.rq = rq};
    const struct state_info *st = NULL;
    char month[STRESS_MONTH_LEN], gst[4] = "";
    bool found;
    long page = 1;
    int rc;

    if ((rc = area_of(rq, rs, gst, e)) != 0)
        return rc < 0 ? -1 : 0;
    if (web_query_long(rq, "page", 1, 1000, &page) < 0)
        return bad_request(rq, rs, _("The page number must be a whole number from 1."), e);
    if (gst[0] != '\0' && (st = refdata_state_by_gst(rq->app->ref, atoi(gst))) == NULL)
        return bad_request(rq, rs, _("The state must be a GST state code of two digits, such as 09 or 27."), e);
    if (store_stress_latest_month(rq->store, month, &found, e) != 0)
        return -1;
    m.national = st == NULL;
    e->msg[0] = '\0';
    if (found && store_stress_groups(rq->store, gst, month, STRESS_ALERT_PROBABILITY, add_group, &m, e) != 0) {
        mem_free(m.rows);
        return e->msg[0] ? -1 : err_set(e, "heatmap: out of memory or too many places");
    }
    finish(&m);
    rc = suppress_table(&m) != 0 ? err_set(e, "out of memory") : put_page(rq, rs, &m, st, month, page, e);
    mem_free(m.hide);
    mem_free(m.hide_total);
    mem_free(m.rows);
    return rc;
}
