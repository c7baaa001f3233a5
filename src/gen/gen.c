/* gen.c: gen_run, the generator's one entry point: build the run
 * context, generate and write the blocks, then the cluster register and
 * CFC use (which need every member), then commit the files and write the
 * manifest last, so a manifest always describes complete files. */
#include "gen/gen.h"

#include "core/alloc.h"
#include "core/date.h"
#include "gen/gen_block.h"
#include "gen/gen_clusters.h"
#include "gen/gen_ctx.h"
#include "gen/gen_manifest.h"
#include "gen/gen_pipeline.h"
#include "gen/gen_writer.h"

int32_t gen_earliest_as_of(void)
{
    int32_t d;

    date_from_ymd(2020, 7, 1, &d);
    return d;
}

static int check_config(const struct gen_config *cfg, struct err *e)
{
    if (cfg->enterprises < 1 || cfg->enterprises > GEN_MAX_ENTERPRISES)
        return err_set(e, "enterprises must be 1 to %llu", (unsigned long long)GEN_MAX_ENTERPRISES);
    if (cfg->out_dir == NULL || cfg->out_dir[0] == '\0')
        return err_set(e, "no output directory");
    if (cfg->udyam_serials > GEN_UDYAM_SERIALS)
        return err_set(e, "Udyam serials have seven digits");
    return 0;
}

/* cluster.csv and cfc_usage.csv, once every member is counted. */
static int write_clusters(const struct gen_ctx *c, const uint32_t *members, struct gen_writer *w,
                          struct err *e)
{
    struct gen_block b;
    int rc;

    if (gen_block_init(&b, c) != 0)
        return err_set(e, "out of memory");
    rc = gen_clusters_write(c, members, &b);
    if (rc != 0)
        err_set(e, "clusters: out of memory");
    else
        rc = gen_writer_put(w, &b, e);
    gen_block_release(&b);
    return rc;
}

int gen_run(const struct gen_config *cfg, const struct refdata *ref, struct err *e)
{
    struct gen_ctx *c = NULL;
    struct gen_writer *w = NULL;
    uint32_t *members = NULL;
    int rc = -1;

    if (check_config(cfg, e) != 0 || gen_ctx_new(cfg, ref, &c, e) != 0)
        goto done;
    members = mem_calloc(c->n_clusters, sizeof *members);
    if (members == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    if (gen_writer_open(cfg->out_dir, &w, e) != 0
        || gen_pipeline_run(c, cfg->threads, w, members, e) != 0
        || write_clusters(c, members, w, e) != 0 || gen_writer_commit(w, e) != 0
        || gen_manifest_write(c, w, e) != 0)
        goto done;
    rc = 0;
done:
    gen_writer_free(w);
    mem_free(members);
    gen_ctx_free(c);
    return rc;
}
