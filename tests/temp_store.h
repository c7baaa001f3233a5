/* temp_store.h: a migrated SQLite store in a temporary file for one test
 * program, and its removal with the WAL side files. Header-only: tests
 * include it, and nothing else does. */
#ifndef SAMANVAY_TEST_TEMP_STORE_H
#define SAMANVAY_TEST_TEMP_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store.h"

/* Open $TMPDIR/NAME-PID.db afresh into *s, its path in path[0..cap). */
static inline int temp_store_open(const char *name, char *path, size_t cap, struct store **s)
{
    struct store_target t = {NULL, NULL};
    struct err e;
    int applied;
    const char *dir = getenv("TMPDIR");

    snprintf(path, cap, "%s/%s-%d.db", dir ? dir : "/tmp", name, (int)getpid());
    unlink(path);
    t.sqlite_path = path;
    if (store_open(&t, s, &e) != 0 || store_migrate(*s, &applied, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

/* Close s and delete the database with its -wal and -shm files. */
static inline void temp_store_remove(struct store *s, const char *path)
{
    char side[300];

    store_close(s);
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

#endif
