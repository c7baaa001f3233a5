#include "rules/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/embedded.h"

#define PREFIX "schemes/"
#define MAX_SCHEMES 512
#define MAX_FILE_BYTES (1 << 20)

struct file_text {
    const char *name;
    const char *text;
    size_t len;
};

static bool is_yaml(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct file_text *)a)->name, ((const struct file_text *)b)->name);
}

static int embedded_schemes(struct file_text *files, size_t *n)
{
    size_t count;
    const struct embedded_file *all = embedded_files(&count);

    *n = 0;
    for (size_t i = 0; i < count && *n < MAX_SCHEMES; i++) {
        if (strncmp(all[i].name, PREFIX, strlen(PREFIX)) != 0 || !is_yaml(all[i].name))
            continue;
        files[*n].name = all[i].name;
        files[*n].text = all[i].data;
        files[(*n)++].len = all[i].len;
    }
    return 0;
}

static int read_file(struct arena *a, const char *path, struct file_text *out, struct err *e)
{
    FILE *f = fopen(path, "rb");
    struct buf b = BUF_INIT;
    char chunk[8192];
    size_t got;

    if (f == NULL)
        return err_set(e, "%s: %s", path, strerror(errno));
    b.limit = MAX_FILE_BYTES;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_append(&b, chunk, got) != 0) {
            fclose(f);
            buf_release(&b);
            return err_set(e, "%s: larger than %d bytes", path, MAX_FILE_BYTES);
        }
    }
    fclose(f);
    out->name = arena_strdup(a, path);
    out->text = arena_strndup(a, buf_cstr(&b), b.len);
    out->len = b.len;
    buf_release(&b);
    return out->name && out->text ? 0 : err_set(e, "out of memory");
}

static int directory_schemes(struct arena *a, const char *dir, struct file_text *files, size_t *n,
                             struct err *e)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    char path[4096];

    if (d == NULL)
        return err_set(e, "%s: %s", dir, strerror(errno));
    *n = 0;
    while ((ent = readdir(d)) != NULL) {
        if (!is_yaml(ent->d_name))
            continue;
        if (*n == MAX_SCHEMES) {
            closedir(d);
            return err_set(e, "%s: more than %d schemes", dir, MAX_SCHEMES);
        }
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        if (read_file(a, path, &files[*n], e) != 0) {
            closedir(d);
            return -1;
        }
        (*n)++;
    }
    closedir(d);
    return 0;
}

int catalog_load(const char *dir, struct catalog **out, struct err *e)
{
    struct catalog *c = mem_calloc(1, sizeof *c);
    struct file_text *files = mem_calloc(MAX_SCHEMES, sizeof *files);
    size_t n = 0;
    int rc = -1;

    if (c == NULL || files == NULL || (c->arena = arena_new(256 * 1024)) == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    if (vocab_load(c->arena, &c->vocab, e) != 0
        || (dir ? directory_schemes(c->arena, dir, files, &n, e) : embedded_schemes(files, &n)) != 0)
        goto done;
    if (n == 0) {
        err_set(e, "%s: no scheme files", dir ? dir : "built-in catalogue");
        goto done;
    }
    qsort(files, n, sizeof *files, by_name);
    c->schemes = arena_alloc(c->arena, n * sizeof *c->schemes);
    if (c->schemes == NULL) {
        err_set(e, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (scheme_load(c->arena, &c->vocab, files[i].name, files[i].text, files[i].len,
                        &c->schemes[i], e) != 0)
            goto done;
        c->n = i + 1;
    }
    rc = 0;
done:
    mem_free(files);
    if (rc != 0) {
        catalog_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void catalog_free(struct catalog *c)
{
    if (c == NULL)
        return;
    arena_free(c->arena);
    mem_free(c);
}

const struct scheme *catalog_find(const struct catalog *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->schemes[i].id, id) == 0)
            return &c->schemes[i];
    return NULL;
}

size_t catalog_test_count(const struct catalog *c)
{
    size_t n = 0;

    for (size_t i = 0; i < c->n; i++)
        n += c->schemes[i].n_tests;
    return n;
}
