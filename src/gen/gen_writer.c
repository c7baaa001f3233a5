#include "gen/gen_writer.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/buf.h"

#define PATH_MAX_BYTES 4096
#define FILE_BUFFER (1 << 20)

struct gen_writer {
    char dir[PATH_MAX_BYTES];
    FILE *f[OUT_COUNT];
    bool committed[OUT_COUNT];
    uint64_t bytes[OUT_COUNT];
    struct gen_stats stats;   /* rows here count rows written before the current block */
    struct buf scratch;
};

static int path_of(const struct gen_writer *w, const char *name, const char *suffix, char *out,
                   size_t cap, struct err *e)
{
    int n = snprintf(out, cap, "%s/%s%s", w->dir, name, suffix);

    if (n < 0 || (size_t)n >= cap)
        return err_set(e, "%s/%s: path too long", w->dir, name);
    return 0;
}

static int make_dir(const char *path, struct err *e)
{
    struct stat st;

    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return 0;
    return err_set(e, "%s: cannot create directory: %s", path, strerror(errno == EEXIST ? ENOTDIR : errno));
}

/* mkdir -p for the output directory (parents included). */
static int make_dirs(const char *dir, struct err *e)
{
    char path[PATH_MAX_BYTES];
    size_t n = strlen(dir);

    if (n == 0 || n >= sizeof path)
        return err_set(e, "output directory name is empty or too long");
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i < n; i++) {
        if (path[i] != '/')
            continue;
        path[i] = '\0';
        if (make_dir(path, e) != 0)
            return -1;
        path[i] = '/';
    }
    return make_dir(path, e);
}

static int write_all(FILE *f, const void *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int open_one(struct gen_writer *w, enum gen_out o, struct err *e)
{
    char path[PATH_MAX_BYTES];
    const char *header = gen_out_header(o);
    size_t n = strlen(header);

    if (path_of(w, gen_out_path(o), ".partial", path, sizeof path, e) != 0)
        return -1;
    w->f[o] = fopen(path, "wb");
    if (w->f[o] == NULL)
        return err_set(e, "%s: %s", path, strerror(errno));
    setvbuf(w->f[o], NULL, _IOFBF, FILE_BUFFER);
    if (write_all(w->f[o], header, n) != 0 || write_all(w->f[o], "\n", 1) != 0)
        return err_set(e, "%s: write failed: %s", path, strerror(errno));
    w->bytes[o] = n + 1;
    return 0;
}

int gen_writer_open(const char *dir, struct gen_writer **out, struct err *e)
{
    struct gen_writer *w;
    char truth[PATH_MAX_BYTES];

    if (strlen(dir) >= sizeof w->dir - 32)
        return err_set(e, "output directory name is too long");
    w = mem_calloc(1, sizeof *w);
    if (w == NULL)
        return err_set(e, "out of memory");
    snprintf(w->dir, sizeof w->dir, "%s", dir);
    if (make_dirs(dir, e) != 0 || path_of(w, "truth", "", truth, sizeof truth, e) != 0
        || make_dir(truth, e) != 0) {
        gen_writer_free(w);
        return -1;
    }
    for (int o = 0; o < OUT_COUNT; o++) {
        if (open_one(w, (enum gen_out)o, e) != 0) {
            gen_writer_free(w);
            return -1;
        }
    }
    *out = w;
    return 0;
}

/* truth/injected_errors.csv: the physical line (header = line 1) of every
 * injected error, from the rows written before this block. */
static int put_injected(struct gen_writer *w, const struct gen_block *b)
{
    struct buf *s = &w->scratch;

    buf_reset(s);
    for (size_t i = 0; i < b->n_inj; i++) {
        const struct gen_inj *j = &b->inj[i];
        uint64_t line = w->stats.rows[j->out] + j->row + 2;
        struct gen_row row;
        gen_row_begin(&row, s);
        gen_put_raw(&row, gen_out_path((enum gen_out)j->out));
        gen_put_u64(&row, line);
        gen_put_raw(&row, reason_code((enum reason)j->reason));
        if (gen_row_end(&row) != 0)
            return -1;
    }
    w->stats.rows[OUT_TRUTH_INJECTED] += b->n_inj;
    w->bytes[OUT_TRUTH_INJECTED] += s->len;
    return write_all(w->f[OUT_TRUTH_INJECTED], s->data, s->len);
}

int gen_writer_put(struct gen_writer *w, const struct gen_block *b, struct err *e)
{
    if (put_injected(w, b) != 0)
        return err_set(e, "%s/%s: write failed: %s", w->dir, gen_out_path(OUT_TRUTH_INJECTED),
                       strerror(errno));
    for (int o = 0; o < OUT_COUNT; o++) {
        if (o == OUT_TRUTH_INJECTED)
            continue;
        if (write_all(w->f[o], b->out[o].data, b->out[o].len) != 0)
            return err_set(e, "%s/%s: write failed: %s", w->dir, gen_out_path((enum gen_out)o),
                           strerror(errno));
        w->bytes[o] += b->out[o].len;
    }
    gen_stats_add(&w->stats, &b->stats);
    return 0;
}

static int commit_one(struct gen_writer *w, enum gen_out o, struct err *e)
{
    char from[PATH_MAX_BYTES], to[PATH_MAX_BYTES];
    int rc = fclose(w->f[o]);

    w->f[o] = NULL;
    if (path_of(w, gen_out_path(o), ".partial", from, sizeof from, e) != 0
        || path_of(w, gen_out_path(o), "", to, sizeof to, e) != 0)
        return -1;
    if (rc != 0)
        return err_set(e, "%s: write failed: %s", from, strerror(errno));
    if (rename(from, to) != 0)
        return err_set(e, "%s: cannot rename: %s", from, strerror(errno));
    w->committed[o] = true;
    return 0;
}

int gen_writer_commit(struct gen_writer *w, struct err *e)
{
    for (int o = 0; o < OUT_COUNT; o++)
        if (commit_one(w, (enum gen_out)o, e) != 0)
            return -1;
    return 0;
}

void gen_writer_free(struct gen_writer *w)
{
    char path[PATH_MAX_BYTES];

    if (w == NULL)
        return;
    for (int o = 0; o < OUT_COUNT; o++) {
        if (w->f[o] != NULL)
            fclose(w->f[o]);
        if (!w->committed[o] && path_of(w, gen_out_path((enum gen_out)o), ".partial", path,
                                        sizeof path, NULL) == 0)
            unlink(path);
    }
    buf_release(&w->scratch);
    mem_free(w);
}

const struct gen_stats *gen_writer_stats(const struct gen_writer *w)
{
    return &w->stats;
}

uint64_t gen_writer_bytes(const struct gen_writer *w, enum gen_out o)
{
    return w->bytes[o];
}

const char *gen_writer_dir(const struct gen_writer *w)
{
    return w->dir;
}

int gen_writer_file(const struct gen_writer *w, const char *name, const char *text, struct err *e)
{
    char from[PATH_MAX_BYTES], to[PATH_MAX_BYTES];
    FILE *f;
    int rc;

    if (path_of(w, name, ".partial", from, sizeof from, e) != 0
        || path_of(w, name, "", to, sizeof to, e) != 0)
        return -1;
    f = fopen(from, "wb");
    if (f == NULL)
        return err_set(e, "%s: %s", from, strerror(errno));
    rc = write_all(f, text, strlen(text));
    if (fclose(f) != 0 || rc != 0) {
        unlink(from);
        return err_set(e, "%s: write failed: %s", from, strerror(errno));
    }
    if (rename(from, to) != 0) {
        unlink(from);
        return err_set(e, "%s: cannot rename: %s", from, strerror(errno));
    }
    return 0;
}
