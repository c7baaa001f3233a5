#!/usr/bin/env python3
"""tests/stress/db_compare.py A.db B.db: compare two Samanvay databases
table by table, ignoring only what is allowed to differ between two loads
of the same files: wall-clock columns (*_at) and the audit log's chain
(which hashes those times). Prints one line per table that differs and
exits 1 if any does; prints the tables compared and exits 0 otherwise.
SKIP_COLUMNS=table.col,... names further columns to leave out;
ONLY_TABLES=t1,t2 compares those tables alone. With one database, prints
each table's row count and digest instead."""
import hashlib
import os
import sqlite3
import sys

TIMESTAMPS = lambda c: c.endswith("_at")
skip = {tuple(x.split(".", 1)) for x in os.environ.get("SKIP_COLUMNS", "").split(",") if "." in x}
SKIP_TABLES = {"schema_migrations", "audit_log", "sqlite_sequence", "sqlite_stat1"}


def tables(db):
    return sorted(r[0] for r in db.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"))


def digest(db, table):
    cols = [r[1] for r in db.execute(f'pragma table_info("{table}")')
            if not TIMESTAMPS(r[1]) and (table, r[1]) not in skip]
    q = "select " + ", ".join(f'"{c}"' for c in cols) + f' from "{table}"'
    rows = sorted(repr(r) for r in db.execute(q))
    h = hashlib.blake2b(digest_size=16)
    for r in rows:
        h.update(r.encode())
    return len(rows), h.hexdigest()


def main():
    if len(sys.argv) == 2:  # one database: print each table's rows and digest
        a = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
        only = {t for t in os.environ.get("ONLY_TABLES", "").split(",") if t}
        for t in sorted(set(tables(a)) - SKIP_TABLES):
            if not only or t in only:
                print(t, *digest(a, t))
        return 0
    a, b = (sqlite3.connect(f"file:{p}?mode=ro", uri=True) for p in sys.argv[1:3])
    ta, tb = set(tables(a)) - SKIP_TABLES, set(tables(b)) - SKIP_TABLES
    only = {t for t in os.environ.get("ONLY_TABLES", "").split(",") if t}
    if only:
        ta, tb = ta & only, tb & only
    bad = 0
    for t in sorted(ta ^ tb):
        print(f"table {t} is in only one database")
        bad += 1
    for t in sorted(ta & tb):
        (na, ha), (nb, hb) = digest(a, t), digest(b, t)
        if (na, ha) != (nb, hb):
            print(f"table {t}: {na} rows against {nb}, contents differ" if na == nb
                  else f"table {t}: {na} rows against {nb}")
            bad += 1
    if not bad:
        print(f"{len(ta & tb)} tables equal (rows and contents, times aside)")
    return 1 if bad else 0


sys.exit(main())
