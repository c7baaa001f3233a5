/* Fuzz the record linker's CSV input (link/records.c, `samanvay link
 * --left FILE`): any bytes as a records file under the shipped skilling
 * configuration (data/link/skilling.yaml), read, then normalised (names
 * folded, phonetic skeletons, term frequencies). A file either loads, every
 * record with its id and one cell per field, or is refused with a message
 * that names the file; never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embedded.h"
#include "link/config.h"
#include "link/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harness is the only place a static is acceptable (fuzz_refdata.h). */
static struct link_config *config(void)
{
    static struct link_config *cfg;
    const struct embedded_file *f;
    struct err e;

    if (cfg != NULL)
        return cfg;
    if ((f = embedded_find("data/link/skilling.yaml")) == NULL
        || (cfg = link_config_load(f->name, f->data, f->len, &e)) == NULL)
        abort();
    return cfg;
}

static void check(const struct link_records *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->id[i] == NULL)
            abort();
        for (int k = 0; k < r->cfg->n_fields; k++) {
            const struct link_cell *c = records_cell(r, i, k);
            if (c->tf < 0.0f || c->tf > 1.0f || (c->s == NULL && c->phon != NULL))
                abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct link_config *cfg = config();
    const char *tmp = getenv("TMPDIR");
    struct link_records *r;
    struct link_records *sets[1];
    double sum_sq[LINK_MAX_FIELDS];
    char path[256];
    struct err e;
    FILE *out;

    snprintf(path, sizeof path, "%s/fuzz_link_records-%d.csv", tmp ? tmp : "/tmp", (int)getpid());
    if ((out = fopen(path, "wb")) == NULL)
        abort();
    if (fwrite(data, 1, size, out) != size || fclose(out) != 0)
        abort();
    if ((r = records_new(cfg, 0, &e)) == NULL)
        abort();
    e.msg[0] = '\0';
    sets[0] = r;
    if (records_load_csv(r, path, &e) == 0 && records_finish(r, 1, &e) == 0
        && records_tf(sets, 1, sum_sq, &e) == 0)
        check(r);
    else if (e.msg[0] == '\0')
        abort();
    records_free(r);
    unlink(path);
    return 0;
}
