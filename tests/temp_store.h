/* temp_store.h: a migrated store for one test program, and its removal.
 * A SQLite file in $TMPDIR by default; a fresh database on the throwaway
 * PostgreSQL server when tests/run runs the PostgreSQL pass
 * (SAMANVAY_TEST_BACKEND=pg, with PGHOST/PGPORT/PGUSER from scripts/pg-temp).
 * Header-only: tests include it, and nothing else does. */
#ifndef SAMANVAY_TEST_TEMP_STORE_H
#define SAMANVAY_TEST_TEMP_STORE_H

#include <ctype.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static inline bool temp_store_pg(void)
{
    const char *b = getenv("SAMANVAY_TEST_BACKEND");

    return b != NULL && strcmp(b, "pg") == 0;
}

/* Run one statement on the server's maintenance database. */
static inline int temp_store_admin(const char *sql)
{
    PGconn *c = PQconnectdb("dbname=postgres");
    PGresult *r;
    int rc = -1;

    if (PQstatus(c) == CONNECTION_OK) {
        r = PQexec(c, sql);
        rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
        if (rc != 0)
            fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(r));
        PQclear(r);
    } else {
        fprintf(stderr, "postgres: %s", PQerrorMessage(c));
    }
    PQfinish(c);
    return rc;
}

/* A fresh database named from the suite's prefix, NAME and the pid; its
 * URI in path[0..cap). Names are folded to what PostgreSQL keeps. */
static inline int temp_store_pg_create(const char *name, char *path, size_t cap)
{
    const char *prefix = getenv("SAMANVAY_TEST_DBPREFIX");
    const char *tmpl = getenv("SAMANVAY_TEST_PG_TEMPLATE"); /* migrated once by tests/run */
    char db[64], sql[200];
    size_t n;

    snprintf(db, sizeof db, "%s_%s_%d", prefix ? prefix : "t", name, (int)getpid());
    for (n = 0; db[n]; n++)
        db[n] = isalnum((unsigned char)db[n]) ? (char)tolower((unsigned char)db[n]) : '_';
    snprintf(path, cap, "postgresql:///%s", db);
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
    if (temp_store_admin(sql) != 0)
        return -1;
    if (tmpl != NULL && *tmpl != '\0')
        snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE \"%.60s\"", db, tmpl);
    else
        snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", db);
    return temp_store_admin(sql);
}

/* Open a fresh store with no schema into *s; what names it in path[0..cap).
 * On PostgreSQL the database comes from the suite's migrated template
 * unless SAMANVAY_TEST_PG_TEMPLATE is unset first. */
static inline int temp_store_open_empty(const char *name, char *path, size_t cap, struct store **s)
{
    struct store_target t = {NULL, NULL};
    struct err e;
    const char *dir = getenv("TMPDIR");

    if (temp_store_pg()) {
        if (temp_store_pg_create(name, path, cap) != 0)
            return -1;
    } else {
        snprintf(path, cap, "%s/%s-%d.db", dir ? dir : "/tmp", name, (int)getpid());
        unlink(path);
    }
    t.sqlite_path = path; /* --db's value: a file or a postgresql:// URI */
    if (store_open(&t, s, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

/* Open a fresh, migrated store into *s; what names it in path[0..cap). */
static inline int temp_store_open(const char *name, char *path, size_t cap, struct store **s)
{
    struct err e;
    int applied;

    if (temp_store_open_empty(name, path, cap, s) != 0)
        return -1;
    if (store_migrate(*s, &applied, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

/* Close s and delete the database (a file with its -wal and -shm files). */
static inline void temp_store_remove(struct store *s, const char *path)
{
    char side[300];

    store_close(s);
    if (strncmp(path, "postgresql:///", 14) == 0) {
        snprintf(side, sizeof side, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", path + 14);
        temp_store_admin(side);
        return;
    }
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

#endif
