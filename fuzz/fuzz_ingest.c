/* Fuzz the whole load of a feed file (ingest/ingest.c) into a real SQLite
 * store: the header's mapping to columns, the CSV reader over a file, each
 * feed's row checks, quarantine with reasons, batches. The first line of
 * the input names the feed ("udyam", "gst", ...; not skilling or
 * beneficiary, whose linkage pass is too slow to fuzz: see below); the
 * rest is the file.
 *
 * Oracle: a file either loads to its end or is refused with a message;
 * every data row read is accounted for, loaded or quarantined, each
 * quarantined row with a reason; and loading the same file again changes
 * nothing. The store (made once per process, with a small generated Udyam
 * population for the linker to find) keeps what earlier inputs loaded. */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "gen/gen.h"
#include "ingest/ingest.h"
#include "fuzz_refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

struct fixture {
    struct store *store;
    char db[256], dir[256], file[300];
    int32_t today;
};

/* The harness is the only place a static is acceptable (fuzz_refdata.h). */
static struct fixture *fixture;

static void die(const char *what, const struct err *e) __attribute__((noreturn));

static void die(const char *what, const struct err *e)
{
    fprintf(stderr, "fuzz_ingest: %s: %s\n", what, e ? e->msg : "");
    abort();
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_fixture(void)
{
    static const char *const side[] = {"", "-wal", "-shm"};
    char path[300];

    if (fixture == NULL)
        return;
    store_close(fixture->store);
    for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
        snprintf(path, sizeof path, "%s%s", fixture->db, side[i]);
        unlink(path);
    }
    unlink(fixture->file);
    nftw(fixture->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* A store with 40 generated enterprises' Udyam rows (the file itself is
 * written next to the store and removed after loading). */
static struct fixture *fixture_get(void)
{
    const char *tmp = getenv("TMPDIR");
    struct store_target t = {NULL, NULL};
    struct ingest_options io = {0};
    struct ingest_summary sum;
    struct gen_config g = {0};
    struct fixture *f;
    char path[400];
    struct err e;
    int applied;

    if (fixture != NULL)
        return fixture;
    if ((f = calloc(1, sizeof *f)) == NULL)
        die("out of memory", NULL);
    date_from_ymd(2026, 6, 30, &f->today);
    snprintf(f->db, sizeof f->db, "%s/fuzz_ingest-%d.db", tmp ? tmp : "/tmp", (int)getpid());
    snprintf(f->dir, sizeof f->dir, "%s/fuzz_ingest-%d.feeds", tmp ? tmp : "/tmp", (int)getpid());
    snprintf(f->file, sizeof f->file, "%s/fuzz_ingest-%d.csv", tmp ? tmp : "/tmp", (int)getpid());
    g.enterprises = 40;
    g.seed = 7;
    g.as_of = f->today - 1;
    g.out_dir = f->dir;
    t.sqlite_path = f->db;
    if (gen_run(&g, fuzz_refdata(), &e) != 0)
        die("generate", &e);
    if (store_open(&t, &f->store, &e) != 0 || store_migrate(f->store, &applied, &e) != 0)
        die("store", &e);
    snprintf(path, sizeof path, "%s/udyam.csv", f->dir);
    io.feed = "udyam";
    io.path = path;
    io.today = f->today;
    io.quiet = true;
    if (ingest_file(f->store, fuzz_refdata(), &io, &sum, &e) != 0)
        die("udyam", &e);
    fixture = f;
    atexit(remove_fixture);
    return f;
}

static void check_summary(const struct ingest_summary *s)
{
    int64_t reasons = 0;

    for (int r = 0; r < R_COUNT; r++)
        reasons += s->by_reason[r];
    if (s->loaded != s->inserted + s->updated + s->unchanged || s->quarantined != reasons
        || s->loaded + s->quarantined != s->rows || s->rows < 0)
        abort();
}

/* libFuzzer calls this before any input, outside the per-input timeout:
 * the fixture takes seconds (tens on a loaded machine). The replayer of
 * `make check` does not call it; the first input makes the fixture then. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fixture_get();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fixture *f = fixture_get();
    const char *nl = memchr(data, '\n', size);
    struct ingest_options io = {0};
    struct ingest_summary sum, again;
    char feed[16];
    struct err e;
    FILE *out;
    size_t n;

    if (nl == NULL || (n = (size_t)(nl - (const char *)data)) == 0 || n >= sizeof feed)
        return 0;
    memcpy(feed, data, n);
    feed[n] = '\0';
    /* Skilling and beneficiary files end with a record-linkage pass whose
     * fixed cost (about 1 s per file in a release build, tens of seconds
     * under the sanitizers) would leave the fuzzer a few inputs a minute.
     * Their rows are fuzzed by fuzz_feed_rows, the linker's input by
     * fuzz_link_records and its configuration by fuzz_link_config. */
    if (!ingest_feed_known(feed) || strcmp(feed, "skilling") == 0 || strcmp(feed, "beneficiary") == 0)
        return 0;
    if ((out = fopen(f->file, "wb")) == NULL)
        die("cannot write the file", NULL);
    if (fwrite(nl + 1, 1, size - n - 1, out) != size - n - 1 || fclose(out) != 0)
        die("cannot write the file", NULL);
    io.feed = feed;
    io.path = f->file;
    io.today = f->today;
    io.quiet = true;
    e.msg[0] = '\0';
    if (ingest_file(f->store, fuzz_refdata(), &io, &sum, &e) != 0) {
        if (e.msg[0] == '\0')
            abort();
        return 0;
    }
    check_summary(&sum);
    /* the same file again: recognised by its digest, nothing changes */
    if (ingest_file(f->store, fuzz_refdata(), &io, &again, &e) != 0)
        die("the same file again", &e);
    if (again.inserted != 0 || again.updated != 0)
        abort();
    return 0;
}
