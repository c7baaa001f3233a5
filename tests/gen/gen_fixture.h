/* gen_fixture.h: helpers shared by the generator tests: run gen_run into a
 * scratch directory, read files and the manifest back, clean up. Header
 * only (static inline), so each test binary stays one source file. */
#ifndef SAMANVAY_TESTS_GEN_FIXTURE_H
#define SAMANVAY_TESTS_GEN_FIXTURE_H

#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/refdata.h"
#include "gen/gen.h"

struct gen_run_dir {
    char path[512];
};

static inline int fixture_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(p);
}

static inline void fixture_rm(struct gen_run_dir *d)
{
    if (d->path[0])
        nftw(d->path, fixture_rm_one, 16, FTW_DEPTH | FTW_PHYS);
    d->path[0] = '\0';
}

static inline int32_t fixture_date(const char *s)
{
    int32_t d = 0;

    date_parse(s, strlen(s), &d, NULL);
    return d;
}

/* Generate into a fresh scratch directory; 0 or -1 (message on stderr). */
static inline int fixture_generate_on(const struct refdata *ref, struct gen_run_dir *d, uint64_t n,
                                      uint64_t seed, int threads, uint64_t serials,
                                      const char *as_of)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    struct gen_config cfg = {0};
    struct err e;

    snprintf(d->path, sizeof d->path, "%s/samanvay-gen-XXXXXX", tmp);
    if (mkdtemp(d->path) == NULL) {
        perror(d->path);
        d->path[0] = '\0';
        return -1;
    }
    cfg.enterprises = n;
    cfg.seed = seed;
    cfg.as_of = fixture_date(as_of);
    cfg.out_dir = d->path;
    cfg.threads = threads;
    cfg.udyam_serials = serials;
    if (gen_run(&cfg, ref, &e) != 0) {
        fprintf(stderr, "gen_run: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static inline int fixture_generate(const struct refdata *ref, struct gen_run_dir *d, uint64_t n,
                                   uint64_t seed, int threads, uint64_t serials)
{
    return fixture_generate_on(ref, d, n, seed, threads, serials, "2026-09-30");
}

/* The whole file (NUL-terminated, caller frees), or NULL. */
static inline char *fixture_read(const struct gen_run_dir *d, const char *name, size_t *len)
{
    char path[640];
    FILE *f;
    char *data;
    long n;

    snprintf(path, sizeof path, "%s/%s", d->path, name);
    f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    if (data != NULL) {
        data[n] = '\0';
        if (len != NULL)
            *len = (size_t)n;
    }
    return data;
}

static inline json_t *fixture_manifest(const struct gen_run_dir *d)
{
    char path[640];
    json_error_t je;

    snprintf(path, sizeof path, "%s/manifest.json", d->path);
    return json_load_file(path, 0, &je);
}

/* manifest[a][b] as an integer, or -1 when missing. */
static inline long long fixture_count(json_t *m, const char *a, const char *b)
{
    json_t *v = json_object_get(json_object_get(m, a), b);

    return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}

#endif
