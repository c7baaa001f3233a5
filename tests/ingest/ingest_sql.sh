# ingest_sql.sh: the SQL the ingest tests spell differently per backend
# (source it after tap.sh). Quarantine keeps a row's raw bytes as a BLOB on
# SQLite and a bytea on PostgreSQL; the tests compare those bytes as upper-
# case hex and read a valid-UTF-8 row back as text.
raw_hex_sql() { # raw_hex_sql STORE: an expression for quarantine.raw as upper-case hex
    if store_is_pg "$1"; then echo "upper(encode(raw, 'hex'))"; else echo "hex(raw)"; fi
}
raw_text_sql() { # raw_text_sql STORE: an expression for quarantine.raw as text (UTF-8 rows only)
    if store_is_pg "$1"; then echo "convert_from(raw, 'UTF8')"; else echo "cast(raw as text)"; fi
}
