#include "gen/gen_manifest.h"

#include <jansson.h>
#include <stdlib.h>

#include "core/date.h"
#include "gen/gen_fmt.h"

#define MANIFEST_FORMAT 1

static json_t *window_json(const struct gen_ctx *c)
{
    char first[8], last[8];

    gen_fmt_month(first, c->first_month);
    gen_fmt_month(last, c->last_month);
    return json_pack("{s:s, s:s, s:i}", "first_month", first, "last_month", last, "months",
                     GEN_WINDOW_MONTHS);
}

/* {"udyam": rows, ...} for the feeds, and {"udyam.csv": {rows, bytes}} for every file. */
static json_t *rows_json(const struct gen_stats *s)
{
    json_t *o = json_object();

    for (int f = 0; f < OUT_FEED_COUNT; f++)
        json_object_set_new(o, gen_out_name((enum gen_out)f), json_integer((json_int_t)s->rows[f]));
    return o;
}

static json_t *files_json(const struct gen_writer *w)
{
    const struct gen_stats *s = gen_writer_stats(w);
    json_t *o = json_object();

    for (int f = 0; f < OUT_COUNT; f++)
        json_object_set_new(o, gen_out_path((enum gen_out)f),
                            json_pack("{s:I, s:I}", "rows", (json_int_t)s->rows[f], "bytes",
                                      (json_int_t)gen_writer_bytes(w, (enum gen_out)f)));
    return o;
}

static json_t *effects_json(const struct gen_ctx *c)
{
    json_t *o = json_object();

    for (int s = 0; s < SCH_COUNT; s++)
        json_object_set_new(o, gen_scheme_id((enum gen_scheme)s), json_real(c->m->scheme[s].att));
    return o;
}

static json_t *effects_employment_json(const struct gen_ctx *c)
{
    json_t *o = json_object();

    for (int s = 0; s < SCH_COUNT; s++)
        json_object_set_new(o, gen_scheme_id((enum gen_scheme)s), json_real(c->m->att_employment[s]));
    return o;
}

static json_t *treated_json(const struct gen_stats *st)
{
    json_t *o = json_object();

    for (int s = 0; s < SCH_COUNT; s++)
        json_object_set_new(o, gen_scheme_id((enum gen_scheme)s),
                            json_pack("{s:I, s:I, s:I, s:I}",
                                      "beneficiaries", (json_int_t)st->treated[s][T_BENEFICIARIES],
                                      "gst_filers", (json_int_t)st->treated[s][T_GST_FILERS],
                                      "with_12m_gst_after", (json_int_t)st->treated[s][T_WITH_12M],
                                      "epfo_covered", (json_int_t)st->treated[s][T_EPFO]));
    return o;
}

static json_t *dirty_json(const struct gen_stats *s)
{
    json_t *o = json_object();

    for (int i = C_DIRTY_DEVANAGARI; i < C_COUNT; i++)
        json_object_set_new(o, gen_counter_name((enum gen_counter)i), json_integer((json_int_t)s->c[i]));
    json_object_set_new(o, "unregistered_rows",
                        json_integer((json_int_t)s->c[C_BENEFICIARY_UNREGISTERED_ROWS]));
    return o;
}

static json_t *manifest_json(const struct gen_ctx *c, const struct gen_writer *w)
{
    const struct gen_stats *s = gen_writer_stats(w);
    char as_of[DATE_STR_LEN];
    json_t *o;

    date_format(c->as_of, as_of);
    o = json_pack("{s:s, s:i, s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
        "generator", "samanvay generate", "format", MANIFEST_FORMAT,
        "seed", (json_int_t)c->seed, "enterprises", (json_int_t)c->n, "as_of", as_of,
        "window", window_json(c), "rows", rows_json(s), "files", files_json(w),
        "injected_errors", gen_stats_errors_json(s), "true_effects", effects_json(c),
        "treated", treated_json(s));
    json_object_set_new(o, "true_effects_employment", effects_employment_json(c));
    json_object_set_new(o, "treated_definition", json_string(
        "beneficiaries: clean list rows of enterprises on Udyam; gst_filers: of which GST-registered; "
        "with_12m_gst_after: of which every one of the 12 months after the disbursal month is covered "
        "by a filed, clean return of the first GSTIN inside the window; epfo_covered: of the beneficiaries, "
        "those whose establishment files EPFO returns (epfo.csv)"));
    json_object_set_new(o, "clusters", json_integer((json_int_t)c->n_clusters));
    json_object_set_new(o, "udyam_serials_unique_per",
                        json_string(c->serial_by_district ? "district" : "file"));
    json_object_set_new(o, "summary", gen_stats_summary_json(s));
    json_object_set_new(o, "beneficiary_dirty_identities", dirty_json(s));
    json_object_set_new(o, "model", gen_model_json(c->m));
    return o;
}

int gen_manifest_write(const struct gen_ctx *c, const struct gen_writer *w, struct err *e)
{
    json_t *o = manifest_json(c, w);
    char *text;
    int rc;

    if (o == NULL)
        return err_set(e, "manifest: out of memory");
    text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(o);
    if (text == NULL)
        return err_set(e, "manifest: out of memory");
    rc = gen_writer_file(w, "manifest.json", text, e);
    free(text);   /* jansson's allocator */
    return rc;
}
