/* Fuzz the session lookup as the server does it (web/cookie.c,
 * web/session.c over a real SQLite store): a Cookie header, then the
 * session it names and a CSRF token checked against it. The input is the
 * Cookie header, a newline, and the token; '@' in the header stands for
 * the live session's cookie value and '#' in the token for its CSRF token,
 * so the fuzzer works around the real secrets without knowing them.
 *
 * Oracle: a store fault never comes from input; a session is found only
 * for exactly the issued value (no prefix, case change, quoting trick or
 * second cookie lets another value in), and a token passes only when it is
 * exactly the session's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store_auth.h"
#include "web/cookie.h"
#include "web/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

struct fixture {
    struct store *store;
    struct session live;
    char db[256];
    int64_t now;
};

/* The harness is the only place a static is acceptable (fuzz_refdata.h). */
static struct fixture *fixture;

static void remove_fixture(void)
{
    static const char *const side[] = {"", "-wal", "-shm"};
    char path[300];

    store_close(fixture->store);
    for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
        snprintf(path, sizeof path, "%s%s", fixture->db, side[i]);
        unlink(path);
    }
}

static struct fixture *fixture_get(void)
{
    const char *tmp = getenv("TMPDIR");
    struct store_target t = {NULL, NULL};
    struct auth_user u;
    struct fixture *f;
    struct err e;
    int64_t id;
    int applied;
    bool created;

    if (fixture != NULL)
        return fixture;
    if ((f = calloc(1, sizeof *f)) == NULL)
        abort();
    snprintf(f->db, sizeof f->db, "%s/fuzz_session-%d.db", tmp ? tmp : "/tmp", (int)getpid());
    unlink(f->db);
    t.sqlite_path = f->db;
    f->now = (int64_t)time(NULL);
    memset(&u, 0, sizeof u);
    snprintf(u.username, sizeof u.username, "udyami");
    u.role = AUTH_ROLE_ENTREPRENEUR;
    /* the hash is never verified here */
    if (store_open(&t, &f->store, &e) != 0 || store_migrate(f->store, &applied, &e) != 0
        || store_user_add(f->store, &u, "$argon2id$not-a-real-hash", &id, &created, &e) != 0
        || session_start(f->store, id, f->now, &f->live, &e) != 0) {
        fprintf(stderr, "fuzz_session: %s\n", e.msg);
        abort();
    }
    fixture = f;
    atexit(remove_fixture);
    return f;
}

/* s with every `mark` replaced by `with`, into out[0..cap); -1 when it
 * does not fit. */
static int expand(const char *s, size_t n, char mark, const char *with, char *out, size_t cap)
{
    size_t w = 0, k = strlen(with);

    for (size_t i = 0; i < n; i++) {
        const char *piece = s[i] == mark ? with : s + i;
        size_t len = s[i] == mark ? k : 1;
        if (w + len >= cap)
            return -1;
        memcpy(out + w, piece, len);
        w += len;
    }
    out[w] = '\0';
    return 0;
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
    const char *text = (const char *)data, *nl;
    char header[1024], token[256], value[AUTH_HEX_TOKEN + 1];
    struct session got;
    struct err e;
    size_t hn;

    if (memchr(data, '\0', size) != NULL)
        return 0;
    nl = memchr(text, '\n', size);
    hn = nl ? (size_t)(nl - text) : size;
    if (expand(text, hn, '@', f->live.issued, header, sizeof header) != 0
        || expand(nl ? nl + 1 : "", nl ? size - hn - 1 : 0, '#', f->live.row.csrf, token,
                  sizeof token) != 0)
        return 0;
    if (cookie_get(header, SESSION_COOKIE, value, sizeof value) != 0)
        return 0;
    if (session_load(f->store, value, f->now, &got, &e) != 0) {
        fprintf(stderr, "fuzz_session: store fault: %s\n", e.msg);
        abort();
    }
    if (got.valid != (strcmp(value, f->live.issued) == 0))
        abort();
    if (session_csrf_ok(&got, token) != (got.valid && strcmp(token, f->live.row.csrf) == 0))
        abort();
    return 0;
}
