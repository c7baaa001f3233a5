"""Rows of a query on a test store, SQLite file or PostgreSQL URI alike.

The ingest scorers read the store a test built (tests/tap.sh store_new): a
SQLite path through Python's sqlite3, or a postgresql:// URI through psql
(Debian has no PostgreSQL driver for Python here), so one scorer serves both
backends. rows(db, sql) returns a list of tuples with SQL's types: the
query is wrapped in json_agg on PostgreSQL so integers stay integers and
NULL stays None.
"""
import json
import sqlite3
import subprocess


def is_pg(db):
    return db.startswith("postgresql://") or db.startswith("postgres://")


def rows(db, sql):
    if not is_pg(db):
        con = sqlite3.connect(db)
        try:
            return [tuple(r) for r in con.execute(sql)]
        finally:
            con.close()
    wrapped = "select coalesce(json_agg(t), '[]') from (%s) t" % sql
    out = subprocess.run(["psql", "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", wrapped],
                         check=True, capture_output=True, text=True).stdout
    # a list per row, in column order, duplicate column names kept
    return [tuple(r) for r in json.loads(out, object_pairs_hook=lambda p: [v for _, v in p])]


class Store:
    """A stand-in for sqlite3's connection where only execute() is used."""

    def __init__(self, db):
        self.db = db

    def execute(self, sql):
        return iter(rows(self.db, sql))
