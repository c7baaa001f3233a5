"""A test store opened from Python, SQLite file or PostgreSQL URI alike.

The analytics tests recompute their figures from the store a test built
(tests/tap.sh store_new). connect(db) answers execute(sql, params) with
fetchone()/fetchall() as Python's sqlite3 does: through sqlite3 for a file,
through psql for a postgresql:// URI (Debian has no PostgreSQL driver for
Python here; libpq reads PGHOST and the rest from the environment). On
PostgreSQL the query is wrapped in json_agg, so integers stay integers and
NULL stays None, and each `?` becomes a quoted literal (tests' values only).
"""
import json
import sqlite3
import subprocess


def is_pg(db):
    return db.startswith("postgresql://") or db.startswith("postgres://")


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def _bind(sql, params):
    parts = sql.split("?")
    if len(parts) - 1 != len(params):
        raise ValueError("%d parameters for %d placeholders" % (len(params), len(parts) - 1))
    out = [parts[0]]
    for v, rest in zip(params, parts[1:]):
        out += [_literal(v), rest]
    return "".join(out)


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return self.rows

    def __iter__(self):
        return iter(self.rows)


class _Pg:
    def __init__(self, db):
        self.db = db

    def execute(self, sql, params=()):
        wrapped = "select coalesce(json_agg(t), '[]') from (%s) t" % _bind(sql, params)
        out = subprocess.run(["psql", "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", self.db, "-c", wrapped],
                             check=True, capture_output=True, text=True).stdout
        # a tuple per row, in column order, duplicate column names kept
        return _Rows([tuple(r) for r in json.loads(out, object_pairs_hook=lambda p: [v for _, v in p])])


def connect(db):
    return _Pg(db) if is_pg(db) else sqlite3.connect(db)
